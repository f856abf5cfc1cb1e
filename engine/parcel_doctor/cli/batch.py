"""`parcel-doctor batch`: diagnose a whole order export (logic: `parcel_doctor.batch`)."""

from __future__ import annotations

import contextlib
import io
import signal
import sys
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from parcel_doctor.batch.columns import BatchInputError, Plan, every_row_answers, map_columns
from parcel_doctor.batch.output import AtomicOutput, check_not_input
from parcel_doctor.batch.pipeline import run_batch
from parcel_doctor.batch.presets import preset_problems, presets
from parcel_doctor.batch.reading import Source, open_source
from parcel_doctor.batch.summary import printable
from parcel_doctor.batch.workers import available_cores
from parcel_doctor.cli.common import FactsDir, RulesDir, Today, fail, knowledge, today_from
from parcel_doctor.knowledge.loader import KnowledgeBase


class Format(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    xlsx = "xlsx"


class Columns(str, Enum):
    ids = "ids"
    words = "words"
    all = "all"


_SUFFIXES = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".xlsx": "xlsx",
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
}


def output_format(requested: str | None, out: Path | None, source: Source) -> str:
    """--format, else the --out suffix, else the input's own format (a workbook: CSV)."""
    if requested:
        return requested
    if out is not None and out.suffix.lower() in _SUFFIXES:
        return _SUFFIXES[out.suffix.lower()]
    return "csv" if source.format == "xlsx" else source.format


def _separator(out: Path | None, source: Source) -> str:
    """A file gets commas (tabs for .tsv) whatever the input had; a pipe keeps the input's."""
    if out is None:
        return source.delimiter
    return "\t" if out.suffix.lower() == ".tsv" else ","


def _list_presets(kb: KnowledgeBase) -> None:
    for problem in preset_problems(kb):
        typer.echo(f"warning: {problem}", err=True)
    for preset in presets(kb):
        typer.echo(f"{preset.id}: {preset.name}")
        typer.echo(f"    export: {preset.export}")
        typer.echo(f"    recognised by: {', '.join(' | '.join(d) for d in preset.detect)}")
        if preset.note:
            typer.echo(f"    note: {preset.note}")


def _apply_date_format(plan: Plan, given: str | None) -> None:
    if given is None:
        return
    if given in ("dmy", "mdy", "ymd"):
        plan.date_order, plan.date_format = given, None
    elif "%" in given:
        plan.date_format = given
    else:
        raise BatchInputError(
            f"--date-format {given!r}: give dmy, mdy or ymd, or a pattern such as %d.%m.%Y"
        )


@contextlib.contextmanager
def _progress(source: Source, show: bool) -> Iterator[Callable[[int], None] | None]:
    """A rich progress bar on standard error when it is a terminal; nothing otherwise."""
    if not show:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    columns = [TextColumn("diagnosing"), BarColumn(), TextColumn("{task.fields[rows]} rows")]
    with Progress(
        *columns, TimeElapsedColumn(), console=Console(stderr=True), transient=True
    ) as progress:
        task = progress.add_task("batch", total=source.size, rows=0)

        def tick(rows: int) -> None:
            if rows % 50 == 0:
                progress.update(task, completed=source.consumed(), rows=rows)

        yield tick


def _jobs(wanted: int) -> int:
    cores = available_cores()
    if wanted > cores:
        typer.echo(
            f"note: --jobs {wanted} is more than the {cores} core(s) here; using {cores}.", err=True
        )
        return cores
    return wanted


def register(app: typer.Typer) -> None:
    """Add the batch command to the app."""

    @app.command()
    def batch(
        input_path: Annotated[
            str | None,
            typer.Argument(
                metavar="INPUT",
                help="An order export: CSV, JSON Lines or .xlsx; - for standard input.",
            ),
        ] = None,
        out: Annotated[
            Path | None,
            typer.Option(
                "--out",
                help="Write the rows to FILE (.csv, .tsv, .jsonl or .xlsx) instead of standard "
                "output; written to a temporary file and renamed when complete.",
                metavar="FILE",
                dir_okay=False,
            ),
        ] = None,
        fmt: Annotated[
            Format | None,
            typer.Option(
                "--format",
                help="Output format; default: by the --out suffix, else the input's format.",
            ),
        ] = None,
        today: Today = None,
        preset: Annotated[
            str | None,
            typer.Option(
                "--preset",
                help="Read the file as this platform's export (see --list-presets); "
                "default: the preset the header identifies.",
                metavar="ID",
            ),
        ] = None,
        list_presets: Annotated[
            bool, typer.Option("--list-presets", help="List the presets and exit.")
        ] = False,
        assignments: Annotated[
            list[str] | None,
            typer.Option(
                "--map",
                help="Map a column to an answer key: 'Order Ship Date=shipped_on' (repeatable; "
                "'Column=' leaves a column unmapped).",
                metavar="COLUMN=KEY",
            ),
        ] = None,
        every_row: Annotated[
            list[str] | None,
            typer.Option(
                "--set",
                help="An answer for every row that leaves it empty, such as origin=DE for an "
                "export with no origin column (repeatable; checked as diagnose's --set).",
                metavar="KEY=VALUE",
            ),
        ] = None,
        date_format: Annotated[
            str | None,
            typer.Option(
                "--date-format",
                help="How the file writes dates: dmy, mdy or ymd, or a pattern like %d.%m.%Y "
                "(default: the preset's, else any unambiguous form).",
                metavar="FORMAT",
            ),
        ] = None,
        columns: Annotated[
            Columns,
            typer.Option("--columns", help="Added columns: ids, words (advice in words) or all."),
        ] = Columns.all,
        encoding: Annotated[
            str | None,
            typer.Option(
                "--encoding",
                help="The input's text encoding (cp1252, latin-1, utf-16 ...); default: UTF-8, "
                "or UTF-16/32 by its byte-order mark.",
                metavar="NAME",
            ),
        ] = None,
        sheet: Annotated[
            str | None,
            typer.Option("--sheet", help="The workbook sheet to read (.xlsx).", metavar="NAME"),
        ] = None,
        force: Annotated[
            bool,
            typer.Option(
                "--force", help="Replace --out even if it is not an earlier batch output."
            ),
        ] = False,
        jobs: Annotated[
            int,
            typer.Option("--jobs", min=1, help="Diagnose in N worker processes.", metavar="N"),
        ] = 1,
        summary_only: Annotated[
            bool,
            typer.Option(
                "--summary",
                help="Print only the summary, on standard output (rows still go to --out).",
            ),
        ] = False,
        facts: FactsDir = None,
        rules: RulesDir = None,
    ) -> None:
        """Diagnose every row of an order export; add the situation, the advice in ids and
        in words, the first step's date and link, what is missing, notes and errors.

        Exit 0 every row diagnosed, 1 some rows have errors, 2 unusable input.
        """
        kb = knowledge(facts, rules)
        if list_presets:
            _list_presets(kb)
            return
        if input_path is None:
            fail("give an INPUT file (or - for standard input), or --list-presets")
        day = today_from(today)
        jobs = _jobs(jobs)
        stdin = sys.stdin.buffer if input_path == "-" else None
        try:
            if out is not None:
                check_not_input(out, input_path, stdin)
            source = open_source(input_path, stdin, encoding=encoding, sheet=sheet)
        except BatchInputError as error:
            fail(str(error))
        target: AtomicOutput | None = None
        stream: io.TextIOWrapper | None = None
        finished = reader_gone = False
        restore = _stop_like_ctrl_c()
        try:
            # Check the columns before creating the output file or writing a byte.
            plan = map_columns(kb, source.header, assignments or [], preset)
            plan.defaults = every_row_answers(kb, every_row or [], day)
            _apply_date_format(plan, date_format)
            chosen = output_format(fmt.value if fmt else None, out, source)
            sink: IO[str] | Path | None = None
            if out is not None:
                target = AtomicOutput(out, force=force)
                target.create()
                if chosen == "xlsx":
                    sink = target.temporary
                else:
                    stream = _text_output(open(target.temporary, "wb"))  # noqa: SIM115
                    sink = stream
            elif chosen == "xlsx":
                raise BatchInputError("an .xlsx output needs --out FILE.xlsx")
            elif not summary_only:
                stream = _text_output(sys.stdout.buffer)
                sink = stream
            with _progress(source, sys.stderr.isatty()) as tick:
                summary = run_batch(
                    kb,
                    source,
                    sink,
                    day,
                    fmt=chosen,
                    plan=plan,
                    columns=columns.value,
                    delimiter=_separator(out, source),
                    jobs=jobs,
                    facts=facts,
                    rules=rules,
                    on_row=tick,
                )
            finished = True
        except BatchInputError as error:
            fail(str(error))
        finally:
            restore()
            source.close()
            if stream is not None:
                if out is None:
                    try:
                        stream.flush()
                    except BrokenPipeError:
                        reader_gone = True  # rows were lost: exit 141, below
                    stream.detach()  # leave standard output open
                else:
                    stream.close()
            if target is not None:
                if finished:
                    target.commit()
                else:
                    target.discard()
                    typer.echo(f"{out} was not written: the run stopped before its end.", err=True)
        if reader_gone:
            raise BrokenPipeError
        for line in summary.lines():
            typer.echo(printable(line), err=not summary_only)
        raise typer.Exit(summary.exit_code)


def _stop_like_ctrl_c() -> Callable[[], None]:
    """While a run writes: SIGTERM (`kill`, a scheduler's time limit) and SIGHUP (a closed
    terminal) stop it as Ctrl-C does (exit 130), so its unfinished --out is removed
    rather than left beside the output as a hidden temporary file. Returns what puts the
    earlier handlers back. Only from the main thread (where signals are delivered)."""
    earlier: dict[int, Any] = {}
    with contextlib.suppress(ValueError):  # not the main thread: leave them
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is not None:
                earlier[number] = signal.signal(number, signal.default_int_handler)

    def restore() -> None:
        for number, handler in earlier.items():
            signal.signal(number, handler)

    return restore


def _text_output(stream: IO[bytes]) -> io.TextIOWrapper:
    """UTF-8 text over a binary stream; bytes that were not UTF-8 go out as they came in."""
    return io.TextIOWrapper(stream, encoding="utf-8", errors="surrogateescape", newline="")
