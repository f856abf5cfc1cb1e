"""A 'delivered' scan only days old (rules/50-outcome.toml delivered-scan-may-be-early,
delivered-but-missing-decide; limit delivered-scan-grace): carriers sometimes scan a parcel
delivered before it reaches the door and it turns up within a few business days, so the
search steps come at once but reshipping or refunding waits until those days have passed
(review19 R-R56: a Royal Mail parcel scanned delivered in the US the day before was told
'Decide now whether to reship or refund')."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
GRACE = KB.tables["limits"]["delivered-scan-grace"]["days"]
TODAY = dt.date(2026, 11, 27)
SEARCH = {"check-address-with-recipient", "contact-destination-operator", "file-inquiry"}


def _steps(scanned_days_ago: int | None, **how: object) -> dict[str, object]:
    answers: dict[str, object] = {
        "origin": "GB",
        "destination": "US",
        "carrier": "royal-mail",
        "service": "tracked-post",
        "shipped_on": dt.date(2026, 10, 15),
        "last_event": "delivered",
        "recipient_says": "not-received",
        **how,
    }
    if scanned_days_ago is not None:
        answers["last_event_on"] = TODAY - dt.timedelta(days=scanned_days_ago)
    return {a.id: a for a in diagnose(KB, answers, TODAY).advice}


@pytest.mark.parametrize("days", [0, 1, GRACE])
def test_a_recent_delivered_scan_waits_before_reshipping(days):
    steps = _steps(days)
    assert "decide-reship-or-refund" not in steps, sorted(steps)
    assert set(steps) >= SEARCH, sorted(steps)
    due = (TODAY + dt.timedelta(days=GRACE - days)).isoformat()
    assert steps["wait-until"].due == due


@pytest.mark.parametrize("days", [GRACE + 1, 30, None])  # None: the scan's date not known
def test_an_older_or_undated_scan_decides_now(days):
    steps = _steps(days)
    assert {"decide-reship-or-refund"} | SEARCH <= set(steps), sorted(steps)
    assert "wait-until" not in steps


def test_a_notice_weeks_after_the_scan_still_decides():
    steps = _steps(30, customs_notice="fee-to-pay")
    assert "decide-reship-or-refund" in steps
