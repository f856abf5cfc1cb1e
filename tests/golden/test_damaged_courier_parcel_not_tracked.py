"""A courier parcel the recipient has had in hand, damaged, is not sent to the courier's
tracking (reason R21-3): sarees ruined in Blue Dart's hands and refused inside India
(cases/real/in-in-forty-silk-sarees-...), and any courier parcel received damaged, got "Use
the courier's own tracking": its whereabouts are known, and the courier's claim deadline is
the step. express-tracks-end-to-end steps aside for received-damaged as for delivered."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2016, 4, 15)


def _steps(**answers: str) -> set[str]:
    base = {
        "origin": "IN",
        "destination": "IN",
        "service": "express-courier",
        "shipped_on": dt.date(2016, 3, 31),
    }
    return {a.id for a in diagnose(KB, {**base, **answers}, TODAY).advice}


@pytest.mark.parametrize(
    "answers",
    [
        {"last_event": "returning", "return_reason": "refused"},  # review R21-3: seen and refused
        {"last_event": "delivered"},
    ],
)
def test_review_r21_3_received_damaged_gets_the_claim_not_the_tracking(answers):
    steps = _steps(recipient_says="received-damaged", **answers)
    assert "check-courier-tracking" not in steps
    assert {"courier-claim-deadline", "ask-recipient-for-photos"} <= steps


def test_a_courier_parcel_not_received_is_still_tracked_with_the_courier():
    assert "check-courier-tracking" in _steps(
        recipient_says="not-received", last_event="in-destination-network"
    )
