"""Read a tracking number: which format it is, whether it is well formed, what it tells.

A seller whose parcel has gone quiet usually has nothing but the number. A UPU S10
number (``RR123456785CN``) names the service class, and so how far tracking can reach,
and the country whose post issued it; a courier number names the courier. Both carry a
check digit, so a typo can be caught before the seller chases a number that never existed.

The module works on plain mappings (the records of ``facts/*.toml``, keyed by id), so it
does not depend on how the knowledge base is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import tracking_numbers

Record = Mapping[str, Any]

_S10_EXAMPLE = "RR123456785CN"
_S10_SHAPE = "two letters, nine digits, two letters"
_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
_S10_RE = re.compile(r"[A-Z]{2}[0-9]{9}[A-Z]{2}")
# Inputs that are clearly meant as S10 but broken: reported as S10 so the seller learns
# which check failed instead of hearing "unknown format".
_S10_LIKE_RE = re.compile(r"[A-Z]{2}[0-9]+[A-Z]{2}")
_SEPARATORS = frozenset("-._")
_UNKNOWN_FORMAT = (
    "Not a format parcel-doctor knows (S10 or a courier format in the knowledge base)."
)
_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def normalise_number(raw: str) -> str:
    """The number as carriers print it: no spaces, dashes, dots or underscores, upper case.

    Sellers copy numbers from labels and e-mails that group digits with separators;
    removing them (after upper-casing, so nothing upper-casing produces survives) makes
    the same number always compare equal.
    """
    upper = raw.upper()
    return "".join(ch for ch in upper if not ch.isspace() and ch not in _SEPARATORS)


def s10_check_digit(serial: str) -> int:
    """The S10 check digit of an eight-digit serial (UPU S10: weights 8 6 4 2 3 5 9 7).

    ``c = 11 - sum % 11``; 10 gives 0 and 11 gives 5. Because 11 and 5 share the digit 5,
    a serial typo that moves the sum between 0 and 6 (mod 11) goes unnoticed: the standard's
    own blind spot, not ours. Raises ValueError for anything but eight ASCII digits.
    """
    if len(serial) != 8 or not serial.isascii() or not serial.isdigit():
        raise ValueError(f"an S10 serial is eight digits, not {serial!r}")
    total = sum(int(d) * w for d, w in zip(serial, _S10_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 10:
        return 0
    if check == 11:
        return 5
    return check


@dataclass(frozen=True)
class TrackingSite:
    """A page where the seller can look the number up, and whose page it is."""

    operator: str  # e.g. "China Post"
    url: str  # the template filled with the number


@dataclass
class NumberAnalysis:
    """What the number alone tells; ``problems`` says in plain words every check that failed."""

    number: str  # normalised
    valid: bool
    format: str  # "s10", a carrier id from carriers, or "unknown"
    problems: list[str] = field(default_factory=list)
    service_indicator: str | None = None  # S10: the two letters
    service_class: str | None = None  # a service id, or None when unknown
    tracked_beyond_export: bool | None = None
    origin: str | None = None  # S10: ISO code of the issuing country
    carrier: str | None = None  # courier formats: the carrier id
    corrected: str | None = None  # S10 with a wrong check digit: the number with the right one
    tracking_sites: list[TrackingSite] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Only the keys that mean something for this format, so a report shows no noise."""
        out: dict[str, Any] = {
            "number": self.number,
            "valid": self.valid,
            "format": self.format,
            "problems": list(self.problems),
        }
        sites = [{"operator": s.operator, "url": s.url} for s in self.tracking_sites]
        if self.format == "s10":
            out.update(
                service_indicator=self.service_indicator,
                service_class=self.service_class,
                tracked_beyond_export=self.tracked_beyond_export,
                origin=self.origin,
                tracking_sites=sites,
            )
        elif self.format != "unknown":
            out.update(
                carrier=self.carrier,
                service_class=self.service_class,
                tracking_sites=sites,
            )
        return out


def analyse(
    raw: str,
    *,
    countries: Mapping[str, Record],
    carriers: Mapping[str, Record],
    s10_indicators: Mapping[str, Record],
    destination: str | None = None,
) -> NumberAnalysis:
    """Identify and check a tracking number. Never raises for a string.

    S10 is handled here rather than by the tracking-numbers library because the library
    only reports numbers that pass every check, and a seller with a typo needs to hear
    which check failed (and, for a wrong check digit, what the number probably is).
    """
    number = normalise_number(raw) if isinstance(raw, str) else ""
    if not number:
        return NumberAnalysis(
            number="", valid=False, format="unknown", problems=["No tracking number given."]
        )
    if _S10_RE.fullmatch(number):
        return _analyse_s10(number, countries, s10_indicators, destination)
    courier = _analyse_courier(number, carriers)
    if courier.valid:
        return courier
    if _S10_LIKE_RE.fullmatch(number) or (len(number) == 13 and _is_letters(number[:2])):
        return _analyse_s10(number, countries, s10_indicators, destination)
    return courier


# --- S10 ------------------------------------------------------------------------------


def _analyse_s10(
    number: str,
    countries: Mapping[str, Record],
    s10_indicators: Mapping[str, Record],
    destination: str | None,
) -> NumberAnalysis:
    """Every S10 check, each failing one a sentence, so all mistakes show at once."""
    result = NumberAnalysis(number=number, valid=False, format="s10")
    problems = result.problems
    well_shaped = bool(_S10_RE.fullmatch(number))
    if not well_shaped:
        problems.append(_s10_shape_problem(number))

    indicator = number[:2]
    result.service_indicator = indicator
    letter = indicator[0]
    record = s10_indicators.get(letter)
    if record is None or _is_unknown(record.get("meaning")):
        problems.append(
            f"The service indicator {indicator} starts with {letter}, a letter whose meaning "
            "parcel-doctor does not know, so the service class cannot be told from it."
        )
    if record is not None:
        result.service_class = _known_str(record.get("service_class"))
        tracked = record.get("tracked_beyond_export")
        result.tracked_beyond_export = tracked if isinstance(tracked, bool) else None

    country = number[-2:]
    origin_record: Record | None = None
    if len(number) >= 4 and _is_letters(country):
        origin_record = countries.get(country)
        if origin_record is None:
            problems.append(
                f"The last two letters, {country}, are not a country code parcel-doctor "
                "knows; an S10 number ends with the ISO code of the country whose post "
                "issued it."
            )
        else:
            result.origin = country

    if well_shaped:
        serial, given = number[2:10], int(number[10])
        expected = s10_check_digit(serial)
        if given != expected:
            result.corrected = f"{number[:10]}{expected}{number[11:]}"
            problems.append(
                f"The check digit is {given} but the serial {serial} gives {expected}: "
                f"did you mean {result.corrected}? If the check digit is right, one of the "
                "eight serial digits is mistyped."
            )
        else:
            # Sites only for a number that can exist: a mistyped one would only fail there.
            result.tracking_sites = _s10_sites(number, origin_record, countries, destination)

    result.valid = not problems
    return result


def _s10_shape_problem(number: str) -> str:
    """Say what shape was expected and, as exactly as possible, what was found instead."""
    expected = f"an S10 number is {_S10_SHAPE} (e.g. {_S10_EXAMPLE})"
    if len(number) != 13:
        sentence = f"{number} has {len(number)} characters, expected 13: {expected}."
        middle = _S10_LIKE_RE.fullmatch(number) and number[2:-2]
        if middle:
            sentence += (
                f" It has {_count(len(middle), 'digit')} between the letters, expected nine."
            )
        return sentence
    wrong = []
    for pos, ch in enumerate(number):
        want_letter = pos < 2 or pos > 10
        if want_letter and not _is_letters(ch):
            wrong.append(f"character {pos + 1} is {ch!r}, expected a letter")
        elif not want_letter and not (ch.isascii() and ch.isdigit()):
            hint = " (the letter O where a zero belongs?)" if ch == "O" else ""
            wrong.append(f"character {pos + 1} is {ch!r}, expected a digit{hint}")
    return f"{number} is not {_S10_SHAPE} (e.g. {_S10_EXAMPLE}): " + "; ".join(wrong) + "."


def _s10_sites(
    number: str,
    origin_record: Record | None,
    countries: Mapping[str, Record],
    destination: str | None,
) -> list[TrackingSite]:
    """The issuing post's page, then the destination post's, which often shows later events."""
    sites: list[TrackingSite] = []
    for record in (origin_record, countries.get(normalise_number(destination or "")) or None):
        site = _country_site(record, number) if record is not None else None
        if site is not None and all(s.url != site.url for s in sites):
            sites.append(site)
    return sites


def _country_site(record: Record, number: str) -> TrackingSite | None:
    template = record.get("tracking_site")
    if not isinstance(template, str) or _is_unknown(template):
        return None
    operator = _known_str(record.get("postal_operator"))
    if operator is None:
        operator = f"the postal operator of {record.get('name', 'the country')}"
    return TrackingSite(operator=operator, url=_fill(template, number))


# --- courier formats ------------------------------------------------------------------


def _analyse_courier(number: str, carriers: Mapping[str, Record]) -> NumberAnalysis:
    """Match the courier formats of the tracking-numbers library against known carriers.

    All library definitions are tried, not just the first hit of ``get_tracking_number``:
    some numbers fit two formats (USPS 91 and FedEx SmartPost), and the first may be a
    courier the knowledge base does not hold while the second is one it does.
    """
    by_code: dict[str, tuple[str, Record]] = {}
    for carrier_id, record in carriers.items():
        code = record.get("number_format")
        if isinstance(code, str) and code and code not in by_code:
            by_code[code] = (carrier_id, record)

    near_misses: list[str] = []
    for definition in getattr(tracking_numbers, "DEFINITIONS", ()):
        code = definition.courier.code
        if code == "s10" or code not in by_code:
            continue
        try:
            match = definition.test(number)
        except Exception:  # the library raises on some inputs (a letter as UPS check digit)
            continue
        if match is None:
            continue
        if match.validation_errors:
            failed = "; ".join(str(msg) for _, msg in match.validation_errors)
            near_misses.append(
                f"It has the shape of a {definition.product.name} number but fails its check "
                f"({failed.lower()})."
            )
            continue
        carrier_id, record = by_code[code]
        name = str(record.get("name") or match.courier.name)
        template = record.get("tracking_site")
        url = (
            _fill(template, number)
            if isinstance(template, str) and not _is_unknown(template)
            else match.tracking_url
        )
        return NumberAnalysis(
            number=number,
            valid=True,
            format=carrier_id,
            carrier=carrier_id,
            service_class=_known_str(record.get("service_class")),
            tracking_sites=[TrackingSite(operator=name, url=url)] if url else [],
        )
    problems = [_UNKNOWN_FORMAT, *dict.fromkeys(near_misses)]
    return NumberAnalysis(number=number, valid=False, format="unknown", problems=problems)


# --- small helpers --------------------------------------------------------------------


def _fill(template: str, number: str) -> str:
    """Replace ``{number}`` only: a URL may hold other braces that str.format would choke on."""
    return template.replace("{number}", number)


def _is_unknown(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower() == "unknown"


def _known_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value and not _is_unknown(value) else None


def _is_letters(text: str) -> bool:
    return text.isascii() and text.isalpha() and text.isupper()


def _count(n: int, noun: str) -> str:
    word = _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else str(n)
    return f"{word} {noun}" if n == 1 else f"{word} {noun}s"
