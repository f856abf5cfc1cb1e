"""The one session runner: one durable_rules session per shipment, recorded and deleted.

The rules are compiled once per knowledge base into one ruleset on one process-wide
`Host` (each `Host` starts timer threads; ruleset names cannot be registered twice).
Every firing is recorded Python-side: rule, matched facts, conclusions. That record is
the explanation, and it makes `get_facts` unnecessary.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import threading
from dataclasses import dataclass, field
from typing import Any

from durable import engine as durable_engine

from parcel_doctor.inference.compiler import PHASE_LABEL, compile_ruleset
from parcel_doctor.inference.conclusions import conclude
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.rules.model import Rule

_HOST: durable_engine.Host | None = None
_HOST_LOCK = threading.Lock()
_NAMES = itertools.count(1)
_SESSIONS = itertools.count(1)
_HIDDEN = {"sid", "id", "kind"}


class EngineError(RuntimeError):
    """durable_rules reported a failure (an action raised, or a fact was refused)."""


def host() -> durable_engine.Host:
    """The process's single durable_rules host."""
    global _HOST
    with _HOST_LOCK:
        if _HOST is None:
            _HOST = durable_engine.Host()
        return _HOST


@dataclass
class Firing:
    """One rule that fired: the facts it matched and what it concluded."""

    rule: Rule
    facts: dict[str, dict[str, Any]]
    concluded: list[dict[str, Any]]


@dataclass
class RunResult:
    """Everything one session produced, in firing order."""

    firings: list[Firing] = field(default_factory=list)
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)  # derived facts by kind
    conclusions: list[tuple[dict[str, Any], Rule]] = field(default_factory=list)


@dataclass
class _Run:
    today: dt.date
    result: RunResult
    seen: set[tuple[tuple[str, Any], ...]] = field(default_factory=set)


class Engine:
    """A knowledge base's rules compiled into one durable_rules ruleset."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.name = f"parcel_doctor_{next(_NAMES)}"
        self.layers = kb.graph.layer_count
        self._runs: dict[str, _Run] = {}
        host().register_rulesets({self.name: compile_ruleset(kb.graph, self._action)})

    def infer(self, facts: list[dict[str, Any]], today: dt.date) -> RunResult:
        """Assert the initial facts, then each phase in turn; return what fired."""
        sid = str(next(_SESSIONS))
        run = _Run(today, RunResult())
        self._runs[sid] = run
        try:
            # Every rule waits for its phase, so the initial facts can go in one call.
            self._assert([{**fact, "sid": sid} for fact in facts])
            for layer in range(1, self.layers + 1):
                self._assert({"kind": "phase", "n": layer, "sid": sid})
        finally:
            del self._runs[sid]
            host().delete_state(self.name, sid)
        return run.result

    def _assert(self, fact: dict[str, Any] | list[dict[str, Any]]) -> None:
        try:
            state = host().assert_fact(self.name, fact)
        except durable_engine.MessageNotHandledException:
            return  # no rule tests this kind of fact: nothing to infer from it
        if isinstance(state, dict) and state.get("exception"):
            raise EngineError(f"a rule's action failed: {state['exception']}")

    def _action(self, rule: Rule) -> Any:
        labels = [c.label for c in rule.when]

        def action(c: Any) -> None:
            run = self._runs[c.s.sid]
            matched = {label: c._m[label] for label in labels}
            concluded = [
                f for f in conclude(self.kb, rule, matched, run.today) if self._new(f, run)
            ]
            shown = {
                k: {n: v for n, v in f.items() if n not in _HIDDEN} for k, f in matched.items()
            }
            run.result.firings.append(Firing(rule, shown, concluded))
            for fact in concluded:
                if fact["kind"] in ("situation", "advice", "question"):
                    run.result.conclusions.append((fact, rule))
                else:
                    run.result.facts[fact["kind"]] = fact
                # A fact no rule tests is refused; it is recorded above all the same.
                with contextlib.suppress(durable_engine.MessageNotHandledException):
                    c.assert_fact({**fact})

        return action

    @staticmethod
    def _new(fact: dict[str, Any], run: _Run) -> bool:
        key = tuple(sorted(fact.items()))
        if key in run.seen:
            return False
        run.seen.add(key)
        return True


_ENGINES: dict[int, Engine] = {}


def engine_for(kb: KnowledgeBase) -> Engine:
    """The compiled engine of a knowledge base, compiled once per process."""
    if id(kb) not in _ENGINES:
        _ENGINES[id(kb)] = Engine(kb)
    return _ENGINES[id(kb)]


__all__ = ["PHASE_LABEL", "Engine", "EngineError", "Firing", "RunResult", "engine_for"]
