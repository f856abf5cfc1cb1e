"""A charge to pay or a customs letter in hand is never "probably lost" (review14 R-R37),
as a notice card already was not. A US -> GB USPS parcel, last event in the destination's
network four months ago, the recipient holding Royal Mail's fee-to-pay card, was told
"Held until the recipient pays import charges" AND "Probably lost" + "Decide: reship or
refund": the card says the item waits for the recipient (reshipping would pay twice).
Slips often come months after the last scan (cases/real gb-mm-leavers-book..., us-bi-care-
package...: collected three months on), so the card's date, not the last scan's, counts:
the recipient pays or answers now. With no notice, the same silence is still a loss."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
WAITS = {
    "fee-to-pay": ("customs-charge-to-pay", "recipient-pays-charges"),
    "customs-letter": ("customs-asks-recipient", "recipient-answers-customs"),
    "notice-card": ("awaiting-pickup", "recipient-collects-parcel"),
}


def _diagnosis(notice: str) -> tuple[set[str], set[str]]:
    answers = {
        "origin": "US",
        "destination": "GB",
        "carrier": "usps",
        "service": "tracked-post",
        "last_event": "in-destination-network",
        "shipped_on": dt.date(2026, 7, 5),
        "last_event_on": dt.date(2026, 7, 20),  # four months silent
        "recipient_says": "not-received",
        "customs_notice": notice,
    }
    result = diagnose(KB, answers, TODAY)
    return {s.id for s in result.situations}, {a.id for a in result.advice}


@pytest.mark.parametrize("notice", sorted(WAITS))
def test_a_notice_in_hand_waits_for_the_recipient_however_long_the_silence(notice):
    situations, advice = _diagnosis(notice)
    assert "likely-lost" not in situations and "decide-reship-or-refund" not in advice
    situation, step = WAITS[notice]
    assert situation in situations and step in advice, (situations, advice)


def test_no_notice_silent_that_long_is_still_lost():
    situations, advice = _diagnosis("none")
    assert "likely-lost" in situations and "decide-reship-or-refund" in advice
