"""What the rules of a batch row cost inside durable_rules' C core, and around it.

Issue 17 item 3 asks for 2,000 rows per CPU-second (500 us a row). This script settles
how much of a row durable_rules 2.0.28 itself needs for this ruleset. On `batch.py`'s
realistic export it records, for every row that reaches the rules, each call
`Engine.infer` makes to the C core (the JSON it asserts and what each call returns),
then times, in interleaved rounds (CPU seconds, median per row):

- `initial + phase 1`: each row's initial facts and first phase fact asserted, keyed,
  32 rows to a session (as the engine shares one), no action run;
- `initial + phases`: the same with every layer's phase fact: what any run of this
  ruleset asks of durable_rules before a rule fires;
- `every assert`: every `assert_facts` call of the real run (initial facts, phase facts
  and the conclusions sent), no action run;
- `C calls replayed`: the real run's C calls exactly (asserts, each activation started
  and completed, sessions deleted), no Python between them: durable_rules' whole cost
  of the real run, with its data warm in the processor's caches;
- `Python only`: `Engine.infer` with every C call answered from the recording (the
  activations decoded, conclusions built, firings recorded, facts encoded): the Python
  around the C core;
- `Engine.infer`: the real thing;
- `whole batch row`: `run_batch` with one job on the same export, per row of it;
- `floor`: a session per row on the plain ruleset created with the row's initial facts
  and deleted (`floors.DurableFloor`, `batch.py`'s durable floor).

    .venv/bin/python benchmarks/rules_cost.py [ROWS] [--rounds 7]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import durable_rules_engine as core
from batch import TODAY, generate, run_in_process, sessions_of
from floors import DurableFloor
from machine import load as load_average
from parcel_doctor.inference import durable_core
from parcel_doctor.inference.durable_core import encode_facts
from parcel_doctor.inference.session import SHIPMENTS_PER_SESSION, Engine, engine_for
from parcel_doctor.knowledge.loader import load

Call = tuple[str, Any]  # ("assert", json) / ("start", None) / ("complete", None) / ("delete", None)


class Recorder:
    """Stands in for the C core: passes every call on, keeps the call and its answer."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.answers: list[Any] = []

    def _kept(self, call: Call, answer: Any) -> Any:
        self.calls.append(call)
        self.answers.append(answer)
        return answer

    def assert_facts(self, handle: int, text: str) -> Any:
        return self._kept(("assert", text), core.assert_facts(handle, text))

    def start_action_for_state(self, handle: int, offset: int) -> Any:
        return self._kept(("start", None), core.start_action_for_state(handle, offset))

    def complete_and_start_action(self, handle: int, offset: int) -> Any:
        return self._kept(("complete", None), core.complete_and_start_action(handle, offset))

    def delete_state(self, handle: int, sid: Any) -> Any:
        return self._kept(("delete", None), core.delete_state(handle, sid))


class Tape:
    """Stands in for the C core: answers every call from a recording, in order."""

    def __init__(self, answers: list[Any]) -> None:
        self._next: Iterator[Any] = iter(answers)

    def assert_facts(self, handle: int, text: str) -> Any:
        return next(self._next)

    def start_action_for_state(self, handle: int, offset: int) -> Any:
        return next(self._next)

    def complete_and_start_action(self, handle: int, offset: int) -> Any:
        return next(self._next)

    def delete_state(self, handle: int, sid: Any) -> Any:
        return next(self._next)


def replay(handle: int, calls: list[Call]) -> float:
    """CPU seconds of these C calls made in order on the ruleset `handle`."""
    offset = 0
    start = time.process_time()
    for kind, text in calls:
        if kind == "assert":
            offset = core.assert_facts(handle, text)[1]
        elif kind == "start":
            core.start_action_for_state(handle, offset)
        elif kind == "complete":
            core.complete_and_start_action(handle, offset)
        else:
            core.delete_state(handle, None)
    return time.process_time() - start


def openings(engine: Engine, rows: list[list[dict[str, Any]]], layers: int) -> list[Call]:
    """Each row's initial facts with its first phase fact, then its next `layers - 1`
    phase facts, keyed as the engine keys them; a session deleted every 32 rows."""
    calls: list[Call] = []
    compiled = engine._compiled
    for n, facts in enumerate(rows):
        key = n % SHIPMENTS_PER_SESSION
        phases = compiled.phase_facts(facts)
        initial = [f for f in facts if f["kind"] in engine.matchable]
        calls.append(("assert", encode_facts(engine.keyed([*initial, phases[0]], key))))
        calls += [("assert", encode_facts(engine.keyed([p], key))) for p in phases[1:layers]]
        if key == SHIPMENTS_PER_SESSION - 1 or n == len(rows) - 1:
            calls.append(("delete", None))
    return calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rows", nargs="?", type=int, default=3000, help="rows of the export")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds (median)")
    options = parser.parse_args()
    print(f"start: {load_average()}")
    kb = load()
    engine = engine_for(kb)
    if not engine.shared:
        raise SystemExit("the keyed ruleset does not fit: nothing shared to measure")
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "orders.csv"
        generate(export, options.rows)
        rows = [facts for _, _, facts in sessions_of(kb, str(export))]

        recorder = Recorder()
        durable_core.core = recorder  # type: ignore[assignment]
        for facts in rows:
            engine.infer(facts, TODAY)
        engine.close()
        durable_core.core = core
        calls, answers = recorder.calls, recorder.answers
        handle = engine._ruleset.handle
        floor = DurableFloor(kb)
        encoded = [floor.encode(facts) for facts in rows]

        def infer(stand_in: Any) -> float:
            durable_core.core = stand_in
            start = time.process_time()
            for facts in rows:
                engine.infer(facts, TODAY)
            engine.close()
            seconds = time.process_time() - start
            durable_core.core = core
            return seconds

        def floor_run() -> float:
            start = time.process_time()
            for text in encoded:
                floor.run(text)
            return time.process_time() - start

        def batch_run() -> float:
            export_rows, seconds = run_in_process(kb, export, Path(folder) / "out.csv")
            engine.close()
            return seconds / export_rows * len(rows)  # per row of the export

        asserts = [c for c in calls if c[0] in ("assert", "delete")]
        runs: dict[str, Callable[[], float]] = {
            "initial + phase 1 (C, no action)": lambda: replay(handle, openings(engine, rows, 1)),
            f"initial + phases (C, {engine.layers} layers)": lambda: replay(
                handle, openings(engine, rows, engine.layers)
            ),
            "every assert of the run (C, no action)": lambda: replay(handle, asserts),
            "C calls replayed (asserts, actions, deletes)": lambda: replay(handle, calls),
            "Python only (C answered from the recording)": lambda: infer(Tape(answers)),
            "Engine.infer": lambda: infer(core),
            "whole batch row (run_batch, --jobs 1)": batch_run,
            "floor: a session per row, initial facts": floor_run,
        }
        names = list(runs)
        for run in runs.values():  # warm-up
            run()
        spent: dict[str, list[float]] = {name: [] for name in names}
        for round_ in range(options.rounds):
            shift = round_ % len(names)
            for name in names[shift:] + names[:shift]:
                spent[name].append(runs[name]() / len(rows) * 1e6)
    n = len(calls)
    print(
        f"{len(rows)} of {options.rows} rows reach the rules; C calls a row: "
        f"{sum(c[0] == 'assert' for c in calls) / len(rows):.1f} asserts, "
        f"{sum(c[0] != 'assert' for c in calls) / len(rows):.1f} others ({n} in all)"
    )
    print(f"CPU us a row reaching the rules, median of {options.rounds} interleaved rounds:")
    for name in names:
        figures = spent[name]
        print(
            f"  {name:<48} {statistics.median(figures):7.1f}"
            f"   (min {min(figures):.1f}, max {max(figures):.1f})"
        )
    print(f"end: {load_average()}")


if __name__ == "__main__":
    main()
