"""Between two members of a customs union (facts/customs_unions.toml: the EU's internal
market) a parcel crosses no customs border: idleness after arrival is never read as customs
holding it (idle-at-inward-office-of-exchange, express-idle-after-arrival) and a late parcel
is not sent to customs (late-ask-customs). Membership is judged on the posting day (the
United Kingdom until 2020-12-31); a customs event the seller reports still counts."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge.loader import KnowledgeBase

TODAY = dt.date(2026, 11, 26)
EU = ["AT", "BE", "DE", "ES", "FR", "IT", "NL", "PL", "SE", "IE", "MC"]
IDLE_AFTER_ARRIVAL = {
    "last_event": "arrived-destination",
    "shipped_on": dt.date(2026, 11, 10),
    "last_event_on": dt.date(2026, 11, 12),
    "recipient_says": "not-received",
    "customs_notice": "none",
}


def _situations(kb: KnowledgeBase, answers: dict[str, object], today: dt.date = TODAY):
    result = diagnose(kb, answers, today)
    return [s.id for s in result.situations], [a.id for a in result.advice]


def test_idle_after_arrival_between_two_members_is_not_customs(kb: KnowledgeBase):
    answers = {**IDLE_AFTER_ARRIVAL, "origin": "DE", "destination": "FR"}
    situations, advice = _situations(kb, answers)
    assert "held-in-customs" not in situations
    assert "contact-customs" not in advice
    # the same parcel from outside the union is still read as held by customs
    situations, advice = _situations(kb, {**answers, "origin": "US"})
    assert "held-in-customs" in situations
    assert "contact-customs" in advice


def test_express_idle_after_arrival_between_two_members_is_not_customs(kb: KnowledgeBase):
    answers = {
        "origin": "DE",
        "destination": "FR",
        "carrier": "dhl-express",
        "shipped_on": dt.date(2026, 11, 19),
        "last_event": "arrived-destination",
        "last_event_on": dt.date(2026, 11, 20),
        "recipient_says": "not-received",
    }
    assert "held-in-customs" not in _situations(kb, answers)[0]
    assert "held-in-customs" in _situations(kb, {**answers, "origin": "CH"})[0]
    # posting day unknown: today's members share the union
    undated = {k: v for k, v in answers.items() if k != "shipped_on"}
    assert "held-in-customs" not in _situations(kb, undated)[0]
    assert "held-in-customs" in _situations(kb, {**undated, "origin": "GB"})[0]


def test_membership_is_judged_on_the_posting_day(kb: KnowledgeBase):
    answers = {**IDLE_AFTER_ARRIVAL, "origin": "GB", "destination": "FR"}
    assert "held-in-customs" in _situations(kb, answers)[0]  # 2026: GB has left
    then = dt.date(2019, 6, 20)
    old = {
        **answers,
        "shipped_on": dt.date(2019, 6, 1),
        "last_event_on": dt.date(2019, 6, 3),
    }
    assert "held-in-customs" not in _situations(kb, old, then)[0]


def test_a_customs_event_the_seller_reports_still_counts(kb: KnowledgeBase):
    # parts of a member with customs formalities share its code: the seller's answer decides
    answers = {**IDLE_AFTER_ARRIVAL, "origin": "DE", "destination": "ES", "last_event": "customs"}
    assert "held-in-customs" in _situations(kb, answers)[0]


@settings(max_examples=60, deadline=None)
@given(
    origin=st.sampled_from(EU),
    destination=st.sampled_from(EU),
    posted=st.integers(1, 80),
    idle=st.integers(0, 60),
    stage=st.sampled_from(["export", "arrived-destination", "in-destination-network"]),
    service=st.sampled_from([None, "postal-parcel", "tracked-post", "express-courier"]),
)
def test_no_step_sends_an_eu_parcel_to_customs(
    kb: KnowledgeBase,
    origin: str,
    destination: str,
    posted: int,
    idle: int,
    stage: str,
    service: str | None,
):
    answers: dict[str, object] = {
        "origin": origin,
        "destination": destination,
        "shipped_on": TODAY - dt.timedelta(days=posted),
        "last_event": stage,
        "last_event_on": TODAY - dt.timedelta(days=min(idle, posted)),
        "recipient_says": "not-received",
    }
    if service:
        answers["service"] = service
    situations, advice = _situations(kb, answers)
    assert "held-in-customs" not in situations
    assert "contact-customs" not in advice
