"""The order an export writes its numeric dates in, read from its own cells.

`03/02/2025` reads two ways; the file itself usually settles which: a `02/24/2025` a few
lines on can only be month first, a `24/02/2025` only day first. Before the rows are
diagnosed, the first `LOOKAHEAD` rows are read ahead (and given back unchanged, in
order) and their date cells looked at:

- only month-first (or only day-first) dates that read one way: the file's dates are
  read in that order, and the summary says so, naming the line that shows it (also
  over a preset's order: a shop can set its own date format);
- both kinds: the file mixes them; nothing is decided, each date that reads two ways
  stays an error for its row naming both readings, and the summary names one line of
  each kind;
- none: the other columns are looked at the same way (an export's order or payment time,
  `Created Time 20/11/2026 10:00:00`, where only its shipping dates are read as answers),
  each cell that is a whole numeric date with or without its time; they decide as above,
  and the summary names the column;
- still none: nothing changes.

`--date-format` always wins. Dates with the month's name or the year first say nothing
about the order and are read as before. A date written with dots that reads two ways
(`02.10.2026`) says nothing either: it is read day first, as everywhere dots are written
(`dates.DOTTED`, as answers and tracking histories read it), and the summary says so.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from parcel_doctor.batch.cells import cell_value
from parcel_doctor.batch.columns import Plan
from parcel_doctor.batch.reading import Row, Source
from parcel_doctor.dates import parse_date_text
from parcel_doctor.knowledge.loader import KnowledgeBase

LOOKAHEAD = 1000
"""Rows read ahead to learn the file's date order (held in memory, then diagnosed)."""

# a numeric date's day and month, before its year: `24/02/2025`, `02.24.25 10:22`
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*\d{2,4}(?!\d)")
_WORDS = {"dmy": "day first", "mdy": "month first"}
# a cell that is a numeric date and nothing else but its time: `20/11/2026 10:00:00`
_WHOLE_DATE = re.compile(
    r"\s*\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{2,4}"
    r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?\s*"
)


def written_order(text: str, today: dt.date) -> str | None:
    """`dmy` or `mdy` when a numeric date can be read only that way (`24/02/2025`,
    `02/24/2025`); None when it reads two ways, names its month, starts with the year,
    or is not a date."""
    found = _NUMERIC.search(text)
    if found is None:  # the month's name, or the year first: no order to tell
        return None
    try:
        day = parse_date_text(text, today)
    except ValueError:
        return None
    parts = (int(found.group(1)), int(found.group(2)))
    if day.day == day.month or _two_way_dotted(text):  # read by the dots, not the file
        return None
    if parts == (day.day, day.month):
        return "dmy"
    return "mdy" if parts == (day.month, day.day) else None


def settle_date_order(kb: KnowledgeBase, plan: Plan, source: Source, today: dt.date) -> None:
    """Learn the file's date order from its first rows (see the module's text): may set
    `plan.date_order`, adds a line to `source.notes`, and gives `source.rows` back whole."""
    if plan.date_format:
        return
    keys = [k for k in plan.keys if kb.questions[k]["kind"] == "date"]
    if not keys:
        return
    ahead = list(itertools.islice(source.rows, LOOKAHEAD))
    source.rows = itertools.chain(ahead, source.rows)
    shown: dict[str, tuple[int, str]] = {}  # order -> the first line showing it
    dotted: tuple[int, str] | None = None  # the first dotted date that reads two ways
    for row in ahead:
        if row.blank or not row.cells:
            continue
        for key in keys:
            for position, path in plan.where(key):
                try:
                    value = cell_value(row, position, path)
                except ValueError:
                    break
                if not isinstance(value, str):
                    continue
                order = written_order(value, today)
                if order is not None:
                    shown.setdefault(order, (row.line, repr(value.strip())))
                elif dotted is None and _two_way_dotted(value):
                    dotted = (row.line, value.strip())
                break
    if not shown:
        shown = _shown_elsewhere(plan, ahead, today)
    note = _decide(plan, shown)
    if note:
        source.notes.append(note)
    if dotted is not None and plan.date_order in (None, "ymd"):  # ymd: not for year last
        source.notes.append(
            f"Dates written with dots are read day first ({dotted[1]!r} on line {dotted[0]}), "
            "as everywhere dots are written; give --date-format to read them otherwise."
        )


def _shown_elsewhere(
    plan: Plan, ahead: list[Row], today: dt.date
) -> dict[str, tuple[int, str]]:
    """The orders the columns read as no answer show (order -> its first line, and the
    cell with its column's heading), from cells that are whole numeric dates."""
    read = {p for positions in plan.keys.values() for p in positions}
    others = [p for p in range(len(plan.header)) if p not in read]
    shown: dict[str, tuple[int, str]] = {}
    for row in ahead:
        if row.blank:
            continue
        for position in others:
            value = row.cells[position] if position < len(row.cells) else None
            if not isinstance(value, str) or not _WHOLE_DATE.fullmatch(value):
                continue
            order = written_order(value, today)
            if order is not None and order not in shown:
                heading = plan.header[position].strip()
                shown[order] = (row.line, f"{value.strip()!r} (column {heading!r})")
    return shown


def _two_way_dotted(text: str) -> bool:
    found = _NUMERIC.search(text)
    return (
        found is not None
        and "." in found.group(0)
        and all(int(part) <= 12 for part in found.groups())
        and found.group(1) != found.group(2)
    )


def _decide(plan: Plan, shown: dict[str, tuple[int, str]]) -> str | None:
    if len(shown) > 1:
        kinds = "; ".join(
            f"{text} on line {line} only {_WORDS[order]}"
            for order, (line, text) in sorted(shown.items(), key=lambda s: s[1][0])
        )
        return (
            f"Dates are written both day first and month first ({kinds}): a date that "
            "reads two ways is an error for its row naming both readings; give "
            "--date-format if one order is right for the whole file."
        )
    if not shown:
        return None
    ((order, (line, text)),) = shown.items()
    before = plan.date_order
    if before == order:
        return None
    plan.date_order = order
    said = f"Dates are read {_WORDS[order]}: {text} on line {line} reads no other way"
    if before is not None and plan.preset is not None:
        said += f" (the preset {plan.preset.id} says {_WORDS.get(before, 'year first')})"
    return said + "; give --date-format to read them otherwise."
