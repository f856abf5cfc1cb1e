"""An item's inquiry is dated by the origin post's own window for its service where it is
shorter than the UPU's six months (review15 K-R20 for EMS; per service since session 18):
USPS takes inquiries on Priority Mail Express International up to 90 days after mailing (IMM
Exhibit 921.2), Hongkong Post on Speedpost up to three months after posting and on registered
mail and parcels up to five (its mail-tracing FAQ). An EMS item from the United States lost 50
days after posting was told to file "before" a date six months on, a registered item from Hong
Kong too; now the step carries the post's date and quotes its terms, and past it the report
says the window has passed instead of naming a deadline the post does not keep. Registered
items from the US, EMS from a post with no such window on record, a Hong Kong service its
words do not name (tracked post), and a damaged item keep the UPU's six months."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.inference.conclusions import add_months
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 5, 20)
SIX_MONTHS_ON = dt.date(2026, 9, 2)  # from the day after posting on 1 March 2026


def _steps(origin: str, days_ago: int, **answers: object) -> dict[str, object]:
    shipped = TODAY - dt.timedelta(days=days_ago)
    given = {
        "origin": origin,
        "destination": "DE",
        "service": "ems",
        "last_event": "export",
        "shipped_on": shipped,
        "last_event_on": shipped + dt.timedelta(days=1),
        "recipient_says": "not-received",
        **answers,
    }
    given = {key: value for key, value in given.items() if value is not None}  # None: not given
    return {a.id: a for a in diagnose(KB, given, TODAY).advice}


WINDOWS = [
    ("US", "ems", 90, "90 days"),
    ("HK", "ems", 89, "3 months"),
    ("HK", "registered-post", 150, "5 months"),
    ("HK", "postal-parcel", 150, "5 months"),
]


@pytest.mark.parametrize(("origin", "service", "window", "words"), WINDOWS)
def test_the_inquiry_is_dated_by_the_posts_window(origin, service, window, words):
    steps = _steps(origin, 50, service=service)
    shipped = TODAY - dt.timedelta(days=50)
    assert steps["file-inquiry"].due == (shipped + dt.timedelta(days=window)).isoformat()
    assert words in steps["file-inquiry"].text
    assert "ems-inquiry-window-passed" not in steps


@pytest.mark.parametrize(("origin", "service", "window", "words"), WINDOWS)
def test_past_the_window_it_says_so(origin, service, window, words):
    steps = _steps(origin, window + 5, service=service)
    assert "ems-inquiry-window-passed" in steps
    assert words in steps["ems-inquiry-window-passed"].text
    assert "file-inquiry" not in steps, list(steps)


@pytest.mark.parametrize(
    ("origin", "answers"),
    [
        ("US", {"service": "registered-post"}),
        ("FR", {}),
        ("HK", {"service": "tracked-post"}),
        ("US", {"recipient_says": "received-damaged", "last_event": "delivered"}),
    ],
    ids=["registered-from-the-us", "ems-from-france", "tracked-from-hong-kong", "damaged"],
)
def test_other_items_keep_the_upus_six_months(origin, answers):
    steps = _steps(origin, 80, **answers)
    assert steps["file-inquiry"].due == SIX_MONTHS_ON.isoformat(), steps["file-inquiry"]
    assert "ems-inquiry-window-passed" not in steps


@pytest.mark.parametrize(("origin", "service", "window", "words"), WINDOWS)
def test_on_its_last_day_the_step_says_today(origin, service, window, words):
    # review18 R-R51: on the deadline day the step read "before" that very day
    text = _steps(origin, window, service=service)["file-inquiry"].text
    assert "TODAY" in text and words in text
    assert "before" not in text


@pytest.mark.parametrize(
    ("origin", "days_ago", "window"),
    [("HK", 50, 89), ("HK", 100, 150), ("US", 50, 90)],
    ids=["hk-before-speedpost-s", "hk-after-speedpost-s", "us-ems"],
)
def test_with_the_service_unknown_the_earliest_window_that_may_apply(origin, days_ago, window):
    # review18 R-R54: a deadline is safe only at its earliest; the UPU's six months were given
    steps = _steps(origin, days_ago, service=None)
    shipped = TODAY - dt.timedelta(days=days_ago)
    assert steps["file-inquiry"].due == (shipped + dt.timedelta(days=window)).isoformat()
    assert "the service is not known" in steps["file-inquiry"].text
    assert "ems-inquiry-window-passed" not in steps  # none is known to have passed


@pytest.mark.parametrize(
    ("origin", "days_ago"), [("HK", 160), ("FR", 80)], ids=["hk-past-them-all", "none-on-record"]
)
def test_past_them_all_or_with_none_on_record_the_six_months(origin, days_ago):
    steps = _steps(origin, days_ago, service=None)
    shipped = TODAY - dt.timedelta(days=days_ago)
    six_months = add_months(shipped + dt.timedelta(days=1), 6)
    assert steps["file-inquiry"].due == six_months.isoformat()
    assert "ems-inquiry-window-passed" not in steps
