"""An express courier's parcel the recipient does not have, with no date known
(rules/50-outcome.toml courier-claim-deadline-without-dates): the courier's claim deadline,
short and counted from its acceptance, runs whether or not the dates are known, so the
trace-and-claim step is given beside 'look the tracking up' (real cases gb-mw-..., in-sc-dhl-...,
in-sg-dtdc-...: no dates in the story, the courier's trace and claim counted). Not once a date is
known (the dated rules decide), not when the recipient has it or has not said, and not for a
courier counting from the scheduled delivery day (UPS, TNT), which needs the dates first."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
STEP = "courier-claim-deadline"
ROUTES = [("GB", "MW"), ("IN", "SC"), ("IN", "SG"), ("US", "DE")]


def _advice(**answers: object) -> set[str]:
    base: dict[str, object] = {"service": "express-courier", "recipient_says": "not-received"}
    given = {k: v for k, v in (base | answers).items() if v is not None}  # None: not answered
    return {a.id for a in diagnose(KB, given, TODAY).advice}


@pytest.mark.parametrize("carrier", [None, "dhl-express", "fedex"])
@pytest.mark.parametrize("route", ROUTES, ids=["-".join(r) for r in ROUTES])
def test_no_date_known_the_courier_claim_step_is_given(route, carrier):
    answers: dict[str, object] = {"origin": route[0], "destination": route[1]}
    if carrier:
        answers["carrier"] = carrier
    advice = _advice(**answers)
    assert {STEP, "look-up-tracking"} <= advice, answers


@pytest.mark.parametrize(
    "other",
    [
        {"shipped_on": TODAY - dt.timedelta(days=2)},
        {"recipient_says": "received"},
        {"recipient_says": None},
        {"carrier": "ups"},
        {"carrier": "tnt"},
    ],
)
def test_not_with_a_date_a_recipient_who_has_it_or_a_delivery_day_count(other):
    assert STEP not in _advice(**({"origin": "GB", "destination": "MW"} | other)), other
