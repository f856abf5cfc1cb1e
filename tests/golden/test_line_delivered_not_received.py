"""An e-commerce line's parcel delivered on paper but not received is not sent to the
destination's post (review12 R-R16): a YunExpress parcel 'delivered' in France got "Contact La
Poste (web form or hotline) with the tracking number" and La Poste's tracking link with the YT
number; the line's local carrier (Colissimo, Colis Privé, DPD ...) delivers under its own
number, and only the line says which. Now the line is asked for the carrier and number
(delivered-not-received-ask-the-line); a postal item still goes to the destination's post."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
LINES = sorted(c for c, r in KB.carriers.items() if r.get("service_class") == "ecommerce-line")


def _advice(**how: object) -> set[str]:
    answers = {
        "destination": "FR",
        "last_event": "delivered",
        "shipped_on": dt.date(2026, 10, 20),
        "last_event_on": dt.date(2026, 11, 5),
        "recipient_says": "not-received",
        **how,
    }
    return {a.id for a in diagnose(KB, answers, TODAY).advice}


def test_review_r_r16_yunexpress_number():
    advice = _advice(tracking_number="YT2412345678901234")
    assert "ask-consolidator-for-last-mile-number" in advice
    assert "contact-destination-operator" not in advice


@pytest.mark.parametrize("carrier", LINES)
def test_every_line_is_asked_for_its_local_carrier(carrier):
    advice = _advice(origin="CN", carrier=carrier)
    assert "ask-consolidator-for-last-mile-number" in advice, carrier
    assert "contact-destination-operator" not in advice, carrier


def test_a_postal_item_still_goes_to_the_destination_post():
    advice = _advice(tracking_number="RR123456785CN")
    assert "contact-destination-operator" in advice
    assert "ask-consolidator-for-last-mile-number" not in advice
