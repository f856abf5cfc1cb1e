"""A notice about the parcel proves it was accepted (review15 R-R46). Poste Italiane IT ->
ME, only a label a month on, the recipient holding a fee-to-pay card, got "The carrier
never received the parcel" (step 1 "Check the tracking number", "ask them to trace the
parcel") beside "Held until the recipient pays import charges": the card shows the parcel
arrived and the scans were missed. Without a notice a label-only number is still
never-accepted."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2025, 11, 20)
POST = {"origin": "IT", "destination": "ME", "carrier": "poste-italiane", "service": "tracked-post"}
COURIER = {"origin": "US", "destination": "GB", "carrier": "fedex", "service": "express-courier"}


def _situations(base: dict[str, str], notice: str) -> set[str]:
    answers = {**base, "last_event": "label-created", "shipped_on": dt.date(2025, 10, 21)}
    answers |= {"customs_notice": notice, "recipient_says": "not-received"}
    return {s.id for s in diagnose(KB, answers, TODAY).situations}


@pytest.mark.parametrize("notice", ["notice-card", "fee-to-pay", "customs-letter"])
@pytest.mark.parametrize("base", [POST, COURIER], ids=["post", "courier"])
def test_a_notice_about_it_is_not_never_accepted(base, notice):
    assert "never-accepted" not in _situations(base, notice)


@pytest.mark.parametrize("base", [POST, COURIER], ids=["post", "courier"])
def test_without_a_notice_it_is_still_never_accepted(base):
    assert "never-accepted" in _situations(base, "none")
