"""How the cost of one diagnosis grows with the rule base. Prints figures; asserts nothing.

The shipped rules are copied 2 and 4 times under new ids, two ways:

- firing copies: the same conditions, so each copy fires whenever its original does
  (twice or four times the firings, the conclusions the same);
- non-firing copies: each copy's first `when` pattern also tests a field no fact has, so
  the copy is compiled (its patterns and joins are in the network) but never fires.

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
from pathlib import Path
from typing import Any

from floors import DurableFloor
from machine import load as machine_load
from parcel_doctor.diagnosis.diagnose import assemble
from parcel_doctor.inference.session import Engine
from parcel_doctor.knowledge.loader import KnowledgeBase, load
from parcel_doctor.rules.graph import RuleGraph
from parcel_doctor.rules.model import FieldTest, Rule
from parcel_doctor.teaching import scenarios

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from reference_engine import prepared  # noqa: E402


def never_fires(rule: Rule) -> Rule:
    """The rule with a test on a field no fact has added to its first `when` pattern."""
    first, *rest = rule.when
    blocked = dataclasses.replace(first, tests=(*first.tests, FieldTest("never__", "is", 1)))
    return dataclasses.replace(rule, when=(blocked, *rest))


def multiplied(kb: KnowledgeBase, times: int, firing: bool) -> KnowledgeBase:
    """The knowledge base with every rule `times` times (copies renamed)."""
    rules = list(kb.rules)
    for n in range(1, times):
        for rule in kb.rules:
            twin = dataclasses.replace(rule, id=f"{rule.id}--copy{n}")
            rules.append(twin if firing else never_fires(twin))
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


def measure(kb: KnowledgeBase, cases: list[Any], rounds: int) -> dict[str, Any]:
    """Median CPU per diagnosis (rules and assembly) with the engine's default (one
    session shared by 32 shipments in turn where the keyed ruleset fits), with a session
    per shipment, and the floor (a session per shipment, no rule run)."""
    engine, own = Engine(kb), Engine(kb, share=False)
    floor = DurableFloor(kb)
    times, owns, floors, firings = [], [], [], []
    for case in cases:
        samples, own_samples, floor_samples = [], [], []
        encoded = floor.encode(case[2])
        for _ in range(rounds):
            seconds, fired = _timed(engine, kb, case)
            samples.append(seconds)
            own_samples.append(_timed(own, kb, case)[0])
            start = time.process_time()
            floor.run(encoded)
            floor_samples.append(time.process_time() - start)
        firings.append(fired)
        times.append(statistics.median(samples))
        owns.append(statistics.median(own_samples))
        floors.append(statistics.median(floor_samples))
    return {
        "diagnosis_ms": statistics.median(times) * 1000,
        "own_session_ms": statistics.median(owns) * 1000,
        "floor_ms": statistics.median(floors) * 1000,
        "firings": statistics.mean(firings),
        "compiled_rules": len(engine.rule_names),
        "shared": engine.shared,
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
    bases = [("shipped rules", kb)]
    for times in (2, 4):
        bases.append((f"x{times}, copies never fire", multiplied(kb, times, firing=False)))
        bases.append((f"x{times}, copies fire", multiplied(kb, times, firing=True)))
    print(f"start: {machine_load()}")
    rows = {label: measure(base, cases, args.rounds) for label, base in bases}
    print(f"end: {machine_load()}")
    one = rows["shipped rules"]
    print(
        f"{'rule base':<26} {'compiled':>8} {'firings':>8} {'shared':>6} {'diagnosis ms':>12} "
        f"{'x':>5} {'own session ms':>14} {'x':>5} {'floor ms':>9} {'x':>5}"
    )
    for label, row in rows.items():
        print(
            f"{label:<26} {row['compiled_rules']:>8} {row['firings']:>8.1f} "
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
