"""What a batch adds to a row: the diagnosis as ids and in words, and a memo of sessions.

The memo: rows with identical answers (route, service, stage, day counts; the tracking
number's own digits left out when no rule tests them) start identical rule sessions,
so one session's result serves them all. The words (advice, links) are still filled
in from each row's own answers, so a reused session gives the same report as a fresh
one.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from parcel_doctor.diagnosis.answers import AnswerError
from parcel_doctor.diagnosis.diagnose import AdviceStep, Diagnosis, diagnose
from parcel_doctor.inference.durable_core import encode_facts
from parcel_doctor.inference.session import EngineError, RunResult, engine_for
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.templates import render_url
from parcel_doctor.tracking.numbers import NumberAnalysis


@dataclass
class RowOutcome:
    """What a batch adds to one row."""

    situation: str | None = None
    situations: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)
    act_by: str | None = None
    situation_title: str | None = None
    first_step: str | None = None
    first_step_by: str | None = None
    first_step_link: str | None = None
    corrected_number: str | None = None
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    act_now: bool = False
    # the last tracking event is not known and a step asks for it (the rules' look-up step)
    lookup: bool = False
    lookup_site: str | None = None  # ... on this page
    not_shipped: bool = False  # an order the platform says is not shipped: not diagnosed
    no_parcel: bool = False  # a line the platform says has nothing to post: not diagnosed
    reused: bool = False  # the rule session of an earlier row with identical answers

    @property
    def concluded(self) -> bool:
        return self.error is None and bool(self.situations)


class Memo:
    """Rule sessions by their initial facts, most recently used kept (at most `size`).

    Keeping results costs even when none is reused: on realistic rows (every row its
    own route, dates and number) 256 kept results made each row about 7 % slower (the
    rows' own work no longer finds its memory in the processor's caches), for about 1
    row in 1,000 reused. A hit saves a rule session (about half a row's cost), so the
    memo pays when more than about one look-up in 16 finds its result. It therefore
    watches itself: after `PROBE` look-ups that found fewer than that, it lets go of
    what it holds and sends the next `PAUSE` rows straight to the rules, then tries
    again. An export of many identical rows keeps it on; the results are the same
    either way (only the reuse count in the summary differs).
    """

    PROBE = 128  # look-ups per trial
    PAUSE = 4096  # rows sent straight to the rules after a trial that did not pay
    PAYS = 16  # a trial pays when more than one look-up in this many found its result

    def __init__(self, kb: KnowledgeBase, size: int = 256) -> None:
        self.engine = engine_for(kb)
        self.size = size
        self.cache: OrderedDict[str, RunResult] = OrderedDict()
        self.hits = 0
        self.runs = 0
        self.keep_number = _number_tested(kb)
        self._trial = (0, 0)  # (look-ups, hits) of the current trial
        self._paused = 0  # rows still to send straight to the rules

    def infer(self, facts: list[dict[str, Any]], today: dt.date) -> RunResult:
        if self._paused:
            self._paused -= 1
            self.runs += 1
            return self.engine.infer(facts, today)
        # The facts as the rules get them (durable_core's encoding), in their order.
        key = encode_facts([self._without_number(f) for f in facts]) + today.isoformat()
        result = self.cache.get(key)
        hit = result is not None
        if result is not None:
            self.cache.move_to_end(key)
            self.hits += 1
        else:
            self.runs += 1
            result = self.cache[key] = self.engine.infer(facts, today)
            if len(self.cache) > self.size:
                self.cache.popitem(last=False)
        self._tried(hit)
        return result

    def _tried(self, hit: bool) -> None:
        """Count a look-up; at the end of a trial that did not pay, pause."""
        looked, found = self._trial[0] + 1, self._trial[1] + hit
        self._trial = (looked, found)
        if looked < self.PROBE:
            return
        self._trial = (0, 0)
        if found * self.PAYS <= looked:
            self.cache.clear()
            self._paused = self.PAUSE

    def _without_number(self, fact: dict[str, Any]) -> dict[str, Any]:
        """The fact with the tracking number's digits masked (unless a rule reads them);
        whether it is known stays in the key."""
        field = _NUMBER_FIELDS.get(fact["kind"])
        if self.keep_number or field is None or field not in fact:
            return fact
        return {**fact, field: "#"}


_NUMBER_FIELDS = {"tracking_number": "number", "shipment": "tracking_number"}
_NUMBER_REFS = ("field='number'", "field='tracking_number'")


def _number_tested(kb: KnowledgeBase) -> bool:
    """Whether any rule reads the tracking number's own digits (a test other than
    "known" on it, or a reference to it): then they are part of the memo's key."""
    for rule in kb.rules:
        for condition in (*rule.when, *rule.unless):
            for test in condition.tests:
                if test.field in _NUMBER_FIELDS.values() and test.op != "known":
                    return True
                if any(ref in repr(test.value) for ref in _NUMBER_REFS):
                    return True
        if any(ref in repr((rule.facts, rule.due)) for ref in _NUMBER_REFS):
            return True
    return False


def outcome_of(kb: KnowledgeBase, diagnosis: Diagnosis, today: dt.date) -> RowOutcome:
    """The batch columns of one diagnosis."""
    ids = [s.id for s in diagnosis.situations]
    act_by = diagnosis.act_by
    urgent = any(kb.situations[sid].get("act_now", False) for sid in ids)
    first = diagnosis.advice[0] if diagnosis.advice else None
    number = diagnosis.number
    lookup = "last_event" not in diagnosis.inputs and any(
        "last_event" in kb.advice[step.id].get("asks", ()) for step in diagnosis.advice
    )
    site = _tracking_page(kb, diagnosis) if lookup else None
    return RowOutcome(
        situation=ids[0] if ids else None,
        situations=ids,
        advice=[a.id for a in diagnosis.advice],
        act_by=act_by,
        situation_title=diagnosis.situations[0].title if ids else None,
        first_step=(first.text or first.title) if first else None,
        first_step_by=first.due if first else None,
        first_step_link=_own_page(first),
        corrected_number=number.corrected if number else None,
        missing=_missing(kb, diagnosis, lookup, site),
        act_now=bool(ids) and (urgent or (act_by is not None and act_by <= today.isoformat())),
        lookup=lookup,
        lookup_site=site,
        notes=[*diagnosis.notes, *_test_number(kb, number)],
    )


def _test_number(kb: KnowledgeBase, number: NumberAnalysis | None) -> list[str]:
    """A carrier's published test number (`test = true`: UPS's 1Z12345E..., FedEx's
    sandbox numbers) names no parcel: the row says so, as `track` and `diagnose` do."""
    if number is None or kb.number_formats.get(number.format, {}).get("test") is not True:
        return []
    return [f"Tracking number {number.number}: {kb.number_formats[number.format]['note']}"]


def _own_page(step: AdviceStep | None) -> str | None:
    """The page the step needs, only when it is on record: when it is not, the step's
    other links are another page (a tracking page for a contact step) and must not be
    given as this one (`missing` says which page is not known)."""
    if step is None or step.pages_not_known or not step.urls:
        return None
    return step.urls[0]


def _tracking_page(kb: KnowledgeBase, diagnosis: Diagnosis) -> str | None:
    """Where to look the number up: the page its format names, else the tracking page of
    the carrier the row gives (a shop's own or unknown number format, a known carrier)."""
    number = diagnosis.number
    if number is None:
        return None
    if number.tracking_sites:
        return number.tracking_sites[0].url
    carrier = kb.carriers.get(str(diagnosis.inputs.get("carrier")))
    template = getattr(carrier, "tracking_site", None)
    return render_url(template, {"number": number.number}) if template else None


def _missing(kb: KnowledgeBase, diagnosis: Diagnosis, lookup: bool, site: str | None) -> list[str]:
    """What would sharpen the diagnosis, in words, the tracking look-up first."""
    out: list[str] = []
    first = diagnosis.advice[0] if diagnosis.advice else None
    if first is not None and first.pages_not_known:
        pages = " or ".join(first.pages_not_known)
        other = f"; their page on record: {first.urls[0]}" if first.urls else ""
        out.append(
            f"{pages} for the first step not on record: look for it on their own website{other}"
        )
    if "tracking_number" not in diagnosis.inputs:
        out.append("tracking number not known: add it to look the parcel up")
    elif lookup:
        where = f"look it up here: {site}" if site else "look the number up on the carrier's site"
        out.append(f"{_NOT_KNOWN}{where}")
    for key in diagnosis.missing:
        if key in ("last_event", "tracking_number"):
            continue
        out.append(f"{key}: {kb.questions[key]['text']}")
    return out


def event_unread(kb: KnowledgeBase, outcome: RowOutcome, words: str) -> None:
    """A row that holds its newest event in words that name no stage: a first step that
    asks for the last event (look the parcel up) asks to read that event instead (the row
    holds it already), and `missing` names it. The step's link (the tracking page) stays."""
    if not outcome.lookup:
        return
    first = outcome.advice[0] if outcome.advice else None
    if first is not None and "last_event" in kb.advice[first].get("asks", ()):
        outcome.first_step = (
            f"The export's newest tracking event is {words!r}, whose wording names no stage "
            "parcel-doctor can tell: read it on the tracking page (or ask the carrier what it "
            "means), then run the diagnosis again with the stage it stands for."
        )
    where = f": read it here: {outcome.lookup_site}" if outcome.lookup_site else ""
    said = f"last event {words!r} names no stage parcel-doctor can tell{where}"
    outcome.missing = [said if m.startswith(_NOT_KNOWN) else m for m in outcome.missing]


_NOT_KNOWN = "last event not known: "


def diagnose_row(
    kb: KnowledgeBase, answers: Mapping[str, Any], today: dt.date, memo: Memo | None = None
) -> RowOutcome:
    """One row's outcome; answer faults become its `error` (all of them, `key: why`)."""
    hits = memo.hits if memo else 0
    try:
        diagnosis = diagnose(kb, answers, today, memo.infer if memo else None)
    except AnswerError as error:
        return RowOutcome(error="; ".join(f"{k}: {m}" for k, m in error.errors.items()))
    except EngineError as error:
        return RowOutcome(error=f"the rules could not run: {error}")
    outcome = outcome_of(kb, diagnosis, today)
    outcome.reused = memo is not None and memo.hits > hits
    return outcome
