"""A parcel whose newest event is in the destination country, with no date at all, is not called
"in the destination country, within its normal transit time": nothing says it is not late
(rules/45-destination.toml in-destination-within-window needs a date; rules/48-unknowns.toml
stage-without-dates concludes timing-unknown and asks for the dates, as at export). Real cases
xx-nz-books-arrived-then-lost-in-network (silent two weeks inside NZ Post), us-gb-priority-mail-
after-heathrow (weeks after Heathrow) and ca-strike-2024-backlog (held by a strike) were all
told they were on time. The destination operator's page is still pointed to (its scans are
there), except for an item not known to have left the origin; with a date the reading is as
before."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
STAGES = [
    "arrived-destination",
    "customs-released",
    "in-destination-network",
    "handed-to-local-carrier",  # a postal item passed on under the same number
    "out-for-delivery",
]


def _diagnose(event: str, service: str = "tracked-post", **dates: dt.date):
    answers = {"origin": "US", "destination": "NZ", "service": service, "last_event": event}
    return diagnose(KB, {**answers, "recipient_says": "not-received", **dates}, TODAY)


@pytest.mark.parametrize("event", STAGES)
def test_without_dates_not_called_on_time(event):
    result = _diagnose(event)
    situations = {s.id for s in result.situations}
    assert "in-destination-country" not in situations, event
    assert "timing-unknown" in situations, event
    advice = {a.id for a in result.advice}
    assert {"note-dates", "check-destination-operator-site"} <= advice, event


@pytest.mark.parametrize("event", [s for s in STAGES if s != "handed-to-local-carrier"])
def test_without_dates_the_destination_page_also_for_an_untold_service(event):
    # no service: the destination page is pointed to from the timing-unknown reading itself
    result = _diagnose(event, service="unknown")
    assert "timing-unknown" in {s.id for s in result.situations}, event
    assert "check-destination-operator-site" in {a.id for a in result.advice}, event


@pytest.mark.parametrize("event", STAGES)
def test_with_a_date_inside_the_window_as_before(event):
    result = _diagnose(event, shipped_on=TODAY - dt.timedelta(days=6))
    situations = {s.id for s in result.situations}
    assert "in-destination-country" in situations, event
    assert "timing-unknown" not in situations, event


@pytest.mark.parametrize("event", ["accepted", "label-created", "none"])
def test_not_known_to_have_left_no_destination_page(event):
    assert "check-destination-operator-site" not in {a.id for a in _diagnose(event).advice}, event
