"""Surface (sea) mail as a service class of its own (facts/services.toml surface-mail,
facts/time_limits.toml its [[transit]] window: late after 120 days, given up after 150
days of silence, from Japan Post's surface parcel table and its one-month buffer).
Review12 K-R8: a real Japan Post sea-mail parcel (cases/real/jp-us-sea-mail-parcel-...,
posted 2020-10-05, out of Japan 10-07, delivered 12-07) was read with an air parcel's
window: seven weeks after export, transit-delayed; two months on, probably lost."""

from __future__ import annotations

import datetime as dt

from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge.loader import KnowledgeBase

POSTED = dt.date(2020, 10, 5)


def run(kb: KnowledgeBase, service: str, today: dt.date):
    answers = {
        "origin": "JP",
        "destination": "US",
        "carrier": "japan-post",
        "service": service,
        "shipped_on": POSTED,
        "last_event": "export",
        "last_event_on": dt.date(2020, 10, 7),
        "recipient_says": "not-received",
    }
    result = diagnose(kb, answers, today)
    return {s.id for s in result.situations}, {a.id: a for a in result.advice}


def test_a_surface_parcel_silent_two_months_after_export_is_still_at_sea(kb: KnowledgeBase):
    situations, steps = run(kb, "surface-mail", dt.date(2020, 12, 7))
    assert "in-international-transit" in situations
    assert not situations & {"transit-delayed", "likely-lost"}
    assert "decide-reship-or-refund" not in steps
    assert "2021-02-02" in steps["wait-until"].text  # posted + 120 days: the month's buffer


def test_the_same_parcel_as_an_air_parcel_is_late(kb: KnowledgeBase):
    situations, _ = run(kb, "postal-parcel", dt.date(2020, 12, 7))
    assert "in-international-transit" not in situations


def test_a_surface_parcel_past_its_buffer_is_late_then_given_up(kb: KnowledgeBase):
    late, _ = run(kb, "surface-mail", POSTED + dt.timedelta(days=121))
    assert "transit-delayed" in late and "likely-lost" not in late
    lost, _ = run(kb, "surface-mail", dt.date(2020, 10, 7) + dt.timedelta(days=151))
    assert "likely-lost" in lost


def test_surface_mail_is_a_service_the_seller_can_answer(kb: KnowledgeBase):
    assert kb.services["surface-mail"]["tracking_reach"] == "destination"
