"""Country names as exports and people write them (knowledge/names.py via find_country)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.knowledge.loader import UnknownName
from parcel_doctor.knowledge.names import CountryNames, name_key, variants

WRITTEN = {
    # native names and translations (pycountry's iso3166-1 catalogues)
    "Deutschland": "DE",
    "España": "ES",
    "Espana": "ES",
    "Brasil": "BR",
    "Österreich": "AT",
    "Nederland": "NL",
    "中国": "CN",
    "日本": "JP",
    "Schweiz": "CH",
    "Italia": "IT",
    "Polska": "PL",
    "México": "MX",
    "대한민국": "KR",
    # abbreviations, articles, inverted ISO names
    "U.S.A.": "US",
    "u.s.": "US",
    "U.K.": "GB",
    "The Netherlands": "NL",
    "the netherlands": "NL",
    "Republic of Korea": "KR",
    "Korea, Republic of": "KR",
    "Iran, Islamic Republic of": "IR",
    "Falkland Islands": "FK",
    # names no standard holds (facts/country_names.toml)
    "Hong Kong SAR": "HK",
    "Mainland China": "CN",
    "Canary Islands": "IC",  # ISO's reserved code: its own customs territory (review12 K-R10)
    "Islas Canarias": "IC",
    "Melilla": "EA",
    "Macao SAR": "MO",
    # CLDR's short names, which Babel does not ship (review13 K-R15)
    "アメリカ": "US",
    "한국": "KR",
    "EE. UU.": "US",
    "EEUU": "US",
    "ΗΠΑ": "US",
    "Британия": "GB",
    "호주": "AU",
    # the first part of a name "A and B" (review14 K-R18)
    "Bosnia": "BA",
    "Trinidad": "TT",
    "Antigua": "AG",
    "St. Kitts": "KN",  # CLDR's English "St. Kitts & Nevis"
    "Saint Vincent": "VC",
    "Turks": "TC",
    # CLDR's English variants and abbreviations (facts/country_names.toml, review14 K-R18)
    "DRC": "CD",
    "Congo (DRC)": "CD",
    "Aotearoa New Zealand": "NZ",
    "KSA": "SA",
    "BVI": "VG",
    "Hawaii": "US",
    "Lao PDR": "LA",
    "الإمارات": "AE",
    # Great Britain and the UK's nations in other languages (facts/country_names.toml, s18)
    "Großbritannien": "GB",
    "Grande-Bretagne": "GB",
    "Grã-Bretanha": "GB",
    "Schottland": "GB",
    "Irlandia Północna": "GB",
    "Noord-Ierland": "GB",
}


@pytest.mark.parametrize(("written", "code"), WRITTEN.items())
def test_names_as_written(kb, written, code):
    assert kb.find_country(written) == code


def test_republic_of_korea_is_not_kenya(kb):
    assert kb.find_country("Republic of Korea") == "KR"
    with pytest.raises(UnknownName) as error:
        kb.find_country("Korea")  # North or South: not guessed
    assert "KR" in str(error.value) and "KP" in str(error.value)


@pytest.mark.parametrize(
    ("written", "first"),
    [
        ("Korea", {"KP", "KR"}),  # North or South: both suggested first, not Kenya
        ("Virgin Islands", {"VG", "VI"}),
        ("Cayman", {"KY"}),
        ("Czech", {"CZ"}),
    ],
)
def test_a_name_that_begins_several_or_is_not_a_whole_part_is_suggested_not_read(
    kb, written, first
):
    """Only the whole first part of "A and B" is read as the country; a name that begins
    several countries' names, or one country's without being such a part, is refused,
    with those countries suggested first."""
    with pytest.raises(UnknownName) as error:
        kb.find_country(written)
    assert {s[-3:-1] for s in error.value.suggestions[: len(first)]} == first


@pytest.mark.parametrize("written", ["American", "Saint", "United", "East", "Dutch"])
def test_a_word_beginning_a_country_name_is_not_a_country(kb, written):
    # "American" begins American Samoa's name but is how the US is called; "Dutch" begins
    # "Dutch part" (Sint Maarten) but means the Netherlands
    with pytest.raises(UnknownName):
        kb.find_country(written)


def test_a_name_shared_by_two_countries_in_translations_is_not_guessed(kb):
    names = kb.country_names
    for key in ("korea", "guinea", "virginislands"):
        assert key not in names.translated


def test_canary_islands_carry_their_note(kb):
    assert "VAT" in (kb.country_names.note("canary islands") or "")
    assert kb.country_names.note("Germany") is None


def test_a_code_never_builds_the_indexes(kb):
    fresh = CountryNames(kb.countries, {})
    kb_like = dataclasses.replace(kb, _country_names=None)
    assert kb_like.find_country("de") == "DE"
    assert kb_like._country_names is None
    assert fresh.build_seconds == {}
    assert fresh.find("Germany") == "DE"
    assert "translated" not in fresh.build_seconds  # English names need no translations
    assert fresh.find("Deutschland") == "DE"
    assert set(fresh.build_seconds) == {"primary", "translated"}


def test_every_country_name_alias_and_code_is_found(kb):
    for code, country in kb.countries.items():
        for name in (code, code.lower(), country["name"], *country.get("aliases", [])):
            assert kb.find_country(name) == code, name


def test_every_name_of_country_names_toml_leads_to_its_country(kb):
    for name, entry in kb.tables["country_names"].items():
        assert kb.find_country(name) == entry["country"], name


def test_every_unambiguous_translation_is_found(kb):
    names = kb.country_names
    for key, code in names.translated.items():
        assert names.find(key) == code


# the short names CLDR holds where pycountry has only the official one
CLDR_ONLY = {
    "Россия": "RU",
    "Russie": "RU",
    "Rusia": "RU",
    "Rosja": "RU",
    "Ryssland": "RU",
    "Rusya": "RU",
}


def test_cldr_short_names_are_read_last_and_only_when_needed(kb):
    fresh = CountryNames(kb.countries, {})
    assert fresh.find("Deutschland") == "DE"  # pycountry's translations suffice
    assert "cldr" not in fresh.build_seconds
    assert fresh.find("Россия") == "RU"
    assert set(fresh.build_seconds) == {"primary", "translated", "cldr"}
    for written, code in CLDR_ONLY.items():
        assert kb.find_country(written) == code
        assert name_key(written) not in fresh.translated  # pycountry lacks it
    taken = {**fresh.primary, **fresh.translated}
    assert not set(fresh.cldr) & set(taken)  # never overrides an earlier index
    for key, code in fresh.cldr.items():
        assert fresh.find(key) == code


def test_a_miss_suggests_close_english_names(kb):
    with pytest.raises(UnknownName) as error:
        kb.find_country("Germny")
    assert "Germany (DE)" in error.value.suggestions


def test_suggestions_for_a_repeated_miss_are_worked_out_once(kb, monkeypatch):
    """An export repeats its misspellings and unknown couriers: difflib runs once per
    text, and the repeat gets the same suggestions."""
    from parcel_doctor.knowledge import loader, names

    calls = []

    def counted(given, known, n=1, cutoff=0.6):
        calls.append(given)
        return original(given, known, n, cutoff)

    def counted_close(given, known, n=3):
        calls.append(given)
        return original_close(given, known, n)

    original, original_close = names.closest, loader.close_names
    monkeypatch.setattr(names, "closest", counted)
    monkeypatch.setattr(loader, "close_names", counted_close)
    fresh = dataclasses.replace(kb, _country_names=None, _carrier_suggestions={})
    said = []
    misses = [("Frnace", fresh.find_country), ("Some Local Courier", fresh.find_carrier)]
    for written, find in misses:
        for _ in range(3):
            with pytest.raises(UnknownName) as error:
                find(written)
            said.append(error.value.suggestions)
    assert len(calls) == 2
    assert said[0] == said[1] == said[2] and said[3] == said[4] == said[5]
    assert "France (FR)" in said[0]


def _respell(draw, name: str) -> str:
    """The same name with random case, dots or spaces between words, a leading 'The'."""
    flips = draw(st.lists(st.booleans(), min_size=len(name), max_size=len(name)))
    cased = "".join(c.upper() if f else c.lower() for c, f in zip(name, flips, strict=True))
    words = cased.split()
    glue = draw(st.sampled_from([" ", "  ", " - ", ". "]))
    article = draw(st.sampled_from(["", "The ", "the "]))
    return article + glue.join(words)


@st.composite
def respelled(draw):
    from parcel_doctor.knowledge import loader

    kb = loader.load()
    code = draw(st.sampled_from(sorted(kb.countries)))
    names = [kb.countries[code]["name"], *kb.countries[code].get("aliases", [])]
    return code, _respell(draw, draw(st.sampled_from(names)))


@given(respelled())
def test_case_spacing_punctuation_and_the_do_not_matter(case):
    from parcel_doctor.knowledge import loader

    code, written = case
    assert loader.load().find_country(written) == code


@settings(max_examples=300)
@given(st.text(max_size=40))
def test_any_text_is_a_code_or_an_unknown_name(text):
    from parcel_doctor.knowledge import loader

    kb = loader.load()
    try:
        code = kb.find_country(text)
    except UnknownName as error:
        assert all(s.endswith(")") for s in error.suggestions)
    else:
        assert code in kb.countries


@given(st.text(max_size=30))
def test_name_key_is_idempotent_and_ignores_case(text):
    assert name_key(name_key(text)) == name_key(text)
    assert name_key(text.upper()) == name_key(text.lower()) or not text.isascii()


def test_variants_of_iso_names():
    assert "Republic of Korea" in set(variants("Korea, Republic of"))
    assert {"Holy See", "Vatican City State"} <= set(variants("Holy See (Vatican City State)"))


def test_the_translated_names_kept_in_the_cache_give_the_same_indexes(kb, tmp_path, monkeypatch):
    """keyed_names keeps each source's folded names in the user cache: a later process
    reads them instead of every catalogue; the indexes are the same either way, and a
    damaged cache file is built again."""
    from parcel_doctor.knowledge import names

    def indexes() -> tuple[dict, dict, set]:
        names.keyed_names.cache_clear()  # as in a new process
        fresh = CountryNames(kb.countries, kb.tables.get("country_names", {}))
        return fresh.translated, fresh.cldr, fresh._ambiguous

    monkeypatch.setenv("PARCEL_DOCTOR_CACHE", "off")
    built = indexes()
    monkeypatch.setenv("PARCEL_DOCTOR_CACHE", str(tmp_path))
    assert indexes() == built
    kept = sorted(tmp_path.glob("names-*.pickle"))
    assert [p.name.split("-")[1] for p in kept] == ["cldr", "translations"][-len(kept) :]
    assert indexes() == built  # read from the files
    for path in kept:
        path.write_bytes(b"not a pickle")
    assert indexes() == built
    names.keyed_names.cache_clear()
