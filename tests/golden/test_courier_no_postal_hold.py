"""An express courier's parcel waiting at customs or for collection never gets the
destination post's holding period (brief item 4; review10: "The holding period has
probably ended" for DHL Express twelve days at German customs, from Deutsche Post's
figure). The periods of facts/holding_periods.toml and the typical ones of
facts/time_limits.toml are the posts'; a courier's parcel gets none of them: no "hold
ended", no collect-by date, but its own period waiting for collection where the courier's
page gives one (facts/carriers.toml pickup_hold_days; tests/golden/test_courier_pickup_hold.py).
A postal parcel on the same answers keeps its post's period."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 26)
DESTINATIONS = sorted({r["destination"] for r in KB.records("holding_periods")} | {"FR", "BR"})
STAGES = ["customs", "delivery-attempted", "awaiting-pickup"]


def _run(how: dict, destination: str, stage: str, age: int):
    answers = {
        "origin": "CN",
        "destination": destination,
        "shipped_on": TODAY - dt.timedelta(days=age + 2),
        "last_event": stage,
        "last_event_on": TODAY - dt.timedelta(days=age),
        "recipient_says": "not-received",
        **how,
    }
    result = diagnose(KB, answers, TODAY)
    return {s.id for s in result.situations}, {a.id: a.due for a in result.advice}


@settings(max_examples=150, deadline=None)
@given(
    carrier=st.sampled_from(["dhl-express", "ups", "fedex"]),
    destination=st.sampled_from(DESTINATIONS),
    stage=st.sampled_from(STAGES),
    age=st.integers(1, 60),
)
def test_a_courier_parcel_gets_no_postal_holding_period(carrier, destination, stage, age):
    situations, advice = _run({"carrier": carrier}, destination, stage, age)
    record = KB.carriers[carrier]
    own = None if stage == "customs" else record.get("pickup_hold_days")  # the courier's own
    ended = own is not None and age > record["pickup_hold_ended_after_days"]
    assert ("hold-period-ended" in situations) == ended, (carrier, destination, stage, age)
    if own is None:
        assert advice.get("recipient-collects-parcel") is None  # no collect-by date
    assert advice  # never a dead end
    if "held-in-customs" in situations and record.get("claim_counted_from") == "acceptance":
        # held past the courier's claim window: said, not a hold without end (review 22:50)
        passed = age + 2 > record["claim_within_days"]
        assert ("courier-claim-window-passed" in advice) == passed, (carrier, age, advice)


def test_a_postal_parcel_keeps_its_posts_holding_period():
    for destination in ("DE", "GB", "US"):
        situations, _ = _run({"service": "tracked-post"}, destination, "customs", 60)
        assert "hold-period-ended" in situations, destination
