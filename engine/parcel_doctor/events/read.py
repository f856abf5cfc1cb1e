"""Reading tracking text with a knowledge base: the entry points the commands, the
interview and the batch runner use."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, NamedTuple

import pycountry

from parcel_doctor.events.classify import Classifier, Reading
from parcel_doctor.events.history import A_COUNTRY, Event, History, Places, cite, parse
from parcel_doctor.knowledge.loader import KnowledgeBase, UnknownName
from parcel_doctor.knowledge.names import name_key
from parcel_doctor.knowledge.numbers import analyse_number

_CLASSIFIERS: dict[int, tuple[KnowledgeBase, Classifier]] = {}
_SUGGESTERS: dict[int, tuple[KnowledgeBase, Classifier]] = {}
_PLACES: dict[int, tuple[KnowledgeBase, Places]] = {}
# A Latin or Cyrillic letter: a postal operator's name is no part of a longer word.
_LETTER = "[A-Za-z\u00c0-\u024f\u0400-\u04ff]"


def classifier(kb: KnowledgeBase) -> Classifier:
    """The classifier for a knowledge base's stages, built once per knowledge base."""
    held = _CLASSIFIERS.get(id(kb))
    if held is None or held[0] is not kb:
        held = (kb, Classifier(kb.stages))
        _CLASSIFIERS[id(kb)] = held
    return held[1]


def places(kb: KnowledgeBase) -> Places:
    """How the history reader tells the countries a text names: the knowledge base's
    country names, its countries' postal operators ("(USPS)": the country whose network
    the operator carries, where one name means one network) and address forms, the posts'
    names (`_post_finder`) and the countries one post serves (one `postal_operator` or
    `postal_network`: La Poste's France and Guadeloupe), built once per knowledge base."""
    held = _PLACES.get(id(kb))
    if held is None or held[0] is not kb:
        forms = tuple(
            (re.compile(country["address_pattern"]), code)
            for code, country in kb.countries.items()
            if country.get("address_pattern")
        )
        networks: dict[str, set[str]] = {}
        for country in kb.countries.values():
            operator = country.get("postal_operator", "unknown")
            if operator != "unknown":
                networks.setdefault(name_key(operator), set()).add(country["postal_network"])
        operators = {name: codes.pop() for name, codes in networks.items() if len(codes) == 1}

        def operator(text: str) -> str | None:
            return operators.get(name_key(text))

        groups: dict[tuple[str, str], set[str]] = {}
        for code, country in kb.countries.items():
            groups.setdefault(("network", country["postal_network"]), set()).add(code)
            if country.get("postal_operator", "unknown") != "unknown":
                groups.setdefault(("operator", country["postal_operator"]), set()).add(code)
        served: dict[str, frozenset[str]] = {}
        for group in groups.values():
            for code in group:
                served[code] = served.get(code, frozenset([code])) | group

        def same_post(code: str) -> frozenset[str]:
            return served.get(code, frozenset([code]))

        held = (
            kb,
            Places(
                kb.country_names.find,
                forms,
                operator,
                _post_finder(kb),
                same_post,
                _as_countries(kb),
                lambda name: name.strip().casefold() in _regions(),
                _also(kb),
                _finder(_carrier_names(kb, "last-mile")),
            ),
        )
        _PLACES[id(kb)] = held
    return held[1]


def _carrier_names(kb: KnowledgeBase, kind: str) -> dict[str, set[str]]:
    """The names of the carriers of one `kind` in facts/carriers.toml (each part of "Deutsche
    Post / DHL Paket", without a bracketed note: "Correos (Spain)", and the aliases), each
    with the countries the carrier serves; carriers of every country left out."""
    homes: dict[str, set[str]] = {}
    for carrier in kb.carriers.values():
        if carrier["kind"] != kind or "*" in carrier["countries"]:
            continue
        parts = [re.sub(r"\s*\(.*?\)", "", part) for part in carrier["name"].split(" / ")]
        for name in [*parts, *carrier.get("aliases", ())]:
            homes.setdefault(name.strip().casefold(), set()).update(carrier["countries"])
    return homes


def _finder(
    homes: Mapping[str, set[str]],
) -> Callable[[str], list[tuple[int, int, frozenset[str]]]]:
    """Where a text names one of `homes`' names, each with its countries: a name not inside
    a longer word, longest first, any case."""
    found = {name: frozenset(codes) for name, codes in homes.items() if name}
    longest = "|".join(re.escape(name) for name in sorted(found, key=len, reverse=True))
    pattern = re.compile(f"(?<!{_LETTER})(?:{longest})(?!{_LETTER})", re.IGNORECASE)

    def names(text: str) -> list[tuple[int, int, frozenset[str]]]:
        return [
            (m.start(), m.end(), codes)
            for m in pattern.finditer(text)
            if (codes := found.get(m.group().casefold())) is not None
        ]

    return names


def _post_finder(kb: KnowledgeBase) -> Callable[[str], list[tuple[int, int, frozenset[str]]]]:
    """Where a text names postal operators, each with the countries whose post it is: the
    countries' `postal_operator` (facts/countries.toml) and the postal operators' names
    (each part of "Deutsche Post / DHL Paket", without a bracketed note: "Correos
    (Spain)") and aliases (facts/carriers.toml); a name not inside a longer word, longest
    first, any case (a Chinese name may stand right after other characters: 交中国邮政)."""
    homes = _carrier_names(kb, "postal-operator")
    for code, country in kb.countries.items():
        if country.get("postal_operator", "unknown") != "unknown":
            homes.setdefault(country["postal_operator"].casefold(), set()).add(code)
    return _finder(homes)


@functools.cache
def _regions() -> frozenset[str]:
    """The names of the countries' regions (ISO 3166-2 subdivisions, as pycountry has
    them), casefolded: Georgia is also a US state, Luxembourg a Belgian province."""
    return frozenset(subdivision.name.casefold() for subdivision in pycountry.subdivisions)


def _also(kb: KnowledgeBase) -> Callable[[str], frozenset[str]]:
    """The countries a line naming a country may also be in: the territories among its ISO
    3166-2 subdivisions (pycountry: CN-HK "Hong Kong SAR", CN-MO "Macao SAR", CN-TW "Taiwan
    Sheng", US-PR, NL-AW: a subdivision whose code ends with the territory's own ISO 3166-1
    code and whose name opens with the territory's name, so a Chinese page's "MACAU, CHINA"
    may be in Macao), and the countries whose ISO 3166-1 name begins with its name before a
    comma ("Congo, The Democratic Republic of the": "KINSHASA, CONGO" may be in the DRC).
    The reading errs towards the seller's ends: Guinea's Mali prefecture (GN-ML) makes a
    line naming GUINEA no third country for a parcel to Mali (read as there, not missent)."""
    names: dict[str, str] = {}  # name key -> country
    for code, country in kb.countries.items():
        for name in (country["name"], country.get("common_name", ""), *country.get("aliases", ())):
            names.setdefault(name_key(name), code)
    also: dict[str, set[str]] = {}
    for subdivision in pycountry.subdivisions:
        country, _, territory = subdivision.code.partition("-")
        words_ = subdivision.name.split()
        if territory != country and any(
            names.get(name_key(" ".join(words_[:size]))) == territory
            for size in range(len(words_), 0, -1)
        ):
            also.setdefault(country, set()).add(territory)
    for code, country in kb.countries.items():
        head, comma, _ = country["name"].partition(",")
        shared = names.get(name_key(head)) if comma else None
        if shared not in (None, code):
            also.setdefault(shared, set()).add(code)
    held = {code: frozenset(codes) for code, codes in also.items()}
    return lambda code: held.get(code, frozenset())


def _as_countries(kb: KnowledgeBase) -> Callable[[str], str]:
    """A text with each country's name written `A_COUNTRY`: the countries' names and
    aliases in facts/countries.toml of three letters or more ("US" is also a word) that
    are no region's name too (ISO 3166-2 subdivisions, as pycountry has them: Georgia is
    also a US state, Luxembourg a Belgian province), not inside a longer word nor a postal
    operator's name (`_post_finder`: "China Post" is no country), longest first, any case
    ("left the United Kingdom": "left the acountry")."""
    regions = _regions()
    names = {
        name
        for country in kb.countries.values()
        for name in (country["name"], *country.get("aliases", ()))
        if len(name) >= 3 and name.casefold() not in regions
    }
    longest = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    pattern = re.compile(f"(?<!{_LETTER})(?:{longest})(?!{_LETTER})", re.IGNORECASE)
    posts = _post_finder(kb)

    def as_countries(text: str) -> str:
        kept = posts(text)
        return pattern.sub(
            lambda m: (
                m.group() if any(start <= m.start() < end for start, end, _ in kept) else A_COUNTRY
            ),
            text,
        )

    return as_countries


def _suggester(kb: KnowledgeBase) -> Classifier:
    """A classifier over the wording of the questions' own choices (questions.toml:
    "Aguardando pagamento" is the fee-to-pay choice of `customs_notice`): each choice is
    read as a "stage" named `question=value`, with the matcher's negations, future and
    headings; a one-word wording ("Moved", "Refused") counts only as a whole first
    clause."""
    held = _SUGGESTERS.get(id(kb))
    if held is None or held[0] is not kb:
        choices: dict[str, dict[str, Any]] = {}
        for qid, question in kb.questions.items():
            if question.get("choices_from"):
                continue  # the stages' and services' wording is read elsewhere
            for choice in question.get("choice", []):
                match = {
                    (f"={w}" if len(w.split()) == 1 else w): 3 for w in choice.get("wording", [])
                }
                if match:
                    choices[f"{qid}={choice['value']}"] = {"match": match}
        held = (kb, Classifier(choices))
        _SUGGESTERS[id(kb)] = held
    return held[1]


def suggested_answer(kb: KnowledgeBase, text: str) -> tuple[str, str] | None:
    """The answer one event line suggests by a question choice's wording, as (key,
    value): "Aguardando pagamento" gives ("customs_notice", "fee-to-pay"); else None."""
    named = _suggester(kb).read(text).stage
    if named is None:
        return None
    key, value = named.split("=", 1)
    return key, value


def suggest_answers(kb: KnowledgeBase, history: History) -> None:
    """The answer the history's latest events suggest (`suggested_answer`), added to
    `history.answers` with the line it comes from; a key the history already answers is
    kept. The latest events are the newest one and, when the last event's stage is read,
    every one since the stage last changed (each naming that stage or none), newest first:
    UPS's "... contact with the sender to obtain clearance information", read as customs,
    still says what customs waits for under a newer "Arrived at Facility" that names no
    stage (review18 R-R55); a line before a newer stage is history."""
    stage = history.answers.get("last_event")
    latest: list[Event] = []
    for event in reversed(history.events):
        if latest and (stage is None or event.stage not in (None, stage)):
            break
        latest.append(event)
    for event in latest:
        suggested = suggested_answer(kb, event.text)
        if suggested is not None:
            if suggested[0] not in history.answers:
                history.answers[suggested[0]] = suggested[1]
                history.basis[suggested[0]] = cite(event)
            return


def read_line(kb: KnowledgeBase, text: str) -> Reading:
    """The stage one event line names (`Reading.stage` None when it cannot tell); a line
    it cannot tell is read again with the countries it names written as one word
    (`Places.as_countries`: "Departure from Poland" is "departure from acountry")."""
    reading = classifier(kb).read(text)
    if reading.stage is None and (named := places(kb).as_countries(text)) != text:
        again = classifier(kb).read(named)
        if again.stage is not None:
            return replace(again, text=text)
    return reading


def read_history(
    kb: KnowledgeBase,
    text: str,
    today: dt.date,
    order: str | None = None,
    given: Mapping[str, Any] | None = None,
) -> History:
    """A pasted tracking history, read, with the answers its newest event's wording
    suggests (`suggest_answers`); `given` are the seller's answers, whose origin and
    destination (a code or a name) say where the events that name a country happened; with
    no origin given, the country that issued the tracking number among them (a UPU S10
    number's last two letters: RF622875135CN is China Post's) is the origin, as the
    diagnosis reads it. `HistoryError` when the text is too large."""
    given = given or {}
    destination = _found(kb.find_country, given.get("destination"))
    origin = _found(kb.find_country, given.get("origin")) or _number_origin(kb, given, destination)
    history = parse(text, classifier(kb), today, order, places(kb), (origin, destination))
    suggest_answers(kb, history)
    return history


def _number_origin(
    kb: KnowledgeBase, given: Mapping[str, Any], destination: str | None
) -> str | None:
    """The country that issued the tracking number among the answers, or None."""
    number = given.get("tracking_number")
    if not isinstance(number, str):
        return None
    carrier = _found(kb.find_carrier, given.get("carrier"))
    return analyse_number(kb, number, destination, carrier).origin


def _found(find: Callable[[str], str], given: Any) -> str | None:
    """The code or id an answer names (`KnowledgeBase.find_country`, `find_carrier`: a code,
    an id or a name), or None."""
    if not isinstance(given, str):
        return None
    with contextlib.suppress(UnknownName):
        return find(given)
    return None


def merge(given: Mapping[str, Any], history: History) -> tuple[dict[str, Any], list[str]]:
    """The answers to use: the history's, with every answer the seller gave winning.
    Also the keys where the seller's answer differs from the history's."""
    differ = [
        key
        for key, value in history.answers.items()
        if key in given and str(given[key]).strip().lower() != str(value).lower()
    ]
    return {**history.answers, **given}, differ


class TextReading(NamedTuple):
    """What a tracking status cell says: the stage, how it was read, and the other
    answers its wording suggests (`suggested_answer`: "customs_notice": "fee-to-pay"),
    each with how it was read."""

    stage: str
    how: str
    answers: dict[str, tuple[str, str]]


def stage_from_text(kb: KnowledgeBase, text: str, today: dt.date) -> TextReading | None:
    """The stage a tracking status cell names (one event line, or a whole history with
    dates), how it was read, and what else its newest event's wording answers; None when
    the text does not tell."""
    if "\n" in text.strip():
        history = read_history(kb, text, today)
        if "last_event" not in history.answers:
            return None
        told = {k: (v, f"the history's {history.basis[k]}") for k, v in history.answers.items()}
    else:
        reading = read_line(kb, text)
        if reading.stage is None:
            return None
        said = repr(text.strip())
        told = {"last_event": (reading.stage, said)}
        if (suggested := suggested_answer(kb, text)) is not None:
            told[suggested[0]] = (suggested[1], said)
    stage, where = told.pop("last_event")
    keys = {named.split("=", 1)[0] for named in _suggester(kb).order}
    return TextReading(
        stage,
        f"read as {stage} from {where}",
        {k: (v, f"read as {k} = {v} from {w}") for k, (v, w) in told.items() if k in keys},
    )
