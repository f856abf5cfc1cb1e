"""Inside one country, the operator's own claim window on record dates the inquiry (review12
K-R4): facts/time_limits.toml [[domestic]] gives USPS 60 days from mailing and Royal Mail 80
days from posting for a claim on a parcel lost inside the country. The inquiry step was
undated ("before its deadline (inside one country the operator's own, often weeks after
posting: ask it)"); now it is dated by that window (rules/50-outcome.toml
inquiry-inside-one-country-by-its-window), and past it the report says the window has
passed instead of asking to file before a deadline (inquiry-inside-one-country-window-passed).
A country with no window on record keeps the undated step."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
WINDOWS = {r["country"]: r for r in KB.records("domestic_transit") if "claim_within_days" in r}


def _steps(country: str, carrier: str, shipped: dt.date) -> dict[str, str | None]:
    answers = {
        "origin": country,
        "destination": country,
        "carrier": carrier,
        "service": "tracked-post",
        "last_event": "in-destination-network",
        "shipped_on": shipped,
        "last_event_on": shipped + dt.timedelta(days=2),
        "recipient_says": "not-received",
    }
    return {a.id: a.due for a in diagnose(KB, answers, TODAY).advice}


@pytest.mark.parametrize(("country", "carrier"), [("US", "usps"), ("GB", "royal-mail")])
def test_the_inquiry_is_dated_by_the_operators_window(country, carrier):
    shipped = dt.date(2026, 10, 1)  # lost (silent 48 days), inside both windows
    due = shipped + dt.timedelta(days=WINDOWS[country]["claim_within_days"])
    steps = _steps(country, carrier, shipped)
    assert steps["file-inquiry"] == due.isoformat(), steps
    assert "domestic-claim-window-passed" not in steps


@pytest.mark.parametrize(("country", "carrier"), [("US", "usps"), ("GB", "royal-mail")])
def test_past_the_window_it_says_so(country, carrier):
    shipped = TODAY - dt.timedelta(days=WINDOWS[country]["claim_within_days"] + 1)
    steps = _steps(country, carrier, shipped)
    assert "domestic-claim-window-passed" in steps
    assert "file-inquiry" not in steps, steps


def test_no_window_on_record_stays_undated():
    assert "DE" not in WINDOWS
    steps = _steps("DE", "deutsche-post", dt.date(2026, 10, 1))
    assert steps["file-inquiry"] is None
    assert "domestic-claim-window-passed" not in steps


@pytest.mark.parametrize(("country", "carrier"), [("US", "amazon-logistics"), ("GB", "evri")])
def test_the_window_is_the_national_posts_only(country, carrier):
    # review14 R-R35: USPS's 60 days were pinned on Amazon Logistics, Royal Mail's 80 on
    # Evri, with "file before its deadline" beside "its window has passed". (With no carrier
    # named the steps name the national post as the company paid, and its window applies:
    # tests/golden/test_domestic_inquiry.py, review19.)
    shipped = TODAY - dt.timedelta(days=WINDOWS[country]["claim_within_days"] + 1)
    answers = {
        "origin": country,
        "destination": country,
        "service": "tracked-post",
        "last_event": "in-destination-network",
        "shipped_on": shipped,
        "last_event_on": shipped + dt.timedelta(days=2),
        "recipient_says": "not-received",
        "carrier": carrier,
    }
    steps = {a.id: a.due for a in diagnose(KB, answers, TODAY).advice}
    assert "domestic-claim-window-passed" not in steps, steps
    assert steps["file-inquiry"] is None  # the operator's own deadline, not a post's date
