"""Links a seller can use: the README's coverage figures match the data, and every page
is a plain https URL (tracking pages with the number once)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from parcel_doctor.knowledge import loader as knowledge

ROOT = Path(__file__).resolve().parents[2]
KB = knowledge.load(ROOT / "facts", ROOT / "rules")
README = " ".join((ROOT / "README.md").read_text().split())
"""The README with its line breaks folded, so a figure may wrap."""
PAGES = ("tracking_site", "tracking_page", "contact_page", "claim_page")


def has(entry: dict, key: str) -> bool:
    """Whether the entry has the page as its file writes it: the `tracking_site` the
    loader takes from a `tracking_page` (a page where the number is typed in) is not a
    page addressable by number."""
    return key in entry and not (key == "tracking_site" and "tracking_page" in entry)


def count(table: dict, key: str) -> int:
    return sum(1 for entry in table.values() if has(entry, key))


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
    typed_in = sorted(code for code, c in KB.countries.items() if "tracking_page" in c)
    assert f"a page where the number is typed in for **{len(typed_in)} more" in README
    assert f"({', '.join(typed_in)}: `tracking_page`" in README
    neither = sorted(code for code, c in KB.countries.items() if says(c, NO_TRACKING_PAGE))
    listed = f"the records of {len(neither)} more UPU members ({', '.join(neither)}: no page"
    assert listed in README


def test_readme_lists_the_countries_with_a_claim_page() -> None:
    codes = ", ".join(sorted(code for code, c in KB.countries.items() if "claim_page" in c))
    assert f"**claim page for {count(KB.countries, 'claim_page')}** ({codes}:" in README


LARGEST = KB.tables["rankings"]["largest-40-combined"]["countries"]
"""The 40 large e-commerce markets issue 12 asks contact and claim pages for (facts/markets.toml
says how the list combines three sourced ones)."""
NOT_ON_RECORD = {
    "contact_page": "no contact page on record (so no contact_page)",
    "claim_page": "no claim page on record (so no claim_page)",
}
"""How an entry's sources say, with what was searched, that no page of that kind is known: so
a test can tell "not known" from "forgotten"."""


def says(entry: dict, phrase: str) -> bool:
    return any(source.startswith(phrase) for source in entry["sources"])


def test_the_largest_markets_list_is_forty_countries_after_the_ranked_thirty() -> None:
    ranked = next(iter(KB.tables["rankings"].values()))["countries"]
    assert len(set(LARGEST)) == len(LARGEST) >= 40
    assert LARGEST[: len(ranked)] == ranked
    assert set(LARGEST) <= set(KB.countries)


def test_every_large_market_has_a_contact_and_a_claim_page_or_says_none_is_known() -> None:
    for page, phrase in NOT_ON_RECORD.items():
        forgotten = [
            code
            for code in LARGEST
            if page not in KB.countries[code] and not says(KB.countries[code], phrase)
        ]
        assert forgotten == [], page


def test_every_carrier_has_a_contact_and_a_claim_page_or_says_none_is_known() -> None:
    for page, phrase in NOT_ON_RECORD.items():
        forgotten = [
            cid
            for cid, carrier in KB.carriers.items()
            if page not in carrier and not says(carrier, phrase)
        ]
        assert forgotten == [], page


def test_an_entry_saying_no_page_is_known_has_none() -> None:
    for table in (KB.countries, KB.carriers):
        for key, entry in table.items():
            for page, phrase in NOT_ON_RECORD.items():
                assert not (says(entry, phrase) and page in entry), (key, page)


def test_readme_figures_for_the_largest_markets_match_the_data() -> None:
    top = [KB.countries[code] for code in LARGEST]
    figures = (
        f"of those {len(top)}, {sum(has(c, 'tracking_site') for c in top)} have a tracking page, "
        f"{sum('contact_page' in c for c in top)} a contact page, "
        f"{sum('claim_page' in c for c in top)} a claim page"
    )
    assert figures in README
    missing = "; ".join(
        f"{label} " + ", ".join(code for code in LARGEST if not has(KB.countries[code], page))
        for label, page in (
            ("tracking", "tracking_site"),
            ("contact", "contact_page"),
            ("claim", "claim_page"),
        )
    )
    assert f"(missing: {missing})" in README


def test_pages_are_https_and_tracking_pages_take_the_number() -> None:
    for table in (KB.countries, KB.carriers):
        for entry in table.values():
            for key in PAGES:
                if key in entry:
                    assert entry[key].startswith("https://"), (entry.get("name"), key)
            if has(entry, "tracking_site"):
                assert entry["tracking_site"].count("{number}") == 1
            if "tracking_page" in entry:  # typed in there: no number in its address
                assert "{" not in entry["tracking_page"]
                assert entry["tracking_site"] == entry["tracking_page"]


PAGE_SOURCE = re.compile(
    r"github\.com/|search tool|find_string|public GitHub files|pypi\.org/project/"
    r"|tracking_number_data|entry's sources|facts/countries\.toml"
)
"""A source that vouches for a page: public code that carries the URL (a named repository
or file, or the search tool's count of independent files), or another entry whose sources
give the page. The ISO and UPU sources every country has do not."""


def registered_domain(url: str) -> str:
    host = urlsplit(url.replace("{number}", "0")).hostname or ""
    labels = host.split(".")
    second_level = ("com", "co", "gov", "org", "post", "ne", "or")
    return ".".join(labels[-3:] if labels[-2] in second_level else labels[-2:])


def test_every_page_names_a_source_for_it() -> None:
    """Each tracking, contact and claim page is vouched for by a source of its own: the
    operator's page on its own domain, or public code that builds the link; a page whose
    entry cites only ISO 3166 and the UPU member list fails."""
    for table in (KB.countries, KB.carriers):
        for key, entry in table.items():
            for page in PAGES:
                if page in entry:
                    domain = registered_domain(entry[page])
                    assert any(
                        domain in source or PAGE_SOURCE.search(source)
                        for source in entry["sources"]
                    ), (key, page, entry[page])


def test_link_coverage_stays_at_or_above_what_is_on_record() -> None:
    """Losing a page (a bad merge, a mistaken clean-up) fails here even if the README
    figures are lowered with it."""
    floors = {
        "countries": (KB.countries, {"tracking_site": 80, "contact_page": 34, "claim_page": 45}),
        "carriers": (KB.carriers, {"tracking_site": 84, "contact_page": 42, "claim_page": 46}),
    }
    for name, (table, minimum) in floors.items():
        for page, floor in minimum.items():
            assert count(table, page) >= floor, (name, page, count(table, page))


REQUIRED_TRACKING = {"CN", "HK", "NL", "BR", "IN", "MX", "TR", "SG", "PT", "IL", "RU", "ZA"}
"""The countries issue 12 names for a tracking page addressable by number."""
NO_ADDRESSABLE_PAGE = "no tracking page addressable by number"
"""How a country's sources say, with their evidence, that its operator publishes no
tracking page that takes the number in its address (issue 12 asks for a page only
"whose designated operator publishes one")."""


NO_TRACKING_PAGE = f"{NO_ADDRESSABLE_PAGE}, nor a page where the number is typed in"
"""How a country's sources say, with what was searched and found instead, that no tracking
page of either kind is on record (the README lists these countries)."""


def says_no_addressable_page(code: str) -> bool:
    return says(KB.countries[code], NO_ADDRESSABLE_PAGE)


def test_the_countries_the_issue_names_have_a_tracking_page() -> None:
    """Each has a tracking page, or its sources say why its operator publishes none
    (Hong Kong: a captcha-guarded form, README, Links)."""
    missing = {code for code in REQUIRED_TRACKING if not has(KB.countries[code], "tracking_site")}
    assert {code for code in missing if not says_no_addressable_page(code)} == set()


def test_a_country_said_to_have_no_addressable_page_has_no_tracking_site() -> None:
    said = {code for code in KB.countries if says_no_addressable_page(code)}
    assert said, "no country records the negative; the check above would be vacuous"
    assert {code for code in said if has(KB.countries[code], "tracking_site")} == set()


def test_a_country_said_to_have_no_tracking_page_of_either_kind_has_none() -> None:
    said = {code for code in KB.countries if says(KB.countries[code], NO_TRACKING_PAGE)}
    assert said, "no country records the negative; the check below would be vacuous"
    assert {code for code in said if "tracking_site" in KB.countries[code]} == set()


def test_a_postal_operator_has_the_pages_its_country_has() -> None:
    """The carrier record of a country's postal operator links (at least) every page the
    country's record links: a seller who names the operator gets the same pages as one
    who names the country."""
    for cid, carrier in KB.carriers.items():
        if carrier["kind"] != "postal-operator" or len(carrier["countries"]) != 1:
            continue
        country = KB.countries[carrier["countries"][0]]
        for key in PAGES:
            if key in country:
                assert key in carrier, (cid, key)


ASKS_A_COMPANY = re.compile(
    r"\b(?:[Cc]ontact|[Aa]sk|[Ff]ile an inquiry[^{]*with)\s+"
    r"\{(?:(paid|carrier|delivering)\.name|(destination)\.postal_operator)"
)
"""A step whose text has the seller contact, ask or file an inquiry with a company the
facts know (the company paid, the carrier, the operator delivering in the destination: its
post, or an express courier, rules/15-whom.toml `delivering`)."""


def test_a_step_that_asks_a_company_links_its_contact_or_claim_page_first() -> None:
    advice = KB.tables["advice"]
    found = {aid: ASKS_A_COMPANY.search(a["text"]) for aid, a in advice.items()}
    asking = {aid: m.group(1) or m.group(2) for aid, m in found.items() if m}
    assert {
        "contact-origin-carrier",
        "file-inquiry",
        "contact-destination-operator",
        # the four that linked another kind of page until f2bd55f (session 7)
        "ask-consolidator-for-last-mile-number",
        "ask-about-ended-hold",
        "contact-courier-about-origin-hold",
        "inquiry-window-closing",
    } <= set(asking)
    for aid, party in asking.items():
        first = (advice[aid].get("urls") or [""])[0]
        assert first in (f"{{{party}.contact_page}}", f"{{{party}.claim_page}}"), (aid, first)
    assert advice["file-inquiry"]["urls"][0] == "{paid.claim_page}"
