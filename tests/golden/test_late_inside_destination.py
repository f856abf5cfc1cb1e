"""A parcel from abroad last seen inside the destination country's own network (released by
customs, handed to the post or a local carrier there, moving between its offices), whose
recipient has received nothing, is late there once it has been silent longer than the
country's record in facts/time_limits.toml [[domestic]] says its own parcels take (Royal
Mail: late after 7 days), even while its service's international window still runs: late
(transit-delayed), with the step that says why, the destination operator asked now, the
inquiry, and the wait ending at the country's given-up point (30 days there), not the
service's. Before, it read "in the destination country, on time" with a wait to the service's
window. Not while what the recipient received is not known (a parcel with an import charge
due waits for it, and only the card shows it: the question is asked), not with a notice in
hand, not at the arrival scan when a customs border was crossed (customs may hold it there;
with none, as from Germany to France, the window runs from the arrival), not for an
e-commerce line or an express courier, not inside one country, and not where the destination
has no record."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.knowledge import loader
from parcel_doctor.knowledge.loader import KnowledgeBase
from variants import diagnose_variant

KB = loader.load()
SHIPPED = dt.date(2026, 11, 1)
LAST_EVENT = dt.date(2026, 11, 8)
TODAY = dt.date(2026, 11, 27)  # 19 days silent in the UK (late after 7); posted 26 days ago (40)


def _diagnosis(
    kb: KnowledgeBase = KB, today: dt.date = TODAY, **changes: object
) -> tuple[set[str], dict[str, str | None], dict[str, str], list[str]]:
    """A Germany -> UK postal parcel last seen inside the UK, the recipient with nothing;
    `changes` override answers (None drops one)."""
    answers: dict[str, object] = {
        "origin": "DE",
        "destination": "GB",
        "service": "postal-parcel",
        "shipped_on": SHIPPED,
        "last_event": "in-destination-network",
        "last_event_on": LAST_EVENT,
        "recipient_says": "not-received",
        "customs_notice": "none",
    }
    result = diagnose_variant(kb, answers, changes, today)
    return (
        {s.id for s in result.situations},
        {a.id: a.due for a in result.advice},
        {a.id: a.text for a in result.advice},
        result.missing,
    )


STAGES = ["in-destination-network", "customs-released", "handed-to-local-carrier"]


@pytest.mark.parametrize("stage", STAGES)
def test_silent_past_the_destinations_own_time_is_late_there(stage: str):
    situations, due, text, _ = _diagnosis(last_event=stage)
    assert "transit-delayed" in situations, situations
    assert "in-destination-country" not in situations and "likely-lost" not in situations
    assert {"late-inside-the-destination", "contact-destination-operator"} <= set(due)
    assert due["wait-until"] == "2026-12-08"  # the UK's 30 silent days, not the service's 40 or 60
    assert due["file-inquiry"] == "2027-05-02"  # six months from the day after posting
    assert "Royal Mail" in text["late-inside-the-destination"]
    assert "more than 7 days" in text["late-inside-the-destination"]


def test_late_by_its_service_too_the_wait_ends_at_the_destinations_limit():
    # posted 50 days ago (past the postal parcel's 40): late either way, but silent 19 days in
    # the UK it is given up after the UK's 30 days (2026-12-08), not the service's 60 (2027-01-07)
    situations, due, _, _ = _diagnosis(shipped_on=dt.date(2026, 10, 8))
    assert "transit-delayed" in situations
    assert due["wait-until"] == "2026-12-08"


@pytest.mark.parametrize(("days", "late"), [(7, False), (8, True), (30, True)])
def test_from_the_day_after_the_destinations_late_point(days: int, late: bool):
    situations, due, _, _ = _diagnosis(today=LAST_EVENT + dt.timedelta(days=days))
    assert ("late-inside-the-destination" in due) is late, due
    assert ("in-destination-country" in situations) is not late, situations
    assert "likely-lost" not in situations  # lost only after 30 (test_lost_inside_destination.py)


def test_what_the_recipient_received_not_known_is_asked_not_assumed():
    # us-gb-christmas-box-sat-at-coventry: 13 days silent inside the UK while its charge was due
    situations, due, _, missing = _diagnosis(customs_notice=None)
    assert "in-destination-country" in situations and "late-inside-the-destination" not in due
    assert "customs_notice" in missing


@pytest.mark.parametrize(
    "changes",
    [
        {"last_event": "arrived-destination"},  # across a customs border: customs may still hold it
        {"service": "ecommerce-line", "last_event": "handed-to-local-carrier"},  # a new number
        {"service": "express-courier", "last_event": "customs-released"},  # its own network (R-R52)
        {"customs_notice": "notice-card"},  # waits for the recipient
        {"customs_notice": "fee-to-pay"},  # waits for the charge
        {"origin": "GB"},  # inside one country: the country's window is the whole parcel's
    ],
)
def test_not_where_something_else_explains_it(changes: dict[str, object]):
    _, due, _, _ = _diagnosis(**changes)
    assert "late-inside-the-destination" not in due


def test_only_where_the_destination_has_a_record(kb_without_the_uks_record: KnowledgeBase):
    situations, due, _, _ = _diagnosis(kb_without_the_uks_record)
    assert "in-destination-country" in situations and "late-inside-the-destination" not in due


def test_from_the_arrival_scan_where_no_customs_border_was_crossed():
    # Germany -> France: both in the EU's customs union, so no customs keep it at the inward
    # office of exchange; La Poste delivers in about 2 days (late after 7, lost after 30)
    situations, due, text, _ = _diagnosis(destination="FR", last_event="arrived-destination")
    assert "transit-delayed" in situations and "in-destination-country" not in situations
    assert "La Poste" in text["late-inside-the-destination"]
    assert due["wait-until"] == "2026-12-08"  # arrival + France's 30 silent days
    situations, due, _, _ = _diagnosis(
        destination="FR", last_event="arrived-destination", today=LAST_EVENT + dt.timedelta(days=31)
    )
    assert "likely-lost" in situations and "lost-inside-the-destination" in due
