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
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from parcel_doctor.batch.cells import RowInput, row_input
from parcel_doctor.batch.columns import COLUMN_SETS, BatchInputError, Plan, map_columns
from parcel_doctor.batch.date_order import settle_date_order
from parcel_doctor.batch.outcome import Memo, RowOutcome, diagnose_row, event_unread
from parcel_doctor.batch.presets import Words, heading_key
from parcel_doctor.batch.reading import MISSING, Row, Source
from parcel_doctor.batch.summary import Summary
from parcel_doctor.batch.workers import Work, diagnose_block, in_workers
from parcel_doctor.batch.writing import CsvWriter, JsonlWriter, Writer, XlsxWriter
from parcel_doctor.knowledge.loader import KnowledgeBase

# the row, what it gives, the line whose result it repeats, whether later lines of its
# order repeat its result
_Tag = tuple[Row, RowInput, int | None, bool]


def _is_trailer(plan: Plan, row: Row) -> bool:
    text = " ".join(str(c).strip() for c in row.cells if c is not MISSING and str(c).strip())
    return any(p.search(text) for p in plan.trailer)


@dataclass(frozen=True)
class _Words:
    """The columns where a preset's words say a row is not to be diagnosed."""

    not_shipped: list[tuple[int, str, Words]]  # any one of them: not shipped yet
    # every heading of one entry (all in the file): nothing to post
    no_parcel: list[list[tuple[int, str, Words]]]
    to_hub: list[tuple[int, str, Words]]  # any one of them: posted to the platform's hub
    platform_ships: list[tuple[int, str, Words]]  # any one: shipped from the platform's stock

    @property
    def positions(self) -> set[int]:
        checks = [*self.not_shipped, *(c for entry in self.no_parcel for c in entry)]
        return {position for position, _, _ in [*checks, *self.to_hub, *self.platform_ships]}


def _words(plan: Plan) -> _Words:
    """The file's columns named by the preset's `not_shipped`, `no_parcel`, `to_hub` and
    `platform_ships` words."""
    preset = plan.preset
    at = {heading_key(h): n for n, h in reversed(list(enumerate(plan.header)))}

    def present(table: Mapping[str, Words]) -> list[tuple[int, str, Words]]:
        found = [(at[heading_key(h)], w) for h, w in table.items() if heading_key(h) in at]
        return [(position, plan.header[position], w) for position, w in found]

    if preset is None:
        return _Words([], [], [], [])
    entries = [present(entry) for entry in preset.no_parcel]
    whole = [e for e, entry in zip(entries, preset.no_parcel, strict=True) if len(e) == len(entry)]
    return _Words(
        present(preset.not_shipped or {}),
        whole,
        present(preset.to_hub or {}),
        present(preset.platform_ships or {}),
    )


def _said(heading: str, cell: str | None) -> str:
    return f"{heading!r} is {repr(cell.strip()) if cell and cell.strip() else 'empty'}"


def _held(words: _Words, cells: Mapping[int, str | None]) -> tuple[str, bool] | None:
    """Why the row is not diagnosed (and whether it holds nothing to post), if it is not.

    `cells` are the row's cells at the checked columns, an empty one filled from the
    lines above of the same order; a cell the row stops before (None) says nothing."""

    def says(position: int, listed: Words) -> bool:
        cell = cells.get(position)
        return cell is not None and listed.hold(cell)

    for entry in words.no_parcel:
        if all(says(position, listed) for position, _, listed in entry):
            said = ", ".join(_said(h, cells.get(p)) for p, h, _ in entry)
            return f"nothing to post ({said}): not a parcel, not diagnosed", True
    for position, heading, listed in words.platform_ships:
        if says(position, listed):
            said = _said(heading, cells.get(position))
            return (
                f"shipped by the platform from its own stock ({said}): the seller posted no "
                "parcel to trace; the platform answers for its delivery, not diagnosed",
                True,
            )
    for position, heading, listed in words.not_shipped:
        if says(position, listed):
            return (
                f"not shipped yet ({_said(heading, cells.get(position))}): nothing to "
                "diagnose until it has been posted",
                False,
            )
    return None


def _to_hub(words: _Words, cells: Mapping[int, str | None], given: RowInput) -> None:
    """A parcel the preset's `to_hub` words say was posted to the platform's hub in the
    country it is sent from (the platform carrying it abroad): a domestic parcel to that
    country, whatever country the buyer is in. When the origin is not known the file's
    destination is kept (eBay.co.uk writes the hub's country there), and the note says
    how to give the origin."""
    said = next(
        (
            _said(heading, cells.get(position))
            for position, heading, listed in words.to_hub
            if (cell := cells.get(position)) is not None and listed.hold(cell)
        ),
        None,
    )
    if said is None:
        return
    origin = given.answers.get("origin")
    was = given.answers.get("destination")
    if origin is None:
        kept = f"the destination read ({was}) is kept; " if was is not None else ""
        given.notes.append(
            f"{said}: the parcel goes to the platform's hub in the country it is sent from, "
            f"which the file does not give: {kept}give --set origin=XX to diagnose it as a "
            "domestic parcel to that hub"
        )
        return
    given.answers["destination"] = origin
    other = f" (not {was})" if was is not None and was != origin else ""
    given.notes.append(
        f"{said}: the parcel goes to the platform's hub in {origin}, which carries it on: "
        f"diagnosed as a domestic parcel to that hub{other}"
    )


def _prepared(
    kb: KnowledgeBase, plan: Plan, source: Source, today: dt.date, summary: Summary
) -> Iterator[tuple[_Tag, dict[str, Any] | None]]:
    """Each row to write, with its answers (None: nothing to diagnose).

    With a preset's `group_by` (one order over several rows), a row takes the answers
    it lacks from the rows of its order above it, and so do its cells that the preset's
    `not_shipped` and `no_parcel` words are checked on (an eBay item line without a ship
    date of its own is shipped when its order line is); a row that adds nothing repeats
    the result of the order's first line that is a parcel.
    """
    group = plan.group
    order: Any = None  # the order's group value
    lead: int | None = None  # the line whose result the order's later lines repeat
    known: dict[str, tuple[Any, int]] = {}  # the order's answers so far, with their line
    above: dict[int, tuple[str, int]] = {}  # the order's checked cells so far, with their line
    words = _words(plan)
    checked = words.positions
    for row in source.rows:
        if row.blank:
            summary.blank += 1
            continue
        if plan.trailer and _is_trailer(plan, row):
            summary.trailer.append((row.line, " ".join(str(c) for c in row.cells if c)[:60]))
            continue
        given = row_input(kb, plan, row, today)
        value = row.cells[group] if group is not None and row.cells else None
        if group is None or value != order or value in ("", MISSING, None):
            order, lead, known, above = value, None, {}, {}
        cells: dict[int, str | None] = {}  # None: the row stops before this column
        filled = []
        for position in checked:
            cell = row.cells[position] if position < len(row.cells) else MISSING
            text = None if cell is MISSING else str(cell)
            if text is not None and text.strip():
                above.setdefault(position, (text, row.line))
            elif position in above:
                text, line = above[position]
                filled.append(f"{plan.header[position]!r} from line {line} (the same order)")
            cells[position] = text
        held = _held(words, cells) if checked and given.error is None else None
        if held is not None:
            given.not_shipped, given.no_parcel = held
            given.notes += filled
        repeats, leads = None, False
        if group is not None and held is None:
            if lead is not None and not given.answers and not given.error:
                repeats = lead
            else:
                for key, (answer, line) in known.items():
                    if key not in given.answers:
                        given.answers[key] = answer
                        given.notes.append(f"{key} from line {line} (the same order)")
        if words.to_hub and held is None and given.error is None and repeats is None:
            _to_hub(words, cells, given)
        if group is not None:
            for key, answer in given.answers.items():
                known.setdefault(key, (answer, row.line))
            if lead is None and not given.no_parcel:
                lead, leads = row.line, True
        diagnose = given.error is None and repeats is None and given.not_shipped is None
        yield (row, given, repeats, leads), (given.answers if diagnose else None)


def _finish(
    kb: KnowledgeBase,
    given: RowInput,
    outcome: RowOutcome | None,
    repeated: RowOutcome | None,
    line: int | None,
) -> RowOutcome:
    if given.error is not None:
        return RowOutcome(error=given.error, notes=list(given.notes))
    if given.not_shipped is not None:
        return RowOutcome(
            notes=[given.not_shipped, *given.notes],
            not_shipped=not given.no_parcel,
            no_parcel=given.no_parcel,
        )
    if repeated is not None and line is not None:
        again = dataclasses.replace(repeated, notes=[*repeated.notes], reused=False)
        again.notes.append(f"more of the order on line {line}: its result")
        return again
    assert outcome is not None
    outcome.notes[:0] = given.notes
    if given.unread_event is not None:
        event_unread(kb, outcome, given.unread_event)
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
    first: dict[int, RowOutcome] = {}  # the result the current order's later lines repeat
    for (row, given, repeats, leads), outcome in results:
        final = _finish(kb, given, outcome, first.get(repeats) if repeats else None, repeats)
        if repeats:
            summary.repeated += 1
        if leads:
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
