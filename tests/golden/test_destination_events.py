"""The seller answered that the destination post's own page shows events while the origin's
site stops at export (review12 R-R7): the report went on from the origin's stale event ('Look
the same number up on USPS's page', customs, a dated wait) as if the seller had not looked.
Now its first step is to go by the destination's newest event and run again
(rules/20-network.toml events-seen-only-at-destination, advice use-destination-events).
An express courier's number is never on the destination post's page (review13 R-R23): the answer
sends no courier parcel there."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
COURIERS = sorted(c for c, r in KB.carriers.items() if r.get("service_class") == "express-courier")
TODAY = dt.date(2026, 11, 20)


def _advice(**answers: object) -> list[str]:
    base: dict[str, object] = {
        "tracking_number": "LX123456785CN",
        "destination": "US",
        "last_event": "export",
        "shipped_on": dt.date(2026, 10, 1),
        "last_event_on": dt.date(2026, 10, 4),
        "recipient_says": "not-received",
    }
    return [a.id for a in diagnose(KB, base | answers, TODAY).advice]


def test_review_r_r7_the_destination_page_shows_events():
    advice = _advice(destination_site="shows-events")
    assert advice[0] == "use-destination-events", advice


@pytest.mark.parametrize("site", [None, "no-record", "same-as-origin"])
def test_not_without_newer_events_there(site):
    answers = {"destination_site": site} if site else {}
    assert "use-destination-events" not in _advice(**answers)


def test_review_r_r23_a_courier_parcel_stays_on_the_couriers_page():
    """FedEx US->DE, export, destination_site = shows-events: was 'Deutsche Post's own page shows
    newer events' and 'Look the same number up on Deutsche Post's own tracking page'."""
    answers = {"origin": "US", "destination": "DE", "carrier": "fedex", "tracking_number": None}
    advice = _advice(destination_site="shows-events", **answers)
    assert "use-destination-events" not in advice, advice
    assert "check-destination-operator-site" not in advice, advice
    assert "check-courier-tracking" in advice, advice


@pytest.mark.parametrize("carrier", COURIERS)
@pytest.mark.parametrize("last_event", ["accepted", "export"])
def test_no_courier_is_sent_to_the_destination_post(carrier, last_event):
    answers = {"origin": "US", "destination": "DE", "carrier": carrier, "tracking_number": None}
    advice = _advice(destination_site="shows-events", last_event=last_event, **answers)
    assert not {"use-destination-events", "check-destination-operator-site"} & set(advice), advice
