"""The batch's memo of rule sessions: it reuses a session for identical answers while
that pays, and lets go of what it holds when rows do not repeat (batch/outcome.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from parcel_doctor.batch.outcome import Memo, diagnose_row

TODAY = dt.date(2026, 11, 25)


def answers(n: int) -> dict[str, str]:
    """Answers that differ from row to row (a posting day each), as most exports' do."""
    return {
        "destination": "DE",
        "shipped_on": (TODAY - dt.timedelta(days=1 + n % 150)).isoformat(),
        "last_event": "export",
    }


def test_rows_that_do_not_repeat_pause_the_memo_and_empty_it(kb):
    memo = Memo(kb)
    for n in range(Memo.PROBE - 1):
        diagnose_row(kb, answers(n), TODAY, memo)
    assert len(memo.cache) == Memo.PROBE - 1 and not memo._paused
    diagnose_row(kb, answers(Memo.PROBE), TODAY, memo)  # the trial's last look-up
    assert not memo.cache and memo._paused == Memo.PAUSE
    outcome = diagnose_row(kb, answers(0), TODAY, memo)  # seen before, but paused
    assert not outcome.reused and not memo.cache and memo._paused == Memo.PAUSE - 1
    assert dataclasses.replace(outcome, reused=False) == diagnose_row(kb, answers(0), TODAY)


def test_a_paused_memo_tries_again_after_its_pause(kb):
    memo = Memo(kb)
    memo._paused = 2
    for _ in range(3):
        diagnose_row(kb, answers(7), TODAY, memo)
    assert memo.hits == 0 and len(memo.cache) == 1
    assert diagnose_row(kb, answers(7), TODAY, memo).reused


def test_rows_that_repeat_keep_the_memo_on(kb):
    memo = Memo(kb)
    rows = 3 * Memo.PROBE
    reused = sum(diagnose_row(kb, answers(n % 8), TODAY, memo).reused for n in range(rows))
    assert reused == rows - 8 and not memo._paused and memo.runs == 8


def test_the_summary_says_how_many_rows_took_an_earlier_rows_result():
    from parcel_doctor.batch.summary import Summary

    def said(reused: int, sessions: int) -> str:
        lines = Summary(today=TODAY, reused=reused, sessions=sessions).lines()
        return next(line for line in lines if line.startswith("Identical answers"))

    # 2 of 20,000 was "0 %", and "reused a rule session" meant nothing to a seller
    assert said(2, 19_998) == (
        "Identical answers: 2 of 20000 diagnosed rows took the result of an earlier row "
        "with the same answers (under 1 %)."
    )
    assert said(19_999, 1).endswith("(over 99 %).")
    assert said(1, 1).endswith("(50 %).")
