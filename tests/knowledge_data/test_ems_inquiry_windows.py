"""The origin posts' own inquiry windows for their EMS items (facts/countries.toml,
ems_inquiry_within_days and ems_inquiry_terms; review15 K-R20): USPS 90 days after mailing,
Hongkong Post three months after posting, Korea Post four months from the day after posting,
recorded as the fewest days those calendar months hold, so the date given is never after the
post's own last day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from parcel_doctor.inference.conclusions import add_months
from parcel_doctor.knowledge.loader import KnowledgeBase


def test_the_published_windows_are_recorded(kb: KnowledgeBase):
    windows = {
        code: (c.ems_inquiry_within_days, c.ems_inquiry_terms)
        for code, c in kb.countries.items()
        if isinstance(c.ems_inquiry_within_days, int)
    }
    assert {code: days for code, (days, _) in windows.items()} == {"US": 90, "HK": 89, "KR": 121}
    assert "90 days" in windows["US"][1] and "3 months" in windows["HK"][1]
    assert "four months from the day after posting" in windows["KR"][1]


def test_the_months_are_recorded_as_their_shortest_span():
    days = [dt.date(2023, 1, 1) + dt.timedelta(n) for n in range(4 * 365 + 1)]
    assert min((add_months(day, 3) - day).days for day in days) == 89  # HK
    next_day = dt.timedelta(days=1)
    assert min((add_months(day + next_day, 4) - day).days for day in days) == 121  # KR


def test_a_window_without_its_terms_is_refused(problems_after_edit: Callable[..., list[str]]):
    problems = problems_after_edit(
        "countries.toml", 'code = "HK"', "ems_inquiry_terms = ", "# ems_inquiry_terms = "
    )
    assert any(
        "ems_inquiry_within_days and ems_inquiry_terms are given together" in p for p in problems
    ), problems
