"""Inside one country (origin = destination): the country's own transit window where a
regulator or law states it (`[[domestic]]` in facts/time_limits.toml, rules/30-time.toml),
and a late parcel is traced by its operator, not looked for at customs. A German parcel on
day 8 is late; the same parcel between two countries keeps the service's window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

ROOT = Path(__file__).resolve().parents[2]
KB = loader.load(ROOT / "facts", ROOT / "rules")
TODAY = dt.date(2026, 11, 25)
DAY = dt.timedelta(days=1)
IDLE = KB.tables["limits"]["origin-idle"]["days"]


def run(origin: str, destination: str, days: int, stage: str, **more: object):
    answers = {
        "origin": origin,
        "destination": destination,
        "service": "postal-parcel",
        "shipped_on": TODAY - days * DAY,
        "last_event": stage,
        "last_event_on": TODAY - days * DAY,
        **more,
    }
    answers = {k: v for k, v in answers.items() if v is not None}  # None: not known
    result = diagnose(KB, answers, TODAY)
    return {s.id for s in result.situations}, {a.id: a for a in result.advice}


def test_a_german_parcel_on_day_eight_is_late_and_the_operator_traces_it():
    situations, steps = run("DE", "DE", 8, "in-destination-network")
    assert "transit-delayed" in situations and "in-destination-country" not in situations
    assert "contact-origin-carrier" in steps and "contact-customs" not in steps
    situations, _ = run("DE", "FR", 8, "in-destination-network")  # abroad: 40 days
    assert situations == {"in-destination-country"}
    situations, steps = run("DE", "CH", 45, "arrived-destination")  # a customs border
    assert "transit-delayed" in situations and "contact-customs" in steps
    assert "contact-origin-carrier" not in steps
    situations, steps = run("DE", "FR", 45, "arrived-destination")  # two EU members: none
    # and from its arrival it is in France's own network: silent 45 days there, lost there
    assert "likely-lost" in situations and "contact-customs" not in steps
    # released by customs into the destination's network: its operator, not customs
    # (Belgium: no domestic window of its own, by which a silence there is judged lost)
    situations, steps = run("DE", "BE", 45, "in-destination-network")
    assert "transit-delayed" in situations and "contact-destination-operator" in steps
    assert "contact-customs" not in steps


def test_on_time_inside_one_country_the_wait_ends_with_the_countrys_window():
    _, steps = run("DE", "DE", 3, "accepted")
    window = KB.tables["domestic_transit"]["DE"]["max_days"]
    assert steps["wait-until"].due == (TODAY - 3 * DAY + window * DAY).isoformat()
    # no window known for Peru inside Peru: the service's (no figure is guessed)
    _, steps = run("PE", "PE", 3, "accepted")
    parcel = KB.tables["transit"]["postal-parcel"]["max_days"]
    assert steps["wait-until"].due == (TODAY - 3 * DAY + parcel * DAY).isoformat()


@settings(max_examples=120, deadline=None)
@given(
    country=st.sampled_from(["DE", "GB", "FR", "US", "CA", "JP", "BR"]),
    days=st.integers(0, 90),
    stage=st.sampled_from(["accepted", "export", "in-destination-network"]),
    service=st.sampled_from([None, "postal-parcel", "registered-post", "express-courier"]),
)
# the edges of Germany's and the UK's windows (late after 7 days, given up after 30)
@example(country="DE", days=7, stage="in-destination-network", service="postal-parcel")
@example(country="DE", days=8, stage="in-destination-network", service="postal-parcel")
@example(country="DE", days=30, stage="export", service=None)
@example(country="DE", days=31, stage="export", service=None)
@example(country="DE", days=45, stage="export", service=None)
@example(country="GB", days=8, stage="export", service="express-courier")  # its own: on time
@example(country="GB", days=11, stage="export", service="express-courier")  # late by its own
@example(country="FR", days=41, stage="export", service=None)
def test_a_domestic_parcel_is_late_exactly_past_its_countrys_window(country, days, stage, service):
    """Late (transit-delayed) exactly when the days on the way pass the country's window
    (an express courier's own window for a courier: review23 R23-3), while not
    yet given up (and never after), or when it still shows only its
    acceptance past the origin-idle limit (postal-idle-at-origin); a late one is never
    sent to customs."""
    situations, steps = run(country, country, days, stage, service=service)
    assert "contact-customs" not in steps
    window = KB.tables["domestic_transit"][country]
    if service == "express-courier":
        window = KB.tables["transit"][service]
    if window["max_days"] < days <= window["lost_after_days"]:
        assert "transit-delayed" in situations, (country, days, stage, service)
    else:  # on time (unless idle at acceptance), or given up: never "late" by another window
        on_time = days <= window["max_days"] and not (stage == "accepted" and days > IDLE)
        if on_time or days > window["lost_after_days"]:
            assert "transit-delayed" not in situations, (country, days, stage, service)


def test_a_croatian_parcel_past_the_posts_final_deadline_is_late():
    # session 22: with no window for Croatia a parcel inside it got the slowest
    # international one (late after 40 days); Hrvatska pošta's final deadline is seven
    # working days, a day more to the islands (facts/time_limits.toml [[domestic]] HR)
    window = KB.tables["domestic_transit"]["HR"]
    situations, steps = run("HR", "HR", window["max_days"] + 2, "in-destination-network")
    assert "transit-delayed" in situations and "contact-origin-carrier" in steps
    situations, _ = run("HR", "HR", window["typical_days"], "in-destination-network")
    assert "transit-delayed" not in situations


@pytest.mark.parametrize("country", ["FR", "CA", "BR"])
def test_an_express_courier_inside_one_country_keeps_its_own_window(country: str):
    """review23 R23-3: the [[domestic]] records state the posts' delivery targets, not a
    courier's: an express courier's parcel inside one country is late after its own service
    window (ten days), not on time for a week more by the post's (Canada: fourteen, Brazil:
    twenty), and given up after its thirty days of silence; the post's parcel keeps the
    country's window."""
    courier = KB.tables["transit"]["express-courier"]
    stage = "in-destination-network"
    late = courier["max_days"] + 1
    situations, steps = run(country, country, late, stage, service="express-courier")
    assert "transit-delayed" in situations, situations
    assert "contact-customs" not in steps  # one country: its courier traces it
    situations, _ = run(country, country, courier["max_days"], stage, service="express-courier")
    assert "transit-delayed" not in situations, situations
    given_up = courier["lost_after_days"] + 1
    situations, _ = run(country, country, given_up, stage, service="express-courier")
    assert "likely-lost" in situations, situations
    window = KB.tables["domestic_transit"][country]
    situations, _ = run(country, country, window["max_days"], stage, service="postal-parcel")
    assert "transit-delayed" not in situations, situations
