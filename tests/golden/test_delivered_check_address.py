"""A 'delivered' scan the recipient disputes (rules/50-outcome.toml delivered-check-the-address):
the carrier left the parcel where the label says, so the label's address is compared with the
recipient's (real case ca-ca-christmas-box-...: one wrong digit, a neighbour had it). Not when
the recipient holds a notice (the parcel waits where it says), nor when the recipient has it."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
STEP = "check-address-with-recipient"
ROUTES = [("CA", "CA"), ("GB", "AU"), ("CN", "US"), ("DE", "FR")]


def _result(**answers: object) -> tuple[set[str], set[str]]:
    base: dict[str, object] = {"last_event": "delivered", "recipient_says": "not-received"}
    result = diagnose(KB, base | answers, TODAY)
    return {s.id for s in result.situations}, {a.id for a in result.advice}


@pytest.mark.parametrize("service", [None, "tracked-post", "postal-parcel", "express-courier"])
@pytest.mark.parametrize("route", ROUTES, ids=["-".join(r) for r in ROUTES])
@pytest.mark.parametrize("dated", [False, True])
def test_a_disputed_delivery_checks_the_labels_address(service, route, dated):
    answers: dict[str, object] = {"origin": route[0], "destination": route[1]}
    if service:
        answers["service"] = service
    if dated:
        answers["shipped_on"] = TODAY - dt.timedelta(days=12)
        answers["last_event_on"] = TODAY - dt.timedelta(days=2)
    situations, advice = _result(**answers)
    assert "delivered-but-not-received" in situations, answers
    assert STEP in advice, answers


@pytest.mark.parametrize(
    "other",
    [
        {"customs_notice": "notice-card"},
        {"customs_notice": "fee-to-pay"},
        {"customs_notice": "customs-letter"},
        {"recipient_says": "received"},
    ],
)
def test_not_when_a_notice_places_it_or_the_recipient_has_it(other):
    _, advice = _result(**({"origin": "GB", "destination": "AU"} | other))
    assert STEP not in advice, other
