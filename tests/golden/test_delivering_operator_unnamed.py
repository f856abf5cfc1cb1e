"""With nothing saying how a parcel went, the destination's post is not named as the one
delivering it (reason R21-5): an order shown delivered in Greece, the recipient with nothing
and no carrier, service or number answered (cases/real/xx-gr-amazon-order-...: the village
post office had nothing, a private courier in the next town held it) got "Contact ELTA
Hellenic Post". The step now names the company the tracking shows delivering it, its post or a
courier; a postal service, a postal carrier or a tracking number still names the post."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2015, 7, 21)


def _contact(**more: str) -> str:
    answers = {
        "destination": "GR",
        "last_event": "delivered",
        "recipient_says": "not-received",
        **more,
    }
    result = diagnose(KB, answers, TODAY)
    return next(a for a in result.advice if a.id == "contact-destination-operator").text


def test_review_r21_5_no_carrier_does_not_name_the_post():
    text = _contact()
    assert "ELTA" not in text
    assert "the tracking names it: its post or a courier" in text


@pytest.mark.parametrize(
    "more",
    [
        {"service": "registered-post"},
        {"carrier": "usps"},
        {"tracking_number": "RR123456785US"},
    ],
)
def test_a_postal_item_still_names_the_destination_post(more):
    assert _contact(**more).startswith("Contact ELTA Hellenic Post")
