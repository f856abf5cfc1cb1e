"""A dated change in a destination's import duty (facts/customs_payment.toml
[[duty_change]]; rules/45-customs-returns.toml held-after-duty-change*): the United States
ended duty-free de minimis on 29 August 2025 for every shipment, so a postal or e-commerce
line parcel held by US customs since then may wait for duty its post or line did not pay
(review12 K-R11, review21 R21-24; cases/real/xx-us-amazon-...: held in customs in
September 2025, never moved again). Before, only the origin posts' suspensions were on
record, keyed on the origin: with the origin not known nothing was said."""

from __future__ import annotations

import datetime as dt

from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge.loader import KnowledgeBase

HELD = {"destination": "US", "last_event": "customs", "recipient_says": "not-received"}


def steps(kb: KnowledgeBase, today: dt.date, **more: object) -> set[str]:
    result = diagnose(kb, {**HELD, **more}, today)
    assert "held-in-customs" in {s.id for s in result.situations}
    return {a.id for a in result.advice}


def test_held_with_no_dates_after_the_change_asks_about_the_duty_and_decides(kb: KnowledgeBase):
    given = steps(kb, dt.date(2025, 9, 15))
    assert {"ask-post-if-duty-paid", "decide-reship-or-refund"} <= given


def test_the_step_says_what_changed_and_when(kb: KnowledgeBase):
    result = diagnose(kb, HELD, dt.date(2025, 9, 15))
    text = {a.id: a.text for a in result.advice}["ask-post-if-duty-paid"]
    assert text.startswith("Since 29 August 2025 every goods item sent to the United States")


def test_held_after_the_change_with_dates_asks_about_the_duty_without_deciding_yet(
    kb: KnowledgeBase,
):
    dated = {"shipped_on": dt.date(2025, 9, 1), "last_event_on": dt.date(2025, 9, 5)}
    given = steps(kb, dt.date(2025, 9, 20), origin="GB", service="tracked-post", **dated)
    assert "ask-post-if-duty-paid" in given
    assert "decide-reship-or-refund" not in given  # a dated wait for CBP's notice still runs


def test_posted_after_the_change_with_no_event_date_asks_about_the_duty(kb: KnowledgeBase):
    given = steps(kb, dt.date(2025, 9, 20), shipped_on=dt.date(2025, 8, 29))
    assert "ask-post-if-duty-paid" in given


def test_held_before_the_change_is_not_told_of_it(kb: KnowledgeBase):
    dated = {"shipped_on": dt.date(2025, 8, 10), "last_event_on": dt.date(2025, 8, 20)}
    assert "ask-post-if-duty-paid" not in steps(kb, dt.date(2025, 9, 1), **dated)
    assert "ask-post-if-duty-paid" not in steps(kb, dt.date(2025, 8, 28))


def test_a_courier_clears_and_bills_the_duty_itself(kb: KnowledgeBase):
    assert "ask-post-if-duty-paid" not in steps(kb, dt.date(2025, 9, 15), service="express-courier")


def test_a_lines_parcel_held_since_the_change_is_asked_about_the_duty(kb: KnowledgeBase):
    # review21 R21-24: de minimis ended for every shipment (CBP's CSMS # 66065494: whatever
    # the mode of transport or method of entry), not only postal ones; a Cainiao parcel
    # held by US customs in October 2025 was given only the generic customs steps
    dated = {"shipped_on": dt.date(2025, 9, 25), "last_event_on": dt.date(2025, 10, 1)}
    answers = {**HELD, **dated, "origin": "CN", "carrier": "cainiao", "service": "ecommerce-line"}
    result = diagnose(kb, answers, dt.date(2025, 10, 20))
    text = {a.id: a.text for a in result.advice}["ask-post-if-duty-paid"]
    assert "however it is sent" in text and "e-commerce line" in text
    assert "in late September 2025 only a handful of posts" in text  # dated, not 'a month later'


def test_another_destination_is_not_told_of_it(kb: KnowledgeBase):
    result = diagnose(kb, {**HELD, "destination": "GB"}, dt.date(2025, 9, 15))
    assert "ask-post-if-duty-paid" not in {a.id for a in result.advice}


def test_the_table_without_ids_is_kept_apart_from_the_disruptions(kb: KnowledgeBase):
    changes = kb.records("duty_changes")
    assert [(c["destination"], c["from"]) for c in changes] == [("US", dt.date(2025, 8, 29))]
    assert all("kind" in d for d in kb.records("disruptions"))
