"""Does the C-core session runner give exactly what a session of each shipment's own gives?

Runs every golden scenario, every case, every real case and N random answer sets
(default 5,000) through `diagnose()` (one engine whose sessions serve several shipments
in turn) and through a reference that gives each shipment a session of its own: the
same rules driven by durable_rules' Host (`--against host`, tests/reference_engine.py,
the way parcel-doctor ran them before) or the engine with `share=False` (`--against
own`). It compares the two diagnoses' JSON (situations, advice with texts and dates,
full trace, missing answers) byte for byte, `diagnose()`'s in each of the orders of
`reference_engine.adversarial_orders` (meant to make shipments sharing a session
meet), the reference's once. Prints the count compared and every difference; exits 1
on any.

    .venv/bin/python benchmarks/compare.py [--random N] [--seed S] [--against host|own]
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
from parcel_doctor.inference.session import Engine  # noqa: E402
from parcel_doctor.knowledge.loader import load  # noqa: E402
from parcel_doctor.teaching import scenarios  # noqa: E402
from reference_engine import (  # noqa: E402
    HostEngine,
    adversarial_orders,
    diagnose_with,
    random_cases,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--random", type=int, default=5000, help="random answer sets")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--against", choices=("host", "own"), default="host")
    args = parser.parse_args()
    kb = load()
    reference = HostEngine(kb) if args.against == "host" else Engine(kb, share=False)
    today = dt.date(2026, 11, 25)
    runs = [
        (s.id, s.answers, s.today)
        for folder in ("tests/scenarios", "cases", "cases/real")
        for s in scenarios.load_folder(ROOT / folder)
    ]
    runs += [
        (f"random-{n}", answers, today)
        for n, answers in enumerate(random_cases(kb, args.random, args.seed, today))
    ]
    expected = [json.dumps(diagnose_with(kb, reference, a, day).to_json()) for _, a, day in runs]
    differ = compared = 0
    orders = adversarial_orders([answers for _, answers, _ in runs])
    for order_name, order in orders:
        for n in order:
            name, answers, day = runs[n]
            new = json.dumps(diagnose(kb, answers, day).to_json())
            compared += 1
            if new != expected[n]:
                differ += 1
                print(f"{name} ({order_name}): differs\n  reference: {expected[n]}\n  core: {new}")
    print(
        f"compared {compared} diagnoses ({len(runs)} answer sets, {args.random} random, "
        f"in {len(orders)} orders) against {args.against}: {differ} differ"
    )
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
