"""Many shipments diagnosed together in one durable_rules session: measured, not used.

Issue 17 item 3 asks whether diagnosing a chunk of N rows in one session (every fact
carrying its shipment's key, every rule joining on it) is cheaper per row than the
engine's way (one session serving 32 shipments in turn, `inference/session.py`). This
script runs the prototype on a realistic export (`batch.py`'s rows):

- the engine's keyed ruleset as it is (`compiler.keyed`: every pattern joins on the
  key of the phase fact that opened its rule, so phases are per shipment);
- per layer, ONE `assert_facts` call with every shipment's waiting facts and phase
  fact; each activation routed to its shipment by the key of the phase fact it
  matched, and handled as `Engine.infer` handles it (`session.ShipmentRun`: the firing
  recorded, its conclusions asserted at once, keyed);
- the session deleted after the chunk.

It first checks that every row's firings (rule, matched facts without the key,
concluded facts), conclusions and derived facts equal `Engine.infer`'s for each chunk
size, then times the engine and each chunk size in interleaved rounds (CPU seconds,
median per row), and the resident memory a chunk's session adds.

    .venv/bin/python benchmarks/chunked.py [ROWS] [--sizes 1,4,16,32,64,256] [--rounds 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import time
from typing import Any

from batch import TODAY, generated_rows
from machine import load as load_average
from parcel_doctor.inference.compiler import PHASE_LABEL, SHIPMENT_KEY
from parcel_doctor.inference.session import Engine, RunResult, ShipmentRun
from parcel_doctor.knowledge.loader import load


def infer_chunk(
    engine: Engine, chunk: list[list[dict[str, Any]]], today: dt.date, rss: list[int]
) -> list[RunResult]:
    """Every shipment of `chunk` (its initial facts) diagnosed in one session."""
    runs = [ShipmentRun(engine, facts, key, today) for key, facts in enumerate(chunk)]
    session = engine._ruleset.session()
    try:
        for layer in range(engine.layers):
            session.assert_facts([fact for run in runs for fact in run.opening(layer)])
            for name, matched in session.activations():
                sent = runs[matched[PHASE_LABEL][SHIPMENT_KEY]].fire(name, matched)
                if sent:
                    session.assert_facts(sent)
        rss.append(_rss_kib())
    finally:
        session.close()
    return [run.result for run in runs]


def _rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _comparable(result: RunResult) -> tuple[Any, ...]:
    firings = [
        (
            f.rule.id,
            {
                label: {k: v for k, v in fact.items() if k != SHIPMENT_KEY}
                for label, fact in f.matched.items()
            },
            f.concluded,
        )
        for f in result.firings
    ]
    return firings, [(fact, rule.id) for fact, rule in result.conclusions], result.facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int, default=2000, help="rows generated")
    parser.add_argument("--sizes", default="1,4,16,32,64,256", help="shipments per session")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved timing rounds")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"load before: {load_average()}")
    kb = load()
    rows = generated_rows(kb, args.rows)
    engine = Engine(kb)
    if not engine.shared:
        raise SystemExit("the keyed ruleset does not fit durable_rules' limits here")
    expected = [_comparable(engine.infer(facts, TODAY)) for facts in rows]
    engine.close()
    for size in sizes:
        got: list[RunResult] = []
        for start in range(0, len(rows), size):
            got += infer_chunk(engine, rows[start : start + size], TODAY, [])
        same = sum(_comparable(g) == e for g, e in zip(got, expected, strict=True))
        print(f"{size:>5} a session: {same} of {len(rows)} rows fire exactly as Engine.infer")
    cpu: dict[int, list[float]] = {size: [] for size in [0, *sizes]}
    rss: dict[int, list[int]] = {size: [] for size in sizes}
    for _ in range(args.rounds):
        for size in cpu:
            start_cpu = time.process_time()
            if size == 0:
                for facts in rows:
                    engine.infer(facts, TODAY)
                engine.close()
            else:
                before = _rss_kib()
                peaks: list[int] = []
                for start in range(0, len(rows), size):
                    infer_chunk(engine, rows[start : start + size], TODAY, peaks)
                rss[size].append(max(peaks) - before)
            cpu[size].append((time.process_time() - start_cpu) / len(rows) * 1e6)
    print(f"{len(rows)} rows reach the rules; {args.rounds} interleaved rounds; pid {os.getpid()}")
    print(
        "| shipments per session | CPU us a row (median) | rounds | RSS a session adds, KiB (max) |"
    )
    print("|---|---:|---|---:|")
    for size, times in cpu.items():
        label = "engine: 32 in turn" if size == 0 else f"{size} together"
        rounds = ", ".join(f"{t:.0f}" for t in times)
        added = "" if size == 0 else str(max(rss[size]))
        print(f"| {label} | {statistics.median(times):.1f} | {rounds} | {added} |")
    print(f"load after: {load_average()}")


if __name__ == "__main__":
    main()
