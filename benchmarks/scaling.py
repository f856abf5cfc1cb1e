"""How the cost of one diagnosis grows with the rule base. Prints figures; asserts nothing.

The shipped rules are copied 2 and 4 times under new ids, three ways:

- firing copies: the same conditions, so each copy fires whenever its original does
  (twice or four times the firings, the conclusions the same);
- non-firing copies: each copy's first `when` pattern also tests a field no fact has, so
  the copy is compiled (its patterns and joins are in the network) but never fires;
- non-firing copies stopped at their gate: each copy also needs a shipment with a field
  no shipment has, a test the compiler moves into the copy's phase gate, so no phase
  fact ever passes it (what the copies cost when durable_rules never starts a match).

For each rule base: the median over the golden scenarios of one diagnosis (the engine's
`infer` plus building the diagnosis) with the engine's default (one session shared by
32 shipments in turn where the keyed ruleset fits: the `shared` column) and with a
session per shipment, the firings per diagnosis, and the durable_rules
floor on that rule base (a session created with the initial facts and deleted, no rule
run), each relative to the shipped rule base; times are CPU time of this process.
Rete's promise is a cost flat in rules that never fire and linear in the firings.

    .venv/bin/python benchmarks/scaling.py [--rounds N]
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from floors import DurableFloor
from machine import load as machine_load
from parcel_doctor.diagnosis.diagnose import assemble
from parcel_doctor.inference.session import Engine
from parcel_doctor.knowledge.loader import KnowledgeBase, load
from parcel_doctor.rules.graph import RuleGraph
from parcel_doctor.rules.model import Condition, FieldTest, Rule
from parcel_doctor.teaching import scenarios

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from reference_engine import prepared  # noqa: E402


def never_fires(rule: Rule) -> Rule:
    """The rule with a test on a field no fact has added to its first `when` pattern."""
    first, *rest = rule.when
    blocked = dataclasses.replace(first, tests=(*first.tests, FieldTest("never__", "is", 1)))
    return dataclasses.replace(rule, when=(blocked, *rest))


def stopped_at_gate(rule: Rule) -> Rule:
    """The rule with its shipment pattern (one more, if it has none) also testing a
    field no shipment has: a constant test the compiler moves into the phase gate."""
    never = FieldTest("never__", "is", 1)
    when = list(rule.when)
    at = next((n for n, c in enumerate(when) if c.kind == "shipment"), None)
    if at is None:
        when.append(Condition("never__", "shipment", (never,)))
    else:
        when[at] = dataclasses.replace(when[at], tests=(*when[at].tests, never))
    return dataclasses.replace(rule, when=tuple(when))


COPIES: dict[str, Callable[[Rule], Rule]] = {
    "fire": lambda rule: rule,
    "never fire": never_fires,
    "never pass their gate": stopped_at_gate,
}


def multiplied(kb: KnowledgeBase, times: int, copies: str) -> KnowledgeBase:
    """The knowledge base with every rule `times` times (copies renamed, made as
    `COPIES[copies]` says)."""
    rules = list(kb.rules)
    for n in range(1, times):
        for rule in kb.rules:
            rules.append(COPIES[copies](dataclasses.replace(rule, id=f"{rule.id}--copy{n}")))
    bigger = copy.copy(kb)
    bigger.rules = rules
    bigger.graph = RuleGraph.build(rules)
    return bigger


def _timed(engine: Engine, kb: KnowledgeBase, case: Any) -> tuple[float, int]:
    answers, number, facts, today = case
    start = time.process_time()
    result = engine.infer(facts, today)
    assemble(kb, answers, number, result, today)
    return time.process_time() - start, len(result.firings)


class Base:
    """One rule base's engines (shared session where it fits, and a session per
    shipment), its floor, and the samples taken so far, by golden scenario."""

    def __init__(self, kb: KnowledgeBase, cases: list[Any]) -> None:
        self.kb, self.cases = kb, cases
        self.engine, self.own = Engine(kb), Engine(kb, share=False)
        self.floor = DurableFloor(kb)
        self.encoded = [self.floor.encode(case[2]) for case in cases]
        self.samples: list[list[tuple[float, float, float]]] = [[] for _ in cases]
        self.firings = [0] * len(cases)

    def round(self) -> None:
        """One sample of each scenario: shared engine, own session, floor."""
        for n, case in enumerate(self.cases):
            seconds, self.firings[n] = _timed(self.engine, self.kb, case)
            own = _timed(self.own, self.kb, case)[0]
            start = time.process_time()
            self.floor.run(self.encoded[n])
            self.samples[n].append((seconds, own, time.process_time() - start))

    def figures(self) -> dict[str, Any]:
        """Medians over the scenarios of each scenario's median (ms)."""

        def median_of(column: int) -> float:
            per_case = [statistics.median(s[column] for s in case) for case in self.samples]
            return statistics.median(per_case) * 1000

        return {
            "diagnosis_ms": median_of(0),
            "own_session_ms": median_of(1),
            "floor_ms": median_of(2),
            "firings": statistics.mean(self.firings),
            "compiled_rules": len(self.engine.rule_names),
            "shared": self.engine.shared,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    kb = load()
    cases = [
        (*prepared(kb, s.answers, s.today), s.today)
        for s in scenarios.load_folder(ROOT / "tests" / "scenarios")
    ]
    bases = {"shipped rules": Base(kb, cases)}
    for times in (2, 4):
        for copies in ("never pass their gate", "never fire", "fire"):
            bases[f"x{times}, copies {copies}"] = Base(multiplied(kb, times, copies), cases)
    print(f"start: {machine_load()}")
    for _ in range(args.rounds):  # interleaved: the machine's load weighs on every base alike
        for base in bases.values():
            base.round()
    print(f"end: {machine_load()}")
    rows = {label: base.figures() for label, base in bases.items()}
    one = rows["shipped rules"]
    print(
        f"{'rule base':<36} {'compiled':>8} {'firings':>8} {'shared':>6} {'diagnosis ms':>12} "
        f"{'x':>5} {'own session ms':>14} {'x':>5} {'floor ms':>9} {'x':>5}"
    )
    for label, row in rows.items():
        print(
            f"{label:<36} {row['compiled_rules']:>8} {row['firings']:>8.1f} "
            f"{'yes' if row['shared'] else 'no':>6} "
            f"{row['diagnosis_ms']:>12.3f} {row['diagnosis_ms'] / one['diagnosis_ms']:>5.2f} "
            f"{row['own_session_ms']:>14.3f} "
            f"{row['own_session_ms'] / one['own_session_ms']:>5.2f} "
            f"{row['floor_ms']:>9.3f} {row['floor_ms'] / one['floor_ms']:>5.2f}"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
