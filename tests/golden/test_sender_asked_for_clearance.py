"""A carrier that waits for the SENDER at customs (review16 E-R35's residue, review17): UPS's
"UPS initiated contact with the sender to obtain clearance information. Once received, UPS will
submit for clearance." reads as customs, and every step was the recipient's or the
destination customs' (look for a card, ask customs, trace): nothing told the seller that the
parcel waits for them. Resolving it is the shipper's (mailboxmaster.net on UPS's "Clearance
Information Required"), and a courier whose attempts to reach the shipper fail returns or
disposes of the parcel (UPS to NBC News). The new answer `sender_asked` says so, the line
suggests it, the seller is told to answer the carrier at once, and for an express parcel at
customs the answer is asked for."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.events.read import suggested_answer
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 27)
UPS_LINE = (
    "UPS initiated contact with the sender to obtain clearance information. Once received, "
    "UPS will submit for clearance."
)
COURIER = {
    "origin": "CA",
    "destination": "CN",
    "carrier": "ups",
    "service": "express-courier",
    "last_event": "customs",
    "shipped_on": dt.date(2026, 11, 15),
    "last_event_on": dt.date(2026, 11, 20),
    "recipient_says": "not-received",
}
STEP = "answer-the-carrier-for-customs"


def _advice(answers: dict[str, Any]) -> list[str]:
    return [a.id for a in diagnose(KB, answers, TODAY).advice]


UPS_43 = (
    "UPS contacted the sender for additional details needed to clear customs. Please check back "
    "for updates."
)
UPS_29 = (
    "UPS initiated contact with receiver or importer for clearance information. Once received, UPS "
    "will submit for clearance."
)


@pytest.mark.parametrize("line", [UPS_LINE, UPS_43], ids=["ups-40", "ups-43"])
def test_the_line_suggests_the_answer(line):
    assert suggested_answer(KB, line) == ("sender_asked", "clearance-information")


def test_the_receivers_side_is_not_the_senders():
    assert suggested_answer(KB, UPS_29) != ("sender_asked", "clearance-information")


@pytest.mark.parametrize(
    "answers",
    [
        COURIER,
        {**COURIER, "service": "registered-post", "carrier": "canada-post"},
        {k: v for k, v in COURIER.items() if k not in ("shipped_on", "last_event_on")},
    ],
    ids=["courier", "post", "undated"],
)
def test_the_seller_is_told_to_answer_the_carrier(answers):
    advice = _advice({**answers, "sender_asked": "clearance-information"})
    assert STEP in advice, advice
    assert advice.index(STEP) < advice.index("contact-customs")  # the seller's answer first


@pytest.mark.parametrize(
    "answers",
    [
        {"sender_asked": "nothing"},
        {"sender_asked": "clearance-information", "recipient_says": "received"},
        {"sender_asked": "clearance-information", "last_event": "delivered"},
        # a disposal over customs: its own answer-the-courier step says it
        {
            "sender_asked": "clearance-information",
            "last_event": "exception",
            "exception_reason": "customs",
        },
    ],
    ids=["not-asked", "received", "delivered", "disposal"],
)
def test_not_when_nothing_waits_for_the_sender(answers):
    assert STEP not in _advice({**COURIER, **answers})


def test_an_express_parcel_at_customs_asks_whether_the_sender_was_asked():
    assert "sender_asked" in diagnose(KB, COURIER, TODAY).missing
    post = {**COURIER, "service": "registered-post", "carrier": "canada-post"}
    assert "sender_asked" not in diagnose(KB, post, TODAY).missing


def test_the_step_carries_a_reply_to_the_carrier():
    answers = {**COURIER, "tracking_number": "1ZV49E886793443586"}
    result = diagnose(KB, {**answers, "sender_asked": "clearance-information"}, TODAY)
    (message,) = next(a for a in result.advice if a.id == STEP).messages
    assert message.to == "carrier"
    assert "1ZV49E886793443586" in message.subject and "HS" in message.text
