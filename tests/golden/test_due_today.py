"""A dated step never tells the seller to wait until a day that has come: every step's date
is today or later, and on the day itself the step says to act today (facts/advice.toml
`text_due_today`), never "Wait until <today>", "before <today>" (a deadline that would read
as already passed). Hypothesis explores answers whose dates put a step's date on today:
posting and event dates counted back from today by the windows' and holding periods' own
lengths, with a day either side."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

ROOT = Path(__file__).resolve().parents[2]
KB = loader.load(ROOT / "facts", ROOT / "rules")
TODAY = dt.date(2026, 11, 26)


# the lengths a step's date is counted with: transit windows, silence limits, holding
# periods, the limits (so a posting or event that many days ago puts a date on today)
def _lengths() -> list[int]:
    found = {182, 183, 184}  # six calendar months (the inquiry window) around today
    for table in ("transit", "limits", "domestic_transit", "zone_transit", "holding_periods"):
        for record in KB.tables.get(table, {}).values():
            for key, value in msgspec.to_builtins(record).items():
                if (key == "days" or key.endswith("_days")) and isinstance(value, int):
                    found.add(value)
    return sorted(found)


LENGTHS = _lengths()
STAGES = [s for s in KB.stages if s not in ("none", "label-created")]
ROUTES = [("US", "DE"), ("DE", "DE"), ("CN", "BR"), ("GB", "AU"), ("JP", "NZ"), ("DE", "FR")]
SERVICES = [None, "untracked-post", "registered-post", "tracked-post", "ems", "postal-parcel"]


def _wrong_words(text: str, due: str) -> list[str]:
    said = [f"until {due}", f"before {due}"]
    return [w for w in said if re.search(re.escape(w), text, re.IGNORECASE)]


@settings(max_examples=400, deadline=None)
@given(
    route=st.sampled_from(ROUTES),
    service=st.sampled_from(SERVICES),
    stage=st.sampled_from([None, *STAGES]),
    posted=st.sampled_from(LENGTHS),
    event=st.sampled_from([None, *LENGTHS]),
    shift=st.integers(-1, 1),
    recipient=st.sampled_from([None, "not-received"]),
    notice=st.sampled_from([None, "none", "notice-card"]),
)
def test_no_step_waits_until_a_day_that_has_come(
    route, service, stage, posted, event, shift, recipient, notice
):
    answers: dict = {
        "origin": route[0],
        "destination": route[1],
        "shipped_on": TODAY - dt.timedelta(days=posted + shift),
    }
    if service:
        answers["service"] = service
    if stage:
        answers["last_event"] = stage
        if event is not None and event <= posted:
            answers["last_event_on"] = TODAY - dt.timedelta(days=event + shift)
    if recipient:
        answers["recipient_says"] = recipient
    if notice:
        answers["customs_notice"] = notice
    result = diagnose(KB, answers, TODAY)
    for step in result.advice:
        if step.due is None:
            continue
        assert step.due >= TODAY.isoformat(), (step.id, step.due, answers)
        if step.due == TODAY.isoformat():
            assert not _wrong_words(step.text, step.due), (step.id, step.text, answers)
            assert "today" in step.text.lower(), (step.id, step.text)


def _step(answers: dict, advice_id: str):
    steps = {a.id: a for a in diagnose(KB, answers, TODAY).advice}
    return steps[advice_id]


def test_the_last_day_of_a_pickup_hold_says_collect_today():
    answers = {
        "origin": "US",
        "destination": "GB",
        "shipped_on": dt.date(2026, 10, 20),
        "last_event": "awaiting-pickup",
        "last_event_on": dt.date(2026, 11, 8),  # GB holds 18 days: the last is today
        "recipient_says": "not-received",
    }
    step = _step(answers, "recipient-collects-parcel")
    assert (
        step.due == "2026-11-26" and "TODAY" in step.text and "before 2026-11-26" not in step.text
    )
    answers["last_event_on"] = dt.date(2026, 11, 9)
    assert "before 2026-11-27" in _step(answers, "recipient-collects-parcel").text


def test_a_wait_ending_today_says_the_wait_ends_today():
    answers = {
        "origin": "CN",
        "destination": "BR",
        "shipped_on": dt.date(2026, 11, 5),  # customs hold from posting: 21 days, today
        "last_event": "customs",
    }
    step = _step(answers, "wait-until")
    assert step.due == "2026-11-26"
    assert step.text.startswith("The wait ends today (2026-11-26)")
