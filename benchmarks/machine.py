"""How busy the machine is while a benchmark runs: the figures of a shared machine
mean little without it."""

from __future__ import annotations

import os


def load() -> str:
    """The load averages over 1, 5 and 15 minutes, and the cores this process may use."""
    one, five, fifteen = os.getloadavg()
    return (
        f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {len(os.sched_getaffinity(0))} cores"
    )
