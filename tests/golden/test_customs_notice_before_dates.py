"""A parcel placed by a customs notice that waits on the recipient is not told to find its
dates first (reason R21-1): FedEx to Greece, arrived, a customs letter asking for the
recipients' paperwork (cases/real/xx-gr-fedex-camera-...), got "Whether the silence is normal
depends on the dates" and "Find the dates" as step 1, ahead of the customs answer. The
notice explains the silence, so stage-without-dates (timing-unknown) steps aside for a notice
in hand (a request to pay, a customs letter, a card to collect); the recipient's answer,
payment or collection is step 1, and "Find the dates" and "Dates assume the slowest usual
service" (which came before a customs letter's answer: au-de-swimwear-...; before the
collection: au-gh-grandmothers-..., gb-gb-ebay-shoes-...) come after it. One mechanism orders
them, the steps' `order` (review R21-19, tests/golden/test_recipient_step_first.py): the dates
are still asked, since they date the hold. An item customs hold for the recipient's
declaration with no notice (Brazil) keeps "Find the dates" and its timing."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2010, 3, 15)


def _after(result, first: str, chore: str) -> None:
    """The chore is still given (no date, or no service, is known) and comes after `first`."""
    steps = [a.id for a in result.advice]
    assert chore in steps and steps.index(first) < steps.index(chore), steps


def _diagnose(notice: str, last_event: str, **more: str):
    answers = {
        "destination": "GR",
        "last_event": last_event,
        "customs_notice": notice,
        "recipient_says": "not-received",
        **more,
    }
    return diagnose(KB, answers, TODAY)


def test_review_r21_1_fedex_to_greece_with_a_customs_letter():
    result = _diagnose(
        "customs-letter", "arrived-destination", carrier="fedex", service="express-courier"
    )
    assert [s.id for s in result.situations] == ["customs-asks-recipient"]
    assert result.advice[0].id == "recipient-answers-customs"
    _after(result, "recipient-answers-customs", "note-dates")


@pytest.mark.parametrize("last_event", ["arrived-destination", "in-destination-network", "export"])
@pytest.mark.parametrize(
    ("notice", "situation", "step"),
    [
        ("customs-letter", "customs-asks-recipient", "recipient-answers-customs"),
        ("fee-to-pay", "customs-charge-to-pay", "recipient-pays-charges"),
    ],
)
def test_a_notice_waiting_on_the_recipient_comes_before_the_dates(
    last_event, notice, situation, step
):
    result = _diagnose(notice, last_event)
    situations = {s.id for s in result.situations}
    assert situation in situations and "timing-unknown" not in situations
    assert result.advice[0].id == step
    _after(result, step, "note-dates")


def test_review_r21_1_follow_up_a_card_to_collect_comes_before_the_dates():
    result = _diagnose("notice-card", "arrived-destination")
    situations = {s.id for s in result.situations}
    assert "awaiting-pickup" in situations and "timing-unknown" not in situations
    assert result.advice[0].id == "recipient-collects-parcel"
    _after(result, "recipient-collects-parcel", "note-dates")


def test_review_r21_1_follow_up_no_service_range_before_a_customs_letter():
    answers = {
        "origin": "AU",
        "destination": "DE",
        "shipped_on": dt.date(2010, 2, 1),
        "last_event": "arrived-destination",
        "last_event_on": dt.date(2010, 2, 10),
        "customs_notice": "customs-letter",
        "recipient_says": "not-received",
    }
    result = diagnose(KB, answers, TODAY)
    assert result.advice[0].id == "recipient-answers-customs"
    _after(result, "recipient-answers-customs", "service-range")


def test_held_for_the_recipients_declaration_without_a_notice_still_asks_for_the_dates():
    result = diagnose(KB, {"destination": "BR", "last_event": "customs"}, TODAY)
    assert "customs-asks-recipient" in {s.id for s in result.situations}
    assert "note-dates" in {a.id for a in result.advice}
