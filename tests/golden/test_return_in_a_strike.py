"""A return scan while a strike still holds the parcel gets one answer (review15 R-R45).
Canada Post's national strike (25 September - 10 October 2025): CA -> FR, 'returning'
scanned on 5 October, asked on 18 October, got "Do not reship by the same route yet ... do
not trust 'returned' scans" AND "Decide now whether to reship or refund". The disruption's
steps decide while it holds the parcel; an ordinary return is still decided with the
buyer."""

from __future__ import annotations

import datetime as dt

from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
RETURN = {
    "origin": "CA",
    "destination": "FR",
    "carrier": "canada-post",
    "service": "tracked-post",
    "last_event": "returning",
    "recipient_says": "not-received",
}


def _advice(shipped: dt.date, scanned: dt.date, today: dt.date) -> set[str]:
    answers = {**RETURN, "shipped_on": shipped, "last_event_on": scanned}
    return {a.id for a in diagnose(KB, answers, today).advice}


def test_a_return_scan_in_the_strike_is_not_decided_on_yet():
    advice = _advice(dt.date(2025, 9, 20), dt.date(2025, 10, 5), dt.date(2025, 10, 18))
    assert "hold-reship-during-disruption" in advice
    assert "decide-reship-or-refund" not in advice


def test_an_ordinary_return_is_decided_with_the_buyer():
    advice = _advice(dt.date(2026, 9, 20), dt.date(2026, 10, 5), dt.date(2026, 10, 18))
    assert "decide-reship-or-refund" in advice and "hold-reship-during-disruption" not in advice
