"""No recipient phone on the label is a step now, not only next time (review22 R22-5).
A Croatian Paket 24 parcel circled the country for 40 days because the postman could not
reach the recipient, whose phone was not on the label; it was delivered once the phone
number was given (cases/real/hr-hr-paket-24-...). Answered phone_given = false, a late
parcel got only 'Next time: give a full address and a phone number'. A carrier calls the
recipient on the number given to arrange a delivery it could not make, and returns the
parcel once its attempts fail (papertuity.com's failed-delivery FAQ; onboardcourier.cn):
so a late or attempted parcel the recipient has not got, with no phone on the
label, gets check-address-with-recipient ('... give <carrier> the corrected details') now.
(A problem scan gets that step already, phone or not.) Not with a phone on the label, nor
when the recipient holds a notice saying where it waits."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
STEP = "check-address-with-recipient"

LATE = {
    "origin": "HR",
    "destination": "HR",
    "carrier": "hrvatska-posta",
    "shipped_on": dt.date(2026, 11, 1),
    "last_event": "in-destination-network",
    "last_event_on": dt.date(2026, 11, 19),
    "recipient_says": "not-received",
}
ATTEMPTED = {
    "origin": "DE",
    "destination": "FR",
    "carrier": "deutsche-post",
    "shipped_on": dt.date(2026, 11, 1),
    "last_event": "delivery-attempted",
    "last_event_on": dt.date(2026, 11, 15),
    "recipient_says": "not-received",
}

IDS = ["late-inside-croatia", "attempted-de-fr"]


def _ids(answers: dict[str, Any]) -> tuple[set[str], list[str]]:
    result = diagnose(KB, answers, TODAY)
    return {s.id for s in result.situations}, [a.id for a in result.advice]


@pytest.mark.parametrize("answers", [LATE, ATTEMPTED], ids=IDS)
def test_review_r22_5_no_phone_on_the_label_is_given_to_the_carrier_now(answers):
    situations, steps = _ids({**answers, "phone_given": False})
    assert situations & {"transit-delayed", "delivery-attempted"}, situations
    assert STEP in steps, steps
    # and next time still
    assert "give-full-address-next-time" in steps, steps
    assert steps.index(STEP) < steps.index("give-full-address-next-time")


@pytest.mark.parametrize("answers", [LATE, ATTEMPTED], ids=IDS)
def test_with_a_phone_on_the_label_no_such_step(answers):
    _, steps = _ids({**answers, "phone_given": True})
    assert STEP not in steps, steps


def test_a_notice_in_hand_says_where_it_waits():
    _, steps = _ids({**ATTEMPTED, "phone_given": False, "customs_notice": "notice-card"})
    assert STEP not in steps, steps
