"""A "delivered" scan on an import into Germany is often the post's handover to the
customs office near the recipient (review14 K-R19; paketda on the UPU status "Final
delivery": the office's letter reaches the recipient within 1-2 days). A CN -> DE item
shown delivered 8 days ago, the recipient with nothing, was told to check the address, look
for a card, file a CN 08 and "Decide now whether to reship or refund"; the customs office
keeps it 9 days (zoll.de) and then sends it back. Within that time the recipient answers
the customs office; from inside the EU, once the office's time has passed, from an express
courier, or where no source says so, the delivered-but-not-received path stays."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
IMPORT = {
    "origin": "CN",
    "destination": "DE",
    "service": "registered-post",
    "shipped_on": dt.date(2026, 11, 1),
    "last_event": "delivered",
    "last_event_on": dt.date(2026, 11, 12),  # 8 days ago: inside the office's 9 days
    "recipient_says": "not-received",
}


def _ids(**changes: Any) -> tuple[set[str], set[str]]:
    result = diagnose(KB, {**IMPORT, **changes}, TODAY)
    return {s.id for s in result.situations}, {a.id for a in result.advice}


@pytest.mark.parametrize("notice", [None, "none", "unknown"])
def test_delivered_to_the_customs_office_is_answered_not_reshipped(notice):
    situations, advice = _ids(**({"customs_notice": notice} if notice else {}))
    assert "customs-asks-recipient" in situations, situations
    assert {"recipient-answers-customs", "send-customs-documents"} <= advice, advice
    assert "delivered-but-not-received" not in situations
    assert "decide-reship-or-refund" not in advice


@pytest.mark.parametrize(
    "changes",
    [
        {"origin": "FR"},  # inside the EU: no customs office
        {"last_event_on": dt.date(2026, 11, 5)},  # 15 days: past the office's 9 days
        {"carrier": "dhl-express", "service": "express-courier"},  # the courier clears it
        {"destination": "GB"},  # no source says it of Royal Mail
    ],
    ids=["from-the-eu", "past-the-office-hold", "courier", "other-destination"],
)
def test_otherwise_delivered_but_not_received_stays(changes):
    situations, _ = _ids(**changes)
    assert "delivered-but-not-received" in situations
    assert "customs-asks-recipient" not in situations
