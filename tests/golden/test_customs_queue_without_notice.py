"""A postal item silent at import customs longer than the holding period, the recipient with no
notice (rules/46-follow-up.toml customs-queue-without-notice-ask-the-post): the destination's post
presents the item to customs, keeps it in its own customs department and sends the notice, so it
is asked (contact-destination-operator); Swedish Customs sends recipients to PostNord ("Swedish
Customs cannot help you here"). Real case us-se-tshirt-...: a month in PostNord's customs
clearance, released once the recipient phoned. Not within the hold, not with a notice, not for a
courier or a line (they clear their own parcels)."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
STEP = "contact-destination-operator"
RULE = "customs-queue-without-notice-ask-the-post"
ROUTES = [("US", "SE"), ("CN", "AU"), ("JP", "NZ"), ("DE", "CA"), ("GB", "KR")]


def _diagnose(route, service: str, silent: int, notice: str = "none"):
    answers = {
        "origin": route[0],
        "destination": route[1],
        "service": service,
        "shipped_on": TODAY - dt.timedelta(days=silent + 6),
        "last_event": "customs",
        "last_event_on": TODAY - dt.timedelta(days=silent),
        "customs_notice": notice,
        "recipient_says": "not-received",
    }
    return diagnose(KB, answers, TODAY)


@pytest.mark.parametrize("service", ["postal-parcel", "registered-post", "tracked-post"])
@pytest.mark.parametrize("route", ROUTES, ids=["-".join(r) for r in ROUTES])
def test_past_the_hold_without_notice_the_destination_post_is_asked(route, service):
    # 31 days: past the day to act by of every route's hold (Australia's customs: 30 days
    # after the First Notice, over after 45: facts/holding_periods.toml au-customs)
    result = _diagnose(route, service, 31)
    assert "held-in-customs" in {s.id for s in result.situations}, (route, service)
    assert STEP in {a.id for a in result.advice}, (route, service)


@pytest.mark.parametrize(
    ("service", "silent", "notice"),
    [
        ("postal-parcel", 10, "none"),  # within the hold
        ("postal-parcel", 30, "fee-to-pay"),  # the notice says what to do
        ("postal-parcel", 30, "customs-letter"),
        ("express-courier", 30, "none"),  # the courier clears it: ask the courier
        ("ecommerce-line", 30, "none"),
    ],
)
def test_not_within_the_hold_nor_with_a_notice_nor_for_a_courier_or_line(service, silent, notice):
    fired = {step.rule for step in _diagnose(("US", "SE"), service, silent, notice).trace}
    assert RULE not in fired, (service, silent, notice)
