"""Where the destination's customs hold postal items for the recipient's own declaration
(facts/customs_payment.toml held_for_recipient: Turkey, China), an item held by customs
waits for the recipient whether or not a notice reached them (real cases nl-tr-four-boxes,
xx-tr-coilover, jp-cn-ems-july-2020): customs-asks-recipient and the recipient's step. A
destination without that practice on record is not concluded so from a customs event
alone."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 26)


def _run(destination: str, notice: str | None, service: str):
    answers = {
        "origin": "NL",
        "destination": destination,
        "service": service,
        "last_event": "customs",
        "recipient_says": "not-received",
        **({"customs_notice": notice} if notice else {}),
    }
    result = diagnose(KB, answers, TODAY)
    return {s.id for s in result.situations}, {a.id for a in result.advice}


@pytest.mark.parametrize("service", ["postal-parcel", "ems", "registered-post"])
@pytest.mark.parametrize("notice", [None, "none", "unknown"])
@pytest.mark.parametrize("destination", ["TR", "CN", "DE", "US"])
def test_held_for_the_recipients_declaration(destination, notice, service):
    situations, advice = _run(destination, notice, service)
    record = KB.tables["customs_payment"].get(destination) or {}
    held = record.get("held_for_recipient") is True
    assert ("customs-asks-recipient" in situations) == held, (destination, situations)
    if held:
        assert "recipient-answers-customs" in advice
