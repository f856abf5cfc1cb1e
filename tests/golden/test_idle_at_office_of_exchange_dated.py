"""idle-at-inward-office-of-exchange (rules/45-destination.toml) counts the idle week from
the arrival's own date: with only a posting date, the time on the way there is not time idle
at customs, so a parcel posted 16 days ago whose arrival date is not given is not concluded
held by customs, and keeps its dated wait."""

from __future__ import annotations

import datetime as dt

from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge.loader import KnowledgeBase

TODAY = dt.date(2026, 11, 26)
ARRIVED = {
    "origin": "US",
    "destination": "IT",
    "last_event": "arrived-destination",
    "recipient_says": "not-received",
}


def test_without_the_arrival_date_posting_time_is_not_idle_time(kb: KnowledgeBase):
    result = diagnose(kb, {**ARRIVED, "shipped_on": dt.date(2026, 11, 10)}, TODAY)
    assert "held-in-customs" not in [s.id for s in result.situations]
    assert "wait-until" in [a.id for a in result.advice]


def test_idle_over_a_week_since_the_dated_arrival_is_with_customs(kb: KnowledgeBase):
    answers = {
        **ARRIVED,
        "shipped_on": dt.date(2026, 10, 20),
        "last_event_on": dt.date(2026, 11, 10),
    }
    result = diagnose(kb, answers, TODAY)
    assert "held-in-customs" in [s.id for s in result.situations]
    assert "contact-customs" in [a.id for a in result.advice]
    recent = {**answers, "last_event_on": TODAY - dt.timedelta(days=7)}
    assert "held-in-customs" not in [s.id for s in diagnose(kb, recent, TODAY).situations]
