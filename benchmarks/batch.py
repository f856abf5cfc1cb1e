"""Speed and memory of `parcel-doctor batch` on realistic order exports, beside two floors.

Generates N order rows the way a cross-border shop's export looks (see `Shop`): routes
weighted by market, posting ages in days, the last tracking stage drawn by age,
carriers written as sellers write them, services mixed, and a share of unknowns and
mistakes. Then, for each N, each measurement runs in a fresh child process, `--repeat`
times, and the median is reported:

- durable floor: for each row, a durable_rules session on the real ruleset created with
  the row's initial facts, then deleted, no rule run (benchmarks/floors.py);
- python floor: read the CSV, decide each row by a dict look-up (stage and age), write
  the CSV: what reading and writing the rows costs at the least;
- batch --jobs 1 (and without the batch's memo of identical answers), batch --jobs 2.

Reports rows per CPU-second (the process's and its workers' CPU time: what one core
does when it has nothing else to run, the figure that other work on a shared machine
disturbs least; the floors are timed that way too), each against both floors, wall-clock
rows/s, and the peak resident memory of the child (and of its largest worker,
ru_maxrss).

    .venv/bin/python benchmarks/batch.py                      # quick: 2,000 rows
    .venv/bin/python benchmarks/batch.py 20000 200000 --repeat 3 --big-once
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from machine import load

ROOT = Path(__file__).resolve().parent.parent

TODAY = dt.date(2026, 11, 25)
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
# Where the seller ships from: a shop in China mostly (the project's main audience),
# some sellers elsewhere. A modelling choice, not a measured figure.
ORIGINS = {"CN": 70, "HK": 8, "GB": 8, "US": 8, "DE": 6}
# Days since posting when the seller runs the export: most rows are recent, a tail of
# old ones still open. A modelling choice.
AGES = [((0, 3), 15), ((4, 10), 30), ((11, 25), 30), ((26, 60), 18), ((61, 150), 7)]
# The last tracking stage by age (stage ids of facts/stages.toml). A modelling choice:
# young parcels are early in the chain, old ones delivered, returning or stuck.
STAGES_BY_AGE = {
    (0, 3): {"label-created": 40, "accepted": 40, "export": 15, "none": 5},
    (4, 10): {"accepted": 10, "export": 35, "arrived-destination": 20, "customs": 15,
              "in-destination-network": 15, "none": 5},
    (11, 25): {"export": 15, "arrived-destination": 10, "customs": 12,
               "in-destination-network": 18, "out-for-delivery": 5, "delivered": 22,
               "awaiting-pickup": 5, "delivery-attempted": 5, "exception": 4, "missent": 2,
               "none": 2},
    (26, 60): {"delivered": 35, "export": 15, "customs": 10, "in-destination-network": 10,
               "returning": 10, "awaiting-pickup": 5, "exception": 5, "missent": 3, "none": 7},
    (61, 150): {"delivered": 30, "returning": 20, "export": 20, "customs": 10,
                "exception": 10, "none": 10},
}  # fmt: skip
MISSPELT = ["Germny", "Untied States", "Frnace", "Autralia", "Nederland", "Espana"]


class Shop:
    """A shop's orders drawn from the knowledge base itself: destinations weighted by the
    market ranking in facts/markets.toml (weight 1/rank), carriers that serve the origin
    (written as their id, name or an alias), services from the carrier or the S10 letter,
    numbers from each format's valid examples or a fresh S10 number."""

    def __init__(self, kb: Any, rnd: random.Random) -> None:
        self.rnd = rnd
        ranking = next(iter(kb.tables["rankings"].values()))["countries"]
        self.markets = [c for c in ranking if c in kb.countries]
        self.carriers: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for origin in ORIGINS:
            self.carriers[origin] = [
                (cid, c)
                for cid, c in kb.carriers.items()
                if c.get("kind") != "last-mile"
                and ("*" in c.get("countries", []) or origin in c.get("countries", []))
            ]
        self.examples: dict[str, list[str]] = {}
        for fmt in kb.tables["number_formats"].values():
            if fmt.get("carrier"):
                self.examples.setdefault(fmt["carrier"], []).extend(fmt.get("valid", []))
        self.letters: dict[str, list[str]] = {}
        for letter, entry in kb.s10_indicators.items():
            self.letters.setdefault(entry["service_class"], []).append(letter)
        self.services = sorted(kb.services)

    def order(self, n: int) -> dict[str, str]:
        rnd = self.rnd
        origin = rnd.choices(list(ORIGINS), list(ORIGINS.values()))[0]
        markets = [c for c in self.markets if c != origin]
        destination = rnd.choices(markets, [1 / (i + 1) for i in range(len(markets))])[0]
        cid, carrier = rnd.choice(self.carriers[origin])
        service = carrier.get("service_class") or rnd.choice(self.services)
        low, high = rnd.choices([span for span, _ in AGES], [w for _, w in AGES])[0]
        age = rnd.randint(low, high)
        stages = STAGES_BY_AGE[(low, high)]
        stage = rnd.choices(list(stages), list(stages.values()))[0]
        shipped = TODAY - dt.timedelta(days=age)
        cells = {
            "Order ID": f"#{100000 + n}",
            "Buyer Email": f"buyer{n}@example.com",
            "Tracking Number": self.number(cid, service, origin),
            "Ship Date": shipped.isoformat(),
            "Country": rnd.choice([destination, destination, self.name(destination)]),
            "Origin": origin if rnd.random() < 0.6 else "",
            "Carrier": rnd.choice([cid, carrier["name"], *carrier.get("aliases", [])[:2]]),
            "Service": service if rnd.random() < 0.5 else "",
            "Last Event": stage if stage != "none" or rnd.random() < 0.5 else "",
            "Last Update": "",
            "Notes": rnd.choice(["", "", "gift", "fragile", "=1+1", "-leave at door"]),
        }
        if stage not in ("none", ""):
            cells["Last Update"] = (shipped + dt.timedelta(days=rnd.randint(0, age))).isoformat()
        if stage == "delivered" and rnd.random() < 0.3:
            cells["Recipient Says"] = rnd.choice(["not-received", "received", "not-asked"])
        if stage in ("export", "customs") and rnd.random() < 0.3:
            cells["Destination Site"] = rnd.choice(["no-record", "shows-events", "not-checked"])
        self.unknowns(cells)
        return cells

    def number(self, cid: str, service: str, origin: str) -> str:
        rnd = self.rnd
        if cid in self.examples and rnd.random() < 0.8:
            return rnd.choice(self.examples[cid])
        letter = rnd.choice(self.letters.get(service) or ["R", "L", "C"])
        serial = f"{rnd.randrange(10**8):08d}"
        total = sum(int(d) * w for d, w in zip(serial, (8, 6, 4, 2, 3, 5, 9, 7), strict=True))
        check = 11 - total % 11
        check = 5 if check == 11 else 0 if check == 10 else check
        return f"{letter}{rnd.choice('ABCDEFGHJKLMNPQRSTUVWXYZ')}{serial}{check}{origin}"

    def name(self, code: str) -> str:
        return {"US": "United States", "GB": "United Kingdom", "DE": "Germany"}.get(code, code)

    def unknowns(self, cells: dict[str, str]) -> None:
        """About 8 % of rows carry something the batch cannot use or must fix."""
        rnd = self.rnd
        roll = rnd.random()
        if roll < 0.02:
            cells["Country"] = rnd.choice(MISSPELT)
        elif roll < 0.03:
            cells["Ship Date"] = "2026-13-45"
        elif roll < 0.04:
            cells["Ship Date"] = (TODAY + dt.timedelta(days=3)).isoformat()
        elif roll < 0.06:
            cells["Tracking Number"] = cells["Tracking Number"][:-3] + "XX"  # a typo
        elif roll < 0.08:
            cells["Carrier"] = "Some Local Courier"


def generate(path: Path, rows: int, seed: int = 17) -> None:
    from parcel_doctor.knowledge.loader import load

    shop = Shop(load(), random.Random(seed))
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for n in range(rows):
            cells = shop.order(n)
            writer.writerow([cells.get(h, "") for h in HEADER])


def run_in_process(kb: Any, export: Path, out: Path) -> tuple[int, float]:
    """`run_batch` with one job on `export`, written as CSV to `out`, in this process:
    the rows and the CPU seconds the run took (batch_stages.py, rules_cost.py)."""
    from parcel_doctor.batch import pipeline
    from parcel_doctor.batch.reading import open_source

    source = open_source(str(export))
    with out.open("w", newline="", encoding="utf-8") as handle:
        start = time.process_time()
        summary = pipeline.run_batch(kb, source, handle, TODAY, fmt="csv")
        seconds = time.process_time() - start
    source.close()
    return summary.rows, seconds


def child(path: str, jobs: int, mode: str) -> None:
    """Run one measurement in this (fresh) process and print it as JSON."""
    from parcel_doctor.knowledge.loader import load

    kb = load()
    if mode == "durable":
        rows, seconds = run_durable_floor(kb, path)
    elif mode == "python":
        rows, seconds = run_python_floor(path)
    else:
        from parcel_doctor.batch import pipeline
        from parcel_doctor.batch.reading import open_source

        if mode == "no-memo":
            pipeline.Memo = lambda kb: None  # type: ignore[assignment,misc]
        source = open_source(path)
        with open(Path(path).with_suffix(".out.csv"), "w", newline="", encoding="utf-8") as out:
            cpu, start = _cpu(), time.perf_counter()
            summary = pipeline.run_batch(kb, source, out, TODAY, fmt="csv", jobs=jobs)
            seconds, cpu = time.perf_counter() - start, _cpu() - cpu
        source.close()
        rows = summary.rows
        print(json.dumps({"rows": rows, "seconds": seconds, "cpu": cpu, **_peaks()}))
        return
    print(json.dumps({"rows": rows, "seconds": seconds, "cpu": seconds, **_peaks()}))


def _cpu() -> float:
    """CPU seconds used by this process and its finished children (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _peaks() -> dict[str, int]:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest worker
    return {"peak_kib": peak, "worker_kib": workers}


def sessions_of(kb: Any, path: str) -> Iterator[tuple[dict[str, Any], Any, list[dict]]]:
    """(answers, number analysis, initial facts) of each row of the export that reaches
    the rules (its answers read and checked as the batch does)."""
    from parcel_doctor.batch.cells import row_input
    from parcel_doctor.batch.columns import map_columns
    from parcel_doctor.batch.reading import open_source
    from parcel_doctor.diagnosis.answers import AnswerError, normalise_answers
    from parcel_doctor.diagnosis.diagnose import analyse_number, initial_facts

    source = open_source(path)
    plan = map_columns(kb, source.header, (), None)
    for row in source.rows:
        given = row_input(kb, plan, row, TODAY)
        if given.error is not None or not given.answers:
            continue
        try:
            answers = normalise_answers(kb, given.answers, TODAY)
        except AnswerError:
            continue
        number = None
        if "tracking_number" in answers:
            number = analyse_number(kb, answers["tracking_number"], answers.get("destination"))
        yield answers, number, initial_facts(kb, answers, number, TODAY)
    source.close()


def generated_rows(kb: Any, rows: int) -> list[list[dict]]:
    """The initial facts of each of `rows` generated rows that reaches the rules
    (chunked.py, key_groups.py)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.csv"
        generate(path, rows)
        return [facts for _, _, facts in sessions_of(kb, str(path))]


def run_durable_floor(kb: Any, path: str) -> tuple[int, float]:
    """For each row that has answers, a session on the real ruleset created with the
    row's initial facts and deleted, no rule run (answers checked beforehand, untimed)."""
    from floors import DurableFloor

    floor = DurableFloor(kb)
    encoded = [floor.encode(facts) for _, _, facts in sessions_of(kb, path)]
    start = time.process_time()
    for facts in encoded:
        floor.run(facts)
    return len(encoded), time.process_time() - start


def run_python_floor(path: str) -> tuple[int, float]:
    """Read the export, decide each row by one dict look-up (last stage and weeks since
    posting), write every cell and the decision: the least a batch must do."""
    table: dict[tuple[str, int], str] = {}
    for stages in STAGES_BY_AGE.values():
        for stage in stages:
            for weeks in range(0, 60):
                table[(stage, weeks)] = f"{stage}-after-{weeks}-weeks"
    out_path = Path(path).with_suffix(".floor.csv")
    start = time.process_time()
    rows = 0
    with (
        open(path, newline="", encoding="utf-8") as handle,
        out_path.open("w", newline="", encoding="utf-8") as out,
    ):
        reader = csv.reader(handle)
        writer = csv.writer(out)
        header = next(reader)
        writer.writerow([*header, "situation"])
        stage_at, date_at = header.index("Last Event"), header.index("Ship Date")
        for row in reader:
            rows += 1
            try:
                weeks = (TODAY - dt.date.fromisoformat(row[date_at])).days // 7
            except ValueError:
                weeks = -1
            writer.writerow([*row, table.get((row[stage_at] or "none", weeks), "unknown")])
    return rows, time.process_time() - start


def measure(path: Path, jobs: int, mode: str, repeat: int) -> dict[str, Any]:
    """The median rows/s of `repeat` runs, each in a fresh process; the largest peaks."""
    runs = []
    for _ in range(repeat):
        args = [sys.executable, __file__, "--child", str(path), "--jobs", str(jobs)]
        done = subprocess.run(
            [*args, "--mode", mode], capture_output=True, text=True, check=True, cwd=ROOT
        )
        runs.append(json.loads(done.stdout))
    return {
        "rows_per_s": statistics.median(r["rows"] / r["seconds"] for r in runs),
        "rows_per_cpu_s": statistics.median(r["rows"] / r["cpu"] for r in runs),
        "peak_mib": max(r["peak_kib"] for r in runs) / 1024,
        "worker_mib": max(r["worker_kib"] for r in runs) / 1024 if jobs > 1 else 0.0,
    }


RUNS = [
    ("durable floor", 1, "durable"),
    ("python floor", 1, "python"),
    ("batch --jobs 1", 1, "batch"),
    ("batch --jobs 1, no memo", 1, "no-memo"),
    ("batch --jobs 2", 2, "batch"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[2000], help="rows per run")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument(
        "--big-once", action="store_true", help="sizes after the first: one run, no floors"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="batch", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.child, options.jobs, options.mode)
        return
    print(f"start: {load()}")
    print(
        f"{'rows':>8}  {'run':<24}  {'rows/CPU-s':>10}  {'x durable':>9}  {'x python':>8}  "
        f"{'rows/s':>8}  {'peak MiB':>8}  {'worker MiB':>10}  {'load before':>11}"
    )
    figures: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for index, size in enumerate(options.sizes):
            path = Path(folder) / f"orders-{size}.csv"
            generate(path, size)
            big = options.big_once and index > 0
            results: dict[str, dict[str, Any]] = {}
            for label, jobs, mode in RUNS:
                if big and mode in ("durable", "python", "no-memo"):
                    continue
                before = os.getloadavg()[0]
                result = results[label] = measure(path, jobs, mode, 1 if big else options.repeat)
                result["load_before"] = before
                durable = results.get("durable floor", {}).get("rows_per_cpu_s")
                python = results.get("python floor", {}).get("rows_per_cpu_s")
                rate = result["rows_per_cpu_s"]
                print(
                    f"{size:>8}  {label:<24}  {rate:>10,.0f}  "
                    f"{(f'{rate / durable:.2f}' if durable else '-'):>9}  "
                    f"{(f'{rate / python:.3f}' if python else '-'):>8}  "
                    f"{result['rows_per_s']:>8,.0f}  "
                    f"{result['peak_mib']:>8.1f}  {result['worker_mib']:>10.1f}  {before:>11.2f}",
                    flush=True,
                )
            figures[str(size)] = results
    print(f"end: {load()}")
    if options.json:
        options.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
