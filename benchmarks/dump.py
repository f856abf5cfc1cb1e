"""Dump every diagnosis and a realistic batch's output, to compare two versions byte for byte.

Writes, into the folder given:

- `diagnoses.jsonl`: `diagnose()`'s whole JSON (trace included) for every golden scenario
  (tests/scenarios), case (cases/), real case (cases/real) and `--random` random answer
  sets (tests/reference_engine.random_cases, seed 11);
- `batch-jobsN.csv`: `batch`'s output of a realistic export (benchmarks/batch.py's
  `Shop`, `--rows` rows, seed 17) with one job and with two.

Run it from the root of each version with that version's code first on the path, e.g.
for main before a change, from a `git archive` of it:

    git archive main | tar -x -C /tmp/before
    cd /tmp/before && PYTHONPATH=engine:benchmarks /work/.../.venv/bin/python \\
        benchmarks/dump.py /tmp/dump-before
    cd - && .venv/bin/python benchmarks/dump.py /tmp/dump-after
    diff -r /tmp/dump-before /tmp/dump-after && echo identical

(the script prints which `parcel_doctor` it imported: check it is the version meant).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path.cwd()
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="where to write the dumps")
    parser.add_argument("--random", type=int, default=3000, help="random answer sets")
    parser.add_argument("--rows", type=int, default=3000, help="rows of the batch export")
    options = parser.parse_args()

    import parcel_doctor
    from batch import TODAY, generate
    from parcel_doctor.batch.pipeline import run_batch
    from parcel_doctor.batch.reading import open_source
    from parcel_doctor.diagnosis.diagnose import diagnose
    from parcel_doctor.knowledge.loader import load
    from parcel_doctor.teaching import scenarios
    from reference_engine import random_cases

    print("parcel_doctor from", Path(parcel_doctor.__file__).parent)
    folder: Path = options.folder
    folder.mkdir(parents=True, exist_ok=True)
    kb = load(ROOT / "facts", ROOT / "rules")
    count = 0
    with (folder / "diagnoses.jsonl").open("w", encoding="utf-8") as out:
        for name in ("tests/scenarios", "cases", "cases/real"):
            for scenario in scenarios.load_folder(ROOT / name):
                found = diagnose(kb, scenario.answers, scenario.today)
                out.write(json.dumps([scenario.id, found.to_json()]) + "\n")
                count += 1
        today = dt.date(2026, 11, 25)
        for answers in random_cases(kb, options.random, seed=11, today=today):
            out.write(json.dumps(diagnose(kb, answers, today).to_json()) + "\n")
            count += 1
    export = folder / "export.csv"
    generate(export, options.rows)
    for jobs in (1, 2):
        source = open_source(str(export))
        with (folder / f"batch-jobs{jobs}.csv").open("w", newline="", encoding="utf-8") as out:
            summary = run_batch(
                kb, source, out, TODAY, jobs=jobs, facts=ROOT / "facts", rules=ROOT / "rules"
            )
        source.close()
        print(f"batch --jobs {jobs}: {summary.rows} rows")
    print(f"{count} diagnoses")


if __name__ == "__main__":
    main()
