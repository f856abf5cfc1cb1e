"""A missent item is given the time to be forwarded, but not for ever (review12 R-R13): 150
days after a missent scan the report said both "Allow the missent item the time to be
forwarded ... do not reship or refund as lost while it is being forwarded" and "Probably lost
... Decide: reship or refund"; 50 days after it (past the registered service's normal time,
not yet given up) it gave only "allow the time" and "contact the carrier", with no inquiry
and no date while the UPU inquiry window ran.

Now (rules/45-customs-returns.toml missent-is-forwarded, missent-not-moving-inquiry;
rules/40-progress.toml moving-but-late): within its normal time the item is on a detour;
past it, late (with the date it is given up and the inquiry by its deadline, never the
destination's customs, which do not have it); once given up, lost, without the detour step."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)


def _report(shipped: dt.date, scanned: dt.date, **more: str):
    answers = {
        "tracking_number": "RR123456785US",
        "destination": "AT",
        "last_event": "missent",
        "shipped_on": shipped,
        "last_event_on": scanned,
        "recipient_says": "not-received",
        **more,
    }
    found = diagnose(KB, answers, TODAY)
    return {s.id for s in found.situations}, {a.id: a.due for a in found.advice}


def test_review_r_r13_given_up_is_lost_not_on_a_detour():
    situations, advice = _report(dt.date(2026, 6, 20), dt.date(2026, 7, 1))
    assert "likely-lost" in situations
    assert "decide-reship-or-refund" in advice
    assert "wait-for-rerouting" not in advice
    assert advice.get("file-inquiry") == "2026-12-21"


def test_review_r_r13_past_its_normal_time_the_inquiry_is_dated():
    situations, advice = _report(dt.date(2026, 9, 20), dt.date(2026, 10, 1))
    assert "transit-delayed" in situations
    assert advice.get("file-inquiry") == "2027-03-21"
    assert advice.get("wait-until") == "2026-11-30"  # the day it is given up (60 days silent)
    assert "contact-customs" not in advice  # the destination's customs do not have it


def test_within_its_normal_time_it_is_on_a_detour():
    situations, advice = _report(dt.date(2026, 11, 1), dt.date(2026, 11, 10))
    assert "missent" in situations
    assert "wait-for-rerouting" in advice
    assert "decide-reship-or-refund" not in advice
    assert "file-inquiry" not in advice


@pytest.mark.parametrize("days", range(5, 200, 7))
def test_never_hold_and_reship_together(days):
    shipped = TODAY - dt.timedelta(days=days)
    for says in ("not-received", "received-damaged"):
        _, advice = _report(shipped, shipped + dt.timedelta(days=3), recipient_says=says)
        assert not {"wait-for-rerouting", "decide-reship-or-refund"} <= set(advice), (days, says)
