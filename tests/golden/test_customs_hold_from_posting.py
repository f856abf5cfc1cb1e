"""At customs with the customs event's date unknown, the hold (counted from that event) cannot
end before the posting date plus the holding period, so the seller is given that date to act
by (rules/40-progress.toml customs-holding-period-from-posting): never a date before today,
never one past the hold's earliest end. Before, a Swiss priority letter at Milan customs ten
days after posting, no notice, got no date at all (cases/real/ch-it-tea-priority-letter-held-
at-milan-customs-agcom-13-euro.toml: released after 23 days)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

ROOT = Path(__file__).resolve().parents[2]
KB = loader.load(ROOT / "facts", ROOT / "rules")
TODAY = dt.date(2026, 11, 26)


# customs holding periods: the destination's own where recorded (facts/holding_periods.toml),
# else the labelled default (facts/time_limits.toml customs-hold)
HOLD = {"GB": 21, "DE": 9, "JP": 31}
DEFAULT = KB.tables["limits"]["customs-hold"]["days"]


@settings(max_examples=120, deadline=None)
@given(
    route=st.sampled_from([("CH", "IT"), ("US", "GB"), ("CN", "BR"), ("US", "DE"), ("US", "JP")]),
    age=st.integers(0, 60),
    notice=st.sampled_from([None, "none", "unknown"]),
)
def test_at_customs_without_the_events_date_act_by_posting_plus_the_hold(route, age, notice):
    shipped = TODAY - dt.timedelta(days=age)
    answers: dict = {
        "origin": route[0],
        "destination": route[1],
        "shipped_on": shipped,
        "last_event": "customs",
        "recipient_says": "not-received",
    }
    if notice:
        answers["customs_notice"] = notice
    result = diagnose(KB, answers, TODAY)
    assert "held-in-customs" in {s.id for s in result.situations}, answers
    dues = {a.due for a in result.advice if a.id == "wait-until"}
    hold = HOLD.get(route[1], DEFAULT)
    if age <= hold:
        assert (shipped + dt.timedelta(days=hold)).isoformat() in dues, answers
    assert all(due is None or due >= TODAY.isoformat() for due in dues), answers


def test_the_swiss_letter_at_milan_customs():
    answers = {
        "origin": "CH",
        "destination": "IT",
        "carrier": "swiss-post",
        "shipped_on": dt.date(2021, 2, 15),
        "last_event": "customs",
        "customs_notice": "none",
        "recipient_says": "not-received",
    }
    result = diagnose(KB, answers, dt.date(2021, 2, 25))
    wait = next(a for a in result.advice if a.id == "wait-until")
    hold = KB.tables["limits"]["customs-hold"]["days"]  # Italy's own period is not recorded
    assert wait.due == (dt.date(2021, 2, 15) + dt.timedelta(days=hold)).isoformat()
