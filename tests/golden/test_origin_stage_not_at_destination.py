"""A parcel the tracking still shows at the origin is not looked for in the destination
(review14 R-R32): a US -> AU label created two days earlier got "Have the recipient collect it
... where it waits (the post office ...)" (ask-at-the-post-office, rules/45-customs-returns.toml),
and an item accepted at the origin nine days earlier, bound for a destination outside the UPU
(AD), got "Track it on the destination operator's own site" and "Contact the operator delivering
it in the destination". A parcel the recipient holds, damaged, got the same two steps for TW
(R-R29). Once the parcel can be in the destination (no events known, or late), the steps stay."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
DESTINATION_SIDE = {
    "recipient-collects-parcel",
    "check-destination-operator-site",
    "contact-destination-operator",
}


def _advice(answers: dict[str, object], today: dt.date) -> set[str]:
    return {a.id for a in diagnose(KB, answers, today).advice}


@pytest.mark.parametrize("stage", ["label-created", "accepted"])
def test_a_parcel_still_at_the_origin_is_not_collected_in_australia(stage):
    answers = {
        "origin": "US",
        "destination": "AU",
        "carrier": "usps",
        "service": "tracked-post",
        "shipped_on": dt.date(2026, 11, 17),
        "last_event": stage,
        "last_event_on": dt.date(2026, 11, 18),
        "recipient_says": "not-received",
    }
    assert not DESTINATION_SIDE & _advice(answers, dt.date(2026, 11, 20))


OUTSIDE_UPU = {
    "origin": "MR",
    "destination": "AD",
    "carrier": "ctt",
    "shipped_on": dt.date(2024, 7, 16),
}


def test_accepted_at_the_origin_is_not_asked_of_a_non_upu_destination():
    answers = OUTSIDE_UPU | {"last_event": "accepted", "last_event_on": dt.date(2024, 7, 27)}
    assert not DESTINATION_SIDE & _advice(answers, dt.date(2024, 8, 5))


def test_late_with_no_event_known_the_non_upu_destination_is_asked():
    assert "contact-destination-operator" in _advice(OUTSIDE_UPU, dt.date(2024, 9, 5))


def test_a_recipient_holding_it_damaged_is_not_sent_to_the_destination():
    answers = {
        "tracking_number": "RR123456785DE",
        "destination": "TW",
        "last_event": "delivered",
        "shipped_on": dt.date(2026, 10, 1),
        "last_event_on": dt.date(2026, 10, 20),
        "recipient_says": "received-damaged",
    }
    advice = _advice(answers, dt.date(2026, 11, 20))
    assert not DESTINATION_SIDE & advice, advice
    assert "file-inquiry" in advice
