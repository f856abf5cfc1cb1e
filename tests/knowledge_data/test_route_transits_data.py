"""The origin posts' own published delivery times per destination (facts/time_limits.toml,
[[route_transit]]), read through the project's loader: each record is the published upper
figure in calendar days (N working days span at most N + 2 x ceil(N / 5) calendar days),
late a week after it, and never given up sooner than its services' own windows: a published
time may make a parcel late sooner, never lost sooner."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.knowledge.schema import RouteTransit

# id: (published upper figure in working days, typical_days recorded)
PUBLISHED = {
    "au-us-airmail": (10, 14),  # Australia Post's International Post Guide: 3-10 work days
    "at-au-registered": (10, 14),  # Austrian Post: Priority A + 6 to 10 working days
    "at-au-letters": (20, 28),  # the same page: Economy A + 10 to 20 working days
}

LATE_AFTER_THE_FIGURE = 7  # a week, as the [[domestic]] entries leave beyond their target


def routes(kb: KnowledgeBase) -> dict[str, RouteTransit]:
    return {r.id: r for r in kb.records("route_transits")}


def test_the_published_figures_are_recorded_in_calendar_days(kb: KnowledgeBase):
    recorded = routes(kb)
    assert set(recorded) == set(PUBLISHED)
    for key, (working, calendar) in PUBLISHED.items():
        assert working + 2 * math.ceil(working / 5) == calendar, key
        assert recorded[key].typical_days == calendar, key
        assert recorded[key].max_days == calendar + LATE_AFTER_THE_FIGURE, key


def test_a_route_is_late_no_later_and_lost_no_sooner_than_its_services(kb: KnowledgeBase):
    windows = {t.service: t for t in kb.records("transit")}
    for route in routes(kb).values():
        for service in route.services:
            assert route.max_days <= windows[service].max_days, (route.id, service)
            assert route.lost_after_days >= windows[service].lost_after_days, (route.id, service)


def test_no_two_records_give_one_route_and_service_two_windows(kb: KnowledgeBase):
    seen: set[tuple[str, str, str]] = set()
    for route in routes(kb).values():
        for service in route.services:
            key = (route.origin, route.destination, service)
            assert key not in seen, key
            seen.add(key)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('origin = "AU"', 'origin = "QQ"', "route_transit.origin: 'QQ' is not a known countries"),
        ('origin = "AU"', 'origin = "US"', "route_transit: origin and destination are one country"),
        ("max_days = 21", "max_days = 13", "route_transit: typical_days, max_days and lost_after"),
        ('services = ["untracked-post"', 'services = ["air-mail"', "'air-mail' is not a known"),
        ("typical_days = 14", "typical_days = 0", "route_transit.typical_days: must be 1 or more"),
    ],
)
def test_a_wrong_entry_is_named_by_facts_check(
    problems_after_edit: Callable[..., list[str]], old: str, new: str, message: str
):
    problems = problems_after_edit("time_limits.toml", "[[route_transit]]", old, new)
    assert any(message in p for p in problems), problems
