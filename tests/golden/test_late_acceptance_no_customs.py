"""Destination customs are not asked about an item whose newest event is its acceptance at
the origin (review13's sweep: 57 of 15,000 random answer sets did, all with an 'accepted' scan
dated weeks after the posting day, so the item was late by the posting date while nothing
showed it leaving the origin). late-ask-customs (rules/40-progress.toml) now reads late only
from a stage after the acceptance; an item that has left the origin and is late still gets it."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)


def _advice(last_event: str, scanned: dt.date, **answers: object) -> set[str]:
    base: dict[str, object] = {
        "origin": "CH",
        "destination": "GY",
        "carrier": "swiss-post",
        "service": "tracked-post",
        "last_event": last_event,
        "shipped_on": dt.date(2026, 9, 20),
        "last_event_on": scanned,
        "recipient_says": "not-received",
    }
    return {a.id for a in diagnose(KB, base | answers, TODAY).advice}


@pytest.mark.parametrize(
    ("scanned", "answers"),
    [
        # accepted 8 days ago, 53 days after posting (the sweep's Swiss Post item)
        (dt.date(2026, 11, 12), {}),
        (dt.date(2026, 11, 12), {"service": "ecommerce-line", "carrier": "yunexpress"}),
        # a line's item: no idle-at-origin rule for a line, accepted four weeks ago
        (dt.date(2026, 10, 23), {"service": "ecommerce-line", "carrier": "yunexpress"}),
    ],
)
def test_an_item_shown_only_accepted_is_not_at_customs_abroad(scanned, answers):
    assert "contact-customs" not in _advice("accepted", scanned, **answers)


def test_an_item_that_left_the_origin_late_still_asks_customs():
    assert "contact-customs" in _advice("export", dt.date(2026, 11, 12))
