"""Destinations where items from abroad wait at the post office (facts/collection.toml):
a recipient who has nothing is sent to ask there. Nepal, Burundi, Rwanda and Dominica
since session 14 (real cases: an EMS from Japan collected at Kathmandu's Central Post
Office; the posts' own pages for Burundi and Dominica). Kenya, Uganda, Tanzania, Ghana,
Ethiopia, Liberia, Panama, Burkina Faso, Malawi, Senegal, Paraguay, Bolivia, Nicaragua,
Zambia, Namibia, The Gambia and Mauritius since session 16 (no home delivery: a P.O. box
and the post office's counter)."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose

TODAY = dt.date(2026, 11, 20)


def _steps(kb, destination: str) -> set[str]:
    """The steps for an EMS item from Japan that reached `destination` and has not come."""
    answers = {
        "origin": "JP",
        "destination": destination,
        "carrier": "japan-post",
        "service": "ems",
        "shipped_on": dt.date(2026, 11, 2),
        "last_event": "arrived-destination",
        "last_event_on": dt.date(2026, 11, 9),
        "recipient_says": "not-received",
    }
    return {a.id for a in diagnose(kb, answers, TODAY).advice}


PARCELS_COLLECTED = [
    "KE",
    "UG",
    "TZ",
    "GH",
    "ET",
    "LR",
    "PA",
    "BF",
    "MW",
    "SN",
    "PY",
    "BO",
    "ZM",
    "NA",
    "GM",
    "MU",
]


@pytest.mark.parametrize("destination", ["NP", "BI", "RW", "DM", "NI", *PARCELS_COLLECTED])
def test_a_recipient_with_nothing_asks_at_the_post_office(kb, destination):
    assert "recipient-collects-parcel" in _steps(kb, destination)


def test_a_destination_without_a_record_is_not_sent_to_the_counter(kb):
    assert "recipient-collects-parcel" not in _steps(kb, "FR")


@pytest.mark.parametrize("destination", PARCELS_COLLECTED)
def test_a_parcel_arrived_where_parcels_are_collected_waits_to_be_collected(kb, destination):
    """Session 16: each of these destinations' sources says parcels from abroad are not
    brought to the door (P.O. boxes, a slip, the counter), so `parcels_collected` is set
    and an EMS shown arrived there, not received and with no notice, is awaiting pickup
    (rules/45-customs-returns.toml arrived-where-parcels-are-collected), not merely 'in
    the destination country'."""
    answers = {
        "origin": "JP",
        "destination": destination,
        "carrier": "japan-post",
        "service": "ems",
        "shipped_on": dt.date(2026, 11, 2),
        "last_event": "arrived-destination",
        "last_event_on": dt.date(2026, 11, 9),
        "customs_notice": "none",
        "recipient_says": "not-received",
    }
    assert "awaiting-pickup" in {s.id for s in diagnose(kb, answers, TODAY).situations}
