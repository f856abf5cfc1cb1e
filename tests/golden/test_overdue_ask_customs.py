"""Where the destination's customs hold postal items for the recipient's own declaration
(facts/customs_payment.toml `held_for_recipient`: China, Turkey, Brazil, Uruguay), a parcel
posted longer ago than its service's silence limit (within six months), with no event known,
not received and no notice, gets one more step before reshipping: ask the destination's
customs (cases/real de-cn-gift-packet-...: silent for months, then Chinese customs called).
It is still "Probably lost" with the carrier, the inquiry and "Decide: reship or refund":
nothing shows it ever reached customs (review19 R-R57). Not before the limit, not past six
months, not undated, not where customs do not hold items for the recipient, not with a
notice in hand, not once the destination post has no record of it, not for an express
courier (it clears the parcel itself)."""

from __future__ import annotations

import datetime as dt

from parcel_doctor.knowledge import loader
from variants import diagnose_variant

KB = loader.load()
TODAY = dt.date(2026, 11, 20)


def _diagnosis(**changes: object) -> tuple[set[str], set[str]]:
    """A Germany -> China parcel, service and newest event not known, posted 75 days ago."""
    answers: dict[str, object] = {
        "origin": "DE",
        "destination": "CN",
        "shipped_on": dt.date(2026, 9, 6),  # 75 days: past the unknown service's 60
        "recipient_says": "not-received",
    }
    result = diagnose_variant(KB, answers, changes, TODAY)
    return {s.id for s in result.situations}, {a.id for a in result.advice}


def test_overdue_asks_customs_before_reshipping():
    situations, advice = _diagnosis()
    assert "contact-customs" in advice
    assert "likely-lost" in situations and "held-in-customs" not in situations
    assert {"decide-reship-or-refund", "contact-origin-carrier", "file-inquiry"} <= advice


def test_turkey_too():
    _, advice = _diagnosis(origin="NL", destination="TR")
    assert "contact-customs" in advice


def test_not_where_customs_do_not_hold_items_for_the_recipient():
    situations, advice = _diagnosis(destination="JP")
    assert "contact-customs" not in advice and "likely-lost" in situations


def test_not_before_the_limit():
    _, advice = _diagnosis(shipped_on=dt.date(2026, 10, 1))  # 50 days: late
    assert "contact-customs" not in advice


def test_not_past_six_months():
    _, advice = _diagnosis(shipped_on=dt.date(2026, 5, 1))
    assert "contact-customs" not in advice


def test_not_undated():
    _, advice = _diagnosis(shipped_on=None)
    assert "contact-customs" not in advice


def test_not_with_a_notice_in_hand():
    _, advice = _diagnosis(customs_notice="notice-card")
    assert "contact-customs" not in advice


def test_not_when_the_destination_post_has_no_record():
    _, advice = _diagnosis(destination_site="no-record")
    assert "contact-customs" not in advice


def test_not_for_an_express_courier():
    _, advice = _diagnosis(service="express-courier")
    assert "contact-customs" not in advice
