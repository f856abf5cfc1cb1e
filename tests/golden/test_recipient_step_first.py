"""The recipient's one action comes first (review R21-19): a parcel waiting on a fee-to-pay
card, a customs letter or a collection card is freed by the recipient paying, answering or
collecting; 'Find the dates' and 'Dates assume the slowest usual service' change nothing
meanwhile, so they come after it (facts/advice.toml `order`)."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 9, 5)
DATE_CHORES = ("note-dates", "service-range")


@pytest.mark.parametrize(
    ("answers", "step"),
    [
        ({"last_event": "customs", "customs_notice": "fee-to-pay"}, "recipient-pays-charges"),
        (
            {"last_event": "customs", "customs_notice": "customs-letter"},
            "recipient-answers-customs",
        ),
        (
            {"last_event": "awaiting-pickup", "customs_notice": "notice-card"},
            "recipient-collects-parcel",
        ),
    ],
)
def test_the_recipients_step_comes_before_the_date_chores(answers: dict[str, str], step: str):
    given = {"origin": "GB", "destination": "NL", "recipient_says": "not-received", **answers}
    steps = [a.id for a in diagnose(KB, given, TODAY).advice]
    assert step in steps, steps
    assert [s for s in DATE_CHORES if s in steps], steps  # no dates given: the chores are there
    assert all(steps.index(step) < steps.index(s) for s in DATE_CHORES if s in steps), steps
