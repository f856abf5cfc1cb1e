"""Which disruption the steps name when several caught the parcel (rules/25-disruptions.toml
disruption-at-posting-named, disruption-named): review12 R21, a US -> Canada parcel posted
on 2024-11-20, five days into the Canada Post strike, was told it was 'caught in a disruption
at USPS' (USPS stopped Canada-bound mail only on 29 November), because the steps named
whichever disruption fact came last. The one already in force on the posting day held it
first and is named; with none in force that day, one that caught it is still named."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
STEPS = (
    "warn-recipient-disruption",
    "hold-reship-during-disruption",
    "resend-by-unaffected-carrier",
)


def _steps(shipped_on: dt.date, today: dt.date) -> dict[str, str]:
    answers = {
        "origin": "US",
        "destination": "CA",
        "carrier": "usps",
        "service": "tracked-post",
        "shipped_on": shipped_on,
        "last_event": "export",
        "last_event_on": shipped_on + dt.timedelta(days=2),
    }
    return {a.id: a.text for a in diagnose(KB, answers, today).advice}


def test_review_r21_posted_into_the_canada_post_strike():
    steps = _steps(dt.date(2024, 11, 20), dt.date(2024, 12, 5))
    for step in STEPS:
        assert "Canada Post" in steps[step], steps[step]
        assert "USPS" not in steps[step], steps[step]


@pytest.mark.parametrize("day", [1, 5, 10, 14])
def test_posted_before_any_disruption_one_that_caught_it_is_named(day):
    steps = _steps(dt.date(2024, 11, day), dt.date(2024, 12, 5))
    assert "an operator on its route" not in steps["warn-recipient-disruption"]
