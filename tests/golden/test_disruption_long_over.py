"""A strike or stop that ended longer ago than items of the service are given up after does
not hold the parcel any more (review12 R-R5): a GB -> CA Royal Mail parcel caught by Canada
Post's autumn 2025 strikes was told on 2026-02-20, three months after the last rotating strike
(2025-11-21), 'Do not reship by the same route yet ... While Canada Post is disrupted' beside
'Probably lost' and 'Decide: reship or refund' (rules/25-disruptions.toml
posted-during-suspension: the disruption ended no longer ago than the window's
lost_after_days). During the strikes, and soon after, the hold steps stay."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
HOLD = {"warn-recipient-disruption", "hold-reship-during-disruption"}


# a Royal Mail parcel that reached Canada during Canada Post's autumn 2025 strikes
STRIKE_PARCEL = {
    "origin": "GB",
    "destination": "CA",
    "carrier": "royal-mail",
    "service": "tracked-post",
    "shipped_on": dt.date(2025, 10, 1),
    "last_event": "arrived-destination",
    "last_event_on": dt.date(2025, 10, 6),
}


def _advice(today: dt.date) -> set[str]:
    return {a.id for a in diagnose(KB, STRIKE_PARCEL, today).advice}


def test_review_r_r5_months_after_the_strike_ended():
    advice = _advice(dt.date(2026, 2, 20))
    assert not HOLD & advice, advice
    assert "decide-reship-or-refund" in advice


@pytest.mark.parametrize(
    "today", [dt.date(2025, 10, 20), dt.date(2025, 11, 15), dt.date(2025, 12, 1)]
)
def test_during_the_strikes_and_soon_after_the_hold_steps_stay(today):
    assert _advice(today) >= HOLD


def test_a_strike_keeps_its_backlog_words():
    # a strike, unlike a suspension of all exchange (test_suspension_wording.py), is
    # worked off first in, first out when it ends
    texts = {a.id: a.text for a in diagnose(KB, STRIKE_PARCEL, dt.date(2025, 10, 20)).advice}
    assert "first in, first out" in texts["hold-reship-during-disruption"]
    assert "delay of weeks" in texts["warn-recipient-disruption"]
