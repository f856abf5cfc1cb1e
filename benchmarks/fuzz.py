"""Fuzz every parser for a while and report inputs tried and failures. Asserts nothing.

Each parser gets random inputs, half made from scratch and half by mutating real ones
(the presets' sample exports, the examples' answers files, the shipped facts): bytes
flipped, inserted or deleted, lines duplicated or cut, and hostile pieces spliced in
(quotes, separators, byte-order marks, NUL, lone surrogates, control and bidi
characters, full-width signs, 5,000-digit numbers, deep nesting, megabyte strings). A
failure is an exception other than the parser's documented refusal, or a broken
promise (the batch losing or duplicating a row). Seeded: the same `--seed` replays.

Run: .venv/bin/python benchmarks/fuzz.py [--seconds 30] [--seed 1] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 25)

PIECES = [
    '"',
    '""',
    ",",
    ";",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\ufeff",
    "\x00",
    "\udce9",
    "\x1b]0;PWNED\x07",
    "\u202e",
    "\u00a0",
    "\u3000",
    "\u200b",
    "\uff1d",
    "\uff0b",
    "=1+1",
    "@SUM(A1)",
    "9" * 5000,
    "[" * 2000,
    "{",
    "}",
    "NaN",
    "1e999",
    "03/04/2026",
    "2026-13-45",
    "9999-12-31",
    "0001-01-01",
    "RR123456785CN",
    "RR123456784CN",
    "Deutschland",
    "Republic of Korea",
    "[/]",
    "x" * 70_000,
    "中国",
    "record(s) downloaded",
]


def mutate(rnd: random.Random, text: str) -> str:
    """A few random edits of `text`."""
    for _ in range(rnd.randint(1, 6)):
        choice = rnd.random()
        at = rnd.randint(0, len(text))
        if choice < 0.35:
            text = text[:at] + rnd.choice(PIECES) + text[at:]
        elif choice < 0.5 and text:
            end = min(len(text), at + rnd.randint(1, 40))
            text = text[:at] + text[end:]
        elif choice < 0.65:
            lines = text.splitlines(keepends=True)
            if lines:
                line = rnd.choice(lines)
                lines.insert(rnd.randint(0, len(lines)), line)
                text = "".join(lines)
        elif choice < 0.8:
            text = text[:at] + chr(rnd.randint(0, 0x2FFFF)) + text[at:]
        else:
            text = text[: rnd.randint(0, len(text))]
    return text


def scratch(rnd: random.Random) -> str:
    """Random text made of the hostile pieces, separators and letters."""
    parts = [
        rnd.choice([*PIECES, "a", "b", "1", " ", "DE", "export"]) for _ in range(rnd.randint(0, 30))
    ]
    return "".join(p if len(p) < 1000 or rnd.random() < 0.05 else p[:10] for p in parts)


def seeds(pattern: str) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob(pattern))]


def to_bytes(rnd: random.Random, text: str) -> bytes:
    codec = rnd.choice(["utf-8", "utf-8", "utf-8", "utf-16", "latin-1", "utf-8-sig"])
    return text.encode(codec, "surrogatepass" if codec.startswith("utf-8") else "replace")


def make_parsers() -> dict[str, tuple[Callable[[random.Random], object], Callable[[object], None]]]:
    """name -> (make one input, run the parser on it; raise AssertionError on a broken promise)."""
    from parcel_doctor.batch.columns import BatchInputError
    from parcel_doctor.batch.pipeline import run_batch
    from parcel_doctor.batch.reading import open_source
    from parcel_doctor.dates import parse_date_text
    from parcel_doctor.diagnosis.answers import AnswerError, normalise_answers, read_answers_file
    from parcel_doctor.diagnosis.diagnose import analyse_number
    from parcel_doctor.events.history import HistoryError
    from parcel_doctor.events.read import read_history
    from parcel_doctor.knowledge.loader import UnknownName, check, load

    kb = load()
    tables = seeds("tests/presets/*.csv") + seeds("tests/presets/*.txt")
    jsonl = seeds("tests/presets/*.jsonl")
    answers = seeds("examples/*.toml")
    histories = seeds("tests/histories/*.txt") or [
        "03/10/2026 Departure from outward office of exchange\n"
    ]
    folder = Path(tempfile.mkdtemp(prefix="parcel-doctor-fuzz-"))

    def pick(rnd: random.Random, corpus: list[str]) -> str:
        return mutate(rnd, rnd.choice(corpus)) if corpus and rnd.random() < 0.5 else scratch(rnd)

    def batch_of(data: bytes) -> None:
        source = None
        try:
            source = open_source("-", io.BytesIO(data))
            out = io.StringIO()
            summary = run_batch(kb, source, out, TODAY, fmt="jsonl")
        except BatchInputError:
            return
        finally:
            if source is not None:
                source.close()
        written = out.getvalue().splitlines()
        if len(written) != summary.rows:
            raise AssertionError(f"{summary.rows} rows counted, {len(written)} written")
        for line in written:
            json.loads(line, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))

    def csv_input(rnd: random.Random) -> bytes:
        return to_bytes(rnd, pick(rnd, tables))

    def jsonl_input(rnd: random.Random) -> bytes:
        text = pick(rnd, jsonl)
        return to_bytes(rnd, text if text.lstrip().startswith("{") else "{" + text)

    def xlsx_input(rnd: random.Random) -> bytes:
        import openpyxl

        if rnd.random() < 0.3:  # a damaged file
            data = bytearray((ROOT / "tests" / "presets" / "aftership.csv").read_bytes())
            return b"PK\x03\x04" + bytes(data[: rnd.randint(0, len(data))])
        book = openpyxl.Workbook()
        for _ in range(rnd.randint(1, 6)):
            row = [
                mutate(rnd, rnd.choice(["Country", "DE", "RR123456785CN", "2026-10-01", ""]))
                for _ in range(3)
            ]
            row = [
                "".join(c for c in cell if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF)
                for cell in row
            ]
            book.active.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    def tracking(rnd: random.Random) -> str:
        return pick(
            rnd, ["RR123456785CN", "1Z999AA10123456784", "LX400123456CN", "00340434161094042557"]
        )

    def run_tracking(text: object) -> None:
        analyse_number(kb, str(text), None)

    def answers_input(rnd: random.Random) -> tuple[str, str]:
        suffix = rnd.choice([".toml", ".json"])
        text = pick(rnd, answers) if suffix == ".toml" else pick(rnd, ['{"destination": "DE"}'])
        return suffix, text

    def run_answers(given: object) -> None:
        suffix, text = given  # type: ignore[misc]
        path = folder / f"answers{suffix}"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        with contextlib.suppress(AnswerError):
            normalise_answers(kb, read_answers_file(path), TODAY)

    def run_history(text: object) -> None:
        with contextlib.suppress(HistoryError):
            read_history(kb, str(text), TODAY)

    def run_date(text: object) -> None:
        with contextlib.suppress(ValueError):
            parse_date_text(str(text), TODAY)

    def run_country(text: object) -> None:
        with contextlib.suppress(UnknownName):
            kb.find_country(str(text))

    facts_seed = [(ROOT / "facts" / "presets.toml").read_text(encoding="utf-8")]

    def run_facts(text: object) -> None:
        import shutil

        copy = folder / "kb"
        if not copy.exists():
            shutil.copytree(ROOT / "facts", copy / "facts")
            shutil.copytree(ROOT / "rules", copy / "rules")
        (copy / "facts" / "presets.toml").write_bytes(str(text).encode("utf-8", "surrogatepass"))
        check(copy / "facts", copy / "rules")

    return {
        "tracking numbers": (tracking, run_tracking),
        "answers files": (answers_input, run_answers),
        "CSV rows (batch)": (csv_input, lambda d: batch_of(d)),  # type: ignore[arg-type]
        "JSON Lines rows (batch)": (jsonl_input, lambda d: batch_of(d)),  # type: ignore[arg-type]
        "xlsx rows (batch)": (xlsx_input, lambda d: batch_of(d)),  # type: ignore[arg-type]
        "pasted histories": (lambda r: pick(r, histories), run_history),
        "written dates": (
            lambda r: pick(r, ["2026-11-03", "Nov 3, 2026 10:22 AM", "3 days ago"]),
            run_date,
        ),
        "country names": (
            lambda r: pick(r, ["Deutschland", "U.S.A.", "Hong Kong SAR"]),
            run_country,
        ),
        "knowledge files (presets.toml)": (lambda r: pick(r, facts_seed), run_facts),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30, help="per parser")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", nargs="*", help="parser names (a word of each is enough)")
    options = parser.parse_args()
    sys.setrecursionlimit(10_000)
    parsers = make_parsers()
    print(f"{'parser':<32} {'inputs':>8} {'failures':>9}  seconds")
    total_failures = 0
    for name, (make, run) in parsers.items():
        if options.only and not any(word.lower() in name.lower() for word in options.only):
            continue
        rnd = random.Random(f"{options.seed}:{name}")
        tried = failures = 0
        shown: list[str] = []
        start = time.perf_counter()
        while time.perf_counter() - start < options.seconds:
            given = make(rnd)
            tried += 1
            try:
                run(given)
            except Exception as error:  # everything else is a failure to report
                failures += 1
                if len(shown) < 3:
                    where = traceback.format_exception(error)[-2].strip().splitlines()[0]
                    shown.append(
                        f"{type(error).__name__}: {error!s:.120} at {where} on {given!r:.160}"
                    )
        total_failures += failures
        print(f"{name:<32} {tried:>8,} {failures:>9,}  {time.perf_counter() - start:.0f}")
        for line in shown:
            print(f"    {line}")
    print(f"failures: {total_failures}")


if __name__ == "__main__":
    main()
