"""A destination's customs figure that counts only to the customs' own notice is no date to
pay or answer by (the lead's F1): facts/holding_periods.toml us-customs keeps CBP's
'notification ... can take as long as 30-45 days' (help.cbp.gov, archived), so an item at US
customs with no notice is waited for until 45 days after the customs event (review12 K-R3,
tests/knowledge_data/test_holding_periods_data.py). The same 45 days were also read as the
date a fee-to-pay card is paid by, or a customs letter answered by, which can fall after USPS
has sent the item back (IMM 766.1: a Post Office holds an international item for pickup 30
days). `counts_to = "notice"` keeps the wait and leaves the payment or the answer undated; a
destination whose figure is its own deadline (Royal Mail: 21 days to pay) keeps the date."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 28)
CUSTOMS = dt.date(2026, 11, 10)


def _due(destination: str, notice: str) -> dict[str, str | None]:
    answers = {
        "origin": "DE",
        "destination": destination,
        "service": "postal-parcel",
        "shipped_on": dt.date(2026, 11, 1),
        "last_event": "customs",
        "last_event_on": CUSTOMS,
        "customs_notice": notice,
        "recipient_says": "not-received",
    }
    return {a.id: a.due for a in diagnose(KB, answers, TODAY).advice}


@pytest.mark.parametrize(
    ("notice", "step"),
    [("fee-to-pay", "recipient-pays-charges"), ("customs-letter", "recipient-answers-customs")],
)
def test_cbps_time_to_its_notice_is_no_date_to_pay_or_answer_by(notice, step):
    due = _due("US", notice)
    assert step in due and due[step] is None, due  # was 2026-12-25: the customs event + 45 days
    assert "wait-until" not in due  # the notice asks the recipient to act: no wait beside it


def test_with_no_notice_the_item_is_still_waited_for_until_cbps_notice_can_come():
    assert _due("US", "none")["wait-until"] == (CUSTOMS + dt.timedelta(days=45)).isoformat()


def test_a_destinations_own_deadline_still_dates_the_payment():
    assert _due("GB", "fee-to-pay")["recipient-pays-charges"] == "2026-12-01"  # Royal Mail: 21 days
