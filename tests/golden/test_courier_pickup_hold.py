"""An express courier's parcel waiting for collection (at its access or service point, or
after a failed delivery) is kept for the courier's own period where its page gives one
(facts/carriers.toml pickup_hold_days, pickup_hold_ended_after_days), then goes back
(review19 R-R58). Before, a courier had no holding period at all, so a UPS parcel at an
access point 90 days earlier was still "collect it before the holding period ends", with
no "hold ended", no claim step and no decision. Now, within the period the recipient
collects it by the date; past its longest end the hold has ended: ask the courier what
became of it and settle with the buyer. Not for customs (the courier clears its parcels
itself), not for a courier with no period on record
(tests/golden/test_courier_no_postal_hold.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from parcel_doctor.knowledge import loader
from parcel_doctor.knowledge.loader import KnowledgeBase
from variants import diagnose_variant

TODAY = dt.date(2026, 11, 27)
COURIER = """
[[carrier]]
id = "test-courier"
name = "Test Courier"
kind = "express-courier"
countries = ["*"]
service_class = "express-courier"
pickup_hold_days = 7
pickup_hold_ended_after_days = 10
sources = ["a test record: a courier keeping parcels 7 to 10 days for collection"]
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The shipped facts plus a courier with a pickup period (invented for the test)."""
    facts = tmp_path_factory.mktemp("facts")
    for path in Path(loader.default_dirs(None, None)[0]).iterdir():
        (facts / path.name).write_bytes(path.read_bytes())
    carriers = facts / "carriers.toml"
    carriers.write_text(carriers.read_text(encoding="utf-8") + COURIER, encoding="utf-8")
    return loader.load(facts)


def _diagnosis(
    kb: KnowledgeBase, age: int, **changes: object
) -> tuple[set[str], dict[str, str | None]]:
    """GB -> US by the test courier, waiting for collection since `age` days, not received."""
    answers: dict[str, object] = {
        "origin": "GB",
        "destination": "US",
        "carrier": "test-courier",
        "shipped_on": TODAY - dt.timedelta(days=age + 5),
        "last_event": "awaiting-pickup",
        "last_event_on": TODAY - dt.timedelta(days=age),
        "recipient_says": "not-received",
    }
    result = diagnose_variant(kb, answers, changes, TODAY)
    return {s.id for s in result.situations}, {a.id: a.due for a in result.advice}


@pytest.mark.parametrize("stage", ["awaiting-pickup", "delivery-attempted"])
def test_within_the_couriers_period_collect_it_by_its_end(kb, stage):
    situations, advice = _diagnosis(kb, 3, last_event=stage)
    assert "hold-period-ended" not in situations, situations
    assert advice["recipient-collects-parcel"] == "2026-12-01"  # the event + 7 days


@pytest.mark.parametrize("age", [11, 45, 90])
@pytest.mark.parametrize("stage", ["awaiting-pickup", "delivery-attempted"])
def test_past_its_longest_end_the_hold_has_ended(kb, stage, age):
    situations, advice = _diagnosis(kb, age, last_event=stage)
    assert "hold-period-ended" in situations, (stage, age, situations)
    assert {"ask-about-ended-hold", "decide-reship-or-refund"} <= set(advice), advice
    assert "recipient-collects-parcel" not in advice


def test_on_its_last_day_not_yet_ended(kb):
    situations, _ = _diagnosis(kb, 10)
    assert "hold-period-ended" not in situations, situations


def test_not_for_customs(kb):
    situations, _ = _diagnosis(kb, 45, last_event="customs")
    assert "hold-period-ended" not in situations, situations
