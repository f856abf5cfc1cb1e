"""Where a public source says post on a route took months and still arrived
(facts/time_limits.toml [[slow_route]]), a parcel posted within the dates it speaks for is
given up only after the source's figure, not after its service's usual silence limit (60
days for the post, and for a parcel whose service is not known). Before, a parcel from
Spain to Cuba posted in June 2020 with no event known was "Probably lost" + "Decide:
reship or refund" after 60 days, while Correos de Cuba said parcels from abroad then took
almost six months: now it is late, with the reason, "do not reship or refund yet", and
the wait runs to the end of the source's figure. Not for a parcel posted outside the
source's dates, not past its figure nor past six months after posting, not for a service
it does not name (an express courier), not inside the destination country, and a record
for one origin only for parcels from there."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from parcel_doctor.knowledge import loader
from parcel_doctor.knowledge.loader import KnowledgeBase
from variants import diagnose_variant

KB = loader.load()
SHIPPED = dt.date(2020, 6, 1)  # within cu-inbound-2020-2021 (posted 2020-03-25 .. 2021-02-11)
TODAY = dt.date(2020, 10, 15)  # 136 days: past the post's 60, within the record's 184


def _diagnosis(
    kb: KnowledgeBase = KB, today: dt.date = TODAY, **changes: object
) -> tuple[set[str], dict[str, str | None]]:
    """A Spain -> Cuba item with no event known; `changes` override answers (None drops one)."""
    answers: dict[str, object] = {
        "origin": "ES",
        "destination": "CU",
        "shipped_on": SHIPPED,
        "customs_notice": "none",
        "recipient_says": "not-received",
    }
    result = diagnose_variant(kb, answers, changes, today)
    return {s.id for s in result.situations}, {a.id: a.due for a in result.advice}


def test_late_not_lost_within_the_sources_figure():
    situations, advice = _diagnosis()
    assert "transit-delayed" in situations and "likely-lost" not in situations, situations
    assert "slow-route-wait" in advice and "decide-reship-or-refund" not in advice
    assert advice["wait-until"] == "2020-12-02"  # posting + 184 days, not + 60


def test_a_service_the_source_names():
    situations, advice = _diagnosis(service="postal-parcel")
    assert "transit-delayed" in situations and "likely-lost" not in situations, situations
    assert advice["wait-until"] == "2020-12-02"


def test_past_the_sources_figure_it_is_probably_lost():
    situations, advice = _diagnosis(today=dt.date(2020, 12, 10))
    assert "likely-lost" in situations and "slow-route-wait" not in advice


def test_past_six_months_after_posting_nothing_holds_it():
    # within the record's 184 days of silence, but past the inquiry window: given up, as
    # a strike's hold is (no "do not give it up" beside "probably lost")
    situations, advice = _diagnosis(today=dt.date(2020, 12, 1))
    assert "likely-lost" in situations and "transit-delayed" not in situations, situations
    assert "slow-route-wait" not in advice


@pytest.mark.parametrize("shipped_on", [dt.date(2020, 3, 24), dt.date(2021, 2, 12)])
def test_not_for_a_parcel_posted_outside_the_sources_dates(shipped_on: dt.date):
    today = shipped_on + (TODAY - SHIPPED)
    situations, advice = _diagnosis(today=today, shipped_on=shipped_on)
    assert "likely-lost" in situations and "slow-route-wait" not in advice


def test_not_for_a_service_the_source_does_not_name():
    situations, advice = _diagnosis(service="express-courier")
    assert "transit-delayed" not in situations and "slow-route-wait" not in advice


def test_not_inside_the_destination_country():
    _, advice = _diagnosis(origin="CU")
    assert "slow-route-wait" not in advice


@pytest.fixture(scope="module")
def kb_with_a_route(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The shipped facts plus a record for one origin only (Canada -> Ghana, invented for
    the test: no such record is shipped)."""
    facts = tmp_path_factory.mktemp("facts")
    for path in Path(loader.default_dirs(None, None)[0]).iterdir():
        (facts / path.name).write_bytes(path.read_bytes())
    record = """
[[slow_route]]
id = "ca-gh-test"
origin = "CA"
destination = "GH"
services = ["postal-parcel"]
up_to_days = 153
from = 2005-01-01
confirmed_on = 2005-12-31
description = "A test record: post from Canada to Ghana took up to five months."
sources = ["tests/golden/test_slow_routes.py"]
"""
    path = facts / "time_limits.toml"
    path.write_text(path.read_text(encoding="utf-8") + record, encoding="utf-8")
    return loader.load(facts, None)


@pytest.mark.parametrize("service", [None, "postal-parcel"])
def test_a_record_for_one_origin_holds_for_parcels_from_there(
    kb_with_a_route: KnowledgeBase, service: str | None
):
    situations, advice = _diagnosis(
        kb_with_a_route,
        dt.date(2005, 12, 30),
        origin="CA",
        destination="GH",
        shipped_on=dt.date(2005, 9, 15),
        service=service,
    )
    assert "transit-delayed" in situations and "likely-lost" not in situations, situations
    assert advice["slow-route-wait"] is None and advice["wait-until"] == "2006-02-15"


def test_a_record_for_one_origin_not_for_parcels_from_elsewhere(kb_with_a_route: KnowledgeBase):
    _, advice = _diagnosis(
        kb_with_a_route,
        dt.date(2005, 12, 30),
        origin="GB",
        destination="GH",
        shipped_on=dt.date(2005, 9, 15),
    )
    assert "slow-route-wait" not in advice
