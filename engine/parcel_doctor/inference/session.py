"""The one session runner: one durable_rules session per shipment, recorded and deleted.

The rules are compiled once per knowledge base into one ruleset in durable_rules' C
core (`inference.durable_core`); the runner drives it in its own loop. It asserts the
initial facts, then each layer's phase facts; for each activation, in durable_rules'
order, it builds the rule's conclusions (`inference.conclusions`), records the firing
and asserts, in one call, the new conclusions that some rule can match (facts of a
kind no rule tests are recorded, never sent). That record is the explanation, and it
makes `get_facts` unnecessary. A rule that matches the shipment through its phase gate
(`inference.gate_binding`) gets the shipment fact from the runner, as durable_rules
would have given it.

Creating a durable_rules session costs about as much as the rest of a diagnosis: it
sets up about 8 KiB of join indexes for every pattern of every rule, fired or not. So
when the keyed ruleset (`compiler.keyed`: every fact carries its shipment's key and
every pattern joins on the key of the phase fact that opened its rule) fits durable_rules'
limits (`limits.engine_rules`), one session serves `SHIPMENTS_PER_SESSION` shipments in
turn before it is deleted: a shipment only ever meets its own facts and gets exactly
the firings, in the same order, it gets in a session of its own (tests/inference/
test_session.py, benchmarks/compare.py). That holds because every fact the session
takes has an id of its own (`durable_core.Session`): on the ids durable_rules makes
from a fact's fields, two different facts are sometimes taken for one, and in a session
of 32 shipments that made a shipment's fact vanish about once in 14,000 sessions (a
DHL Express parcel lost its courier service after a Canada Post parcel; session 13 gave
up sharing because of it). Otherwise (a rule base several times today's)
each shipment gets a session of its own on the plain ruleset. The facts of earlier
shipments stay in the session until it is deleted: memory is bounded by that count.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from dataclasses import dataclass, field
from typing import Any

from parcel_doctor.inference.compiler import SHIPMENT, SHIPMENT_KEY, CompiledRules
from parcel_doctor.inference.conclusions import conclude
from parcel_doctor.inference.durable_core import Error as CoreError
from parcel_doctor.inference.durable_core import Ruleset, Session
from parcel_doctor.inference.gate_binding import gate_bound
from parcel_doctor.inference.limits import engine_rules, limit_problems
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.rules.model import Rule

_NAMES = itertools.count(1)
_HIDDEN = frozenset({"sid", "id", "kind", SHIPMENT_KEY})
SHIPMENTS_PER_SESSION = 32  # then the session is deleted (see the module docstring)
CONCLUSIONS = frozenset({"situation", "advice", "question"})  # recorded in order, not by kind


class EngineError(RuntimeError):
    """durable_rules reported a failure."""


@dataclass
class Firing:
    """One rule that fired: the facts it matched (by label) and what it concluded."""

    rule: Rule
    matched: dict[str, dict[str, Any]]
    concluded: list[dict[str, Any]]

    @property
    def facts(self) -> dict[str, dict[str, Any]]:
        """The matched facts as shown in a trace: the engine's own fields left out."""
        return {
            label: {n: v for n, v in fact.items() if n not in _HIDDEN}
            for label, fact in self.matched.items()
        }


@dataclass
class RunResult:
    """Everything one session produced, in firing order."""

    firings: list[Firing] = field(default_factory=list)
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)  # derived facts by kind
    conclusions: list[tuple[dict[str, Any], Rule]] = field(default_factory=list)


class Engine:
    """A knowledge base's rules compiled into one durable_rules ruleset."""

    def __init__(self, kb: KnowledgeBase, share: bool = True) -> None:
        """`share=False`: a session per shipment even where one could serve several."""
        self.kb = kb
        compiled = engine_rules(kb, share)
        self.rule_names = tuple(compiled.rules)  # the compiled rules (one per alternative)
        self.layers = len(compiled.phases)
        through = gate_bound(compiled)  # rules matching the shipment through their gate
        self._rules = {
            name: (rule, tuple(c.label for c in rule.when), through.get(name))
            for name, rule in compiled.rules.items()
        }
        # The facts a firing reads: those its rule matched, but the one bound through
        # the gate (not in the activation) and the phase fact.
        self._read = {
            name: tuple(label for label in labels if label != bound)
            for name, (_, labels, bound) in self._rules.items()
        }
        # The kinds of fact some rule tests: only those are sent to durable_rules.
        self.matchable = frozenset(c.kind for r in kb.graph.rules for c in (*r.when, *r.unless))
        self._now, self._later = _kinds_by_layer(kb, self.layers)
        try:
            self._ruleset = Ruleset(f"parcel_doctor_{next(_NAMES)}", compiled.definition)
        except CoreError as error:
            raise EngineError(_explained(error, compiled)) from error
        self._compiled = compiled
        self.shared = compiled.keyed  # one session for several shipments in turn
        self._lock = threading.Lock()  # one shipment at a time (all use session id "0")
        self._session: Session | None = None
        self._shipments = 0  # shipments in the current session: the next one's key

    def infer(self, facts: list[dict[str, Any]], today: dt.date) -> RunResult:
        """Assert the initial facts, then each phase in turn; return what fired."""
        with self._lock:
            if self._session is None:
                self._session, self._shipments = self._ruleset.session(), 0
            session, run = self._session, ShipmentRun(self, facts, self._shipments, today)
            self._shipments += 1
            done = False
            try:
                for layer in range(self.layers):
                    session.assert_facts(run.opening(layer))
                    for name, matched in session.activations(self._read):
                        sent = run.fire(name, matched)
                        if sent:
                            session.assert_facts(sent)
                done = True
            except CoreError as error:
                raise EngineError(_explained(error, self._compiled)) from error
            finally:
                if not done or not self.shared or self._shipments >= SHIPMENTS_PER_SESSION:
                    session.close()
                    self._session = None
        return run.result

    def close(self) -> None:
        """Delete the open shared session, if any (the next `infer` opens another)."""
        with self._lock:
            if self._session is not None:
                self._session.close()
                self._session = None

    def keyed(self, facts: list[dict[str, Any]], key: int) -> list[dict[str, Any]]:
        """The facts as sent: with the shipment's key when the session is shared."""
        return [{**f, SHIPMENT_KEY: key} for f in facts] if self.shared else facts


class ShipmentRun:
    """One shipment's part of a session: the facts to assert as each layer opens, and
    each of its activations turned into a recorded firing and the conclusions to assert
    at once (`Engine.infer` runs one at a time; `benchmarks/chunked.py` several in one
    session, each activation routed by its shipment key).

    The initial facts go with the first phase fact (every rule waits for its phase). A
    rule that matches the shipment through its phase gate (`inference.gate_binding`)
    gets the shipment fact as durable_rules would have given it."""

    def __init__(
        self, engine: Engine, facts: list[dict[str, Any]], key: int, today: dt.date
    ) -> None:
        self.engine, self.facts, self.key, self.today = engine, facts, key, today
        self.result = RunResult()
        self.layer = 0
        self._seen: set[frozenset[tuple[str, Any]]] = set()
        self._phases = engine._compiled.phase_facts(facts)
        self._waiting = [f for f in facts if f["kind"] in engine.matchable]
        self._shipment: dict[str, Any] | None = None

    def opening(self, layer: int) -> list[dict[str, Any]]:
        """The facts that open `layer`: those waiting for it, then its phase fact."""
        self.layer = layer
        opening = self.engine.keyed([*self._waiting, self._phases[layer]], self.key)
        self._waiting = []
        return opening

    def fire(self, name: str, matched: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        """Record the activation of compiled rule `name`; return the conclusions to
        assert before the next activation (those a rule of this layer tests). Those only
        later layers test wait for the next `opening`; the others are never sent."""
        engine = self.engine
        rule, labels, through = engine._rules[name]
        if through is not None:
            if self._shipment is None:
                self._shipment = self._bound_shipment()
            matched = {**matched, through: self._shipment}
        bound = {label: matched[label] for label in labels}
        # In one pass: a conclusion not seen before in this session (an identical fact
        # is one fact) is recorded (situations, advice and questions in order, other
        # facts by kind) and sent now, kept for the next phase, or never sent.
        result, seen, key = self.result, self._seen, self.key
        now, later = engine._now[self.layer], engine._later[self.layer]
        concluded, sent = [], []
        for fact in conclude(engine.kb, rule, bound, self.today):
            identity = frozenset(fact.items())
            if identity in seen:
                continue
            seen.add(identity)
            concluded.append(fact)
            kind = fact["kind"]
            if kind in CONCLUSIONS:
                result.conclusions.append((fact, rule))
            else:
                result.facts[kind] = fact
            if kind in now:
                sent.append({**fact, SHIPMENT_KEY: key} if engine.shared else fact)
            elif kind in later:
                self._waiting.append(fact)
        result.firings.append(Firing(rule, bound, concluded))
        return sent

    def _bound_shipment(self) -> dict[str, Any]:
        """The shipment fact as durable_rules gives a matched one back (keyed if shared)."""
        found = [f for f in self.facts if f["kind"] == SHIPMENT]
        if len(found) != 1:
            raise EngineError("a rule matched the shipment, but the facts hold no shipment")
        return self.engine.keyed(found, self.key)[0]


def _kinds_by_layer(
    kb: KnowledgeBase, layers: int
) -> tuple[list[frozenset[str]], list[frozenset[str]]]:
    """For each layer (0 = the first), the kinds of fact some rule of that layer tests,
    and those only later layers test.

    A fact concluded in a layer is sent at once only if a rule of that layer tests its
    kind; one that only later layers test waits for the next phase fact and goes in
    the same call, before it (one C call instead of one per firing: no rule could
    match it sooner, as no gate of a later layer is there yet); one that no rule of
    this layer or a later one tests is never sent. A rule that could match a fact runs
    in the layer of the rule concluding it or later (`RuleGraph`'s stratification),
    so none of an earlier layer can match it."""
    tested: list[set[str]] = [set() for _ in range(layers)]
    for rule in kb.graph.rules:
        tested[kb.graph.layer(rule) - 1].update(c.kind for c in (*rule.when, *rule.unless))
    now = [frozenset(kinds) for kinds in tested]
    later = [frozenset(set().union(*tested[n + 1 :]) - tested[n]) for n in range(layers)]
    return now, later


def _explained(error: Exception, compiled: CompiledRules) -> str:
    """durable_rules' error, with the limits the rule base exceeds (inference.limits)."""
    found = "; ".join(str(problem) for problem in limit_problems(compiled))
    return f"durable_rules failed: {error}" + (f" ({found})" if found else "")


_ENGINES: dict[int, Engine] = {}


def engine_for(kb: KnowledgeBase) -> Engine:
    """The compiled engine of a knowledge base, compiled once per process (one session
    for several shipments in turn where the keyed ruleset fits: see the module doc)."""
    if id(kb) not in _ENGINES:
        _ENGINES[id(kb)] = Engine(kb)
    return _ENGINES[id(kb)]


__all__ = [
    "CONCLUSIONS",
    "Engine",
    "EngineError",
    "Firing",
    "RunResult",
    "ShipmentRun",
    "engine_for",
]
