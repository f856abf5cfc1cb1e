"""Diagnose a whole order export: CSV or JSON Lines in, the same rows plus a diagnosis out.

Rows stream through one at a time (or in small bounded blocks with `jobs > 1`), so
memory does not grow with the export. Every row goes through `parcel_doctor.diagnosis.diagnose`
like any other answers; a row that cannot be diagnosed keeps its data and gets an
`error` instead of stopping the run. Input that cannot be used at all (unreadable, no
recognisable column, a bad `--map`) raises `BatchInputError` before any row is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import multiprocessing
import re
import shutil
import signal
import sys
import tempfile
from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from parcel_doctor.diagnosis.answers import AnswerError
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.exit_codes import ExitCode
from parcel_doctor.inference.session import EngineError
from parcel_doctor.knowledge.loader import KnowledgeBase, load
from parcel_doctor.text import did_you_mean, fold

ADDED = ("situation", "situations", "advice", "act_by", "error")
"""The columns a batch adds to every row; input columns of these names are replaced."""

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet treat a cell as a formula (CSV injection)."""


CHUNK = 64  # rows per task sent to a worker process
IN_FLIGHT = 4  # tasks per worker queued at once: bounds memory, keeps workers busy

_MISSING: Any = type("Missing", (), {"__repr__": lambda self: "<missing>"})()
_DATETIME = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})[T ]\d")


class BatchInputError(ValueError):
    """Input the batch cannot use at all (exit 2): the message says what and where."""


def fold_heading(text: str) -> str:
    """A heading with case, accents, spacing and punctuation ignored: `Ship-Date` -> `shipdate`."""
    return fold(text, sep="")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will show as text: a leading quote before =, +, -, @, tab, CR."""
    return "'" + cell if cell.startswith(DANGEROUS) else cell


# ----------------------------------------------------------------------------- columns


def heading_index(kb: KnowledgeBase) -> dict[str, tuple[str, int]]:
    """Folded heading -> (answer key, rank): the key's own name (rank 0) beats an alias."""
    index: dict[str, tuple[str, int]] = {}
    for key in kb.questions:
        index[fold_heading(key)] = (key, 0)
    for key, entry in kb.columns.items():
        for alias in entry["aliases"]:
            index.setdefault(fold_heading(alias), (key, 1))
    return index


def parse_maps(kb: KnowledgeBase, assignments: Sequence[str]) -> list[tuple[str, str]]:
    """`--map COLUMN=KEY` pairs (an empty KEY leaves the column unmapped); checked keys."""
    pairs: list[tuple[str, str]] = []
    for text in assignments:
        column, sep, key = text.rpartition("=")
        key = key.strip()
        if not sep or not column.strip():
            raise BatchInputError(f"--map {text!r}: write it as COLUMN=KEY")
        if key and key not in kb.questions:
            hint = did_you_mean(key, kb.questions, sentence=True)
            raise BatchInputError(
                f"--map {text!r}: {key!r} is not an answer key.{hint} "
                f"Keys: {', '.join(kb.questions)}"
            )
        pairs.append((column, key))
    return pairs


def map_columns(
    kb: KnowledgeBase, header: Sequence[str], assignments: Sequence[str] = ()
) -> dict[int, str]:
    """Column position -> answer key, from `--map` first, then headings and aliases.

    Ambiguity is refused rather than guessed: two columns that would both feed one key
    (`Country` and `Destination Country`) need a `--map` to choose.
    """
    mapped: dict[int, str] = {}
    chosen: set[int] = set()  # columns an explicit --map decided, mapped or not
    for column, key in parse_maps(kb, assignments):
        found = [i for i, h in enumerate(header) if h == column] or [
            i for i, h in enumerate(header) if fold_heading(h) == fold_heading(column)
        ]
        if not found:
            raise BatchInputError(
                f"--map {column}={key}: the input has no column {column!r}; "
                f"its columns: {', '.join(repr(h) for h in header)}"
            )
        if len(found) > 1:
            raise BatchInputError(f"--map {column}={key}: several columns are named {column!r}")
        if key and key in mapped.values():
            other = header[next(i for i, k in mapped.items() if k == key)]
            raise BatchInputError(f"--map: both {other!r} and {column!r} are mapped to {key}")
        chosen.add(found[0])
        if key:
            mapped[found[0]] = key
    index = heading_index(kb)
    candidates: dict[str, list[tuple[int, int]]] = {}
    for position, heading in enumerate(header):
        hit = index.get(fold_heading(heading))
        if position in chosen or hit is None or hit[0] in mapped.values():
            continue
        candidates.setdefault(hit[0], []).append((hit[1], position))
    for key, found_at in candidates.items():
        best = min(rank for rank, _ in found_at)
        positions = [p for rank, p in found_at if rank == best]
        if len(positions) > 1:
            names = " and ".join(repr(header[p]) for p in positions)
            raise BatchInputError(
                f"columns {names} would both give {key}; choose one with "
                f"--map {header[positions[0]]!r}={key} (the others then pass through)"
            )
        mapped[positions[0]] = key
    if not mapped:
        raise BatchInputError(
            "no column is an answer key or a known heading "
            f"(columns: {', '.join(repr(h) for h in header) or 'none'}); "
            f"map them with --map COLUMN=KEY, keys: {', '.join(kb.questions)}"
        )
    return dict(sorted(mapped.items()))


# ----------------------------------------------------------------------------- reading


@dataclass
class Row:
    """One input row: its first line number, its cells in header order, a read problem."""

    line: int
    cells: list[Any]
    problem: str | None = None


@dataclass
class Source:
    """An opened input: its format, header and rows, read lazily."""

    format: str  # "csv" or "jsonl"
    header: list[str]
    rows: Iterator[Row]
    delimiter: str = ","
    size: int | None = None  # bytes, for a progress bar, when known
    consumed: Callable[[], int] = lambda: 0  # bytes read so far
    streams: list[IO[Any]] = field(default_factory=list)  # closed by close()

    def close(self) -> None:
        for stream in self.streams:
            stream.close()


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


def _text(stream: IO[bytes]) -> io.TextIOWrapper:
    # utf-8-sig drops a spreadsheet's byte-order mark; undecodable bytes pass through
    # unchanged to the output instead of stopping the run.
    return io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")


def _sniff_format(path: str, head: bytes) -> str:
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    return "jsonl" if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "csv"


def _delimiter(path: str, head: bytes) -> str:
    """The field separator: by suffix for .tsv, else the commonest candidate in line 1."""
    if path.lower().endswith(".tsv"):
        return "\t"
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace")
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def open_source(path: str, stdin: IO[bytes] | None = None) -> Source:
    """Open INPUT (`-` for standard input), detect its format, read its header.

    JSON Lines are read twice (stdin via a temporary file), once for the union of the
    keys so that the header is known before the first row is written.
    """
    try:
        raw: IO[bytes] = (stdin or sys.stdin.buffer) if path == "-" else open(path, "rb")  # noqa: SIM115
    except OSError as error:
        raise BatchInputError(f"{path} cannot be read: {error.strerror}") from None
    try:
        head = raw.read(65536)
        size = None
        if path != "-":
            try:
                size = Path(path).stat().st_size
            except OSError:
                size = None
        if _sniff_format(path, head) == "jsonl":
            source = _open_jsonl(path, head, raw, size)
        else:
            source = _open_csv(path, head, raw, size)
        if path != "-":
            source.streams.append(raw)
        return source
    except OSError as error:
        raw.close()
        raise BatchInputError(f"{path} cannot be read: {error.strerror or error}") from None
    except BatchInputError:
        raw.close()
        raise


def _open_csv(path: str, head: bytes, raw: IO[bytes], size: int | None) -> Source:
    counting = _Counting(head, raw)
    text = _text(io.BufferedReader(counting))
    delimiter = _delimiter(path, head)
    csv.field_size_limit(sys.maxsize)
    reader = csv.reader(text, delimiter=delimiter)
    try:
        header = next(reader, None)
    except (csv.Error, UnicodeError) as error:
        raise BatchInputError(f"{path}: the header cannot be read as CSV: {error}") from None
    if not header or not any(h.strip() for h in header):
        raise BatchInputError(f"{path}: no header row (the first line names the columns)")

    names = [h.strip() for h in header]
    kept = [i for i, name in enumerate(names) if name not in ADDED]  # a re-run replaces them
    every = len(kept) == len(names)

    def rows() -> Iterator[Row]:
        width = len(header)
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield Row(start, [""] * width, f"line {start}: cannot be read as CSV: {error}")
                continue
            if not cells or cells == [""]:
                continue  # a blank line is not a row
            if len(cells) > width:
                extra = ", ".join(repr(c) for c in cells[width:])
                yield Row(
                    start,
                    cells[:width] if every else [cells[i] for i in kept],
                    f"line {start}: {len(cells)} cells, the header has {width}; "
                    f"not diagnosed; the extra cells: {extra}",
                )
                continue
            cells += [""] * (width - len(cells))
            yield Row(start, cells if every else [cells[i] for i in kept])

    return Source(
        "csv",
        [names[i] for i in kept],
        rows(),
        delimiter,
        size,
        lambda: counting.count,
        [text],
    )


def _parse_json_line(line: str, number: int) -> tuple[dict[str, Any] | None, str | None]:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        return None, f"line {number}: not valid JSON ({error.msg}, column {error.colno}): {line}"
    if not isinstance(value, dict):
        return None, f"line {number}: not a JSON object: {line}"
    return value, None


def _open_jsonl(path: str, head: bytes, raw: IO[bytes], size: int | None) -> Source:
    if path == "-":  # spool standard input: it is read twice
        spool = tempfile.TemporaryFile()  # noqa: SIM115
        spool.write(head)
        shutil.copyfileobj(raw, spool)
        spool.seek(0)
        size = spool.seek(0, io.SEEK_END)
        spool.seek(0)
        raw, head = spool, spool.read(0)
    keys: dict[str, None] = {}
    first = _text(io.BufferedReader(_Counting(head, raw)))
    for number, line in enumerate(first, start=1):
        if line.strip():
            value, _ = _parse_json_line(line.strip(), number)
            if value:
                keys.update(dict.fromkeys(value))
    first.detach()
    raw.seek(0)
    counting = _Counting(b"", raw)
    text = _text(io.BufferedReader(counting))
    header = [k for k in keys if k not in ADDED]

    def rows() -> Iterator[Row]:
        for number, line in enumerate(text, start=1):
            stripped = line.strip()
            if not stripped:
                continue  # a blank line is not a row
            value, problem = _parse_json_line(stripped, number)
            if value is None:
                yield Row(number, [_MISSING] * len(header), problem)
            else:
                yield Row(number, [value.get(k, _MISSING) for k in header])

    return Source("jsonl", header, rows(), ",", size, lambda: counting.count, [text])


# ----------------------------------------------------------------------------- diagnosing


@dataclass
class RowOutcome:
    """What a batch adds to one row."""

    situation: str | None = None
    situations: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)
    act_by: str | None = None
    error: str | None = None
    act_now: bool = False


def row_answers(
    kb: KnowledgeBase, row: Row, mapping: Mapping[int, str]
) -> tuple[dict[str, Any], str | None]:
    """The row's answers from its mapped cells; an empty cell means unknown."""
    if row.problem:
        return {}, row.problem
    answers: dict[str, Any] = {}
    for position, key in mapping.items():
        value = row.cells[position]
        if value is _MISSING or value is None:
            continue
        if isinstance(value, (dict, list)):
            return {}, f"{key}: {json.dumps(value)} is not a single value"
        if isinstance(value, str):
            if not value.strip():
                continue
            if kb.questions[key]["kind"] == "date" and (stamp := _DATETIME.match(value)):
                value = stamp.group(1)  # an export's date-time: the date as written
        elif not isinstance(value, bool):
            value = str(value)
        answers[key] = value
    return answers, None


def diagnose_answers(kb: KnowledgeBase, answers: Mapping[str, Any], today: dt.date) -> RowOutcome:
    """One row's outcome; answer faults become its `error` (all of them, `key: why`)."""
    try:
        result = diagnose(kb, answers, today)
    except AnswerError as error:
        return RowOutcome(error="; ".join(f"{k}: {m}" for k, m in error.errors.items()))
    except EngineError as error:
        return RowOutcome(error=f"the rules could not run: {error}")
    ids = [s.id for s in result.situations]
    act_by = result.act_by
    # Needs action today: a date that has come, or a situation the knowledge base flags.
    urgent = any(kb.situations[sid].get("act_now", False) for sid in ids)
    return RowOutcome(
        situation=ids[0] if ids else None,
        situations=ids,
        advice=[a.id for a in result.advice],
        act_by=act_by,
        act_now=urgent or (act_by is not None and act_by <= today.isoformat()),
    )


_WORKER: dict[str, Any] = {}


def _init_worker(facts: Path | None, rules: Path | None, today: dt.date) -> None:
    """Each worker process loads the knowledge base and compiles the rules once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _WORKER["kb"] = load(facts, rules)
    _WORKER["today"] = today


def _work(block: list[dict[str, Any] | None]) -> list[RowOutcome | None]:
    kb, today = _WORKER["kb"], _WORKER["today"]
    return [None if a is None else diagnose_answers(kb, a, today) for a in block]


def outcomes(
    kb: KnowledgeBase,
    rows: Iterator[Row],
    mapping: Mapping[int, str],
    today: dt.date,
    jobs: int = 1,
    facts: Path | None = None,
    rules: Path | None = None,
) -> Iterator[tuple[Row, RowOutcome]]:
    """Each row with its outcome, in input order; with `jobs > 1` in worker processes.

    Workers get blocks of `CHUNK` rows' answers, at most `IN_FLIGHT` blocks each at a
    time (Pool.imap would read the whole input ahead), so memory stays bounded.
    """
    if jobs <= 1:
        for row in rows:
            answers, problem = row_answers(kb, row, mapping)
            yield (
                row,
                RowOutcome(error=problem) if problem else diagnose_answers(kb, answers, today),
            )
        return
    context = multiprocessing.get_context("spawn")  # no fork of a process with engine threads
    with context.Pool(jobs, _init_worker, (facts, rules, today)) as pool:
        pending: deque[tuple[list[tuple[Row, RowOutcome | None]], Any]] = deque()
        block: list[tuple[Row, RowOutcome | None]] = []
        work: list[dict[str, Any] | None] = []

        def ready() -> Iterator[tuple[Row, RowOutcome]]:
            done, result = pending.popleft()
            for (row, early), late in zip(done, result.get(), strict=True):
                yield row, early or late

        for row in rows:
            answers, problem = row_answers(kb, row, mapping)
            block.append((row, RowOutcome(error=problem) if problem else None))
            work.append(None if problem else answers)
            if len(block) == CHUNK:
                pending.append((block, pool.apply_async(_work, (work,))))
                block, work = [], []
                if len(pending) >= jobs * IN_FLIGHT:
                    yield from ready()
        if block:
            pending.append((block, pool.apply_async(_work, (work,))))
        while pending:
            yield from ready()


# ----------------------------------------------------------------------------- writing


def _cell(value: Any) -> str:
    if value is _MISSING or value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _unique(header: Sequence[str]) -> list[str]:
    """JSON keys for the header: a repeated heading gets ` (2)`, ` (3)`..."""
    seen: Counter[str] = Counter()
    out = []
    for name in header:
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


class Writer:
    """Writes rows as CSV (injection-safe) or JSON Lines."""

    def __init__(self, out: IO[str], fmt: str, header: Sequence[str], delimiter: str = ","):
        self.out, self.fmt = out, fmt
        if fmt == "csv":
            self._csv = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
            self._csv.writerow([neutralise(h) for h in (*header, *ADDED)])
        else:
            self._keys = _unique(header)

    def write(self, row: Row, outcome: RowOutcome) -> None:
        if self.fmt == "csv":
            added = [
                outcome.situation or "",
                "; ".join(outcome.situations),
                "; ".join(outcome.advice),
                outcome.act_by or "",
                outcome.error or "",
            ]
            self._csv.writerow(
                [neutralise(_cell(v)) for v in row.cells] + list(map(neutralise, added))
            )
        else:
            record = {k: v for k, v in zip(self._keys, row.cells, strict=True) if v is not _MISSING}
            record.update(
                situation=outcome.situation,
                situations=outcome.situations,
                advice=outcome.advice,
                act_by=outcome.act_by,
                error=outcome.error,
            )
            self.out.write(json.dumps(record, ensure_ascii=False) + "\n")


# ----------------------------------------------------------------------------- summary


@dataclass
class Summary:
    """Counts over a run; `by_situation` counts each row's most pressing situation."""

    today: dt.date
    rows: int = 0
    errors: int = 0
    act_now: int = 0
    by_situation: Counter[str] = field(default_factory=Counter)
    first_errors: list[str] = field(default_factory=list)  # at most 5, for the summary

    def add(self, row: Row, outcome: RowOutcome) -> None:
        self.rows += 1
        if outcome.error:
            self.errors += 1
            if len(self.first_errors) < 5:
                where = "" if outcome.error.startswith("line ") else f"line {row.line}: "
                self.first_errors.append(where + outcome.error)
            return
        self.by_situation[outcome.situation or "(none)"] += 1
        self.act_now += outcome.act_now

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.NEGATIVE if self.errors else ExitCode.OK

    def lines(self) -> list[str]:
        diagnosed = self.rows - self.errors
        out = [
            f"{self.rows} row{'' if self.rows == 1 else 's'}: {diagnosed} diagnosed, "
            f"{self.errors} with errors; "
            f"{self.act_now} need action today ({self.today.isoformat()})."
        ]
        if self.by_situation:
            out.append("Most pressing situation per diagnosed row:")
            width = max(len(s) for s in self.by_situation)
            for situation, count in sorted(self.by_situation.items(), key=lambda x: (-x[1], x[0])):
                out.append(f"  {situation:<{width}}  {count}")
        if self.first_errors:
            more = f" (first 5 of {self.errors}; see the error column)" if self.errors > 5 else ""
            out.append(f"Errors{more}:")
            out += [f"  {e}" for e in self.first_errors]
        return out


# ----------------------------------------------------------------------------- the run


def output_format(requested: str | None, out: Path | None, source: Source) -> str:
    """--format, else the --out suffix, else the input's own format."""
    if requested:
        return requested
    if out is not None and out.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if out is not None and out.suffix.lower() in (".csv", ".tsv", ".txt"):
        return "csv"
    return source.format


def run_batch(
    kb: KnowledgeBase,
    source: Source,
    out: IO[str] | None,
    today: dt.date,
    *,
    fmt: str = "csv",
    assignments: Sequence[str] = (),
    jobs: int = 1,
    facts: Path | None = None,
    rules: Path | None = None,
    on_row: Callable[[int], None] | None = None,
) -> Summary:
    """Diagnose every row of `source`, write it to `out` (None: only count), summarise.

    `BatchInputError` before any row is written when the columns cannot be mapped.
    """
    mapping = map_columns(kb, source.header, assignments)
    writer = Writer(out, fmt, source.header, source.delimiter) if out is not None else None
    summary = Summary(today)
    for row, outcome in outcomes(kb, source.rows, mapping, today, jobs, facts, rules):
        if writer is not None:
            writer.write(row, outcome)
        summary.add(row, outcome)
        if on_row is not None:
            on_row(summary.rows)
    return summary


def text_output(stream: IO[bytes]) -> io.TextIOWrapper:
    """UTF-8 text over a binary stream; bytes that were not UTF-8 go out as they came in."""
    return io.TextIOWrapper(stream, encoding="utf-8", errors="surrogateescape", newline="")
