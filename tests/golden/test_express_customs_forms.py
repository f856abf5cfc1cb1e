"""An express parcel held by import customs: the courier clears it and holds its
declaration, so the seller is sent to the courier and is never told to send the recipient
the postal customs forms (CN 22 / CN 23); a postal item in the same place still is
(rules/40-progress.toml held-by-customs, express-held-by-customs; review9 R1's second half:
CN->US DHL Express at customs was told 'Send the recipient ... (CN 22 / CN 23 ...)').
Over routes and both kinds of service, the situation is the same: held in customs."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge.loader import KnowledgeBase

TODAY = dt.date(2026, 11, 26)
ROUTES = [("CN", "US"), ("US", "PE"), ("GB", "NI"), ("DE", "CH"), ("JP", "AU"), ("IN", "GB")]


def at_customs(kb: KnowledgeBase, route: tuple[str, str], **how: str):
    """Situations and steps for an item at customs six days, posted 16 days ago."""
    answers = {
        "origin": route[0],
        "destination": route[1],
        "shipped_on": TODAY - dt.timedelta(days=16),
        "last_event": "customs",
        "last_event_on": TODAY - dt.timedelta(days=6),
        **how,
    }
    found = diagnose(kb, answers, TODAY)
    return {s.id for s in found.situations}, [a.id for a in found.advice]


@pytest.mark.parametrize("route", ROUTES, ids=["-".join(r) for r in ROUTES])
@pytest.mark.parametrize("carrier", ["dhl-express", "fedex", "ups"])
def test_express_at_customs_goes_to_the_courier_without_postal_forms(kb, route, carrier):
    situations, advice = at_customs(kb, route, carrier=carrier)
    assert "held-in-customs" in situations
    assert "contact-origin-carrier" in advice
    assert "send-customs-documents" not in advice


@pytest.mark.parametrize("route", ROUTES, ids=["-".join(r) for r in ROUTES])
def test_a_postal_item_at_customs_still_gets_the_forms(kb, route):
    situations, advice = at_customs(kb, route, service="registered-post")
    assert "held-in-customs" in situations
    assert "send-customs-documents" in advice
