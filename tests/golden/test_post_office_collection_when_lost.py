"""A parcel given up as lost is not sent to be collected "before the holding period ends"
(reason R21-2): an Australia Post parcel inside Australia, 66 days after posting, no notice
(cases/real/au-au-ebay-sellers-stock-...), got likely-lost and, from Australia's collection
practice (items held about three weeks, then returned), "Have the recipient collect it ...
before the holding period ends". Silent past its given-up point, it is past any counter's hold:
ask-at-the-post-office steps aside for likely-lost; the recipient still looks for it (a card,
the local post office) and the seller files the inquiry. Within the window it is still sent to
the counter."""

from __future__ import annotations

import datetime as dt

from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2018, 1, 5)


def _diagnose(shipped_on: dt.date):
    answers = {
        "origin": "AU",
        "destination": "AU",
        "carrier": "australia-post",
        "shipped_on": shipped_on,
        "recipient_says": "not-received",
    }
    return diagnose(KB, answers, TODAY)


def test_review_r21_2_lost_inside_australia_is_not_collected_before_the_hold_ends():
    result = _diagnose(dt.date(2017, 10, 31))
    assert "likely-lost" in {s.id for s in result.situations}
    steps = {a.id for a in result.advice}
    assert "recipient-collects-parcel" not in steps
    assert {"recipient-checks-for-notice", "file-inquiry"} <= steps


def test_not_yet_lost_it_is_still_asked_for_at_the_post_office():
    result = _diagnose(TODAY - dt.timedelta(days=14))
    assert "likely-lost" not in {s.id for s in result.situations}
    assert "recipient-collects-parcel" in {a.id for a in result.advice}
