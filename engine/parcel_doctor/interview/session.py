"""The guided interview: ask a seller only what the rules still need, one question at a time.

The rules decide what to ask (`then.ask`, surfaced as `Diagnosis.missing`, most important
first); this module only runs the conversation. `Interview` holds the answers and reads
each reply, and `run` loops: diagnose, ask the first missing question not yet answered
or skipped, read the reply, until nothing is missing. The conversation goes through a
small `Prompter` interface, so tests drive it with scripted replies and no terminal;
`TerminalPrompter` (arrow keys, via questionary) and `LinePrompter` (one reply per line,
for pipes and scripts) are the two real ones.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TextIO

from rich.console import Console
from rich.markup import escape

from parcel_doctor.diagnosis.answers import AnswerError, normalise_answers, parse_answer
from parcel_doctor.diagnosis.dates import examples
from parcel_doctor.diagnosis.diagnose import Diagnosis, analyse_number, diagnose
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.rules.model import Condition, Ref, Rule

COMMANDS = {"?": "why", "why": "why", "back": "back", "skip": "skip", "quit": "quit"}
INTRO = (
    "Answer each question. At any prompt: `?` or `why` says why it is asked, `skip` if "
    "you don't know, `back` undoes the previous answer, `quit` stops and shows what is known."
)

# ----------------------------------------------------------------------------- why


def _touches(condition: Condition, fields: set[str]) -> bool:
    """Whether a shipment condition tests one of `fields`, directly or by reference."""
    for test in condition.tests:
        values = test.value if isinstance(test.value, list) else [test.value]
        if condition.kind == "shipment" and test.field in fields:
            return True
        if any(isinstance(v, Ref) and v.field in fields for v in values):
            return True
    return False


def dependents(kb: KnowledgeBase, qid: str) -> list[Rule]:
    """The rules whose outcome can hang on one answer: those that test the shipment
    field (in `when` or `unless`), then, transitively, those whose `when` needs a fact
    or situation such a rule concludes. Question-only rules are left out."""
    fields = {qid, f"days_since_{qid}"}
    number = qid == "tracking_number"

    def seed(rule: Rule) -> bool:
        return any(_touches(c, fields) for c in [*rule.when, *rule.unless]) or (
            number and any(c.kind == "tracking_number" for c in rule.when)
        )

    return [r for r in kb.graph.downstream(seed) if r.situations or r.advice or r.facts]


def _listing(titles: Iterable[str], most: int = 6) -> str:
    unique = list(dict.fromkeys(titles))
    shown = ", ".join(unique[:most])
    return shown + (f" and {len(unique) - most} more" if len(unique) > most else "")


def why(kb: KnowledgeBase, qid: str) -> str:
    """Why a question is asked: its help, the rules that ask it, what hangs on it."""
    question = kb.questions[qid]
    lines = [question.get("help", "").strip()]
    for rule in kb.graph.askers(qid):
        lines.append(f"Asked by the rule {rule.id}: {rule.explanation}")
    rules = dependents(kb, qid)
    situations = [kb.situations[s]["title"] for r in rules for s in r.situations]
    advice = [kb.advice[a]["title"] for r in rules for a in r.advice]
    if situations:
        lines.append(f"The answer can decide what is happening: {_listing(situations)}.")
    if advice:
        lines.append(f"... and what to do: {_listing(advice)}.")
    tested = [r.id for r in rules if any(_touches(c, {qid}) for c in [*r.when, *r.unless])]
    if tested:
        lines.append(f"Rules that test it: {_listing(tested, 8)}.")
    return "\n".join(line for line in lines if line)


# ----------------------------------------------------------------------------- prompts


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    wording: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """`label [value]` plus the carrier wording it covers, cut to fit one line."""
        text = f"{self.label} [{self.value}]"
        seen: list[str] = []
        for words in self.wording:
            if words.casefold() not in (w.casefold() for w in seen):
                seen.append(words)
        quoted = [f'"{w}"' for w in seen]
        shown = quoted[:1]
        for words in quoted[1:]:
            if len(", ".join([*shown, words])) > 60:
                break
            shown.append(words)
        if shown:
            more = ", ..." if len(shown) < len(quoted) else ""
            text += f"  {', '.join(shown)}{more}"
        return text


@dataclass(frozen=True)
class Prompt:
    """One question as shown: its text, a hint on the form of the answer, its options."""

    qid: str
    text: str
    kind: str
    hint: str = ""
    options: tuple[Option, ...] = ()


class Prompter(Protocol):
    """The two halves of a conversation. `ask` returns the reply as typed (or the value
    picked) and lets KeyboardInterrupt (Ctrl-C) and EOFError (end of input) through."""

    def ask(self, prompt: Prompt) -> str: ...

    def tell(self, message: str, kind: str = "info") -> None: ...


_STYLES = {"info": "dim", "error": "red", "note": "yellow"}


class LinePrompter:
    """One reply per line: for pipes and scripts. Echoes each reply so logs read well."""

    def __init__(self, console: Console, stdin: TextIO) -> None:
        self.console = console
        self.stdin = stdin

    def ask(self, prompt: Prompt) -> str:
        hint = f"  [dim]({escape(prompt.hint)})[/dim]" if prompt.hint else ""
        self.console.print(f"? {escape(prompt.text)}{hint}")
        for index, option in enumerate(prompt.options, start=1):
            self.console.print(f"  {index:>2}. {escape(option.title)}")
        line = self.stdin.readline()
        if not line:
            raise EOFError
        reply = line.strip()
        self.console.print(f"[dim]> {escape(reply)}[/dim]")
        return reply

    def tell(self, message: str, kind: str = "info") -> None:
        tell(self.console, message, kind)


class TerminalPrompter:
    """A terminal: choices picked with arrow keys (or by typing a number or some words to
    filter), other answers typed; via questionary, whose colours follow NO_COLOR."""

    def __init__(self, console: Console, stream: TextIO) -> None:
        self.console = console
        self.stream = stream

    def ask(self, prompt: Prompt) -> str:
        import questionary
        from prompt_toolkit.output import create_output

        output = create_output(stdout=self.stream)
        if prompt.options:
            choices: list[Any] = [
                questionary.Choice(f"{i}. {o.title}", value=o.value)
                for i, o in enumerate(prompt.options, start=1)
            ]
            choices += [
                questionary.Separator(),
                questionary.Choice("skip: I don't know", value="skip"),
                questionary.Choice("? why is this asked", value="why"),
                questionary.Choice("back: undo the previous answer", value="back"),
                questionary.Choice("quit: stop and show what is known", value="quit"),
            ]
            question = questionary.select(
                prompt.text,
                choices,
                qmark="?",
                use_jk_keys=False,
                use_search_filter=True,
                instruction="(arrow keys, or type a number or words to filter; Enter)",
                output=output,
            )
        else:
            question = questionary.text(
                prompt.text,
                qmark="?",
                instruction=f"({prompt.hint})" if prompt.hint else None,
                output=output,
            )
        answer = question.unsafe_ask()
        if answer is None:  # questionary's way of saying the prompt was aborted
            raise KeyboardInterrupt
        return str(answer)

    def tell(self, message: str, kind: str = "info") -> None:
        tell(self.console, message, kind)


def tell(console: Console, message: str, kind: str = "info") -> None:
    style = _STYLES.get(kind, "")
    for line in message.splitlines():
        console.print(f"[{style}]  {escape(line)}[/{style}]" if style else f"  {escape(line)}")


def prompter_for(to_stderr: bool = False) -> Prompter:
    """The terminal prompter when standard input and the output are terminals, else lines.

    With `--json` the questions go to standard error, so standard output stays JSON.
    """
    from parcel_doctor.cli import render_text

    console = render_text.console(stderr=to_stderr)
    stream = sys.stderr if to_stderr else sys.stdout
    if sys.stdin.isatty() and stream.isatty():
        return TerminalPrompter(console, stream)
    return LinePrompter(console, sys.stdin)


# ----------------------------------------------------------------------------- session


@dataclass
class ReplyOutcome:
    """What one reply did: `moved` on to the next question, or not; a message to show."""

    moved: bool = False
    quit: bool = False
    message: str = ""
    kind: str = "info"


@dataclass
class Interview:
    """The answers of one session: given beforehand, answered, skipped, and in what order.

    `given` (from the command line) is checked at once (`AnswerError`, as without an
    interview) and never asked nor undone; `history` lists the questions answered or
    skipped, so `back` can undo them one by one.
    """

    kb: KnowledgeBase
    today: dt.date
    given: Mapping[str, Any] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    skipped: set[str] = field(default_factory=set)
    history: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)  # distinct questions put, in order
    _doubted: str = ""  # a malformed S10 number pointed out once; typed again, it is kept
    _corrected: str = ""  # the number with the right check digit, taken by `yes`

    def __post_init__(self) -> None:
        self.given = normalise_answers(self.kb, self.given, self.today)

    def current(self) -> dict[str, Any]:
        return {**self.given, **self.answers}

    def diagnosis(self) -> Diagnosis:
        return diagnose(self.kb, self.current(), self.today)

    def next_question(self, result: Diagnosis) -> str | None:
        """The most important question the rules still ask that was not skipped."""
        return next((q for q in result.missing if q not in self.skipped), None)

    def prompt(self, qid: str) -> Prompt:
        question = self.kb.questions[qid]
        kind = question["kind"]
        options: tuple[Option, ...] = ()
        hint = ""
        if kind == "choice":
            options = tuple(
                Option(c["value"], c["label"], tuple(c.get("wording", ())))
                for c in self.kb.choices(question)
            )
        elif kind == "yes-no":
            options = (Option("yes", "Yes"), Option("no", "No"))
        elif kind == "date":
            hint = examples(self.today)
        elif kind == "country":
            hint = "a name or a two-letter code"
        if qid not in self.asked:
            self.asked.append(qid)
        return Prompt(qid, question["text"], kind, hint, options)

    def reply(self, prompt: Prompt, text: str) -> ReplyOutcome:
        """Act on one reply: a command, or an answer checked and kept, or a hint."""
        command = COMMANDS.get(text.strip().lower())
        if command == "why":
            return ReplyOutcome(message=why(self.kb, prompt.qid), kind="note")
        if command == "quit":
            return ReplyOutcome(quit=True)
        if command == "back":
            return self.back()
        if command == "skip":
            self.skipped.add(prompt.qid)
            self.history.append(prompt.qid)
            return ReplyOutcome(moved=True)
        try:
            value = self.read(prompt, text)
        except ValueError as error:
            return ReplyOutcome(message=str(error), kind="error")
        try:
            normalise_answers(self.kb, {**self.current(), prompt.qid: value}, self.today)
        except AnswerError as error:
            problems = [
                message if key == prompt.qid else f"{key}: {message}"
                for key, message in error.errors.items()
            ]
            return ReplyOutcome(message="\n".join(problems), kind="error")
        self.answers[prompt.qid] = value
        self.history.append(prompt.qid)
        if isinstance(value, dt.date) and text.strip() != value.isoformat():
            return ReplyOutcome(moved=True, message=f"= {value.isoformat()} ({value:%A})")
        return ReplyOutcome(moved=True)

    def back(self) -> ReplyOutcome:
        if not self.history:
            return ReplyOutcome(message="Nothing to undo yet.", kind="error")
        qid = self.history.pop()
        self.answers.pop(qid, None)
        self.skipped.discard(qid)
        return ReplyOutcome(moved=True, message=f"Undone: {self.kb.questions[qid]['text']}")

    def read(self, prompt: Prompt, text: str) -> Any:
        """The normalised value of a reply; `ValueError` with a precise hint otherwise."""
        question = self.kb.questions[prompt.qid]
        text = text.strip()
        if not text:
            raise ValueError("Please answer, or type skip if you don't know.")
        if prompt.options:
            return self._option(prompt, question, text)
        if prompt.kind == "date":
            return parse_answer(self.kb, question, text, self.today)
        if prompt.kind == "tracking-number":
            return self._number(text)
        return parse_answer(self.kb, question, text, self.today)

    def _option(self, prompt: Prompt, question: dict[str, Any], text: str) -> Any:
        if text.isdigit():
            index = int(text)
            if not 1 <= index <= len(prompt.options):
                raise ValueError(
                    f"There is no option {index}: pick 1 to {len(prompt.options)}, "
                    "or type the value in brackets."
                )
            text = prompt.options[index - 1].value
        else:
            text = next(
                (o.value for o in prompt.options if o.label.casefold() == text.casefold()), text
            )
        return parse_answer(self.kb, question, text, self.today)

    def _number(self, text: str) -> str:
        """A tracking number; a wrong S10 check digit is pointed out once, with the fix.

        `yes` takes the corrected number; typing the same number again keeps it as is
        (the diagnosis then explains what is wrong with it).
        """
        question = self.kb.questions["tracking_number"]
        if self._corrected and text.lower() in ("y", "yes"):
            return self._corrected
        number = str(parse_answer(self.kb, question, text, self.today))
        if number == self._doubted:
            return number
        analysis = analyse_number(self.kb, number, self.current().get("destination"))
        if analysis.valid is False:
            self._doubted, self._corrected = number, analysis.corrected or ""
            problems = " ".join(analysis.problems)
            if analysis.corrected:
                raise ValueError(
                    f"{problems}\nType yes to use {analysis.corrected}, or type the "
                    "number again to keep it as it is."
                )
            raise ValueError(f"{problems}\nType the number again to keep it as it is.")
        return number


def run_interview(interview: Interview, prompter: Prompter) -> Diagnosis:
    """Ask until the rules need nothing more (or the seller quits); the final diagnosis.

    Ctrl-C and end of input propagate (KeyboardInterrupt, EOFError): the caller decides
    what to save and how to exit.
    """
    introduced = False
    while True:
        result = interview.diagnosis()
        qid = interview.next_question(result)
        if qid is None:
            return result
        if not introduced:
            prompter.tell(INTRO)
            introduced = True
        prompt = interview.prompt(qid)
        while True:
            outcome = interview.reply(prompt, prompter.ask(prompt))
            if outcome.message:
                prompter.tell(outcome.message, outcome.kind)
            if outcome.quit:
                return result
            if outcome.moved:
                break


# ----------------------------------------------------------------------------- saving


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return str(value)
    # JSON escapes are TOML escapes; TOML also refuses a raw DEL.
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


def answers_toml(
    kb: KnowledgeBase, answers: Mapping[str, Any], today: dt.date, skipped: Iterable[str] = ()
) -> str:
    """An answers file `--answers` replays: dates as TOML dates, booleans as booleans,
    keys in catalogue order, and a comment with the day the day counts were taken."""
    lines = [
        "# parcel-doctor answers, saved by the interview.",
        f"# today was {today.isoformat()}; replay with:",
        f"#   parcel-doctor diagnose --answers FILE --today {today.isoformat()}",
    ]
    left_out = [q for q in kb.questions if q in set(skipped) and q not in answers]
    if left_out:
        lines.append(f"# not known (skipped): {', '.join(left_out)}")
    ordered = [q for q in kb.questions if q in answers] + [
        q for q in answers if q not in kb.questions
    ]
    lines += [f"{key} = {_toml_value(answers[key])}" for key in ordered]
    return "\n".join(lines) + "\n"


def save(
    path: Path,
    kb: KnowledgeBase,
    answers: Mapping[str, Any],
    today: dt.date,
    skipped: Iterable[str] = (),
) -> None:
    """Write an answers file (see `answers_toml`) to `path`; OSError if it cannot."""
    path.write_text(answers_toml(kb, answers, today, skipped), encoding="utf-8")
