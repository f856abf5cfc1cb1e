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
from dataclasses import replace

from parcel_doctor.diagnosis.answers import AnswerError, normalise_answers
from parcel_doctor.events.history import History, HistoryError, check_size
from parcel_doctor.events.read import read_history
from parcel_doctor.events.timestamps import find_dates
from parcel_doctor.interview.prompts import Option, Prompt, Prompter, Rewinds
from parcel_doctor.interview.state import Interview

PASTE = Option("paste", "Paste the tracking history instead (end with an empty line)")
_LINE = Prompt("tracking_history", "…", "text", commands=False)
_CONFIRM = Prompt(
    "tracking_history",
    "Use what the history says?",
    "yes-no",
    options=(Option("yes", "Yes"), Option("no", "No, I will answer the questions")),
    commands=False,
)
SHOWN_SKIPPED = 5


def _pasted(prompter: Prompter, today: dt.date) -> str:
    """Lines as pasted, up to an empty line (or the end of input). Pages put blank lines
    between their events, so where the prompter can put a reply back (a pipe, a script)
    an empty line ends the paste only when the line after it writes no date (or is empty
    too): that line is put back, the next question's reply, never a line of the paste."""
    lines: list[str] = []
    while True:
        try:
            line = prompter.ask(_LINE)
        except EOFError:
            break
        if not line.strip():
            if not isinstance(prompter, Rewinds):
                break
            try:
                line = prompter.ask(_LINE)
            except EOFError:
                break
            if not find_dates(line, today):
                if line.strip():
                    prompter.unread(line)
                break
            lines.append("")  # the page's own blank line
        lines.append(line)
        check_size("\n".join(lines), "the pasted history")
    return "\n".join(lines)


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
        history = read_history(
            interview.kb, _pasted(prompter, interview.today), interview.today, interview.date_order
        )
    except HistoryError as error:
        prompter.tell(f"{error}", "error")
        return False
    known = interview.current()
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
    if prompter.ask(_CONFIRM).strip().lower() not in ("1", "y", "yes"):
        return False
    for key, value in new.items():
        interview.answers[key] = value
        interview.history.append(key)
    return True
