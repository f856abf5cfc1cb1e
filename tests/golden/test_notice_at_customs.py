"""A notice in hand and "the holding period has probably ended" never stand together
(review15 R-R41). A US -> GB parcel scanned at customs on 1 September, the recipient holding
Royal Mail's fee-to-pay card, was told on 20 November both "The holding period has probably
ended" (21 days) and "The recipient pays the import charges" / "Send the recipient the
customs documents" (in Australia also "Have the recipient collect it").
- Past a hold the destination's own period on record sets (Royal Mail 21 days, Australia
  30-45, Germany's customs office 9), or past a pickup hold (the pickup notice is dated by
  its scan: cases/real/nl-co-postnl-parcel-to-colombia-not-collected-duties-unpaid-back-
  after-five-months), the hold has ended whatever the notice asked for: ask the operator
  what became of it; no step still has the recipient pay, answer or collect.
- With no period on record, the typical one runs from the notice, whose date is not known,
  and notices come months after the customs scan (cases/real/cn-ar-aliexpress-shirt-held-
  months-notice-to-clear: the arrival notice five months on, the item still there): the
  notice's own steps apply and nothing says the hold has ended."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
NOTICE_STEPS = {
    "recipient-pays-charges",
    "recipient-answers-customs",
    "send-customs-documents",
    "recipient-collects-parcel",
}
NOTICES = {
    "fee-to-pay": ("customs-charge-to-pay", "recipient-pays-charges"),
    "customs-letter": ("customs-asks-recipient", "recipient-answers-customs"),
}


def _ids(destination: str, stage: str, notice: str, **dates: Any) -> tuple[set[str], set[str]]:
    answers = {
        "origin": "US",
        "destination": destination,
        "carrier": "usps",
        "service": "tracked-post",
        "last_event": stage,
        "customs_notice": notice,
        "recipient_says": "not-received",
        **dates,
    }
    result = diagnose(KB, answers, TODAY)
    return {s.id for s in result.situations}, {a.id for a in result.advice}


SCANNED = {"shipped_on": dt.date(2026, 8, 20), "last_event_on": dt.date(2026, 9, 1)}


@pytest.mark.parametrize("destination", ["NZ", "AR"])
@pytest.mark.parametrize("notice", sorted(NOTICES))
def test_a_notice_at_customs_with_no_period_on_record_is_acted_on(destination, notice):
    situations, advice = _ids(destination, "customs", notice, **SCANNED)
    situation, step = NOTICES[notice]
    assert situation in situations and step in advice, (situations, advice)
    assert "hold-period-ended" not in situations and "ask-about-ended-hold" not in advice


@pytest.mark.parametrize("destination", ["GB", "AU", "DE"])
@pytest.mark.parametrize("notice", sorted(NOTICES))
def test_past_the_destinations_own_customs_hold_the_operator_is_asked_only(destination, notice):
    situations, advice = _ids(destination, "customs", notice, **SCANNED)
    assert "hold-period-ended" in situations and "ask-about-ended-hold" in advice
    assert not advice & NOTICE_STEPS, advice
    assert not situations & {situation for situation, _ in NOTICES.values()}


@pytest.mark.parametrize(
    "dates", [SCANNED, {"shipped_on": dt.date(2026, 3, 1)}], ids=["dated", "undated"]
)
@pytest.mark.parametrize("notice", sorted(NOTICES))
def test_a_pickup_hold_that_ran_out_asks_the_operator_only(notice, dates):
    situations, advice = _ids("GB", "awaiting-pickup", notice, **dates)
    assert "hold-period-ended" in situations and "ask-about-ended-hold" in advice
    assert not advice & NOTICE_STEPS, advice
    assert not situations & {situation for situation, _ in NOTICES.values()}


def test_with_no_notice_the_customs_hold_still_ends():
    situations, _ = _ids("GB", "customs", "none", **SCANNED)
    assert "hold-period-ended" in situations
