"""Links a seller can use: the README's coverage figures match the data, and every page
is a plain https URL (tracking pages with the number once)."""

from __future__ import annotations

import re
from pathlib import Path

from parcel_doctor.knowledge import loader as knowledge

ROOT = Path(__file__).resolve().parents[2]
KB = knowledge.load(ROOT / "facts", ROOT / "rules")
README = " ".join((ROOT / "README.md").read_text().split())
"""The README with its line breaks folded, so a figure may wrap."""


def count(table: dict, key: str) -> int:
    return sum(1 for entry in table.values() if key in entry)


def test_readme_link_figures_match_the_data() -> None:
    assert f"**{count(KB.countries, 'tracking_site')} of {len(KB.countries)} countries" in README
    assert f"**contact page for {count(KB.countries, 'contact_page')}" in README
    assert f"**claim page for {count(KB.countries, 'claim_page')}**" in README
    carriers = (
        f"for carriers, {count(KB.carriers, 'tracking_site')} tracking pages, "
        f"{count(KB.carriers, 'contact_page')} contact pages and "
        f"{count(KB.carriers, 'claim_page')} claim pages"
    )
    assert carriers in README


def test_readme_figures_for_the_ranked_markets_match_the_data() -> None:
    ranking = next(iter(KB.tables["rankings"].values()))
    top = [KB.countries[code] for code in ranking["countries"]]
    figures = (
        f"of those {len(top)}, {sum('tracking_site' in c for c in top)} have a tracking page, "
        f"{sum('contact_page' in c for c in top)} a contact page, "
        f"{sum('claim_page' in c for c in top)} a claim page"
    )
    assert figures in README


def test_pages_are_https_and_tracking_pages_take_the_number() -> None:
    for table in (KB.countries, KB.carriers):
        for entry in table.values():
            for key in ("tracking_site", "contact_page", "claim_page"):
                if key in entry:
                    assert entry[key].startswith("https://"), (entry.get("name"), key)
            if "tracking_site" in entry:
                assert entry["tracking_site"].count("{number}") == 1


def test_every_country_page_names_a_source_beyond_iso() -> None:
    for code, entry in KB.countries.items():
        if any(k in entry for k in ("tracking_site", "contact_page", "claim_page")):
            assert any(re.search(r"https://|search tool|sources", s) for s in entry["sources"]), (
                code
            )


def test_a_postal_operator_has_the_pages_its_country_has() -> None:
    """The carrier record of a country's postal operator links (at least) every page the
    country's record links: a seller who names the operator gets the same pages as one
    who names the country."""
    for cid, carrier in KB.carriers.items():
        if carrier["kind"] != "postal-operator" or len(carrier["countries"]) != 1:
            continue
        country = KB.countries[carrier["countries"][0]]
        for key in ("tracking_site", "contact_page", "claim_page"):
            if key in country:
                assert key in carrier, (cid, key)
