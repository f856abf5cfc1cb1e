"""An express courier's late or lost parcel: the seller is sent to the courier's own
claim deadline at once (rules/50-outcome.toml courier-claim-deadline), never given the
postal inquiry (UPU form CN 08, six months from the day after posting), which a courier
does not apply: DHL Express takes claims within 30 days of accepting the parcel
(review10 R12/K3: a US->DE DHL Express parcel silent for six weeks was told to file a
UPU inquiry 'before 2027-04-13', months after DHL's deadline had passed).
Registered post on the same answers still gets the dated UPU inquiry."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge.loader import KnowledgeBase

TODAY = dt.date(2026, 11, 26)
ROUTES = [("US", "DE"), ("CN", "GB"), ("GB", "AU")]
AGES = [12, 45, 120, 200]  # days since posting
LATE = {"transit-delayed", "likely-lost", "long-overdue", "delivered-but-not-received"}


def late_parcel(kb: KnowledgeBase, route: tuple[str, str], age: int, event: bool, **how: str):
    """Situations and steps for a parcel posted `age` days ago that the recipient lacks."""
    answers: dict[str, object] = {
        "origin": route[0],
        "destination": route[1],
        "shipped_on": TODAY - dt.timedelta(days=age),
        "recipient_says": "not-received",
        **how,
    }
    if event:
        answers |= {"last_event": "export", "last_event_on": TODAY - dt.timedelta(days=age - 1)}
    found = diagnose(kb, answers, TODAY)
    return {s.id for s in found.situations}, {a.id: a.due for a in found.advice}


@pytest.mark.parametrize("event", [True, False], ids=["export-scan", "no-event"])
@pytest.mark.parametrize("age", AGES)
@pytest.mark.parametrize("route", ROUTES, ids=["-".join(r) for r in ROUTES])
@pytest.mark.parametrize("carrier", ["dhl-express", "fedex", "ups"])
def test_a_late_courier_parcel_is_claimed_with_the_courier_not_by_the_upu_window(
    kb, carrier, route, age, event
):
    situations, advice = late_parcel(kb, route, age, event, carrier=carrier)
    assert situations & LATE, situations  # every answer here is a late or lost parcel
    assert "courier-claim-deadline" in advice, (situations, advice)
    assert "file-inquiry" not in advice
    assert "inquiry-window-closing" not in advice


@pytest.mark.parametrize("route", ROUTES, ids=["-".join(r) for r in ROUTES])
def test_registered_post_keeps_the_dated_upu_inquiry(kb, route):
    situations, advice = late_parcel(kb, route, 90, True, service="registered-post")
    assert "likely-lost" in situations
    due = advice.get("file-inquiry")
    assert due is not None and str(due) > TODAY.isoformat()  # six months: still ahead
    assert "courier-claim-deadline" not in advice
