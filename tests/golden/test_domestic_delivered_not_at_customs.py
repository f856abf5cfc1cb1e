"""A parcel inside one country shown delivered is not at a customs office (review R23-1).
In Germany the international tracking may show the post's handover of an item from abroad
to the customs office near the recipient as a delivery (delivered-to-the-customs-office);
a DE-DE DPD parcel shown delivered and not received was concluded 'customs-asks-recipient'
with 'answer customs', the CN 22 / CN 23 and 'ask Germany's customs': the rule stepped
aside for a customs-union route, a fact never set inside one country. Inside one country it
is a delivery the recipient has not got; from outside the union it is still read so."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
CUSTOMS = {"recipient-answers-customs", "send-customs-documents", "contact-customs"}


def _ids(origin: str, carrier: str) -> tuple[set[str], set[str]]:
    answers = {
        "origin": origin,
        "destination": "DE",
        "carrier": carrier,
        "last_event": "delivered",
        "last_event_on": dt.date(2026, 11, 18),
        "recipient_says": "not-received",
    }
    result = diagnose(KB, answers, TODAY)
    return {s.id for s in result.situations}, {a.id for a in result.advice}


@pytest.mark.parametrize("carrier", ["dpd", "gls", "deutsche-post"])
def test_review_r23_1_inside_germany_delivered_is_not_customs(carrier):
    situations, steps = _ids("DE", carrier)
    assert "delivered-but-not-received" in situations, situations
    assert "customs-asks-recipient" not in situations, situations
    assert not CUSTOMS & steps, steps


def test_from_outside_the_union_the_customs_office_is_still_read():
    situations, steps = _ids("US", "usps")
    assert "customs-asks-recipient" in situations, situations
    assert "recipient-answers-customs" in steps, steps
