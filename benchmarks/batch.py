"""Speed and memory of `parcel-doctor batch`, beside the bare durable_rules floor.

Generates N synthetic order rows from the golden scenarios (tests/scenarios/*.toml,
dates shifted to one "today", every situation represented) plus about 2 % bad rows
(misspelt country, impossible date, future date), then for each N runs the batch in a
fresh child process with --jobs 1 and --jobs 2 and reports rows/s and the peak
resident memory of the child and its workers (ru_maxrss). The floor asserts the same
number of facts per row into a one-rule raw durable_rules session, deleted after use.

    .venv/bin/python benchmarks/batch.py                  # quick: 2,000 rows
    .venv/bin/python benchmarks/batch.py 20000 200000     # the README's figures
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = dt.date(2025, 9, 15)  # the suspension scenario needs a "today" inside it
HEADER = [
    "Order ID", "Buyer Email", "Tracking Number", "Ship Date", "Country", "Origin",
    "Carrier", "Service", "Last Event", "Last Update", "Destination Site", "Recipient Says",
    "Notes",
]  # fmt: skip
KEYS = {
    "tracking_number": "Tracking Number",
    "shipped_on": "Ship Date",
    "destination": "Country",
    "origin": "Origin",
    "carrier": "Carrier",
    "service": "Service",
    "last_event": "Last Event",
    "last_event_on": "Last Update",
    "destination_site": "Destination Site",
    "recipient_says": "Recipient Says",
}


def templates() -> list[dict[str, Any]]:
    """The golden scenarios' answers, dates shifted so that each sees TODAY as its today."""
    from parcel_doctor.teaching.scenarios import load_folder

    out = []
    for scenario in load_folder(ROOT / "tests" / "scenarios"):
        shift = TODAY - scenario.today
        answers = {}
        for key, value in scenario.answers.items():
            if isinstance(value, dt.date):
                value = (value + shift).isoformat()
            answers[key] = value if isinstance(value, str) else str(value).lower()
        out.append(answers)
    return out


def s10(rnd: random.Random, prefix: str, country: str) -> str:
    """A valid UPU S10 number with a random serial."""
    serial = f"{rnd.randrange(10**8):08d}"
    total = sum(int(d) * w for d, w in zip(serial, (8, 6, 4, 2, 3, 5, 9, 7), strict=True))
    check = 11 - total % 11
    check = 5 if check == 11 else 0 if check == 10 else check
    return f"{prefix}{serial}{check}{country}"


def generate(path: Path, rows: int, seed: int = 6) -> None:
    rnd = random.Random(seed)
    base = templates()
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for n in range(rows):
            answers = dict(base[n % len(base)])
            number = answers.get("tracking_number", "")
            if len(number) == 13 and number[:2].isalpha() and n % 3:
                answers["tracking_number"] = s10(rnd, number[:2], number[-2:])
            bad = rnd.random()
            if bad < 0.01:
                answers["destination"] = "Germny"
            elif bad < 0.015:
                answers["shipped_on"] = "2025-13-45"
            elif bad < 0.02:
                answers["shipped_on"] = (TODAY + dt.timedelta(days=3)).isoformat()
            cells = {KEYS[k]: v for k, v in answers.items() if k in KEYS}
            cells |= {
                "Order ID": f"#{100000 + n}",
                "Buyer Email": f"buyer{n}@example.com",
                "Notes": rnd.choice(["", "gift", "fragile", "=1+1", "-leave at door"]),
            }
            writer.writerow([cells.get(h, "") for h in HEADER])


def child(path: str, jobs: int, floor: bool) -> None:
    """Run one measurement in this (fresh) process and print it as JSON."""
    from parcel_doctor.batch import pipeline as batch
    from parcel_doctor.batch.reading import open_source
    from parcel_doctor.knowledge.loader import load

    kb = load()
    if floor:
        rows, seconds = run_floor(kb, path)
    else:
        source = open_source(path)
        with open(Path(path).with_suffix(".out.csv"), "w", newline="", encoding="utf-8") as out:
            start = time.perf_counter()
            summary = batch.run_batch(kb, source, out, TODAY, fmt="csv", jobs=jobs)
            seconds = time.perf_counter() - start
        source.close()
        rows = summary.rows
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest worker
    print(json.dumps({"rows": rows, "seconds": seconds, "peak_kib": peak, "worker_kib": workers}))


def run_floor(kb: Any, path: str) -> tuple[int, float]:
    """The real-ruleset durable_rules floor: for each row, a session created with the
    row's initial facts and deleted, no rule run (see floors.py)."""
    from floors import DurableFloor
    from parcel_doctor.diagnosis.answers import AnswerError, normalise_answers
    from parcel_doctor.diagnosis.diagnose import analyse_number, initial_facts

    floor = DurableFloor(kb)
    encoded = []
    with open(path, newline="", encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            raw = {k: record[h] for k, h in KEYS.items() if record[h]}
            try:
                answers = normalise_answers(kb, raw, TODAY)
            except AnswerError:
                continue
            number = None
            if "tracking_number" in answers:
                number = analyse_number(kb, answers["tracking_number"], answers.get("destination"))
            encoded.append(floor.encode(initial_facts(kb, answers, number, TODAY)))
    start = time.perf_counter()
    for facts in encoded:
        floor.run(facts)
    return len(encoded), time.perf_counter() - start


def measure(path: Path, jobs: int, floor: bool = False) -> dict[str, Any]:
    args = [sys.executable, __file__, "--child", str(path), "--jobs", str(jobs)]
    done = subprocess.run(
        [*args, *(["--floor"] if floor else [])], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[2000], help="rows per run")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--floor", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.child, options.jobs, options.floor)
        return
    coverage(TODAY)
    print(
        f"{'rows':>8}  {'run':<16}  {'rows/s':>8}  {'seconds':>8}  {'peak MiB':>8}  "
        f"{'worker MiB':>10}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for size in options.sizes:
            path = Path(folder) / f"orders-{size}.csv"
            generate(path, size)
            results = {}
            for label, jobs, floor in [
                ("durable floor", 1, True),
                ("batch --jobs 1", 1, False),
                ("batch --jobs 2", 2, False),
            ]:
                result = results[label] = measure(path, jobs, floor)
                rate = result["rows"] / result["seconds"]
                print(
                    f"{size:>8}  {label:<16}  {rate:>8,.0f}  {result['seconds']:>8.1f}  "
                    f"{result['peak_kib'] / 1024:>8.1f}  "
                    f"{(result['worker_kib'] / 1024 if jobs > 1 else 0):>10.1f}",
                    flush=True,
                )
            one, two = results["batch --jobs 1"], results["batch --jobs 2"]
            print(f"{size:>8}  two jobs / one job: {one['seconds'] / two['seconds']:.2f}x")


def coverage(today: dt.date) -> None:
    """Check that the synthetic rows reach every situation; say which they miss."""
    from parcel_doctor.diagnosis.diagnose import diagnose
    from parcel_doctor.knowledge.loader import load

    kb = load()
    seen: set[str] = set()
    for answers in templates():
        seen.update(s.id for s in diagnose(kb, answers, today).situations)
    missing = sorted(set(kb.situations) - seen)
    print(
        f"situations covered: {len(seen)} of {len(kb.situations)}"
        + (f"; missing: {', '.join(missing)}" if missing else "")
    )


if __name__ == "__main__":
    main()
