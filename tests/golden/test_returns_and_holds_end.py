"""A return, or a hold, that ended long ago is a lost item (review12 R-R14): a registered
item whose return scan was 163 days old was still "on its way back" (agree with the buyer,
contact the carrier, decide), with no inquiry on the day before its six-month window closed;
an item held at customs or for collection five months earlier got only "the holding period
has probably ended ... ask the destination operator", with no inquiry and no date.

Now (rules/45-destination.toml return-overdue, hold-ended-and-return-overdue;
rules/40-progress.toml on-its-way-back): once the return has been silent longer than the
service's given-up point, or the hold ended longer ago than that, the item is probably lost,
with the dated inquiry (or the closing window) and the decision; before that, as it was (a hold
that has ended gets the inquiry since session 21)."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
INQUIRY = {"file-inquiry", "inquiry-window-closing"}


def _report(stage: str, shipped: dt.date, scanned: dt.date):
    answers = {
        "tracking_number": "RR123456785US",
        "destination": "AT",
        "last_event": stage,
        "shipped_on": shipped,
        "last_event_on": scanned,
        "recipient_says": "not-received",
    }
    found = diagnose(KB, answers, TODAY)
    return {s.id for s in found.situations}, {a.id: a.due for a in found.advice}


def test_review_r_r14_a_return_silent_for_months_is_lost():
    situations, advice = _report("returning", dt.date(2026, 5, 20), dt.date(2026, 6, 10))
    assert "likely-lost" in situations
    assert "returning-to-sender" not in situations
    assert "inquiry-window-closing" in advice  # six months from the day after posting: 2026-11-21
    assert "decide-reship-or-refund" in advice


@pytest.mark.parametrize("stage", ["customs", "delivery-attempted", "awaiting-pickup", "returning"])
def test_review_r_r14_addendum_every_stage_gets_the_inquiry(stage):
    situations, advice = _report(stage, dt.date(2026, 6, 10), dt.date(2026, 6, 20))
    assert "likely-lost" in situations
    assert advice.get("file-inquiry") == "2026-12-11", advice
    assert "decide-reship-or-refund" in advice


@pytest.mark.parametrize("stage", ["customs", "delivery-attempted", "awaiting-pickup", "returning"])
def test_a_recent_hold_or_return_is_not_lost(stage):
    situations, advice = _report(stage, dt.date(2026, 10, 1), dt.date(2026, 10, 20))
    assert "likely-lost" not in situations
    if stage == "returning":  # on its way back, not yet overdue: no inquiry
        assert not INQUIRY & set(advice)


# review19 (LOW-MEDIUM): a hold that has ended, not long enough ago to give the parcel up, got only
# "ask the destination operator" (a US -> ES parcel held by customs 70 days earlier, the buyer
# waiting 11 weeks): the recipient has nothing, so the seller settles with the buyer now
# (rules/50-outcome.toml hold-ended-settle-with-the-buyer); still not lost. Since session 21
# (brief s21, issue 11) with the inquiry too, dated by the UPU's window: sent back, disposed of
# or lost, the seller's inquiry is what asks the destination's post what became of it (the
# real cases in-us-speed-post-... and gb-gb-birthday-parcel-... expect it; before, the rule
# base had no room for it).
@pytest.mark.parametrize("stage", ["customs", "delivery-attempted", "awaiting-pickup"])
def test_a_hold_that_has_ended_gets_the_decision_and_the_inquiry(stage):
    situations, advice = _report(stage, dt.date(2026, 10, 1), dt.date(2026, 10, 20))
    assert "hold-period-ended" in situations
    assert {"ask-about-ended-hold", "decide-reship-or-refund"} <= set(advice)
    assert advice["file-inquiry"] == "2027-04-02"  # six months from the day after posting


def test_a_hold_that_has_ended_inside_one_country_or_undated_gets_the_inquiry():
    base = {"last_event": "delivery-attempted", "recipient_says": "not-received"}
    inside = base | {"origin": "GB", "destination": "GB", "shipped_on": dt.date(2026, 9, 20)}
    inside |= {"last_event_on": dt.date(2026, 10, 1)}
    found = diagnose(KB, inside, TODAY)
    assert "hold-period-ended" in {s.id for s in found.situations}
    assert "file-inquiry" in {a.id for a in found.advice}
    undated = base | {"destination": "AT", "last_event_on": dt.date(2026, 10, 1)}
    found = diagnose(KB, undated, TODAY)
    assert "hold-period-ended" in {s.id for s in found.situations}
    step = next(a for a in found.advice if a.id == "file-inquiry")
    assert step.due is None and "shipped_on" in found.missing


def test_no_decision_while_the_hold_runs_or_nobody_says_it_is_missing():
    situations, advice = _report("customs", dt.date(2026, 11, 1), dt.date(2026, 11, 10))
    assert "hold-period-ended" not in situations
    assert "decide-reship-or-refund" not in advice
    answers = {"tracking_number": "RR123456785US", "destination": "AT", "last_event": "customs"}
    answers |= {"shipped_on": dt.date(2026, 10, 1), "last_event_on": dt.date(2026, 10, 20)}
    assert "decide-reship-or-refund" not in {a.id for a in diagnose(KB, answers, TODAY).advice}
