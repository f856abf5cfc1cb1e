"""`parcel-doctor batch`: diagnose a whole order export (logic: `batch.pipeline`)."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from parcel_doctor.batch import pipeline as batch_module
from parcel_doctor.cli.common import FactsDir, RulesDir, Today, fail, knowledge, today_from


class Format(str, Enum):
    csv = "csv"
    jsonl = "jsonl"


@contextlib.contextmanager
def _progress(source: batch_module.Source, show: bool) -> Iterator[Callable[[int], None] | None]:
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


def register(app: typer.Typer) -> None:
    """Add the batch command to the app."""

    @app.command()
    def batch(
        input_path: Annotated[
            str,
            typer.Argument(
                metavar="INPUT", help="An order export: CSV or JSON Lines; - for standard input."
            ),
        ],
        out: Annotated[
            Path | None,
            typer.Option(
                "--out",
                help="Write the rows here instead of standard output.",
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
        assignments: Annotated[
            list[str] | None,
            typer.Option(
                "--map",
                help="Map a column to an answer key: 'Order Ship Date=shipped_on' (repeatable; "
                "'Column=' leaves a column unmapped).",
                metavar="COLUMN=KEY",
            ),
        ] = None,
        jobs: Annotated[
            int, typer.Option("--jobs", min=1, help="Diagnose in N worker processes.", metavar="N")
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
        """Diagnose every row of an order export; add situation, advice, act_by and error.

        Exit 0 every row diagnosed, 1 some rows have errors, 2 unusable input.
        """
        kb = knowledge(facts, rules)
        day = today_from(today)
        if out is not None and input_path != "-":
            with contextlib.suppress(OSError):
                if out.exists() and out.resolve() == Path(input_path).resolve():
                    fail(f"--out {out}: that is the input; write the rows to another file")
        try:
            source = batch_module.open_source(input_path)
        except batch_module.BatchInputError as error:
            fail(str(error))
        stream: io.TextIOWrapper | None = None
        try:
            # Check the columns before creating the output file or writing a byte.
            batch_module.map_columns(kb, source.header, assignments or [])
            if out is not None:
                try:
                    stream = batch_module.text_output(open(out, "wb"))  # noqa: SIM115
                except OSError as error:
                    fail(f"--out {out}: cannot be written: {error.strerror}")
            elif not summary_only:
                stream = batch_module.text_output(sys.stdout.buffer)
            chosen = batch_module.output_format(fmt.value if fmt else None, out, source)
            with _progress(source, sys.stderr.isatty()) as tick:
                summary = batch_module.run_batch(
                    kb,
                    source,
                    stream,
                    day,
                    fmt=chosen,
                    assignments=assignments or [],
                    jobs=jobs,
                    facts=facts,
                    rules=rules,
                    on_row=tick,
                )
        except batch_module.BatchInputError as error:
            fail(str(error))
        finally:
            source.close()
            if stream is not None:
                if out is None:
                    stream.flush()
                    stream.detach()  # leave standard output open
                else:
                    stream.close()
        for line in summary.lines():
            typer.echo(line, err=not summary_only)
        raise typer.Exit(summary.exit_code)
