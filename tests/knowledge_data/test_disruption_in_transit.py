"""What each disruption did with the items already posted when it began (facts/
disruptions.toml `in_transit`), only where a source says it; "unknown" otherwise (review12
R-R12: an acceptance stop caught a parcel that had left before it)."""

from __future__ import annotations

import datetime as dt

import pytest

KNOWN_WORDS = ("already deposited", "in transit", "held", "already shipped", "in the network")


def _record(kb, operator: str, destination: str, start: str):
    return next(
        d
        for d in kb.lists["disruptions"]
        if d["operator"] == operator
        and d["destination"] == destination
        and d["from"] == dt.date.fromisoformat(start)
    )


@pytest.mark.parametrize(
    ("operator", "destination", "start", "in_transit"),
    [
        ("USPS", "TZ", "2020-04-07", "returned"),  # DMM advisory: deposited items returned
        ("USPS", "EG", "2011-02-10", "returned"),
        ("Emirates Post", "QA", "2017-06-06", "returned"),
        ("Royal Mail", "abroad", "2023-01-11", "held"),  # items already shipped delayed
        ("Canada Post", "CA", "2024-11-15", "held"),
        ("Royal Mail", "US", "2025-08-26", "delivered"),  # paused so parcels arrive by 29 Aug
        ("Deutsche Post / DHL Parcel Germany", "US", "2025-08-26", "unknown"),  # no source
    ],
)
def test_what_became_of_the_items_already_posted(kb, operator, destination, start, in_transit):
    assert _record(kb, operator, destination, start)["in_transit"] == in_transit


def test_every_disruption_says_it_and_a_known_one_has_a_source_that_says_so(kb):
    for record in kb.lists["disruptions"]:
        if record["in_transit"] == "unknown":
            continue
        assert any(word in source for source in record["sources"] for word in KNOWN_WORDS), record[
            "operator"
        ]


def test_every_usps_record_returning_items_already_posted_says_so(kb):
    for record in kb.lists["disruptions"]:
        if "items already posted returned to the sender" in record["what"]:
            assert record["in_transit"] == "returned", record["destination"]


def test_a_value_outside_the_list_is_refused(problems_after_edit):
    problems = problems_after_edit(
        "disruptions.toml", 'destination = "EG"', 'in_transit = "returned"', 'in_transit = "lost"'
    )
    assert any("disruption.in_transit" in p and "'lost'" in p for p in problems), problems
