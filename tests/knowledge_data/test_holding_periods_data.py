"""Holding periods recorded in facts/holding_periods.toml say what their sources say.
Germany (DHL's terms inside Germany): a parcel that could not be delivered waits seven
working days, Monday to Saturday, from the day after the attempt: about eight calendar
days. Before it was recorded, the hold on a German parcel was said to have ended only after
the longest common period (30 days, pickup-hold-longest)."""

from __future__ import annotations

import datetime as dt

from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge.loader import KnowledgeBase

TODAY = dt.date(2026, 11, 26)


def hold_ended(kb: KnowledgeBase, days_since_attempt: int, destination: str = "DE") -> bool:
    """A parcel from France whose delivery in the destination failed that many days ago."""
    attempt = TODAY - dt.timedelta(days=days_since_attempt)
    answers = dict(origin="FR", destination=destination, last_event="delivery-attempted")
    answers |= dict(last_event_on=attempt, shipped_on=attempt - dt.timedelta(days=5))
    answers["recipient_says"] = "not-received"
    return "hold-period-ended" in {s.id for s in diagnose(kb, answers, TODAY).situations}


def test_a_german_parcel_waits_eight_days_after_a_failed_delivery(kb: KnowledgeBase):
    assert not hold_ended(kb, 8)
    assert hold_ended(kb, 9)
    assert hold_ended(kb, 15)


def test_a_singpost_package_waits_ten_working_days_after_a_failed_delivery(kb: KnowledgeBase):
    """SingPost keeps it 10 working days (attempt 9 October, kept to 23 October: 14 days);
    before, the hold was said to have ended only after the 30-day default."""
    assert not hold_ended(kb, 14, "SG")
    assert hold_ended(kb, 15, "SG")
