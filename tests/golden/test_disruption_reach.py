"""A disruption holds only parcels still on their way when it began
(rules/25-disruptions.toml, limit `longest-in-network` of facts/time_limits.toml): a
parcel posted in 2021 is not "held" by USPS's November 2024 stop of Canada-bound items,
one posted a week before it is. Property: around the edges of every window (posting plus
the limit, the disruption's first and last day, today), a parcel is caught exactly when a
disruption on its route began on or before today and before posting plus the limit, and
its last known day is on or after posting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import Diagnosis, diagnose
from parcel_doctor.knowledge import loader
from parcel_doctor.knowledge.loader import KnowledgeBase

ROOT = Path(__file__).resolve().parents[2]

DAY = dt.timedelta(days=1)
DISRUPTED = {"service-suspended", "operator-disruption"}
KB = loader.load(ROOT / "facts", ROOT / "rules")
LIMIT = KB.tables["limits"]["longest-in-network"]["days"]
# Routes with a disruption of each kind (origin, destination).
ROUTES = [("US", "CA"), ("CA", "FR"), ("GB", "FR"), ("DE", "US"), ("PT", "ZA")]
# A record's origin or destination that is not one country (facts/disruptions.toml): the
# routes here are between two countries, none into the EU from outside it
ANY = ("*", "abroad", "outside-customs-union")


def situations(kb: KnowledgeBase, answers: dict, today: dt.date) -> set[str]:
    return {s.id for s in diagnose(kb, answers, today).situations}


def on_route(origin: str, destination: str) -> list[dict]:
    return [
        r
        for r in KB.records("disruptions")
        if r["origin"] in (origin, *ANY) and r["destination"] in (destination, *ANY)
    ]


def test_the_2021_parcel_is_not_held_by_the_2024_usps_stop(kb: KnowledgeBase):
    answers = {
        "tracking_number": "LZ123456785US",
        "destination": "CA",
        "carrier": "usps",
        "shipped_on": dt.date(2021, 4, 2),
    }
    assert not situations(kb, answers, dt.date(2026, 11, 25)) & DISRUPTED


def test_a_parcel_posted_a_week_before_the_stop_is_held(kb: KnowledgeBase):
    answers = {
        "tracking_number": "LZ123456785US",
        "destination": "CA",
        "carrier": "usps",
        "shipped_on": dt.date(2024, 11, 22),  # USPS stopped Canada-bound items on 29 Nov
    }
    assert "operator-disruption" in situations(kb, answers, dt.date(2026, 11, 25))


def test_without_a_posting_date_an_old_last_event_is_not_held(kb: KnowledgeBase):
    """In force today, but the newest event is older than the limit before it began."""
    today = next(r for r in on_route("US", "CA") if r["operator"] == "USPS")["from"]
    first = min(  # the Canada Post strike began two weeks before USPS's stop
        r["from"]
        for r in on_route("US", "CA")
        if r["from"] <= today <= (r.get("until") or r["confirmed_on"])
    )
    answers = {"origin": "US", "destination": "CA", "last_event": "export"}
    old = {**answers, "last_event_on": first - LIMIT * DAY}
    recent = {**answers, "last_event_on": first - (LIMIT - 1) * DAY}
    assert not situations(kb, old, today) & DISRUPTED
    assert "operator-disruption" in situations(kb, recent, today)


def expected(
    origin: str, destination: str, shipped: dt.date, today: dt.date, lost_after: int
) -> bool:
    """Whether some disruption on the route held a parcel posted on `shipped`, asked on
    `today` (rules/25-disruptions.toml, posted-during-suspension and -open-suspension): one
    that has ended holds it only until the service's given-up window has passed since its
    end (review12 R-R5)."""
    return any(
        r["from"] <= today
        and r["from"] < shipped + LIMIT * DAY
        and (r.get("until") or r["confirmed_on"]) >= shipped
        and ("until" not in r or r["until"] > today - lost_after * DAY)
        for r in on_route(origin, destination)
    )


def lost_after_days(found: Diagnosis) -> int:
    """The service's given-up point the rules used (its `window` fact)."""
    windows = [f for firing in found.firings for f in firing.concluded if f["kind"] == "window"]
    return int(windows[-1]["lost_after_days"])


@st.composite
def around_an_edge(draw: st.DrawFn) -> tuple[str, str, dt.date, dt.date]:
    origin, destination = draw(st.sampled_from(ROUTES))
    record = draw(st.sampled_from(on_route(origin, destination)))
    end = record.get("until") or record["confirmed_on"]
    edge = draw(st.sampled_from([record["from"] - LIMIT * DAY, record["from"], end]))
    shipped = edge + draw(st.integers(-3, 3)) * DAY
    today = max(
        shipped, draw(st.sampled_from([record["from"], end])) + draw(st.integers(-3, 60)) * DAY
    )
    return origin, destination, shipped, today


@settings(max_examples=150, deadline=None)
@given(around_an_edge())
def test_caught_exactly_while_the_parcel_was_on_its_way(case):
    origin, destination, shipped, today = case
    answers = {
        "origin": origin,
        "destination": destination,
        "service": "registered-post",
        "shipped_on": shipped,
    }
    found = diagnose(KB, answers, today)
    got = bool({s.id for s in found.situations} & DISRUPTED)
    want = expected(origin, destination, shipped, today, lost_after_days(found))
    assert got == want, (answers, today)


def test_a_confirmed_stop_holds_a_last_event_younger_than_the_limit(kb: KnowledgeBase):
    """Without a posting date, a stop with no known end (Japan Post's to the US, confirmed
    until 20 Nov 2025) holds a parcel whose newest event is less than the limit before it
    began (disruption-confirmed-today-after-last-event), not one exactly the limit before."""
    stop = next(r for r in on_route("JP", "US") if r["from"].year == 2025 and "until" not in r)
    answers = {"origin": "JP", "destination": "US", "last_event": "export"}
    old = {**answers, "last_event_on": stop["from"] - LIMIT * DAY}
    recent = {**answers, "last_event_on": stop["from"] - (LIMIT - 1) * DAY}
    assert not situations(kb, old, stop["confirmed_on"]) & DISRUPTED
    assert "service-suspended" in situations(kb, recent, stop["confirmed_on"])


def test_the_destination_operator_is_asked_only_about_a_backlog_that_held_the_parcel(
    kb: KnowledgeBase,
):
    """ask-destination-about-backlog: the South African strike (3-18 July 2018) caught a
    parcel posted less than the limit before it began, not one posted exactly the limit
    before; asked after the strike ended."""
    strike = next(r for r in on_route("PT", "ZA") if r["kind"] == "strike")
    today = strike["until"] + 14 * DAY

    def advice(shipped: dt.date) -> set[str]:
        answers = {
            "origin": "PT",
            "destination": "ZA",
            "service": "registered-post",
            "shipped_on": shipped,
        }
        return {a.id for a in diagnose(kb, answers, today).advice}

    assert "contact-destination-operator" not in advice(strike["from"] - LIMIT * DAY)
    assert "contact-destination-operator" in advice(strike["from"] - (LIMIT - 1) * DAY)
