"""With no notice at all, the typical 21-day customs hold does not declare the hold over
(review12 R-R10): a US tracked item 26 days after its customs scan, the recipient with no
notice, was told "The holding period has probably ended ... on its way back to you, or
destroyed or sold" in Australia, New Zealand, Canada, Korea and India, from the labelled
default alone. A hold runs from a notice; without one, and without the destination's own
period on record, the item is given up only after its service's silence limit
(customs-hold-default-without-notice). With a destination's own period (US: CBP's 45
days), as before. With a notice and no period on record, the typical one runs from the
notice, whose date is not known (notices come months after the customs scan: review15
R-R41, test_notice_at_customs.py): the notice's own steps, never "ended"."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)


def _situations(destination: str, scanned: dt.date, notice: str) -> set[str]:
    answers = {
        "origin": "US",
        "destination": destination,
        "carrier": "usps",
        "service": "tracked-post",
        "shipped_on": scanned - dt.timedelta(days=24),
        "last_event": "customs",
        "last_event_on": scanned,
        "customs_notice": notice,
        "recipient_says": "not-received",
    }
    return {s.id for s in diagnose(KB, answers, TODAY).situations}


@pytest.mark.parametrize("destination", ["AU", "NZ", "CA", "KR", "IN", "US"])
def test_review_r_r10_no_notice_26_days_is_still_held(destination):
    situations = _situations(destination, dt.date(2026, 10, 25), "none")
    assert "hold-period-ended" not in situations
    assert "held-in-customs" in situations


def test_no_notice_past_the_silence_limit_the_hold_has_ended():
    assert "hold-period-ended" in _situations("AU", TODAY - dt.timedelta(days=61), "none")


def test_a_notice_starts_its_own_hold():
    # New Zealand: no customs period of its own on record (Australia's is 30 to 45 days)
    situations = _situations("NZ", dt.date(2026, 10, 25), "customs-letter")
    assert "hold-period-ended" not in situations and "customs-asks-recipient" in situations
