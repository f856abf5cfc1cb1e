"""A parcel out for delivery long ago, with nothing since and nothing received, is asked
about now, not waited for (review14 R-R26): a USPS tracked item US -> GB out for delivery
20 days earlier was told "Wait until 2026-12-30" (the event plus the service's 60-day
silence limit), and one out 3 days earlier was told to wait until 2027-01-16. Past the
destination-idle limit (rules/45-destination.toml out-for-delivery-and-nothing-since) the
recipient looks for a card, the delivering operator is asked, and no wait is given; before
it, the wait ends on that day (out-for-delivery-wait, review14 R-R34)."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
IDLE = KB.tables["limits"]["destination-idle"]["days"]
REVIEW = {
    "origin": "US",
    "destination": "GB",
    "carrier": "usps",
    "service": "tracked-post",
    "shipped_on": dt.date(2026, 10, 1),
    "last_event": "out-for-delivery",
    "recipient_says": "not-received",
}


def _advice(days_ago: int, **answers: object) -> set[str]:
    scanned = TODAY - dt.timedelta(days=days_ago)
    given = {k: v for k, v in (REVIEW | {"last_event_on": scanned} | answers).items() if v}
    found = diagnose(KB, given, TODAY)
    return {a.id for a in found.advice}


@pytest.mark.parametrize("days_ago", [20, IDLE + 1])
@pytest.mark.parametrize(
    "answers",
    [{}, {"service": None}, {"carrier": "fedex", "service": "express-courier"}],
)
def test_out_for_delivery_long_ago_is_asked_about_now(days_ago, answers):
    advice = _advice(days_ago, **answers)
    assert "wait-until" not in advice, advice
    assert {"recipient-checks-for-notice", "contact-destination-operator"} <= advice


def test_out_for_delivery_days_ago_still_waits():
    assert "wait-until" in _advice(3)


@pytest.mark.parametrize("days_ago", [0, 3, IDLE])
@pytest.mark.parametrize("on_time", [False, True])
def test_the_wait_ends_when_the_operator_would_be_asked(days_ago, on_time):
    # review14 R-R34: out for delivery 3 days earlier, the wait ran to the service's silence
    # limit (late) or transit window (on time), weeks past the day the report switches to
    # "ask the delivering operator now" (destination-idle after the scan)
    scanned = TODAY - dt.timedelta(days=days_ago)
    posted = {"shipped_on": scanned - dt.timedelta(days=2)} if on_time else {}
    given = REVIEW | {"last_event_on": scanned} | posted
    waits = [a.due for a in diagnose(KB, given, TODAY).advice if a.id == "wait-until"]
    assert waits == [(scanned + dt.timedelta(days=IDLE)).isoformat()], waits


def test_a_received_parcel_is_not_chased():
    assert "contact-destination-operator" not in _advice(20, recipient_says="received")
