"""A pickup hold is said to have ended only after the destination's own period, or, where
none is recorded, after the longest common one (facts/time_limits.toml pickup-hold-longest);
the shortest common one (pickup-hold) stays the date to act by (rules/15-whom.toml
pickup-hold-default, rules/45-destination.toml hold-ran-out)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

ROOT = Path(__file__).resolve().parents[2]
KB = loader.load(ROOT / "facts", ROOT / "rules")
TODAY = dt.date(2026, 11, 25)
SHORTEST = KB.tables["limits"]["pickup-hold"]["days"]
LONGEST = KB.tables["limits"]["pickup-hold-longest"]["days"]


def situations(destination: str, days: int) -> set[str]:
    answers = {
        "origin": "US",
        "destination": destination,
        "shipped_on": TODAY - dt.timedelta(days=days + 10),
        "last_event": "delivery-attempted",
        "last_event_on": TODAY - dt.timedelta(days=days),
        "recipient_says": "not-received",
    }
    return {s.id for s in diagnose(KB, answers, TODAY).situations}


def test_the_defaults_are_ordered():
    assert SHORTEST < LONGEST


@pytest.mark.parametrize("days", [SHORTEST + 1, (SHORTEST + LONGEST) // 2, LONGEST])
def test_without_a_recorded_period_the_item_may_still_wait(days):
    # Italy has no pickup period in facts/holding_periods.toml
    assert "pickup" not in {
        h["hold"] for h in KB.records("holding_periods") if h["destination"] == "IT"
    }
    found = situations("IT", days)
    assert "hold-period-ended" not in found and "delivery-attempted" in found, days


def test_without_a_recorded_period_the_hold_ends_after_the_longest():
    assert "hold-period-ended" in situations("IT", LONGEST + 1)


def test_a_recorded_period_is_the_end():
    days = next(
        h["days"]
        for h in KB.records("holding_periods")
        if h["destination"] == "GB" and h["hold"] == "pickup"
    )
    assert "hold-period-ended" not in situations("GB", days)
    assert "hold-period-ended" in situations("GB", days + 1)
