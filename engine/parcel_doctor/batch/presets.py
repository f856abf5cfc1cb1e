"""Presets: the layouts of the platforms' order and tracking exports (`facts/presets.toml`).

A preset says which headings hold which answers (the ship-to country, not the buyer's),
how the platform writes dates, which trailer lines are not orders, which columns hold
the shop's own service names (never read as a service class), and how the platform's
own status words map to tracking stages. `detect` picks the preset whose identifying
headings are all in a header.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.text import did_you_mean, fold
from parcel_doctor.toml_source import Problem

UNKNOWN = "unknown"
"""A `values` entry that says the platform's word does not tell the answer."""


def heading_key(text: str) -> str:
    """A heading with case, accents, spacing and punctuation ignored: `Ship-Date` -> `shipdate`."""
    return fold(text, sep="")


def header_keys(header: Sequence[str]) -> dict[str, str]:
    """Folded heading -> the header's heading, the first of equals; a dotted heading (a
    JSON object flattened to CSV: `track_info.latest_event.description`) also stands for
    the object it is in (`track_info`)."""
    keys: dict[str, str] = {}
    for heading in header:
        keys.setdefault(heading_key(heading), heading)
    for heading in header:
        if "." in heading.strip(".") and " " not in heading:
            keys.setdefault(heading_key(heading.split(".")[0]), heading)
    return keys


@dataclass(frozen=True)
class Words:
    """A platform's words for one column (`not_shipped`, `no_parcel`, `to_hub`): whole
    cells, with case, accents, spacing and punctuation ignored, and patterns (written
    `/.../` in the facts) searched in the cell's words, folded and joined by single spaces:
    `/^pick up$/` holds 'Pick-up' and 'PICK UP'. The patterns are for a shop's own free
    text (the title it gave its in-store pickup); "" is an empty cell."""

    exact: frozenset[str]
    patterns: tuple[re.Pattern[str], ...] = ()

    def hold(self, cell: str) -> bool:
        """Whether the cell is one of the words or holds one of the patterns."""
        if fold(cell, sep="") in self.exact:
            return True
        if not self.patterns:
            return False
        words = fold(cell)
        return any(p.search(words) for p in self.patterns)


def _pattern(word: str) -> str | None:
    """The regular expression of a word written `/.../`, else None."""
    return word[1:-1] if len(word) > 2 and word[0] == word[-1] == "/" else None


@dataclass(frozen=True)
class Preset:
    """One export layout, read from a `[[preset]]` entry."""

    id: str
    name: str
    export: str
    detect: tuple[tuple[str, ...], ...]  # each entry: headings of which one must be present
    columns: dict[str, tuple[str, ...]]  # answer key -> headings, best first
    date_order: str | None = None
    soft: frozenset[str] = frozenset()  # keys whose unusable values are noted, not errors
    shop_service: tuple[str, ...] = ()
    trailer: tuple[re.Pattern[str], ...] = ()
    group_by: str | None = None
    values: Mapping[str, Mapping[str, str]] | None = None  # key -> folded word -> value
    note: str | None = None
    # heading -> the platform's words for an order not shipped yet
    not_shipped: Mapping[str, Words] | None = None
    # lines with nothing to post (a digital item, a pickup): each entry, heading -> words,
    # says so when the file has all its headings and every one holds one of its words
    no_parcel: tuple[Mapping[str, Words], ...] = ()
    # heading -> the platform's words for a line the seller posts to the platform's hub
    # in the seller's own country, the platform carrying it abroad (eBay International
    # Shipping): any one of them makes the parcel a domestic one to that hub
    to_hub: Mapping[str, Words] | None = None
    # heading -> the platform's words for an order it ships itself from its own stock
    # (Amazon's fulfillment-channel 'Amazon', FBA): the seller posted no parcel to trace
    platform_ships: Mapping[str, Words] | None = None
    # a `last_event_on` heading -> the stage its date is the day of (Sendcloud's
    # delivered_at: a filled cell says the parcel was delivered that day)
    stage_dates: Mapping[str, str] | None = None
    # a heading whose date, with its year, comes before the row's dates written without
    # one (Mercado Libre's 'Fecha de venta', the sale, before 'Fecha en camino')
    year_from: str | None = None

    def missing(self, header: Sequence[str]) -> list[str]:
        """The `detect` entries the header lacks, as written in the preset."""
        present = header_keys(header)
        return [
            " | ".join(options)
            for options in self.detect
            if not any(heading_key(o) in present for o in options)
        ]

    def named(self) -> set[str]:
        """Every heading the preset names (detect, columns, service, group, status), folded."""
        headings = [o for options in self.detect for o in options]
        headings += [h.split(".")[0] for hs in self.columns.values() for h in hs]
        headings += [*self.shop_service, *(self.not_shipped or {}), *(self.to_hub or {})]
        headings += [*(self.platform_ships or {})]
        headings += [h for entry in self.no_parcel for h in entry]
        headings += [h for h in (self.group_by, self.year_from) if h]
        return {heading_key(h) for h in headings}

    def shared(self, header: Sequence[str]) -> list[str]:
        """The `detect` headings the header has, as the header writes them, each once."""
        by_key = header_keys(header)
        found = [
            next(by_key[heading_key(o)] for o in options if heading_key(o) in by_key)
            for options in self.detect
            if any(heading_key(o) in by_key for o in options)
        ]
        return list(dict.fromkeys(found))  # one heading may answer two entries: said once

    def value_for(self, key: str, text: str) -> str | None:
        """The answer a platform word stands for (`InTransit` -> `unknown`), if listed."""
        table = (self.values or {}).get(key)
        return table.get(fold(text, sep="")) if table else None

    def stage_dated(self, heading: str) -> str | None:
        """The stage a date in this `last_event_on` heading is the day of, if any."""
        wanted = heading_key(heading)
        return next(
            (stage for h, stage in (self.stage_dates or {}).items() if heading_key(h) == wanted),
            None,
        )


def _as_tuple(value: Any) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _words(table: Mapping[str, Any]) -> dict[str, Words]:
    return {
        heading: Words(
            frozenset(fold(w, sep="") for w in words if _pattern(w) is None),
            tuple(re.compile(p, re.IGNORECASE) for w in words if (p := _pattern(w)) is not None),
        )
        for heading, words in table.items()
    }


def preset_from(record: Mapping[str, Any]) -> Preset:
    """A `Preset` from its checked facts record."""
    values = {
        key: {fold(word, sep=""): meant for word, meant in table.items()}
        for key, table in record.get("values", {}).items()
    }
    return Preset(
        id=record["id"],
        name=record["name"],
        export=record["export"],
        detect=tuple(tuple(o.strip() for o in d.split("|")) for d in record["detect"]),
        columns={key: _as_tuple(v) for key, v in record["columns"].items()},
        date_order=record.get("date_order"),
        soft=frozenset(record.get("soft", [])),
        shop_service=tuple(record.get("shop_service", [])),
        trailer=tuple(re.compile(p, re.IGNORECASE) for p in record.get("trailer", [])),
        group_by=record.get("group_by"),
        values=values,
        note=record.get("note"),
        not_shipped=_words(record.get("not_shipped", {})),
        no_parcel=tuple(_words(entry) for entry in record.get("no_parcel", [])),
        to_hub=_words(record.get("to_hub", {})),
        platform_ships=_words(record.get("platform_ships", {})),
        stage_dates=dict(record.get("stage_dates", {})),
        year_from=record.get("year_from"),
    )


def presets(kb: KnowledgeBase) -> list[Preset]:
    """Every preset of the knowledge base, in file order."""
    return [preset_from(r) for r in kb.tables.get("presets", {}).values()]


def preset_problems(kb: KnowledgeBase) -> list[Problem]:
    """What is wrong in presets.toml beyond its schema (`facts check` reports these):
    `columns` and `values` shapes, keys that are not answer keys, values the answer
    cannot take, trailer patterns that are not regular expressions, `stage_dates` that
    name no `last_event_on` heading or no stage."""
    path = str(kb.facts_dir / "presets.toml")
    problems: list[Problem] = []

    def problem(pid: str, key: str, message: str) -> None:
        problems.append(Problem(path, None, f"preset {pid}: {key}", message))

    for pid, record in kb.tables.get("presets", {}).items():
        for key, headings in record["columns"].items():
            if key not in kb.questions:
                problem(pid, f"columns.{key}", "is not an answer key")
            items = _as_tuple(headings) if isinstance(headings, (str, list)) else None
            if not items or not all(isinstance(h, str) and h.strip() for h in items):
                problem(pid, f"columns.{key}", "must be a heading or a list of headings")
        for key, table in record.get("values", {}).items():
            question = kb.questions.get(key)
            if question is None or not isinstance(table, dict):
                problem(pid, f"values.{key}", "must be a table for an answer key")
                continue
            carrier = question.get("kind") == "carrier"  # a carrier id of carriers.toml
            allowed = set(kb.carriers) if carrier else {c["value"] for c in kb.choices(question)}
            for word, meant in table.items():
                if meant in allowed or meant == UNKNOWN:
                    continue
                if carrier:
                    hint = did_you_mean(str(meant), allowed)
                    said = f"is not a carrier id of carriers.toml (or {UNKNOWN!r}){hint}"
                else:
                    said = f"is not one of: {', '.join(sorted(map(str, allowed | {UNKNOWN})))}"
                problem(pid, f"values.{key}.{word}", f"{meant!r} {said}")
        dated = record["columns"].get("last_event_on", [])
        dated_keys = {heading_key(h) for h in _as_tuple(dated) if isinstance(h, str)}
        last_event = kb.questions.get("last_event")
        stages = {c["value"] for c in kb.choices(last_event)} if last_event else set()
        for heading, stage in record.get("stage_dates", {}).items():
            if heading_key(heading) not in dated_keys:
                problem(pid, f"stage_dates.{heading}", "is not a heading of columns.last_event_on")
            if stage not in stages:
                problem(
                    pid,
                    f"stage_dates.{heading}",
                    f"{stage!r} is not one of: {', '.join(sorted(stages))}",
                )
        tables = [
            (name, record[name])
            for name in ("not_shipped", "to_hub", "platform_ships")
            if name in record
        ]
        tables += [(f"no_parcel[{n}]", t) for n, t in enumerate(record.get("no_parcel", []))]
        for where, table in tables:
            if not (isinstance(table, dict) and table):
                problem(pid, where, "must be a table: heading -> the platform's words")
                continue
            for heading, words in table.items():
                if not (
                    isinstance(words, list) and words and all(isinstance(w, str) for w in words)
                ):
                    problem(
                        pid,
                        f"{where}.{heading}",
                        'must be a list of the platform\'s words ("" for an empty cell)',
                    )
                    continue
                for word in words:
                    pattern = _pattern(word)
                    try:
                        re.compile(pattern or "")
                    except re.error as error:
                        problem(
                            pid,
                            f"{where}.{heading}",
                            f"{word!r} is not a regular expression: {error}",
                        )
        for pattern in record.get("trailer", []):
            try:
                re.compile(pattern)
            except re.error as error:
                problem(pid, "trailer", f"{pattern!r} is not a regular expression: {error}")
    return problems


@dataclass(frozen=True)
class Detection:
    """Which presets fit a header: the one picked, the ones that tie, the closest miss."""

    picked: Preset | None
    tied: list[Preset]
    closest: Preset | None  # when none fits: the one with most detect headings present


def detect(candidates: Sequence[Preset], header: Sequence[str]) -> Detection:
    """The preset whose `detect` headings are all present; the most specific (most
    headings) wins; a tie between equally specific presets is not guessed. When none
    fits, the closest is the one sharing a detect heading that names the most of the
    header's headings (then: the most of its detect headings)."""
    fits = [p for p in candidates if not p.missing(header)]
    if fits:
        best = max(len(p.detect) for p in fits)
        top = [p for p in fits if len(p.detect) == best]
        return Detection(top[0] if len(top) == 1 else None, top if len(top) > 1 else [], None)
    present = set(header_keys(header))
    scored = [
        ((len(p.named() & present), 1 - len(p.missing(header)) / len(p.detect)), p)
        for p in candidates
        if p.detect and len(p.missing(header)) < len(p.detect)
    ]
    closest = max(scored, key=lambda sp: sp[0])[1] if scored else None
    return Detection(None, [], closest)
