"""A parcel from abroad last seen inside the destination country's own network (released by
customs, handed to the post or a local carrier there, moving between its offices) travels as
that country's own parcels do: silent there longer than the country's record in
facts/time_limits.toml [[domestic]] gives them up after (Royal Mail: 30 days), it is probably
lost, with the step that says why, the destination operator asked now and the inquiry. Before,
its service's international window decided alone: a registered item from Japan silent 35 days
inside the UK was "late, wait until" the service's 60 days, and a postal parcel posted 38 days
earlier "in the destination country, on time". Not at the arrival scan (customs may hold it),
not before the country's figure, not for an e-commerce line (its number stops at the
hand-over) nor an express courier (its own network and window), not with a notice in hand,
not when a disruption caught it, not inside one country (its own window is the parcel's),
and not where the destination has no record."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.knowledge import loader
from parcel_doctor.knowledge.loader import KnowledgeBase
from variants import diagnose_variant

KB = loader.load()
SHIPPED = dt.date(2017, 12, 20)
LAST_EVENT = dt.date(2018, 1, 1)
TODAY = dt.date(2018, 2, 5)  # 35 days silent in the UK: past Royal Mail's 30, not the post's 60


def _diagnosis(
    kb: KnowledgeBase = KB, today: dt.date = TODAY, **changes: object
) -> tuple[set[str], dict[str, str | None], dict[str, str]]:
    """A Japan -> UK registered item last seen inside the UK; `changes` override answers
    (None drops one)."""
    answers: dict[str, object] = {
        "origin": "JP",
        "destination": "GB",
        "service": "registered-post",
        "shipped_on": SHIPPED,
        "last_event": "in-destination-network",
        "last_event_on": LAST_EVENT,
        "recipient_says": "not-received",
    }
    result = diagnose_variant(kb, answers, changes, today)
    return (
        {s.id for s in result.situations},
        {a.id: a.due for a in result.advice},
        {a.id: a.text for a in result.advice},
    )


@pytest.mark.parametrize("stage", ["in-destination-network", "customs-released"])
def test_silent_past_the_destinations_own_limit_is_probably_lost(stage: str):
    situations, due, text = _diagnosis(last_event=stage)
    assert "likely-lost" in situations, situations
    assert "transit-delayed" not in situations and "in-destination-country" not in situations
    assert "wait-until" not in due  # no wait to the service's 60 days beside "lost"
    assert {"lost-inside-the-destination", "contact-destination-operator"} <= set(due)
    assert due["file-inquiry"] == "2018-06-21"  # six months from the day after posting
    assert "Royal Mail" in text["lost-inside-the-destination"]
    assert "more than 30 days" in text["lost-inside-the-destination"]


@pytest.mark.parametrize("service", [None, "postal-parcel"])
def test_handed_to_the_post_there_whatever_the_service(service: str | None):
    situations, due, _ = _diagnosis(last_event="handed-to-local-carrier", service=service)
    assert "likely-lost" in situations and "lost-inside-the-destination" in due, situations


def test_within_its_international_window_it_was_on_time_before():
    # a postal parcel posted 38 days ago: within its 40 days, but silent 36 days inside the UK
    situations, due, _ = _diagnosis(
        service="postal-parcel",
        shipped_on=dt.date(2017, 12, 26),
        last_event_on=dt.date(2017, 12, 28),
        today=dt.date(2018, 2, 2),
    )
    assert "likely-lost" in situations and "in-destination-country" not in situations
    assert "lost-inside-the-destination" in due and "wait-until" not in due


def test_the_step_says_nothing_of_an_inquiry_window_that_has_passed():
    # review18 R-R53: "file the inquiry now" beside "past every inquiry window"
    _, due, text = _diagnosis(today=dt.date(2018, 6, 25))  # 187 days after posting
    assert "past-inquiry-window" in due
    assert "inquiry" not in text["lost-inside-the-destination"]


def test_not_when_a_disruption_caught_it():
    # Australia Post's force majeure of 2020 (facts/disruptions.toml: no delivery standard
    # guaranteed for inbound mail): silent 49 days inside Australia stays the disruption's case
    situations, due, _ = _diagnosis(
        origin="BR",
        destination="AU",
        service="tracked-post",
        shipped_on=dt.date(2020, 8, 26),
        last_event_on=dt.date(2020, 9, 27),
        today=dt.date(2020, 11, 15),
    )
    assert "operator-disruption" in situations and "likely-lost" not in situations, situations
    assert "lost-inside-the-destination" not in due


def test_not_before_the_destinations_own_limit():
    situations, due, _ = _diagnosis(today=LAST_EVENT + dt.timedelta(days=30))
    assert "likely-lost" not in situations and "lost-inside-the-destination" not in due


@pytest.mark.parametrize(
    "changes",
    [
        {"last_event": "arrived-destination"},  # customs may still hold it there
        {"service": "ecommerce-line", "last_event": "handed-to-local-carrier"},  # a new number
        {"service": "express-courier", "last_event": "customs-released"},  # its own network (R-R52)
        {"customs_notice": "notice-card"},  # waits for the recipient
        {"origin": "GB"},  # inside one country: the country's window is the whole parcel's
    ],
)
def test_not_where_something_else_explains_it(changes: dict[str, object]):
    _, due, _ = _diagnosis(**changes)
    assert "lost-inside-the-destination" not in due


def test_only_where_the_destination_has_a_record(kb_without_the_uks_record: KnowledgeBase):
    situations, due, _ = _diagnosis(kb_without_the_uks_record)
    assert "likely-lost" not in situations and "lost-inside-the-destination" not in due
    assert "transit-delayed" in situations  # its service's window alone: late, as before
