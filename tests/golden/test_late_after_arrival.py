"""A postal item late and silent since its arrival in the destination (rules/40-progress.toml
late-after-arrival-ask-the-destination-post): the arrival is the destination post's own scan at
its inward office of exchange, so besides customs the destination's post is asked
(contact-destination-operator): real case de-kh-christmas-parcel-..., mislaid inside Phnom Penh's
main post office. Not within the window, not for a courier or a line, not inside one country."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
STEP = "contact-destination-operator"
ROUTES = [("DE", "KH"), ("JP", "GB"), ("CN", "BR"), ("US", "AU")]


def _advice(route, service: str, age: int, rule: bool = False) -> set[str]:
    """The steps given (or, with rule, the rules that fired)."""
    answers = {
        "origin": route[0],
        "destination": route[1],
        "service": service,
        "last_event": "arrived-destination",
        "shipped_on": TODAY - dt.timedelta(days=age),
        "last_event_on": TODAY - dt.timedelta(days=age - 8),
        "recipient_says": "not-received",
    }
    result = diagnose(KB, answers, TODAY)
    if rule:
        return {step.rule for step in result.trace}
    return {a.id for a in result.advice}


@pytest.mark.parametrize("service", ["postal-parcel", "registered-post", "tracked-post"])
@pytest.mark.parametrize("route", ROUTES, ids=["-".join(r) for r in ROUTES])
def test_late_after_arrival_the_destination_post_is_asked(route, service):
    assert STEP in _advice(route, service, 45), (route, service)


@pytest.mark.parametrize(
    ("route", "service", "age"),
    [
        (("DE", "KH"), "postal-parcel", 20),  # within the window
        (("DE", "KH"), "ecommerce-line", 45),
        (("DE", "KH"), "express-courier", 25),
    ],
)
def test_not_within_the_window_nor_for_a_line_or_courier(route, service, age):
    fired = _advice(route, service, age, rule=True)
    assert "late-after-arrival-ask-the-destination-post" not in fired, (route, service, age)
