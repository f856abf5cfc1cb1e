"""A row's answers from its cells, as the plan says to read them.

Each answer key is read from its columns in order; an empty cell means unknown and the
next column is tried. Dates are read in the preset's (or `--date-format`'s) order; a
date that reads two ways is an error naming both readings. A value the answer cannot
take is an error, except for the preset's `soft` keys (a carrier name or a tracking
status the knowledge base does not know), which are left unknown with a note.

What a cell gives (answer, notes or error) depends only on its answer key, its column's
heading and its text as written, the knowledge base, today and the file's date order, so
each distinct cell is worked out once per file (`Reading.verdicts`, bounded; tracking
numbers, one per row, are not kept). A row's answers come back as `Checked`:
`diagnose()` does not normalise them again.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from parcel_doctor.batch.columns import Plan
from parcel_doctor.batch.presets import UNKNOWN
from parcel_doctor.batch.reading import MISSING, Row, scientific, undecodable
from parcel_doctor.dates import (
    AmbiguousDate,
    date_span,
    order_for,
    parse_date_text,
    spoken,
    stretch_note,
)
from parcel_doctor.diagnosis.answers import MAX_ANSWER_LENGTH, Checked, parse_answer, stretch_of
from parcel_doctor.events.read import stage_from_text
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.tracking.formats import not_a_number


@dataclass
class RowInput:
    """What a row gives the diagnosis: answers, notes on what was not used, or an error."""

    answers: Checked = field(default_factory=Checked)
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    not_shipped: str | None = None  # why the row is not diagnosed (not shipped, no parcel)
    no_parcel: bool = False  # ... because it holds nothing to post (a digital item)
    unread_event: str | None = None  # the newest event's words, when they name no stage


_YEAR_LAST = re.compile(r"\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{4}(?!\d)")
"""A numeric date whose year, four digits, comes last (`02.05.2024`): never year first."""


_DAY_NUMBER = re.compile(r"\d{5}(?:\.\d+)?")
SPREADSHEET_DAY_0 = dt.date(1899, 12, 30)
"""The day before day 1 of the 1900 date system, in which spreadsheets count a date
(ECMA-376 Part 1, 'Date Representation': serial 1 is 1 January 1900, 1900 counted as a
leap year, so 38749 is 1 February 2006; Excel's date systems page: 40729 is 5 July 2011):
a date column saved as General holds these numbers (45234: 4 November 2023)."""


def _day_number(text: str, today: dt.date) -> dt.date | None:
    """The day a cell's number stands for, when it looks like a spreadsheet's day number
    of a date from 1 January 2000 to a year after today; else None."""
    if not _DAY_NUMBER.fullmatch(text):
        return None
    day = SPREADSHEET_DAY_0 + dt.timedelta(days=int(float(text)))
    return day if dt.date(2000, 1, 1) <= day <= today + dt.timedelta(days=366) else None


def read_date(text: str, today: dt.date, plan: Plan) -> dt.date:
    """A date cell in the file's own way of writing dates; `ValueError` saying why not.
    A preset's year-first order does not apply to a date written with its year last (a
    Shopify export re-saved by a spreadsheet: `02.05.2024 09:00`): it is read as any
    date is, an error naming both readings when it reads two ways. A spreadsheet's day
    number (`45234`) is never read as a date (unless --date-format says so): the error
    says what it looks like."""
    if plan.date_format:
        try:
            return dt.datetime.strptime(text.strip(), plan.date_format).date()
        except ValueError:
            raise ValueError(
                f"{text!r} is not a date written as --date-format {plan.date_format!r}"
            ) from None
    counted = _day_number(text.strip(), today)
    if counted is not None:
        raise ValueError(
            f"{text.strip()!r} looks like a spreadsheet's day number ({spoken(counted)} in "
            "the usual 1900 date system), not a date: format the column as a date in the "
            "spreadsheet and export again"
        )
    order = plan.date_order
    if order == "ymd" and _YEAR_LAST.match(text.strip()):
        order = None
    order = order_for(text, order)  # a date written with dots: day first
    try:
        return parse_date_text(text, today, order=order)
    except AmbiguousDate as error:
        first, second = error.readings
        raise ValueError(
            f"{text.strip()!r} could be {spoken(first)} (day first) or {spoken(second)} "
            "(month first), and no date in the file says which: give --date-format dmy "
            "or --date-format mdy"
        ) from None


def year_eve(day: dt.date) -> dt.date:
    """The eve of `day`'s first anniversary: the latest day not after it that has a given
    day and month is the first such day on or after `day` (29 February: 28 February of
    the next year)."""
    if day.year == dt.MAXYEAR:
        return dt.date.max
    if (day.month, day.day) == (2, 29):
        return dt.date(day.year + 1, 2, 28)
    return day.replace(year=day.year + 1) - dt.timedelta(days=1)


def _undated_day(
    plan: Plan, row: Row, column: tuple[int, str], today: dt.date
) -> tuple[dt.date, str | None]:
    """The day the row's dates written without a year are read as of: the eve of the
    first anniversary of its date in the preset's `year_from` column (so each is the first
    such day on or after that date); today when that cell is empty, with a note when it
    holds no date."""
    position, heading = column
    value: str | bool | None = None
    try:
        value = cell_value(row, position)
        if not isinstance(value, str):
            return today, None
        start = read_date(excel_text(value), today, plan)
    except ValueError as error:
        shown = f" {value!r}" if value is not None else ""
        return today, (
            f"{heading}{shown} not used: {error}; a date without a year is read as the "
            "latest such day not after today"
        )
    return year_eve(start), None


def cell_value(row: Row, position: int, path: tuple[str, ...] = ()) -> str | bool | None:
    """A cell's value as an answer is read from it (None: empty), following `path` into
    a JSON object; `ValueError` for a list or an object where one value is wanted."""
    return _value(_inside(row.cells[position], path))


def _inside(raw: Any, path: tuple[str, ...]) -> Any:
    """The value at `path` inside a JSON object cell (MISSING where a key is absent)."""
    for name in path:
        if not isinstance(raw, dict):
            return MISSING
        raw = raw.get(name, MISSING)
    return raw


def _value(raw: Any) -> str | bool | None:
    if raw is MISSING or raw is None:
        return None
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (dict, list)):
        raise ValueError(f"{json.dumps(raw)[:80]} is not a single value")
    text = raw if isinstance(raw, str) else str(raw)
    return text if text.strip() else None


def row_input(kb: KnowledgeBase, plan: Plan, row: Row, today: dt.date) -> RowInput:
    """The row's answers (normalised), notes and error."""
    if row.problem and not row.cells:
        return RowInput(error=row.problem)
    result = RowInput(Checked(), [row.note] if row.note else [])
    errors: list[str] = [row.problem] if row.problem else []
    reading = plan.reading(kb)
    verdicts = _verdicts(reading.verdicts, plan, today)
    undated = today  # the day a date written without a year is read as of
    if reading.year_from is not None:
        undated, said = _undated_day(plan, row, reading.year_from, today)
        if said is not None:
            result.notes.append(said)
    formulas = row.formulas
    for position, formula in formulas.items():
        unsaved = (
            f"{plan.header[position]!r} holds a formula ({formula[:60]}) whose value was "
            "never saved"
        )
        if position in reading.mapped:
            errors.append(
                f"{unsaved}: open and save the workbook in a spreadsheet program (which "
                "computes it), or export it as CSV"
            )
        else:
            result.notes.append(f"{unsaved}; written as empty")
    cells = row.cells
    status: tuple[str, str] | None = None  # the first last-event cell: (heading, text)
    suggested: dict[str, tuple[Any, str]] = {}  # what a status cell's wording also answers
    named: list[tuple[str, str]] = []  # carrier or service cells naming a carrier's product
    for key, question, kind, places in reading.keys:
        for position, path, heading in places:
            if formulas and position in formulas:
                break
            raw = _inside(cells[position], path) if path else cells[position]
            if type(raw) is str:  # `_value` of text (a CSV's every cell), quicker
                if raw.startswith('="'):
                    raw = excel_text(raw)
                value: str | bool | None = raw if raw.strip() else None
            else:
                try:
                    value = _value(raw)
                except ValueError as error:
                    errors.append(f"{key}: {heading!r}: {error}")
                    break
            if value is None:
                continue
            if key in _PRODUCT_KEYS and isinstance(value, str) and kb.product_named(value):
                named.append((heading, value))  # a carrier's product: read as the shop's
                continue
            if key == "last_event" and status is None:
                status = (heading, str(value))
            if kind == "tracking-number" and isinstance(value, str):
                why = not_a_number(value) if len(value) <= MAX_ANSWER_LENGTH else None
                if why:  # 'N/A', '-', '0'
                    result.notes.append(f"{heading} {value!r} {why}: read as no number")
                    continue
                first, *others = several_numbers(value)
                if others:
                    rest = ", ".join(repr(o) for o in others)
                    own = "needs a row of its own" if len(others) == 1 else "need rows of their own"
                    result.notes.append(
                        f"{heading} holds {len(others) + 1} tracking numbers: the first, "
                        f"{first!r}, is diagnosed; {rest} {own}"
                    )
                    value = first
                verdict = _verdict(kb, plan, key, question, kind, heading, value, today, today)
            else:  # the same words in the same column give the same answer: once a file
                cell = (key, heading, value, undated if kind == "date" else None)
                known: _Verdict | None = verdicts.get(cell)
                if known is None:
                    known = verdicts[cell] = _verdict(
                        kb, plan, key, question, kind, heading, value, today, undated
                    )
                verdict = known
            stage = reading.reached.get(position)  # a delivery date: the stage is known too
            told = result.answers.get("last_event")
            if verdict.found and stage is not None and status is not None and told != stage:
                result.notes.append(
                    f"{heading} {value!r} not used: {status[0]} {status[1]!r} does not say {stage}"
                )
                continue
            if verdict.found:
                result.answers[key] = verdict.answer
                if verdict.stretch is not None:  # its last day; the words for its first
                    result.answers.said[key] = verdict.stretch
                if stage is not None:
                    result.answers["last_event"] = stage
                for other, answer, said in verdict.suggested:
                    suggested.setdefault(other, (answer, said))
            elif verdict.unread and result.unread_event is None:
                result.unread_event = verdict.unread
            if verdict.notes:
                result.notes += verdict.notes
            if verdict.error is not None:
                errors.append(verdict.error)
            if verdict.final:
                break
    for key, (answer, said) in suggested.items():  # a column for the key wins
        if key not in result.answers:
            result.answers[key] = answer
            result.notes.append(said)
    for position in plan.service_names:  # the shop's service name, where it names a product
        named.append((plan.header[position], cells[position]))
    for heading, shown in named:
        _product(kb, heading, shown, result)
    for key, value in plan.defaults.items():  # --set: where the row leaves it empty
        if key not in result.answers:
            result.answers[key] = value
            words = plan.defaults.said.get(key)
            span = stretch_of(words, today)
            if words is not None and span is not None:  # read as a date cell's words
                result.answers.said[key] = words
                result.notes.append(f"--set {key} {stretch_note(words, span)}")
    if errors:
        result.error = "; ".join(errors)
    if "last_event" in result.answers:  # another column told the stage
        result.unread_event = None
    return result


_PRODUCT_KEYS = frozenset({"carrier", "service"})
"""Answer keys whose column may hold a carrier's product name ("USPS Ground Advantage" in
a ShipStation grid's 'Service'): read as a `[[product]]`, as a preset's `shop_service`."""


def _product(kb: KnowledgeBase, heading: str, cell: Any, result: RowInput) -> None:
    """The carrier and service a shop's service name gives ("Royal Mail 2nd Class"),
    where no column answered them, said in a note; a name that is no product but opens
    with a carrier's name ("J&T (Long Distance)") gives the carrier alone."""
    product = kb.product_named(cell) if isinstance(cell, str) and cell.strip() else None
    if product is None:
        opening = kb.carrier_opening(cell) if isinstance(cell, str) else None
        unanswered = opening is not None and "carrier" not in result.answers
        if unanswered and _works_on(kb, str(opening), result):
            result.answers["carrier"] = opening
            result.notes.append(f"{heading} {cell.strip()!r} read as carrier {opening}")
        return
    if result.answers.get("carrier", product["carrier"]) != product["carrier"]:
        return  # another carrier's column wins, and the product is not its own
    read = []
    numbered = "tracking_number" in result.answers  # then the number tells its service
    for key in ("carrier", "service"):
        if key not in result.answers and (key == "carrier" or not numbered):
            result.answers[key] = product[key]
            read.append(f"{key} {product[key]}")
    if read:
        result.notes.append(f"{heading} {cell.strip()!r} read as {' and '.join(read)}")


def _works_on(kb: KnowledgeBase, carrier: str, result: RowInput) -> bool:
    """Whether the carrier works in the row's origin or destination (its `countries`),
    or neither is known: a shop's title opening with a word that is also a carrier's
    alias ("Poste ..." in a French shop is not Poste Italiane) is read only there."""
    places = [result.answers.get(k) for k in ("origin", "destination")]
    known = [p for p in places if isinstance(p, str)]
    served = kb.carriers[carrier].get("countries", ())
    return not known or "*" in served or any(p in served for p in known)


class _Verdict(NamedTuple):
    """What one cell gives its answer key: the answer (when `found`), notes, or an error;
    not `final`: the key's next column is tried."""

    found: bool
    answer: Any
    notes: tuple[str, ...]
    error: str | None
    final: bool
    unread: str | None = None  # tracking wording that names no stage parcel-doctor can tell
    stretch: str | None = None  # a date cell's words that name a stretch of days
    # other answers the wording suggests ("Aguardando pagamento": customs_notice =
    # fee-to-pay), each (key, answer, note): used where no column or --set answers the key
    suggested: tuple[tuple[str, Any, str], ...] = ()


VERDICTS_KEPT = 4096
"""Cells' verdicts a file's memo holds at most (`row_input`): an export repeats its
countries, carriers, statuses and dates, so a few thousand cover most files; one with
more distinct values (times of day on every date) starts the memo over when it is full."""


def _verdicts(verdicts: dict[Any, Any], plan: Plan, today: dt.date) -> dict[Any, Any]:
    """The file's memo of verdicts (`Reading.verdicts`), emptied when what a verdict also
    depends on changed (today, the date order, the soft keys) or when it is full."""
    stamp = (today, plan.date_order, plan.date_format, plan.soft)
    if verdicts.get(None) != stamp or len(verdicts) > VERDICTS_KEPT:
        verdicts.clear()
        verdicts[None] = stamp
    return verdicts


def _verdict(
    kb: KnowledgeBase,
    plan: Plan,
    key: str,
    question: Mapping[str, Any],
    kind: str,  # the question's
    heading: str,
    value: str | bool,
    today: dt.date,
    undated: dt.date,  # the day a date written without a year is read as of
) -> _Verdict:
    try:
        meant = _meant(plan, kind, key, value, undated)
        read: tuple[str, ...] = ()
        stretch = None
        if isinstance(meant, _Stretch):
            read, stretch = (f"{heading} {meant.note}",), str(value)
            meant = meant.last
        answer = parse_answer(kb, question, meant, today)
    except _Unknown:
        unknown = f"{heading} {value!r} does not tell the {key}; left unknown"
        return _Verdict(False, None, (unknown,), None, False)
    except ValueError as error:
        if key == "last_event" and isinstance(value, str) and not undecodable(value):
            return _wording(kb, plan, heading, value, today)
        if key in plan.soft:
            return _Verdict(False, None, (f"{heading} {value!r} not used: {error}",), None, False)
        return _Verdict(False, None, (), f"{key}: {error}", True)
    said = kb.country_names.note(value) if kind == "country" and isinstance(value, str) else None
    if said:
        read = (f"{heading} {value!r}: {said}",)
    return _Verdict(True, answer, read, None, True, stretch=stretch)


def _wording(kb: KnowledgeBase, plan: Plan, heading: str, text: str, today: dt.date) -> _Verdict:
    """A last-event cell that is no stage id, read as the carrier's wording. When it names
    no stage, a file's own words are said plainly (never the interview's hints: there is
    nothing to pick in a file), and the row keeps the words (`RowInput.unread_event`)."""
    read = stage_from_text(kb, text, today)
    if read is not None:  # the carrier's wording, not a stage id
        suggested = []
        for key, (value, how) in read.answers.items():
            try:
                answer = parse_answer(kb, kb.questions[key], value, today)
            except ValueError:
                continue
            suggested.append((key, answer, f"{heading}: {how}"))
        notes = (f"{heading}: {read.how}",)
        return _Verdict(True, read.stage, notes, None, True, suggested=tuple(suggested))
    why = "its wording names no stage parcel-doctor can tell"
    if "last_event" in plan.soft:
        return _Verdict(False, None, (f"{heading} {text!r} not used: {why}",), None, False, text)
    stages = ", ".join(map(str, kb.stages))
    error = f"last_event: {text!r} is no stage ({stages}) and {why}"
    return _Verdict(False, None, (), error, True, text)


_EXCEL_TEXT = re.compile(r'="((?:[^"]|"")*)"', re.DOTALL)


def excel_text(cell: str) -> str:
    """The text inside a spreadsheet text formula, as exports write a number to keep its
    digits and leading zeros (`="0360002043958740"`; `=""` is empty); any other cell as
    it is."""
    found = _EXCEL_TEXT.fullmatch(cell.strip())
    return found.group(1).replace('""', '"') if found else cell


_LIST_SEPARATOR = re.compile(r"\s*[,;|\n]\s*")


def several_numbers(text: str) -> list[str]:
    """The tracking numbers a cell holds: one, or several written as a list (separated by
    commas, semicolons, bars or line breaks, or by spaces when every part is a whole number
    of ten characters or more: `9400 1112 0621 ...`, a number written in groups, stays one).
    A number a spreadsheet rounded with a decimal comma (`3,60003E+14`) is one cell's one
    number, never split at its comma."""
    if scientific(text):
        return [text]
    parts = [p for p in _LIST_SEPARATOR.split(text.strip()) if p]
    if len(parts) > 1:
        return parts
    words = text.split()
    if len(words) > 1 and all(len(w) >= 10 and any(c.isdigit() for c in w) for w in words):
        return words
    return [text]


class _Unknown(ValueError):
    """A platform word that the preset says does not tell the answer."""


def _meant(plan: Plan, kind: str, key: str, value: str | bool, undated: dt.date) -> Any:
    """The cell's value as its answer is parsed from: a platform word as the preset says
    (`_Unknown` for one that does not tell the answer), a date read the file's way (one
    written without a year as the latest such day not after `undated`);
    `ValueError` for bytes that are not UTF-8 or a number whose digits a spreadsheet lost."""
    if isinstance(value, str) and len(value) <= MAX_ANSWER_LENGTH:
        bad = undecodable(value)
        if bad:
            raise ValueError(
                f"{value!r} holds a byte that is not UTF-8 ({bad}); give --encoding "
                "(cp1252, latin-1, ...) if the file is not UTF-8"
            )
        if kind == "tracking-number" and scientific(value):
            raise ValueError(
                f"{value!r} is a number a spreadsheet wrote in scientific notation: its "
                "digits are lost; format the column as text and export again"
            )
        meant = plan.preset.value_for(key, value) if plan.preset else None
        if meant == UNKNOWN:
            raise _Unknown(value)
        if meant is not None:
            return meant
        if kind == "date":
            try:
                return read_date(value, undated, plan)
            except ValueError:
                span = date_span(value, undated)  # a month or part of one, as answers take it
                if span is None:
                    raise
                return _Stretch(span[1], stretch_note(value, span))
    return value


class _Stretch(NamedTuple):
    """A date cell that names a stretch of days (`September 2026`): its last day, as an
    answer's stretch is read (`diagnose` dates deadlines from its first), and the note
    saying so."""

    last: dt.date
    note: str
