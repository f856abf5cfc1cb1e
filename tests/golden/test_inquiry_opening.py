"""An inquiry step is never given before the post takes one (brief s21, issue 11): where a
post's own terms give the day from which it accepts an inquiry on a service (facts/
time_limits.toml [[inquiry_opening]]: Swiss Post inside Switzerland 7 days at the latest,
Hongkong Post abroad 14 days for registered mail and parcels and 2 for Speedpost, USPS 3 days
for Priority Mail Express International and 7 for a Missing Mail search inside the US,
Australia Post inside Australia 24 days at the latest), a parcel shown delivered but not
received the day before got "File an inquiry ... before <six months on>" the post would turn
down as too early; now the step says from which date (never a past one), quoting the post's
terms, and from that day on it is the usual inquiry step. A post with no opening on record,
and a service its terms do not name, keep the usual step."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 25)


def _steps(origin: str, destination: str, days_ago: int, service: str | None):
    given = {
        "origin": origin,
        "destination": destination,
        "service": service,
        "shipped_on": TODAY - dt.timedelta(days=days_ago),
        "last_event": "delivered",
        "last_event_on": TODAY - dt.timedelta(days=1),
        "recipient_says": "not-received",
    }
    given = {key: value for key, value in given.items() if value is not None}  # None: not given
    return {a.id: a for a in diagnose(KB, given, TODAY).advice}


OPENINGS = [  # origin, destination, service, days after posting, words of the post's terms
    ("CH", "CH", "postal-parcel", 7, "standard transit time has been exceeded by more than two"),
    ("CH", "CH", "registered-post", 7, "Swiss Post opens an inquiry"),
    ("HK", "FR", "registered-post", 14, "from 2 weeks after posting"),
    ("HK", "GB", "postal-parcel", 14, "from 2 weeks after posting"),
    ("HK", "FR", "ems", 2, "Speedpost items from 2 days"),
    ("US", "FR", "ems", 3, "from 3 days after mailing"),
    ("US", "US", "tracked-post", 7, "missing 7 days or more"),
    ("US", "US", "ems", 7, "missing 7 days or more"),
    ("AU", "AU", "registered-post", 24, "within 10 business days of its expected delivery"),
    ("AU", "AU", None, 24, "within 10 business days of its expected delivery"),  # domestic, any
]


@pytest.mark.parametrize(("origin", "destination", "service", "days", "words"), OPENINGS)
def test_too_early_the_step_says_from_which_date(origin, destination, service, days, words):
    for days_ago in sorted({1, days - 1}):
        steps = _steps(origin, destination, days_ago, service)
        assert "file-inquiry" not in steps, (days_ago, list(steps))
        step = steps["file-inquiry-from"]
        opens = TODAY - dt.timedelta(days=days_ago) + dt.timedelta(days=days)
        assert step.due == opens.isoformat() and opens > TODAY
        assert f"from {opens.isoformat()} on" in step.text and words in step.text


@pytest.mark.parametrize(("origin", "destination", "service", "days", "words"), OPENINGS)
def test_from_the_day_the_post_takes_it_the_usual_step(origin, destination, service, days, words):
    for days_ago in (days, days + 5):
        steps = _steps(origin, destination, days_ago, service)
        assert "file-inquiry" in steps and "file-inquiry-from" not in steps, (days_ago, steps)


@pytest.mark.parametrize(
    ("origin", "destination", "service"),
    [("FR", "FR", "postal-parcel"), ("HK", "FR", "tracked-post"), ("US", "FR", "registered-post")],
    ids=["no-opening-on-record", "a-service-its-terms-do-not-name", "registered-from-the-us"],
)
def test_other_items_keep_the_usual_step(origin, destination, service):
    steps = _steps(origin, destination, 1, service)
    assert "file-inquiry" in steps and "file-inquiry-from" not in steps, list(steps)
