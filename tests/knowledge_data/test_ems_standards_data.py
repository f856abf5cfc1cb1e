"""The EMS operators' published delivery times (facts/time_limits.toml, [[ems_standard]]),
read through the project's loader: the figures a rule compares with the days an EMS item
has stayed at the origin (cases/real/kr-jp-ems-jackets-..., in-nz-rakhi-..., au-us-express-
letter-...). Each figure is the operator's published upper figure converted to calendar
days (N working days span at most N + 2 x ceil(N / 5) calendar days)."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from parcel_doctor.knowledge.loader import KnowledgeBase

# origin, destination: (published upper figure in working days, calendar days recorded)
PUBLISHED = {
    ("KR", "JP"): (2, 4),  # Korea Post EMS Service Guide: 1-2 days to neighbouring countries
    ("KR", "*"): (5, 7),  # the same guide: 2-5 days to other countries
    ("AU", "*"): (7, 11),  # Australia Post's guide: Express Post International 3-7 work days
    ("IN", "*"): (9, 13),  # India Post international Speed Post: 3-9 days (relayed)
}


def standards(kb: KnowledgeBase) -> dict[tuple[str, str], int]:
    return {(r.origin, r.destination): r.max_days for r in kb.records("ems_standards")}


def test_the_published_figures_are_recorded_in_calendar_days(kb: KnowledgeBase):
    recorded = standards(kb)
    for route, (working, calendar) in PUBLISHED.items():
        assert working + 2 * math.ceil(working / 5) == calendar, route
        assert recorded.get(route) == calendar, route


def test_a_route_is_never_slower_than_its_operators_slowest_figure(kb: KnowledgeBase):
    recorded = standards(kb)
    for (origin, destination), days in recorded.items():
        if destination != "*" and (origin, "*") in recorded:
            assert days <= recorded[(origin, "*")], (origin, destination)


def test_every_origin_with_a_route_figure_has_its_slowest_figure_too(kb: KnowledgeBase):
    recorded = standards(kb)
    assert {o for o, _ in recorded} == {o for o, d in recorded if d == "*"}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('origin = "KR"', 'origin = "QQ"', "ems_standard.origin: 'QQ' is not a known countries id"),
        ("max_days = 7", "max_days = 0", "ems_standard.max_days: must be 1 or more, not 0"),
        ('id = "kr-all"', 'id = "kr-jp"', "ems_standard.id: duplicate id 'kr-jp'"),
    ],
)
def test_a_wrong_entry_is_named_by_facts_check(
    problems_after_edit: Callable[..., list[str]], old: str, new: str, message: str
):
    problems = problems_after_edit("time_limits.toml", "[[ems_standard]]", old, new)
    assert any(message in p for p in problems), problems
