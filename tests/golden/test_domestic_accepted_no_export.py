"""Inside one country 'accepted' is the whole network up to delivery: no export hold
(review15 R-R48). UPS US -> US accepted 25 days ago got held-at-origin "usually held for
export: paperwork, an export declaration"; Deutsche Post DE -> DE got "it has not been
dispatched abroad ... an export or security check". Now late in the network, as any other
stage; between two countries both stay."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 27)
EXPRESS = {"carrier": "ups", "last_event_on": dt.date(2026, 11, 2)}
POSTAL = {
    "carrier": "deutsche-post",
    "service": "tracked-post",
    "last_event_on": dt.date(2026, 11, 1),
}


def _result(country: str, destination: str, base: dict[str, Any]) -> tuple[set[str], set[str]]:
    answers = {"origin": country, "destination": destination, "last_event": "accepted"}
    answers |= {"shipped_on": dt.date(2026, 11, 1), **base}
    result = diagnose(KB, answers, TODAY)
    fired = {step.rule for step in result.trace}
    return {s.id for s in result.situations}, fired


@pytest.mark.parametrize(
    ("country", "base"), [("US", EXPRESS), ("DE", POSTAL)], ids=["ups", "post"]
)
def test_a_domestic_parcel_is_late_in_the_network_not_held_for_export(country, base):
    situations, fired = _result(country, country, base)
    assert "transit-delayed" in situations and "held-at-origin" not in situations
    assert not fired & {"express-idle-at-origin", "postal-idle-at-origin"}


def test_between_two_countries_the_export_hold_stays():
    situations, fired = _result("US", "DE", EXPRESS)
    assert "held-at-origin" in situations and "express-idle-at-origin" in fired
    _, fired = _result("DE", "US", POSTAL)
    assert "postal-idle-at-origin" in fired
