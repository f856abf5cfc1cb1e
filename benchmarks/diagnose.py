"""How fast is one diagnosis? Prints figures; asserts nothing.

- in-process: the median time of `diagnose()` for each golden scenario's answers;
- floor: the same facts (the initial ones plus every fact the rules concluded) asserted
  into a bare durable_rules ruleset whose only rules collect each kind, session deleted
  after use: what moving those facts through durable_rules costs at the least;
- end to end: `parcel-doctor diagnose --answers FILE` as a subprocess, start-up included.

Run: .venv/bin/python benchmarks/diagnose.py [--rounds N]
Targets (issue 3): one diagnosis under 2 ms in-process; the command under 0.5 s.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from durable import engine as durable_engine
from parcel_doctor.diagnosis.diagnose import analyse_number, diagnose, initial_facts
from parcel_doctor.inference.session import engine_for, host
from parcel_doctor.knowledge import loader as knowledge
from parcel_doctor.teaching import scenarios

ROOT = Path(__file__).resolve().parent.parent
_SIDS = itertools.count(1)


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def session_facts(kb: knowledge.KnowledgeBase, scenario: scenarios.Scenario) -> list[dict]:
    """The facts one diagnosis moves through the engine: initial ones and conclusions."""
    from parcel_doctor.diagnosis.answers import normalise_answers

    answers = normalise_answers(kb, scenario.answers, scenario.today)
    number = None
    if "tracking_number" in answers:
        number = analyse_number(kb, answers["tracking_number"], answers.get("destination"))
    facts = initial_facts(kb, answers, number, scenario.today)
    result = engine_for(kb).infer(facts, scenario.today)
    concluded = [f for firing in result.firings for f in firing.concluded]
    phases = [{"kind": "phase", "n": n} for n in range(1, engine_for(kb).layers + 1)]
    return facts + phases + concluded


def floor_ruleset(kinds: set[str]) -> str:
    name = "bench_floor"
    definition: dict[str, Any] = {
        f"collect_{kind}": {"all": [{"m": {"kind": kind}}], "run": lambda c: None} for kind in kinds
    }
    host().register_rulesets({name: definition})
    return name


def time_floor(name: str, facts: list[dict], rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        sid = f"f{next(_SIDS)}"
        start = time.perf_counter()
        for fact in facts:
            host().assert_fact(name, {**fact, "sid": sid})
        host().delete_state(name, sid)
        samples.append(time.perf_counter() - start)
    return median_ms(samples)


def time_diagnosis(kb: knowledge.KnowledgeBase, scenario: scenarios.Scenario, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        diagnose(kb, scenario.answers, scenario.today)
        samples.append(time.perf_counter() - start)
    return median_ms(samples)


def time_command(rounds: int) -> float:
    exe = Path(sys.executable).parent / "parcel-doctor"
    answers = ROOT / "examples" / "stuck-after-export.toml"
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(
            [str(exe), "diagnose", "--answers", str(answers), "--today", "2026-11-25"],
            check=True,
            capture_output=True,
        )
        samples.append(time.perf_counter() - start)
    return median_ms(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    kb = knowledge.load()
    cases = scenarios.load_folder(ROOT / "tests" / "scenarios")
    all_facts = {s.id: session_facts(kb, s) for s in cases}
    floor = floor_ruleset({f["kind"] for facts in all_facts.values() for f in facts})
    rows = []
    for scenario in cases:
        facts = all_facts[scenario.id]
        rows.append(
            (
                scenario.id,
                len(facts),
                time_diagnosis(kb, scenario, args.rounds),
                time_floor(floor, facts, args.rounds),
            )
        )
    print(f"{'scenario':32} {'facts':>5} {'diagnose ms':>12} {'floor ms':>9} {'overhead':>9}")
    for sid, count, ms, floor_ms in rows:
        print(f"{sid:32} {count:5} {ms:12.3f} {floor_ms:9.3f} {ms / floor_ms:8.1f}x")
    medians = [r[2] for r in rows]
    floors = [r[3] for r in rows]
    print(
        f"\nmedian over scenarios: diagnose {statistics.median(medians):.3f} ms, "
        f"floor {statistics.median(floors):.3f} ms (target: under 2 ms)"
    )
    command = time_command(max(3, args.rounds // 40))
    print(
        f"end to end, `parcel-doctor diagnose --answers ...`: median {command:.0f} ms "
        "(target: under 500 ms)"
    )
    summary = {
        "diagnose_ms": statistics.median(medians),
        "floor_ms": statistics.median(floors),
        "command_ms": command,
    }
    Path(tempfile.gettempdir(), "parcel-doctor-bench.json").write_text(json.dumps(summary))


if __name__ == "__main__":
    try:
        main()
    except durable_engine.MessageNotHandledException as error:  # pragma: no cover
        sys.exit(f"a fact was refused by the floor ruleset: {error}")
