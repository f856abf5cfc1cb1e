"""The interview's offer to read the tracking page instead of picking from the stage menu.

The "What is the last event?" question says, before its menu, that the tracking history
can be pasted instead, and its menu ends with that choice (`paste`, or its number); the
seller pastes the history and ends it with an empty line. What the history says (the
last event, its date, the posting date, countries it names; `parcel_doctor.events`) is
shown with the lines it came from, and kept only if the seller confirms; answers
already given are never replaced. When nothing can be read, the reason is said and the
menu is asked again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from parcel_doctor.diagnosis.answers import AnswerError, normalise_answers
from parcel_doctor.events.history import History, HistoryError, check_size
from parcel_doctor.events.read import read_history, read_line
from parcel_doctor.events.timestamps import find_dates
from parcel_doctor.interview.prompts import Option, Prompt, Prompter, Rewinds
from parcel_doctor.interview.state import Interview

PASTE = Option("paste", "Paste the tracking history instead (end with an empty line)")
_LINE = Prompt("tracking_history", "", "text", commands=False)  # no question: a pasted line
_CONFIRM = Prompt(
    "tracking_history",
    "Use what the history says?",
    "yes-no",
    options=(Option("yes", "Yes"), Option("no", "No, I will answer the questions")),
    commands=False,
)
SHOWN_SKIPPED = 5
AHEAD = 3  # lines read past a blank line: a status-first event's status, date and place


def _pasted(prompter: Prompter, today: dt.date, goes_on: Callable[[str], bool]) -> str:
    """Lines as pasted, up to an empty line (or the end of input). Pages put blank lines
    between their events, so where the prompter can put replies back (a pipe, a script,
    a terminal) an empty line ends the paste only when no more input is waiting or the
    next lines, up to AHEAD of them before the next blank, are not the page's: none
    writes a date and the first names no stage (`goes_on`; a status-first page gives
    the date on the event's second line). Those lines are put back, the next
    questions' replies; two empty lines end the paste."""
    lines: list[str] = []
    blank = False
    while True:
        if blank:
            if not isinstance(prompter, Rewinds) or not prompter.pending():
                break
            ahead = _ahead(prompter)
            if not ahead:  # a second empty line, or the end of input
                break
            if not any(find_dates(line, today) for line in ahead) and not goes_on(ahead[0]):
                for line in reversed(ahead):
                    prompter.unread(line)
                break
            lines.append("")  # the page's own blank line
            lines += ahead
            blank = len(ahead) < AHEAD  # the lines ahead stopped at a blank line
            check_size("\n".join(lines), "the pasted history")
            continue
        try:
            line = prompter.ask(_LINE)
        except EOFError:
            break
        if not line.strip():
            blank = True
            continue
        lines.append(line)
        check_size("\n".join(lines), "the pasted history")
    return "\n".join(lines)


def _ahead(prompter: Prompter) -> list[str]:
    """Up to AHEAD lines read past a blank line, stopping at the next blank line or
    the end of input."""
    ahead: list[str] = []
    while len(ahead) < AHEAD:
        try:
            line = prompter.ask(_LINE)
        except EOFError:
            break
        if not line.strip():
            break
        ahead.append(line)
    return ahead


def _shown(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _summary(history: History, new: dict[str, object]) -> str:
    lines = ["Read from the tracking history:"]
    for key, value in new.items():
        lines.append(f"  {key} = {_shown(value)}   ({history.basis.get(key, '')})")
    lines += [f"  note: {note}" for note in history.notes]
    for skipped in history.skipped[:SHOWN_SKIPPED]:
        lines.append(f"  skipped line {skipped.line} ({skipped.why}): {skipped.text}")
    if len(history.skipped) > SHOWN_SKIPPED:
        lines.append(f"  ... and {len(history.skipped) - SHOWN_SKIPPED} more skipped lines")
    return "\n".join(lines)


def _confirmed(prompter: Prompter) -> bool:
    """The seller's yes or no to what the history says; any other reply (a line of the
    page left over from the paste) is said and the question asked again."""
    while True:
        reply = prompter.ask(_CONFIRM).strip().lower()
        if reply in ("1", "y", "yes"):
            return True
        if reply in ("2", "n", "no"):
            return False
        prompter.tell(
            f"{reply!r} is not yes or no: yes uses what the history says, no asks the questions.",
            "error",
        )


def with_offer(prompt: Prompt) -> Prompt:
    """The stage menu with the offer to paste the history: said before the menu, and
    its last choice (so the stages keep their numbers)."""
    return replace(
        prompt,
        hint="or type paste to paste the tracking history",
        options=(*prompt.options, PASTE),
    )


def wants_paste(prompt: Prompt, reply: str) -> bool:
    """Whether a reply to `with_offer`'s prompt picks the paste choice."""
    said = reply.strip().lower()
    return PASTE in prompt.options and said in (PASTE.value, str(len(prompt.options)))


def take_history(interview: Interview, prompter: Prompter) -> bool:
    """Read a pasted history and, if the seller confirms, keep what it says; True if
    its answers were taken."""
    prompter.tell("Paste the tracking history, then press Enter on an empty line.")
    try:
        pasted = _pasted(
            prompter, interview.today, lambda line: read_line(interview.kb, line).stage is not None
        )
        known = interview.current()
        history = read_history(interview.kb, pasted, interview.today, interview.page_order, known)
    except HistoryError as error:
        prompter.tell(f"{error}", "error")
        return False
    new = {k: v for k, v in history.answers.items() if k not in known}
    try:
        new = normalise_answers(interview.kb, {**known, **new}, interview.today)
        new = {k: v for k, v in new.items() if k not in known}
    except AnswerError as error:
        prompter.tell("The history's answers do not fit yours: " + str(error), "error")
        return False
    if not new:
        reasons = "; ".join(f"line {s.line}: {s.why}" for s in history.skipped[:SHOWN_SKIPPED])
        notes = " ".join(history.notes)
        prompter.tell(
            f"Nothing could be read from the history{f' ({reasons})' if reasons else ''}. "
            f"{notes}".strip(),
            "error",
        )
        return False
    prompter.tell(_summary(history, new), "note")
    if not _confirmed(prompter):
        return False
    interview.keep(new)  # `back` undoes them together
    return True
