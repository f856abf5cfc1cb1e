"""Every window the rules open ends within the parcel's life: once a parcel was posted
longer ago than any postal item stays on its way (limit `longest-in-network`, six months)
and has been silent since, no rule says it is still held or moving, and only a disruption
that began while it could still be on its way can have held it, whatever its stage,
service, route or recipient's answer. (Before session 6 a
parcel posted in 2021 was "held" by USPS's 2024 stop of Canada-bound items, and an express
parcel accepted years ago "held at the origin".)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

ROOT = Path(__file__).resolve().parents[2]
KB = loader.load(ROOT / "facts", ROOT / "rules")
LIMIT = KB.tables["limits"]["longest-in-network"]["days"]
DISRUPTED = {"service-suspended", "operator-disruption"}
ONGOING = {
    "held-at-origin",
    "transit-delayed",
    "in-international-transit",
    "in-destination-country",
    "not-yet-scanned",
}
# Routes with recorded disruptions, and one without.
ROUTES = [("US", "CA"), ("CA", "FR"), ("GB", "FR"), ("DE", "US"), ("PT", "ZA"), ("DE", "FR")]


@st.composite
def long_ago(draw: st.DrawFn) -> tuple[dict, dt.date]:
    origin, destination = draw(st.sampled_from(ROUTES))
    shipped = dt.date(2015, 1, 1) + dt.timedelta(days=draw(st.integers(0, 4000)))
    today = shipped + dt.timedelta(days=LIMIT + draw(st.integers(0, 1500)))
    answers: dict = {"origin": origin, "destination": destination, "shipped_on": shipped}
    answers["last_event"] = draw(st.sampled_from(sorted(KB.stages)))
    if draw(st.booleans()):
        answers["last_event_on"] = shipped + dt.timedelta(days=draw(st.integers(0, 30)))
    service = draw(st.sampled_from([None, *sorted(KB.services)]))
    if service:
        answers["service"] = service
    says = draw(st.sampled_from([None, "not-received"]))
    if says:
        answers["recipient_says"] = says
    return answers, today


@settings(max_examples=200, deadline=None)
@given(long_ago())
def test_nothing_is_still_going_on_long_after_the_parcels_life(case):
    answers, today = case
    concluded = {s.id for s in diagnose(KB, answers, today).situations}
    assert not concluded & ONGOING, (answers, today)
    reach = answers["shipped_on"] + dt.timedelta(days=LIMIT)
    began_in_time = any(
        r["from"] < reach
        for r in KB.records("disruptions")
        if r["origin"] in (answers["origin"], "*", "abroad")  # the routes: two countries
        and r["destination"] in (answers["destination"], "*", "abroad")
    )
    assert began_in_time or not concluded & DISRUPTED, (answers, today)
