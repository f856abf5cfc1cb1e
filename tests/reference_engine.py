"""The oracle for `inference.session`: the same compiled rules and conclusions, run
through durable_rules' own Python layer (a `Host`, one `Closure` per action, facts
asserted one at a time from inside the action, refused facts caught as exceptions),
the way parcel-doctor ran them before it drove the C core itself. Also random answer
sets to compare the two on, orders to run them in that make shipments sharing a session
meet, and a rule base several times larger. Used by tests/inference/test_session.py,
test_network.py, benchmarks/compare.py and key_groups.py.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import datetime as dt
import itertools
import random
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from durable import engine as durable_engine
from parcel_doctor.diagnosis.answers import AnswerError, normalise_answers
from parcel_doctor.diagnosis.diagnose import Diagnosis, assemble, initial_facts, prepare
from parcel_doctor.inference.compiler import compile_ruleset
from parcel_doctor.inference.conclusions import conclude
from parcel_doctor.inference.session import CONCLUSIONS, Firing, RunResult
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.rules.graph import RuleGraph
from parcel_doctor.tracking.numbers import NumberAnalysis

_HOST: durable_engine.Host | None = None
_NAMES = itertools.count(1)
_SIDS = itertools.count(1)


def host() -> durable_engine.Host:
    """One durable_rules Host for the test process (each starts two timer threads)."""
    global _HOST
    if _HOST is None:
        _HOST = durable_engine.Host()
    return _HOST


class HostEngine:
    """The rules run through durable_rules' Host: the oracle."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        compiled = compile_ruleset(kb.graph)
        self.compiled = compiled
        self.name = f"reference_{next(_NAMES)}"
        self._runs: dict[str, tuple[dt.date, RunResult, set[Any]]] = {}
        definition = {
            name: {**body, "run": self._action(compiled.rules[name])}
            for name, body in compiled.definition.items()
        }
        host().register_rulesets({self.name: definition})

    def infer(self, facts: list[dict[str, Any]], today: dt.date) -> RunResult:
        sid = str(next(_SIDS))
        self._runs[sid] = (today, RunResult(), set())
        try:
            self._assert([{**fact, "sid": sid} for fact in facts])
            for phase in self.compiled.phase_facts(facts):
                self._assert({**phase, "sid": sid})
            return self._runs[sid][1]
        finally:
            del self._runs[sid]
            host().delete_state(self.name, sid)

    def _assert(self, fact: dict[str, Any] | list[dict[str, Any]]) -> None:
        try:
            state = host().assert_fact(self.name, fact)
        except durable_engine.MessageNotHandledException:
            return
        if isinstance(state, dict) and state.get("exception"):
            raise RuntimeError(state["exception"])

    def _action(self, rule: Any) -> Callable[[Any], None]:
        labels = [c.label for c in rule.when]

        def action(c: Any) -> None:
            today, result, seen = self._runs[c.s.sid]
            matched = {label: c._m[label] for label in labels}
            concluded = []
            for fact in conclude(self.kb, rule, matched, today):
                identity = frozenset(fact.items())
                if identity not in seen:  # an identical fact is one fact
                    seen.add(identity)
                    concluded.append(fact)
            result.firings.append(Firing(rule, matched, concluded))
            for fact in concluded:
                if fact["kind"] in CONCLUSIONS:
                    result.conclusions.append((fact, rule))
                else:
                    result.facts[fact["kind"]] = fact
            for fact in concluded:
                with contextlib.suppress(durable_engine.MessageNotHandledException):
                    c.assert_fact({**fact})

        return action


def prepared(
    kb: KnowledgeBase, raw: Mapping[str, Any], today: dt.date
) -> tuple[dict[str, Any], NumberAnalysis | None, list[dict[str, Any]]]:
    """What `diagnose()` prepares before inference: answers, number, initial facts."""
    answers, number, _ = prepare(kb, raw, today)
    return answers, number, initial_facts(kb, answers, number, today)


def diagnose_with(
    kb: KnowledgeBase, engine: Any, raw: Mapping[str, Any], today: dt.date
) -> Diagnosis:
    """`diagnose()` with the given engine in place of the knowledge base's own."""
    answers, number, read = prepare(kb, raw, today)
    diagnosis = assemble(
        kb, answers, number, engine.infer(initial_facts(kb, answers, number, today), today), today
    )
    diagnosis.notes += read
    return diagnosis


def session_facts(kb: KnowledgeBase, raw: Mapping[str, Any], today: dt.date) -> list[dict]:
    """The initial facts `diagnose()` starts a session with for these answers."""
    return prepared(kb, raw, today)[2]


def random_answers(kb: KnowledgeBase, rnd: random.Random, today: dt.date) -> dict[str, Any]:
    """A random answer set: each question answered or not, from its vocabulary; dates
    within the last 120 days, the last event never before posting."""
    answers: dict[str, Any] = {}
    for qid, question in kb.questions.items():
        if rnd.random() < 0.35:
            continue
        kind = question["kind"]
        if kind == "choice":
            answers[qid] = rnd.choice(kb.choices(question))["value"]
        elif kind == "country":
            answers[qid] = rnd.choice(sorted(kb.countries))
        elif kind == "carrier":
            answers[qid] = rnd.choice(sorted(kb.carriers))
        elif kind == "yes-no":
            answers[qid] = rnd.choice([True, False])
        elif kind == "date":
            answers[qid] = today - dt.timedelta(days=rnd.randrange(120))
        elif kind == "tracking-number":
            answers[qid] = _tracking_number(kb, rnd)
    if "shipped_on" in answers and "last_event_on" in answers:
        first, last = sorted([answers["shipped_on"], answers["last_event_on"]])
        answers["shipped_on"], answers["last_event_on"] = first, last
    return answers


def _tracking_number(kb: KnowledgeBase, rnd: random.Random) -> str:
    """A valid S10 number (random service indicator and country), or a courier-looking one."""
    if rnd.random() < 0.2:
        return f"1Z{rnd.randrange(10**16):016d}"
    prefix = rnd.choice(sorted(kb.s10_indicators)) + rnd.choice("ABCDEFGHIJ")
    serial = f"{rnd.randrange(10**8):08d}"
    total = sum(int(d) * w for d, w in zip(serial, (8, 6, 4, 2, 3, 5, 9, 7), strict=True))
    check = 11 - total % 11
    check = 5 if check == 11 else 0 if check == 10 else check
    return f"{prefix[:2]}{serial}{check}{rnd.choice(sorted(kb.countries))}"


def random_cases(kb: KnowledgeBase, count: int, seed: int, today: dt.date) -> list[dict[str, Any]]:
    """`count` random answer sets that pass answer checks."""
    rnd = random.Random(seed)
    out: list[dict[str, Any]] = []
    while len(out) < count:
        answers = random_answers(kb, rnd, today)
        try:
            normalise_answers(kb, answers, today)
        except AnswerError:
            continue
        out.append(answers)
    return out


def adversarial_orders(
    answers: Sequence[Mapping[str, Any]], seed: int = 3
) -> list[tuple[str, list[int]]]:
    """Orders (indexes into `answers`) in which to diagnose answer sets through one engine
    sharing sessions, meant to make shipments meet: as listed, reversed, each twice in a
    row (the same facts under the next key), alike ones together (same route, carrier
    and service in one session), shuffled."""
    listed = list(range(len(answers)))

    def alike(n: int) -> list[str]:
        return [str(answers[n].get(k)) for k in ("origin", "destination", "carrier", "service")]

    return [
        ("as listed", listed),
        ("reversed", listed[::-1]),
        ("each twice in a row", [n for n in listed for _ in (1, 2)]),
        ("alike together", sorted(listed, key=alike)),
        ("shuffled", random.Random(seed).sample(listed, len(listed))),
    ]


def multiplied(kb: KnowledgeBase, times: int) -> KnowledgeBase:
    """The knowledge base with every rule `times` times (copies get new ids)."""
    bigger = copy.copy(kb)
    bigger.rules = [
        rule if n == 0 else dataclasses.replace(rule, id=f"{rule.id}--copy{n}")
        for n in range(times)
        for rule in kb.rules
    ]
    bigger.graph = RuleGraph.build(bigger.rules)
    return bigger
