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
from typing import Annotated, Any, Literal

from msgspec import UNSET, UnsetType, field
from msgspec.structs import force_setattr

from parcel_doctor.knowledge.records import (
    AT_LEAST_ONE,
    NONEMPTY,
    Field,
    OneOf,
    Record,
    Ref,
    key_specs,
)
from parcel_doctor.tracking.checks import ALGORITHMS as CHECK_ALGORITHMS

# Record fields renamed inside the engine: durable_rules reserves `id` and `sid`, and
# every fact's own `kind` names what it is.
RENAMED = {"id": "key", "kind": "type", "sid": "session"}


Text = str
Texts = tuple[str, ...]
Sources = Annotated[tuple[str, ...], NONEMPTY]
CountryId = Annotated[str, Ref("countries")]
ServiceId = Annotated[str, Ref("services")]
Days = Annotated[int, AT_LEAST_ONE]  # a count of days (or months)
QuestionId = Annotated[str, Ref("questions")]
# The day a carrier's claim deadline counts from: the day it accepted the parcel, the day
# it should have delivered it, or the day it delivered it.
ClaimStart = Literal["acceptance", "scheduled-delivery", "delivery"]


def _tracking_page(record: Country | Carrier) -> None:
    """A post whose tracking page takes no number in its address (the seller types it in)
    is written `tracking_page`; every reader of `tracking_site` (the rules, the steps'
    links, the number check) takes that page where no page with the number is known."""
    page = record.tracking_page
    if page is UNSET:
        return
    if record.tracking_site is UNSET:
        force_setattr(record, "tracking_site", page)
    elif record.tracking_site != page:  # the same value: read back from the cache
        raise ValueError("give tracking_site (a page with {number}) or tracking_page, not both")


def _paired(record: Record, days: str, start: str) -> None:
    """Two fields that come together or not at all: a window's length and the day it
    counts from (or the words that state it)."""
    if (getattr(record, days) is UNSET) != (getattr(record, start) is UNSET):
        raise ValueError(f"{days} and {start} are given together or not at all")


class Country(Record, frozen=True, kw_only=True):
    code: Text
    name: Text
    # The name prose uses ("Taiwan", "South Korea") where ISO's short name is inverted or
    # bracketed ("Taiwan, Province of China"): what steps and messages say (absent: `name`).
    common_name: Text | UnsetType = UNSET
    aliases: Texts | UnsetType = UNSET
    upu_status: Literal["member", "covered", "observer", "non-member"]
    upu_via: tuple[CountryId, ...] | UnsetType = UNSET
    postal_operator: Text
    tracking_site: Text | UnsetType = UNSET
    # The operator's tracking page where the number is typed in, for a post whose page
    # takes no number in its address (facts/README.md); never beside tracking_site.
    tracking_page: Text | UnsetType = UNSET
    contact_page: Text | UnsetType = UNSET
    claim_page: Text | UnsetType = UNSET
    s10_issuer: Text | UnsetType = UNSET
    tracking_exchange: Literal["full", "partial", "none", "unknown"]
    postal_network: CountryId | UnsetType = UNSET
    # How a place's address ends in this country, a regular expression ("GA 31005"): a
    # tracking line's place written so names the country (events.history).
    address_pattern: Text | UnsetType = UNSET
    sources: Sources

    def __post_init__(self) -> None:
        # A country without the field is its own postal network (facts/countries.toml),
        # so every country's fact has one and a rule compares two networks directly.
        if self.postal_network is UNSET:
            force_setattr(self, "postal_network", self.code)
        if self.common_name is UNSET:
            force_setattr(self, "common_name", self.name)
        _tracking_page(self)


class Carrier(Record, frozen=True, kw_only=True):
    id: Text
    name: Text
    aliases: Texts | UnsetType = UNSET
    kind: Literal["postal-operator", "express-courier", "consolidator", "last-mile"]
    countries: tuple[Annotated[str, Ref("countries", ("*",))], ...]
    service_class: ServiceId | UnsetType = UNSET
    tracking_site: Text | UnsetType = UNSET
    tracking_page: Text | UnsetType = UNSET  # as a country's
    contact_page: Text | UnsetType = UNSET
    claim_page: Text | UnsetType = UNSET
    # The carrier's own claim deadline where its terms give one (facts/README.md): for a
    # parcel lost or not delivered, and for a damaged one where that differs.
    claim_within_days: Days | UnsetType = UNSET
    claim_counted_from: ClaimStart | UnsetType = UNSET
    damage_claim_within_days: Days | UnsetType = UNSET
    damage_claim_counted_from: ClaimStart | UnsetType = UNSET
    # An express courier's own period for a parcel waiting for collection (its access or
    # service point, its counter after a failed delivery), in calendar days from that event:
    # the shortest, the date to collect by, and the longest, after which it goes back
    # (absent: the same). The posts' periods are per destination (facts/holding_periods.toml).
    pickup_hold_days: Days | UnsetType = UNSET
    pickup_hold_ended_after_days: Days | UnsetType = UNSET
    notes: Text | UnsetType = UNSET
    # The one country a postal operator accepts mail in (Royal Mail: GB): set from
    # `countries` for a postal operator with exactly one country (a different value written
    # in the file is refused), so a rule can take a parcel's origin from its post
    # (facts/README.md); absent otherwise.
    home: CountryId | UnsetType = UNSET
    sources: Sources

    def __post_init__(self) -> None:
        _paired(self, "claim_within_days", "claim_counted_from")
        _paired(self, "damage_claim_within_days", "damage_claim_counted_from")
        _tracking_page(self)
        if self.pickup_hold_days is UNSET and self.pickup_hold_ended_after_days is not UNSET:
            raise ValueError("pickup_hold_ended_after_days needs pickup_hold_days")
        if self.pickup_hold_ended_after_days is UNSET and self.pickup_hold_days is not UNSET:
            force_setattr(self, "pickup_hold_ended_after_days", self.pickup_hold_days)
        one = self.kind == "postal-operator" and len(self.countries) == 1
        home = self.countries[0] if one and self.countries != ("*",) else UNSET
        if self.home is UNSET:
            force_setattr(self, "home", home)
        elif self.home != home:  # written in the file (or read back from the cache)
            raise ValueError("home is set from countries: a postal operator's one country")


CarrierId = Annotated[str, Ref("carriers")]


class CarrierName(Record, frozen=True, kw_only=True):
    """A name several carriers go by ("DHL": DHL Express, DHL Paket, DHL eCommerce): the
    carrier it means is chosen per parcel (`diagnosis.answers.meant_carrier`): the one
    whose number format the tracking number fits, else the one `by_origin` gives for the
    parcel's origin, else the first of `carriers`, said as assumed."""

    name: Text
    carriers: Annotated[tuple[CarrierId, ...], NONEMPTY]  # every carrier it may mean
    by_origin: dict[str, str] | UnsetType = UNSET  # origin country -> one of `carriers`
    tell: Text | UnsetType = UNSET  # how a seller tells which it was
    sources: Sources


class Product(Record, frozen=True, kw_only=True):
    """A carrier's product as shops, labels and order exports name it ("Royal Mail 2nd
    Class"): the carrier and the service class it is (`parcel-doctor batch` reads a
    preset's `shop_service` column by these names, matched whole)."""

    carrier: CarrierId
    service: ServiceId
    names: Annotated[tuple[str, ...], NONEMPTY]
    note: Text | UnsetType = UNSET
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


class NumberFormat(Record, frozen=True, kw_only=True):
    id: Text
    name: Text
    carrier: Annotated[str, Ref("carriers")] | UnsetType = UNSET
    service_class: ServiceId | UnsetType = UNSET
    description: Text | UnsetType = UNSET
    note: Text | UnsetType = UNSET
    pattern: Text
    check: Annotated[str, OneOf(tuple(CHECK_ALGORITHMS))] | UnsetType = UNSET
    weights: tuple[int, ...] | UnsetType = UNSET
    from_right: bool | UnsetType = UNSET
    letter_values: Text | UnsetType = UNSET
    moduli: tuple[int, ...] | UnsetType = UNSET
    confirms: bool | UnsetType = UNSET
    test: bool | UnsetType = UNSET
    prefix: Text | UnsetType = UNSET
    track_group: Text | UnsetType = UNSET
    origin_group: Text | UnsetType = UNSET
    indicator_group: Text | UnsetType = UNSET
    shape: Text | UnsetType = UNSET
    looks_like: Text | UnsetType = UNSET
    tracking_site: Text | UnsetType = UNSET
    valid: Texts
    invalid: Texts | UnsetType = UNSET
    sources: Sources


class IndicatorRange(Record, frozen=True, kw_only=True):
    """An S10 service-indicator range, keyed by its first indicator (`format` names the
    number format it belongs to)."""

    format: Annotated[str, Ref("number_formats")]
    first: Text
    last: Text
    use: Literal["international", "domestic", "reserved", "unassigned"]
    meaning: Text
    sources: Sources


class Stage(Record, frozen=True, kw_only=True):
    id: Text
    title: Text
    description: Text
    emsevt: Texts
    wording: Texts
    # What the event classifier looks for in a tracking line: phrase = weight.
    match: dict[str, int] | UnsetType = UNSET
    # The stage's wording still names it in the future tense ("will be returned"); "alone":
    # only its phrases alone, not those read together ("will be held" waits, "will be
    # delivered & access point" is not there yet).
    future_counts: bool | Literal["alone"] | UnsetType = UNSET
    # Stages this one comes after when one line names both ("unable to deliver ... now
    # returned to the sender" is a return, not the attempt).
    overrides: tuple[Annotated[str, Ref("stages")], ...] | UnsetType = UNSET
    # Stages this one comes after when the line begins with this one's wording ("RETURN
    # PICKED UP" is the return's collection, not the posting).
    overrides_first: tuple[Annotated[str, Ref("stages")], ...] | UnsetType = UNSET
    # The stage a line is at when it says this one's event is awaited ("Cleared and awaiting
    # international departure": the departure, export's, has not happened; the parcel is
    # still accepted). A stage without it is a hold, awaited where it is ("awaiting customs
    # clearance" is customs).
    awaited: Annotated[str, Ref("stages")] | UnsetType = UNSET
    # The stage this one splits off (customs-released from customs): data labelled before
    # this stage existed names the broader one, so reading this one there is the same.
    refines: Annotated[str, Ref("stages")] | UnsetType = UNSET
    sources: Sources


class Transit(Record, frozen=True, kw_only=True):
    service: Annotated[str, Ref("services", ("unknown",))]
    typical_days: Days
    max_days: Days
    lost_after_days: Days
    sources: Sources


class DomesticTransit(Record, frozen=True, kw_only=True):
    """The normal transit window of postal items inside one country."""

    country: CountryId
    operator: Text
    typical_days: Days
    max_days: Days
    lost_after_days: Days
    # The operator's own deadline for a claim on a parcel lost inside the country, where
    # its terms or the regulator give one (facts/README.md), and the day it counts from.
    claim_within_days: Days | UnsetType = UNSET
    claim_counted_from: ClaimStart | UnsetType = UNSET
    description: Text
    sources: Sources

    def __post_init__(self) -> None:
        _paired(self, "claim_within_days", "claim_counted_from")


class EmsStandard(Record, frozen=True, kw_only=True):
    """An EMS operator's published delivery time from its country, door to door, to one
    destination or to every destination ("*": its slowest published figure), converted to
    calendar days."""

    id: Text
    origin: CountryId
    destination: Annotated[str, Ref("countries", ("*",))]
    operator: Text
    max_days: Days
    description: Text
    sources: Sources


class RouteTransit(Record, frozen=True, kw_only=True):
    """An origin post's own published delivery time to one destination for some of its
    services, as a transit window: the published upper figure in calendar days (typical),
    late a week after it, given up no earlier than the services' own windows."""

    id: Text
    origin: CountryId
    destination: CountryId
    services: Annotated[tuple[ServiceId, ...], NONEMPTY]
    operator: Text
    typical_days: Days
    max_days: Days
    lost_after_days: Days
    description: Text
    sources: Sources

    def __post_init__(self) -> None:
        if self.origin == self.destination:
            raise ValueError("origin and destination are one country: that is [[domestic]]")
        if not self.typical_days <= self.max_days <= self.lost_after_days:
            raise ValueError("typical_days, max_days and lost_after_days must not decrease")


class SlowRoute(Record, frozen=True, kw_only=True):
    """A public source's statement that postal items on a route could take months to
    arrive and still be delivered (mail into a country whose post was slow, a period when
    the mail went by sea): how long, for which services, and over which posting dates."""

    id: Text
    # "abroad": from any other country (the destination's own slowness)
    origin: Annotated[str, Ref("countries", ("abroad",))]
    destination: CountryId
    services: tuple[ServiceId, ...]
    # The source's own figure in calendar days: N months are the most days N calendar
    # months span (2: 62, 3: 92, 4: 123, 5: 153, 6: 184), so lateness is never overstated
    up_to_days: Days
    # The posting dates the sources speak for, first and last
    from_: dt.date = field(name="from")
    confirmed_on: dt.date
    description: Text
    sources: Sources

    def __post_init__(self) -> None:
        if self.confirmed_on < self.from_:
            raise ValueError("confirmed_on is before from")


class InquiryWindow(Record, frozen=True, kw_only=True):
    """An origin post's own window for an inquiry on some of its services, where its terms
    make it shorter than the UPU's six months: the days the rules date and compare by, and
    the post's words for it."""

    id: Text
    origin: CountryId
    services: Annotated[tuple[ServiceId, ...], NONEMPTY]
    # The post's figure in calendar days: N months are the FEWEST days N calendar months
    # span (3: 89, 4: 120, 5: 150), one more where counted from the day after posting, so
    # the date given is never after the post's own last day
    within_days: Days
    terms: Text
    sources: Sources


class InquiryOpening(Record, frozen=True, kw_only=True):
    """The day from which a post accepts an inquiry (a trace request) on some of its services,
    inside its country or for items it sent abroad, where its own terms give one: before it
    the post turns the inquiry down as too early."""

    id: Text
    origin: CountryId  # the post's country: where the item was posted
    scope: Literal["domestic", "international"]
    services: Annotated[tuple[ServiceId, ...], NONEMPTY]
    # Calendar days after posting: the LATEST day the post's words can mean (working days
    # counted from a Friday posting, no holiday), so a step dated by it is never too early
    after_days: Days
    terms: Text
    sources: Sources


class ZoneTransit(Record, frozen=True, kw_only=True):
    """The normal transit window between two countries of a zone whose law sets a delivery
    target for the items that cross between its members (for the services its rule names)."""

    zone: Text
    typical_days: Days
    max_days: Days
    lost_after_days: Days
    description: Text
    sources: Sources


class Membership(Record, frozen=True, kw_only=True):
    """A country's membership of a group of countries, from a date (and until one, the
    last day it belonged); a country belongs to one group of a kind at most."""

    country: CountryId
    from_: dt.date = field(name="from")
    until: dt.date | UnsetType = UNSET
    sources: Sources


class ZoneMember(Membership, frozen=True, kw_only=True):
    """A country in a zone of [[zone_transit]] windows."""

    zone: Annotated[str, Ref("zone_transit")]


class CustomsUnionMember(Membership, frozen=True, kw_only=True):
    """A country of a customs union: goods move between its members with no customs
    formalities."""

    union: Text


class Limit(Record, frozen=True, kw_only=True):
    id: Text
    days: Days | UnsetType = UNSET
    months: Days | UnsetType = UNSET
    description: Text
    sources: Sources


class HoldingPeriod(Record, frozen=True, kw_only=True):
    id: Text
    destination: CountryId
    hold: Literal["customs", "pickup"]
    days: Days  # the shortest period: the date to collect or pay by (see `counts_to`)
    ended_after_days: Days | UnsetType = UNSET  # the longest: only then is the hold over
    # what `days` counts to: the date to collect, pay or answer by (deadline), or only the
    # time until the holder's notice reaches the recipient (notice: no date to act by)
    counts_to: Literal["deadline", "notice"] | UnsetType = UNSET
    operator: Text
    description: Text
    sources: Sources

    def __post_init__(self) -> None:
        # One figure where the source gives one (facts/holding_periods.toml): the hold is
        # over when its collect-by period is.
        if self.ended_after_days is UNSET:
            force_setattr(self, "ended_after_days", self.days)
        if self.counts_to is UNSET:
            force_setattr(self, "counts_to", "deadline")


class Disruption(Record, frozen=True, kw_only=True):
    """A dated suspension, strike or other stop of an operator on a route."""

    kind: Literal["suspension", "strike", "stop"]
    operator: Text
    carriers: tuple[Annotated[str, Ref("carriers")], ...]
    # "*": any country, the same one too; "abroad": any other country (an operator's
    # international service only); "outside-customs-union": any country outside the
    # customs union the destination belongs to (facts/customs_unions.toml)
    origin: Annotated[str, Ref("countries", ("*", "abroad", "outside-customs-union"))]
    destination: Annotated[str, Ref("countries", ("*", "abroad"))]
    services: tuple[ServiceId, ...]
    from_: dt.date = field(name="from")
    until: dt.date | UnsetType = UNSET
    confirmed_on: dt.date | UnsetType = UNSET
    what: Text
    # What the operator did with the items already posted when it began, where a source
    # says so (facts/README.md): held (kept, moved on later), returned to their senders,
    # or delivered as usual; absent: unknown, so every disruption's fact has the field.
    in_transit: Literal["held", "returned", "delivered", "unknown"] | UnsetType = UNSET
    sources: Sources

    def __post_init__(self) -> None:
        if self.in_transit is UNSET:
            force_setattr(self, "in_transit", "unknown")


class DutyChange(Record, frozen=True, kw_only=True):
    """A dated change in what a destination charges on imports that holds items posted
    the old way (the US end of duty-free de minimis for postal items, 29 August 2025)."""

    destination: CountryId
    from_: dt.date = field(name="from")
    services: tuple[ServiceId, ...]
    what: Text
    sources: Sources


class CustomsPayment(Record, frozen=True, kw_only=True):
    """How recipients pay import charges or answer customs, in one destination."""

    destination: CountryId
    operator: Text
    notice: Text
    pay: Text
    days: Days | UnsetType = UNSET
    days_from: Text | UnsetType = UNSET
    unpaid: Text | UnsetType = UNSET
    # An item this destination's customs hold waits for the recipient's own declaration or
    # documents, whether or not a notice reaches them (facts/README.md).
    held_for_recipient: bool | UnsetType = UNSET
    # The international tracking may show the post's handover of an item it cannot clear to
    # the recipient's customs office as a delivery (facts/README.md).
    delivered_scan_may_be_customs: bool | UnsetType = UNSET
    sources: Sources


class Collection(Record, frozen=True, kw_only=True):
    """A destination where items from abroad are collected at the post office, or where
    the card saying so often does not arrive."""

    destination: CountryId
    operator: Text
    practice: Text
    # Parcels from abroad are not brought to the door there: they wait at the post office
    # for the recipient, announced or not (facts/README.md).
    parcels_collected: bool | UnsetType = UNSET
    sources: Sources


class FactKind(Record, frozen=True, kw_only=True):
    """How rules read aloud (vocabulary, so no sources): a fact kind's title and its
    fields' titles."""

    kind: Text
    title: Text
    fields: dict[str, Any] | UnsetType = UNSET


class Situation(Record, frozen=True, kw_only=True):
    id: Text
    title: Text
    summary: Text
    # said instead of title and summary for a parcel inside one country (the rules' route.scope
    # is domestic): no words of export or abroad for an item that never left its country
    title_domestic: Text | UnsetType = UNSET
    summary_domestic: Text | UnsetType = UNSET
    recognise: Text
    urgency: int
    act_now: bool | UnsetType = UNSET
    excludes: tuple[Annotated[str, Ref("situations")], ...] | UnsetType = UNSET
    sources: Sources


class Advice(Record, frozen=True, kw_only=True):
    id: Text
    title: Text
    text: Text
    text_due_today: Text | UnsetType = UNSET  # said instead of `text` when its date is today
    # said instead of `text` for a parcel inside one country (the rules' route.scope is
    # domestic): no import words (a fee-to-pay card, customs) for one that crossed no border
    text_domestic: Text | UnsetType = UNSET
    # said instead of `text` when its date is only the latest it can be (a rule's due.latest)
    text_due_latest: Text | UnsetType = UNSET
    urls: Texts | UnsetType = UNSET
    order: int
    asks: tuple[QuestionId, ...] | UnsetType = UNSET
    # steps this one stands for in a diagnosis that gives both (an inquiry "from" a date
    # the post takes it, where the general step would have it filed now)
    replaces: tuple[Annotated[str, Ref("advice")], ...] | UnsetType = UNSET
    sources: Sources


class Message(Record, frozen=True, kw_only=True):
    """Wording, not facts about the world (so, like questions, no sources): a
    ready-to-send message for a step that asks the seller to write to someone."""

    id: Text
    advice: Annotated[str, Ref("advice")]
    to: Literal["carrier", "recipient", "customs"]
    # only when one of these situations is concluded; it then replaces the step's
    # general message to the same addressee (a parcel shown delivered is asked about
    # differently from one whose tracking went silent)
    situations: tuple[Annotated[str, Ref("situations")], ...] | UnsetType = UNSET
    # only when the diagnosis's facts have these values ("fact.field" = value, e.g.
    # route.scope = "domestic"); it then replaces the general message like `situations`
    when: dict[str, str] | UnsetType = UNSET
    subject: Text
    text: Text


class Choice(Record, frozen=True, kw_only=True):
    """One answer of a choice question (`[[question.choice]]`)."""

    value: Text
    label: Text
    wording: Texts | UnsetType = UNSET


class Question(Record, frozen=True, kw_only=True):
    id: Text
    text: Text
    help: Text
    kind: Literal["choice", "yes-no", "date", "country", "carrier", "tracking-number", "text"]
    priority: int
    choices_from: Literal["stages", "services"] | UnsetType = UNSET
    choice: tuple[Choice, ...] | UnsetType = UNSET
    after: QuestionId | UnsetType = UNSET
    # answers of other questions under which `after` does not hold (a label is made
    # before the parcel is handed over); values checked against those questions' choices
    after_unless: dict[str, Any] | UnsetType = UNSET


class Column(Record, frozen=True, kw_only=True):
    """Input vocabulary, not facts about the world (so, like questions, no sources): the
    spreadsheet headings `parcel-doctor batch` maps to an answer key."""

    key: QuestionId
    aliases: Texts
    # a value the answer cannot take (a carrier's own service name under "Service") is
    # noted and left unknown, not an error for the row
    soft: bool | UnsetType = UNSET


class Preset(Record, frozen=True, kw_only=True):
    """The layout of a platform's order or tracking export (`parcel-doctor batch`); the
    shape of `columns`, `values`, `not_shipped` and `no_parcel` is checked by
    batch/presets.py."""

    id: Text
    name: Text
    export: Text
    detect: Texts
    columns: dict[str, Any]
    date_order: Literal["dmy", "mdy", "ymd"] | UnsetType = UNSET
    soft: tuple[QuestionId, ...] | UnsetType = UNSET
    shop_service: Texts | UnsetType = UNSET
    trailer: Texts | UnsetType = UNSET
    group_by: Text | UnsetType = UNSET
    not_shipped: dict[str, Any] | UnsetType = UNSET
    no_parcel: tuple[dict, ...] | UnsetType = UNSET
    to_hub: dict[str, Any] | UnsetType = UNSET
    platform_ships: dict[str, Any] | UnsetType = UNSET
    stage_dates: dict[str, Text] | UnsetType = UNSET
    year_from: Text | UnsetType = UNSET
    values_: dict[str, Any] | UnsetType = field(default=UNSET, name="values")
    note: Text | UnsetType = UNSET
    sources: Sources


@dataclass(frozen=True)
class Table:
    """An array of tables in a knowledge file (`[[country]]`), stored by `key`."""

    file: str
    array: str
    key: str | None  # the entry's identity; None keeps the entries as a list
    record: type[Record]  # the type of each entry
    optional: bool = False  # the file may be absent (a knowledge base from before it existed)

    @property
    def fields(self) -> dict[str, Field]:
        """Every key of an entry, by the name written in the file."""
        return key_specs(self.record)


TABLES: dict[str, Table] = {
    "countries": Table("countries.toml", "country", "code", Country),
    "carriers": Table("carriers.toml", "carrier", "id", Carrier),
    "carrier_names": Table("carriers.toml", "carrier_name", "name", CarrierName, optional=True),
    "products": Table("carriers.toml", "product", None, Product, optional=True),
    "number_formats": Table("number_formats.toml", "format", "id", NumberFormat, optional=True),
    "indicator_ranges": Table(
        "number_formats.toml", "indicator_range", "first", IndicatorRange, optional=True
    ),
    "services": Table("services.toml", "service", "id", Service),
    "s10_indicators": Table("services.toml", "s10_indicator", "first_letter", S10Indicator),
    "stages": Table("stages.toml", "stage", "id", Stage),
    "transit": Table("time_limits.toml", "transit", "service", Transit),
    "limits": Table("time_limits.toml", "limit", "id", Limit),
    "domestic_transit": Table(
        "time_limits.toml", "domestic", "country", DomesticTransit, optional=True
    ),
    "ems_standards": Table("time_limits.toml", "ems_standard", "id", EmsStandard, optional=True),
    "route_transits": Table("time_limits.toml", "route_transit", "id", RouteTransit, optional=True),
    "slow_routes": Table("time_limits.toml", "slow_route", "id", SlowRoute, optional=True),
    "inquiry_windows": Table(
        "time_limits.toml", "inquiry_window", "id", InquiryWindow, optional=True
    ),
    "inquiry_openings": Table(
        "time_limits.toml", "inquiry_opening", "id", InquiryOpening, optional=True
    ),
    "zone_transit": Table("zones.toml", "zone_transit", "zone", ZoneTransit, optional=True),
    "zone_members": Table("zones.toml", "zone_member", "country", ZoneMember, optional=True),
    "customs_union_members": Table(
        "customs_unions.toml",
        "customs_union_member",
        "country",
        CustomsUnionMember,
        optional=True,
    ),
    "holding_periods": Table(
        "holding_periods.toml", "holding_period", "id", HoldingPeriod, optional=True
    ),
    "disruptions": Table("disruptions.toml", "disruption", None, Disruption),
    "customs_payment": Table(
        "customs_payment.toml", "payment", "destination", CustomsPayment, optional=True
    ),
    "duty_changes": Table("customs_payment.toml", "duty_change", None, DutyChange, optional=True),
    "collection": Table("collection.toml", "collection", "destination", Collection, optional=True),
    "situations": Table("situations.toml", "situation", "id", Situation),
    "advice": Table("advice.toml", "advice", "id", Advice),
    "messages": Table("messages.toml", "message", "id", Message, optional=True),
    "questions": Table("questions.toml", "question", "id", Question),
    "columns": Table("columns.toml", "column", "key", Column, optional=True),
    "presets": Table("presets.toml", "preset", "id", Preset, optional=True),
    "country_names": Table("country_names.toml", "name", "name", CountryName, optional=True),
    "wording": Table("wording.toml", "fact_kind", "kind", FactKind, optional=True),
    "rankings": Table("markets.toml", "ranking", "id", Ranking, optional=True),
}
