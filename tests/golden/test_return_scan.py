"""A 'returned to sender' event with no reason the seller can confirm (rules/40-progress.toml
return-scan-check-at-destination): real case kr-vn-ems-cosmetics-..., Korea Post's EMS
message 'returned: customs requirements not met' was a system error and the item had been
delivered; the seller refunded on it. For a service the destination's operator scans under
the same number, its own page is looked at first; not once the seller has read that page,
gave the return's reason (or said the address was incomplete), or the recipient has it, nor
for a courier or an e-commerce line (no same-number page), nor inside one country."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
STEP = "check-destination-operator-site"
ROUTES = [("KR", "VN"), ("US", "DE"), ("GB", "AU"), ("JP", "US")]


def _advice(**answers: object) -> set[str]:
    base: dict[str, object] = {
        "shipped_on": TODAY - dt.timedelta(days=30),
        "last_event": "returning",
        "last_event_on": TODAY - dt.timedelta(days=10),
    }
    return {a.id for a in diagnose(KB, base | answers, TODAY).advice}


@pytest.mark.parametrize("service", ["ems", "registered-post", "tracked-post", "postal-parcel"])
@pytest.mark.parametrize("route", ROUTES, ids=["-".join(r) for r in ROUTES])
@pytest.mark.parametrize("says", [None, "not-received"])
def test_an_unexplained_return_is_checked_at_the_destination_first(service, route, says):
    answers: dict[str, object] = {"origin": route[0], "destination": route[1], "service": service}
    if says:
        answers["recipient_says"] = says
    assert STEP in _advice(**answers), answers


@pytest.mark.parametrize(
    "other",
    [
        {"return_reason": "address"},
        {"address_complete": False},
        {"destination_site": "no-record"},
        {"recipient_says": "received"},
        {"service": "express-courier"},
        {"service": "ecommerce-line"},
        {"destination": "KR"},
    ],
)
def test_not_when_the_return_is_explained_or_there_is_no_such_page(other):
    answers: dict[str, object] = {"origin": "KR", "destination": "VN", "service": "ems"}
    assert STEP not in _advice(**(answers | other)), other
