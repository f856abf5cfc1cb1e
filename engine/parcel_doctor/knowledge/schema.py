"""The shape of every knowledge file: which arrays it holds and the record type of each
entry, declared once (see `knowledge.records` for how a record type reads).

The loader checks entries against these declarations, so a typo in a key or an enum
value is reported instead of silently read as "unknown"; `facts schema` writes them as
JSON Schema. Adding an entry (a country, a carrier, a question) needs no change here;
adding a new *kind* of key does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from msgspec import UNSET, UnsetType

from parcel_doctor.knowledge.records import NONEMPTY, Field, Record, Ref, key_specs
from parcel_doctor.tracking.checks import ALGORITHMS as CHECK_ALGORITHMS

# Record fields renamed inside the engine: durable_rules reserves `id` and `sid`, and
# every fact's own `kind` names what it is.
RENAMED = {"id": "key", "kind": "type", "sid": "session"}

QUESTION_KINDS = ("choice", "yes-no", "date", "country", "carrier", "tracking-number", "text")
DISRUPTION_KINDS = ("suspension", "strike", "stop")
MESSAGE_ADDRESSEES = ("carrier", "recipient", "customs")
INDICATOR_USES = ("international", "domestic", "reserved", "unassigned")
HOLDS = ("customs", "pickup")

Text = str
Texts = tuple[str, ...]
Sources = Annotated[tuple[str, ...], NONEMPTY]
CountryId = Annotated[str, Ref("countries")]
ServiceId = Annotated[str, Ref("services")]


class Country(Record, frozen=True, kw_only=True):
    code: Text
    name: Text
    aliases: Texts | UnsetType = UNSET
    upu_status: Literal["member", "covered", "observer", "non-member"]
    upu_via: tuple[CountryId, ...] | UnsetType = UNSET
    postal_operator: Text
    tracking_site: Text | UnsetType = UNSET
    contact_page: Text | UnsetType = UNSET
    claim_page: Text | UnsetType = UNSET
    s10_issuer: Text | UnsetType = UNSET
    tracking_exchange: Literal["full", "partial", "none", "unknown"]
    sources: Sources


class Carrier(Record, frozen=True, kw_only=True):
    id: Text
    name: Text
    aliases: Texts | UnsetType = UNSET
    kind: Literal["postal-operator", "express-courier", "consolidator", "last-mile"]
    countries: tuple[Annotated[str, Ref("countries", ("*",))], ...]
    service_class: ServiceId | UnsetType = UNSET
    tracking_site: Text | UnsetType = UNSET
    contact_page: Text | UnsetType = UNSET
    claim_page: Text | UnsetType = UNSET
    notes: Text | UnsetType = UNSET
    sources: Sources


class Service(Record, frozen=True, kw_only=True):
    id: Text
    name: Text
    tracking_reach: Literal["none", "export", "destination", "end-to-end"]
    description: Text
    sources: Sources


class S10Indicator(Record, frozen=True, kw_only=True):
    first_letter: Text
    service_class: Annotated[str, Ref("services", ("unknown",))]
    meaning: Text
    tracked_beyond_export: bool | Literal["unknown"]
    sources: Sources


class CountryName(Record, frozen=True, kw_only=True):
    """Country names no standard holds, as exports and people write them (see
    knowledge/names.py for the other sources of names)."""

    name: Text
    country: CountryId
    note: Text | UnsetType = UNSET
    sources: Sources


class Ranking(Record, frozen=True, kw_only=True):
    """Public rankings of e-commerce markets: defaults that follow where sellers ship."""

    id: Text
    title: Text
    countries: tuple[CountryId, ...]
    sources: Sources


@dataclass(frozen=True)
class Table:
    """An array of tables in a knowledge file (`[[country]]`), stored by `key`."""

    file: str
    array: str
    key: str | None  # the entry's identity; None keeps the entries as a list
    declared: dict[str, Field] | type[Record]  # the record type (or, until converted, keys)
    optional: bool = False  # the file may be absent (a knowledge base from before it existed)

    @property
    def record(self) -> type[Record] | None:
        return None if isinstance(self.declared, dict) else self.declared

    @property
    def fields(self) -> dict[str, Field]:
        """Every key of an entry, by the name written in the file."""
        return self.declared if isinstance(self.declared, dict) else key_specs(self.declared)


def _text(required: bool = True) -> Field:
    return Field(str, required)


def _texts(required: bool = True) -> Field:
    return Field(list, required, items=str)


SOURCES = Field(list, True, items=str, nonempty=True)

TABLES: dict[str, Table] = {
    "countries": Table("countries.toml", "country", "code", Country),
    "carriers": Table("carriers.toml", "carrier", "id", Carrier),
    "number_formats": Table(
        "number_formats.toml",
        "format",
        "id",
        {
            "id": _text(),
            "name": _text(),
            "carrier": Field(str, False, ref="carriers"),
            "service_class": Field(str, False, ref="services"),
            "description": _text(False),
            "pattern": _text(),
            "check": Field(str, False, choices=tuple(CHECK_ALGORITHMS)),
            "weights": Field(list, False, items=int),
            "from_right": Field(bool, False),
            "letter_values": _text(False),
            "moduli": Field(list, False, items=int),
            "prefix": _text(False),
            "track_group": _text(False),
            "origin_group": _text(False),
            "indicator_group": _text(False),
            "shape": _text(False),
            "looks_like": _text(False),
            "tracking_site": _text(False),
            "valid": _texts(),
            "invalid": _texts(False),
            "sources": SOURCES,
        },
        optional=True,
    ),
    # Keyed by the range's first indicator (only S10 has ranges; `format` names it).
    "indicator_ranges": Table(
        "number_formats.toml",
        "indicator_range",
        "first",
        {
            "format": Field(str, ref="number_formats"),
            "first": _text(),
            "last": _text(),
            "use": Field(str, choices=INDICATOR_USES),
            "meaning": _text(),
            "sources": SOURCES,
        },
        optional=True,
    ),
    "services": Table("services.toml", "service", "id", Service),
    "s10_indicators": Table("services.toml", "s10_indicator", "first_letter", S10Indicator),
    "stages": Table(
        "stages.toml",
        "stage",
        "id",
        {
            "id": _text(),
            "title": _text(),
            "description": _text(),
            "emsevt": _texts(),
            "wording": _texts(),
            # What the event classifier looks for in a tracking line: phrase = weight.
            "match": Field(dict, False, items=int),
            "sources": SOURCES,
        },
    ),
    "transit": Table(
        "time_limits.toml",
        "transit",
        "service",
        {
            "service": Field(str, ref="services", extra_refs=("unknown",)),
            "typical_days": Field(int),
            "max_days": Field(int),
            "lost_after_days": Field(int),
            "sources": SOURCES,
        },
    ),
    "limits": Table(
        "time_limits.toml",
        "limit",
        "id",
        {
            "id": _text(),
            "days": Field(int, False),
            "months": Field(int, False),
            "description": _text(),
            "sources": SOURCES,
        },
    ),
    "holding_periods": Table(
        "holding_periods.toml",
        "holding_period",
        "id",
        {
            "id": _text(),
            "destination": Field(str, ref="countries"),
            "hold": Field(str, choices=HOLDS),
            "days": Field(int),
            "operator": _text(),
            "description": _text(),
            "sources": SOURCES,
        },
        optional=True,
    ),
    # Dated disruptions: suspensions, strikes and other stops of an operator on a route.
    "disruptions": Table(
        "disruptions.toml",
        "disruption",
        None,
        {
            "kind": Field(str, choices=DISRUPTION_KINDS),
            "operator": _text(),
            "carriers": Field(list, items=str, ref="carriers"),
            "origin": Field(str, ref="countries", extra_refs=("*",)),
            "destination": Field(str, ref="countries", extra_refs=("*",)),
            "services": Field(list, items=str, ref="services"),
            "from": Field(dt.date),
            "until": Field(dt.date, False),
            "confirmed_on": Field(dt.date, False),
            "what": _text(),
            "sources": SOURCES,
        },
    ),
    # How recipients pay import charges or answer customs, per destination.
    "customs_payment": Table(
        "customs_payment.toml",
        "payment",
        "destination",
        {
            "destination": Field(str, ref="countries"),
            "operator": _text(),
            "notice": _text(),
            "pay": _text(),
            "days": Field(int, False),
            "days_from": _text(False),
            "unpaid": _text(False),
            "sources": SOURCES,
        },
        optional=True,
    ),
    # Destinations where items from abroad are collected at the post office, or the card
    # saying so often does not arrive.
    "collection": Table(
        "collection.toml",
        "collection",
        "destination",
        {
            "destination": Field(str, ref="countries"),
            "operator": _text(),
            "practice": _text(),
            "sources": SOURCES,
        },
        optional=True,
    ),
    "situations": Table(
        "situations.toml",
        "situation",
        "id",
        {
            "id": _text(),
            "title": _text(),
            "summary": _text(),
            "recognise": _text(),
            "urgency": Field(int),
            "act_now": Field(bool, False),
            "excludes": Field(list, False, ref="situations", items=str),
            "sources": SOURCES,
        },
    ),
    "advice": Table(
        "advice.toml",
        "advice",
        "id",
        {
            "id": _text(),
            "title": _text(),
            "text": _text(),
            "urls": _texts(False),
            "order": Field(int),
            "asks": Field(list, False, ref="questions", items=str),
            "sources": SOURCES,
        },
    ),
    # Wording, not facts about the world (so, like questions, no sources): ready-to-send
    # messages for the steps that ask the seller to write to someone.
    "messages": Table(
        "messages.toml",
        "message",
        "id",
        {
            "id": _text(),
            "advice": Field(str, ref="advice"),
            "to": Field(str, choices=MESSAGE_ADDRESSEES),
            "subject": _text(),
            "text": _text(),
        },
        optional=True,
    ),
    "questions": Table(
        "questions.toml",
        "question",
        "id",
        {
            "id": _text(),
            "text": _text(),
            "help": _text(),
            "kind": Field(str, choices=QUESTION_KINDS),
            "priority": Field(int),
            "choices_from": Field(str, False, choices=("stages", "services")),
            "choice": Field(list, False, items=dict),
            "after": Field(str, False, ref="questions"),
        },
    ),
    # Input vocabulary, not facts about the world (so, like questions, no sources): the
    # spreadsheet headings `parcel-doctor batch` maps to each answer key.
    "columns": Table(
        "columns.toml",
        "column",
        "key",
        {
            "key": Field(str, ref="questions"),
            "aliases": _texts(),
        },
        optional=True,
    ),
    # The layouts of the platforms' order and tracking exports (`parcel-doctor batch`);
    # the shape of `columns` and `values` is checked by batch/presets.py.
    "presets": Table(
        "presets.toml",
        "preset",
        "id",
        {
            "id": _text(),
            "name": _text(),
            "export": _text(),
            "detect": _texts(),
            "columns": Field(dict),
            "date_order": Field(str, False, choices=("dmy", "mdy", "ymd")),
            "soft": Field(list, False, ref="questions", items=str),
            "shop_service": _texts(False),
            "trailer": _texts(False),
            "group_by": _text(False),
            "values": Field(dict, False),
            "note": _text(False),
            "sources": SOURCES,
        },
        optional=True,
    ),
    "country_names": Table("country_names.toml", "name", "name", CountryName, optional=True),
    # How rules read aloud (vocabulary, so no sources): titles of fact kinds and fields.
    "wording": Table(
        "wording.toml",
        "fact_kind",
        "kind",
        {
            "kind": _text(),
            "title": _text(),
            "fields": Field(dict, False),
        },
        optional=True,
    ),
    "rankings": Table("markets.toml", "ranking", "id", Ranking, optional=True),
}

CHOICE_FIELDS: dict[str, Field] = {
    "value": _text(),
    "label": _text(),
    "wording": _texts(False),
}
