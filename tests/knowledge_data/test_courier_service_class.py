"""A carrier recorded as an express courier (`kind`) implies the express-courier service
class, so its parcels get the courier's own steps (its tracking, its trace and claim),
never the post's (the destination post's site, customs, a UPU inquiry). Purolator and Old
Dominion had the kind without the class: a Canada -> US Purolator parcel silent for eight
weeks was told to wait and to look on USPS's site (review found it, reason left it)."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
COURIERS = sorted(cid for cid, c in KB.carriers.items() if c.get("kind") == "express-courier")


def test_every_express_courier_implies_the_express_service_class():
    assert len(COURIERS) >= 8
    assert [c for c in COURIERS if KB.carriers[c].get("service_class") != "express-courier"] == []


@pytest.mark.parametrize("carrier", COURIERS)
def test_a_couriers_lost_parcel_gets_the_couriers_steps_not_the_posts(carrier: str):
    home = next((c for c in KB.carriers[carrier]["countries"] if c != "*"), "GB")
    answers = {
        "origin": home,
        "destination": "US" if home != "US" else "CA",
        "carrier": carrier,
        "shipped_on": "2026-10-01",
        "last_event": "export",
        "last_event_on": "2026-10-03",
        "recipient_says": "not-received",
    }
    steps = {a.id for a in diagnose(KB, answers, dt.date(2026, 11, 26)).advice}
    assert "file-inquiry" not in steps and "check-destination-operator-site" not in steps
    assert "check-courier-tracking" in steps
