"""The state of one interview: the answers so far, and what each reply does to them.

`Interview` holds the answers given beforehand (command line or answers file) and those
typed, the questions skipped, and the order, so `back` can undo. It builds the `Prompt`
for a question (menus grouped, a date hint computed from `today`, the destination
operator's page for this number) and reads each reply: a command (`?`, `skip`, `back`,
`quit`) or an answer, checked as an answers file would be, echoed back when it was a
written date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from parcel_doctor.dates import AmbiguousDate, answer_date, examples, spoken
from parcel_doctor.diagnosis.answers import AnswerError, normalise_answers, parse_answer
from parcel_doctor.diagnosis.diagnose import Diagnosis, analyse_number, diagnose
from parcel_doctor.events.read import read_line
from parcel_doctor.interview.prompts import COMMANDS, Option, Prompt
from parcel_doctor.interview.why import explain
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.text import closest, fold, plain
from parcel_doctor.tracking.formats import not_a_number
from parcel_doctor.tracking.numbers import NumberAnalysis


@dataclass
class ReplyOutcome:
    """What one reply did: `moved` on to the next question, or not; a message to show."""

    moved: bool = False
    quit: bool = False
    message: str = ""
    kind: str = "info"
    suggested: str = ""  # a refused reply's likely meaning: the choice a menu points at next


@dataclass
class Interview:
    """The answers of one session: given beforehand, answered, skipped, and in what order.

    `given` (command line, answers file) is checked at once (`AnswerError`, as without
    an interview) and never undone; `history` lists, reply by reply, the questions each
    answered or skipped (a pasted tracking history answers several), so `back` undoes
    one reply's answers at a time. `date_order` ("dmy", "mdy" or None) reads
    numeric dates such as 03/04/2026; when None, the seller is asked which is meant
    and the choice is kept for the next dates. `trace` adds rule ids to `?`.
    `page_order` is the order a pasted tracking page's dates are read in when given
    (`--date-order`); None lets the page's own dates tell, as `--events` does (a US
    carrier's page pasted by a seller whose locale writes days first).
    """

    kb: KnowledgeBase
    today: dt.date
    given: Mapping[str, Any] = field(default_factory=dict)
    date_order: str | None = None
    trace: bool = False
    page_order: str | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    skipped: set[str] = field(default_factory=set)
    history: list[tuple[str, ...]] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)  # distinct questions put, in order
    _doubted: str = ""  # a malformed S10 number pointed out once; typed again, it is kept
    _corrected: str = ""  # the number with the right check digit, taken by `yes`
    _readings: tuple[dt.date, ...] = ()  # the two readings of an ambiguous date

    def __post_init__(self) -> None:
        self.given = normalise_answers(self.kb, self.given, self.today)

    def current(self) -> dict[str, Any]:
        return {**self.given, **self.answers}

    def diagnosis(self) -> Diagnosis:
        return diagnose(self.kb, self.current(), self.today)

    def next_question(self, result: Diagnosis) -> str | None:
        """The most important question the rules still ask that was not skipped."""
        return next((q for q in result.missing if q not in self.skipped), None)

    # ------------------------------------------------------------------------- prompts

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
        elif kind == "carrier":
            options = self._carriers()
        elif kind == "yes-no":
            options = (Option("yes", "Yes"), Option("no", "No"))
        elif kind == "date":
            hint = examples(self.today)
        elif kind == "country":
            hint = "a name or a two-letter code"
        if qid not in self.asked:
            self.asked.append(qid)
        return Prompt(qid, question["text"], kind, hint, options, self._link(qid))

    def _origin(self) -> str | None:
        known = self.current()
        if known.get("origin"):
            return str(known["origin"])
        if known.get("tracking_number"):
            return self._analysis(known["tracking_number"]).origin
        return None

    def _analysis(self, number: str) -> NumberAnalysis:
        """The number read as `diagnose` reads it: with the destination and the carrier
        the seller named, when known."""
        known = self.current()
        return analyse_number(self.kb, number, known.get("destination"), known.get("carrier"))

    def _carriers(self) -> tuple[Option, ...]:
        """Every carrier, grouped as a seller looks for them: the posts of the origin
        country first, then e-commerce lines, couriers, local delivery companies, and
        the other posts. Each lists its aliases, so typing any of them filters to it."""
        origin = self._origin()
        country = self.kb.countries.get(origin) if origin else None
        origin_name = country["common_name"] if country else ""
        posts_here = f"Postal operators of {origin_name}" if origin_name else "Postal operators"
        order = [posts_here, "E-commerce shipping lines", "Couriers", "Local delivery companies"]
        order.append("Other postal operators")
        groups: dict[str, list[Option]] = {name: [] for name in order}
        by_kind = {
            "consolidator": order[1],
            "express-courier": order[2],
            "last-mile": order[3],
        }
        for cid, carrier in self.kb.carriers.items():
            kind = carrier.get("kind", "")
            if kind == "postal-operator":
                here = not origin or origin in carrier.get("countries", [])
                group = posts_here if here else order[4]
            else:
                group = by_kind.get(kind, order[3])
            aliases = tuple(carrier.get("aliases", ()))
            groups[group].append(Option(cid, carrier["name"], aliases, group))
        return tuple(option for name in order for option in groups[name])

    def _link(self, qid: str) -> str:
        """For the destination operator's page: that page for this number, if known."""
        if qid != "destination_site":
            return ""
        known = self.current()
        number, destination = known.get("tracking_number"), known.get("destination")
        site = self.kb.countries.get(destination or "", {}).get("tracking_site")
        if not (number and site):
            return ""
        return str(site).replace("{number}", str(number))

    # ------------------------------------------------------------------------- replies

    def reply(self, prompt: Prompt, text: str) -> ReplyOutcome:
        """Act on one reply: a command, or an answer checked and kept, or a hint."""
        command = COMMANDS.get(text.strip().lower())
        if command == "why":
            return ReplyOutcome(message=explain(self.kb, prompt.qid, self.trace), kind="note")
        if command == "quit":
            return ReplyOutcome(quit=True)
        if command == "back":
            return self.back()
        if command == "skip":
            self.skipped.add(prompt.qid)
            self.history.append((prompt.qid,))
            return ReplyOutcome(moved=True)
        try:
            value = self.read(prompt, text)
        except ValueError as error:
            return ReplyOutcome(
                message=str(error), kind="error", suggested=self._meant(prompt, text)
            )
        said = self._stretch(text) if prompt.kind == "date" else None
        kept = text.strip() if said else value  # a stretch's both ends reach the diagnosis
        try:
            normalise_answers(self.kb, {**self.current(), prompt.qid: kept}, self.today)
        except AnswerError as error:
            problems = [
                message if key == prompt.qid else f"{key}: {message}"
                for key, message in error.errors.items()
            ]
            return ReplyOutcome(message="\n".join(problems), kind="error")
        self.keep({prompt.qid: kept})
        if isinstance(value, dt.date) and text.strip() != value.isoformat():
            echo = f"= {value.isoformat()} ({value:%A})"
            if said:  # a month or part of one, read as its last day
                return ReplyOutcome(moved=True, message=f"{echo}: {said}", kind="note")
            return ReplyOutcome(moved=True, message=echo)
        said = self.kb.country_names.note(text) if prompt.kind == "country" else None
        if said:  # what the name says beyond its country (Canary Islands: outside EU VAT)
            name = self.kb.countries[value]["common_name"]
            return ReplyOutcome(moved=True, message=f"= {name} ({value}): {said}", kind="note")
        return ReplyOutcome(moved=True)

    def keep(self, answers: Mapping[str, Any]) -> None:
        """Keep the answers of one reply (several for a pasted history): `back` undoes
        them together."""
        self.answers.update(answers)
        self.history.append(tuple(answers))

    def back(self) -> ReplyOutcome:
        if not self.history:
            return ReplyOutcome(message="Nothing to undo yet.", kind="error")
        undone = self.history.pop()
        for qid in undone:
            self.answers.pop(qid, None)
            self.skipped.discard(qid)
        if len(undone) == 1:
            return ReplyOutcome(
                moved=True, message=f"Undone: {self.kb.questions[undone[0]]['text']}"
            )
        return ReplyOutcome(
            moved=True, message=f"Undone: what the tracking history said ({', '.join(undone)})."
        )

    def read(self, prompt: Prompt, text: str) -> Any:
        """The normalised value of a reply; `ValueError` with a precise hint otherwise."""
        question = self.kb.questions[prompt.qid]
        text = plain(text).strip()
        if not text:
            raise ValueError("Please answer, or type skip if you don't know.")
        if prompt.options:
            return self._option(prompt, question, text)
        if prompt.kind == "date":
            return parse_answer(self.kb, question, self._date(text), self.today)
        if prompt.kind == "tracking-number":
            return self._number(text)
        return parse_answer(self.kb, question, text, self.today)

    def _date(self, text: str) -> dt.date:
        """A written date; a numeric one that reads two ways is asked about once (1 or
        2), and the order picked reads the dates after it."""
        if self._readings and text in ("1", "2"):
            picked = self._readings[int(text) - 1]
            self.date_order = ("dmy", "mdy")[int(text) - 1]
            self._readings = ()
            return picked
        try:
            return answer_date(text, self.today, self.date_order)[0]
        except AmbiguousDate as error:
            self._readings = error.readings
            first, second = error.readings
            raise ValueError(
                f"{text!r} could be read two ways. Type 1 for {spoken(first)} "
                f"(day first) or 2 for {spoken(second)} (month first)."
            ) from None

    def _meant(self, prompt: Prompt, text: str) -> str:
        """For a reply a menu cannot take: the option it most likely means (carrier
        wording read as a stage, a near spelling of an option's value), else ""."""
        if not prompt.options:
            return ""
        values = [o.value for o in prompt.options]
        if self.kb.questions[prompt.qid].get("choices_from") == "stages":
            read = read_line(self.kb, text).stage
            if read in values:
                return str(read)
        near = closest(text.strip().lower(), values, cutoff=0.8)
        return near[0] if near else ""

    def _stretch(self, text: str) -> str | None:
        """How a date reply that names no day was read (`September 2026`), else None."""
        if not text.strip() or text.strip() in ("1", "2"):
            return None
        try:
            return answer_date(text.strip(), self.today, self.date_order)[1]
        except ValueError:  # "1" or "2", the pick of an ambiguous date's reading
            return None

    def _option(self, prompt: Prompt, question: Mapping[str, Any], text: str) -> Any:
        if text.isdigit():
            index = int(text)
            if not 1 <= index <= len(prompt.options):
                raise ValueError(
                    f"There is no option {index}: pick 1 to {len(prompt.options)}, "
                    "or type the value in brackets."
                )
            text = prompt.options[index - 1].value
            return parse_answer(self.kb, question, text, self.today)
        said = fold(text)
        exact = [o for o in prompt.options if said in (fold(o.label), fold(o.value))]
        if exact:
            return parse_answer(self.kb, question, exact[0].value, self.today)
        numbered = list(enumerate(prompt.options, start=1))
        fits = [(i, o) for i, o in numbered if f" {said} " in f" {fold(o.title)} "]
        if prompt.kind == "carrier" and len(fits) > 1:  # "DHL": three companies
            raise ValueError(_fits_several(text, fits, "carriers"))
        try:
            return parse_answer(self.kb, question, text, self.today)
        except ValueError:
            # as a menu's filter matches ("no" in "They have not received it"): say
            # which answers it fits, never take the first (review15 L-R30's addendum);
            # text that fits one answer alone ("arrived": the one answer with that word,
            # though a menu's filter also shows a stage whose wording has it) is that
            # answer, as a menu's filter leaving one choice is (review21 R21-8)
            fits = fits or [(i, o) for i, o in numbered if said in fold(o.title)]
            if len(fits) > 1:
                raise ValueError(_fits_several(text, fits, "answers")) from None
            if fits:
                return parse_answer(self.kb, question, fits[0][1].value, self.today)
            raise

    def _number(self, text: str) -> str:
        """A tracking number; a wrong S10 check digit is pointed out once, with the fix;
        a reply with no digit (a country typed into the first question, "none") is no
        number and is asked again each time.

        `yes` takes the corrected number; typing the same number again keeps it as is
        (the diagnosis then explains what is wrong with it).
        """
        question = self.kb.questions["tracking_number"]
        if self._corrected and text.lower() in ("y", "yes"):
            return self._corrected
        if why := not_a_number(text):  # a country or a name typed by mistake, "none", "0"
            raise ValueError(f"{text.strip()!r} {why}: type the number, or skip if you have none.")
        number = str(parse_answer(self.kb, question, text, self.today))
        if number == self._doubted:
            return number
        analysis = self._analysis(number)
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


def _fits_several(text: str, fits: list[tuple[int, Option]], what: str) -> str:
    listed = "; ".join(f"{index}. {option.label}" for index, option in fits[:8])
    return f"{text!r} fits {len(fits)} {what}: {listed}. Type yours (its number or name)."
