"""The answer grid: every combination a seller can give, known or not, gets a useful
diagnosis. For every row: at least one situation and one step, no date before today,
no two situations that `facts/situations.toml` says exclude each other, and no step
that asks for an answer the seller already gave.

The grid is the full product of the service (every class and "not known"), the last
event (every stage and "not known"), the posting age, what the recipient says and the
destination; the other answer keys (origin inside and outside the UPU, every kind of
carrier, the tracking number, the last event's date, the destination's page, what the
recipient was sent, the address) rotate through all their values deterministically, so
every value of every key appears. `python tests/golden/test_grid.py` prints the figures.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterator
from typing import Any

from parcel_doctor.diagnosis.diagnose import Diagnosis, diagnose
from parcel_doctor.knowledge.loader import KnowledgeBase

TODAY = dt.date(2026, 11, 25)
AGES = (2, 9, 20, 40, 70, 100)
RECIPIENT = ("not-asked", "not-received", "received", "received-damaged")
DESTINATIONS = (None, "US", "TW")
# Rotating keys: every value appears, combined with every part of the product above.
MORE_DESTINATIONS = ("US", "GB", "DE", "BR", "AU", "KR")
ORIGINS = (None, "CN", "GB", "TW", "US", "XK")
CARRIERS = (None, "china-post", "yunexpress", "dhl-express", "cainiao", "dpd", "royal-mail")
NUMBERS = (None, "RR123456785CN", "LX123456785CN", "EA123456785CN", "UM123456785CN")
SITE = (None, "not-checked", "no-record", "shows-events", "same-as-origin")
EVENT_GAP = (None, 0, 3, "half", "recent")  # days from posting to the last event
YES_NO = (None, True, False)
NOTICES = (None, "none", "notice-card", "fee-to-pay", "customs-letter", "unknown")
# Answers that mean "not known yet": a step may still ask for these.
NOT_YET = {"not-asked", "not-checked", "unknown"}


def _last_event_on(shipped: dt.date, age: int, gap: Any) -> dt.date | None:
    if gap is None:
        return None
    days = {"half": age // 2, "recent": max(age - 1, 0)}.get(gap, gap)
    return shipped + dt.timedelta(days=min(int(days), age))


def grid(kb: KnowledgeBase) -> Iterator[dict[str, Any]]:
    services = (None, *kb.services, "unknown")
    events = (None, *kb.stages)
    product = itertools.product(services, events, AGES, RECIPIENT, DESTINATIONS)
    for n, (service, event, age, recipient, destination) in enumerate(product):
        shipped = TODAY - dt.timedelta(days=age)
        row: dict[str, Any] = {
            "service": service,
            "last_event": event,
            "shipped_on": shipped if n % 11 else None,
            "recipient_says": recipient if n % 9 else None,
            "destination": MORE_DESTINATIONS[n % 6] if destination == "US" else destination,
            "origin": ORIGINS[n % len(ORIGINS)],
            "carrier": CARRIERS[(n // 3) % len(CARRIERS)],
            "tracking_number": NUMBERS[(n // 5) % len(NUMBERS)],
            "destination_site": SITE[(n // 2) % len(SITE)],
            "last_event_on": _last_event_on(shipped, age, EVENT_GAP[(n // 7) % len(EVENT_GAP)])
            if event
            else None,
            "customs_notice": NOTICES[(n // 19) % len(NOTICES)],
            "address_complete": YES_NO[(n // 13) % 3],
            "phone_given": YES_NO[(n // 17) % 3],
        }
        yield {k: v for k, v in row.items() if v is not None}


def answered(answers: dict[str, Any], key: str) -> bool:
    return key in answers and answers[key] not in NOT_YET


def row_problems(kb: KnowledgeBase, answers: dict[str, Any], result: Diagnosis) -> list[str]:
    """What is wrong with one row's diagnosis, by kind (the prefix before ':')."""
    problems = []
    if not result.situations or not result.advice:
        problems.append("dead end: no situation or no step")
    for step in result.advice:
        if step.due is not None and step.due < result.today.isoformat():
            problems.append(f"past date: {step.id} due {step.due}")
        for key in kb.advice[step.id].get("asks", []):
            if answered(answers, key):
                problems.append(f"asks what was answered: {step.id} asks {key}")
    found = {s.id for s in result.situations}
    for sid in sorted(found):
        for other in kb.situations[sid].get("excludes", []):
            if other in found:
                problems.append(f"excluded pair: {sid} with {other}")
    return problems


def sweep(kb: KnowledgeBase) -> tuple[int, Counter[str], dict[str, tuple[dict[str, Any], str]]]:
    """Rows, problem counts by kind, and one example row per kind."""
    counts: Counter[str] = Counter()
    examples: dict[str, tuple[dict[str, Any], str]] = {}
    rows = 0
    for answers in grid(kb):
        rows += 1
        for problem in row_problems(kb, answers, diagnose(kb, answers, TODAY)):
            kind = problem.split(":")[0]
            counts[kind] += 1
            examples.setdefault(kind, (answers, problem))
    return rows, counts, examples


def test_every_value_of_every_key_appears(kb: KnowledgeBase):
    seen: dict[str, set[Any]] = {}
    for answers in grid(kb):
        for key, value in answers.items():
            seen.setdefault(key, set()).add(value)
    assert seen["last_event"] == set(kb.stages)
    assert seen["service"] == {*kb.services, "unknown"}
    assert seen["recipient_says"] == {"not-asked", "not-received", "received", "received-damaged"}
    assert seen["destination_site"] == {*SITE[1:]}
    kinds = {kb.carriers[c]["kind"] for c in seen["carrier"]}
    assert kinds == {"postal-operator", "express-courier", "consolidator", "last-mile"}
    statuses = {kb.countries[c]["upu_status"] for c in seen["origin"]}
    assert {"member", "non-member"} <= statuses
    assert {True, False} <= seen["address_complete"] and {True, False} <= seen["phone_given"]


def test_the_grid_has_no_dead_end_no_past_date_no_contradiction_no_repeated_question(
    kb: KnowledgeBase,
):
    rows, counts, examples = sweep(kb)
    assert rows > 9_000
    assert counts == Counter(), "\n".join(
        f"{kind}: {counts[kind]} rows, e.g. {problem} for {answers}"
        for kind, (answers, problem) in examples.items()
    )


if __name__ == "__main__":  # pragma: no cover - figures for the README and the notes
    from pathlib import Path

    from parcel_doctor.knowledge import loader

    root = Path(__file__).resolve().parents[2]
    rows, counts, examples = sweep(loader.load(root / "facts", root / "rules"))
    print(f"rows: {rows}")
    for kind, count in sorted(counts.items()):
        print(f"{kind}: {count} ({100 * count / rows:.1f} %)  e.g. {examples[kind]}")
