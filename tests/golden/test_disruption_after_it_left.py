"""An origin's disruption does not hold a parcel whose newest event is in the destination
(rules/25-disruptions.toml in-the-destination-before-an-origin-stop). Review13's sweep: a
registered item handed to the destination's local carrier in October 2022 was told to wait out
Royal Mail's export stop of January 2023 ("Do not reship by the same route yet") beside
"Decide: reship or refund". Nor one that reached the destination after it began. A parcel only
exported before the stop, and one in the destination when the destination's own operator
stopped, are still held."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
HOLD = {
    "warn-recipient-disruption",
    "hold-reship-during-disruption",
    "resend-by-unaffected-carrier",
}
# Royal Mail's export stop after the cyber incident: from 2023-01-11 (facts/disruptions.toml)
ROYAL_MAIL = {
    "origin": "GB",
    "destination": "US",
    "carrier": "royal-mail",
    "service": "registered-post",
    "shipped_on": dt.date(2022, 12, 20),
    "last_event_on": dt.date(2023, 1, 5),
    "recipient_says": "not-received",
}


def _advice(answers: dict[str, object], today: dt.date) -> set[str]:
    return {a.id for a in diagnose(KB, answers, today).advice}


@pytest.mark.parametrize("stage", ["arrived-destination", "customs", "in-destination-network"])
def test_in_the_destination_before_the_origins_stop(stage):
    assert not HOLD & _advice(ROYAL_MAIL | {"last_event": stage}, dt.date(2023, 1, 25))


def test_the_sweeps_item_is_not_held():
    answers = ROYAL_MAIL | {
        "destination": "BJ",
        "carrier": "posta-srbije",
        "shipped_on": dt.date(2022, 9, 29),
        "last_event": "handed-to-local-carrier",
        "last_event_on": dt.date(2022, 10, 13),
    }
    advice = _advice(answers, dt.date(2023, 4, 6))
    assert "decide-reship-or-refund" in advice
    assert not HOLD & advice, advice


def test_only_exported_before_the_stop_is_still_held():
    assert _advice(ROYAL_MAIL | {"last_event": "export"}, dt.date(2023, 1, 25)) >= HOLD


@pytest.mark.parametrize("stage", ["arrived-destination", "in-destination-network"])
def test_in_the_destination_after_the_stop_began_is_not_held_either(stage):
    # reason2 (session 15): an IN -> DE parcel in Deutsche Post's network three days after
    # India Post's stop began was still held by it; arrived after the start, it had left the
    # origin operator's hands all the same (this test said "still held" before)
    answers = ROYAL_MAIL | {"last_event": stage}
    answers["last_event_on"] = dt.date(2023, 1, 12)
    assert not HOLD & _advice(answers, dt.date(2023, 1, 25))


def test_in_the_destination_without_a_date_is_not_held():
    answers = ROYAL_MAIL | {"last_event": "in-destination-network"}
    del answers["last_event_on"]
    assert not HOLD & _advice(answers, dt.date(2023, 1, 25))


def test_a_destination_strike_holds_a_parcel_already_there():
    """Canada Post's strike from 2024-11-15: a US parcel in Canada since 11-10 is held by it."""
    answers = {
        "origin": "US",
        "destination": "CA",
        "carrier": "usps",
        "service": "tracked-post",
        "last_event": "in-destination-network",
        "shipped_on": dt.date(2024, 11, 1),
        "last_event_on": dt.date(2024, 11, 10),
        "recipient_says": "not-received",
    }
    assert _advice(answers, dt.date(2024, 11, 25)) >= HOLD
