"""A stop whose record says the items already posted went on through does not hold a parcel
posted before it (review12 R-R12 addendum; facts/disruptions.toml in_transit = "delivered":
Royal Mail paused US parcels on 26-27 August 2025 so that those in transit would arrive
before 29 August). A Royal Mail parcel posted on 22 August and exported on 24 August was told
on 25 September "Do not reship by the same route yet"; rules/25-disruptions.toml
posted-before-a-stop-that-let-items-through releases it. One posted during the pause, and
one posted before a stop whose record does not say so, are still held."""

from __future__ import annotations

import datetime as dt

from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
HOLD = {"warn-recipient-disruption", "hold-reship-during-disruption"}
REVIEW = {
    "origin": "GB",
    "destination": "US",
    "carrier": "royal-mail",
    "service": "tracked-post",
    "shipped_on": dt.date(2025, 8, 22),
    "last_event": "export",
    "last_event_on": dt.date(2025, 8, 24),
    "recipient_says": "not-received",
}


def _advice(answers: dict[str, object], today: dt.date) -> set[str]:
    return {a.id for a in diagnose(KB, answers, today).advice}


def test_the_review_parcel_posted_before_the_pause_is_not_held():
    assert not HOLD & _advice(REVIEW, dt.date(2025, 9, 25))


def test_a_parcel_posted_during_the_pause_is_held():
    answers = REVIEW | {"shipped_on": dt.date(2025, 8, 26), "last_event": "accepted"}
    answers["last_event_on"] = dt.date(2025, 8, 26)
    assert _advice(answers, dt.date(2025, 9, 5)) >= HOLD


def test_a_stop_with_no_word_on_items_in_transit_still_holds():
    """Deutsche Post's US stop from 26 August 2025 (in_transit unknown)."""
    answers = REVIEW | {"origin": "DE", "carrier": "deutsche-post", "service": "postal-parcel"}
    assert _advice(answers, dt.date(2025, 9, 10)) >= HOLD
