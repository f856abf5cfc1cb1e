"""Fee-to-pay messages are the commonest parcel scam (review14 K-R16): the pay step and the
message forwarded to the recipient say to pay on the carrier's own site or as its card says,
not through a link in a text or e-mail (Royal Mail's and the US Postal Inspection Service's
warnings, facts/advice.toml recipient-pays-charges)."""

from __future__ import annotations

import datetime as dt

from parcel_doctor.diagnosis.diagnose import diagnose

TODAY = dt.date(2026, 11, 14)
HELD_FOR_FEES = {  # the review's repro: a DHL Express parcel held in US customs, a fee to pay
    "tracking_number": "5288694810",
    "origin": "DE",
    "destination": "US",
    "last_event": "customs",
    "shipped_on": dt.date(2026, 11, 10),
    "last_event_on": dt.date(2026, 11, 12),
    "recipient_says": "not-received",
    "customs_notice": "fee-to-pay",
}


def test_the_pay_step_and_its_message_warn_of_fake_fee_requests(kb):
    steps = diagnose(kb, HELD_FOR_FEES, TODAY).advice
    (pay,) = [a for a in steps if a.id == "recipient-pays-charges"]
    assert "own site themselves" in pay.text
    assert "rather than a link in a text or e-mail" in pay.text
    (message,) = [m for m in pay.messages if m.to == "recipient"]
    assert "not through a link in a text or e-mail: fake fee messages are common" in message.text


def test_find_the_dates_takes_an_approximate_date(kb):
    answers = {"origin": "DE", "destination": "US", "recipient_says": "not-received"}
    (step,) = [a for a in diagnose(kb, answers, TODAY).advice if a.id == "note-dates"]
    assert "an approximate date (about 3 weeks ago, 3 months ago) is enough" in step.text
