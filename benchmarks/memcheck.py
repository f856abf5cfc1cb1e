"""Diagnoses to run under valgrind's memcheck, to check the C core is used safely.

Runs every golden scenario and case twice (shared sessions, crossing their boundaries),
`--random` random answer sets, and a forked two-job batch of a realistic export
(benchmarks/batch.py's `Shop`), then closes the engine's open session:

    PYTHONMALLOC=malloc valgrind --leak-check=full --errors-for-leak-kinds=definite \\
        --trace-children=yes .venv/bin/python benchmarks/memcheck.py

Look for "definitely lost", "Invalid read/write" and any error context with a
`durable_rules_engine` frame (the interpreter's own contexts are not ours).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--random", type=int, default=200, help="random answer sets")
    parser.add_argument("--rows", type=int, default=200, help="rows of the two-job batch")
    options = parser.parse_args()

    from batch import TODAY, generate
    from parcel_doctor.batch.pipeline import run_batch
    from parcel_doctor.batch.reading import open_source
    from parcel_doctor.diagnosis.diagnose import diagnose
    from parcel_doctor.inference.session import engine_for
    from parcel_doctor.knowledge.loader import load
    from parcel_doctor.teaching import scenarios
    from reference_engine import random_cases

    kb = load()
    gold = [s for f in ("tests/scenarios", "cases") for s in scenarios.load_folder(ROOT / f)]
    count = 0
    for scenario in gold * 2:
        diagnose(kb, scenario.answers, scenario.today)
        count += 1
    today = dt.date(2026, 11, 25)
    for answers in random_cases(kb, options.random, seed=5, today=today):
        diagnose(kb, answers, today)
        count += 1
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export.csv"
        generate(export, options.rows)
        source = open_source(str(export))
        summary = run_batch(kb, source, io.StringIO(), TODAY, jobs=2)
        source.close()
    engine_for(kb).close()  # the open shared session
    print(f"{count} diagnoses, batch of {summary.rows} rows in two forked workers")


if __name__ == "__main__":
    main()
