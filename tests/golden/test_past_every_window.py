"""Past every window, nothing known (issue 13 X3): a parcel posted longer ago than any postal
item stays on its way (limits.longest-in-network, 184 days: the UPU inquiry window has closed),
whose newest event is not known and about which the buyer has said nothing, is not 'long
overdue, act today: look it up' but `past-inquiry-window`: nothing to chase, not act-now. A
recipient who says it did not arrive keeps it lost; a day inside the window keeps long-overdue.
And a delivery nobody complained about is not answered with card and customs questions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

ROOT = Path(__file__).resolve().parents[2]
KB = loader.load(ROOT / "facts", ROOT / "rules")
TODAY = dt.date(2026, 11, 26)
LONGEST = 184  # facts/time_limits.toml longest-in-network

ROUTES = [(None, "US"), ("CN", "US"), ("GB", "AU"), ("US", "US"), ("DE", "FR"), ("US", "BR")]
SERVICES = [None, "tracked-post", "untracked-post", "ems", "ecommerce-line", "express-courier"]


def _answers(route, service, age, told) -> dict:
    given = {
        "origin": route[0],
        "destination": route[1],
        "service": service,
        "recipient_says": told,
    }
    answers = {key: value for key, value in given.items() if value}  # None: not answered
    answers["shipped_on"] = TODAY - dt.timedelta(days=age)
    return answers


@settings(max_examples=150, deadline=None)
@given(
    route=st.sampled_from(ROUTES),
    service=st.sampled_from(SERVICES),
    age=st.integers(LONGEST + 1, 2000),
    told=st.sampled_from([None, "not-asked"]),
)
def test_past_every_window_nothing_to_chase(route, service, age, told):
    answers = _answers(route, service, age, told)
    result = diagnose(KB, answers, TODAY)
    situations = {s.id for s in result.situations}
    assert "past-inquiry-window" in situations, answers
    assert not situations & {"long-overdue", "likely-lost", "status-unknown"}, answers
    assert not any(KB.situations[s].act_now for s in situations), answers
    advice = [a.id for a in result.advice]
    assert advice[0] == "past-inquiry-window", answers
    assert "contact-recipient" not in advice and "look-up-tracking" not in advice, answers


@settings(max_examples=60, deadline=None)
@given(
    route=st.sampled_from(ROUTES), service=st.sampled_from(SERVICES), age=st.integers(61, LONGEST)
)
def test_inside_the_window_it_is_still_to_look_up(route, service, age):
    answers = _answers(route, service, age, None)
    situations = {s.id for s in diagnose(KB, answers, TODAY).situations}
    assert "past-inquiry-window" not in situations, answers


@settings(max_examples=60, deadline=None)
@given(
    route=st.sampled_from(ROUTES),
    service=st.sampled_from(SERVICES),
    age=st.integers(LONGEST + 1, 2000),
)
def test_a_buyer_who_says_it_never_came_keeps_it_lost(route, service, age):
    answers = _answers(route, service, age, "not-received")
    situations = {s.id for s in diagnose(KB, answers, TODAY).situations}
    assert "likely-lost" in situations and "past-inquiry-window" not in situations, answers


@settings(max_examples=80, deadline=None)
@given(
    route=st.sampled_from(ROUTES),
    service=st.sampled_from(SERVICES),
    age=st.integers(1, 400),
    told=st.sampled_from([None, "not-asked"]),
)
def test_a_delivery_nobody_complained_about_needs_nothing(route, service, age, told):
    answers = _answers(route, service, age, told)
    answers["last_event"] = "delivered"
    answers["last_event_on"] = TODAY - dt.timedelta(days=max(age - 1, 0))
    result = diagnose(KB, answers, TODAY)
    assert {s.id for s in result.situations} == {"delivered"}, answers
    advice = [a.id for a in result.advice]
    assert advice == ["delivered-keep-proof"], answers


@settings(max_examples=60, deadline=None)
@given(
    route=st.sampled_from(ROUTES),
    notice=st.sampled_from(["notice-card", "fee-to-pay", "customs-letter"]),
    told=st.sampled_from([None, "not-asked"]),
    age=st.integers(0, 60),
)
def test_a_delivery_scan_with_a_notice_in_hand_asks_the_recipient(route, notice, told, age):
    """review10 (19:39): 'delivered' + a notice + the recipient not asked got a situation and
    no step; the notice may mean the parcel waits where it says, so the recipient is asked."""
    answers = _answers(route, None, age, told)
    answers |= {"last_event": "delivered", "customs_notice": notice}
    advice = [a.id for a in diagnose(KB, answers, TODAY).advice]
    assert "contact-recipient" in advice and "delivered-keep-proof" not in advice, answers
