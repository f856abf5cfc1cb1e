"""Inside one country (origin = destination) a late parcel is traced by the operator that
carries it, never looked for at customs (rules/30-time.toml route-inside-one-country,
rules/40-progress.toml late-ask-customs / late-inside-one-country); between two countries
a late parcel still sends the seller to customs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

ROOT = Path(__file__).resolve().parents[2]
KB = loader.load(ROOT / "facts", ROOT / "rules")
TODAY = dt.date(2026, 11, 25)
DAY = dt.timedelta(days=1)
LATE_STAGES = ["accepted", "export", "arrived-destination", "in-destination-network"]


def steps(origin: str, destination: str, days: int, stage: str, **more: object):
    answers = {
        "origin": origin,
        "destination": destination,
        "shipped_on": TODAY - days * DAY,
        "last_event": stage,
        "last_event_on": TODAY - days * DAY,
        **more,
    }
    result = diagnose(KB, answers, TODAY)
    return {s.id for s in result.situations}, {a.id for a in result.advice}


def test_a_late_german_parcel_inside_germany_is_traced_by_its_operator():
    # late by Germany's own window inside Germany (test_domestic_windows.py), by the
    # service's between two countries
    late = KB.tables["domestic_transit"]["DE"]["max_days"] + 5
    situations, advice = steps("DE", "DE", late, "in-destination-network", service="postal-parcel")
    assert "transit-delayed" in situations
    assert "contact-origin-carrier" in advice and "contact-customs" not in advice
    late = KB.tables["transit"]["postal-parcel"]["max_days"] + 5
    # between two countries with a customs border (not two EU members: no customs there)
    situations, advice = steps("DE", "CH", late, "arrived-destination", service="postal-parcel")
    assert "transit-delayed" in situations and "contact-customs" in advice
    situations, advice = steps("DE", "FR", late, "arrived-destination", service="postal-parcel")
    # no customs border: from its arrival it is in France's own network, and silent there past
    # France's given-up point it is lost there (test_late_inside_destination.py)
    assert "likely-lost" in situations and "contact-customs" not in advice


@settings(max_examples=80, deadline=None)
@given(
    country=st.sampled_from(["DE", "GB", "FR", "US", "CA", "JP"]),
    other=st.sampled_from(["DE", "GB", "FR", "US", "CA", "JP"]),
    days=st.integers(0, 90),
    stage=st.sampled_from(LATE_STAGES),
    service=st.sampled_from([None, "postal-parcel", "registered-post", "express-courier"]),
)
def test_customs_only_between_two_countries(country, other, days, stage, service):
    more = {"service": service} if service else {}
    situations, advice = steps(country, other, days, stage, **more)
    if country == other:
        assert "contact-customs" not in advice, (country, days, stage, service)
    if "transit-delayed" in situations and country == other and stage != "accepted":
        assert "contact-origin-carrier" in advice, (country, days, stage, service)


@settings(max_examples=60, deadline=None)
@given(
    country=st.sampled_from(["DE", "GB", "FR", "US", "CA", "JP"]),
    days=st.integers(0, 90),
    stage=st.sampled_from(["accepted", "export", "in-destination-network"]),
    service=st.sampled_from([None, "postal-parcel", "registered-post", "express-courier"]),
)
def test_inside_one_country_no_words_of_two_countries(country, days, stage, service):
    """Inside one country a parcel is never 'in international transit', and the seller is
    not sent to 'the destination operator's own page' (it is the page of the operator the
    parcel was posted with); an accepted parcel on time is in the country's network, and
    so is one whose last scan is an export (a customs territory of its own inside the
    country: until review7 it got 'Not enough is known yet to say' and no step)."""
    more = {"service": service} if service else {}
    situations, advice = steps(country, country, days, stage, **more)
    assert "in-international-transit" not in situations, (country, days, stage, service)
    assert "check-destination-operator-site" not in advice, (country, days, stage, service)
    late = {"transit-delayed", "likely-lost", "held-at-origin"}
    if stage in ("accepted", "export") and not situations & late:
        assert "in-destination-country" in situations, (country, days, service, situations)


def test_inside_one_country_the_inquiry_has_no_upu_deadline():
    """The UPU's six-month inquiry window is for items between two countries: inside one
    country the inquiry is still advised, with no UPU date (the operator's own applies: dated
    only where the national post's claim window is on record and it carries the parcel, USPS's 60
    days from mailing, review12 K-R4, review14 R-R35, or no carrier is named and the steps name
    the post as the company paid, review19);
    between two countries it keeps the dated UPU deadline."""
    answers = {
        "shipped_on": TODAY - 24 * DAY,
        "last_event": "delivered",
        "last_event_on": TODAY - 20 * DAY,
        "recipient_says": "not-received",
        "customs_notice": "none",
    }
    inside = diagnose(KB, {**answers, "origin": "DE", "destination": "DE"}, TODAY)
    step = next(a for a in inside.advice if a.id == "file-inquiry")
    assert step.due is None  # no claim window on record for Germany
    for how in ({}, {"carrier": "usps"}):  # no carrier named: the steps name USPS, the company paid
        usps = diagnose(KB, {**answers, "origin": "US", "destination": "US", **how}, TODAY)
        step = next(a for a in usps.advice if a.id == "file-inquiry")
        assert step.due == (TODAY + 36 * DAY).isoformat()  # posted 24 days ago + USPS's 60 days
    abroad = diagnose(KB, {**answers, "origin": "DE", "destination": "US"}, TODAY)
    step = next(a for a in abroad.advice if a.id == "file-inquiry")
    assert step.due is not None and step.due > TODAY.isoformat()


def test_an_export_scan_inside_one_country_on_time_gets_its_date():
    """review7's reproduction: DE -> DE, exported three days after posting, not received."""
    situations, advice = steps("DE", "DE", 3, "export", recipient_says="not-received")
    assert "in-destination-country" in situations
    assert "wait-until" in advice
