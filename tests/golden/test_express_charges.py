"""An express courier's parcel with import charges to pay (review10 R7): the courier pays
customs and collects the charges itself, so the step names the courier's request and its own
payment, never the destination post's card, letter or office (facts/customs_payment.toml
describes the posts); a postal item to the same destination keeps the post's record. The
customs step reads "the destination country's customs (NAME)", not "the customs of NAME"
(review10 R9)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

ROOT = Path(__file__).resolve().parents[2]
KB = loader.load(ROOT / "facts", ROOT / "rules")
TODAY = dt.date(2026, 11, 26)
PAYMENT = KB.tables["customs_payment"]
DESTINATIONS = ["GB", "DE", "AU", "BR", "CA", "JP"]


def _steps(destination: str, **given: str) -> dict[str, str]:
    answers = {
        "origin": "CN",
        "destination": destination,
        "shipped_on": TODAY - dt.timedelta(days=10),
        "last_event": "customs",
        "last_event_on": TODAY - dt.timedelta(days=6),
        "recipient_says": "not-received",
        "customs_notice": "fee-to-pay",
        **given,
    }
    return {a.id: a.text for a in diagnose(KB, answers, TODAY).advice}


@pytest.mark.parametrize("carrier", ["dhl-express", "ups", "fedex"])
@pytest.mark.parametrize("destination", DESTINATIONS)
def test_the_courier_collects_the_charges(carrier, destination):
    text = _steps(destination, carrier=carrier)["recipient-pays-charges"]
    assert "courier" in text
    assert PAYMENT[destination]["notice"] not in text
    assert PAYMENT[destination]["pay"] not in text


@pytest.mark.parametrize("destination", DESTINATIONS)
def test_a_postal_item_keeps_the_posts_record(destination):
    text = _steps(destination, service="tracked-post")["recipient-pays-charges"]
    assert PAYMENT[destination]["notice"] in text


def test_the_customs_step_names_the_country_in_brackets():
    answers = {"destination": "US", "last_event": "customs", "recipient_says": "not-received"}
    texts = [a.text for a in diagnose(KB, answers, TODAY).advice if a.id == "contact-customs"]
    assert texts and "customs (the United States)" in texts[0] and "customs of" not in texts[0]


@pytest.mark.parametrize("carrier", ["dhl-express", "ups", "fedex"])
@pytest.mark.parametrize("destination", DESTINATIONS)
@pytest.mark.parametrize(
    ("last_event", "said"),
    [("customs", "not-received"), ("delivered", "not-received"), ("delivery-attempted", None)],
)
def test_the_destination_steps_name_the_courier_not_the_post(
    carrier, destination, last_event, said
):
    """review10 R10: 'Ask Deutsche Post now' / 'Contact Royal Mail' for a DHL Express parcel
    that is never in the post's hands."""
    answers = {
        "origin": "CN",
        "destination": destination,
        "carrier": carrier,
        "shipped_on": TODAY - dt.timedelta(days=40),
        "last_event": last_event,
        "last_event_on": TODAY - dt.timedelta(days=30),
        **({"recipient_says": said} if said else {}),
    }
    post = KB.tables["countries"][destination]["postal_operator"]
    courier = KB.tables["carriers"][carrier]["name"]
    steps = [a for a in diagnose(KB, answers, TODAY).advice]
    named = [a for a in steps if a.id in {"contact-destination-operator", "ask-about-ended-hold"}]
    # held or waiting, a courier's parcel has no post's hold to end (test_courier_no_postal_hold)
    assert named or last_event != "delivered" or destination not in {"GB", "DE"}, answers
    for step in named:
        assert courier in step.text, step.text
    for step in steps:
        assert post not in step.text, step.text
