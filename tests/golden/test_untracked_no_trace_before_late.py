"""An untracked item cannot be traced on any day (rules/55-recipient.toml
untracked-cannot-be-traced): once it has been on its way longer than such items usually
take (facts/time_limits.toml [[transit]] untracked-post typical_days) and the recipient
has nothing, the report says no trace is possible, whether or not the item is late yet
(cases/real/kr-xx-children-s-book-...: the post said so at once, 34 days out, while the
rules waited for day 40 to say it)."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TYPICAL = KB.tables["transit"]["untracked-post"]["typical_days"]
TODAY = dt.date(2026, 11, 27)


def _steps(days_out: int, **how: object) -> dict[str, object]:
    answers: dict[str, object] = {
        "origin": "KR",
        "destination": "FR",
        "service": "untracked-post",
        "shipped_on": TODAY - dt.timedelta(days=days_out),
        "recipient_says": "not-received",
        **how,
    }
    result = diagnose(KB, answers, TODAY)
    return {a.id: a for a in result.advice}


@pytest.mark.parametrize("days_out", [TYPICAL + 1, 34])
def test_past_its_usual_time_not_yet_late_no_trace_is_said(days_out):
    steps = _steps(days_out)
    assert "no-trace-for-untracked" in steps, sorted(steps)
    assert "wait-until" in steps  # not late yet: the wait stays beside it
    assert "file-inquiry" not in steps


@pytest.mark.parametrize("days_out", [1, TYPICAL])
def test_within_its_usual_time_nothing_is_said_of_a_trace(days_out):
    assert "no-trace-for-untracked" not in _steps(days_out)


def test_received_says_nothing_of_a_trace():
    assert "no-trace-for-untracked" not in _steps(34, recipient_says="received")


def test_a_tracked_item_is_not_told_it_cannot_be_traced():
    assert "no-trace-for-untracked" not in _steps(34, service="registered-post")
