"""A parcel read as held by customs is not also "in the destination country, within its
normal transit time" (reason R21-7): a tracked letter from the UK idle 12 days after its
arrival in the US, not received, no notice, got both held-in-customs (idle at the inward office
of exchange: customs have not released it) and in-destination-country (in its operator's
network, on time). in-destination-within-window steps aside for held-in-customs, and
facts/situations.toml says the two exclude each other (facts check proves no rule pair can
conclude both). The destination post, asked before through the on-time situation, is still
asked: the item held for customs lies in its customs department (Finnish and Swedish
Customs). A week after arrival, before customs are suspected, it is still on time."""

from __future__ import annotations

import datetime as dt

from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 28)


def _diagnose(arrived: dt.date):
    answers = {
        "tracking_number": "LX123456785GB",
        "destination": "US",
        "shipped_on": dt.date(2026, 11, 5),
        "last_event": "arrived-destination",
        "last_event_on": arrived,
        "recipient_says": "not-received",
        "destination_site": "not-checked",
    }
    return diagnose(KB, answers, TODAY)


def _situations(arrived: dt.date) -> set[str]:
    return {s.id for s in _diagnose(arrived).situations}


def test_review_r21_7_held_by_customs_is_not_on_time_in_the_network():
    situations = _situations(dt.date(2026, 11, 16))
    assert "held-in-customs" in situations
    assert "in-destination-country" not in situations
    steps = {a.id for a in _diagnose(dt.date(2026, 11, 16)).advice}
    assert {"contact-customs", "contact-destination-operator"} <= steps


def test_arrived_days_ago_it_is_still_on_time():
    situations = _situations(TODAY - dt.timedelta(days=3))
    assert "in-destination-country" in situations
    assert "held-in-customs" not in situations


def test_the_two_situations_exclude_each_other():
    excludes = KB.situations["in-destination-country"].get("excludes", [])
    assert "held-in-customs" in excludes
