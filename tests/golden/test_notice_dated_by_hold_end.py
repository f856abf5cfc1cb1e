"""A recipient's notice carries the hold's end; the seller is not told to wait until it
(review13 R-R24): a fee-to-pay parcel at Royal Mail (21 days, then returned) got "Wait until
2026-11-10", the last day of the hold, while the step that matters, the recipient paying, had
no date. Now the payment (charge-paid-by-hold-end), or the answer to customs' letter
(customs-answered-by-hold-end), is dated by the hold's end and no wait is given beside it;
with no notice the wait stays."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 5)


def _advice(destination: str, notice: str) -> dict[str, str | None]:
    answers = {
        "origin": "US",
        "destination": destination,
        "carrier": "usps",
        "service": "tracked-post",
        "shipped_on": dt.date(2026, 10, 10),
        "last_event": "customs",
        "last_event_on": dt.date(2026, 10, 30),
        "customs_notice": notice,
        "recipient_says": "not-received",
    }
    return {a.id: a.due for a in diagnose(KB, answers, TODAY).advice}


def test_review_r_r24_fee_to_pay_dated_by_royal_mails_21_days():
    advice = _advice("GB", "fee-to-pay")
    assert advice.get("recipient-pays-charges") == "2026-11-20"
    assert "wait-until" not in advice


@pytest.mark.parametrize(("destination", "due"), [("DE", "2026-11-08"), ("FR", "2026-11-20")])
def test_customs_letter_answered_by_the_holds_end(destination, due):
    advice = _advice(destination, "customs-letter")
    assert advice.get("recipient-answers-customs") == due
    assert "wait-until" not in advice


def test_no_notice_keeps_the_wait():
    assert "wait-until" in _advice("FR", "none")
