"""What every `parcel-doctor` command shares: knowledge-base options, dates, errors, JSON.

Command modules (`cli.main`, `cli.batch`, `cli.trainer`) import from
here, so each command reports errors and exits the same way.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.markup import escape

from parcel_doctor.cli import render_text
from parcel_doctor.diagnosis.dates import parse_date_text
from parcel_doctor.exit_codes import ExitCode
from parcel_doctor.knowledge.loader import KnowledgeBase, KnowledgeError, load

FactsDir = Annotated[
    Path | None,
    typer.Option(
        "--facts",
        help="Use the facts in DIR instead of the shipped ones.",
        metavar="DIR",
        file_okay=False,
    ),
]
RulesDir = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        help="Use the rules in DIR instead of the shipped ones.",
        metavar="DIR",
        file_okay=False,
    ),
]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
Today = Annotated[
    str | None,
    typer.Option(
        "--today",
        help="Take this date as today (2026-11-03, or a written form such as 3 Nov 2026); "
        "default: the system date.",
        metavar="DATE",
    ),
]


def fail(message: str, code: int = ExitCode.BAD_INPUT) -> NoReturn:
    """Print a one-line error on standard error and leave with `code`."""
    render_text.console(stderr=True).print(
        f"[red]error:[/red] {escape(message)}", markup=True, highlight=False, soft_wrap=True
    )
    raise typer.Exit(code)


def knowledge(facts: Path | None, rules: Path | None) -> KnowledgeBase:
    """The knowledge base, or a clear error (exit 2) listing what is broken."""
    try:
        return load(facts, rules)
    except KnowledgeError as error:
        fail(f"{error}\nRun `parcel-doctor facts check` for the full list.")


def today_from(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return parse_date_text(text, dt.date.today())
    except ValueError as error:
        fail(f"--today: {error}")


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
