"""An express courier's late or lost parcel: the seller is sent to the courier's own
claim deadline at once (rules/50-outcome.toml courier-claim-deadline), never given the
postal inquiry (UPU form CN 08, six months from the day after posting), which a courier
does not apply: DHL Express takes claims within 30 days of accepting the parcel
(review10 R12/K3: a US->DE DHL Express parcel silent for six weeks was told to file a
UPU inquiry 'before 2027-04-13', months after DHL's deadline had passed).
Registered post on the same answers still gets the dated UPU inquiry.

Where the courier's window counts from acceptance (facts/carriers.toml claim_within_days,
claim_counted_from: DHL Express 30 days, FedEx 273), the step carries its date (posting
day + the days) under the same id, courier-claim-deadline (advice ids are an interface: the
real case in-ci-dhl-express-... expects it), and no wait runs past it; past it, the step
says the window has passed (not "claim at once"); a courier with no window on record, or
one counted from another day, is told to ask the courier now, with no date (review10 R12's
rest)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader
from parcel_doctor.knowledge.loader import KnowledgeBase

TODAY = dt.date(2026, 11, 26)
ROUTES = [("US", "DE"), ("CN", "GB"), ("GB", "AU")]
AGES = [12, 45, 120, 200]  # days since posting
LATE = {"transit-delayed", "likely-lost", "long-overdue", "delivered-but-not-received"}
CLAIM_STEPS = {
    "courier-claim-deadline",  # dated where the courier's window from acceptance is on record
    "courier-claim-window-passed",
    "courier-claim-from-scheduled-delivery",
}
KB = loader.load()
COURIERS = sorted(  # those that bring the express-courier service
    c for c, r in KB.carriers.items() if r.get("service_class") == "express-courier"
)


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
    assert len(CLAIM_STEPS & set(advice)) == 1, (situations, advice)
    assert "file-inquiry" not in advice
    assert "inquiry-window-closing" not in advice


@pytest.mark.parametrize("route", ROUTES, ids=["-".join(r) for r in ROUTES])
def test_registered_post_keeps_the_dated_upu_inquiry(kb, route):
    situations, advice = late_parcel(kb, route, 90, True, service="registered-post")
    assert "likely-lost" in situations
    due = advice.get("file-inquiry")
    assert due is not None and str(due) > TODAY.isoformat()  # six months: still ahead
    assert "courier-claim-deadline" not in advice


def _window(carrier: str, damaged: bool) -> int | None:
    """The courier's claim days counted from acceptance that apply, else None."""
    record = KB.carriers[carrier]
    if damaged and "damage_claim_within_days" in record:
        return None  # its own damage window, counted from delivery: not dated here
    if record.get("claim_counted_from") != "acceptance":
        return None
    return record.get("claim_within_days")


@settings(max_examples=300, deadline=None)
@given(
    carrier=st.sampled_from(COURIERS),
    route=st.sampled_from(ROUTES),
    age=st.integers(2, 400),
    says=st.sampled_from(["not-received", "received-damaged"]),
    event=st.booleans(),
)
def test_the_claim_step_carries_the_couriers_own_deadline(carrier, route, age, says, event):
    situations, advice = late_parcel(KB, route, age, event, carrier=carrier, recipient_says=says)
    if not situations & (LATE | {"received-damaged"}):
        assert not CLAIM_STEPS & set(advice), (situations, advice)
        return
    days = _window(carrier, says == "received-damaged")
    shown = CLAIM_STEPS & set(advice)
    scheduled = KB.carriers[carrier].get("claim_counted_from") == "scheduled-delivery"
    if scheduled and says == "not-received":  # the window named, from a day not answered
        assert shown == {"courier-claim-from-scheduled-delivery"}, (carrier, age, advice)
        return
    if says == "received-damaged" and "damage_claim_within_days" in KB.carriers[carrier]:
        # counted from the delivery, which no answer here dates: the window named (review12 R-R11)
        assert shown == {"courier-claim-deadline"}, (carrier, age, advice)
        assert advice["courier-claim-deadline"] is None
        return
    if days is None:
        assert shown == {"courier-claim-deadline"}, (carrier, age, advice)
        assert advice["courier-claim-deadline"] is None
        return
    deadline = (TODAY - dt.timedelta(days=age) + dt.timedelta(days=days)).isoformat()
    if age <= days:
        assert shown == {"courier-claim-deadline"} and advice["courier-claim-deadline"] == deadline
        assert all(due <= deadline for due in advice.values() if due), (carrier, age, advice)
    else:
        assert shown == {"courier-claim-window-passed"}, (carrier, age, advice)
