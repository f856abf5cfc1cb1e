"""Diagnosing rows in worker processes, in input order, surviving a worker's death.

The parent sends blocks of `CHUNK` rows' answers, at most `IN_FLIGHT` blocks per worker
at a time (reading ahead would make memory grow with the export). A worker that dies
(killed, out of memory, a crash in the rule engine) breaks the pool: a fresh pool is
started and the blocks that were in flight are sent again, once, one at a time; a
block whose worker dies a second time comes back as error rows naming the cause.
Nothing hangs.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parcel_doctor.batch.outcome import Memo, RowOutcome, diagnose_row
from parcel_doctor.inference.session import engine_for
from parcel_doctor.knowledge.loader import load

CHUNK = 64  # rows per task sent to a worker process
IN_FLIGHT = 4  # tasks per worker queued at once: bounds memory, keeps workers busy

Answers = dict[str, Any] | None  # None: a row with nothing to diagnose
Work = Callable[[list[Answers]], list[RowOutcome | None]]

_WORKER: dict[str, Any] = {}


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _context() -> multiprocessing.context.BaseContext:
    """Fork where the system has it: a worker starts as a copy of the parent, with its
    knowledge base loaded and its rules compiled (a spawned worker imports, loads and
    compiles them again, about a third of a second of CPU each). The rule engine runs
    no thread (durable_rules' C core is driven directly, `inference.durable_core`, and
    keeps its state in the process's memory, which the copy has whole; the pool forks
    its workers before it starts its own thread). Elsewhere: spawn."""
    forks = "fork" in multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if forks else "spawn")


def _init_worker(facts: Path | None, rules: Path | None, today: dt.date) -> None:
    """Each worker process loads the knowledge base and compiles the rules once (a
    forked worker finds both done by the parent: `load` and `engine_for` keep them)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    kb = load(facts, rules)
    _WORKER.update(kb=kb, today=today, memo=Memo(kb))


def diagnose_block(block: list[Answers]) -> list[RowOutcome | None]:
    """A worker's task: the outcomes of a block of rows' answers."""
    kb, today, memo = _WORKER["kb"], _WORKER["today"], _WORKER["memo"]
    return [None if a is None else diagnose_row(kb, a, today, memo) for a in block]


@dataclass
class _Block:
    tags: list[Any]  # what the caller gets back with each outcome
    answers: list[Answers]
    future: Future[list[RowOutcome | None]] | None = None
    cause: str = ""


def _succeeded(future: Future[list[RowOutcome | None]]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def in_workers(
    items: Iterator[tuple[Any, Answers]],
    jobs: int,
    facts: Path | None,
    rules: Path | None,
    today: dt.date,
    work: Work = diagnose_block,
) -> Iterator[tuple[Any, RowOutcome | None]]:
    """(tag, outcome) for each (tag, answers), in order, diagnosed in `jobs` processes."""
    context = _context()
    if context.get_start_method() == "fork":
        engine_for(load(facts, rules))  # compiled once, here: every worker starts with it

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(jobs, context, _init_worker, (facts, rules, today))

    pool = new_pool()
    pending: deque[_Block] = deque()

    seen: list[Any] = []  # the worker processes, kept to read how one died

    def submit(block: _Block) -> None:
        block.future = pool.submit(work, block.answers)
        seen.extend(p for p in getattr(pool, "_processes", {}).values() if p not in seen)

    def finish_first() -> Iterator[tuple[Any, RowOutcome | None]]:
        nonlocal pool
        block = pending[0]
        if block.future is None:  # its worker died twice
            pending.popleft()
            message = f"the worker diagnosing this row died twice ({block.cause}); not diagnosed"
            yield from ((tag, RowOutcome(error=message)) for tag in block.tags)
            return
        try:
            outcomes = block.future.result()
        except BrokenProcessPool:
            # Every block in flight went down with the pool. Each is sent again, alone,
            # to a fresh pool, so that a second death is that block's own.
            pool.shutdown(wait=False, cancel_futures=True)
            pool = new_pool()
            for again in pending:
                if again.future is not None and _succeeded(again.future):
                    continue
                submit(again)
                assert again.future is not None
                try:
                    again.future.result()
                except BrokenProcessPool:
                    again.cause = _death_cause(seen)
                    again.future = None
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = new_pool()
            return
        pending.popleft()
        yield from zip(block.tags, outcomes, strict=True)

    try:
        block = _Block([], [])
        for tag, answers in items:
            block.tags.append(tag)
            block.answers.append(answers)
            if len(block.tags) == CHUNK:
                submit(block)
                pending.append(block)
                block = _Block([], [])
                while len(pending) >= jobs * IN_FLIGHT:
                    yield from finish_first()
        if block.tags:
            submit(block)
            pending.append(block)
        while pending:
            yield from finish_first()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _death_cause(processes: list[Any]) -> str:
    """How a worker died, from its exit code, as well as can be told (the pool ends its
    other workers with SIGTERM, so another cause is the one that broke it)."""
    codes = []
    for process in processes:
        process.join(timeout=2)
        if process.exitcode not in (None, 0):
            codes.append(process.exitcode)
    if not codes:
        return "the process ended without saying why"
    code = next((c for c in codes if c != -signal.SIGTERM), codes[0])
    if code < 0:
        try:
            return f"killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"
