"""Writing the rows: CSV (comma-separated, formula-safe), strict JSON Lines, or .xlsx.

Every input cell is written back as it came; the added columns follow. In CSV and
.xlsx output, any cell a spreadsheet would run as a formula is neutralised with a
leading `'`, including formulas hidden behind leading spaces, no-break or zero-width
spaces, a byte-order mark or a line break, and the full-width equals, plus, minus and
at signs (U+FF1D, U+FF0B, U+FF0D, U+FF20).
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from parcel_doctor.batch.outcome import RowOutcome
from parcel_doctor.batch.reading import MISSING, Row

# Characters a spreadsheet skips before it looks for a formula's first character.
_INVISIBLE = " \t\r\n\u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
_FORMULA = re.compile(f"^[{_INVISIBLE}]*[=+\\-@\uff1d\uff0b\uff0d\uff20\u2212]|^[\t\r\n]")


# The characters `_FORMULA` can match first: a cell starting with any other is text.
_LEADS = frozenset(
    _INVISIBLE.replace("\u2000-\u200d", "".join(map(chr, range(0x2000, 0x200E))))
    + "=+-@\uff1d\uff0b\uff0d\uff20\u2212"
)


def neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading `'` before anything that could start a
    formula (`=`, `+`, `-`, `@`, their full-width forms, the minus sign, after any
    spaces or invisible characters) and before a leading tab, CR or line feed."""
    if cell[:1] not in _LEADS:  # most cells: no regex needed
        return cell
    return "'" + cell if _FORMULA.match(cell) else cell


def added_values(outcome: RowOutcome, columns: Sequence[str]) -> list[str]:
    """The added cells of one row, as text, in `columns` order."""
    values = {
        "situation": outcome.situation or "",
        "situations": "; ".join(outcome.situations),
        "advice": "; ".join(outcome.advice),
        "act_by": outcome.act_by or "",
        "situation_title": outcome.situation_title or "",
        "first_step": outcome.first_step or "",
        "first_step_by": outcome.first_step_by or "",
        "first_step_link": outcome.first_step_link or "",
        "corrected_number": outcome.corrected_number or "",
        "missing": "; ".join(outcome.missing),
        "note": "; ".join(outcome.notes),
        "error": outcome.error or "",
    }
    return [values[c] for c in columns]


def _cell(value: Any) -> str:
    if value is MISSING or value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _cells(row: Row) -> list[str]:
    """The row's own cells as text (`_cell`; a CSV's cells are text already)."""
    return [v if type(v) is str else _cell(v) for v in row.cells]


def _unique(header: Sequence[str]) -> list[str]:
    """JSON keys for the header: a repeated heading gets ` (2)`, ` (3)`..."""
    seen: Counter[str] = Counter()
    out = []
    for name in header:
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


class Writer:
    """The interface of the three writers: `write` each row, then `close`."""

    def write(self, row: Row, outcome: RowOutcome) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Finish the output (the .xlsx writer saves here)."""


class CsvWriter(Writer):
    def __init__(
        self, out: IO[str], header: Sequence[str], columns: Sequence[str], delimiter: str = ","
    ) -> None:
        self.columns = columns
        self._csv = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
        self._csv.writerow([neutralise(h) for h in (*header, *columns)])

    def write(self, row: Row, outcome: RowOutcome) -> None:
        cells = _cells(row) + added_values(outcome, self.columns)
        # `neutralise`, its first test inline: most cells start with no formula character
        self._csv.writerow([neutralise(c) if c[:1] in _LEADS else c for c in cells])


class JsonlWriter(Writer):
    """Strict JSON (no NaN or Infinity); each input object's values as they were."""

    def __init__(self, out: IO[str], header: Sequence[str], columns: Sequence[str]) -> None:
        self.out, self.columns, self._keys = out, columns, _unique(header)

    def write(self, row: Row, outcome: RowOutcome) -> None:
        record = {k: v for k, v in zip(self._keys, row.cells, strict=False) if v is not MISSING}
        values = dict(zip(self.columns, added_values(outcome, self.columns), strict=True))
        lists = {"situations": outcome.situations, "advice": outcome.advice}
        lists["missing"], lists["note"] = outcome.missing, outcome.notes
        for column in self.columns:
            record[column] = lists.get(column, values[column] or None)
        self.out.write(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPED = re.compile("[\udc80-\udcff]+")


def _xlsx_text(text: str) -> str:
    """Text a workbook can hold: bytes that were not UTF-8 shown as Windows-1252, control
    characters XML forbids written as `\\xNN`."""
    text = _ESCAPED.sub(
        lambda m: m.group().encode("utf-8", "surrogateescape").decode("cp1252", "replace"), text
    )
    return _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class XlsxWriter(Writer):
    """One sheet, every cell a text cell (a workbook never runs a batch's cell as a formula)."""

    def __init__(self, path: Path, header: Sequence[str], columns: Sequence[str]) -> None:
        from openpyxl import Workbook

        self.path, self.columns = path, columns
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet("diagnosed")
        self._row([*header, *columns])

    def _row(self, cells: Sequence[str]) -> None:
        from openpyxl.cell import WriteOnlyCell

        out = []
        for text in cells:
            cell = WriteOnlyCell(self.sheet, value=_xlsx_text(neutralise(text)))
            cell.data_type = "s"
            out.append(cell)
        self.sheet.append(out)

    def write(self, row: Row, outcome: RowOutcome) -> None:
        self._row(_cells(row) + added_values(outcome, self.columns))

    def close(self) -> None:
        self.book.save(self.path)
