"""The quiz: a case's story, then "which situation?" and "which first step?".

The right answers come from diagnosing the case with the same rules the tool uses, so
the lesson and the tool never disagree. Wrong options are drawn from the knowledge
base: situations of nearby urgency or concluded by rules that test the same facts,
and advice given for those situations. One `random.Random(seed)` makes a quiz
repeatable for a class.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from parcel_doctor.diagnosis.diagnose import Diagnosis
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.rules.model import Ref, Rule
from parcel_doctor.teaching.explain import rule_by_id
from parcel_doctor.teaching.scenarios import Scenario, run_scenario
from parcel_doctor.teaching.wording import Wording, known, route
from parcel_doctor.text import paragraphs

OPTIONS = 4
RESULT_FORMAT = "parcel-doctor quiz result 1"


@dataclass
class Question:
    case: str
    kind: str  # "situation" or "advice"
    prompt: str
    options: list[str]  # ids
    labels: list[str]  # what the learner reads
    right: str
    because: list[str]  # the rule chain, as lines
    answer: str | None = None

    @property
    def correct(self) -> bool:
        return self.answer == self.right

    def to_json(self) -> dict[str, Any]:
        return {
            "case": self.case,
            "kind": self.kind,
            "prompt": self.prompt,
            "options": self.options,
            "right": self.right,
            "answer": self.answer,
            "correct": self.correct,
        }


@dataclass
class Result:
    seed: int | None
    learner: str | None = None
    questions: list[Question] = field(default_factory=list)
    finished: bool = True

    @property
    def score(self) -> int:
        return sum(q.correct for q in self.questions)

    @property
    def revisit(self) -> list[str]:
        return list(dict.fromkeys(q.case for q in self.questions if not q.correct))

    def to_json(self) -> dict[str, Any]:
        return {
            "format": RESULT_FORMAT,
            "learner": self.learner,
            "seed": self.seed,
            "score": self.score,
            "total": len(self.questions),
            "finished": self.finished,
            "revisit": self.revisit,
            "questions": [q.to_json() for q in self.questions],
        }


def pick_cases(cases: list[Scenario], count: int | None, rng: random.Random) -> list[Scenario]:
    """`count` cases (all by default) in a seeded order."""
    chosen = list(cases)
    rng.shuffle(chosen)
    return chosen[:count] if count else chosen


def features(kb: KnowledgeBase, sid: str) -> set[tuple[str, ...]]:
    """What the rules that conclude a situation look at: each (kind, field) they test,
    and each (kind, field, value) they require, such as the stage `customs`."""
    out: set[tuple[str, ...]] = set()
    for rule in kb.graph.concluders("situation", sid):
        for cond in rule.when:
            for test in cond.tests:
                out.add((cond.kind, test.field))
                values = test.value if isinstance(test.value, list) else [test.value]
                fixed = [v for v in values if not isinstance(v, Ref)]
                if test.op in ("is", "in"):
                    out |= {(cond.kind, test.field, str(v)) for v in fixed}
    return out


def exclusive_with(kb: KnowledgeBase, sid: str) -> set[str]:
    """The situations facts/situations.toml says cannot hold together with `sid`
    (`excludes`, in either direction): a wrong option a learner can be sure is wrong."""
    mine = set(kb.situations[sid].get("excludes") or [])
    return mine | {o for o, s in kb.situations.items() if sid in (s.get("excludes") or [])}


def _situation_distractors(
    kb: KnowledgeBase, right: str, exclude: set[str]
) -> tuple[list[str], int]:
    """Situations a learner could confuse with `right`, nearest first: those whose rules
    look at the same answers and facts (the same stage counts most); urgency breaks
    ties. Situations that cannot hold together with `right` and look at the same things
    come first, and how many there are is returned with the list: a nearby situation
    that is merely not concluded may still be true of the case in words ("later than
    normal" for a long-overdue parcel), an exclusive one is not."""
    mine = features(kb, right)
    urgency = kb.situations[right]["urgency"]
    exclusive = exclusive_with(kb, right)

    def sure(sid: str) -> bool:
        return sid in exclusive and any(len(f) == 2 for f in mine & features(kb, sid))

    def distance(sid: str) -> tuple[bool, float, str]:
        theirs = features(kb, sid)
        shared_values = len({f for f in mine & theirs if len(f) == 3})
        shared_fields = len({f for f in mine & theirs if len(f) == 2})
        closeness = 2 * shared_values + shared_fields
        return (not sure(sid), abs(kb.situations[sid]["urgency"] - urgency) / 20 - closeness, sid)

    pool = sorted((s for s in kb.situations if s not in exclude), key=distance)
    return pool, sum(map(sure, pool))


def _advice_distractors(
    kb: KnowledgeBase, wrong_situations: list[str], exclude: set[str]
) -> list[str]:
    """Advice the rules give for the confusable situations, then any other advice."""
    out: list[str] = []
    for sid in wrong_situations:
        for rule in kb.graph.concluders("situation", sid):
            out += [a for a in rule.advice if a not in exclude and a not in out]
    out += [a for a in kb.advice if a not in exclude and a not in out]
    return out


def _choose(rng: random.Random, right: str, pool: list[str], sure: int = 0) -> list[str]:
    """`right` plus up to OPTIONS-1 of the nearest pool entries, shuffled: drawn from the
    first `sure` entries when there are enough of them, else from the nearest six."""
    near = pool[: min(sure, 6)] if sure >= OPTIONS - 1 else pool[: (OPTIONS - 1) * 2]
    options = [right, *rng.sample(near, min(OPTIONS - 1, len(near)))]
    rng.shuffle(options)
    return options


def because(kb: KnowledgeBase, result: Diagnosis, concluded_by: list[str]) -> list[str]:
    """The fired rules behind an answer, each with the derived facts it stood on, in
    words and only the fields the rule tests or refers to ("the time limits' not scanned
    grace: 7", not every field of the fact): a rule that fired more than once (on two
    disruptions, say) is explained once, with the facts of each firing under it."""
    rules = rule_by_id(kb)
    wording = Wording(kb)
    grounds: dict[str, list[str]] = {}
    for step in result.trace:
        if step.rule not in concluded_by:
            continue
        rule = rules[step.rule]
        lines = grounds.setdefault(step.rule, [])
        used = _fields_used(rule)
        kinds = {c.label: c.kind for c in rule.when}
        for label, fact in step.facts.items():
            kind = kinds.get(label, label)
            if kind == "shipment":
                continue
            shown = "; ".join(
                f"{wording.field_title(kind, name)}: {wording.value(kind, name, fact[name], kinds)}"
                for name in used.get(label, ())
                if name in fact
            )
            if shown and (line := f"    on {shown}") not in lines:
                lines.append(line)
    out: list[str] = []
    for rule_id, lines in grounds.items():
        out += [f"{rule_id}: {rules[rule_id].explanation}", *lines]
    return out


def _fields_used(rule: Rule) -> dict[str, list[str]]:
    """Per label of `rule`'s `when`, the fields it tests or another test refers to
    (`$limits.not-scanned-grace`), in the order written."""
    used: dict[str, list[str]] = {}
    for condition in rule.when:
        for test in condition.tests:
            used.setdefault(condition.label, []).append(test.field)
            for ref in test.refs():
                used.setdefault(ref.label, []).append(ref.field)
    return {label: list(dict.fromkeys(names)) for label, names in used.items()}


def questions_for(kb: KnowledgeBase, case: Scenario, rng: random.Random) -> list[Question]:
    """The situation question (when the rules conclude one) and the first-step question."""
    return _questions(kb, case, run_scenario(kb, case)[0], rng)


def _questions(
    kb: KnowledgeBase, case: Scenario, result: Diagnosis, rng: random.Random
) -> list[Question]:
    out = []
    wrong_situations: list[str] = []
    if result.situations:
        right = result.situations[0]
        found = {s.id for s in result.situations}
        pool, sure = _situation_distractors(kb, right.id, found)
        options = _choose(rng, right.id, pool, sure)
        wrong_situations = [o for o in options if o != right.id]
        out.append(
            Question(
                case.id,
                "situation",
                "What is most likely happening?",
                options,
                [kb.situations[o]["title"] for o in options],
                right.id,
                because(kb, result, right.rules),
            )
        )
    steps = [a for a in result.advice if not asks_what_is_known(kb, a.id, result.inputs)]
    if steps:
        first = steps[0]
        given = {a.id for a in result.advice}
        pool = _advice_distractors(kb, wrong_situations, given)
        options = _choose(rng, first.id, pool)
        out.append(
            Question(
                case.id,
                "advice",
                "What should the seller do first?",
                options,
                [kb.advice[o]["title"] for o in options],
                first.id,
                [f"step 1 of the advice: {first.text}", *because(kb, result, first.rules)],
            )
        )
    return out


def asks_what_is_known(kb: KnowledgeBase, advice_id: str, answers: dict[str, Any]) -> bool:
    """Whether a step asks the seller to find out something the answers already say
    (`asks` in facts/advice.toml): such a step is never the right first step."""
    return any(key in answers for key in kb.advice[advice_id].get("asks", []))


def play(
    kb: KnowledgeBase,
    cases: list[Scenario],
    rng: random.Random,
    seed: int | None,
    ask: Callable[[Question], str | None],
    tell: Callable[[str], None],
    learner: str | None = None,
) -> Result:
    """Run the quiz: `ask` returns the chosen option id (None at end of input), `tell`
    shows a line. Stops early, scoring what was answered, when input ends."""
    result = Result(seed, learner)
    for number, case in enumerate(cases, start=1):
        tell("")
        # the title and id tell the outcome ("... held at customs until duty was paid"):
        # shown once the case's questions are answered
        diagnosis, _ = run_scenario(kb, case)
        where = route(kb, diagnosis)
        tell(f"Case {number} of {len(cases)}{': a parcel ' + where if where else ''}")
        for paragraph in paragraphs(case.story):  # `tell` wraps it at the screen's width
            tell(f"  {paragraph}")
        tell("  What the seller knows:")
        for line in known(kb, diagnosis.inputs):
            tell(f"    - {line}")
        tell(f"  (Today is {case.today.isoformat()}.)")
        for question in _questions(kb, case, diagnosis, rng):
            answer = ask(question)
            if answer is None:
                result.finished = False
                return result
            question.answer = answer
            result.questions.append(question)
            if question.correct:
                tell("Right.")
            else:
                right = question.labels[question.options.index(question.right)]
                tell(f"Not quite: the answer is {right} ({question.right}).")
            for line in question.because:
                tell(f"  because {line}" if not line.startswith(" ") else f"  {line}")
        tell(f"That was: {case.title}  ({case.id})")
    return result
