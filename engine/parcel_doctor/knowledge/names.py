"""Country names as platforms and people write them, to ISO 3166-1 codes.

One look-up for the interview, `--to`, answers files and batch rows
(`KnowledgeBase.find_country` calls it). Its names come from, in this order of
precedence:

1. `facts/countries.toml`: each country's name and `aliases`;
2. ISO 3166-1 as pycountry ships it: name, common and official name, alpha-3 code,
   with "Korea, Republic of" also read as "Republic of Korea" and "Falkland Islands
   (Malvinas)" also as "Falkland Islands";
3. `facts/country_names.toml`: names no standard holds ("Mainland China", "Hong Kong
   SAR", "Canary Islands"), each with its source and, where the name means more than
   its country, a note;
4. the translations pycountry ships (the gettext `iso3166-1` domain, one catalogue per
   language): Deutschland, España, Brasil, Österreich, 中国 ...;
5. the short names of the Unicode CLDR, as Babel ships them for its 300-odd
   languages: the names people write where pycountry has only the official one
   (Россия, Russland, Russie, Südkorea, Corée du Sud);
6. the first part of an English name "A and B" (of the first three and CLDR's English
   names, "&" read as "and"): "Trinidad", "Bosnia", "Antigua", "St. Kitts" name the one
   country called so; a word that only begins a name ("American", "Korea") does not.

A translated name that two languages give to different countries is left out rather
than guessed.

The first three make a small index built on the first look-up of a name; pycountry's
translations (about 47,000 strings) are read only when a name is not in it, and the
CLDR names (about 60,000) only when a name is in neither, so a two-letter code or an
English name never pays for them.
"""

from __future__ import annotations

import functools
import gettext
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parcel_doctor.text import closest, fold

_PARENTHESIS = re.compile(r"\s*\(([^)]*)\)\s*")


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """A name with case, accents, spacing, punctuation and a leading "the" ignored.

    `U.S.A.` and `usa`, `The Netherlands` and `netherlands`, `Côte d'Ivoire` and `cote
    divoire` give the same key.
    """
    words = fold(text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return "".join(words)


def variants(name: str) -> Iterator[str]:
    """A standard's name and the forms people write it in.

    "Korea, Republic of" -> also "Republic of Korea"; "Holy See (Vatican City State)" ->
    also "Holy See" and "Vatican City State".
    """
    yield name
    bare = _PARENTHESIS.sub(" ", name).strip()
    if bare != name:
        yield bare
        yield from (inner for inner in _PARENTHESIS.findall(name) if " " in inner.strip())
    head, comma, tail = bare.partition(", ")
    if comma and ", " not in tail:
        yield f"{tail} {head}"


def _iso_names(code: str) -> list[str]:
    import pycountry

    iso = pycountry.countries.get(alpha_2=code)
    if iso is None:
        return []
    names = [getattr(iso, a, "") for a in ("name", "common_name", "official_name")]
    return [*(v for n in names if n for v in variants(n)), iso.alpha_3]


def _translations() -> Iterator[tuple[str, str]]:
    """(code, translated name) from every language pycountry ships for ISO 3166-1."""
    import pycountry

    english = {
        c.alpha_2: {
            getattr(c, a) for a in ("name", "common_name", "official_name") if hasattr(c, a)
        }
        for c in pycountry.countries
    }
    for folder in sorted(Path(pycountry.LOCALES_DIR).iterdir()):
        catalogue = folder / "LC_MESSAGES" / "iso3166-1.mo"
        if not catalogue.is_file():
            continue
        with catalogue.open("rb") as stream:
            translation = gettext.GNUTranslations(stream)
        for code, names in english.items():
            for name in names:
                translated = translation.gettext(name)
                if translated != name:
                    yield from ((code, v) for v in variants(translated))


def _cldr_names() -> Iterator[tuple[str, str]]:
    """(code, name) from the CLDR territory names of every base language Babel ships
    (`ru`, `de`, ...; its regional variants repeat them). Babel is imported here, not at
    the top: only a name no earlier index holds needs it."""
    from babel import Locale, localedata

    for identifier in sorted(localedata.locale_identifiers()):
        if "_" in identifier:
            continue
        try:
            territories = Locale.parse(identifier).territories
        except (ValueError, LookupError):  # a locale Babel lists but cannot load
            continue
        for code, name in territories.items():
            yield from ((code, v) for v in variants(name))


_SOURCES = {"translations": ("pycountry", _translations), "cldr": ("babel", _cldr_names)}


@functools.cache
def keyed_names(source: str) -> dict[str, tuple[str, ...]]:
    """Key (`name_key`) -> the codes its names mean, over every language of a source:
    "translations" (pycountry) or "cldr" (Babel). Reading and folding them takes about
    0.4 s and 1.5 s, so they are kept in the user's cache (`user_cache`), named by the
    library's version and the code that folds them (not kept when the version cannot be read)."""
    from importlib.metadata import PackageNotFoundError, version

    from parcel_doctor import text, user_cache

    library, names = _SOURCES[source]
    try:
        code = user_cache.content_key([Path(__file__), Path(text.__file__)])
        file: str | None = f"names-{source}-{code[:24]}-{version(library)}.pickle"
    except (OSError, PackageNotFoundError):
        file = None
    kept = user_cache.read_pickle(file, dict) if file else None
    if kept is not None:
        return kept
    seen: dict[str, set[str]] = {}
    for code, name in names():
        if key := name_key(name):
            seen.setdefault(key, set()).add(code)
    found = {key: tuple(sorted(codes)) for key, codes in seen.items()}
    if file:
        user_cache.write_pickle(file, found, "names-")
    return found


SUGGESTIONS_KEPT = 4096  # names and carriers suggested for, kept per process (then cleared)


@dataclass
class CountryNames:
    """The look-up: `find` a name's code, `suggest` close names, `note` what a name implies.

    `countries` is the countries table (code -> record), `extra` the country_names
    table (name -> record with `country`, optional `note`).
    """

    countries: Mapping[str, Mapping[str, Any]]
    extra: Mapping[str, Mapping[str, Any]]
    build_seconds: dict[str, float] = field(default_factory=dict)  # index -> time to build
    _primary: dict[str, str] | None = None
    _translated: dict[str, str] | None = None
    _cldr: dict[str, str] | None = None
    _pairs: dict[str, str] | None = None  # key of "A" -> code, for the names "A and B"
    _ambiguous: set[str] = field(default_factory=set)  # translated keys of several codes
    _suggested: dict[tuple[str, int], list[str]] = field(default_factory=dict)

    def _index(self, pairs: Iterable[tuple[str, str]], into: dict[str, str]) -> dict[str, str]:
        for code, name in pairs:
            key = name_key(name)
            if key:
                into.setdefault(key, code)
        return into

    def _primary_names(self) -> list[tuple[str, str]]:
        """(code, name) for the knowledge base's names, ISO 3166-1 and country_names.toml."""
        pairs: list[tuple[str, str]] = []
        for code, country in self.countries.items():
            pairs += [(code, n) for n in (country["name"], *country.get("aliases", []))]
        for code in self.countries:
            pairs += [(code, n) for n in _iso_names(code)]
        pairs += [(entry["country"], name) for name, entry in self.extra.items()]
        return pairs

    @property
    def primary(self) -> dict[str, str]:
        """Key -> code for the knowledge base's names, ISO 3166-1 and country_names.toml."""
        if self._primary is None:
            start = time.perf_counter()
            self._primary = self._index(self._primary_names(), {})
            self.build_seconds["primary"] = time.perf_counter() - start
        return self._primary

    @property
    def pairs(self) -> dict[str, str]:
        """Key -> code for the first part "A" of the English names "A and B" (`primary`'s,
        and CLDR's English ones as Babel ships them, "&" read as "and": "Trinidad and
        Tobago", "St. Kitts & Nevis") where one country only is called so; built only for
        a name no other index holds."""
        if self._pairs is None:
            from babel import Locale

            cldr = [(c, n) for c, n in Locale("en").territories.items() if c in self.countries]
            seen: dict[str, set[str]] = {}
            for code, name in self._primary_names() + cldr:
                words = fold(name.replace("&", " and ")).split()
                if "and" in words[1:]:
                    head = name_key(" ".join(words[: words.index("and")]))
                    seen.setdefault(head, set()).add(code)
            self._pairs = {key: codes.pop() for key, codes in seen.items() if len(codes) == 1}
        return self._pairs

    def _unambiguous(
        self, keyed: Mapping[str, tuple[str, ...]], taken: Mapping[str, str]
    ) -> dict[str, str]:
        """Key -> code for the names (`keyed_names`) that mean one country only and are
        not in `taken` (nor a word several countries share); the keys of several codes
        are remembered."""
        seen: dict[str, list[str]] = {}
        for key, every in keyed.items():
            codes = [code for code in every if code in self.countries]
            if codes:
                seen[key] = codes
        shared = self._shared_words()
        self._ambiguous |= {key for key, codes in seen.items() if len(codes) > 1}
        return {
            key: codes[0]
            for key, codes in seen.items()
            if len(codes) == 1
            and key not in taken
            and key not in shared
            and key not in self._ambiguous
        }

    @property
    def translated(self) -> dict[str, str]:
        """Key -> code for pycountry's translated names that mean one country only."""
        if self._translated is None:
            start = time.perf_counter()
            self._translated = self._unambiguous(keyed_names("translations"), self.primary)
            self.build_seconds["translated"] = time.perf_counter() - start
        return self._translated

    @property
    def cldr(self) -> dict[str, str]:
        """Key -> code for the CLDR short names (Babel) that mean one country only and
        are in none of the indexes before it; read only for a name none of them holds."""
        if self._cldr is None:
            start = time.perf_counter()
            taken = {**self.primary, **self.translated}
            self._cldr = self._unambiguous(keyed_names("cldr"), taken)
            self.build_seconds["cldr"] = time.perf_counter() - start
        return self._cldr

    def _shared_words(self) -> set[str]:
        """Words of English names that belong to several countries ("Korea", "Guinea").

        A translation that is only such a word ("Korea" for North Korea in one language)
        would pick one country where a reader means either, so it is not a name.
        """
        owners: dict[str, set[str]] = {}
        for code, country in self.countries.items():
            for name in (country["name"], *country.get("aliases", []), *_iso_names(code)):
                for word in fold(name).split():
                    owners.setdefault(word, set()).add(code)
        return {word for word, codes in owners.items() if len(codes) > 1}

    def find(self, text: str) -> str | None:
        """The code a name means, or None."""
        key = name_key(text)
        if not key:
            return None
        return (
            self.primary.get(key)
            or self.translated.get(key)
            or self.cldr.get(key)
            or self.pairs.get(key)
        )

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """Codes of the names closest to `text` (English names and aliases), best first."""
        key = name_key(text)
        found = self._suggested.get((key, n))
        if found is None:  # difflib over every name takes milliseconds: once per text
            codes: list[str] = []
            for close in closest(key, self.primary, n=8):
                if self.primary[close] not in codes:
                    codes.append(self.primary[close])
            if len(self._suggested) >= SUGGESTIONS_KEPT:
                self._suggested.clear()
            found = self._suggested[(key, n)] = codes[:n]
        return list(found)

    def note(self, text: str) -> str | None:
        """What a name says beyond its country (`Canary Islands`: outside the EU VAT area)."""
        key = name_key(text)
        for name, entry in self.extra.items():
            if name_key(name) == key:
                return entry.get("note")
        return None
