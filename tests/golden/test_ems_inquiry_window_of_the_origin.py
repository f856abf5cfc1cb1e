"""An EMS item's inquiry is dated by the origin post's own window where it is shorter than
the UPU's six months (review15 K-R20): USPS takes inquiries on Priority Mail Express
International up to 90 days after mailing (IMM Exhibit 921.2), Hongkong Post on Speedpost up
to three months after posting (its mail-tracing FAQ). An EMS item from the United States lost
50 days after posting was told to file "before" a date six months on; now the step carries
the post's date and quotes its terms, and past it the report says the window has passed
instead of naming a deadline the post does not keep. Registered items from those posts, EMS
from a post with no such window on record, and a damaged item keep the UPU's six months."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
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
    return {a.id: a for a in diagnose(KB, given, TODAY).advice}


@pytest.mark.parametrize(("origin", "window"), [("US", 90), ("HK", 89)])
def test_the_inquiry_is_dated_by_the_posts_ems_window(origin, window):
    steps = _steps(origin, 50)
    shipped = TODAY - dt.timedelta(days=50)
    assert steps["file-inquiry"].due == (shipped + dt.timedelta(days=window)).isoformat()
    assert "EMS" in steps["file-inquiry"].text
    assert "ems-inquiry-window-passed" not in steps


@pytest.mark.parametrize("origin", ["US", "HK"])
def test_past_the_window_it_says_so(origin):
    steps = _steps(origin, 95)
    assert "ems-inquiry-window-passed" in steps
    assert "file-inquiry" not in steps, list(steps)


@pytest.mark.parametrize(
    ("origin", "answers"),
    [
        ("US", {"service": "registered-post"}),
        ("FR", {}),
        ("US", {"recipient_says": "received-damaged", "last_event": "delivered"}),
    ],
    ids=["registered-from-the-us", "ems-from-france", "damaged"],
)
def test_other_items_keep_the_upus_six_months(origin, answers):
    steps = _steps(origin, 80, **answers)
    assert steps["file-inquiry"].due == SIX_MONTHS_ON.isoformat(), steps["file-inquiry"]
    assert "ems-inquiry-window-passed" not in steps
