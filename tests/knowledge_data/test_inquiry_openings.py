"""The day from which a post accepts an inquiry (facts/time_limits.toml [[inquiry_opening]]):
Swiss Post inside Switzerland once the standard transit time (A-Post and PostPac Priority one
working day, PostPac Economy two) is exceeded by more than two days, Hongkong Post abroad from 2
weeks for registered mail and parcels and 2 days for Speedpost, USPS from 3 days for Priority
Mail Express International and 7 days for a Missing Mail search inside the US, Australia Post
10 business days past the expected delivery (up to 6 business days after posting). Each is the
latest day the post's words can mean, so a step dated by it is never before the post takes the
inquiry; one record per post, scope and service."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from parcel_doctor.knowledge.loader import KnowledgeBase
from working_days import working_days_after

PUBLISHED = {
    ("CH", "domestic", "registered-post"): 7,
    ("CH", "domestic", "postal-parcel"): 7,
    ("HK", "international", "registered-post"): 14,
    ("HK", "international", "postal-parcel"): 14,
    ("HK", "international", "ems"): 2,
    ("US", "international", "ems"): 3,
    ("US", "domestic", "ems"): 7,
    ("US", "domestic", "postal-parcel"): 7,
    ("US", "domestic", "tracked-post"): 7,
    ("US", "domestic", "registered-post"): 7,
    ("AU", "domestic", "postal-parcel"): 24,
    ("AU", "domestic", "tracked-post"): 24,
    ("AU", "domestic", "registered-post"): 24,
}


def test_the_published_openings_are_recorded_and_one_per_post_scope_and_service(
    kb: KnowledgeBase,
):
    records = list(kb.records("inquiry_openings"))
    pairs = Counter((r["origin"], r["scope"], s) for r in records for s in r["services"])
    assert [pair for pair, n in pairs.items() if n > 1] == []
    assert {
        (r["origin"], r["scope"], s): r["after_days"] for r in records for s in r["services"]
    } == PUBLISHED


def test_swiss_posts_opening_is_the_latest_its_words_can_mean():
    """Economy's two working days and more than two days beyond: the fifth working day after
    posting, at most seven calendar days later (from a Friday); A-Post's, sooner."""
    week = [dt.date(2026, 11, 23) + dt.timedelta(n) for n in range(6)]  # Monday to Saturday
    assert max((working_days_after(day, 2 + 3) - day).days for day in week) == 7
    assert max((working_days_after(day, 1 + 3) - day).days for day in week) <= 7


def test_australia_posts_opening_is_sixteen_business_days_after_posting_at_the_latest():
    """Up to six business days' estimate and ten more past it: the 16th business day after the
    day of posting, at most 24 calendar days later (from a Friday)."""
    week = [dt.date(2026, 11, 23) + dt.timedelta(n) for n in range(6)]  # Monday to Saturday
    assert max((working_days_after(day, 6 + 10) - day).days for day in week) == 24


def test_one_opening_per_post_inside_its_country(kb: KnowledgeBase):
    """With the service not known, the rules bring in every opening of the post inside its
    country (rules/15-whom.toml inquiry-opening-inside-one-country-service-unknown) and the
    earliest date of a step wins: so each post has one, or a step could come too early."""
    posts = Counter(r["origin"] for r in kb.records("inquiry_openings") if r["scope"] == "domestic")
    assert [post for post, n in posts.items() if n > 1] == []
