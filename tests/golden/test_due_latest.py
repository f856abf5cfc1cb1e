"""A step whose date is only the latest it can be says so (a rule's `then.due.latest`, the
advice's `text_due_latest`), review19 LOW: past a pickup point's usual holding period,
before its longest end, the recipient collects the parcel at once, and the longest end is
the last day it may still be there. Before, the step read "collect it or rebook delivery
by <the longest end>", a date that grew as the notice got older (3 days after the notice:
by day 7; 10 days after: by day 30)."""

from __future__ import annotations

import datetime as dt

from parcel_doctor.diagnosis.diagnose import AdviceStep
from parcel_doctor.knowledge import loader
from variants import diagnose_variant

KB = loader.load()
TODAY = dt.date(2026, 11, 27)


def _steps(base: dict[str, object], **changes: object) -> dict[str, AdviceStep]:
    return {a.id: a for a in diagnose_variant(KB, base, changes, TODAY).advice}


PICKUP = {  # Germany -> Spain, waiting for collection, not received (no Spanish period on record)
    "origin": "DE",
    "destination": "ES",
    "service": "tracked-post",
    "shipped_on": TODAY - dt.timedelta(days=20),
    "last_event": "awaiting-pickup",
    "recipient_says": "not-received",
}


def _collect(age: int) -> AdviceStep:
    return _steps(PICKUP, last_event_on=TODAY - dt.timedelta(days=age))["recipient-collects-parcel"]


def test_within_the_usual_hold_the_date_to_collect_by():
    step = _collect(3)
    assert (step.due, step.due_latest, step.by) == ("2026-12-01", False, "by 2026-12-01")
    assert "at once" not in step.text


def test_past_the_usual_hold_at_once_and_the_longest_end_only_as_the_latest():
    for age in (10, 20):
        step = _collect(age)
        longest = (TODAY + dt.timedelta(days=30 - age)).isoformat()  # pickup-hold-longest
        assert (step.due, step.due_latest) == (longest, True), age
        assert step.by == f"by {longest} at the latest"
        assert "collect the parcel at once" in step.text
        assert f"only until {longest} at the latest" in step.text
