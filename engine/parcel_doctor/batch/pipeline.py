"""Diagnose a whole order export: every row in, the same rows plus a diagnosis out.

Rows stream through one at a time (or in small bounded blocks with `jobs > 1`), so
memory does not grow with the export. Each row is read as the plan says
(`batch.columns`, `batch.cells`), diagnosed (`batch.outcome`, with a memo of identical
rule sessions) and written in input order (`batch.writing`). A row that cannot be
diagnosed keeps its data and gets an `error`; blank lines and a preset's trailer lines
are counted, not written. Input that cannot be used at all raises `BatchInputError`
before any row is written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from parcel_doctor.batch.cells import RowInput, row_input
from parcel_doctor.batch.columns import COLUMN_SETS, BatchInputError, Plan, map_columns
from parcel_doctor.batch.date_order import settle_date_order
from parcel_doctor.batch.outcome import Memo, RowOutcome, diagnose_row
from parcel_doctor.batch.presets import heading_key
from parcel_doctor.batch.reading import MISSING, Row, Source
from parcel_doctor.batch.summary import Summary
from parcel_doctor.batch.workers import Work, diagnose_block, in_workers
from parcel_doctor.batch.writing import CsvWriter, JsonlWriter, Writer, XlsxWriter
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.text import fold

# the row, what it gives, the line whose result it repeats, whether it starts an order
_Tag = tuple[Row, RowInput, int | None, bool]


def _is_trailer(plan: Plan, row: Row) -> bool:
    text = " ".join(str(c).strip() for c in row.cells if c is not MISSING and str(c).strip())
    return any(p.search(text) for p in plan.trailer)


def _not_shipped(plan: Plan) -> list[tuple[int, str, frozenset[str]]]:
    """The columns where the preset's words say an order is not shipped yet."""
    table = plan.preset.not_shipped if plan.preset else None
    if not table:
        return []
    wanted = {heading_key(h): (h, words) for h, words in table.items()}
    return [
        (position, *wanted[heading_key(heading)])
        for position, heading in enumerate(plan.header)
        if heading_key(heading) in wanted
    ]


def _unshipped(checks: list[tuple[int, str, frozenset[str]]], row: Row) -> str | None:
    for position, heading, words in checks:
        cell = row.cells[position] if position < len(row.cells) else MISSING
        if cell is not MISSING and fold(str(cell), sep="") in words:
            said = repr(str(cell).strip()) if str(cell).strip() else "empty"
            return (
                f"not shipped yet ({heading!r} is {said}): nothing to diagnose until it "
                "has been posted"
            )
    return None


def _prepared(
    kb: KnowledgeBase, plan: Plan, source: Source, today: dt.date, summary: Summary
) -> Iterator[tuple[_Tag, dict[str, Any] | None]]:
    """Each row to write, with its answers (None: nothing to diagnose).

    With a preset's `group_by` (one order over several rows), a row takes the answers
    it lacks from the rows of its order above it; a row that adds nothing repeats the
    result of the order's first row.
    """
    group = plan.group
    order: tuple[Any, int] | None = None  # the order's group value and its first line
    known: dict[str, tuple[Any, int]] = {}  # the order's answers so far, with their line
    unshipped_checks = _not_shipped(plan)
    for row in source.rows:
        if row.blank:
            summary.blank += 1
            continue
        if plan.trailer and _is_trailer(plan, row):
            summary.trailer.append((row.line, " ".join(str(c) for c in row.cells if c)[:60]))
            continue
        given = row_input(kb, plan, row, today)
        if unshipped_checks and given.error is None:
            given.not_shipped = _unshipped(unshipped_checks, row)
        repeats, starts = None, False
        if group is not None and row.cells:
            value = row.cells[group]
            if order is None or value != order[0] or value in ("", MISSING):
                order, known, starts = (value, row.line), {}, True
            elif not given.answers and not given.error:
                repeats = order[1]
            else:
                for key, (answer, line) in known.items():
                    if key not in given.answers:
                        given.answers[key] = answer
                        given.notes.append(f"{key} from line {line} (the same order)")
            for key, answer in given.answers.items():
                known.setdefault(key, (answer, row.line))
        diagnose = given.error is None and repeats is None and given.not_shipped is None
        yield (row, given, repeats, starts), (given.answers if diagnose else None)


def _finish(
    given: RowInput, outcome: RowOutcome | None, repeated: RowOutcome | None, line: int | None
) -> RowOutcome:
    if given.error is not None:
        return RowOutcome(error=given.error, notes=list(given.notes))
    if given.not_shipped is not None:
        return RowOutcome(notes=[given.not_shipped, *given.notes], not_shipped=True)
    if repeated is not None and line is not None:
        again = dataclasses.replace(repeated, notes=[*repeated.notes], reused=False)
        again.notes.append(f"more of the order on line {line}: its result")
        return again
    assert outcome is not None
    outcome.notes[:0] = given.notes
    return outcome


def make_writer(
    fmt: str,
    out: IO[str] | Path,
    header: list[str],
    columns: str = "all",
    delimiter: str = ",",
) -> Writer:
    """The writer for an output format; `.xlsx` needs a path, the others a text stream."""
    added = COLUMN_SETS[columns]
    if fmt == "xlsx":
        if not isinstance(out, Path):
            raise BatchInputError("an .xlsx output needs --out FILE")
        return XlsxWriter(out, header, added)
    if isinstance(out, Path):
        raise TypeError("a text output stream is needed for CSV and JSON Lines")
    if fmt == "jsonl":
        return JsonlWriter(out, header, added)
    return CsvWriter(out, header, added, delimiter)


def run_batch(
    kb: KnowledgeBase,
    source: Source,
    out: IO[str] | Path | None,
    today: dt.date,
    *,
    fmt: str = "csv",
    plan: Plan | None = None,
    assignments: Sequence[str] = (),
    preset: str | None = None,
    columns: str = "all",
    delimiter: str | None = None,
    jobs: int = 1,
    facts: Path | None = None,
    rules: Path | None = None,
    on_row: Callable[[int], None] | None = None,
    work: Work = diagnose_block,
) -> Summary:
    """Diagnose every row of `source`, write it to `out` (None: only count), summarise.

    The plan is `map_columns`' unless given (`BatchInputError` before any row is
    written when nothing can be read).
    """
    plan = plan or map_columns(kb, source.header, assignments, preset)
    settle_date_order(kb, plan, source, today)
    writer = None
    if out is not None:
        writer = make_writer(fmt, out, source.header, columns, delimiter or source.delimiter)
    summary = Summary(today, read_as=plan.describe() + source.notes)
    items = _prepared(kb, plan, source, today, summary)
    results: Iterator[tuple[_Tag, RowOutcome | None]]
    if jobs <= 1:
        memo = Memo(kb)
        results = (
            (tag, None if answers is None else diagnose_row(kb, answers, today, memo))
            for tag, answers in items
        )
    else:
        results = in_workers(items, jobs, facts, rules, today, work)
    first: dict[int, RowOutcome] = {}  # the result of the current order's first row
    for (row, given, repeats, starts), outcome in results:
        final = _finish(given, outcome, first.get(repeats) if repeats else None, repeats)
        if repeats:
            summary.repeated += 1
        if starts:
            first = {row.line: final}
        if outcome is not None and outcome.error is None:
            summary.reused += outcome.reused
            summary.sessions += not outcome.reused
        if writer is not None:
            writer.write(row, final)
        summary.add(row, final)
        if on_row is not None:
            on_row(summary.rows)
    if writer is not None:
        writer.close()
    return summary
