"""A territory whose mail the other country's post carries as its own domestic mail (facts/
countries.toml `postal_network`: Puerto Rico, Guam, the U.S. Virgin Islands, American Samoa
and the Northern Mariana Islands with the United States, USPS Domestic Mail Manual 608.2.1)
is one postal network with it: a parcel between them, or between two such territories, is
timed by the network country's domestic window and traced by the one operator, never sent
to customs for being late nor to "the destination operator's own site" (rules/30-time.toml
route-inside-one-country compares the two countries' networks; a country without the field
is its own network). A customs event the seller sees is still a customs hold."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge.loader import KnowledgeBase

TODAY = dt.date(2026, 11, 26)
LATE_FOR_DOMESTIC = {
    "shipped_on": dt.date(2026, 11, 8),
    "last_event": "in-destination-network",
    "last_event_on": dt.date(2026, 11, 10),
    "recipient_says": "not-received",
}


def _read(kb: KnowledgeBase, origin: str, destination: str, **more) -> tuple[set, set]:
    answers = {**LATE_FOR_DOMESTIC, "origin": origin, "destination": destination, **more}
    result = diagnose(kb, answers, TODAY)
    return {s.id for s in result.situations}, {a.id for a in result.advice}


@pytest.mark.parametrize(
    ("origin", "destination"), [("US", "PR"), ("PR", "US"), ("US", "GU"), ("PR", "VI")]
)
def test_a_parcel_inside_one_postal_network_is_domestic(
    kb: KnowledgeBase, origin: str, destination: str
):
    situations, advice = _read(kb, origin, destination)
    # 18 days after posting: past the US domestic window, inside the international one
    assert "transit-delayed" in situations and "in-destination-country" not in situations
    assert "contact-origin-carrier" in advice  # the one operator traces it
    assert not advice & {"contact-customs", "check-destination-operator-site"}


def test_a_country_outside_the_network_stays_international(kb: KnowledgeBase):
    situations, _ = _read(kb, "US", "MX")
    assert "transit-delayed" not in situations and "in-destination-country" in situations


def test_every_country_is_its_own_network_unless_told(kb: KnowledgeBase):
    assert kb.countries["DE"]["postal_network"] == "DE"
    assert kb.countries["PR"]["postal_network"] == "US"


def test_a_customs_event_in_a_territory_is_still_a_customs_hold(kb: KnowledgeBase):
    situations, _ = _read(kb, "US", "GU", last_event="customs", customs_notice="none")
    assert "held-in-customs" in situations
