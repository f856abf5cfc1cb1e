"""A parcel a suspension caught is held at the origin or coming back, not "probably lost"
(review16 R-R44). A registered item from South Africa to Sudan posted on 20 July 2023, in
Sudapost's suspension of all exchange (from 15 April 2023, confirmed on 24 July), silent since
October, was told "Probably lost ... Decide now whether to reship or refund" beside the
suspension's own "items a suspension stops are held at the origin or sent back to you ... ask
the company you paid which". While the suspension's situation stands, the loss and its decide
step step aside, with or without a last event, and so does a return scan's "lost on the way back"
and its decide step (review17 R-R49 (a)); a parcel the suspension did not catch (posted more
than six months before it began), or that the tracking shows in Sudan (exchanged all the same,
R-R49 (b)), is still given up as before."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2023, 12, 16)
ROUTE = {"origin": "ZA", "destination": "SD", "service": "registered-post"}


def _diagnosis(**answers: object) -> tuple[list[str], list[str]]:
    d = diagnose(KB, {**ROUTE, **answers}, TODAY)
    return [s.id for s in d.situations], [a.id for a in d.advice]


@pytest.mark.parametrize(
    "answers",
    [
        {
            "shipped_on": dt.date(2023, 7, 20),
            "last_event": "export",
            "last_event_on": dt.date(2023, 10, 9),
        },
        {"shipped_on": dt.date(2023, 7, 20), "recipient_says": "not-received"},
    ],
    ids=["silent-after-export", "no-event-not-received"],
)
def test_a_suspended_parcel_is_held_or_coming_back_not_lost(answers):
    situations, advice = _diagnosis(**answers)
    assert "service-suspended" in situations
    assert "likely-lost" not in situations
    assert "decide-reship-or-refund" not in advice
    assert {"contact-origin-carrier", "resend-by-unaffected-carrier"} <= set(advice)


def test_not_caught_by_the_suspension_it_is_still_given_up():
    # posted more than six months before the suspension began: long given up by then
    situations, advice = _diagnosis(
        shipped_on=dt.date(2022, 9, 1),
        last_event="export",
        last_event_on=dt.date(2022, 9, 5),
    )
    assert "service-suspended" not in situations
    assert situations[0] == "likely-lost"
    assert "decide-reship-or-refund" in advice


def test_a_return_scan_in_the_suspension_is_coming_back_not_lost():
    # review17 R-R49 (a): 68 days after the return scan, "Probably lost" and "Decide: reship or
    # refund" stood beside "Do not reship by the same route yet"
    situations, advice = _diagnosis(
        shipped_on=dt.date(2023, 7, 20),
        last_event="returning",
        last_event_on=dt.date(2023, 10, 9),
        recipient_says="not-received",
    )
    assert {"returning-to-sender", "service-suspended"} <= set(situations)
    assert "likely-lost" not in situations
    assert "decide-reship-or-refund" not in advice
    assert "hold-reship-during-disruption" in advice


@pytest.mark.parametrize("stage", ["arrived-destination", "in-destination-network"])
def test_shown_in_the_destination_the_suspension_did_not_stop_it(stage):
    # review17 R-R49 (b): a scan in Sudan proves the parcel was exchanged after all: its own
    # fate (lost, the inquiry) stands, not "held at the origin or sent back"
    situations, advice = _diagnosis(
        shipped_on=dt.date(2023, 7, 20),
        last_event=stage,
        last_event_on=dt.date(2023, 10, 9),
        recipient_says="not-received",
    )
    assert "service-suspended" not in situations
    assert situations[0] == "likely-lost"
    assert {"file-inquiry", "decide-reship-or-refund"} <= set(advice)
