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


def situations(kb: KnowledgeBase, destination: str, days: int) -> set[str]:
    answers = {
        "origin": "FR",
        "destination": destination,
        "shipped_on": TODAY - dt.timedelta(days=days + 5),
        "last_event": "delivery-attempted",
        "last_event_on": TODAY - dt.timedelta(days=days),
        "recipient_says": "not-received",
    }
    return {s.id for s in diagnose(kb, answers, TODAY).situations}


def test_a_german_parcel_waits_eight_days_after_a_failed_delivery(kb: KnowledgeBase):
    assert "hold-period-ended" not in situations(kb, "DE", 8)
    assert "hold-period-ended" in situations(kb, "DE", 9)
    assert "hold-period-ended" in situations(kb, "DE", 15)
