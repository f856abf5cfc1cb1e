"""A parcel received damaged is not traced (review15 R-R39). RR123456785US to GB, delivered,
received damaged, got "File an inquiry (trace request) ... (a trace request; between two
countries on UPU form CN 08)": the recipient has the parcel, and the post's inquiry is about
the damage, with the recipient's photos and the damage reported where it was delivered
(USPS IMM 920: an inquiry is also a complaint of damage). A lost parcel is still traced;
a courier's, a line's or a domestic parcel keeps its own terms."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
DAMAGED = {
    "tracking_number": "RR123456785US",
    "destination": "GB",
    "service": "registered-post",
    "last_event": "delivered",
    "shipped_on": dt.date(2026, 10, 1),
    "last_event_on": dt.date(2026, 10, 12),
    "recipient_says": "received-damaged",
}


def _texts(**changes: Any) -> dict[str, tuple[str, str]]:
    result = diagnose(KB, {**DAMAGED, **changes}, TODAY)
    return {a.id: (a.title, a.text) for a in result.advice}


def test_a_damaged_parcels_inquiry_is_about_the_damage():
    title, text = _texts()["file-inquiry"]
    assert title == "File an inquiry"
    assert "inquiry for damage" in text and "photos" in text
    assert "trace request" not in text


def test_a_lost_parcel_is_still_traced():
    steps = _texts(
        last_event="export", last_event_on=dt.date(2026, 10, 3), recipient_says="not-received"
    )
    assert "a trace request" in steps["file-inquiry"][1]


@pytest.mark.parametrize(
    "changes",
    [
        {"tracking_number": "1Z999AA10123456784", "carrier": "ups", "service": "express-courier"},
        {"tracking_number": "RR123456785GB", "origin": "GB"},  # inside one country
    ],
    ids=["courier", "domestic"],
)
def test_own_terms_are_kept(changes):
    assert not any("inquiry for damage" in text for _, text in _texts(**changes).values())
