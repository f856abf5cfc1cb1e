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


Timing = tuple[float, float]  # (wall-clock seconds, CPU seconds of the process)


def _run(*args: str, env: dict[str, str]) -> Timing:
    before = os.times()
    start = time.perf_counter()
    subprocess.run([COMMAND, *args], env=env, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def _cpu_of(pid: int) -> float:
    """User + system CPU seconds a running process has used (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _first_question(env: dict[str, str]) -> Timing:
    start = time.perf_counter()
    child = pexpect.spawn(
        COMMAND, ["diagnose", "--today", "2026-11-25"], env=env, encoding="utf-8", timeout=10
    )
    child.expect(FIRST_QUESTION)
    wall = time.perf_counter() - start
    cpu = _cpu_of(child.pid)
    child.terminate(force=True)
    return wall, cpu


def _median(measure: Callable[[], Timing], rounds: int) -> Timing:
    runs = [measure() for _ in range(rounds)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    rounds = parser.parse_args().rounds
    cache = tempfile.mkdtemp(prefix="pd-cache-")
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "80", "PARCEL_DOCTOR_CACHE": cache}
    try:
        rows = _measure(env, rounds)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    load = os.getloadavg()[0]
    print(f"median of {rounds} launches, {os.cpu_count()} cores, load average {load:.1f}")
    print(f"  {'':<45} {'wall':>7}  {'CPU':>7}")
    for name, (wall, cpu), target in rows:
        goal = f"target {target:.1f} s" if target else ""
        print(f"  {name:<45} {wall * 1000:4.0f} ms  {cpu * 1000:4.0f} ms  {goal}")


def _measure(env: dict[str, str], rounds: int) -> list[tuple[str, Timing, float | None]]:
    cold = _run("diagnose", "--answers", str(ANSWERS), "--today", "2026-11-25", env=env)
    _run("--help", env=env)  # the help texts of the lazy commands are cached too
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
    return rows


if __name__ == "__main__":
    main()
