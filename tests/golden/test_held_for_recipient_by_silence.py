"""Where the destination's customs hold postal items for the recipient's own declaration
(facts/customs_payment.toml held_for_recipient), an item the RULES conclude is held by
customs from its silence gets the recipient's step too (review22 R22-7). A registered book
from Greece to Brazil, last seen arriving there 43 days ago, the recipient with nothing and
no notice, is read as held by customs (idle-at-inward-office-of-exchange) and got 'Ask the
destination's customs' and the documents step, never 'The recipient answers customs' with
Minhas Importacoes and its 30 days, which came only when the customs event was answered:
in Brazil nobody is notified, and an unanswered item goes back (real case
xx-br-dhl-taxes-unpaid-returned). A destination without that practice is unchanged, and a
parcel with no event at all is still not read as held (review19 R-R57: nothing shows it
reached customs)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2017, 7, 20)
IDLE = {
    "origin": "GR",
    "carrier": "elta",
    "service": "registered-post",
    "shipped_on": dt.date(2017, 4, 13),
    "last_event": "arrived-destination",
    "last_event_on": dt.date(2017, 6, 7),
    "recipient_says": "not-received",
}


def _ids(answers: dict[str, Any]) -> tuple[set[str], list[str]]:
    result = diagnose(KB, answers, TODAY)
    return {s.id for s in result.situations}, [a.id for a in result.advice]


def _held_for_recipient(destination: str) -> bool:
    return (KB.tables["customs_payment"].get(destination) or {}).get("held_for_recipient") is True


@pytest.mark.parametrize("destination", ["BR", "TR", "CN", "UY", "AR"])
def test_review_r22_7_held_by_its_silence_the_recipient_answers_customs(destination):
    assert _held_for_recipient(destination)
    situations, steps = _ids({**IDLE, "destination": destination})
    assert "held-in-customs" in situations, situations
    assert "customs-asks-recipient" in situations, situations
    assert "recipient-answers-customs" in steps, steps
    assert steps.index("recipient-answers-customs") < steps.index("contact-customs")


def test_as_for_the_answered_customs_event():
    _, idle = _ids({**IDLE, "destination": "BR"})
    _, customs = _ids({**IDLE, "destination": "BR", "last_event": "customs"})
    assert "recipient-answers-customs" in idle and "recipient-answers-customs" in customs


@pytest.mark.parametrize("destination", ["US", "AU"])
def test_elsewhere_customs_are_asked_not_answered(destination):
    assert not _held_for_recipient(destination)
    situations, steps = _ids({**IDLE, "destination": destination})
    assert "held-in-customs" in situations, situations
    assert "customs-asks-recipient" not in situations, situations
    assert "recipient-answers-customs" not in steps, steps


def test_with_no_event_at_all_it_is_not_read_as_held():
    answers = {**IDLE, "destination": "BR", "shipped_on": dt.date(2017, 1, 20)}
    del answers["last_event"], answers["last_event_on"]
    situations, _ = _ids(answers)
    assert "held-in-customs" not in situations, situations
    assert "customs-asks-recipient" not in situations, situations
