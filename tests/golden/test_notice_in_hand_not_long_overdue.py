"""A notice in hand places the parcel, however long after posting (review R22-1): a USPS
First-Class item to Israel, posted 95 days before, no last event given, the recipient holding
a card to collect it (cases/real/us-il-first-class-course-handbook-missent-to-thailand-...,
collected the next day), got 'Long overdue, and its tracking not looked at' first with 'Look
the tracking up first ... Everything else depends on where the parcel is now' and an inquiry
to file. The card says where it is: lost-when-no-event-at-all steps aside for a notice in hand
(as status-not-known does), and the recipient's collection is step 1."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2018, 5, 7)
RECIPIENT_STEPS = {
    "recipient-collects-parcel",
    "recipient-pays-charges",
    "recipient-answers-customs",
}


def _read(notice: str):
    answers = {
        "origin": "US",
        "destination": "IL",
        "carrier": "usps",
        "shipped_on": dt.date(2018, 2, 1),
        "customs_notice": notice,
        "recipient_says": "not-received",
    }
    result = diagnose(KB, answers, TODAY)
    return [s.id for s in result.situations], [a.id for a in result.advice]


@pytest.mark.parametrize(
    ("notice", "step"),
    [
        ("notice-card", "recipient-collects-parcel"),
        ("fee-to-pay", "recipient-pays-charges"),
        ("customs-letter", "recipient-answers-customs"),
    ],
)
def test_review_r22_1_a_notice_in_hand_is_not_long_overdue(notice, step):
    situations, steps = _read(notice)
    assert "long-overdue" not in situations, situations
    assert step in steps and steps[0] in RECIPIENT_STEPS, steps  # the recipient acts first
    assert "look-up-tracking" not in steps and "file-inquiry" not in steps, steps


@pytest.mark.parametrize("notice", ["none", "unknown"])
def test_without_a_notice_the_tracking_is_looked_up_first(notice):
    assert _read(notice)[1][0] == "look-up-tracking"
