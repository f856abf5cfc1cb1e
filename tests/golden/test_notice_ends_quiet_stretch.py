"""A notice in the recipient's hands ends "in international transit" (review14 R-R28): a
registered item DE -> GH whose origin site last showed its export, the recipient holding a
fee-to-pay request, was told "Held until the recipient pays import charges" beside "In
international transit (the usual quiet stretch) ... no one scans the parcel" and a wait.
rules/40-progress.toml quiet-stretch-normal steps aside once a notice (card, charge to pay,
customs letter) has come; the notice's own steps remain."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2025, 12, 15)
REVIEW = {
    "origin": "DE",
    "destination": "GH",
    "carrier": "russian-post",
    "service": "registered-post",
    "last_event": "export",
    "shipped_on": dt.date(2025, 11, 17),
    "recipient_says": "not-received",
}


def _found(**answers: object) -> tuple[set[str], set[str]]:
    found = diagnose(KB, REVIEW | answers, TODAY)
    return {s.id for s in found.situations}, {a.id for a in found.advice}


@pytest.mark.parametrize("notice", ["notice-card", "fee-to-pay", "customs-letter"])
@pytest.mark.parametrize("last_event", ["accepted", "export"])
def test_a_notice_in_hand_ends_the_quiet_stretch(notice, last_event):
    situations, advice = _found(customs_notice=notice, last_event=last_event)
    assert "in-international-transit" not in situations
    assert advice, situations  # the notice's own steps


def test_the_review_repro_keeps_the_payment_step():
    situations, advice = _found(customs_notice="fee-to-pay")
    assert situations == {"customs-charge-to-pay"}, situations
    assert "recipient-pays-charges" in advice


@pytest.mark.parametrize("notice", [None, "none"])
def test_without_a_notice_it_is_still_in_transit(notice):
    answers = {"customs_notice": notice} if notice else {}
    assert "in-international-transit" in _found(**answers)[0]
