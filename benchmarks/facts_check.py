"""The time of `facts check`, and how much of it the search for excluded pairs takes.

Each round reads and checks the knowledge afresh, as `parcel-doctor facts check` does:
the floor is loading and checking the facts and rules (`knowledge.loader.check`) and
the engine-limit checks, everything `facts check` does before the search; then the
search for rules concluding situations that exclude each other
(`knowledge.exclusions.check_exclusions`, example shipments run through the rules
included). Times are CPU seconds of this process (`time.process_time`; the machine is
shared), medians of `--rounds` rounds (default 5). `--facts` and `--rules` measure a
variant (a scratch copy with rules of your own), as `facts check` takes them.

    .venv/bin/python benchmarks/facts_check.py [--rounds 5] [--facts DIR] [--rules DIR]
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import time
from pathlib import Path

from machine import load
from parcel_doctor.diagnosis.diagnose import concluded_situations, limit_values
from parcel_doctor.inference.limits import check_engine_limits
from parcel_doctor.knowledge import exclusions
from parcel_doctor.knowledge.loader import check, default_dirs


def one_round(facts: Path, rules: Path) -> tuple[float, float, int, int]:
    """(floor, search) CPU seconds, the pairs of rules judged and the problems and
    warnings the search printed."""
    start = time.process_time()
    kb, problems = check(facts, rules)
    problems = problems or check_engine_limits(kb)
    loaded = time.process_time()
    if problems:
        sys.exit(f"the knowledge has {len(problems)} problem(s): run facts check")
    errors, warnings = exclusions.check_exclusions(
        kb, limit_values(kb), functools.partial(concluded_situations, kb)
    )
    searched = time.process_time()
    pairs = sum(
        len(kb.graph.concluders("situation", a)) * len(kb.graph.concluders("situation", b))
        for a, b in exclusions.excluded_pairs(kb)
    )
    return loaded - start, searched - loaded, pairs, len(errors) + len(warnings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--facts", type=Path, default=None)
    parser.add_argument("--rules", type=Path, default=None)
    args = parser.parse_args()
    facts, rules = default_dirs(args.facts, args.rules)
    print(f"start: {load()}")
    print(f"{facts}, {rules}; budget {exclusions.BUDGET:,} steps per pair of rules")
    runs = [one_round(facts, rules) for _ in range(args.rounds)]
    floor = statistics.median(r[0] for r in runs)
    search = statistics.median(r[1] for r in runs)
    total = statistics.median(r[0] + r[1] for r in runs)
    _, _, pairs, reported = runs[-1]
    print(f"pairs of rules judged: {pairs}; problems and warnings printed: {reported}")
    print(f"medians of {args.rounds} rounds, CPU seconds:")
    print(f"  floor: load and check the knowledge  {floor:7.3f}")
    print(f"  search for excluded pairs            {search:7.3f}  ({search / floor:.2f} x floor)")
    print(f"  facts check without the CLI          {total:7.3f}  ({total / floor:.2f} x floor)")
    print(f"end: {load()}")


if __name__ == "__main__":
    main()
