"""Checks of facts/countries.toml, read directly (independent of the project's loader)."""

import datetime as dt
import sys
from collections import Counter
from pathlib import Path

import pycountry
import pytest
from parcel_doctor.diagnosis.diagnose import analyse_number, diagnose

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

COUNTRIES_TOML = Path(__file__).resolve().parents[2] / "facts" / "countries.toml"

REQUIRED_KEYS = {
    "code",
    "name",
    "upu_status",
    "postal_operator",
    "tracking_exchange",
    "sources",
}
OPTIONAL_KEYS = {
    "aliases",
    "common_name",
    "upu_via",
    "tracking_site",
    "tracking_page",
    "contact_page",
    "claim_page",
    "s10_issuer",
    "postal_network",
    "address_pattern",
}
# ISO 3166-1's exceptionally reserved codes for territories with their own customs status,
# outside the EU customs and VAT union the rules read (review12 K-R10): not in pycountry.
RESERVED = {"EA": "Ceuta and Melilla", "IC": "Canary Islands"}
UPU_STATUSES = {"member", "covered", "observer", "non-member"}
TRACKING_EXCHANGE = {"full", "partial", "none", "unknown"}

# The UPU counts 192 members: 190 states plus two joint memberships of dependent
# territories. The joint memberships have no ISO code, so their territories are
# listed as "covered" via the state that holds them.
UPU_MEMBER_COUNT = 192
JOINT_MEMBERSHIPS = {
    "GB": {"AI", "BM", "IO", "VG", "KY", "FK", "GI", "MS", "PN", "SH", "GS", "TC"},
    "NL": {"AW", "CW", "SX"},
}


@pytest.fixture(scope="module")
def entries() -> list[dict]:
    with COUNTRIES_TOML.open("rb") as fh:
        data = tomllib.load(fh)
    assert set(data) == {"country"}, "countries.toml holds only [[country]] tables"
    return data["country"]


@pytest.fixture(scope="module")
def by_code(entries: list[dict]) -> dict[str, dict]:
    return {e["code"]: e for e in entries}


def test_every_iso_code_plus_kosovo_and_the_customs_territories_once(entries: list[dict]) -> None:
    codes = [e["code"] for e in entries]
    duplicates = [c for c, n in Counter(codes).items() if n > 1]
    assert not duplicates, f"duplicate codes: {duplicates}"
    expected = {c.alpha_2 for c in pycountry.countries} | {"XK"} | set(RESERVED)
    assert set(codes) == expected, (
        f"missing: {sorted(expected - set(codes))}, extra: {sorted(set(codes) - expected)}"
    )


def test_sorted_by_code(entries: list[dict]) -> None:
    codes = [e["code"] for e in entries]
    assert codes == sorted(codes)


def test_names_match_pycountry(entries: list[dict]) -> None:
    for e in entries:
        if e["code"] == "XK":
            assert e["name"] == "Kosovo"
        elif e["code"] in RESERVED:
            assert e["name"] == RESERVED[e["code"]]
        else:
            assert e["name"] == pycountry.countries.get(alpha_2=e["code"]).name, e["code"]


def test_only_known_keys(entries: list[dict]) -> None:
    for e in entries:
        keys = set(e)
        assert keys >= REQUIRED_KEYS, f"{e.get('code')}: missing {REQUIRED_KEYS - keys}"
        assert keys <= REQUIRED_KEYS | OPTIONAL_KEYS, (
            f"{e['code']}: unknown keys {keys - REQUIRED_KEYS - OPTIONAL_KEYS}"
        )


def test_vocabularies(entries: list[dict]) -> None:
    for e in entries:
        assert e["upu_status"] in UPU_STATUSES, e["code"]
        assert e["tracking_exchange"] in TRACKING_EXCHANGE, e["code"]
        assert isinstance(e["postal_operator"], str) and e["postal_operator"].strip(), e["code"]


def test_sources_present(entries: list[dict]) -> None:
    for e in entries:
        sources = e["sources"]
        assert isinstance(sources, list) and sources, e["code"]
        assert all(isinstance(s, str) and s.strip() for s in sources), e["code"]


def test_aliases_are_extra_names(entries: list[dict]) -> None:
    seen: dict[str, str] = {}
    for e in entries:
        aliases = e.get("aliases", [])
        assert isinstance(aliases, list), e["code"]
        country = pycountry.countries.get(alpha_2=e["code"])
        given = {e["name"].casefold()}
        if country is not None:
            for attr in ("common_name", "official_name"):
                value = getattr(country, attr, None)
                if value:
                    given.add(value.casefold())
        for alias in aliases:
            assert isinstance(alias, str) and alias.strip(), e["code"]
            assert alias.casefold() not in given, f"{e['code']}: alias {alias!r} repeats a name"
            assert alias.casefold() not in seen, (
                f"alias {alias!r} on both {seen.get(alias.casefold())} and {e['code']}"
            )
            seen[alias.casefold()] = e["code"]


def test_upu_via_rules(by_code: dict[str, dict]) -> None:
    for code, e in by_code.items():
        via = e.get("upu_via")
        if e["upu_status"] in ("covered", "non-member"):
            assert isinstance(via, list) and via, f"{code}: needs a non-empty upu_via"
            assert len(via) == len(set(via)), code
            for other in via:
                assert other in by_code, f"{code}: upu_via {other} is not in the file"
                assert other != code, f"{code}: upu_via points at itself"
        else:
            assert via is None, f"{code}: {e['upu_status']} takes no upu_via"


def test_covered_via_members(by_code: dict[str, dict]) -> None:
    # A territory is covered by the membership of a member state.
    for code, e in by_code.items():
        if e["upu_status"] == "covered":
            for other in e["upu_via"]:
                assert by_code[other]["upu_status"] == "member", f"{code} via {other}"


@pytest.mark.parametrize(
    ("code", "status", "via"),
    [
        ("AD", "non-member", {"FR", "ES"}),
        ("MH", "non-member", {"US"}),
        ("FM", "non-member", {"US"}),
        ("PW", "non-member", {"US"}),
        ("HK", "covered", {"CN"}),
        ("MO", "covered", {"CN"}),
        ("GL", "covered", {"DK"}),
        ("FO", "covered", {"DK"}),
        ("GU", "covered", {"US"}),
        ("PR", "covered", {"US"}),
        ("CK", "covered", {"NZ"}),
        ("NU", "covered", {"NZ"}),
        ("TK", "covered", {"NZ"}),
        ("PS", "observer", None),
        ("VA", "member", None),
        ("TW", "non-member", None),
        ("XK", "non-member", None),
        ("US", "member", None),
        ("CN", "member", None),
        ("DE", "member", None),
        ("FR", "member", None),
        ("GB", "member", None),
        ("BR", "member", None),
        ("IN", "member", None),
        ("JP", "member", None),
    ],
)
def test_primer_cases(by_code: dict[str, dict], code: str, status: str, via: set | None) -> None:
    e = by_code[code]
    assert e["upu_status"] == status
    if via is not None:
        assert set(e["upu_via"]) == via


def test_joint_memberships_are_covered(by_code: dict[str, dict]) -> None:
    for state, territories in JOINT_MEMBERSHIPS.items():
        for code in territories:
            assert by_code[code]["upu_status"] == "covered", code
            assert by_code[code]["upu_via"] == [state], code


def test_member_count(entries: list[dict]) -> None:
    members = [e for e in entries if e["upu_status"] == "member"]
    assert len(members) + len(JOINT_MEMBERSHIPS) == UPU_MEMBER_COUNT


def test_observers(entries: list[dict]) -> None:
    assert [e["code"] for e in entries if e["upu_status"] == "observer"] == ["PS"]


def test_tracking_sites(entries: list[dict]) -> None:
    for e in entries:
        site = e.get("tracking_site")
        if site is None:
            continue
        assert isinstance(site, str), e["code"]
        assert site.startswith("https://"), e["code"]
        assert site.count("{number}") == 1, e["code"]
        assert " " not in site, e["code"]
        # the page the pattern came from is cited alongside it
        assert len(e["sources"]) >= 2, e["code"]


def test_a_tracking_page_is_typed_into_and_never_beside_a_tracking_site(
    entries: list[dict],
) -> None:
    pages = [e for e in entries if "tracking_page" in e]
    assert pages, "no country has a page where the number is typed in"
    for e in pages:
        assert e["tracking_page"].startswith("https://"), e["code"]
        assert "{" not in e["tracking_page"], e["code"]
        assert "tracking_site" not in e, e["code"]


def test_the_us_territories_are_inside_the_us_postal_network(entries: list[dict]) -> None:
    # USPS Domestic Mail Manual 608.2.1: mail between the US and these territories is
    # domestic mail; the Freely Associated States (DMM 608.2.2: only US-to-them mail is
    # treated as domestic, and they have their own posts) are not in the network
    network = {e["code"]: e.get("postal_network") for e in entries}
    assert {code for code, n in network.items() if n == "US"} == {"AS", "GU", "MP", "PR", "VI"}
    assert network["US"] is None
    assert {network["FM"], network["MH"], network["PW"]} == {None}


def test_a_postal_network_names_a_country_that_is_its_own_network(entries: list[dict]) -> None:
    network = {e["code"]: e.get("postal_network") for e in entries}
    for code, n in network.items():
        if n is not None:
            assert n in network and n != code, code
            assert network[n] is None, f"{code}: {n} is itself in another network"


def test_prose_names_a_country_as_people_do(kb) -> None:
    """review12 K-R12: steps and ready-to-send messages said "Customs in Taiwan, Province
    of China ..." and "Korea, Republic of" (ISO's short names, inverted or bracketed). Such
    a country has a `common_name` for prose (pycountry's common name, else the Unicode
    CLDR English name), and the messages use it."""
    import datetime as dt

    from parcel_doctor.diagnosis.diagnose import diagnose

    odd = [c for c in kb.countries.values() if ", " in c["name"] or "(" in c["name"]]
    unnamed = [
        c["code"]
        for c in odd
        if c["common_name"] == c["name"] and c["code"] not in ("CC", "SH")  # lists, not inverted
    ]
    assert unnamed == []
    answers = {
        "tracking_number": "LX123456785US",
        "destination": "TW",
        "last_event": "customs",
        "shipped_on": "2026-10-20",
        "last_event_on": "2026-10-30",
        "customs_notice": "customs-letter",
    }
    result = diagnose(kb, answers, dt.date(2026, 11, 5))
    words = " ".join(
        [a.text for a in result.advice] + [m.text for a in result.advice for m in a.messages]
    )
    assert "Customs in Taiwan " in words and "Province of China" not in words


def test_tahiti_is_french_polynesia_not_haiti(kb) -> None:
    """review12 K-R9: 'Tahiti' was refused with "Did you mean: Haiti (HT)?"."""
    assert kb.find_country("Tahiti") == "PF"


def test_prose_names_take_the_article_iso_gives_them(kb) -> None:
    """review12 K-R12 addendum: messages read "for delivery in United Kingdom" and "from
    United States": ISO's short names written "United Kingdom (the)", "Netherlands (the)",
    "Bahamas (the)" (ISO's Online Browsing Platform) take the article in prose."""
    import datetime as dt

    from parcel_doctor.diagnosis.diagnose import diagnose

    for code in ("GB", "US", "NL", "PH", "AE", "DO", "KY"):
        assert kb.countries[code]["common_name"].startswith("the "), code
    assert kb.countries["BS"]["common_name"] == "The Bahamas"  # ISO 2025: a capital T
    assert kb.countries["RU"]["common_name"] == "Russia"  # a prose name of its own: none
    answers = {
        "tracking_number": "1Z999AA10123456784",
        "origin": "US",
        "destination": "GB",
        "shipped_on": "2026-10-20",
        "last_event": "export",
        "last_event_on": "2026-10-22",
        "recipient_says": "not-received",
    }
    result = diagnose(kb, answers, dt.date(2026, 11, 20))
    words = " ".join(m.text for a in result.advice for m in a.messages)
    assert "for delivery in the United Kingdom" in words
    assert "in United Kingdom" not in words and "from United States" not in words
    assert kb.find_country("the Netherlands") == "NL"


@pytest.mark.parametrize("code", sorted(RESERVED))
def test_no_s10_number_ends_with_a_reserved_code(kb, code):
    # review13: Correos serves IC and EA, and its S10 numbers end ES; no post issues these
    number = analyse_number(kb, f"RR123456785{code}", code)
    assert number.valid is False
    assert f"{code}, are not a code any post issues" in " ".join(number.problems)
    assert analyse_number(kb, "RR123456785ES", code).origin == "ES"


@pytest.mark.parametrize(
    ("code", "post"),
    [
        ("LR", "Liberia Post (Ministry of Posts and Telecommunications)"),
        ("SN", "La Poste (Senegal)"),
        ("MZ", "CORRE (Correio Expresso de Moçambique)"),
        ("CU", "Correos de Cuba"),
        ("DM", "General Post Office (Dominica)"),
        ("BO", "Agencia Boliviana de Correos"),
        ("KW", "Kuwait Post"),  # session 17: USPS's service alerts relay its notices
    ],
)
def test_a_seller_is_told_which_national_post_to_contact(kb, code, post):
    """Session 16: six national posts that were 'unknown' are named from public sources
    (Mozambique's since 2024: CORRE, after Correios de Moçambique was wound up; Bolivia's
    since 2018: the Agencia Boliviana de Correos, after ECOBOL was closed), so a
    parcel posted there with no carrier given is traced with that post by name."""
    answers = {
        "origin": code,
        "destination": "US",
        "shipped_on": dt.date(2026, 9, 1),
        "recipient_says": "not-received",
    }
    steps = {a.id: a.text for a in diagnose(kb, answers, dt.date(2026, 11, 20)).advice}
    assert steps["contact-origin-carrier"].startswith(f"Contact {post}, the company you paid")
