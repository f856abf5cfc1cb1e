"""Whom a disruption holds (facts/disruptions.toml origin / destination): "abroad" is an
operator's international service only, so a parcel inside one country is not held by it
(review13 K-R13 / R-R20: Royal Mail's January 2023 export stop told a GB -> GB parcel "Do
not reship by the same route yet"); "outside-customs-union" is a customs backlog of items
from outside the destination's union (review12 K-R1: Italy's customs IT failures of 2021
and 2023 held items from outside the EU, not from EU countries)."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge.loader import KnowledgeBase

DISRUPTED = {"operator-disruption", "service-suspended"}


def disrupted(kb: KnowledgeBase, today: dt.date, **answers: object) -> bool:
    base = {"recipient_says": "not-received", "last_event": "accepted"}
    result = diagnose(kb, {**base, **answers}, today)
    return bool(DISRUPTED & {s.id for s in result.situations})


@pytest.mark.parametrize(
    ("origin", "carrier", "posted", "today"),
    [
        ("GB", "royal-mail", dt.date(2023, 1, 12), dt.date(2023, 1, 20)),  # RM's export stop
        ("IN", "india-post", dt.date(2020, 4, 1), dt.date(2020, 4, 20)),  # international mail
        ("SD", None, dt.date(2023, 5, 1), dt.date(2023, 5, 20)),  # exchange with abroad
        ("AU", "australia-post", dt.date(2020, 5, 1), dt.date(2020, 5, 20)),  # COVID-19 delays
    ],
)
def test_an_international_stop_holds_parcels_abroad_not_at_home(
    kb: KnowledgeBase, origin: str, carrier: str | None, posted: dt.date, today: dt.date
):
    dated = {"origin": origin, "shipped_on": posted, "last_event_on": posted}
    if carrier:
        dated["carrier"] = carrier
    assert not disrupted(kb, today, destination=origin, **dated)
    assert disrupted(kb, today, destination="FR", **dated)


def test_a_strike_still_holds_parcels_inside_the_country(kb: KnowledgeBase):
    posted = dt.date(2024, 11, 20)
    dated = {"carrier": "canada-post", "shipped_on": posted, "last_event_on": posted}
    assert disrupted(kb, dt.date(2024, 12, 1), origin="CA", destination="CA", **dated)


@pytest.mark.parametrize(
    ("origin", "held"),
    [("US", True), ("GB", True), ("DE", False), ("FR", False), ("IT", False)],
)
def test_italys_2021_customs_backlog_holds_items_from_outside_the_eu(
    kb: KnowledgeBase, origin: str, held: bool
):
    answers = {
        "origin": origin,
        "destination": "IT",
        "service": "tracked-post",
        "shipped_on": dt.date(2021, 11, 15),
        "last_event": "customs",
        "last_event_on": dt.date(2021, 11, 25),
    }
    assert disrupted(kb, dt.date(2022, 1, 10), **answers) is held


def test_a_parcel_from_a_member_before_it_left_the_union_was_not_held(kb: KnowledgeBase):
    # GB was in the EU's customs union until 31 December 2020: no 2021 backlog caught it
    # before; one posted in September 2023 from GB is caught by the 2023 backlog
    answers = {"origin": "GB", "destination": "IT", "service": "postal-parcel"}
    late_2023 = {"shipped_on": dt.date(2023, 9, 1), "last_event_on": dt.date(2023, 9, 5)}
    assert disrupted(kb, dt.date(2023, 9, 20), **answers, **late_2023)
    early_2020 = {"shipped_on": dt.date(2020, 3, 1), "last_event_on": dt.date(2020, 3, 5)}
    assert not disrupted(kb, dt.date(2020, 3, 30), **answers, **early_2020)


@pytest.mark.parametrize(
    ("destination", "posted", "today"),
    [
        ("EG", dt.date(2011, 2, 10), dt.date(2011, 2, 25)),  # Postal Bulletin 22304
        ("SY", dt.date(2013, 3, 15), dt.date(2013, 4, 10)),  # from 13 March 2013
        ("YE", dt.date(2015, 7, 28), dt.date(2015, 8, 20)),  # posted before 1 August 2015
        ("LY", dt.date(2021, 9, 17), dt.date(2021, 10, 1)),  # DMM Advisory, 17 September 2021
    ],
)
def test_uspss_suspensions_to_one_country_hold_its_parcels(
    kb: KnowledgeBase, destination: str, posted: dt.date, today: dt.date
):
    """review12 K-R2: USPS's suspensions of all mail to Egypt (2011), Syria (2013), Yemen
    (2015) and Libya (2021) were not on record: a parcel caught in one was told to track it
    on the destination operator's site and wait."""
    answers = {"origin": "US", "destination": destination, "carrier": "usps"}
    assert disrupted(kb, today, **answers, shipped_on=posted, last_event_on=posted)


def test_australias_pandemic_delays_hold_parcels_from_abroad_in_transit_then(kb: KnowledgeBase):
    # Australia Post's COVID-19 force majeure (first dated notice 24 April 2020): a parcel
    # posted in March from GB and still on its way is caught; one posted in 2022 is not
    posted = dt.date(2020, 3, 5)
    dated = {"origin": "GB", "carrier": "royal-mail", "shipped_on": posted}
    assert disrupted(kb, dt.date(2020, 5, 20), destination="AU", last_event_on=posted, **dated)
    later = dt.date(2022, 3, 5)
    dated = {"origin": "GB", "carrier": "royal-mail", "shipped_on": later}
    assert not disrupted(kb, dt.date(2022, 5, 20), destination="AU", last_event_on=later, **dated)
