"""How long does the country-name look-up take to build? Prints figures; asserts nothing.

Each case runs in a fresh process (the indexes are built once per process, on first use):
- a two-letter code: no index is built;
- an English name or alias: the small index (countries.toml, ISO 3166-1, country_names.toml);
- a translated name: the small index, then every translation pycountry ships.

Run: .venv/bin/python benchmarks/country_names.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

PROBE = """
import json, sys, time
from parcel_doctor.knowledge.loader import load
kb = load()
start = time.perf_counter()
code = kb.find_country(sys.argv[1])
took = time.perf_counter() - start
names = kb._country_names
full = names is not None and "translated" in names.build_seconds
sizes = [len(names.primary), len(names.translated)] if full else []
print(json.dumps({"code": code, "seconds": took, "sizes": sizes}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    title = f"first look-up ms (median of {rounds})"
    print(f"{'name':<14} {'code':<5} {title:>32}  index sizes (names, translations)")
    for name in ("DE", "Germany", "Deutschland"):
        runs = [
            json.loads(
                subprocess.run(
                    [sys.executable, "-c", PROBE, name], check=True, capture_output=True, text=True
                ).stdout
            )
            for _ in range(rounds)
        ]
        ms = statistics.median(r["seconds"] for r in runs) * 1000
        print(f"{name:<14} {runs[0]['code']:<5} {ms:>32.1f}  {runs[0]['sizes'] or '-'}")


if __name__ == "__main__":
    main()
