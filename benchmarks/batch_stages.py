"""Where a batch row's CPU time goes, stage by stage, on benchmarks/batch.py's export.

One process runs `run_batch` (`--jobs 1`, CSV out) on the realistic export of
`batch.py` (`Shop`, seed 17) `--rounds` times after a warm-up run, and times each stage
inside the whole run (CPU time of every call, summed, per row): the row's cells read
and checked (`batch.cells.row_input`, dates included), the answers checked again
(`normalise_answers`), the tracking number read, the initial facts, the rules
(`Memo.infer`: the memo's look-up and `Engine.infer`), the advice texts (`assemble`),
the batch's words and links (`outcome_of`) and the CSV row written. "all but the rules"
is the whole run's time less the rules'; "the rest" is what no stage covers (reading
the CSV, pairing rows with results, the summary, the timers themselves: each timed
call costs ~0.2 us more). Medians of the rounds; the load average before and after.

    .venv/bin/python benchmarks/batch_stages.py --rows 3000 --rounds 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from batch import generate, run_in_process
from machine import load

ROOT = Path(__file__).resolve().parent.parent

STAGES = [
    ("cells read and checked", "row_input"),
    ("answers checked again", "normalise"),
    ("tracking number read", "number"),
    ("initial facts", "initial"),
    ("rules (memo look-up and Engine.infer)", "rules"),
    ("advice texts, links, situations (assemble)", "assemble"),
    ("words and links columns (outcome_of)", "outcome"),
    ("row written (CSV)", "write"),
]


def timed(owner: Any, name: str, label: str, spent: Counter[str]) -> None:
    """Replace `owner.name` by the same function adding its CPU time to `spent[label]`."""
    real: Callable[..., Any] = getattr(owner, name)

    def timing(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return real(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - start

    setattr(owner, name, timing)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=3000, help="rows of the export")
    parser.add_argument("--rounds", type=int, default=5, help="timed runs (median)")
    options = parser.parse_args()

    import parcel_doctor
    from parcel_doctor.batch import outcome, pipeline, writing
    from parcel_doctor.diagnosis import diagnose
    from parcel_doctor.knowledge.loader import load as load_kb

    print(f"start: {load()}; parcel_doctor from {Path(parcel_doctor.__file__).parent}")
    kb = load_kb(ROOT / "facts", ROOT / "rules")
    spent: Counter[str] = Counter()
    timed(pipeline, "row_input", "row_input", spent)
    timed(diagnose, "normalise_answers", "normalise", spent)
    timed(diagnose, "analyse_number", "number", spent)
    timed(diagnose, "_initial_facts", "initial", spent)
    timed(outcome.Memo, "infer", "rules", spent)
    timed(diagnose, "assemble", "assemble", spent)
    timed(outcome, "outcome_of", "outcome", spent)
    timed(writing.CsvWriter, "write", "write", spent)
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "orders.csv"
        generate(export, options.rows)

        def run() -> tuple[int, float]:
            return run_in_process(kb, export, Path(folder) / "out.csv")

        run()  # warm-up: the knowledge base's indexes, the compiled formats
        rounds: list[dict[str, float]] = []
        for _ in range(options.rounds):
            spent.clear()
            rows, seconds = run()
            figures = {label: value / rows * 1e6 for label, value in spent.items()}
            figures["all"] = seconds / rows * 1e6
            figures["outside"] = figures["all"] - figures.get("rules", 0.0)
            figures["rest"] = figures["all"] - sum(spent.values()) / rows * 1e6
            rounds.append(figures)
    median = {k: statistics.median(r.get(k, 0.0) for r in rounds) for k in rounds[0]}
    print(f"{rows} rows, {options.rounds} rounds; CPU us a row (median)")
    for title, label in STAGES:
        print(f"  {title:<44} {median.get(label, 0.0):8.1f}")
    print(f"  {'the rest (reading, pairing, summary, timers)':<44} {median['rest']:8.1f}")
    print(f"  {'all but the rules':<44} {median['outside']:8.1f}")
    print(f"  {'the whole row':<44} {median['all']:8.1f}")
    print(f"end: {load()}")


if __name__ == "__main__":
    sys.exit(main())
