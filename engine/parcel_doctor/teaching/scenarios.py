"""Scenarios: a shipment's answers, a "today", and the situations and advice expected.

The golden scenarios in `tests/scenarios/` and the trainers' case studies in `cases/`
share this format, so a case whose expectation drifts from the rules fails the build.

Real cases (`cases/real/`) are stories from public threads, with the source, what
happened and the best replies; their `[expect]` is written from the outcome, so they
are judged by *agreement* (`judge`), not by exact match: the most pressing expected
situation is concluded, every expected step is given, and no situation the outcome
rules out is concluded. A real case the rules cannot yet get right carries
`known_gap = "why"`: it is reported, not failed.

```toml
title = "Registered letter stuck at export"
story = "..."              # optional: what the seller saw (cases)
teaching_notes = "..."     # optional (cases)
today = 2026-11-25
[answers]                  # the answer keys of facts/questions.toml
tracking_number = "RR123456785CN"
[expect]
situations = ["transit-delayed"]   # exactly these
advice = ["contact-recipient"]     # exactly these
rules = ["moving-but-late"]        # optional: these must be in the trace
```

A real case adds `source_url`, `source_title`, `posted_on` (a date or "unknown"),
`outcome`, `best_advice`, optionally `known_gap`, and `[expect] ruled_out = [...]`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parcel_doctor.diagnosis.answers import AnswerError
from parcel_doctor.diagnosis.diagnose import Diagnosis, diagnose
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.toml_source import Problem, TomlError, read_toml

_KEYS = {"title", "story", "teaching_notes", "today", "answers", "expect"}
_REAL_KEYS = {"source_url", "source_title", "posted_on", "outcome", "best_advice", "known_gap"}
_EXPECT_KEYS = {"situations", "advice", "rules", "ruled_out"}


class ScenarioError(ValueError):
    """A scenario file that cannot be used; the message names file, line and key."""


@dataclass
class Scenario:
    id: str
    path: Path
    title: str
    today: dt.date
    answers: dict[str, Any]
    situations: list[str]
    advice: list[str]
    rules: list[str] = field(default_factory=list)
    story: str = ""
    teaching_notes: str = ""
    source: RealSource | None = None
    ruled_out: list[str] = field(default_factory=list)

    @property
    def real(self) -> bool:
        """A story from a public thread, judged by agreement with its outcome."""
        return self.source is not None


@dataclass(frozen=True)
class RealSource:
    """Where a real case comes from and what really happened."""

    url: str
    title: str
    posted_on: dt.date | None  # None: the source is undated
    outcome: str
    best_advice: str
    known_gap: str = ""


def load_scenario(path: Path) -> Scenario:
    """Read one scenario file; `ScenarioError` with the file, line and key if malformed."""
    try:
        source = read_toml(path)
    except TomlError as error:
        raise ScenarioError(str(error.problem)) from None
    data = source.data

    def bad(key: str, message: str) -> ScenarioError:
        line = next(
            (n for n, text in enumerate(source.text.splitlines(), 1) if text.startswith(key)),
            None,
        )
        return ScenarioError(str(Problem(str(path), line, key, message)))

    for key in data:
        if key not in _KEYS | _REAL_KEYS:
            raise bad(key, f"unknown key; known: {', '.join(sorted(_KEYS | _REAL_KEYS))}")
    if not isinstance(data.get("title"), str):
        raise bad("title", "is required (text)")
    if not isinstance(data.get("today"), dt.date):
        raise bad("today", "is required (a date, YYYY-MM-DD)")
    answers, expect = data.get("answers", {}), data.get("expect")
    if not isinstance(answers, dict):
        raise bad("answers", "must be a table")
    if not isinstance(expect, dict):
        raise bad("expect", "is required: [expect] with situations and advice")
    for key in expect:
        if key not in _EXPECT_KEYS:
            raise bad("expect", f"unknown key {key!r}; known: {', '.join(sorted(_EXPECT_KEYS))}")
    for key in ("situations", "advice"):
        if not isinstance(expect.get(key), list):
            raise bad("expect", f"`{key}` is required (a list of ids, possibly empty)")
    real = _real_source(data, bad)
    if "ruled_out" in expect and real is None:
        raise bad("expect", "`ruled_out` belongs to real cases (with source_url)")
    if not isinstance(expect.get("ruled_out", []), list):
        raise bad("expect", "`ruled_out` must be a list of situation ids")
    return Scenario(
        id=path.stem,
        path=path,
        title=data["title"],
        today=data["today"],
        answers=answers,
        situations=list(expect["situations"]),
        advice=list(expect["advice"]),
        rules=list(expect.get("rules", [])),
        story=str(data.get("story", "")).strip(),
        teaching_notes=str(data.get("teaching_notes", "")).strip(),
        source=real,
        ruled_out=list(expect.get("ruled_out", [])),
    )


def _real_source(
    data: dict[str, Any], bad: Callable[[str, str], ScenarioError]
) -> RealSource | None:
    """The real-case fields, all or none; `ScenarioError` if some are missing or wrong."""
    given = _REAL_KEYS & set(data)
    if not given:
        return None
    for key in sorted(_REAL_KEYS - {"known_gap"}):
        if key != "posted_on" and not (isinstance(data.get(key), str) and data[key].strip()):
            raise bad(key, "is required in a real case (text)")
    url = data["source_url"].strip()
    if not url.startswith(("https://", "http://")):
        raise bad("source_url", "must be the address of the public source (http or https)")
    posted = data.get("posted_on")
    if posted == "unknown":
        posted = None
    elif not isinstance(posted, dt.date):
        raise bad("posted_on", 'is required in a real case: a date, YYYY-MM-DD, or "unknown"')
    gap = data.get("known_gap", "")
    if not isinstance(gap, str):
        raise bad("known_gap", "must say, in text, why the rules cannot yet get the case right")
    return RealSource(
        url=url,
        title=data["source_title"].strip(),
        posted_on=posted,
        outcome=data["outcome"].strip(),
        best_advice=data["best_advice"].strip(),
        known_gap=gap.strip(),
    )


def load_folder(folder: Path) -> list[Scenario]:
    return [load_scenario(p) for p in sorted(folder.glob("*.toml"))]


def run_scenario(kb: KnowledgeBase, scenario: Scenario) -> tuple[Diagnosis, list[str]]:
    """Diagnose the scenario's answers; list every way the result differs from `expect`."""
    result = diagnose(kb, scenario.answers, scenario.today)
    mismatches = []
    got = {
        "situations": [s.id for s in result.situations],
        "advice": [a.id for a in result.advice],
    }
    for key, expected in (("situations", scenario.situations), ("advice", scenario.advice)):
        missing = sorted(set(expected) - set(got[key]))
        extra = sorted(set(got[key]) - set(expected))
        if missing:
            mismatches.append(f"{key}: expected but not concluded: {', '.join(missing)}")
        if extra:
            mismatches.append(f"{key}: concluded but not expected: {', '.join(extra)}")
    fired = {step.rule for step in result.trace}
    for rule in scenario.rules:
        if rule not in fired:
            mismatches.append(f"rules: {rule} did not fire")
    return result, mismatches


@dataclass(frozen=True)
class Verdict:
    """How a case fares: `agrees`, and every reason it does not."""

    case: Scenario
    agrees: bool
    reasons: list[str]

    @property
    def status(self) -> str:
        """`agree`, `disagree`, `known gap`, or `stale gap` (marked, yet agrees)."""
        gap = bool(self.case.source and self.case.source.known_gap)
        if self.agrees:
            return "stale gap" if gap else "agree"
        return "known gap" if gap else "disagree"


def judge(kb: KnowledgeBase, scenario: Scenario) -> Verdict:
    """Agreement for a real case; exact match (`run_scenario`) for any other scenario.

    A real case agrees when its first expected situation (the most pressing one the
    outcome shows) is concluded, every expected step is given, and no situation in
    `ruled_out` is concluded. Answers the knowledge base cannot express disagree.
    """
    try:
        result, mismatches = run_scenario(kb, scenario)
    except AnswerError as error:
        problems = "; ".join(f"{k}: {m}" for k, m in error.errors.items())
        return Verdict(scenario, False, [f"the answers cannot be expressed: {problems}"])
    if not scenario.real:
        return Verdict(scenario, not mismatches, mismatches)
    got = [s.id for s in result.situations]
    given = {a.id for a in result.advice}
    reasons = []
    if scenario.situations and scenario.situations[0] not in got:
        shown = ", ".join(got) or "none"
        reasons.append(f"situation {scenario.situations[0]} not concluded (concluded: {shown})")
    missing = [a for a in scenario.advice if a not in given]
    if missing:
        reasons.append(f"steps not given: {', '.join(missing)}")
    wrong = [s for s in got if s in scenario.ruled_out]
    if wrong:
        reasons.append(f"concluded what the outcome rules out: {', '.join(wrong)}")
    reasons += [m for m in mismatches if m.startswith("rules:")]
    return Verdict(scenario, not reasons, reasons)


def agreeing(kb: KnowledgeBase, cases: list[Scenario]) -> tuple[list[Scenario], list[Scenario]]:
    """The cases the rules agree with (`judge`), and the others (known gaps and
    disagreements). Teaching material (quiz questions, handbook exercises) uses only
    the first, so that its answer key, the tool's conclusion and the case's outcome are
    one: a known gap's right answer would be the rules' mistake."""
    good: list[Scenario] = []
    left_out: list[Scenario] = []
    for case in cases:
        (good if judge(kb, case).status == "agree" else left_out).append(case)
    return good, left_out
