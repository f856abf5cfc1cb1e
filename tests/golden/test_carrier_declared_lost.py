"""A carrier's own loss declaration is a loss, not a mishap it puts right (review R21-11):
Ninja Van's buyer in Singapore was notified that the parcel was lost in transit and its
delivery cancelled (cases/real/sg-sg-ninja-van-...); answered as a problem scan, it got
carrier-exception's 'Check the address', 'Have the recipient look for it' and 'Contact the
carrier', never likely-lost nor the reship-or-refund decision. exception_reason 'lost' (the
carrier says it is lost) concludes likely-lost with the claim and the settlement now
(declared-lost-by-the-carrier), and the address and look-for-it steps step aside."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2020, 6, 23)
MISHAP_STEPS = {"check-address-with-recipient", "recipient-checks-for-notice"}


def _read(reason: str, **more):
    answers = {
        "origin": "SG",
        "destination": "SG",
        "last_event": "exception",
        "exception_reason": reason,
        "recipient_says": "not-received",
        **more,
    }
    result = diagnose(KB, answers, TODAY)
    return [s.id for s in result.situations], [a.id for a in result.advice]


@pytest.mark.parametrize(
    "more", [{}, {"shipped_on": dt.date(2020, 6, 10)}, {"service": "express-courier"}]
)
def test_review_r21_11_the_carriers_loss_declaration_is_a_loss(more):
    situations, steps = _read("lost", **more)
    assert situations[0] == "likely-lost" and "carrier-exception" not in situations, situations
    assert "decide-reship-or-refund" in steps, steps
    assert not MISHAP_STEPS & set(steps), steps


def test_another_problem_scan_is_still_a_mishap_the_carrier_puts_right():
    situations, steps = _read("other")
    assert situations == ["carrier-exception"]
    assert set(steps) >= MISHAP_STEPS and "decide-reship-or-refund" not in steps


def test_a_parcel_the_recipient_has_is_not_lost_whatever_the_scan_said():
    situations, _ = _read("lost", recipient_says="received")
    assert "likely-lost" not in situations
