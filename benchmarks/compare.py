"""Does the C-core session runner give exactly what durable_rules' own Host gives?

Runs every golden scenario, every case and N random answer sets (default 5,000)
through `diagnose()` and through the same rules driven by durable_rules' Host
(tests/reference_engine.py, the way parcel-doctor ran them before), and compares the
two diagnoses' JSON (situations, advice with texts and dates, full trace, missing
answers) byte for byte. Prints the count compared and every difference; exits 1 on any.

    .venv/bin/python benchmarks/compare.py [--random N] [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from parcel_doctor.diagnosis.diagnose import diagnose  # noqa: E402
from parcel_doctor.knowledge.loader import load  # noqa: E402
from parcel_doctor.teaching import scenarios  # noqa: E402
from reference_engine import HostEngine, diagnose_with, random_cases  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--random", type=int, default=5000, help="random answer sets")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    kb = load()
    reference = HostEngine(kb)
    today = dt.date(2026, 11, 25)
    runs = [
        (s.id, s.answers, s.today)
        for folder in ("tests/scenarios", "cases")
        for s in scenarios.load_folder(ROOT / folder)
    ]
    runs += [
        (f"random-{n}", answers, today)
        for n, answers in enumerate(random_cases(kb, args.random, args.seed, today))
    ]
    differ = 0
    for name, answers, day in runs:
        new = json.dumps(diagnose(kb, answers, day).to_json())
        old = json.dumps(diagnose_with(kb, reference, answers, day).to_json())
        if new != old:
            differ += 1
            print(f"{name}: differs\n  host: {old}\n  core: {new}")
    print(f"compared {len(runs)} diagnoses ({args.random} random): {differ} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
