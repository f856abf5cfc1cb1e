"""A worker task that dies on purpose, for the batch's worker-death tests.

Used in the forked worker processes (and imported by name where workers are spawned:
pytest puts tests/ on sys.path, and spawned workers inherit it). A row whose tracking
number is KILL1ALWAYS kills its worker every time; KILL1ONCE kills it the first time only
(a marker file, named by the environment variable BATCH_FAULT_MARKER, remembers it
across processes).
"""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

from parcel_doctor.batch.workers import diagnose_block


def dying_block(block: list[dict[str, Any] | None]) -> list[Any]:
    numbers = {answers.get("tracking_number") for answers in block if answers}
    if "KILL1ALWAYS" in numbers:
        os.kill(os.getpid(), signal.SIGKILL)
    if "KILL1ONCE" in numbers:
        marker = Path(os.environ["BATCH_FAULT_MARKER"])
        if not marker.exists():
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
    return diagnose_block(block)
