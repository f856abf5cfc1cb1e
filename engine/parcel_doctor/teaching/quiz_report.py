"""A class's quiz results in one table: per learner and per case, and what to revisit.

Each learner's `parcel-doctor quiz --learner NAME --json FILE` writes one result file;
`parcel-doctor quiz report FILES...` reads them all. A file that is not a quiz result
is refused with its name and the reason, never skipped in silence.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parcel_doctor.teaching.quiz import RESULT_FORMAT

REVISIT_FROM = 0.5  # a case missed by half the learners who met it, or more, is revisited


class ReportError(ValueError):
    """A results file that cannot be used; the message names the file."""


@dataclass
class LearnerLine:
    learner: str
    file: str
    score: int
    total: int
    finished: bool
    revisit: list[str]

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.total) if self.total else 0


@dataclass
class CaseLine:
    case: str
    # per question kind ("situation", "advice"): [right, asked]
    kinds: dict[str, list[int]] = field(default_factory=dict)
    missed_by: list[str] = field(default_factory=list)  # got any of its questions wrong
    asked: list[str] = field(default_factory=list)  # the learners who met the case

    def missed(self) -> float:
        """The share of the learners who met the case and got any of its questions wrong."""
        return len(self.missed_by) / len(self.asked) if self.asked else 0.0

    def share(self) -> float:
        right = sum(r for r, _ in self.kinds.values())
        asked = sum(n for _, n in self.kinds.values())
        return right / asked if asked else 1.0


@dataclass
class ClassReport:
    learners: list[LearnerLine]
    cases: list[CaseLine]
    notes: list[str] = field(default_factory=list)  # files counted once though given twice

    @property
    def revisit(self) -> list[str]:
        """Cases missed (any question wrong) by half the learners who met them or more,
        worst first: the most learners missing it, then the fewest answers right."""
        weak = [c for c in self.cases if c.missed() >= REVISIT_FROM]
        return [c.case for c in sorted(weak, key=lambda c: (-c.missed(), c.share(), c.case))]

    def to_json(self) -> dict[str, Any]:
        return {
            "learners": [
                {
                    "learner": line.learner,
                    "file": line.file,
                    "score": line.score,
                    "total": line.total,
                    "percent": line.percent,
                    "finished": line.finished,
                    "revisit": line.revisit,
                }
                for line in self.learners
            ],
            "cases": [
                {
                    "case": c.case,
                    "right": {k: v[0] for k, v in c.kinds.items()},
                    "asked": {k: v[1] for k, v in c.kinds.items()},
                    "missed_by": c.missed_by,
                }
                for c in self.cases
            ],
            "revisit": self.revisit,
            "notes": self.notes,
        }


def read_result(path: Path) -> dict[str, Any]:
    """One learner's result file, checked; `ReportError` naming the file otherwise."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ReportError(f"{path}: cannot be read: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ReportError(f"{path}: is not UTF-8 text") from None
    except (json.JSONDecodeError, RecursionError) as error:
        raise ReportError(f"{path}: not valid JSON: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise ReportError(f"{path}: not a quiz result (written by `quiz --json FILE`)")
    for index, question in enumerate(data["questions"], start=1):
        if not isinstance(question, dict) or not all(
            isinstance(question.get(k), str) for k in ("case", "kind")
        ):
            raise ReportError(f"{path}: question {index} has no case and kind")
        if not isinstance(question.get("correct"), bool):
            raise ReportError(f"{path}: question {index} does not say whether it was right")
    if data.get("format") not in (None, RESULT_FORMAT):
        raise ReportError(f"{path}: format {data.get('format')!r} is not {RESULT_FORMAT!r}")
    return data


def class_report(paths: Sequence[Path]) -> ClassReport:
    """Merge the result files of a class; `ReportError` for the first unusable file.
    A file named twice, or a copy of one already read (the same results), is counted
    once, and a note says so."""
    learners: list[LearnerLine] = []
    cases: dict[str, CaseLine] = {}
    names: dict[str, int] = {}
    seen: dict[Path | str, Path] = {}  # a file's real path, and its results, to where first read
    notes: list[str] = []
    for path in paths:
        data = read_result(path)
        same = _first_of(seen, path, data)
        if same is not None:
            how = "is named twice" if same == path else f"holds the same results as {same}"
            notes.append(f"{path} {how}: counted once")
            continue
        name = data.get("learner") if isinstance(data.get("learner"), str) else None
        name = (name or "").strip() or f"({path.stem})"
        names[name] = names.get(name, 0) + 1
        if names[name] > 1:
            name = f"{name} #{names[name]}"
        questions = data["questions"]
        score = sum(q["correct"] for q in questions)
        wrong = list(dict.fromkeys(q["case"] for q in questions if not q["correct"]))
        learners.append(
            LearnerLine(
                name, str(path), score, len(questions), data.get("finished") is not False, wrong
            )
        )
        for question in questions:
            line = cases.setdefault(question["case"], CaseLine(question["case"]))
            tally = line.kinds.setdefault(question["kind"], [0, 0])
            tally[0] += question["correct"]
            tally[1] += 1
            if name not in line.asked:
                line.asked.append(name)
            if not question["correct"] and name not in line.missed_by:
                line.missed_by.append(name)
    ordered = sorted(cases.values(), key=lambda c: (c.share(), c.case))
    return ClassReport(sorted(learners, key=lambda x: (-x.percent, x.learner)), ordered, notes)


def _first_of(seen: dict[Path | str, Path], path: Path, data: dict[str, Any]) -> Path | None:
    """Where the same file, or the same results, was read before (None: it was not);
    records this one otherwise."""
    keys = (path.resolve(), json.dumps(data, sort_keys=True))
    for key in keys:
        if key in seen:
            return seen[key]
    for key in keys:
        seen[key] = path
    return None
