"""Carrier names as sellers type them, and the contact and claim pages beside tracking."""

from __future__ import annotations

from pathlib import Path

import pytest
from parcel_doctor.knowledge import loader as knowledge


@pytest.mark.parametrize(
    ("typed", "carrier"),
    [
        ("DHL Express", "dhl-express"),
        ("dhl paket", "deutsche-post"),
        ("Parcelforce", "royal-mail"),
        ("Royal Mail", "royal-mail"),
        ("colissimo", "la-poste"),
        ("Hermes", "evri"),
        ("Evri", "evri"),
        ("ePacket", "china-post"),
        ("AliExpress Standard Shipping", "cainiao"),
        ("Yun Express", "yunexpress"),
        ("U.S. Postal Service", "usps"),
        ("USPS", "usps"),
    ],
)
def test_aliases_lead_to_the_carrier(kb, typed, carrier):
    assert kb.find_carrier(typed) == carrier


def test_an_alias_naming_two_carriers_is_refused(kb_copy):
    facts, rules = kb_copy
    path = facts / "carriers.toml"
    path.write_text(
        path.read_text().replace('aliases = ["Hermes"', 'aliases = ["Parcelforce", "Hermes"', 1)
    )
    problems = [str(p) for p in knowledge.check(facts, rules)[1]]
    assert any(
        "carrier.aliases" in p and "'Parcelforce' already names carrier 'royal-mail'" in p
        for p in problems
    ), problems


@pytest.mark.parametrize("page", ["http://example.org/contact", "https://example.org/{number}"])
@pytest.mark.parametrize("key", ["contact_page", "claim_page"])
def test_contact_and_claim_pages_are_plain_https(kb_copy, key, page):
    facts, rules = kb_copy
    path: Path = facts / "carriers.toml"
    path.write_text(
        path.read_text().replace('id = "aramex"\n', f'id = "aramex"\n{key} = "{page}"\n', 1)
    )
    problems = [str(p) for p in knowledge.check(facts, rules)[1]]
    assert any(f"carrier.{key}" in p and "plain https://" in p for p in problems), problems
