"""What every `parcel-doctor` command shares: knowledge-base options, dates, errors, JSON.

Command modules (`cli.main`, `cli.batch`, `cli.trainer`) import from
here, so each command reports errors and exits the same way.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.text import Text

from parcel_doctor import terminal
from parcel_doctor.exit_codes import ExitCode

if TYPE_CHECKING:
    from parcel_doctor.knowledge.loader import KnowledgeBase

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


def say_error(message: str) -> None:
    """`error: message` on standard error, as plain text (never read as markup)."""
    out = terminal.console(stderr=True)
    for index, line in enumerate(message.splitlines() or [""]):
        lead = "error: " if index == 0 else "  "
        terminal.hang(out, lead, Text(terminal.clean(line)), style="red")


def fail(message: str, code: int = ExitCode.BAD_INPUT) -> NoReturn:
    """Print an error on standard error and leave with `code`."""
    say_error(message)
    raise typer.Exit(code)


def knowledge(facts: Path | None, rules: Path | None) -> KnowledgeBase:
    """The knowledge base, or a clear error (exit 2) listing what is broken."""
    from parcel_doctor.knowledge.cache import load_cached
    from parcel_doctor.knowledge.loader import KnowledgeError

    try:
        return load_cached(facts, rules)
    except KnowledgeError as error:
        fail(f"{error}\nRun `parcel-doctor facts check` for the full list.")


LATEST_TODAY = dt.date(9899, 12, 31)
"""The latest `--today` taken: deadlines are counted up to a century past it."""


def today_from(text: str | None) -> dt.date:
    from parcel_doctor.dates import parse_date_text

    if text is None:
        return dt.date.today()
    try:
        day = parse_date_text(text, dt.date.today())
    except ValueError as error:
        fail(f"--today: {error}")
    if day > LATEST_TODAY:
        fail(
            f"--today: {day.isoformat()} is too late: deadlines are counted forward from "
            f"today and the calendar ends in 9999; give a date up to {LATEST_TODAY.isoformat()}"
        )
    return day


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=_plain))


def _plain(value: object) -> object:
    """What JSON cannot hold as it is: knowledge-base records (mappings) as objects,
    anything else (dates) as text."""
    return dict(value) if isinstance(value, Mapping) else str(value)
