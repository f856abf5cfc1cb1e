"""Whom the recipient answers about customs, and how (rules/45-customs-returns.toml
reply-to-the-destination, reply-to-the-courier): review12 R23, an express courier's customs
letter was answered 'to the courier, on its own payment page or on delivery' (the courier's
way to collect charges), though such a letter asks for what the courier needs to clear the
parcel (real cases: FedEx asking for forms at its airport office, a list of the contents, the
recipient in person with a passport); and a Turkish or Chinese customs hold with no notice at
all (held_for_recipient) was told to 'answer the letter'. The step keeps its id,
recipient-answers-customs (real cases expect it); a post's step still reads the destination's
own record (facts/customs_payment.toml)."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
STEP = "recipient-answers-customs"


def _step(**answers: object):
    base: dict[str, object] = {
        "shipped_on": TODAY - dt.timedelta(days=10),
        "last_event": "customs",
        "last_event_on": TODAY - dt.timedelta(days=8),
    }
    steps = {a.id: a for a in diagnose(KB, base | answers, TODAY).advice}
    assert STEP in steps, sorted(steps)
    return steps[STEP]


@pytest.mark.parametrize("carrier", ["dhl-express", "fedex", "ups"])
@pytest.mark.parametrize("route", [("US", "GB"), ("PL", "CN"), ("US", "KR"), ("GB", "TR")])
def test_a_couriers_customs_letter_is_answered_with_what_it_asks_for(carrier, route):
    step = _step(
        origin=route[0],
        destination=route[1],
        carrier=carrier,
        customs_notice="customs-letter",
        recipient_says="not-received",
    )
    assert "payment page" not in step.text, step.text
    assert "the courier" in step.text and "ID or tax number" in step.text, step.text


@pytest.mark.parametrize("destination", ["TR", "CN"])
@pytest.mark.parametrize("says", [None, "not-received"])
def test_a_hold_for_the_recipient_without_a_notice_is_not_a_letter(destination, says):
    answers: dict[str, object] = {"origin": "US", "destination": destination}
    answers["service"] = "registered-post"
    if says:
        answers["recipient_says"] = says
    step = _step(**answers)
    assert "letter" not in step.title
    assert "answer the letter" not in step.text, step.text
    assert KB.tables["customs_payment"][destination]["operator"] in step.text


def test_a_posts_customs_letter_still_reads_the_destinations_record():
    step = _step(
        origin="US", destination="DE", service="registered-post", customs_notice="customs-letter"
    )
    assert "Zollamt" in step.text and "Postabfertigung von zu Hause" in step.text
