"""Scenarios: a shipment's answers, a "today", and the situations and advice expected.

The golden scenarios in `tests/scenarios/` and the trainers' case studies in `cases/`
share this format, so a case whose expectation drifts from the rules fails the build.

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
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parcel_doctor.diagnosis.diagnose import Diagnosis, diagnose
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.toml_source import Problem, TomlError, read_toml

_KEYS = {"title", "story", "teaching_notes", "today", "answers", "expect"}
_EXPECT_KEYS = {"situations", "advice", "rules"}


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
        if key not in _KEYS:
            raise bad(key, f"unknown key; known: {', '.join(sorted(_KEYS))}")
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
