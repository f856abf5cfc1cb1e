"""Read a tracking number: which formats it fits, whether it passes their checks, what it
tells, and where to look it up.

A seller whose parcel has gone quiet usually has nothing but the number. A UPU S10
number (``RR123456785CN``) names the service class, and so how far tracking can reach,
and the country whose post issued it; a courier number names the courier. Most carry a
check digit, so a typo can be caught before the seller chases a number that never
existed. The formats are data (`facts/number_formats.toml`, matched by `formats.py`);
this module turns the matches into one analysis.

Three outcomes: **valid** (the number fits a known format and passes its checks; every
format it fits is a candidate, most specific first), **not valid** (it fits a known
format's shape but fails its check: the check is named with the digit that would pass;
or it is only zeros, a placeholder), and **not judged** (`valid` is None): no format
knows it ("format not known", which says nothing against the number), or only formats
that confirm nothing fit (no check digit, or a check the data marks `confirms = false`,
such as the Japanese twelve digits' mod 7, unless the parcel goes to one of the format's
carrier's countries) while a stronger format's check fails, or it is all
digits and every format it fits, each failing its check, takes any digit anywhere
(a bare run of twelve digits: other carriers number parcels so too) ("not confirmed").

The module works on plain mappings (the records of ``facts/*.toml``, keyed by id), so it
does not depend on how the knowledge base is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from parcel_doctor.text import plain
from parcel_doctor.tracking import checks
from parcel_doctor.tracking.formats import (
    SUGGESTION,
    ZEROS_ONLY,
    Catalogue,
    Match,
    bare_digits,
    catalogue,
    corrected_number,
    if_the_label_says,
    normalise_number,
    not_a_number,
)

Record = Mapping[str, Any]

__all__ = ["NumberAnalysis", "TrackingSite", "analyse", "normalise_number", "s10_check_digit"]

_UNKNOWN = (
    "Format not known: {number} fits none of the {count} number formats parcel-doctor "
    "knows, which says nothing against it (many carriers use formats of their own). "
    "Look it up on the carrier's own site, or ask the sender which carrier it is."
)
_SHARED_DIGITS = (
    "Not confirmed: {length}-digit numbers that fit only shapes like these are used by "
    "carriers with checks of their own too, so a failed check here proves no typo. "
    "Compare the number with the label; if it is right, ask the sender which carrier it is."
)
_S10_WEIGHTS = {"weights": (8, 6, 4, 2, 3, 5, 9, 7)}


def s10_check_digit(serial: str) -> int:
    """The S10 check digit of an eight-digit serial (UPU S10: weights 8 6 4 2 3 5 9 7).

    ``c = 11 - sum % 11``; 10 gives 0 and 11 gives 5. Because 11 and 5 share the digit 5,
    a serial typo that moves the sum between 0 and 6 (mod 11) goes unnoticed: the standard's
    own blind spot, not ours. Raises ValueError for anything but eight ASCII digits.
    """
    if len(serial) != 8 or not serial.isascii() or not serial.isdigit():
        raise ValueError(f"an S10 serial is eight digits, not {serial!r}")
    return int(checks.s10(serial, _S10_WEIGHTS))


@dataclass(frozen=True)
class TrackingSite:
    """A page where the seller can look the number up, and whose page it is."""

    operator: str  # e.g. "China Post"
    url: str  # the template filled with the number
    typed_in: bool = False  # a tracker whose address takes no number: it is typed in there

    @classmethod
    def filled(cls, operator: str, template: str, number: str) -> TrackingSite:
        """The page of `template` for `number` (replacing ``{number}`` only: a URL may hold
        other braces that str.format would choke on)."""
        typed_in = "{number}" not in template
        return cls(operator, template.replace("{number}", number), typed_in)

    def to_json(self) -> dict[str, Any]:
        """`operator`, `url` and `typed_in` (true: the page does not take the number in its
        address, the seller types it in there)."""
        return {"operator": self.operator, "url": self.url, "typed_in": self.typed_in}


@dataclass
class Candidate:
    """One format the number fits and passes."""

    format: str
    name: str
    carrier: str | None
    service_class: str | None
    origin: str | None
    tracking_sites: list[TrackingSite]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "name": self.name,
            "carrier": self.carrier,
            "service_class": self.service_class,
            "origin": self.origin,
            "tracking_sites": [s.to_json() for s in self.tracking_sites],
        }


@dataclass
class NumberAnalysis:
    """What the number alone tells; ``problems`` says in plain words every check that failed.

    ``valid`` is True (passes a known format), False (fails a known format's check) or
    None (no known format: not judged).
    """

    number: str  # normalised
    valid: bool | None
    format: str  # the most specific format's id ("s10", "ups-1z", ...) or "unknown"
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # remarks that do not make it invalid
    service_indicator: str | None = None  # S10: the two letters
    service_class: str | None = None  # a service id, or None when unknown
    tracked_beyond_export: bool | None = None
    origin: str | None = None  # S10: ISO code of the issuing country
    carrier: str | None = None  # courier formats: the carrier id
    corrected: str | None = None  # a wrong check digit: the number with the right one
    tracking_sites: list[TrackingSite] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)  # every format it passes

    @property
    def known(self) -> bool:
        """Whether the number fits a format the knowledge base holds."""
        return self.format != "unknown"

    def fact(self) -> dict[str, Any]:
        """The fields the rules see (rules/README.md, `tracking_number`): a field that is
        not known is absent, so a number of no known format has no `valid` at all."""
        fields = {
            "number": self.number,
            "valid": self.valid,
            "format": self.format,
            "service_indicator": self.service_indicator,
            "service_class": self.service_class,
            "tracked_beyond_export": self.tracked_beyond_export,
            "origin": self.origin,
            "carrier": self.carrier,
        }
        return {k: v for k, v in fields.items() if v is not None}

    def to_json(self) -> dict[str, Any]:
        """Only the keys that mean something for this number, so a report shows no noise."""
        out: dict[str, Any] = {
            "number": self.number,
            "valid": self.valid,
            "format": self.format,
            "problems": list(self.problems),
            "notes": list(self.notes),
        }
        if not self.known:
            return out
        if self.service_indicator is not None:
            out.update(
                service_indicator=self.service_indicator,
                tracked_beyond_export=self.tracked_beyond_export,
                origin=self.origin,
            )
        out.update(
            carrier=self.carrier,
            service_class=self.service_class,
            tracking_sites=[s.to_json() for s in self.tracking_sites],
            candidates=[c.to_json() for c in self.candidates],
        )
        if self.corrected is not None:
            out["corrected"] = self.corrected
        return out


def analyse(
    raw: str,
    *,
    countries: Mapping[str, Record],
    carriers: Mapping[str, Record],
    s10_indicators: Mapping[str, Record],
    formats: Mapping[str, Record],
    indicator_ranges: Mapping[str, Record],
    destination: str | None = None,
    carrier: str | None = None,
) -> NumberAnalysis:
    """Identify and check a tracking number against every known format. Never raises
    for a string. `destination` (a country code) and `carrier` (the carrier id the
    seller names) are what the shipment says besides the number: a format too weak to
    confirm a number alone confirms it for a parcel to its carrier's countries or of the
    carrier named, and the named carrier's format is put first among those the number
    passes (a Yamato number is read as Yamato's, not Japan Post's, its twin)."""
    number = normalise_number(raw) if isinstance(raw, str) else ""
    if not number:
        return NumberAnalysis(
            number="", valid=None, format="unknown", problems=["No tracking number given."]
        )
    known = _catalogue(formats, indicator_ranges, countries)
    matches = known.match(number)
    context = _Context(countries, carriers, s10_indicators, destination, carrier)
    if not_a_number(number) == ZEROS_ONLY:
        placeholder = f"{number} {ZEROS_ONLY}. Ask the sender for the real number."
        fid = matches[0].format.id if matches else "unknown"
        return NumberAnalysis(number, False, fid, problems=[placeholder])
    passing = [m for m in matches if m.passed]
    failed = [m for m in matches if not m.passed and context.confirms(m)]
    passing.sort(key=lambda m: context.tier(m, failed))  # stable: most specific first within
    if passing and _named_elsewhere(context, known, number, matches):
        result = context.describe(passing[0], valid=None)
        result.carrier = result.service_class = None  # the label's carrier, not the shape's
        result.notes.append(_named_note(context, passing))
        result.candidates = [context.candidate(m) for m in passing]
        result.tracking_sites = context.own_sites(number)
        return result
    contested = bool(passing) and _contested(context, passing, failed)
    if passing and (contested or not any(context.confirms(m, failed) for m in passing)):
        stronger_failed = bool(failed) and failed[0].specificity >= passing[0].specificity
        if stronger_failed or contested or all(m.format.weak for m in passing):
            # Only formats that confirm nothing fit (no check digit, or one the data calls
            # too weak), and a stronger format with a check fails: a mistyped Canada Post
            # number still has Evri's bare sixteen digits, a mistyped FedEx number passes
            # the Japanese mod 7 one time in seven. Or only formats the data calls too weak
            # fit at all (InPost's bare twenty-four digits). Not judged, never called valid.
            result = context.describe(passing[0], valid=None)
            # another carrier's shape fits: a failed check is no proof of a typo
            result.problems = [f for m in failed for f in context.failures(m, doubtful=True)]
            if _bare(number, matches) and not any(SUGGESTION in p for p in result.problems):
                result.notes.insert(0, _SHARED_DIGITS.format(length=len(number)))
            result.notes.append(_unconfirmed(passing))
            result.candidates = [context.candidate(m) for m in passing]
            result.tracking_sites = result.candidates[0].tracking_sites  # where to ask
            return result
    if passing:
        result = context.describe(passing[0], valid=True)
        result.candidates = [
            _candidate(passing[0], result),  # described already
            *(context.candidate(m) for m in passing[1:]),
        ]
        # A more specific format whose check failed is worth knowing: a mistyped Canada
        # Post number still fits Evri's bare sixteen digits.
        stronger = [m for m in matches if not m.passed and m.specificity > passing[0].specificity]
        if stronger and context.confirms(passing[0], failed):
            # Its own check digit (or the carrier named) confirms it: the others' failed
            # checks are what any number of this shape shows, not a typo to correct.
            names = " or ".join(m.format.name for m in stronger)
            if passing[0].format.check is not None:
                why = "whose check digit passes"
            elif context.named(passing[0]):
                why = "the carrier named"
            else:
                why = "a carrier of the parcel's destination"
            result.notes.append(
                f"It also has the shape of a {names} number, but fails "
                f"{'those checks' if len(stronger) > 1 else 'its check'}: it is read as "
                f"{passing[0].format.name}, {why}."
            )
        else:
            result.notes += [f for m in stronger for f in m.failures]
        return result
    if matches:
        best = matches[0]
        # Every format it fits is a bare run of digits (twelve for FedEx, Purolator, DHL
        # Paket ...): carriers no format here describes use such runs with checks of their
        # own, so the failed checks are reported but the number is not judged.
        shared = _bare(number, matches)
        result = context.describe(best, valid=None if shared else False)
        result.problems = list(
            dict.fromkeys(p for m in matches for p in context.failures(m, doubtful=shared))
        )
        if shared:  # no carrier is more likely than another, nor any one correction
            result.carrier = result.service_class = None
            result.notes.insert(0, _SHARED_DIGITS.format(length=len(number)))
        elif len(best.failures) == 1 and best.expected is not None:
            result.corrected = corrected_number(best)
        return result
    inside = _numbers_inside(raw, number, known, context)
    if len(inside) > 1:
        listed = ", ".join(inside)
        return NumberAnalysis(
            number=number,
            valid=None,
            format="unknown",
            problems=[_SEVERAL.format(text=raw.strip()[:80], count=len(inside), numbers=listed)],
        )
    if inside:
        (token,) = inside
        result = analyse(
            token,
            countries=countries,
            carriers=carriers,
            s10_indicators=s10_indicators,
            formats=formats,
            indicator_ranges=indicator_ranges,
            destination=destination,
            carrier=carrier,
        )
        result.notes.insert(
            0,
            f"Read the tracking number {token} from {raw.strip()[:80]!r}: the rest of the "
            "text is not part of it.",
        )
        return result
    return NumberAnalysis(
        number=number,
        valid=None,
        format="unknown",
        problems=[
            _UNKNOWN.format(number=number, count=len(known.formats)),
            *_look_alikes(number, known),
        ],
    )


_TOKEN = re.compile(r"[A-Za-z0-9]{8,40}")


_SEVERAL = (
    "{text!r} holds {count} tracking numbers ({numbers}): look each one up on its own "
    "(parcel-doctor track NUMBER)."
)


def _numbers_inside(raw: str, number: str, known: Catalogue, context: _Context) -> list[str]:
    """The tracking numbers inside text that is more than a number: a label or a tracking
    link pasted whole ('Tracking: RR123456785CN', '#RR...', 'https://t.17track.net/en#
    nums=RR...'). The tokens a format confirms; failing those, the tokens with a known
    format's shape, whose check may fail (a link holding a mistyped number is read as that
    number, with its typo, not as a number of no known format). One is the number; several
    are a list, its writer's to split; none: the text holds no number of a known shape."""
    tokens = dict.fromkeys(t.upper() for t in _TOKEN.findall(plain(raw)))
    shaped = {t: ms for t in tokens if t != number and (ms := known.match(t))}
    confirmed = [t for t, ms in shaped.items() if any(m.passed and context.confirms(m) for m in ms)]
    return confirmed or list(shaped)


# --- assembling an analysis -----------------------------------------------------------


RIVAL_DIGITS = 2.0
"""How much more specific (in decimal digits, `formats.specificity`) the first format a
number passes, with no check of its own, may be than another carrier's that it passes too
for that other to stay a rival (`_contested`): below two digits, one number in a hundred or
more of the other carrier's falls into the first's shape by chance."""


def _contested(context: _Context, passing: Sequence[Match], failed: Sequence[Match]) -> bool:
    """Whether the first format the number passes, a shape with no check digit and not
    of the carrier named, has a rival: another carrier's format with no check
    either, that the number fits nearly as closely (`RIVAL_DIGITS`) and that the parcel's
    destination, when given, does not rule out. One Purolator number in 26 (three letters,
    nine digits) begins with J and so has the shape of a DHL Express piece number (J, two
    or three letters, nine or ten digits; review22 R22-2): neither names its carrier
    against the other. bpost's 3232 and twenty digits stays bpost's before InPost's bare
    twenty-four digits: one InPost number in ten thousand begins so."""
    top = passing[0]
    if top.format.check is not None or context.named(top):
        return False  # a check passed: the number is one; whose, the candidates say
    return any(
        m.format.carrier != top.format.carrier
        and not m.format.confirms
        and top.specificity - m.specificity < RIVAL_DIGITS
        and (context.destination is None or context.tier(m, failed) <= 2)
        for m in passing[1:]
    )


def _named_elsewhere(
    context: _Context, known: Catalogue, number: str, matches: Sequence[Match]
) -> bool:
    """Whether the seller names a carrier on record with no number format on record,
    and every format the number fits is another carrier's bare run of digits: such runs
    are what many carriers' numbers look like, and a check that one number in ten
    passes (FedEx's twelve digits) is no proof against the label. A J&T Express number
    from the Philippines, 920032291263, was 'valid, FedEx' and sent to FedEx's page.
    A carrier whose formats are on record and fit none is told by `not_the_carriers`."""
    return (
        context.carrier in context.carriers
        and all(f.carrier != context.carrier for f in known.formats)
        and _bare(number, matches)
    )


def _named_note(context: _Context, passing: Sequence[Match]) -> str:
    """Why a number the seller gives with its carrier is read as neither that carrier's
    (no format of it on record) nor the carrier whose digits it also fits."""
    name = context.carriers[str(context.carrier)]["name"]
    shapes = ", ".join(m.format.name for m in passing)
    return (
        f"{name}, the carrier named, has no number format on record; the number also fits "
        f"{shapes}, a bare run of digits that other carriers' numbers fit too, so it is read "
        f"as neither. Look it up with {name}."
    )


@dataclass(slots=True)
class _Context:
    countries: Mapping[str, Record]
    carriers: Mapping[str, Record]
    s10_indicators: Mapping[str, Record]
    destination: str | None
    carrier: str | None = None  # the carrier the seller names, if any

    def describe(self, match: Match, *, valid: bool | None) -> NumberAnalysis:
        fmt = match.format
        note = fmt.fields.get("note")  # what a seller must know about every such number
        result = NumberAnalysis(
            number=match.groups["_number"],
            valid=valid,
            format=fmt.id,
            notes=[*([note] if isinstance(note, str) else []), *match.notes],
            carrier=fmt.carrier,
            service_class=_known_str(fmt.fields.get("service_class")),
            origin=match.origin,
        )
        indicator_group = fmt.fields.get("indicator_group")
        if indicator_group:
            indicator = match.groups.get(indicator_group, "")
            result.service_indicator = indicator
            record = self.s10_indicators.get(indicator[:1])
            if record is not None:
                result.service_class = _known_str(record.get("service_class"))
                tracked = record.get("tracked_beyond_export")
                result.tracked_beyond_export = tracked if isinstance(tracked, bool) else None
        if valid:  # sites only for a number that can exist: a mistyped one would only fail
            result.tracking_sites = self.sites(match)
        return result

    def confirms(self, match: Match, failed: Sequence[Match] = ()) -> bool:
        """Whether passing the match's check confirms the number: a format whose check
        confirms (`Format.confirms`), or one that alone does not (`confirms = false`: a
        weak check, or a bare shape) for a parcel sent to one of its carrier's countries
        (a Japanese twelve-digit number on a parcel to Japan: there the Japanese
        carriers, not a mistyped FedEx number, are what such a number most likely is),
        or of the carrier the seller names (the label says whose number it is). A bare
        shape (no check at all) is not confirmed by the destination when a format at
        least as specific whose check confirms fails (`failed`): a mistyped Canada Post
        number to Britain still has Evri's sixteen digits, and nothing vouches for them."""
        fmt = match.format
        if fmt.confirms:
            return True
        carrier = self.carriers.get(fmt.carrier or "")
        if not fmt.weak or carrier is None:
            return False  # a shape the data does not call weak confirms nothing anywhere
        if self.named(match):
            return True
        if fmt.check is None and any(f.specificity >= match.specificity for f in failed):
            return False
        return self.serves_destination(match)

    def tier(self, match: Match, failed: Sequence[Match] = ()) -> int:
        """Where a passing format goes among the candidates: the carrier the seller names
        first; then a check that confirms; then a shape with a fixed part (bpost's
        3232...) and a weak format the parcel's destination confirms, in order of
        specificity (a 3232... number to Poland is bpost's before it is InPost's bare
        twenty-four digits); then what confirms nothing, a carrier of the parcel's
        destination first (sixteen digits that fail Canada Post's check, on a parcel to
        Australia, are offered as an Australia Post eParcel article before Evri's).
        Before all, a carrier's published test numbers (`test = true`: UPS's test
        shipper 1Z12345E...): whatever else such a number fits, it names no parcel."""
        if match.format.fields.get("test") is True:
            return -1
        if self.named(match):
            return 0
        if match.format.confirms:
            return 1
        if not match.format.weak or self.confirms(match, failed):
            return 2
        return 3 if self.serves_destination(match) else 4

    def serves_destination(self, match: Match) -> bool:
        """Whether the format's carrier lists the parcel's destination among its countries."""
        carrier = self.carriers.get(match.format.carrier or "")
        destination = normalise_number(self.destination or "")
        return (
            bool(destination)
            and carrier is not None
            and destination in carrier.get("countries", ())
        )

    def failures(self, match: Match, *, doubtful: bool) -> list[str]:
        """A failed match's words. When the failure is `doubtful` (another carrier's
        shape fits the number too), the corrected number is offered only "if the label
        says" the carrier, unless the carrier is named or serves the destination:
        sixteen digits that fail Canada Post's check are a typo to correct on a parcel
        to Canada, but may be a US DHL eCommerce number on one to the US."""
        if not doubtful or self.named(match) or self.serves_destination(match):
            return match.failures
        return [if_the_label_says(f, match) for f in match.failures]

    def named(self, match: Match) -> bool:
        """Whether the format is the carrier's the seller names."""
        return self.carrier is not None and match.format.carrier == self.carrier

    def candidate(self, match: Match) -> Candidate:
        return _candidate(match, self.describe(match, valid=True))

    def own_sites(self, number: str) -> list[TrackingSite]:
        """The tracking page of the carrier the seller names, for `number` (none when
        that carrier's page is not on record)."""
        carrier = self.carriers.get(self.carrier or "")
        template = carrier.get("tracking_site") if carrier is not None else None
        if carrier is None or not isinstance(template, str):
            return []
        return [TrackingSite.filled(str(carrier["name"]), template, number)]

    def sites(self, match: Match) -> list[TrackingSite]:
        """Where to look the number up: the issuing post's page and the destination
        post's (which often shows later events) for postal numbers; the format's or the
        carrier's own page for courier numbers."""
        number = match.tracked
        sites: list[TrackingSite] = []
        if match.origin is not None:
            destination = self.countries.get(normalise_number(self.destination or ""))
            for record in (self.countries.get(match.origin), destination):
                site = _country_site(record, number) if record is not None else None
                if site is not None and all(s.url != site.url for s in sites):
                    sites.append(site)
            return sites
        carrier = self.carriers.get(match.format.carrier or "")
        template = match.format.fields.get("tracking_site") or (
            carrier.get("tracking_site") if carrier is not None else None
        )
        if isinstance(template, str) and carrier is not None:
            sites.append(TrackingSite.filled(str(carrier["name"]), template, number))
        return sites


def _candidate(match: Match, described: NumberAnalysis) -> Candidate:
    """A format the number passes, from its description as valid (`describe`)."""
    return Candidate(
        format=match.format.id,
        name=match.format.name,
        carrier=described.carrier,
        service_class=described.service_class,
        origin=described.origin,
        tracking_sites=list(described.tracking_sites),
    )


def _country_site(record: Record, number: str) -> TrackingSite | None:
    page = _country_page(record)
    return None if page is None else TrackingSite.filled(page[0], page[1], number)


_PAGES: dict[int, tuple[Record, tuple[str, str] | None]] = {}


def _country_page(record: Record) -> tuple[str, str] | None:
    """A country's post and the template of its tracking page (None: no page on record),
    read once per country record (a postal number reads two for every number; records
    are replaced, never edited, as the compiled formats assume of the tables)."""
    found = _PAGES.get(id(record))
    if found is None or found[0] is not record:
        template = record.get("tracking_site")
        page = None
        if isinstance(template, str) and not _is_unknown(template):
            operator = _known_str(record.get("postal_operator"))
            if operator is None:
                operator = f"the postal operator of {record.get('name', 'the country')}"
            page = (operator, template)
        if len(_PAGES) >= 4096:  # countries come from the facts: a bound, not a limit
            _PAGES.clear()
        found = _PAGES[id(record)] = (record, page)
    return found[1]


def _look_alikes(number: str, known: Catalogue) -> list[str]:
    """Formats the number resembles without fitting (`looks_like`): say what they expect."""
    hints = []
    for fmt in known.formats:
        loose = fmt.fields.get("looks_like")
        if isinstance(loose, str) and re.fullmatch(loose, number):
            shape = fmt.fields.get("shape", "")
            hints.append(
                f"It looks like a {fmt.name} number, but does not fit it: {fmt.name} "
                f"numbers are {shape}."
            )
    return hints


_CATALOGUES: dict[tuple[int, int, int], tuple[tuple[object, ...], Catalogue]] = {}


def _catalogue(
    formats: Mapping[str, Record],
    ranges: Mapping[str, Record],
    countries: Mapping[str, Record],
) -> Catalogue:
    """The compiled formats, built once per knowledge base: keyed by the identity of its
    formats, indicator ranges and countries tables (a table given anew is compiled anew).
    The entry holds the tables themselves, so no other object can take their ids while
    it stands."""
    key = (id(formats), id(ranges), id(countries))
    if key not in _CATALOGUES:
        known = catalogue(formats, ranges.values(), countries)
        _CATALOGUES[key] = ((formats, ranges, countries), known)
    return _CATALOGUES[key][1]


# --- small helpers --------------------------------------------------------------------


def _bare(number: str, matches: Sequence[Match]) -> bool:
    """Whether every format the number fits is a bare run of digits (`bare_digits`)."""
    return number.isdigit() and all(bare_digits(number, m.format) for m in matches)


def _unconfirmed(passing: list[Match]) -> str:
    """What the formats that fit say, when none of them confirms the number."""
    parts = []
    shapes = [m.format.name for m in passing if not m.format.check]
    if shapes:
        # No check digit, or one whose algorithm is not public (Australia Post's eParcel).
        parts.append(f"{', '.join(shapes)}, with no check digit parcel-doctor can run")
    weak = [m for m in passing if m.format.check]
    for check in dict.fromkeys(str(m.format.check) for m in weak):
        names = ", ".join(m.format.name for m in weak if m.format.check == check)
        parts.append(
            f"{names}, whose {checks.NAMES[check]} check one number in "
            f"{checks.MODULI[check]} passes by chance"
        )
    return (
        f"It fits {'; and '.join(parts)}: nothing confirms it. Ask the sender which carrier "
        "it is, or try that carrier's own site."
    )


def _is_unknown(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower() == "unknown"


def _known_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value and not _is_unknown(value) else None
