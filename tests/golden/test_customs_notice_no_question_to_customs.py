"""A recipient holding a request to pay or a customs letter is not told to ask customs
whether the parcel is held and what it needs (reason R21-18): a parcel from Germany at UK
customs, the recipient with Royal Mail's fee-to-pay card, got the dated payment step and then
held-by-customs' "Ask the destination's customs (the United Kingdom) ... whether the parcel is
held and what it needs": the card already says where it is held and what it needs.
ask-customs-what-they-hold gives that step only without such a notice. The documents step
stays while customs hold it (to clear or contest the charge: charge-to-pay-documents)."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 28)


def _steps(notice: str) -> list[str]:
    answers = {
        "origin": "DE",
        "destination": "GB",
        "carrier": "deutsche-post",
        "service": "postal-parcel",
        "shipped_on": dt.date(2026, 11, 10),
        "last_event": "customs",
        "last_event_on": dt.date(2026, 11, 16),
        "customs_notice": notice,
        "recipient_says": "not-received",
    }
    return [a.id for a in diagnose(KB, answers, TODAY).advice]


def test_review_r21_18_a_fee_to_pay_card_is_paid_not_asked_about():
    steps = _steps("fee-to-pay")
    assert steps[0] == "recipient-pays-charges"
    assert "contact-customs" not in steps
    assert "send-customs-documents" in steps


def test_a_customs_letter_is_answered_not_asked_about():
    steps = _steps("customs-letter")
    assert "recipient-answers-customs" in steps
    assert "contact-customs" not in steps


@pytest.mark.parametrize("notice", ["none", "notice-card", "unknown"])
def test_without_a_notice_saying_what_they_need_customs_are_asked(notice):
    assert "contact-customs" in _steps(notice)
