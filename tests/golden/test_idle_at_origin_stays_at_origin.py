"""An item that never left the origin is not sent to the destination (review12 R-R17): a
China Post item whose newest event was its acceptance 29 days earlier was told to "Track it on
the destination operator's own site" and "Ask the destination's customs (Germany) ... whether
the parcel is held", and the reason shown was the between-countries one (moving-but-late);
German customs cannot know of an item that never left China.

Now postal-idle-at-origin (rules/45-destination.toml) derives `idle_at_origin`: moving-but-late,
late-ask-customs and follow-on-destination-operator-page step aside, the origin's post is the
one asked, and its own reason is the one shown. Inside one country the late steps (the
operator's inquiry) still follow."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
DESTINATION_SIDE = {"contact-customs", "check-destination-operator-site"}


@pytest.mark.parametrize(
    ("number", "shipped", "scanned"),
    [
        ("RR123456785CN", dt.date(2026, 10, 20), dt.date(2026, 10, 22)),
        ("EA123456785CN", dt.date(2026, 10, 26), dt.date(2026, 10, 28)),
    ],
)
def test_review_r_r17_idle_at_origin_asks_the_origin_only(number, shipped, scanned):
    answers = {
        "tracking_number": number,
        "destination": "DE",
        "last_event": "accepted",
        "shipped_on": shipped,
        "last_event_on": scanned,
        "recipient_says": "not-received",
    }
    found = diagnose(KB, answers, TODAY)
    advice = {a.id for a in found.advice}
    assert not DESTINATION_SIDE & advice, advice
    assert "contact-origin-carrier" in advice
    delayed = next(s for s in found.situations if s.id == "transit-delayed")
    assert delayed.rules[0] == "postal-idle-at-origin"


def test_inside_one_country_the_late_steps_stay():
    answers = {
        "origin": "US",
        "destination": "US",
        "carrier": "usps",
        "service": "tracked-post",
        "last_event": "accepted",
        "shipped_on": dt.date(2026, 10, 20),
        "last_event_on": dt.date(2026, 10, 22),
        "recipient_says": "not-received",
    }
    advice = {a.id for a in diagnose(KB, answers, TODAY).advice}
    assert "file-inquiry" in advice
    assert "contact-customs" not in advice
