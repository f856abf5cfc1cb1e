"""Worker processes start as copies of the parent where the system can fork."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os

import pytest
from parcel_doctor.batch import workers
from parcel_doctor.batch.outcome import RowOutcome
from parcel_doctor.inference.session import engine_for

TODAY = dt.date(2026, 11, 25)


def engine_seen(block: list) -> list:
    """Which process ran the block, and the id of the engine it found compiled."""
    engine = engine_for(workers._WORKER["kb"])
    return [RowOutcome(error=f"{os.getpid()} {id(engine)}") for _ in block]


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="no fork on this system"
)
def test_forked_workers_start_with_the_parents_compiled_rules(kb):
    items = iter([(n, {"destination": "DE"}) for n in range(3 * workers.CHUNK)])
    seen = {o.error for _, o in workers.in_workers(items, 2, None, None, TODAY, engine_seen)}
    pids = {s.split()[0] for s in seen if s}
    assert pids and str(os.getpid()) not in pids  # the blocks ran in the workers
    assert {s.split()[1] for s in seen if s} == {str(id(engine_for(kb)))}  # compiled here
