"""What the group tests of the keyed ruleset cost a diagnosis (`compiler.key_patterns`).

The keyed ruleset (one durable_rules session serving 32 shipments in turn) must fit
durable_rules' 64-entry alpha stack; where the patterns sharing one path of constant
tests would overflow it, an always-true group test splits them (`limits.engine_rules`
groups only the most shared paths, as few as make it fit). Each group test costs a
test to every fact that reaches it. This script times, on `batch.py`'s realistic rows,
in interleaved rounds (CPU seconds, median per row), `Engine.infer` on:

- `plain`: a session per shipment (the fallback when no keyed ruleset fits);
- `keyed, no group test`: where the ruleset fits that way;
- `keyed, as the engine groups`: the paths `engine_rules` chose;
- `keyed, every path grouped`: the ruleset before session 11 when the stack overflowed;
- `floor`: a session per row on the plain ruleset created with the row's initial facts
  and deleted, no rule run (`floors.DurableFloor`),

for today's rule base and for the same rules twice (which overflows the stack without
group tests), each checked first to give every row the same conclusions.

    .venv/bin/python benchmarks/key_groups.py [ROWS] [--rounds 7]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from batch import TODAY, generated_rows
from floors import DurableFloor
from machine import load as load_average
from parcel_doctor.inference import compiler, limits, session
from parcel_doctor.inference.compiler import CompiledRules
from parcel_doctor.inference.durable_core import with_guard
from parcel_doctor.inference.network import problems
from parcel_doctor.knowledge.loader import KnowledgeBase, load

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from reference_engine import multiplied  # tests/: a rule base several times larger


def engine_on(kb: KnowledgeBase, compiled: CompiledRules) -> session.Engine:
    """An engine running `compiled` instead of the ruleset `engine_rules` picks."""
    chosen = session.engine_rules
    session.engine_rules = lambda kb, share=True: compiled  # type: ignore[assignment]
    try:
        return session.Engine(kb)
    finally:
        session.engine_rules = chosen  # type: ignore[assignment]


def variants(kb: KnowledgeBase) -> dict[str, CompiledRules]:
    """The rulesets compared, by label (a keyed one only where it fits)."""
    plain = limits.engine_rules(kb, share=False)
    found = {"plain": plain}
    bare = compiler.keyed(plain, None)
    if not problems(with_guard(bare.definition)):
        found["keyed, no group test"] = bare
    found["keyed, as the engine groups"] = limits.engine_rules(kb)
    found["keyed, every path grouped"] = compiler.keyed(plain, 1)
    return found


def group_tests(compiled: CompiledRules) -> int:
    return json.dumps(compiled.definition).count('"$neq": {"ship__": -1')


def conclusions(engine: session.Engine, rows: list[list[dict[str, Any]]]) -> list[Any]:
    found = [
        sorted((f["kind"], f["name"]) for f, _ in engine.infer(facts, TODAY).conclusions)
        for facts in rows
    ]
    engine.close()
    return found


def measure(kb: KnowledgeBase, rows: list[list[dict[str, Any]]], rounds: int) -> None:
    engines = {label: engine_on(kb, c) for label, c in variants(kb).items()}
    expected = conclusions(engines["plain"], rows)
    for label, engine in engines.items():
        if conclusions(engine, rows) != expected:
            raise SystemExit(f"{label}: the conclusions differ from the plain ruleset's")
    floor = DurableFloor(kb)
    encoded = [floor.encode(facts) for facts in rows]

    def run_engine(engine: session.Engine) -> Callable[[], None]:
        def run() -> None:
            for facts in rows:
                engine.infer(facts, TODAY)
            engine.close()

        return run

    def run_floor() -> None:
        for facts in encoded:
            floor.run(facts)

    runs = {label: run_engine(engine) for label, engine in engines.items()}
    runs["floor"] = run_floor
    cpu: dict[str, list[float]] = {label: [] for label in runs}
    for _ in range(rounds):
        for label, run in runs.items():
            start = time.process_time()
            run()
            cpu[label].append((time.process_time() - start) / len(rows) * 1e6)
    floor_us = statistics.median(cpu["floor"])
    print("| ruleset | group tests | CPU us a row (median) | x floor | rounds |")
    print("|---|---:|---:|---:|---|")
    for label, times in cpu.items():
        tests = "" if label == "floor" else str(group_tests(engines[label]._compiled))
        median = statistics.median(times)
        shown = ", ".join(f"{t:.0f}" for t in times)
        print(f"| {label} | {tests} | {median:.1f} | {median / floor_us:.2f} | {shown} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int, default=2000, help="rows generated")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved timing rounds")
    args = parser.parse_args()
    print(f"load before: {load_average()}")
    kb = load()
    rows = generated_rows(kb, args.rows)
    print(f"{len(rows)} rows reach the rules; {args.rounds} interleaved rounds")
    for title, base in (("today's rule base", kb), ("the rules twice", multiplied(kb, 2))):
        print(f"\n{title} ({len(base.rules)} rules)")
        measure(base, rows, args.rounds)
    print(f"load after: {load_average()}")


if __name__ == "__main__":
    main()
