"""An express courier's claim window runs whatever the stage the parcel stopped at
(review12 R-R15): a DHL Express parcel accepted 2026-10-26 (deadline 2026-11-25) got
"courier-claim-deadline by 2026-11-25" when late after export, but nothing when its newest
event was missent, an exception or customs, although after 11-25 DHL no longer has to accept
a claim. And a courier's own window for damage, counted from delivery, is used (review12
R-R11): a FedEx parcel delivered damaged on 2026-10-25 was given DHL Express's 30 days from
acceptance, undated; FedEx's deadline for damage is 21 days after delivery (2026-11-15).

Now (rules/50-outcome.toml courier-claim-*, courier-damage-claim-*): the dated claim step
at customs, after an exception or a missent scan too; the damage deadline from the
delivery date, "passed" after it, the window named when the delivery date is not known."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()


def _advice(answers: dict[str, object], today: dt.date) -> dict[str, str | None]:
    return {a.id: a.due for a in diagnose(KB, answers, today).advice}


@pytest.mark.parametrize("stage", ["missent", "exception", "customs", "export"])
def test_review_r_r15_claim_deadline_at_every_stage(stage):
    answers = {
        "origin": "US",
        "destination": "AT",
        "carrier": "dhl-express",
        "last_event": stage,
        "shipped_on": dt.date(2026, 10, 26),
        "last_event_on": dt.date(2026, 10, 28),
        "recipient_says": "not-received",
    }
    assert _advice(answers, dt.date(2026, 11, 20)).get("courier-claim-deadline") == "2026-11-25"
    assert "courier-claim-window-passed" in _advice(answers, dt.date(2026, 12, 5))


DAMAGED = {
    "origin": "US",
    "destination": "GB",
    "carrier": "fedex",
    "shipped_on": dt.date(2026, 10, 20),
    "recipient_says": "received-damaged",
}


def test_review_r_r11_damage_deadline_from_delivery():
    delivered = DAMAGED | {"last_event": "delivered", "last_event_on": dt.date(2026, 10, 25)}
    found = diagnose(KB, delivered, dt.date(2026, 11, 10))
    step = next(a for a in found.advice if a.id == "courier-claim-deadline")
    assert step.due == "2026-11-15"  # not 30 days from acceptance, nor FedEx's 273 for a loss
    assert "21 days from the day it delivered" in step.text
    assert "DHL" not in step.text
    advice = _advice(delivered, dt.date(2026, 11, 20))
    assert "courier-claim-window-passed" in advice
    assert "courier-claim-deadline" not in advice


def test_damage_window_named_when_the_delivery_date_is_not_known():
    found = diagnose(KB, DAMAGED, dt.date(2026, 11, 10))
    step = next(a for a in found.advice if a.id == "courier-claim-deadline")
    assert step.due is None
    assert "21 days from the day it delivered" in step.text
