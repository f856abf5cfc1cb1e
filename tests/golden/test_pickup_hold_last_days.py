"""In the days between a pickup hold's usual end and its latest end, the collect step keeps
a date (review14 R-R30). A FR -> DE parcel awaiting pickup (DHL: seven working days, eight
or nine calendar days, facts/holding_periods.toml) 8 days after the event was told "collect
it ... before the holding period ends", undated, though the product's own date for the
usual end had passed; at 10 days it is hold-period-ended. Now the latest end dates the step
(rules/40-progress.toml pickup-hold-in-its-last-days)."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
DE_PICKUP = next(
    r for r in KB.records("holding_periods") if r["destination"] == "DE" and r["hold"] == "pickup"
)


def _collect(days_ago: int) -> str | None:
    answers = {
        "origin": "FR",
        "destination": "DE",
        "carrier": "la-poste",
        "service": "tracked-post",
        "last_event": "awaiting-pickup",
        "shipped_on": dt.date(2026, 10, 25),
        "last_event_on": TODAY - dt.timedelta(days=days_ago),
        "recipient_says": "not-received",
    }
    steps = {a.id: a.due for a in diagnose(KB, answers, TODAY).advice}
    assert "recipient-collects-parcel" in steps, steps
    return steps["recipient-collects-parcel"]


@pytest.mark.parametrize(
    "days_ago", range(DE_PICKUP["days"] + 1, DE_PICKUP["ended_after_days"] + 1)
)
def test_in_the_last_days_the_latest_end_dates_the_step(days_ago):
    latest = TODAY - dt.timedelta(days=days_ago) + dt.timedelta(days=DE_PICKUP["ended_after_days"])
    assert _collect(days_ago) == latest.isoformat()


@pytest.mark.parametrize("days_ago", range(DE_PICKUP["days"] + 1))
def test_within_the_usual_hold_its_end_dates_the_step(days_ago):
    usual = TODAY - dt.timedelta(days=days_ago) + dt.timedelta(days=DE_PICKUP["days"])
    assert _collect(days_ago) == usual.isoformat()
