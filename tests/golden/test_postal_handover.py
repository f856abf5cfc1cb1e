"""A postal item whose tracking says 'handed to a local delivery company' (review12 R-R18):
there is no shipping line to ask for a new last-mile number; the destination's post delivers
it under the same number. Before: a Royal Mail tracked item (LX...GB) to the US was told
'Ask the shipping line which local carrier delivers the parcel' (rules/40-progress.toml
handed-to-local-carrier now steps aside for a postal service; rules/45-destination.toml
postal-item-handed-over says it is in the destination country when on time). An
e-commerce line, or a courier, is still asked for the local carrier's number."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
STEP = "ask-consolidator-for-last-mile-number"


def _advice(**how: object) -> set[str]:
    answers: dict[str, object] = {
        "origin": "GB",
        "destination": "US",
        "last_event": "handed-to-local-carrier",
        "shipped_on": dt.date(2026, 10, 20),
        "last_event_on": dt.date(2026, 10, 26),
        "recipient_says": "not-received",
        **how,
    }
    return {a.id for a in diagnose(KB, answers, TODAY).advice}


def test_review_r_r18_royal_mail_tracked_item():
    advice = _advice(tracking_number="LX123456785GB")
    assert STEP not in advice
    assert "check-destination-operator-site" in advice


POSTAL = ("registered-post", "tracked-post", "ems", "postal-parcel")


@pytest.mark.parametrize("service", POSTAL)
def test_no_shipping_line_for_a_postal_item(service):
    assert STEP not in _advice(service=service)


@pytest.mark.parametrize("service", POSTAL)
def test_handed_on_two_days_ago_it_is_in_the_destination_country(service):
    answers = {"origin": "US", "destination": "AU", "service": service}
    answers |= {"last_event": "handed-to-local-carrier", "recipient_says": "not-received"}
    answers |= {"shipped_on": TODAY - dt.timedelta(days=4), "last_event_on": TODAY}
    found = diagnose(KB, answers, TODAY)
    assert "in-destination-country" in {s.id for s in found.situations}


@pytest.mark.parametrize("how", [{"carrier": "yunexpress"}, {"service": "ecommerce-line"}, {}])
def test_a_line_or_an_unknown_carrier_is_still_asked(how):
    assert STEP in _advice(**how)
