"""The recipient has the parcel, damaged: it is not in transit, nothing is waited for and no
newer event is to be looked up elsewhere (review9 R3: a tracked letter from China whose last
scan was the export was 'received-damaged' AND 'in international transit' with 'Wait until',
and 'track it on the destination operator's own site'). quiet-stretch-normal, handed-to-local-
carrier, shipping-line-silent-after-arrival and tracked-service-continues-at-destination step
aside on received-damaged, as they did on delivered."""

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
ON_THE_WAY = {
    "in-international-transit",
    "track-with-destination-operator",
    "handed-to-last-mile-carrier",
    "in-destination-country",
    "transit-delayed",
}


@settings(max_examples=200, deadline=None)
@given(
    route=st.sampled_from([("CN", "US"), ("GB", "AU"), ("US", "BR"), ("DE", "FR")]),
    service=st.sampled_from([None, "tracked-post", "ems", "ecommerce-line", "express-courier"]),
    stage=st.sampled_from([None, *KB.stages]),
    age=st.integers(0, 120),
)
def test_a_parcel_received_damaged_is_not_on_its_way(route, service, stage, age):
    answers: dict = {
        "origin": route[0],
        "destination": route[1],
        "shipped_on": TODAY - dt.timedelta(days=age),
        "recipient_says": "received-damaged",
    }
    if service:
        answers["service"] = service
    if stage:
        answers["last_event"] = stage
    result = diagnose(KB, answers, TODAY)
    situations = {s.id for s in result.situations}
    assert "received-damaged" in situations, answers
    assert not situations & ON_THE_WAY, answers
    assert "wait-until" not in {a.id for a in result.advice}, answers
