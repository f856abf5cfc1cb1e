"""Start-up time: how long a seller waits for `--help` and for the interview's first question.

Each measure is the median of `--rounds` fresh launches (default 10) of the installed
`parcel-doctor` command: `--help` to its exit, `track` and `diagnose --answers` to their
exit, and `diagnose` in a real pseudo-terminal (pexpect) until the first question is on
the screen. The knowledge-base cache is warmed by one launch first (a cold cache is
measured once, separately, with a throw-away cache folder). Targets from issue 15:
first question within 0.3 s, `--help` within 0.2 s.

    python benchmarks/startup.py [--rounds 10]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pexpect

ROOT = Path(__file__).resolve().parent.parent
COMMAND = str(Path(sys.executable).with_name("parcel-doctor"))
ANSWERS = ROOT / "examples" / "stuck-after-export.toml"
FIRST_QUESTION = "What is the tracking number"


def _run(*args: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([COMMAND, *args], env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def _first_question(env: dict[str, str]) -> float:
    start = time.perf_counter()
    child = pexpect.spawn(
        COMMAND, ["diagnose", "--today", "2026-11-25"], env=env, encoding="utf-8", timeout=10
    )
    child.expect(FIRST_QUESTION)
    elapsed = time.perf_counter() - start
    child.terminate(force=True)
    return elapsed


def _median(measure: Callable[[], float], rounds: int) -> float:
    return statistics.median(measure() for _ in range(rounds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    rounds = parser.parse_args().rounds
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "80"}
    cold_dir = tempfile.mkdtemp(prefix="pd-cache-")
    try:
        cold = _run(
            "diagnose", "--answers", str(ANSWERS), "--today", "2026-11-25",
            env={**env, "XDG_CACHE_HOME": cold_dir},
        )  # fmt: skip
    finally:
        shutil.rmtree(cold_dir, ignore_errors=True)
    _run("track", "RR123456785CN", env=env)  # warm the cache
    rows = [
        ("parcel-doctor --help", _median(lambda: _run("--help", env=env), rounds), 0.2),
        (
            "diagnose: first question on a terminal",
            _median(lambda: _first_question(env), rounds),
            0.3,
        ),
        (
            "track RR123456785CN",
            _median(lambda: _run("track", "RR123456785CN", env=env), rounds),
            None,
        ),
        (
            "diagnose --answers FILE (whole run)",
            _median(
                lambda: _run(
                    "diagnose", "--answers", str(ANSWERS), "--today", "2026-11-25", env=env
                ),
                rounds,
            ),
            0.5,
        ),
        ("diagnose --answers FILE, cold cache (once)", cold, None),
    ]
    print(f"median of {rounds} launches, {os.cpu_count()} cores")
    for name, seconds, target in rows:
        goal = f"target {target:.1f} s" if target else ""
        print(f"  {name:<45} {seconds * 1000:6.0f} ms  {goal}")


if __name__ == "__main__":
    main()
