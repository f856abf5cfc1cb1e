"""An express courier clears its own parcels through the destination's customs, so at customs
the seller asks the courier what customs need (rules/46-follow-up.toml
express-customs-ask-the-courier), and an express parcel idle for days after arriving in the
destination, with no notice, is taken to be held at customs (rules/45-destination.toml
express-idle-after-arrival; limit express-destination-idle). Before them a DHL parcel idle a
week in Bolivia was 'on time' (cases/real/gb-bo-dhl-tub-with-tea-needed-an-agricultural-import-
registration.toml) and a DHL parcel a month at Nicaraguan customs got only 'ask customs'
(cases/real/us-ni-dhl-laptop-customs-delay-a-month-recipient-could-not-be-reached.toml).
An express parcel is never asked about the destination post's page (its own network)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

ROOT = Path(__file__).resolve().parents[2]
KB = loader.load(ROOT / "facts", ROOT / "rules")
TODAY = dt.date(2026, 11, 26)
IDLE = KB.tables["limits"]["express-destination-idle"]["days"]
COUNTRIES = ["GB", "BO", "US", "NI", "DE", "CN", "AU", "BR", "IN", "JP"]


def express(**answers: object):
    answers = {"carrier": "dhl-express", "service": "express-courier", **answers}
    return diagnose(KB, answers, TODAY)


def arrived(days_ago: int, **more: object):
    return express(
        origin="GB",
        destination="BO",
        last_event="arrived-destination",
        last_event_on=TODAY - dt.timedelta(days=days_ago),
        customs_notice="none",
        recipient_says="not-received",
        **more,
    )


def test_idle_a_week_after_arrival_it_is_held_at_customs_and_the_courier_is_asked():
    result = arrived(7)
    assert "held-in-customs" in {s.id for s in result.situations}
    assert "contact-origin-carrier" in {a.id for a in result.advice}


def test_idle_only_as_long_as_clearance_takes_it_is_not_said_to_be_held():
    result = arrived(IDLE)
    assert "held-in-customs" not in {s.id for s in result.situations}


def test_without_the_arrivals_date_the_trip_is_not_counted_as_idle_time():
    result = express(
        origin="GB",
        destination="BO",
        shipped_on=TODAY - dt.timedelta(days=9),
        last_event="arrived-destination",
        customs_notice="none",
        recipient_says="not-received",
    )
    assert "held-in-customs" not in {s.id for s in result.situations}


@settings(max_examples=120, deadline=None)
@given(
    origin=st.sampled_from(COUNTRIES),
    destination=st.sampled_from(COUNTRIES),
    notice=st.sampled_from([None, "none", "unknown", "notice-card"]),
    age=st.one_of(st.none(), st.integers(0, 60)),
    says=st.sampled_from([None, "not-received", "not-asked"]),
    stage=st.sampled_from(["customs", "arrived-destination", "export"]),
)
def test_at_customs_the_courier_is_asked_and_no_postal_page(
    origin, destination, notice, age, says, stage
):
    answers: dict = {"origin": origin, "destination": destination, "last_event": stage}
    if notice:
        answers["customs_notice"] = notice
    if age is not None:
        answers["shipped_on"] = TODAY - dt.timedelta(days=age)
    if says:
        answers["recipient_says"] = says
    result = express(**answers)
    if "held-in-customs" in {s.id for s in result.situations}:
        assert "contact-origin-carrier" in {a.id for a in result.advice}, answers
    assert "destination_site" not in result.missing, answers


@settings(max_examples=150, deadline=None)
@given(
    route=st.sampled_from([("CN", "DE"), ("GB", "US"), ("US", "BR"), ("JP", "AU")]),
    stage=st.sampled_from(["accepted", "export", "arrived-destination", "in-destination-network"]),
    posted=st.integers(0, 90),
    gap=st.integers(0, 60),
)
def test_a_late_express_parcel_is_the_couriers_to_chase_not_customs(route, stage, posted, gap):
    """review9 R1: a DHL Express parcel still at the origin hub, late, was told 'Ask the
    destination's customs' (late-ask-customs); the courier clears its own parcels."""
    result = express(
        origin=route[0],
        destination=route[1],
        shipped_on=TODAY - dt.timedelta(days=posted),
        last_event=stage,
        last_event_on=TODAY - dt.timedelta(days=min(gap, posted)),
        recipient_says="not-received",
    )
    assert "contact-customs" not in {a.id for a in result.advice}
