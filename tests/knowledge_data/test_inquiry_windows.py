"""The origin posts' own inquiry windows, per service (facts/time_limits.toml
[[inquiry_window]]; review15 K-R20, generalised in session 18): USPS 90 days after mailing
for its EMS, Hongkong Post three months after posting for Speedpost and five for registered
mail and parcels, Korea Post four months from the day after posting for EMS, Chunghwa Post
three months from the day after posting for EMS, recorded as the
fewest days those calendar months hold, so the date given is never after the post's own last
day; only windows shorter than the UPU's six months, and one per post and service."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.inference.conclusions import add_months
from parcel_doctor.knowledge.loader import KnowledgeBase

DAYS = [dt.date(2023, 1, 1) + dt.timedelta(n) for n in range(4 * 365 + 1)]
NEXT_DAY = dt.timedelta(days=1)


def _windows(kb: KnowledgeBase) -> dict[tuple[str, str], tuple[int, str]]:
    return {
        (w["origin"], service): (w["within_days"], w["terms"])
        for w in kb.records("inquiry_windows")
        for service in w["services"]
    }


def test_the_published_windows_are_recorded(kb: KnowledgeBase):
    windows = _windows(kb)
    assert {key: days for key, (days, _) in windows.items()} == {
        ("US", "ems"): 90,
        ("HK", "ems"): 89,
        ("HK", "registered-post"): 150,
        ("HK", "postal-parcel"): 150,
        ("KR", "ems"): 121,
        ("TW", "ems"): 90,
    }
    assert "90 days" in windows["US", "ems"][1] and "3 months" in windows["HK", "ems"][1]
    assert "5 months" in windows["HK", "registered-post"][1]
    assert "four months from the day after posting" in windows["KR", "ems"][1]
    assert "3 months from the day after posting" in windows["TW", "ems"][1]


def test_the_months_are_recorded_as_their_shortest_span():
    assert min((add_months(day, 3) - day).days for day in DAYS) == 89  # HK Speedpost
    assert min((add_months(day, 5) - day).days for day in DAYS) == 150  # HK registered, parcels
    assert min((add_months(day + NEXT_DAY, 4) - day).days for day in DAYS) == 121  # KR EMS
    assert min((add_months(day + NEXT_DAY, 3) - day).days for day in DAYS) == 90  # TW EMS


def test_each_window_is_shorter_than_the_upus_and_one_per_post_and_service(kb: KnowledgeBase):
    six_months = min((add_months(day + NEXT_DAY, 6) - day).days for day in DAYS)
    records = list(kb.records("inquiry_windows"))
    assert all(w["within_days"] < six_months for w in records)
    pairs = Counter((w["origin"], s) for w in records for s in w["services"])
    assert [pair for pair, n in pairs.items() if n > 1] == []


def test_an_ems_item_from_taiwan_is_inquired_about_within_chunghwa_posts_three_months(
    kb: KnowledgeBase,
):
    """Chunghwa Post turns down inquiries on international express mail made later than three
    months from the day after posting; before, the step named the UPU's six months."""
    today = dt.date(2026, 5, 20)
    shipped = today - dt.timedelta(days=50)
    answers = dict(origin="TW", destination="DE", service="ems", last_event="export")
    answers |= dict(shipped_on=shipped, last_event_on=shipped + NEXT_DAY)
    steps = {
        a.id: a for a in diagnose(kb, answers | {"recipient_says": "not-received"}, today).advice
    }
    assert steps["file-inquiry"].due == (shipped + dt.timedelta(days=90)).isoformat()
    assert "Chunghwa Post" in steps["file-inquiry"].text
