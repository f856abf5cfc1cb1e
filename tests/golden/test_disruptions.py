"""Disruptions (facts/disruptions.toml, rules/25-disruptions.toml): a parcel posted or in
transit during a suspension, strike or stop is caught on every day of it, not only the
first; one outside it is not; a courier parcel never is."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge.loader import KnowledgeBase

DAY = dt.timedelta(days=1)
SITUATION = {
    "suspension": "service-suspended",
    "strike": "operator-disruption",
    "stop": "operator-disruption",
}
# One disruption of each kind: operator, then the route the answers give (origin, destination).
EXAMPLES = {
    "suspension": ("Deutsche Post / DHL Parcel Germany", "DE", "US"),
    "strike": ("Canada Post", "CA", "FR"),
    "stop": ("Royal Mail", "GB", "FR"),
}


def record(kb: KnowledgeBase, kind: str) -> dict:
    operator, origin, destination = EXAMPLES[kind]
    return next(
        r
        for r in kb.records("disruptions")
        if r["kind"] == kind
        and r["operator"] == operator
        and r["origin"] in (origin, "*", "abroad")
        and r["destination"] in (destination, "*", "abroad")
    )


def days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + n * DAY for n in range((end - start).days + 1)]


def caught(kb: KnowledgeBase, kind: str, today: dt.date, **answers: object) -> bool:
    _, origin, destination = EXAMPLES[kind]
    base = {"origin": origin, "destination": destination, "service": "registered-post"}
    result = diagnose(kb, {**base, **answers}, today)
    return SITUATION[kind] in [s.id for s in result.situations]


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_a_parcel_posted_on_any_day_of_the_range_is_caught(kb: KnowledgeBase, kind: str):
    entry = record(kb, kind)
    end = entry.get("until") or entry["confirmed_on"]
    for day in days(entry["from"], end):
        assert caught(kb, kind, day, shipped_on=day), f"{kind}: posted and asked on {day}"
        later = end + 30 * DAY
        assert caught(kb, kind, later, shipped_on=day), f"{kind}: posted {day}, asked {later}"


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_without_a_posting_date_every_day_in_force_counts(kb: KnowledgeBase, kind: str):
    entry = record(kb, kind)
    end = entry.get("until") or entry["confirmed_on"]
    for day in days(entry["from"], end):
        assert caught(kb, kind, day), f"{kind}: asked on {day} with no posting date"
    assert not caught(kb, kind, entry["from"] - DAY)
    assert not caught(kb, kind, end + DAY)


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_in_transit_when_it_began_is_caught_and_posted_after_it_is_not(
    kb: KnowledgeBase, kind: str
):
    entry = record(kb, kind)
    end = entry.get("until") or entry["confirmed_on"]
    before = entry["from"] - 5 * DAY
    assert caught(kb, kind, entry["from"], shipped_on=before)
    assert not caught(kb, kind, entry["from"] - DAY, shipped_on=before), "asked before it began"
    assert not caught(kb, kind, end + 10 * DAY, shipped_on=end + DAY), "posted after it"
    delivered = {"shipped_on": entry["from"], "recipient_says": "received"}
    assert not caught(kb, kind, end, **delivered)
    assert not caught(kb, kind, end, shipped_on=entry["from"], service="express-courier")


def test_every_disruption_is_caught_on_its_first_and_last_day(kb: KnowledgeBase):
    for entry in kb.records("disruptions"):
        end = entry.get("until") or entry["confirmed_on"]
        # any origin or destination ("*", "abroad"; from outside the EU: "outside-customs-union")
        origin = {"*": "FR", "abroad": "FR", "outside-customs-union": "US"}.get(
            entry["origin"], entry["origin"]
        )
        destination = {"*": "FR", "abroad": "FR"}.get(entry["destination"], entry["destination"])
        if origin == destination:
            destination = "BE"
        for day in (entry["from"], end):
            answers = {"origin": origin, "destination": destination, "shipped_on": day}
            result = diagnose(kb, answers, day)
            assert SITUATION[entry["kind"]] in [s.id for s in result.situations], (entry, day)


def test_no_recorded_disruption_affects_express_couriers(kb: KnowledgeBase):
    """The rules spare express couriers; a record that affects them needs rules of its own."""
    for entry in kb.records("disruptions"):
        assert "express-courier" not in entry["services"], entry["operator"]


def test_the_issues_example_germany_to_us_in_september_2025(kb: KnowledgeBase):
    """Posted on 2025-09-10, inside Deutsche Post's stop (to 24 September): the steps name
    the operator and say not to reship by the same route yet."""
    answers = {"origin": "DE", "destination": "US", "shipped_on": dt.date(2025, 9, 10)}
    result = diagnose(kb, answers, dt.date(2025, 10, 1))
    assert "service-suspended" in [s.id for s in result.situations]
    steps = {a.id: a.text for a in result.advice}
    assert "Deutsche Post" in steps["warn-recipient-disruption"]
    assert {"hold-reship-during-disruption", "resend-by-unaffected-carrier"} <= set(steps)
