"""The explanation model: a diagnosis of one shipment and how the rules reached it.

`diagnose()` is the single code path behind `diagnose`, the interview, the batch
runner, the case library and the tests: answers in, `Diagnosis` out. Renderers
(`parcel_doctor.cli.render_text`) only format a `Diagnosis`; they never reason.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, NamedTuple, TypeVar, overload

from parcel_doctor.dates import spoken, stretch_note
from parcel_doctor.diagnosis.answers import (
    AnswerError,
    Checked,
    as_said,
    meant_carrier,
    normalise_answers,
    stretch_of,
    to_plain,
)
from parcel_doctor.diagnosis.messages import Message, Templates, messages_for
from parcel_doctor.diagnosis.per_table import per_table
from parcel_doctor.inference.conclusions import fact_values
from parcel_doctor.inference.session import Firing, RunResult, engine_for
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.knowledge.numbers import analyse_number
from parcel_doctor.templates import Context, fill_template, lookup, pages_not_known, render_url
from parcel_doctor.tracking.numbers import NumberAnalysis

W = TypeVar("W")


@dataclass
class SituationFound:
    id: str
    title: str
    summary: str
    urgency: int
    rules: list[str]


class _Step(NamedTuple):
    """What assembling a step reads from its `[[advice]]` record."""

    title: str
    text: str
    urls: tuple[str, ...]  # URL templates, the step's own page first
    order: int
    text_due_today: str | None  # the words when its date is today (never "wait until today")
    text_due_latest: str | None  # the words when its date is only the latest it can be
    text_domestic: str | None  # the words for a parcel inside one country (no import words)


class _Word(Generic[W]):
    """A step's text, links or pages not on record: the three are filled together when
    one of them is first read, and then read from the step itself (`AdviceStep`)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, step: None, owner: type | None = None) -> _Word[W]: ...

    @overload
    def __get__(self, step: AdviceStep, owner: type | None = None) -> W: ...

    def __get__(self, step: AdviceStep | None, owner: type | None = None) -> W | _Word[W]:
        if step is None:
            return self
        step._fill_words()
        value: W = step.__dict__[self.name]
        return value


@dataclass
class AdviceStep:
    id: str
    title: str
    due: str | None
    rules: list[str]
    due_latest: bool = False  # `due` is only the latest it can be (a rule's `then.due.latest`)
    # What the step's words are filled from: its advice entry (`_Step`), facts/
    # messages.toml's table, and the facts the rules saw (the due date added).
    # what fills its words when first read: its advice entry, the message templates, the
    # facts, and the situations concluded beside it (they choose its messages)
    _fill: tuple[_Step, Templates, Context, frozenset[str]] | None = field(
        default=None, repr=False, compare=False
    )

    # The step's words, filled when one of them is first read: the reports and the JSON
    # read every step's, a batch only its first step's (filling the others was half of
    # assembling a batch row's diagnosis).
    text = _Word[str]()
    urls = _Word[list[str]]()
    pages_not_known = _Word[list[str]]()  # the pages it would link that are not on record

    def _fill_words(self) -> None:
        if self._fill is None:
            self.__dict__.update(text="", urls=[], pages_not_known=[])
            return
        prepared, facts = self._fill[0], {**self._fill[2], "due": self.due}
        templates = prepared.urls
        urls = [render_url(u, facts) for u in templates]
        # A fallback tracking page that does not carry the parcel's number (a post's
        # tracker where it is typed in) tells nothing about this parcel: only a step whose
        # own page it is links it ("Contact Correo Argentino" offered its tracking form).
        number = facts.get("number")
        urls[1:] = [
            None if u and ".tracking_site}" in t and not (number and str(number) in u) else u
            for t, u in zip(templates[1:], urls[1:], strict=True)
        ]
        self.__dict__.update(
            text=fill_template(prepared.text, facts),
            urls=list(dict.fromkeys(u for u in urls if u)),
            # the page that fits the step comes first (the rest are fallbacks)
            pages_not_known=(
                pages_not_known(templates[0], facts) if templates and not urls[0] else []
            ),
        )

    @property
    def by(self) -> str:
        """How its date reads after its title: "by <date>", "by <date> at the latest"."""
        if not self.due:
            return ""
        return f"by {self.due} at the latest" if self.due_latest else f"by {self.due}"

    def _facts(self) -> Context:
        return {} if self._fill is None else {**self._fill[2], "due": self.due}

    @functools.cached_property
    def messages(self) -> list[Message]:
        """The step's ready-to-send messages (facts/messages.toml), filled when first
        read: only `to_json` and the text renderer's `--messages` show them, the batch
        and the plain report never do, and filling them was a third of assembling a
        diagnosis."""
        if self._fill is None:
            return []
        return messages_for(self._fill[1], self.id, self._facts(), self._fill[3])


@dataclass
class TraceStep:
    rule: str
    title: str
    explanation: str
    facts: dict[str, dict[str, Any]]
    concluded: list[str]


@dataclass
class Diagnosis:
    today: dt.date
    inputs: dict[str, Any]
    situations: list[SituationFound] = field(default_factory=list)
    advice: list[AdviceStep] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    number: NumberAnalysis | None = None
    firings: list[Firing] = field(default_factory=list, repr=False)
    notes: list[str] = field(default_factory=list)  # how an answer was read ("DHL": which)
    # date answers kept in the seller's words (a stretch of days: "September 2026"), which
    # a saved answers file keeps rather than the one day `inputs` reads them as
    worded: dict[str, str] = field(default_factory=dict)

    @functools.cached_property
    def trace(self) -> list[TraceStep]:
        """How the rules got there, firing by firing; built when first asked."""
        return [
            TraceStep(
                f.rule.id,
                f.rule.title,
                f.rule.explanation,
                f.facts,
                [describe_fact(c) for c in f.concluded],
            )
            for f in self.firings
        ]

    @property
    def act_by(self) -> str | None:
        """The earliest date attached to any advice."""
        dues = [a.due for a in self.advice if a.due]
        return min(dues) if dues else None

    def to_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "situations": [
                {"id": s.id, "title": s.title, "summary": s.summary, "rules": s.rules}
                for s in self.situations
            ],
            "advice": [
                {
                    "id": a.id,
                    "title": a.title,
                    "text": a.text,
                    "due": a.due,
                    "urls": a.urls,
                    "pages_not_known": a.pages_not_known,
                    "rules": a.rules,
                    "messages": [m.to_json() for m in a.messages],
                }
                for a in self.advice
            ],
            "trace": [
                {"rule": t.rule, "title": t.title, "facts": t.facts, "concluded": t.concluded}
                for t in self.trace
            ],
            "missing": self.missing,
            "notes": self.notes,
            "inputs": to_plain(self.inputs),
        }


def describe_fact(fact: Mapping[str, Any]) -> str:
    """A concluded fact in a few words: `situation likely-lost`, `silence: state=late`."""
    if fact["kind"] in ("situation", "advice", "question"):
        return f"{fact['kind']} {fact['name']}"
    label = fact.get("name") or fact.get("key")
    if label:
        return f"{fact['kind']}: {label}"
    fields = ", ".join(f"{k}={v}" for k, v in fact.items() if k not in ("kind", "sid"))
    return f"{fact['kind']}: {fields}"


def limit_values(kb: KnowledgeBase) -> dict[str, int]:
    """Each `[[limit]]` by id, in its own unit: `days`, or `months` (calendar months).
    Built once per limits table and shared (every diagnosis reads it twice): callers
    copy it rather than change it."""
    return per_table(kb.tables["limits"], _limit_values)


def _limit_values(table: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    return {
        lid: limit["days"] if "days" in limit else limit["months"] for lid, limit in table.items()
    }


def initial_facts(
    kb: KnowledgeBase, answers: Mapping[str, Any], number: NumberAnalysis | None, today: dt.date
) -> list[dict[str, Any]]:
    """The facts every session starts with (documented in rules/README.md)."""
    return _initial_facts(kb, fact_values(answers, today), number, today)


def _initial_facts(
    kb: KnowledgeBase, shipment: Mapping[str, Any], number: NumberAnalysis | None, today: dt.date
) -> list[dict[str, Any]]:
    """`initial_facts` from the answers as a fact already (`fact_values`)."""
    facts: list[dict[str, Any]] = [
        {"kind": "shipment", "today": today.isoformat(), **shipment},
        {"kind": "limits", **limit_values(kb)},
    ]
    if number is not None:
        facts.append({"kind": "tracking_number", **number.fact()})
    return facts


def concluded_situations(
    kb: KnowledgeBase, facts: list[dict[str, Any]], today: dt.date
) -> set[str]:
    """The situations the rules conclude from a session's initial facts: what `facts
    check` runs its example shipments through (`knowledge.exclusions`)."""
    result = engine_for(kb).infer(facts, today)
    return {fact["name"] for fact, _ in result.conclusions if fact["kind"] == "situation"}


class _Steps(dict[str, _Step]):
    """An advice table's entries as `_Step`s, each read from its record when first asked
    for (`per_table`: a dozen record fields a diagnosis)."""

    def __init__(self, table: Mapping[str, Mapping[str, Any]]) -> None:
        super().__init__()
        self.table = table

    def __missing__(self, aid: str) -> _Step:
        entry = self.table[aid]
        step = self[aid] = _Step(
            entry["title"],
            entry["text"],
            tuple(entry.get("urls", ())),
            entry["order"],
            entry.get("text_due_today"),
            entry.get("text_due_latest"),
            entry.get("text_domestic"),
        )
        return step


Infer = Callable[[list[dict[str, Any]], dt.date], RunResult]
"""Runs the rules on a session's initial facts (`Engine.infer`, or a memo in front of it)."""


def diagnose(
    kb: KnowledgeBase, raw_answers: Mapping[str, Any], today: dt.date, infer: Infer | None = None
) -> Diagnosis:
    """Check the answers, run the rules, and assemble the explained diagnosis.

    Raises `AnswerError` for answers outside the vocabulary. `infer` replaces the rule
    engine's own run (the batch puts a memo of identical sessions in front of it).
    """
    answers, number, read = prepare(kb, raw_answers, today)
    shipment = fact_values(answers, today)  # the session's fact and the templates' facts
    result = (infer or engine_for(kb).infer)(_initial_facts(kb, shipment, number, today), today)
    diagnosis = assemble(kb, answers, number, result, today, shipment)
    if raw_answers.get("carrier") and "carrier" not in answers:  # read as the origin's post
        diagnosis.missing = [q for q in diagnosis.missing if q != "carrier"]  # never re-asked
    diagnosis.notes += read
    diagnosis.notes += _country_name_notes(kb, raw_answers, answers)
    diagnosis.notes += _stretch_notes(kb, raw_answers, today, diagnosis, infer)
    return diagnosis


def prepare(
    kb: KnowledgeBase, raw_answers: Mapping[str, Any], today: dt.date
) -> tuple[dict[str, Any], NumberAnalysis | None, list[str]]:
    """The answers as the rules get them, the number's analysis, and notes on what was
    read for the parcel: the answers normalised, the number read (inside a pasted label
    or link too), a name several carriers go by read as one ("DHL"), and the origin read
    from the post the parcel was handed to. Raises `AnswerError` as `diagnose` does."""
    answers = normalise_answers(kb, raw_answers, today)
    notes = _national_post_notes(kb, answers)
    number = None
    if "tracking_number" in answers:
        number = analyse_number(
            kb, answers["tracking_number"], answers.get("destination"), answers.get("carrier")
        )
        if number.number:  # the number read inside a pasted label or link, its note says
            answers["tracking_number"] = number.number
    meant = meant_carrier(kb, answers, number)  # "DHL": which DHL, for this parcel
    if meant is not None:
        answers["carrier"] = meant.carrier
        notes.append(meant.note)
        if number is not None:  # read as the seller naming that carrier would have it read
            number = analyse_number(kb, number.number, answers.get("destination"), meant.carrier)
    posted_in = _posted_in(kb, answers, number)  # Royal Mail: posted in the UK
    if posted_in is not None:
        answers["origin"] = posted_in
        notes.append(
            f"Origin read as {kb.countries[posted_in]['common_name']}: "
            f"{kb.carriers[answers['carrier']]['name']} takes mail only there. If the parcel "
            "was posted elsewhere, give the origin."
        )
    return answers, number, notes


def _national_post_notes(kb: KnowledgeBase, answers: dict[str, Any]) -> list[str]:
    """A carrier answer naming a national post with no carrier record ("Correo Argentino",
    review15 K-R21) names where the parcel was posted: the origin is read as that country
    (its post's pages on record are used) and the answer replaced by it, with a note. The
    destination's own post names no origin (it delivers): the answer is left out, said.
    Posted elsewhere by the answers: `AnswerError`, as the name cannot be that parcel's."""
    given = answers.get("carrier")
    if given is None or given in kb.carriers or kb.shared_carrier_name(str(given)) is not None:
        return []  # a carrier on record, or a name several go by ("Correios": meant_carrier)
    home = kb.national_post(str(given))
    if home is None:
        return []
    del answers["carrier"]
    country = kb.countries[home]["common_name"]
    origin = answers.get("origin")
    if origin is None and answers.get("destination") == home:
        return [
            f"{given} is the national post of {country}, the destination: it delivers the "
            "parcel there, so it says nothing of where it was posted. Give the carrier you "
            "posted with, if any, and the origin."
        ]
    if origin not in (None, home):
        raise AnswerError(
            {
                "carrier": f"{given!r} is the national post of {country} ({home}), but the "
                f"origin given is {origin}: give the carrier you posted with in {origin}, "
                "or leave the carrier out."
            }
        )
    if origin == home:
        return [
            f"{given} is the national post of {country}, the origin: no carrier record, so "
            "the post's pages on record for the country are used."
        ]
    answers["origin"] = home
    return [
        f"Origin read as {country}: {given} is its national post (no carrier record: "
        "the post's pages on record for the country are used). If the parcel was posted "
        "elsewhere, give the origin."
    ]


def _posted_in(
    kb: KnowledgeBase, answers: Mapping[str, Any], number: NumberAnalysis | None
) -> str | None:
    """With no origin given and none read from the number: the country of the post the
    parcel was handed to, when that post has one (`home`: a post takes mail only in its
    own country), so its windows, inquiry rules and links apply."""
    if answers.get("origin") or (number is not None and number.origin):
        return None
    carrier = kb.carriers.get(str(answers.get("carrier") or ""))
    home = carrier.get("home") if carrier else None
    return home if isinstance(home, str) and home in kb.countries else None


def _stretch_notes(
    kb: KnowledgeBase,
    raw: Mapping[str, Any],
    today: dt.date,
    latest: Diagnosis,
    infer: Infer | None,
) -> list[str]:
    """For date answers that name a stretch of days (`September 2026`), each where it is
    safe: the situations and waits come from the stretch's LAST day (`answers`: never
    called lost, nor a reship advised, on a guess), every deadline from its FIRST day
    (never missed): a step the first day dates sooner takes that date. Notes say how each
    answer was read (a batch row's cells say it themselves), and what the first day would
    conclude or advise besides."""
    spans = {}
    for qid, question in kb.questions.items():
        span = stretch_of(as_said(raw, qid), today) if question.get("kind") == "date" else None
        read = latest.inputs.get(qid)  # the last day, or an event's inside the stretch
        if span is not None and isinstance(read, dt.date) and span[0] < read:
            spans[qid] = (span[0], read)
    if not spans:
        return []
    batch = type(raw) is Checked
    latest.worded = {qid: str(as_said(raw, qid)).strip() for qid in spans}
    notes = [
        f"{qid} {stretch_note(latest.worded[qid], span)}"
        for qid, span in spans.items()
        if not batch
    ]
    firsts = {qid: span[0] for qid, span in spans.items()}
    when = ", ".join(f"{qid} {spoken(day)}" for qid, day in firsts.items())
    earlier = Checked({**raw, **firsts}) if batch else {**raw, **firsts}
    try:
        earliest = diagnose(kb, earlier, today, infer)
    except AnswerError:  # the first day is before another answer's date: not possible
        return notes
    ids = {s.id for s in latest.situations}
    new = [f"{s.title} ({s.id})" for s in earliest.situations if s.id not in ids]
    if new:
        ids -= {s.id for s in earliest.situations}
        instead = [f"{s.title} ({s.id})" for s in latest.situations if s.id in ids]
        rather = f", rather than {'; '.join(instead)}" if instead else ""
        notes.append(f"With the earliest day ({when}) it would be {'; '.join(new)}{rather}")
    sooner = {a.id: a for a in earliest.advice}
    for index, step in enumerate(latest.advice):
        early = sooner.get(step.id)
        if step.due and early is None:
            notes.append(
                f"{step.title!r} (by {step.due}) is counted from the latest day; from the "
                f"earliest ({when}) it is not advised: its time may be over"
            )
        elif step.due and early is not None and early.due and early.due < step.due:
            notes.append(
                f"{step.title!r} is dated from the earliest day ({when}): by {early.due} "
                f"(from the latest day it would be {step.due})"
            )
            latest.advice[index] = early  # the step as the first day words it
    steps = {a.id for a in latest.advice}
    besides = [repr(a.title) for a in earliest.advice if a.id not in steps]
    if besides:
        notes.append(f"With the earliest day ({when}) it would also advise: {', '.join(besides)}")
    _word_stretches(latest.advice, spans)
    return notes


def _word_stretches(advice: list[AdviceStep], spans: Mapping[str, tuple[dt.date, dt.date]]) -> None:
    """The steps' words and messages give a stretch answer as the stretch, never as one
    day the seller did not say (review15 L-R31: an inquiry message said "posted on
    2026-09-01" for "September 2026"; a post checks it against its acceptance record)."""
    said = {
        qid: f"a day between {first.isoformat()} and {last.isoformat()} (see my records)"
        for qid, (first, last) in spans.items()
    }
    for step in advice:
        if step._fill is None:
            continue
        prepared, templates, context, concluded = step._fill
        shipment = {**context.get("shipment", {}), **said}
        step._fill = (prepared, templates, {**context, "shipment": shipment}, concluded)
        for word in ("text", "urls", "pages_not_known", "messages"):
            step.__dict__.pop(word, None)  # filled again with these words


def _country_name_notes(
    kb: KnowledgeBase, raw: Mapping[str, Any], answers: Mapping[str, Any]
) -> list[str]:
    """What a country answer's name says beyond its country (`Canary Islands`: Spain,
    outside the EU VAT area; `note` in facts/country_names.toml), as batch and the
    interview tell it. Not for a batch row's checked answers (its cells' notes say it) nor
    for a code, which says nothing more."""
    notes: list[str] = []
    if type(raw) is Checked:
        return notes
    for qid, question in kb.questions.items():
        given, code = raw.get(qid), answers.get(qid)
        if question.get("kind") != "country" or not isinstance(given, str) or code is None:
            continue
        if given.strip().upper() == code:
            continue
        said = kb.country_names.note(given)
        if said:
            name = kb.countries[code]["common_name"]
            notes.append(f"{qid.capitalize()} {given.strip()!r} read as {name} ({code}): {said}")
    return notes


def assemble(
    kb: KnowledgeBase,
    answers: dict[str, Any],
    number: NumberAnalysis | None,
    result: RunResult,
    today: dt.date,
    shipment: dict[str, Any] | None = None,
) -> Diagnosis:
    """The diagnosis from a session's result; `shipment` is `fact_values(answers, today)`
    when the caller has it already."""
    diagnosis = Diagnosis(today=today, inputs=answers, number=number)
    context: dict[str, Any] = {
        "shipment": fact_values(answers, today) if shipment is None else shipment,
        "number": answers.get("tracking_number"),
        "limits": limit_values(kb),
        **result.facts,
    }
    situations: dict[str, SituationFound] = {}
    advice: dict[str, AdviceStep] = {}
    steps = per_table(kb.advice, _Steps)
    asked: list[str] = []
    domestic = lookup(context, "route", "scope") == "domestic"
    for fact, rule in result.conclusions:
        name = fact["name"]
        if fact["kind"] == "situation":
            found = situations.get(name)
            if found is None:
                entry = kb.situations[name]
                title, summary = entry["title"], entry["summary"]
                if domestic:  # inside one country: its own words where it has them
                    title = entry.get("title_domestic", title)
                    summary = entry.get("summary_domestic", summary)
                found = situations[name] = SituationFound(
                    name, title, summary, entry["urgency"], []
                )
            found.rules.append(rule.id)
        elif fact["kind"] == "advice":
            step = advice.get(name)
            if step is None:
                step = advice[name] = AdviceStep(name, steps[name].title, None, [])
            step.rules.append(rule.id)
            due = fact.get("due")
            if due and (step.due is None or (due, "latest" in fact) < (step.due, step.due_latest)):
                step.due, step.due_latest = due, "latest" in fact  # the earliest; exact first
        elif name not in answers and name not in asked:
            asked.append(name)
    for step in list(advice.values()):  # a step given stands for those it replaces
        for replaced in kb.advice[step.id].get("replaces", ()):
            advice.pop(replaced, None)
    messages = kb.tables.get("messages", {})
    due_today = today.isoformat()
    concluded = frozenset(situations)
    for step in advice.values():  # its words are filled when first read
        prepared = steps[step.id]
        if domestic and prepared.text_domestic:
            prepared = prepared._replace(text=prepared.text_domestic)
        if step.due == due_today and prepared.text_due_today:
            prepared = prepared._replace(text=prepared.text_due_today)
        elif step.due_latest and prepared.text_due_latest:
            prepared = prepared._replace(text=prepared.text_due_latest)
        step._fill = (prepared, messages, context, concluded)
    diagnosis.situations = sorted(situations.values(), key=lambda s: (s.urgency, s.id))
    diagnosis.advice = sorted(advice.values(), key=lambda a: (steps[a.id].order, a.id))
    diagnosis.missing = sorted(asked, key=lambda q: (kb.questions[q]["priority"], q))
    diagnosis.firings = result.firings
    return diagnosis
