"""How fast is one diagnosis? Prints figures; asserts nothing.

- in-process: the median time of `diagnose()` for each golden scenario's answers, every
  step's text and links read as the plain report reads them (a step's words are filled
  when first read: a batch row reads only its first step's);
- the same with a durable_rules session per shipment (`Engine(kb, share=False)`), where
  `diagnose()` shares one among shipments in turn (a session each was what it used
  from session 13 until facts got ids of their own: `inference.durable_core`);
- the rules alone: `Engine.infer` on the scenario's initial facts (no answer checks,
  number analysis or advice texts);
- floor: on the real ruleset (every rule compiled, as `diagnose()` uses it), a session
  created by asserting the scenario's initial facts, then deleted, no rule run: what
  durable_rules costs per shipment before any rule fires; also on the rules as the
  compiler writes them, every pattern kept (the floor before `inference.gate_binding`
  dropped the shipment patterns its gates make redundant: the same rules, a bigger
  network, a dearer session);
- stages: the same diagnosis stage by stage (answers checked, number read, initial facts,
  rules, advice texts), each timed inside the whole diagnosis: where the time beyond the
  rules goes;
- end to end: `parcel-doctor diagnose --answers FILE` as a subprocess, start-up included.

In-process times are CPU time of this process (`time.process_time`), so that other
work on a shared machine inflates them less; the command's time is wall-clock.

Run: .venv/bin/python benchmarks/diagnose.py [--rounds N]
Targets: one diagnosis at most 1.5 times the floor (issue 17) and under 2 ms
in-process; the command under 0.5 s.
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

from floors import DurableFloor
from machine import load as machine_load
from parcel_doctor.diagnosis.answers import normalise_answers
from parcel_doctor.diagnosis.diagnose import (
    Diagnosis,
    analyse_number,
    assemble,
    diagnose,
    initial_facts,
)
from parcel_doctor.inference.session import Engine, engine_for
from parcel_doctor.knowledge import loader as knowledge
from parcel_doctor.teaching import scenarios

ROOT = Path(__file__).resolve().parent.parent


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def initial(kb: knowledge.KnowledgeBase, scenario: scenarios.Scenario) -> list[dict]:
    """The initial facts of the scenario's session."""
    answers = normalise_answers(kb, scenario.answers, scenario.today)
    number = None
    if "tracking_number" in answers:
        number = analyse_number(
            kb, answers["tracking_number"], answers.get("destination"), answers.get("carrier")
        )
    return initial_facts(kb, answers, number, scenario.today)


def time_floor(floor: DurableFloor, facts: str, rounds: int) -> float:
    """Session create (first assert) + initial facts + delete on the real ruleset."""
    samples = []
    for _ in range(rounds):
        start = time.process_time()
        floor.run(facts)
        samples.append(time.process_time() - start)
    return median_ms(samples)


def read_words(diagnosis: Diagnosis) -> None:
    """Read what the plain report shows of every step: its text, links, pages not known."""
    for step in diagnosis.advice:
        _ = step.text, step.urls, step.pages_not_known


def time_diagnosis(
    kb: knowledge.KnowledgeBase, scenario: scenarios.Scenario, rounds: int, infer: Any = None
) -> float:
    samples = []
    for _ in range(rounds):
        start = time.process_time()
        read_words(diagnose(kb, scenario.answers, scenario.today, infer))
        samples.append(time.process_time() - start)
    return median_ms(samples)


def time_inference(
    kb: knowledge.KnowledgeBase, facts: list[dict], today: Any, rounds: int
) -> float:
    """The rules alone: `Engine.infer` on the scenario's initial facts."""
    samples = []
    for _ in range(rounds):
        start = time.process_time()
        engine_for(kb).infer(facts, today)
        samples.append(time.process_time() - start)
    return median_ms(samples)


STAGES = ("answers", "number", "initial facts", "rules", "advice texts")


def time_stages(
    kb: knowledge.KnowledgeBase, scenario: scenarios.Scenario, rounds: int
) -> list[float]:
    """Where a diagnosis's time goes, stage by stage, each timed inside the whole
    diagnosis as `diagnose()` runs them (in a loop of one stage alone, the caches are
    warmer and the stage looks cheaper): median ms per stage, in `STAGES` order."""
    today, engine = scenario.today, engine_for(kb)
    samples: list[list[float]] = [[] for _ in STAGES]
    for _ in range(rounds):
        marks = [time.process_time()]
        answers = normalise_answers(kb, scenario.answers, today)
        marks.append(time.process_time())
        number = None
        if "tracking_number" in answers:
            number = analyse_number(
                kb, answers["tracking_number"], answers.get("destination"), answers.get("carrier")
            )
        marks.append(time.process_time())
        facts = initial_facts(kb, answers, number, today)
        marks.append(time.process_time())
        result = engine.infer(facts, today)
        marks.append(time.process_time())
        read_words(assemble(kb, answers, number, result, today))
        marks.append(time.process_time())
        for stage, (start, end) in enumerate(itertools.pairwise(marks)):
            samples[stage].append(end - start)
    return [median_ms(s) for s in samples]


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
    print(f"start: {machine_load()}")
    kb = knowledge.load()
    cases = scenarios.load_folder(ROOT / "tests" / "scenarios")
    floor = DurableFloor(kb)
    written = DurableFloor(kb, written=True)
    alone = Engine(kb, share=False)
    rows = []
    stages: list[list[float]] = []
    for scenario in cases:
        facts = initial(kb, scenario)
        firings = len(engine_for(kb).infer(facts, scenario.today).firings)
        diagnosis = time_diagnosis(kb, scenario, args.rounds)
        floor_ms = time_floor(floor, floor.encode(facts), args.rounds)
        inference = time_inference(kb, facts, scenario.today, args.rounds)
        own = time_diagnosis(kb, scenario, args.rounds, alone.infer)
        as_written = time_floor(written, written.encode(facts), args.rounds)
        rows.append((scenario.id, firings, diagnosis, floor_ms, inference, own, as_written))
        stages.append(time_stages(kb, scenario, args.rounds))
    print(
        f"{'scenario':32} {'firings':>7} {'diagnose ms':>12} {'floor ms':>9} {'ratio':>6} "
        f"{'rules alone ms':>14} {'ratio':>6} {'own session ms':>14} {'ratio':>6} "
        f"{'floor as written ms':>19} {'ratio':>6}"
    )
    for sid, firings, ms, floor_ms, rules_ms, own_ms, as_written in rows:
        print(
            f"{sid:32} {firings:7} {ms:12.3f} {floor_ms:9.3f} {ms / floor_ms:5.2f}x "
            f"{rules_ms:14.3f} {rules_ms / floor_ms:5.2f}x "
            f"{own_ms:14.3f} {own_ms / floor_ms:5.2f}x "
            f"{as_written:19.3f} {ms / as_written:5.2f}x"
        )
    medians = [r[2] for r in rows]
    floors = [r[3] for r in rows]
    ratio = statistics.median(r[2] / r[3] for r in rows)
    rules_ratio = statistics.median(r[4] / r[3] for r in rows)
    own_ratio = statistics.median(r[5] / r[3] for r in rows)
    written_ratio = statistics.median(r[2] / r[6] for r in rows)
    print(
        f"\nmedian over scenarios: diagnose {statistics.median(medians):.3f} ms, "
        f"real-ruleset floor {statistics.median(floors):.3f} ms, "
        f"median ratio {ratio:.2f}x (targets: under 2 ms, at most 1.5x); "
        f"the rules alone {statistics.median(r[4] for r in rows):.3f} ms, {rules_ratio:.2f}x; "
        f"a session per diagnosis {statistics.median(r[5] for r in rows):.3f} ms, "
        f"{own_ratio:.2f}x; against the floor on the rules as written (every pattern kept) "
        f"{statistics.median(r[6] for r in rows):.3f} ms, {written_ratio:.2f}x"
    )
    parts = [statistics.median(s[i] for s in stages) for i in range(len(STAGES))]
    print(
        "stages inside a diagnosis (median ms over scenarios): "
        + ", ".join(f"{name} {ms:.3f}" for name, ms in zip(STAGES, parts, strict=True))
        + f"; all but the rules {sum(parts) - parts[STAGES.index('rules')]:.3f}"
    )
    command = time_command(max(3, args.rounds // 40))
    print(f"end: {machine_load()}")
    print(
        f"end to end, `parcel-doctor diagnose --answers ...`: median {command:.0f} ms "
        "(target: under 500 ms)"
    )
    summary = {
        "diagnose_ms": statistics.median(medians),
        "floor_ms": statistics.median(floors),
        "ratio": ratio,
        "rules_alone_ratio": rules_ratio,
        "own_session_ratio": own_ratio,
        "written_floor_ratio": written_ratio,
        "command_ms": command,
        "stages_ms": dict(zip(STAGES, parts, strict=True)),
    }
    Path(tempfile.gettempdir(), "parcel-doctor-bench.json").write_text(json.dumps(summary))


if __name__ == "__main__":
    main()
