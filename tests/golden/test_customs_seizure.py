"""Customs seizing the goods is not a carrier mishap (review15 R-R36). "Item seized by
customs" read as a problem scan gave the generic exception path: "Check the address with
the recipient ... give China Post the corrected details", "Have the recipient look for it",
"Contact China Post ... ask them to trace the parcel". Seized goods do not come on and the
post treats them as seized, not lost (cases/real/au-xx-extra-cover-seized-by-customs:
Australia Post refused compensation); customs' notice to the recipient says why and whether
they can be asked back (gov.uk/customs-seizures). An express courier's "to be disposed of
over customs" is its hold at import customs for data the shipper owes (UPS to NBC News,
cases/real/se-us-two-boxes..., ca-us-four-car-wheels...): answer it at once and ask for a
return. The new answer `exception_reason` says which; the tracking line suggests it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.events.read import suggested_answer
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
POST = {
    "origin": "CN",
    "destination": "GB",
    "service": "registered-post",
    "last_event": "exception",
    "recipient_says": "not-received",
}
COURIER = {
    "origin": "SE",
    "destination": "US",
    "carrier": "ups",
    "service": "express-courier",
    "last_event": "exception",
    "recipient_says": "not-received",
}
GENERIC = {"carrier-exception", "check-address-with-recipient", "recipient-checks-for-notice"}
DATES = {
    "recent": {"shipped_on": dt.date(2026, 11, 1), "last_event_on": dt.date(2026, 11, 10)},
    "long silent": {"shipped_on": dt.date(2026, 6, 1), "last_event_on": dt.date(2026, 6, 20)},
    "undated": {},
}


def _ids(answers: dict[str, Any]) -> tuple[set[str], set[str]]:
    result = diagnose(KB, answers, TODAY)
    return {s.id for s in result.situations}, {a.id for a in result.advice}


@pytest.mark.parametrize("dates", sorted(DATES))
def test_a_post_item_seized_by_customs_will_not_come_on(dates):
    situations, advice = _ids({**POST, **DATES[dates], "exception_reason": "customs"})
    assert "seized-by-customs" in situations, situations
    assert {"learn-why-customs-seized", "decide-reship-or-refund"} <= advice, advice
    assert not (situations | advice) & GENERIC
    # not lost, and no trace or claim brings it back
    assert "likely-lost" not in situations
    assert not advice & {"contact-origin-carrier", "file-inquiry"}, advice


@pytest.mark.parametrize("dates", sorted(DATES))
def test_a_courier_holding_it_over_customs_is_answered_not_claimed(dates):
    situations, advice = _ids({**COURIER, **DATES[dates], "exception_reason": "customs"})
    assert "held-in-customs" in situations and "seized-by-customs" not in situations
    assert {"courier-customs-data-now", "send-customs-documents"} <= advice, advice
    assert not (situations | advice) & GENERIC
    assert not {a for a in advice if a.startswith("courier-claim")}, advice


@pytest.mark.parametrize("base", [POST, COURIER], ids=["post", "courier"])
def test_another_problem_keeps_the_exception_path(base):
    situations, advice = _ids({**base, **DATES["recent"], "exception_reason": "other"})
    assert {"carrier-exception", "check-address-with-recipient"} <= situations | advice
    assert not situations & {"seized-by-customs", "held-in-customs"}


def test_an_exception_with_no_reason_asks_for_it():
    result = diagnose(KB, {**POST, **DATES["recent"]}, TODAY)
    assert "exception_reason" in result.missing


@pytest.mark.parametrize(
    "line",
    [
        "Item seized by customs",
        "Confiscated by customs authorities",
        "Alert - Destroyed by customs",
        "Import prohibited - item will be destroyed",
        "Shipment destroyed due to customs issues",
    ],
)
def test_the_tracking_line_suggests_the_reason(line):
    assert suggested_answer(KB, line) == ("exception_reason", "customs")


@pytest.mark.parametrize("line", ["Shipment on hold", "Alert - Damaged", "Delivery exception"])
def test_other_problem_lines_suggest_nothing(line):
    assert suggested_answer(KB, line) is None


def test_the_notice_is_sought_from_whoever_customs_wrote_to():
    # review15 R-R43: a seizure before export (in the origin's city) was sent to the recipient
    result = diagnose(KB, {**POST, **DATES["recent"], "exception_reason": "customs"}, TODAY)
    step = next(a for a in result.advice if a.id == "learn-why-customs-seized")
    assert "recipient gets it" in step.text and "before export, you do" in step.text


def test_the_address_is_not_asked_about_a_seizure():
    missing = diagnose(
        KB, {**POST, **DATES["recent"], "exception_reason": "customs"}, TODAY
    ).missing
    assert "address_complete" not in missing
    other = diagnose(KB, {**POST, **DATES["recent"], "exception_reason": "other"}, TODAY).missing
    assert "address_complete" in other


def test_the_seizure_step_carries_a_message_asking_the_recipient_for_the_notice():
    # review15 R-R43's low half: `--messages` gave none for this step
    result = diagnose(
        KB, {**POST, "tracking_number": "RR123456785CN", "exception_reason": "customs"}, TODAY
    )
    (message,) = next(a for a in result.advice if a.id == "learn-why-customs-seized").messages
    assert message.to == "recipient"
    assert "RR123456785CN" in message.text and "notice" in message.text
