"""`--events FILE|-` of `diagnose` and `track`: read a pasted tracking history, show what
was read from it, and hand its answers on (the seller's own answers win)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from parcel_doctor.cli.common import fail
from parcel_doctor.terminal import safe as escape  # plain text, control characters removed

if TYPE_CHECKING:  # imported when a history is read, not by every command
    from parcel_doctor.events.history import History
    from parcel_doctor.knowledge.loader import KnowledgeBase

EventsFile = Annotated[
    str | None,
    typer.Option(
        "--events",
        help="A tracking history copied from a tracking page (a file, or - for standard "
        "input): its events give the last event, its date and the posting date.",
        metavar="FILE",
    ),
]
DateOrder = Annotated[
    str | None,
    typer.Option(
        "--date-order",
        help="How to read numeric dates that could be either way round in --events: "
        "dmy (04/11 = 4 November) or mdy (04/11 = April 11).",
        metavar="dmy|mdy",
    ),
]

SHOWN_SKIPPED = 8  # skipped lines listed in full; the rest are counted


def history_from(
    source: str,
    kb: KnowledgeBase,
    today: dt.date,
    order: str | None,
    given: Mapping[str, Any] | None = None,
) -> History:
    """The history in FILE (or standard input for `-`), read with the seller's answers
    `given` (`read_history`); exit 2 with a clear
    message for a file that cannot be read, binary data, too much text, or a page in
    which no dated event could be found."""
    from parcel_doctor.events.history import HistoryError, decode
    from parcel_doctor.events.read import read_history

    if order is not None and order not in ("dmy", "mdy"):
        fail(f"--date-order: {order!r} is not dmy or mdy")
    name = "standard input" if source == "-" else source
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as error:
        fail(f"--events: {source} cannot be read: {error.strerror}")
    try:
        history = read_history(kb, decode(data, name), today, order, given)
    except HistoryError as error:
        fail(f"--events: {error}")
    if not history.events and not history.answers:
        reasons = (
            "; ".join(f"line {s.line}: {s.why}" for s in history.skipped[:SHOWN_SKIPPED])
            or "no line has a date"
        )
        notes = " ".join(history.notes)
        fail(
            f"--events: no tracking event could be read from {name} ({reasons}). {notes}".strip()
            + " Copy the page's event lines with their dates."
        )
    return history


def show(out: Console, history: History, differ: list[str]) -> None:
    """What was read from the history: each event with its stage, what it implies, what
    was noticed and which lines were not used."""
    out.print("[bold]Read from the tracking history[/bold]")
    for event in reversed(history.events):
        if event.stage is None:
            stage = "[yellow]cannot tell[/yellow]"
        elif event.by_context:
            stage = f"{event.stage} [dim](from the events around it)[/dim]"
        else:
            stage = event.stage
        separate = bool(event.place) and event.place.casefold() not in event.text.casefold()
        place = f"  [dim]{escape(event.place)}[/dim]" if separate else ""
        out.print(f"  {event.stamp():<16}  {stage}: {escape(event.text)}{place}")
    for key, value in history.answers.items():
        shown = value.isoformat() if isinstance(value, dt.date) else str(value)
        kept = "  [yellow](your answer is used instead)[/yellow]" if key in differ else ""
        basis = escape(history.basis.get(key, ""))
        out.print(f"  => {key} = {escape(shown)}  [dim]({basis})[/dim]{kept}")
    for note in history.notes:
        out.print(f"  [yellow]note:[/yellow] {escape(note)}")
    for skipped in history.skipped[:SHOWN_SKIPPED]:
        out.print(
            f"  [dim]skipped line {skipped.line} ({skipped.why}): {escape(skipped.text)}[/dim]"
        )
    if len(history.skipped) > SHOWN_SKIPPED:
        out.print(f"  [dim]... and {len(history.skipped) - SHOWN_SKIPPED} more skipped lines[/dim]")
    out.print()
