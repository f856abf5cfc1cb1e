"""What the handbook says, independent of how it is printed.

A chapter per situation (how to recognise it, what to do and why, the rules and facts
that lead to it, its sources, and the cases that show it as exercises), an answer key
for the trainer's edition, and country sheets. Everything is read off the knowledge
base and the case library, so the handout always matches the tool.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parcel_doctor.diagnosis.diagnose import Diagnosis
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.rules.model import Rule
from parcel_doctor.teaching.handbook.diagram import Diagram, situation_diagram
from parcel_doctor.teaching.scenarios import Scenario, agreeing, load_folder, run_scenario
from parcel_doctor.teaching.wording import Wording, known, route

EDITIONS = ("learner", "trainer")
PAPERS = ("a4", "letter")
WORDING_EXAMPLES = 4  # carrier phrases shown per stage under "How to recognise it"
EXERCISE_QUESTIONS = (
    "What is most likely happening to the parcel?",
    "What should the seller do first, and by which date?",
    "Which answer, if the seller knew it, could change your diagnosis?",
)


@dataclass
class Step:
    advice: str
    title: str
    text: str  # the template in words
    why: list[str]  # the explanations of the rules that give it here


@dataclass
class Exercise:
    number: int
    case: Scenario
    result: Diagnosis
    heading: str  # "Exercise 3: a parcel from Japan to Nepal": the case's title tells the
    # outcome, so it heads the exercise only in the answer key
    known: list[str]  # the case's answers in words: what the exercise is solved from


@dataclass
class Chapter:
    number: int
    id: str
    title: str
    urgency: int
    summary: str
    recognise: str
    wording: list[tuple[str, list[str]]]  # (stage title, carrier phrases)
    steps: list[Step]
    rules: list[Rule]
    sources: list[str]
    diagram: Diagram
    exercises: list[Exercise] = field(default_factory=list)


@dataclass
class CountrySheet:
    code: str
    name: str
    lines: list[tuple[str, str]]  # (label, value), only labels known for some country
    notes: list[str] = field(default_factory=list)  # what the names asked for say


@dataclass
class Sheets:
    """Country sheets, with the lines that are the same for every country said once."""

    common: list[tuple[str, str]]
    countries: list[CountrySheet]


@dataclass
class Handbook:
    edition: str
    paper: str
    today: dt.date
    title: str
    counts: dict[str, int]
    chapters: list[Chapter]
    sheets: Sheets
    rules: list[Rule]

    @property
    def trainer(self) -> bool:
        return self.edition == "trainer"

    @property
    def exercises(self) -> list[Exercise]:
        return [e for c in self.chapters for e in c.exercises]


# --------------------------------------------------------------------------- cases


def case_library(folder: Path) -> list[Scenario]:
    """The folder's cases and those of its sub-folders (such as `real/`);
    `ScenarioError` for a broken file."""
    cases: list[Scenario] = []
    for sub in [folder, *sorted(p for p in folder.iterdir() if p.is_dir())]:
        cases += load_folder(sub)
    return cases


def exercise_cases(kb: KnowledgeBase, cases: list[Scenario]) -> list[tuple[Scenario, Diagnosis]]:
    """The cases that make exercises: those the rules agree with (so the answer key and
    the tool agree; a known gap is left out) and that conclude a situation."""
    out = []
    for case in agreeing(kb, cases)[0]:
        result, _ = run_scenario(kb, case)
        if result.situations:
            out.append((case, result))
    return out


def deciding_rules(exercise: Exercise) -> list[str]:
    """The rules that concluded the exercise's situations and advice, in firing order."""
    decided = [
        step.rule
        for step in exercise.result.trace
        if any(c.startswith(("situation ", "advice ")) for c in step.concluded)
    ]
    return list(dict.fromkeys(decided))


# --------------------------------------------------------------------------- chapters


def _stage_wording(kb: KnowledgeBase, rules: list[Rule]) -> list[tuple[str, list[str]]]:
    """The stages the concluding rules test, with the carrier phrases of each."""
    stages: list[str] = []
    for rule in rules:
        for cond in rule.when:
            if cond.kind != "shipment":
                continue
            for test in cond.tests:
                if test.field == "last_event" and test.op in ("is", "in"):
                    values = test.value if isinstance(test.value, list) else [test.value]
                    stages += [v for v in values if v in kb.stages and v not in stages]
    out = []
    for sid in stages:
        phrases = [str(p) for p in kb.stages[sid].get("wording", [])][:WORDING_EXAMPLES]
        out.append((str(kb.stages[sid]["title"]), phrases))
    return out


def _steps(kb: KnowledgeBase, sid: str, rules: list[Rule], words: Wording) -> list[Step]:
    giving: dict[str, list[Rule]] = {}
    for rule in rules:
        for aid in rule.advice:
            giving.setdefault(aid, []).append(rule)
    for rule, part in kb.graph.testers("situation", sid, named=True):
        if part == "when":  # a step given FOR this situation, not one any situation may get
            for aid in rule.advice:
                giving.setdefault(aid, []).append(rule)
    ordered = sorted(giving, key=lambda a: (kb.advice[a]["order"], a))
    return [
        Step(
            aid,
            kb.advice[aid]["title"],
            words.template(kb.advice[aid]["text"]),
            list(dict.fromkeys(r.explanation for r in giving[aid])),
        )
        for aid in ordered
    ]


def chapters(kb: KnowledgeBase, cases: list[Scenario]) -> list[Chapter]:
    """A chapter per situation, most pressing first, with its exercises numbered."""
    words = Wording(kb)
    by_situation: dict[str, list[tuple[Scenario, Diagnosis]]] = {}
    for case, result in exercise_cases(kb, cases):
        by_situation.setdefault(result.situations[0].id, []).append((case, result))
    out: list[Chapter] = []
    number = 0
    ordered = sorted(kb.situations.items(), key=lambda i: (i[1]["urgency"], i[0]))
    for index, (sid, entry) in enumerate(ordered, start=1):
        rules = kb.graph.concluders("situation", sid)
        exercises = []
        for case, result in by_situation.get(sid, []):
            number += 1
            where = route(kb, result)
            heading = f"Exercise {number}{': a parcel ' + where if where else ''}"
            exercises.append(Exercise(number, case, result, heading, known(kb, result.inputs)))
        out.append(
            Chapter(
                index,
                sid,
                entry["title"],
                entry["urgency"],
                entry["summary"],
                entry.get("recognise", ""),
                _stage_wording(kb, rules),
                _steps(kb, sid, rules, words),
                rules,
                list(entry.get("sources", [])),
                situation_diagram(kb, sid, words),
                exercises,
            )
        )
    return out


# --------------------------------------------------------------------------- countries


def default_countries(kb: KnowledgeBase) -> list[str]:
    """The first public ranking of e-commerce markets (facts/markets.toml), else none."""
    rankings = kb.tables.get("rankings", {})
    first = next(iter(rankings.values()), None)
    return [c for c in (first or {}).get("countries", []) if c in kb.countries]


def _tracking_page(country: Mapping[str, Any]) -> str | None:
    """The post's tracking page, saying where the number goes: in its address, or typed
    in on the page (a tracker that takes no number in its address)."""
    if "tracking_page" in country:
        return f"{country['tracking_page']} (the number is typed in there)"
    site = country.get("tracking_site")
    return f"{site} (the tracking number in place of {{number}})" if site else None


def _holding(kb: KnowledgeBase, code: str) -> list[tuple[str, str]]:
    """The country's own holding periods (facts/holding_periods.toml), the general
    default only where it has none, as the rules use them."""
    limits = kb.tables.get("limits", {})
    own = {r["hold"]: r for r in kb.records("holding_periods") if r["destination"] == code}
    out = []
    for hold, lid, label in (
        ("customs", "customs-hold", "customs holds"),
        ("pickup", "pickup-hold", "pickup points"),
    ):
        record = own.get(hold)
        if record is not None:
            days, longest = record["days"], record["ended_after_days"]
            span = f"{days} days" if longest == days else f"{days} to {longest} days"
            out.append((label, f"{span} ({record['operator']}: {record['description']})"))
        elif lid in limits:
            out.append((label, f"about {limits[lid]['days']} days (general default)"))
    return out


def _customs_payment(kb: KnowledgeBase, code: str) -> str | None:
    """How the recipient pays import charges there, and by when (facts/customs_payment.toml)."""
    record = kb.tables.get("customs_payment", {}).get(code)
    if record is None:
        return None
    when = f"; within {record['days']} days of {record['days_from']}" if "days" in record else ""
    return f"{record['operator']}: {record['pay']}{when}"


# A disruption's origin or destination that is not one country (facts/disruptions.toml)
_PLACES = {
    "*": "anywhere",
    "abroad": "abroad",
    "outside-customs-union": "outside its customs union",
}


def _disruptions(kb: KnowledgeBase, code: str, today: dt.date) -> list[str]:
    """Suspensions, strikes and other stops of service to or from the country in force
    today, as far as a source confirms them."""
    out = []
    for record in kb.records("disruptions"):
        if code not in (record.get("destination"), record.get("origin")):
            continue
        start = record.get("from")
        end = record.get("until") or record.get("confirmed_on")
        if not isinstance(start, dt.date) or not isinstance(end, dt.date):
            continue
        if start <= today <= end:
            places = [record.get(k) for k in ("origin", "destination")]
            origin, destination = (_PLACES.get(p, p) for p in map(str, places))
            route = f"{origin} to {destination}"
            out.append(f"{record.get('operator')}: {record.get('what')} ({route}, since {start})")
    return out


def country_sheets(
    kb: KnowledgeBase,
    codes: list[str],
    today: dt.date,
    notes: Mapping[str, list[str]] | None = None,
) -> Sheets:
    """One sheet per country: operator, UPU status and routing, links, its own holding
    periods (the general default where it has none), where items wait to be collected,
    how import charges are paid, disruptions in force, and `notes` (what a name asked
    for says beyond its country: the Canary Islands for Spain). A line unknown for every
    chosen country is left out; a line unknown for some says so; a line the same for all
    (a general default) is said once."""
    rows: list[tuple[str, str, list[tuple[str, str | None]]]] = []
    for code in codes:
        c = kb.countries[code]
        via = ", ".join(c.get("upu_via", []))
        status = c["upu_status"] + (f" (mail goes via {via})" if via else "")
        operator = c.get("postal_operator")
        lines: list[tuple[str, str | None]] = [
            ("Postal operator", None if operator in (None, "unknown") else operator),
            ("UPU", status),
            ("Tracking page", _tracking_page(c)),
            ("Contact page", c.get("contact_page")),
            ("Claim or inquiry page", c.get("claim_page")),
        ]
        lines += [(f"Holding period, {label}", value) for label, value in _holding(kb, code)]
        collection = kb.tables.get("collection", {}).get(code)
        lines.append(("Collection", collection["practice"] if collection else None))
        lines.append(("Paying import charges", _customs_payment(kb, code)))
        current = _disruptions(kb, code, today)
        lines.append((f"Disruptions in force on {today.isoformat()}", "; ".join(current) or None))
        # a heading names the country as prose does, without its article ("the
        # United States" in a sentence, "United States (US)" over its sheet)
        rows.append((code, str(c["common_name"]).removeprefix("the "), lines))
    known_somewhere = {label for _, _, lines in rows for label, value in lines if value}
    values: dict[str, set[str | None]] = {}
    for _, _, lines in rows:
        for label, value in lines:
            values.setdefault(label, set()).add(value)
    same = {
        label
        for label, seen in values.items()
        if len(rows) > 1 and len(seen) == 1 and None not in seen
    }
    common = [(label, str(value)) for label, value in rows[0][2] if label in same] if rows else []
    return Sheets(
        common,
        [
            CountrySheet(
                code,
                name,
                [
                    (label, value or "not known")
                    for label, value in lines
                    if label in known_somewhere and label not in same
                ],
                list((notes or {}).get(code, [])),
            )
            for code, name, lines in rows
        ],
    )


# --------------------------------------------------------------------------- all


def build(
    kb: KnowledgeBase,
    cases: list[Scenario],
    *,
    edition: str = "learner",
    paper: str = "a4",
    countries: list[str] | None = None,
    country_notes: Mapping[str, list[str]] | None = None,
    today: dt.date,
) -> Handbook:
    if edition not in EDITIONS:
        raise ValueError(f"edition {edition!r} is not one of {', '.join(EDITIONS)}")
    if paper not in PAPERS:
        raise ValueError(f"paper {paper!r} is not one of {', '.join(PAPERS)}")
    codes = countries if countries is not None else default_countries(kb)
    return Handbook(
        edition,
        paper,
        today,
        f"parcel-doctor handbook: {edition}'s edition",
        {
            "situations": len(kb.situations),
            "advice": len(kb.advice),
            "rules": len(kb.rules),
            "countries": len(kb.countries),
        },
        chapters(kb, cases),
        country_sheets(kb, codes, today, country_notes),
        list(kb.rules),
    )
