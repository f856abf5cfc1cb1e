"""A disruption's hold steps stop once the parcel is out of it: a parcel whose newest event
is dated after the disruption ended (review13 R-R22: a delivery scanned ten days after Canada
Post's strikes, recipient has nothing, was told "caught in a disruption ... expect a delay of
weeks", "Do not reship by the same route yet"), and a parcel the recipient has, damaged
(review13 R-R21: the same steps beside the damage claim; a missent item received damaged was
told to allow the time to be forwarded). Now moving-again-after-the-disruption (a `released`
fact) and the recipient's answer silence them; during the strike they stay."""

from __future__ import annotations

import datetime as dt

from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
HOLD = {
    "warn-recipient-disruption",
    "hold-reship-during-disruption",
    "resend-by-unaffected-carrier",
}
STRIKE = {
    "origin": "GB",
    "destination": "CA",
    "carrier": "royal-mail",
    "service": "tracked-post",
    "shipped_on": dt.date(2025, 9, 20),
}


def _advice(answers: dict[str, object], today: dt.date) -> set[str]:
    return {a.id for a in diagnose(KB, answers, today).advice}


def test_review_r_r22_delivered_after_the_strike_ended():
    answers = STRIKE | {
        "last_event": "delivered",
        "last_event_on": dt.date(2025, 12, 1),
        "recipient_says": "not-received",
    }
    advice = _advice(answers, dt.date(2025, 12, 5))
    assert not HOLD & advice, advice
    assert "contact-destination-operator" in advice


def test_review_r_r22_moving_again_after_the_strike_ended():
    answers = STRIKE | {
        "last_event": "in-destination-network",
        "last_event_on": dt.date(2025, 12, 1),
    }
    assert not HOLD & _advice(answers, dt.date(2025, 12, 5))


def test_review_r_r21_received_damaged_is_not_held():
    answers = STRIKE | {
        "shipped_on": dt.date(2024, 12, 20),
        "last_event": "arrived-destination",
        "last_event_on": dt.date(2024, 12, 30),
        "recipient_says": "received-damaged",
    }
    advice = _advice(answers, dt.date(2025, 1, 20))
    assert not HOLD & advice, advice


def test_review_r_r21_missent_received_damaged_is_not_forwarded():
    answers = {
        "tracking_number": "RR123456785US",
        "destination": "AT",
        "last_event": "missent",
        "shipped_on": dt.date(2026, 10, 20),
        "last_event_on": dt.date(2026, 10, 28),
        "recipient_says": "received-damaged",
    }
    assert "wait-for-rerouting" not in _advice(answers, dt.date(2026, 11, 20))


def test_during_the_strike_the_hold_steps_stay():
    answers = STRIKE | {"last_event": "arrived-destination", "last_event_on": dt.date(2025, 10, 6)}
    assert _advice(answers, dt.date(2025, 10, 20)) >= HOLD
