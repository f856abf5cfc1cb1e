"""Reading an export: CSV, JSON Lines or an .xlsx workbook, row by row, nothing dropped.

- Encodings: UTF-8 with or without a byte-order mark, UTF-16 and UTF-32 by their
  byte-order mark (or UTF-16 without one, by its zero bytes), Windows-1252 (Latin-1's
  superset) when the file's first bytes hold letters beyond ASCII none of which is
  UTF-8 (as Tiendanube and older Windows tools save), anything else with `--encoding`.
  In a UTF-8 file, bytes that are not UTF-8 are carried through unchanged (a cell the
  diagnosis needs gets a row error instead).
- CSV: the separator (`,` `;` tab `|`) from the header line, or from a first line
  `sep=;` (a spreadsheet's separator hint, then not a header); a quote that is never
  closed is found (the line it opens swallows later lines that are whole rows, or the
  end of the file) and reported with its line, and the swallowed lines are read again.
- JSON Lines: a line that does not parse, is not an object, or holds a number or a
  nesting Python cannot use is a row error, never a crash.
- Rows a spreadsheet saved as one quoted cell each (the whole row inside, `;` after
  it) are read inside when most rows under the header are so; a line cut from such a
  row is an error for that line.
- Workbooks: one sheet (`--sheet`, or the only sheet laid out as a table when there
  are several); a corrupt, encrypted or old-format (.xls) file gets a clear message.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import json
import math
import re
import shutil
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from parcel_doctor.batch.columns import ADDED, COLUMN_SETS, BatchInputError

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "<missing>"})()
"""A JSON Lines key that a row lacks (kept absent in JSON output)."""

MAX_QUOTED_LINES = 10_000
"""A quoted CSV cell longer than this many lines is taken as a quote never closed."""

JSON_NUMBER_DIGITS = 4000
"""Longer JSON integers cannot be read as numbers (Python refuses 4,300 digits)."""

csv.field_size_limit(sys.maxsize)


@dataclass
class Row:
    """One record of the input: its first line, its cells in header order, a read problem.

    `blank` rows (every cell empty) are counted, not diagnosed or written. `formulas`:
    the workbook cells (by position in `cells`) that hold a formula with no saved value,
    read as empty: the formula's text, so the row can say so. `note`: what was left out
    that held nothing (empty cells after the header's last column).
    """

    line: int
    cells: list[Any]
    problem: str | None = None
    blank: bool = False
    formulas: dict[int, str] = field(default_factory=dict)
    note: str | None = None


@dataclass
class Source:
    """An opened input: its format, header and rows, read lazily."""

    format: str  # "csv", "jsonl" or "xlsx" (an old-format .xls workbook too)
    header: list[str]
    rows: Iterator[Row]
    delimiter: str = ","
    encoding: str = "utf-8"
    size: int | None = None  # bytes, for a progress bar, when known
    consumed: Callable[[], int] = lambda: 0  # bytes read so far
    notes: list[str] = field(default_factory=list)  # what the summary should say
    closers: list[Callable[[], object]] = field(default_factory=list)

    def close(self) -> None:
        for closer in reversed(self.closers):
            closer()


class _Counting(io.RawIOBase):
    """A binary stream that first replays bytes already peeked, and counts what it reads."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head, self._rest, self.count = head, rest, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            n = min(len(view), len(self._head))
            view[:n], self._head = self._head[:n], self._head[n:]
        else:
            data = self._rest.read(len(view))
            n = len(data)
            view[:n] = data
        self.count += n
        return n


# ----------------------------------------------------------------------------- encodings

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


HEAD_BYTES = 65536
"""The first bytes of a file, read to tell its format, encoding and separator."""

_UTF8_LETTER = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
"""A letter beyond ASCII written in UTF-8 (two to four bytes)."""


def _single_byte(head: bytes) -> bool:
    """Whether `head` holds bytes beyond ASCII and not one of them as a UTF-8 letter:
    text in a one-byte encoding (Windows-1252, Latin-1), not UTF-8 with a stray byte.
    A one-byte text whose accents happen to pair as a UTF-8 letter ('Ã©') is rare."""
    if head.isascii():
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and len(head) >= HEAD_BYTES:
            return _single_byte(head[: error.start])  # a letter cut where the read ended
        return _UTF8_LETTER.search(head) is None
    return False


def detect_encoding(head: bytes, given: str | None) -> str:
    """The codec to read with: `--encoding`, else a byte-order mark, else UTF-16 told by
    its zero bytes, else Windows-1252 for a one-byte text (`_single_byte`), else UTF-8
    (undecodable bytes carried through)."""
    if given:
        try:
            return codecs.lookup(given).name
        except LookupError:
            raise BatchInputError(
                f"--encoding {given!r} is not an encoding Python knows "
                "(utf-8, utf-16, latin-1, cp1252, ...)"
            ) from None
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    sample = head[:4096]
    if len(sample) >= 4:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > len(sample) // 4 and even == 0:
            return "utf-16-le"
        if even > len(sample) // 4 and odd == 0:
            return "utf-16-be"
    return "cp1252" if _single_byte(head) else "utf-8"


def _text(stream: IO[bytes], codec: str) -> io.TextIOWrapper:
    # surrogateescape: bytes that do not decode pass through to the output unchanged
    return io.TextIOWrapper(stream, encoding=codec, errors="surrogateescape", newline="")


_ESCAPED = re.compile("[\udc80-\udcff]")


def undecodable(text: str) -> str | None:
    """The first byte of `text` that was not valid in its encoding, as `0xE9`, if any."""
    found = _ESCAPED.search(text)
    return f"0x{ord(found.group()) - 0xDC00:02X}" if found else None


_NOT_TEXT = re.compile("[\udc80-\udcff\x00-\x08\x0b\x0e-\x1f\x7f]")
BINARY_SHARE = 4
"""A file whose first bytes are more than one in this many not text (bytes that are not
UTF-8, control characters) is refused as not text: a stray odd byte or a Windows-1252
file's accents stay far below, an image, an archive or a program file far above."""


def _refuse_binary(path: str, head: bytes) -> None:
    """`BatchInputError` for a file that is not text at all, rather than a header of
    garbage listed back as its columns."""
    sample = head[:4096].decode("utf-8", "surrogateescape")
    odd = len(_NOT_TEXT.findall(sample))
    if len(sample) >= 16 and odd * BINARY_SHARE > len(sample):
        raise BatchInputError(
            f"{path}: not a text file ({100 * odd // len(sample)}% of its first "
            f"{len(sample)} characters are not text): give a CSV, JSON Lines or .xlsx "
            "export; if it is text in another encoding, give --encoding"
        )


# ----------------------------------------------------------------------------- opening


def _sniff_format(path: str, head: bytes) -> str:
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".xlsx", ".xlsm", ".xls") or head.startswith(
        (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
    ):
        return "xlsx"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    stripped = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    return "jsonl" if stripped.startswith(b"{") else "csv"


def open_source(
    path: str,
    stdin: IO[bytes] | None = None,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
) -> Source:
    """Open INPUT (`-` for standard input), detect its format and encoding, read its header.

    `BatchInputError` for input that cannot be used at all.
    """
    try:
        raw: IO[bytes] = (stdin or sys.stdin.buffer) if path == "-" else open(path, "rb")  # noqa: SIM115
    except OSError as error:
        raise BatchInputError(f"{path} cannot be read: {error.strerror}") from None
    try:
        head = raw.read(HEAD_BYTES)
        size = None
        if path != "-":
            try:
                size = Path(path).stat().st_size
            except OSError:
                size = None
        kind = _sniff_format(path, head)
        if kind == "xlsx":
            source = _open_xlsx(path, head, raw, sheet)
        else:
            codec = detect_encoding(head, encoding)
            if codec in ("utf-8", "cp1252") and not encoding:  # guessed: is it text at all?
                _refuse_binary(path, head)
            opener = _open_jsonl if kind == "jsonl" else _open_csv
            source = opener(path, head, raw, size, codec)
            if codec == "cp1252" and not encoding:
                source.notes.append(
                    "Read as cp1252 (Windows-1252, Latin-1's superset): the file is not "
                    "UTF-8; give --encoding if it is another one-byte encoding. The output "
                    "is UTF-8."
                )
            elif codec != "utf-8":
                source.notes.append(f"Read as {codec}; the output is UTF-8.")
            elif undecodable(head.decode("utf-8", "surrogateescape")[:-4]):
                source.notes.append(
                    "The file is not all UTF-8: such bytes are carried through unchanged; "
                    "if it is Latin-1 or Windows-1252, give --encoding cp1252."
                )
        if path != "-":
            source.closers.insert(0, raw.close)
        return source
    except OSError as error:
        raw.close()
        raise BatchInputError(f"{path} cannot be read: {error.strerror or error}") from None
    except BatchInputError:
        raw.close()
        raise


_SEPARATOR_HINT = re.compile(r'"?sep=([,;\t|])"?[,;\t|]*', re.IGNORECASE)
"""The first line Excel writes (and reads) to name a CSV's separator: `sep=;`."""


_SEPARATORS = (",", ";", "\t", "|")


def _delimiter(path: str, lines: list[str]) -> str:
    """The field separator: by suffix for .tsv, else the commonest candidate in the first
    line that is not empty (eBay.de's report starts with an empty line). First lines
    with no separator at all (a title, a date above the header) are passed over when
    every line after them holds at least two of one separator."""
    if path.lower().endswith(".tsv"):
        return "\t"
    content = [line for line in lines if line.strip()] or [""]
    lead = next((i for i, line in enumerate(content) if any(d in line for d in _SEPARATORS)), 0)
    first, rest = content[0], content[lead:]
    if lead and len(rest) >= 2:
        fits = [d for d in _SEPARATORS if all(line.count(d) >= 2 for line in rest)]
        if fits:
            first = rest[0]
    counts = {d: first.count(d) for d in _SEPARATORS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


PREAMBLE_WINDOW = 10
"""How many of the first non-empty lines are looked at to find the header below a title."""

_LETTER = re.compile(r"[^\W\d_]")


def header_among(window: list[list[str]]) -> int:
    """Which of the first non-empty records is the header: the first one, unless a later
    one names at least three columns, more than twice as many as every record above it
    (a report's title, its date, a row of group labels), and every cell of it holds a
    letter (headings do; a data row has numbers, dates, amounts). The records above it
    are a preamble, said in the summary, never read as orders."""
    counts = [sum(1 for c in cells if c.strip()) for cells in window]
    for at in range(1, len(window)):
        if (
            counts[at] >= 3
            and all(2 * counts[above] < counts[at] for above in range(at))
            and all(_LETTER.search(c) for c in window[at] if c.strip())
        ):
            return at
    return 0


def _filled(cells: list[str]) -> bool:
    return any(c.strip() for c in cells)


def _preamble_note(lines: list[tuple[int, list[str]]], header_line: int) -> str:
    said = "; ".join(
        f"line {n} {' '.join(c.strip() for c in cells if c.strip())[:60]!r}" for n, cells in lines
    )
    return f"The header is line {header_line}; above it, not orders and not read: {said}."


# ----------------------------------------------------------------------------- CSV


def _quote_open_after(line: str, delimiter: str, inside: bool) -> bool:
    """Whether a CSV record is still inside a quoted cell after `line` (RFC 4180:
    a quote opens a cell only at its start; `""` inside is a quote)."""
    if '"' not in line:
        return inside
    start = not inside
    i, n = 0, len(line)
    while i < n:
        char = line[i]
        if inside:
            if char == '"':
                if i + 1 < n and line[i + 1] == '"':
                    i += 2
                    continue
                inside, start = False, False
        elif char == '"' and start:
            inside, start = True, False
        else:
            start = char in (delimiter, "\r", "\n")
        i += 1
    return inside


def _cells(record: str, delimiter: str) -> list[str]:
    return next(csv.reader([record], delimiter=delimiter), [])


def _wrapped(cells: list[str], delimiter: str, width: int) -> list[str] | None:
    """The cells of a row a spreadsheet saved as one quoted cell (the row's own quotes
    doubled, the spreadsheet's `;` after it), when a row under a header of three or more
    columns is that: one filled cell, ending with that `;`, holding at least half the
    header's separators (a first cell that only holds separators, `","`, is a cell)."""
    filled = [c for c in cells if c.strip()]
    if width < 3 or len(filled) != 1 or filled[0] != cells[0] or not cells[0].endswith(";"):
        return None
    if cells[0].count(delimiter) < (width - 1) // 2:
        return None
    try:
        return _cells(cells[0].removesuffix(";"), delimiter)
    except csv.Error:  # a bare line break inside: not a row the spreadsheet wrapped
        return None


@dataclass
class _Record:
    line: int
    text: str
    unclosed: int | None = None  # the line where the swallowing stopped, for the message


def _records(
    lines: Iterable[str], delimiter: str, width: Callable[[], int | None]
) -> Iterator[_Record]:
    """CSV records with their first line; a quote never closed yields that line alone
    (`unclosed` set) and the lines it swallowed are read again."""
    source = iter(enumerate(lines, start=1))
    pushed: deque[tuple[int, str]] = deque()

    def next_line() -> tuple[int, str] | None:
        if pushed:
            return pushed.popleft()
        return next(source, None)

    while True:
        item = next_line()
        if item is None:
            return
        start, first = item
        pending = [item]
        inside = _quote_open_after(first, delimiter, False)
        stopped: int | None = None
        while inside:
            item = next_line()
            if item is None:
                stopped = pending[-1][0]
                break
            pending.append(item)
            number, line = item
            inside = _quote_open_after(line, delimiter, True)
            if not inside:
                break  # the quote closes on this line: one long cell, not a lost quote
            expected = width()
            looks_whole = (
                expected is not None
                and expected > 1
                and not _quote_open_after(line, delimiter, False)
                and len(_cells(line, delimiter)) == expected
            )
            if looks_whole or len(pending) > MAX_QUOTED_LINES:
                stopped = number
                break
        if stopped is None:
            yield _Record(start, "".join(text for _, text in pending))
        else:
            yield _Record(start, first, unclosed=stopped)
            pushed.extendleft(reversed(pending[1:]))


def _open_csv(path: str, head: bytes, raw: IO[bytes], size: int | None, codec: str) -> Source:
    counting = _Counting(head, raw)
    text = _text(io.BufferedReader(counting), codec)
    first_lines = head.decode(codec, "replace").lstrip("\ufeff").split("\n")[:-1] or [""]
    first_line = first_lines[0]
    hint = _SEPARATOR_HINT.fullmatch(first_line.strip())
    delimiter = hint.group(1) if hint else _delimiter(path, first_lines[: PREAMBLE_WINDOW * 2])
    width: list[int] = []
    records = _records(text, delimiter, lambda: width[0] if width else None)
    blank_lines: list[int] = []
    window: list[tuple[_Record, list[str]]] = []  # from the first non-empty record on
    notes: list[str] = []
    try:
        for record in records:
            if hint and record.line == 1:
                notes.append(
                    f"Line 1 {first_line.strip()!r} is a spreadsheet's separator hint: "
                    f"the cells are separated by {delimiter!r}."
                )
                continue
            cells = _cells(record.text, delimiter)
            if not window and not _filled(cells):
                blank_lines.append(record.line)
                continue
            window.append((record, cells))
            if record.unclosed is not None or len(window) == PREAMBLE_WINDOW:
                break
    except (csv.Error, UnicodeError) as error:
        raise BatchInputError(f"{path}: the header cannot be read as CSV: {error}") from None
    if not window:
        raise BatchInputError(f"{path}: no header row (the first line names the columns)")
    filled = [i for i, (_, cells) in enumerate(window) if _filled(cells)]
    at = filled[header_among([window[i][1] for i in filled])]
    header_record, header = window[at]
    if header_record.unclosed is not None:
        raise BatchInputError(
            f"{path}: line {header_record.line}: the header opens a quote that is never closed"
        )
    above = window[:at]
    if above:
        preamble = [(r.line, cells) for r, cells in above if _filled(cells)]
        notes.append(_preamble_note(preamble, header_record.line))
        blank_lines += [r.line for r, cells in above if not _filled(cells)]
    after = [r for r, _ in window[at + 1 :]]
    below = [cells for _, cells in window[at + 1 :] if _filled(cells)]
    whole = sum(_wrapped(cells, delimiter, len(header)) is not None for cells in below)
    # the spreadsheet wrote the header as one cell too: its `;` ends the header line
    wrapped = header[-1].endswith(";") and whole >= 2 and whole * 2 > len(below)
    if wrapped:
        header = [*header[:-1], header[-1].removesuffix(";")]
        notes.append(
            f"Each line below the header is one quoted cell holding the whole row (a "
            f"spreadsheet re-saved the file with each line as one cell): the cells inside "
            f"are read, separated by {delimiter!r}."
        )
    names = [h.strip() for h in header]
    kept, shown, said = own_columns(names)  # a re-run replaces the added columns
    every = len(kept) == len(names)
    if said:
        notes.append(said)
    width.append(len(header))

    def rows() -> Iterator[Row]:
        for number in sorted(blank_lines):
            yield Row(number, [], blank=True)
        for record in itertools.chain(after, records):
            if record.unclosed is not None:
                cells = next(csv.reader([record.text], delimiter=delimiter, quoting=csv.QUOTE_NONE))
                problem = (
                    f"line {record.line}: a quote opened on this line is never closed "
                    f"(it would swallow the lines up to {record.unclosed}); not diagnosed, "
                    "the following lines are read as rows"
                )
                yield Row(record.line, _fit(cells, len(header), kept, every), problem)
                continue
            try:
                cells = _cells(record.text, delimiter)
                inner = _wrapped(cells, delimiter, len(header)) if wrapped else None
            except csv.Error as error:
                problem = f"line {record.line}: cannot be read as CSV: {error}"
                yield Row(record.line, [""] * len(kept), problem)
                continue
            if not any(c.strip() for c in cells):
                yield Row(record.line, [], blank=True)
                continue
            if wrapped and inner is None:
                problem = (
                    f"line {record.line}: {cells[0][:60]!r} is not a whole row (the "
                    "spreadsheet that re-saved the file cut a cell of the row above at a "
                    "line break); not diagnosed"
                )
                yield Row(record.line, [""] * len(kept), problem)
                continue
            cells = inner or cells
            if len(cells) > len(header) and not any(c.strip() for c in cells[len(header) :]):
                note = (
                    f"the line ends with {len(cells) - len(header)} empty cell(s) after the "
                    f"header's {len(header)} columns (a separator at the end of the line): "
                    "left out, nothing in them"
                )
                yield Row(record.line, _fit(cells, len(header), kept, every), note=note)
                continue
            if len(cells) > len(header):
                extra = ", ".join(repr(c) for c in cells[len(header) :])
                problem = (
                    f"line {record.line}: {len(cells)} cells, the header has {len(header)}; "
                    f"not diagnosed; the extra cells: {extra}"
                )
                yield Row(record.line, _fit(cells, len(header), kept, every), problem)
                continue
            yield Row(record.line, _fit(cells, len(header), kept, every))

    return Source(
        "csv",
        shown,
        _decoded(rows(), codec, [""] * len(kept)),
        delimiter,
        codec,
        size,
        lambda: counting.count,
        notes,
        closers=[text.detach],
    )


def _decoded(rows: Iterator[Row], codec: str, empty: list[Any]) -> Iterator[Row]:
    """The rows, and, when the text stops decoding part-way (bytes that are not UTF-16 or
    UTF-32, which cannot be carried through as UTF-8's can), one error row saying from
    where the file is not read, instead of a crash."""
    line = 0
    try:
        for row in rows:
            line = row.line
            yield row
    except UnicodeDecodeError as error:
        problem = (
            f"the file cannot be read as {codec} beyond line {line} ({error.reason}): "
            f"nothing from line {line + 1} on is read; save it again as UTF-8, or give "
            "--encoding"
        )
        yield Row(line + 1, list(empty), problem)


def own_columns(names: Sequence[str]) -> tuple[list[int], list[str], str | None]:
    """The input's columns to keep (positions), the names they are written under, and a
    note. An earlier batch output (it holds every column of one `--columns` set) has its
    added columns replaced, so a batch can be re-run on its own output; any other file
    keeps a column named like an added one (an export's own `note`), written as
    'note (input)', and the note says so: a seller's data is never dropped."""
    if any(set(wanted) <= set(names) for wanted in COLUMN_SETS.values()):
        kept = [i for i, name in enumerate(names) if name not in ADDED]
        return kept, [names[i] for i in kept], None
    clash = [name for name in names if name in ADDED]
    shown = [f"{name} (input)" if name in ADDED else name for name in names]
    if not clash:
        return list(range(len(names))), shown, None
    said = ", ".join(f"{name!r} as '{name} (input)'" for name in clash)
    return (
        list(range(len(names))),
        shown,
        f"The input's own column(s) named like the ones parcel-doctor adds are kept and "
        f"written under another name: {said}.",
    )


def _fit(cells: list[str], width: int, kept: list[int], every: bool) -> list[str]:
    """The cells in header order, padded to its width, without replaced added columns."""
    cells = cells[:width] + [""] * (width - len(cells))
    return cells if every else [cells[i] for i in kept]


# ----------------------------------------------------------------------------- JSON Lines

_NUMBER_TOO_LONG = "__parcel_doctor_number__"


def _parse_int(text: str) -> int | str:
    return int(text) if len(text) <= JSON_NUMBER_DIGITS else _NUMBER_TOO_LONG + text


def _parse_float(text: str) -> float | str:
    value = float(text)
    return value if math.isfinite(value) else _NUMBER_TOO_LONG + text


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def parse_json_line(line: str, number: int) -> tuple[dict[str, Any] | None, str | None]:
    """One JSON Lines record, or why it cannot be used; a number Python cannot hold is
    kept as its text and named."""
    shown = line if len(line) <= 200 else line[:200] + "..."
    try:
        value = json.loads(
            line,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_refuse_constant,
        )
    except json.JSONDecodeError as error:
        return None, f"line {number}: not valid JSON ({error.msg}, column {error.colno}): {shown}"
    except RecursionError:
        return None, f"line {number}: nested too deeply to read: {shown}"
    except ValueError as error:
        return None, f"line {number}: not valid JSON ({error}): {shown}"
    if not isinstance(value, dict):
        return None, f"line {number}: not a JSON object: {shown}"
    huge = [k for k, v in value.items() if isinstance(v, str) and v.startswith(_NUMBER_TOO_LONG)]
    for key in huge:
        value[key] = value[key][len(_NUMBER_TOO_LONG) :]
    if huge:
        names = ", ".join(repr(k) for k in huge)
        return value, f"line {number}: {names}: a number too large to use (kept as text)"
    return value, None


def _open_jsonl(path: str, head: bytes, raw: IO[bytes], size: int | None, codec: str) -> Source:
    closers: list[Callable[[], object]] = []
    if path == "-":  # spool standard input: it is read twice
        spool = tempfile.TemporaryFile()  # noqa: SIM115
        spool.write(head)
        shutil.copyfileobj(raw, spool)
        size = spool.tell()
        spool.seek(0)
        raw, head = spool, b""
        closers.append(spool.close)
    keys: dict[str, None] = {}
    objects = 0
    first_problem: str | None = None  # why the first unusable line is unusable
    first = _text(io.BufferedReader(_Counting(head, raw)), codec)
    try:
        for number, line in enumerate(first, start=1):
            if line.strip():
                value, problem = parse_json_line(line.strip(), number)
                if value is not None:
                    objects += 1
                    keys.update(dict.fromkeys(value))
                elif first_problem is None:
                    first_problem = problem
    except UnicodeDecodeError:
        pass  # the keys up to there; reading the rows reports where the text stops
    first.detach()
    if not objects:
        for close in closers:
            close()
        said = f" ({first_problem})" if first_problem else ""
        raise BatchInputError(
            f"{path}: no line is a JSON object{said}; JSON Lines holds one "
            'object per line, such as {"tracking_number": "RR123456785CN", "destination": '
            '"DE"}; a CSV file needs a name ending .csv'
        )
    raw.seek(0)
    counting = _Counting(b"", raw)
    text = _text(io.BufferedReader(counting), codec)
    names = list(keys)
    kept, header, renamed = own_columns(names)
    read = [names[i] for i in kept]

    def rows() -> Iterator[Row]:
        for number, line in enumerate(text, start=1):
            stripped = line.strip().lstrip("\ufeff")
            if not stripped:
                yield Row(number, [], blank=True)
                continue
            value, problem = parse_json_line(stripped, number)
            if value is None:
                yield Row(number, [MISSING] * len(header), problem)
            else:
                yield Row(number, [value.get(k, MISSING) for k in read], problem)

    closers.insert(0, text.detach)
    rows_read = _decoded(rows(), codec, [MISSING] * len(header))
    notes = [renamed] if renamed else []
    return Source(
        "jsonl", header, rows_read, ",", codec, size, lambda: counting.count, notes, closers
    )


# ----------------------------------------------------------------------------- workbooks


def _xlsx_cell(value: Any) -> str:
    """A workbook cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return str(value)


class _XlsSheet:
    """One sheet of an old-format (.xls) workbook, rows as openpyxl gives them."""

    def __init__(self, sheet: Any, datemode: int) -> None:
        self._sheet, self._datemode = sheet, datemode

    def iter_rows(self, values_only: bool = True) -> Iterator[tuple[Any, ...]]:
        import xlrd

        for number in range(self._sheet.nrows):
            yield tuple(
                _xls_value(cell, self._datemode, xlrd) for cell in self._sheet.row(number)
            )


def _xls_value(cell: Any, datemode: int, xlrd: Any) -> Any:
    """An .xls cell as openpyxl would give it: a date as a datetime, an error as its
    text ('#N/A'), an empty cell as None."""
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value  # a number the cell's format calls a date, out of range
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    return cell.value


class _XlsBook:
    """An old-format (.xls) workbook read with xlrd, with openpyxl's reading interface
    (`sheetnames`, a sheet by name, `close`): an .xls file stores each formula's value,
    so it serves as both the values and the cells as written."""

    def __init__(self, path: str) -> None:
        import xlrd

        self._book = xlrd.open_workbook(path)
        self.sheetnames = self._book.sheet_names()

    def __getitem__(self, name: str) -> _XlsSheet:
        return _XlsSheet(self._book.sheet_by_name(name), self._book.datemode)

    def close(self) -> None:
        self._book.release_resources()  # nothing is read after the rows


def _open_xls(path: str, name: str) -> _XlsBook:
    """The .xls workbook at `path`; `BatchInputError` when xlrd cannot read it. The same
    OLE2 container holds a password-protected .xlsx, which xlrd cannot open either."""
    import xlrd  # noqa: F401  (a missing package is not a bad file: not caught below)

    try:
        return _XlsBook(path)
    except Exception as error:  # xlrd raises several kinds on bytes it cannot parse
        raise BatchInputError(
            f"{name}: a password-protected workbook, or an .xls file that cannot be read "
            f"({error}); save it as .xlsx without a password, or as CSV"
        ) from None


def _open_xlsx(path: str, head: bytes, raw: IO[bytes], sheet: str | None) -> Source:
    old_format = head.startswith(b"\xd0\xcf\x11\xe0")  # OLE2: .xls, or an encrypted .xlsx
    closers: list[Callable[[], object]] = []
    if path == "-":
        spool = tempfile.NamedTemporaryFile(suffix=".xls" if old_format else ".xlsx")  # noqa: SIM115
        spool.write(head)
        shutil.copyfileobj(raw, spool)
        spool.flush()
        path, name = spool.name, "standard input"
        closers.append(spool.close)
    else:
        name = path
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    book: Any
    written: Any
    if old_format:
        book = written = _open_xls(path, name)
        closers[:0] = [book.close]
    else:
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            # the same cells as written: a formula whose value was never saved reads as
            # None above, and only its text here tells it from an empty cell
            written = openpyxl.load_workbook(path, read_only=True, data_only=False)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as err:
            raise BatchInputError(f"{name}: not a readable .xlsx workbook ({err})") from None
        closers[:0] = [book.close, written.close]
    sheets = book.sheetnames
    if sheet is not None and sheet not in sheets:
        raise BatchInputError(
            f"--sheet {sheet!r}: the workbook has no such sheet; its sheets: "
            + ", ".join(repr(s) for s in sheets)
        )
    notes = []
    if sheet is None and len(sheets) > 1:
        sheet = _only_table(book, sheets)
        if sheet is None:
            raise BatchInputError(
                f"{name}: the workbook has {len(sheets)} sheets ("
                + ", ".join(repr(s) for s in sheets)
                + "); choose one with --sheet NAME"
            )
        others = ", ".join(repr(s) for s in sheets if s != sheet)
        notes.append(
            f"The workbook has {len(sheets)} sheets: read {sheet!r}, the only one laid out "
            f"as a table (no row of {others} has two cells filled; --sheet reads another)."
        )
    values = zip(
        book[sheet or sheets[0]].iter_rows(values_only=True),
        written[sheet or sheets[0]].iter_rows(values_only=True),
        strict=False,
    )
    skipped = 0
    window: list[tuple[tuple[Any, ...], tuple[Any, ...]]] = []  # from the first non-empty row
    try:
        for cells, as_written in values:
            if window or _filled([_xlsx_cell(v) for v in cells]):
                window.append((cells, as_written))
                if len(window) == PREAMBLE_WINDOW:
                    break
            else:
                skipped += 1
    except Exception as error:  # openpyxl reads lazily: a corrupt part fails here
        raise BatchInputError(f"{name}: the workbook cannot be read ({error})") from None
    if not window:
        raise BatchInputError(f"{name}: no header row (the first row names the columns)")
    texts_of = [[_xlsx_cell(v) for v in cells] for cells, _ in window]
    filled = [i for i, texts in enumerate(texts_of) if _filled(texts)]
    at = filled[header_among([texts_of[i] for i in filled])]
    header = [t.strip() for t in texts_of[at]]
    if at:
        preamble = [(skipped + 1 + i, texts_of[i]) for i in range(at) if _filled(texts_of[i])]
        notes.append(_preamble_note(preamble, skipped + 1 + at))
    blank = [skipped + 1 + i for i in range(at) if not _filled(texts_of[i])]
    kept, header_row, said = own_columns(header)  # a re-run replaces the added columns
    if said:
        notes.append(said)
    width = len(header)

    def rows() -> Iterator[Row]:
        for number in [*range(1, skipped + 1), *blank]:
            yield Row(number, [], blank=True)
        number = skipped + 1 + at
        try:
            for cells, as_written in itertools.chain(window[at + 1 :], values):
                number += 1
                texts = [_xlsx_cell(v) for v in cells]
                formulas = _unsaved_formulas(cells, as_written, kept)
                if not any(t.strip() for t in texts) and not formulas:
                    yield Row(number, [], blank=True)
                    continue
                if len(texts) > width and any(t.strip() for t in texts[width:]):
                    extra = ", ".join(repr(t) for t in texts[width:] if t.strip())
                    problem = f"row {number}: cells beyond the header's columns: {extra}"
                    yield Row(number, _fit(texts, width, kept, False), problem, False, formulas)
                    continue
                yield Row(number, _fit(texts, width, kept, False), formulas=formulas)
        except Exception as error:  # a part of the file that cannot be read
            problem = f"row {number + 1} and after: the workbook cannot be read ({error})"
            yield Row(number + 1, [""] * len(kept), problem)

    return Source("xlsx", header_row, rows(), ",", "xlsx", notes=notes, closers=closers)


def _only_table(book: Any, sheets: list[str]) -> str | None:
    """The one sheet with a row of two or more filled cells among its first rows (a
    workbook's notes or a one-column list beside the orders), else None."""
    tables = [
        name
        for name in sheets
        if any(
            sum(bool(_xlsx_cell(v).strip()) for v in cells) >= 2
            for cells in itertools.islice(book[name].iter_rows(values_only=True), PREAMBLE_WINDOW)
        )
    ]
    return tables[0] if len(tables) == 1 else None


def _unsaved_formulas(
    values: tuple[Any, ...], written: tuple[Any, ...], kept: list[int]
) -> dict[int, str]:
    """Position (among the kept columns) -> formula text, for the cells that hold a
    formula but no saved value (a file written by a program that does not compute them)."""
    found: dict[int, str] = {}
    for position, column in enumerate(kept):
        if column < len(values) and values[column] is not None:
            continue
        formula = written[column] if column < len(written) else None
        text = getattr(formula, "text", formula)  # an array formula keeps its text there
        if isinstance(text, str) and text.startswith("="):
            found[position] = text
    return found


_SCIENTIFIC = re.compile(r"^\s*\d(?:[.,]\d+)?[eE]\+?\d+\s*$")


def scientific(text: str) -> bool:
    """A number a spreadsheet wrote in scientific notation (`9.40E+21`): digits lost."""
    return bool(_SCIENTIFIC.match(text))
