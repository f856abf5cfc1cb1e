"""An untracked letter is never told to "look the tracking up" (review10 R13; real route
NO -> CZ, MCUdude/MajorCore #21): untracked letter post usually has no number and nothing
records its way after the origin, so a lost or long-overdue one gets no look-up step and
is not called "tracking not looked at". A tracked service in the same position keeps the
look-up (the inquiry asks for its events)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

ROOT = Path(__file__).resolve().parents[2]
KB = loader.load(ROOT / "facts", ROOT / "rules")
TODAY = dt.date(2026, 11, 26)
ROUTES = [("NO", "CZ"), ("US", "DE"), ("CN", "GB"), ("DE", "AU"), ("FR", "BR")]
ANSWERS = ["not-received", "not-asked"]


def _run(route, service, age, recipient_says):
    answers = {
        "origin": route[0],
        "destination": route[1],
        "service": service,
        "shipped_on": TODAY - dt.timedelta(days=age),
        "recipient_says": recipient_says,
    }
    result = diagnose(KB, answers, TODAY)
    return {s.id for s in result.situations}, [a.id for a in result.advice]


@settings(max_examples=120, deadline=None)
@given(
    route=st.sampled_from(ROUTES),
    age=st.integers(1, 400),
    recipient_says=st.sampled_from(ANSWERS),
)
def test_an_untracked_letter_gets_no_look_up(route, age, recipient_says):
    situations, advice = _run(route, "untracked-post", age, recipient_says)
    assert "look-up-tracking" not in advice, (route, age, recipient_says)
    assert "long-overdue" not in situations  # "its tracking not looked at"
    assert advice  # never a dead end


def test_a_tracked_item_lost_long_after_posting_keeps_the_look_up():
    for route in ROUTES:
        for service in ("registered-post", "tracked-post"):
            situations, advice = _run(route, service, 120, "not-received")
            assert "likely-lost" in situations, (route, service)
            assert "look-up-tracking" in advice, (route, service)


def test_an_untracked_item_is_not_asked_for_a_number_or_its_last_event():
    # review14 L-R26 (a): an airmail letter sent with no tracking (NO -> CZ, 2020) was
    # still asked "What is the tracking number?" and "What is the last event the tracking
    # shows?" under "Answers that would sharpen"
    answers = {
        "origin": "NO", "destination": "CZ", "service": "untracked-post",
        "shipped_on": "2020-06-15", "recipient_says": "not-received",
    }  # fmt: skip
    missing = diagnose(KB, answers, dt.date(2020, 7, 21)).missing
    assert "tracking_number" not in missing and "last_event" not in missing, missing
    tracked = diagnose(KB, {**answers, "service": "tracked-post"}, dt.date(2020, 7, 21)).missing
    assert "tracking_number" in tracked and "last_event" in tracked
