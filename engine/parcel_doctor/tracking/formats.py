"""Tracking-number formats as data: match a number against every format in
`facts/number_formats.toml` and run the check each one names.

A format is a regular expression with named groups (`serial` and `check` where there is
a check digit; others such as `service`, `issuer` or `tracking` say what the parts
mean), the name of a check algorithm with its parameters (`checks.py`), the carrier and
service class it means, and example numbers. Nothing about any one format is written
here: a new format is a new TOML entry.
"""

from __future__ import annotations

import functools
import importlib
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from parcel_doctor.text import plain
from parcel_doctor.tracking import checks

Record = Mapping[str, Any]

_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# The standard library's own regular-expression parser (re._parser since 3.11, sre_parse
# before): the one place that knows how long a pattern's matches can be.
_REGEX_PARSER: Any = getattr(re, "_parser", None) or importlib.import_module("sre_parse")
_BASE = math.log10(len(_ALPHABET))  # what one free character position is worth


@dataclass(frozen=True)
class Format:
    """One entry of number_formats.toml, its pattern compiled."""

    id: str
    name: str
    pattern: re.Pattern[str]
    record: Record

    @functools.cached_property
    def fields(self) -> dict[str, Any]:
        """The record's keys and values as a plain dict, read for every number the format
        fits (a record read through its mapping interface costs a few times a dict)."""
        return dict(self.record)

    @functools.cached_property
    def carrier(self) -> str | None:
        return self.record.get("carrier")

    @functools.cached_property
    def check(self) -> str | None:
        return self.record.get("check")

    @functools.cached_property
    def confirms(self) -> bool:
        """Whether passing the check confirms a number: a shape-only format confirms
        nothing, nor one whose check the data calls too weak to (`confirms = false`: a
        check numbers of other formats of the same shape pass by chance too often)."""
        return self.check is not None and not self.weak

    @functools.cached_property
    def weak(self) -> bool:
        """Whether the data says the format alone confirms nothing (`confirms = false`):
        a check chance passes too often, or a bare shape (twenty-four digits) no check
        backs. Such a format confirms a number only for a parcel sent to one of its
        carrier's countries (`numbers._Context.confirms`)."""
        return self.record.get("confirms", True) is False

    @property
    def lengths(self) -> tuple[int, int]:
        """The shortest and longest number the pattern accepts: a format that allows
        many lengths says less about a number than one of a single length."""
        return _widths(self.pattern.pattern)


@functools.cache
def _widths(pattern: str) -> tuple[int, int]:
    """`Format.lengths` of a pattern, parsed once: parsing it for every number was a
    third of the cost of reading one."""
    low, high = _REGEX_PARSER.parse(pattern).getwidth()
    return int(low), int(min(high, low + 60))


_SPANS: dict[str, tuple[int, int]] = {}


def _fits_length(pattern: str, size: int) -> bool:
    """Whether the pattern can match a text of this length (its shortest and longest
    match, the longest not capped: a pattern with no upper bound is never ruled out).
    Most numbers have the length of a few formats only: the others are not tried."""
    span = _SPANS.get(pattern)
    if span is None:
        low, high = _REGEX_PARSER.parse(pattern).getwidth()
        span = _SPANS[pattern] = (int(low), int(high))
    return span[0] <= size <= span[1]


@dataclass
class Match:
    """A number that has the shape of a format: which checks failed, and what it says."""

    format: Format
    groups: dict[str, str]
    failures: list[str] = field(default_factory=list)  # each failed check, in words
    expected: str | None = None  # the check character that would pass, where it failed
    specificity: float = 0.0  # how unlikely a chance match is; set when several formats fit
    notes: list[str] = field(default_factory=list)  # remarks that do not make it invalid
    origin: str | None = None  # the country an issuer code names

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def tracked(self) -> str:
        """The part of the number to look up (a USPS label's routing prefix left out)."""
        group = self.format.fields.get("track_group")
        return self.groups.get(group, "") if group else self.groups["_number"]


@dataclass(frozen=True)
class Catalogue:
    """Every format, with what the lookups need: the S10 issuer codes (code -> country)
    and the service-indicator ranges of each format."""

    formats: tuple[Format, ...]
    issuers: Mapping[str, str]
    ranges: Mapping[str, tuple[Record, ...]]
    # The formats that can match a number of each length, in `formats`' order.
    by_length: dict[int, tuple[Format, ...]] = field(default_factory=dict, compare=False)

    def match(self, number: str) -> list[Match]:
        """Every format the number has the shape of, checks run; formats whose checks
        passed first, a check that confirms before one too weak to (`confirms = false`),
        then the most specific."""
        found = [m for f in self.fitting(len(number)) if (m := self.match_one(number, f))]
        if len(found) > 1:  # ranking costs a few hundred regex tests a format: only if needed
            for m in found:
                m.specificity = specificity(number, m.format)
        return sorted(found, key=_rank)

    def fitting(self, size: int) -> tuple[Format, ...]:
        """The formats whose pattern can match a number of this length (`_fits_length`),
        worked out once per length: most numbers fit a few of the formats only, and
        asking each format for every number was a third of matching one."""
        fits = self.by_length.get(size)
        if fits is None:
            if len(self.by_length) >= 1024:  # any text can be analysed: a bound
                self.by_length.clear()
            fits = tuple(f for f in self.formats if _fits_length(f.pattern.pattern, size))
            self.by_length[size] = fits
        return fits

    def match_one(self, number: str, fmt: Format) -> Match | None:
        hit = fmt.pattern.match(number)
        if hit is None:
            return None
        groups = {k: v for k, v in hit.groupdict().items() if v is not None}
        groups["_number"] = number
        result = Match(fmt, groups)
        if fmt.check is not None:
            _run_check(result)
        origin_group = fmt.fields.get("origin_group")
        if origin_group:
            code = groups.get(origin_group, "")
            result.origin = self.issuers.get(code)
            if result.origin is None:
                result.failures.append(
                    f"The last two letters, {code}, are not a code any post issues "
                    f"{fmt.name} numbers with (the issuing country's code)."
                )
        indicator_group = fmt.fields.get("indicator_group")
        if indicator_group:
            _check_indicator(result, groups.get(indicator_group, ""), self.ranges.get(fmt.id, ()))
        return result


def _rank(match: Match) -> tuple[bool, bool, float, str]:
    weak = match.format.check is not None and not match.format.confirms
    return (not match.passed, weak, -match.specificity, match.format.id)


def catalogue(
    formats: Mapping[str, Record],
    ranges: Iterable[Record],
    countries: Mapping[str, Record],
) -> Catalogue:
    """The formats compiled, with S10 issuer codes taken from the countries (a country's
    `s10_issuer` where its post uses a code other than its ISO code; none for "none")."""
    issuers = {str(c.get("s10_issuer", code)): code for code, c in countries.items()}
    issuers.pop("none", None)
    by_format: dict[str, list[Record]] = {}
    for entry in ranges:
        by_format.setdefault(str(entry["format"]), []).append(entry)
    return Catalogue(
        tuple(compile_formats(formats)),
        issuers,
        {fid: tuple(entries) for fid, entries in by_format.items()},
    )


def _run_check(result: Match) -> None:
    fmt, groups = result.format, result.groups
    serial = str(fmt.fields.get("prefix", "")) + groups.get("serial", "")
    try:
        result.expected = checks.expected(str(fmt.check), serial, fmt.fields)
    except ValueError:
        result.expected = None
    given = groups.get("check", "?")
    if result.expected == given:
        return
    label = checks.NAMES[str(fmt.check)]
    if result.expected is None:
        result.failures.append(
            f"It has the shape of a {fmt.name} number, but its {label} check cannot be "
            "computed from these characters."
        )
        return
    result.failures.append(
        f"It has the shape of a {fmt.name} number, but fails its {label} check: the check "
        f"digit is {given}, and {groups.get('serial', '')} gives {result.expected}"
        f"{SUGGESTION}{corrected_number(result)}? If the check digit is right, another "
        "character is mistyped."
    )


def _check_indicator(result: Match, indicator: str, ranges: Iterable[Record]) -> None:
    for first, last, span, use in _bounds(ranges):
        if first <= indicator <= last:
            where = f" ({span})" if span else ""
            if use == "reserved":
                result.failures.append(
                    f"The service indicator {indicator} is reserved by the standard"
                    f"{where}: no post issues numbers with it."
                )
            elif use == "unassigned":
                # Not a sign of a wrong number: posts issue such numbers for services of their
                # own (Royal Mail's FN468095458GB, a 1st Class eBay UK order of 2019 in
                # tests/batch/real/ebay-uk-orders-report-2019.csv; review R21-14)
                result.notes.append(
                    f"The service indicator {indicator} has no meaning assigned by the "
                    f"standard{where}: a post may still use it for a service of its own, so "
                    "it says nothing about how far the item is tracked."
                )
            elif use == "domestic":
                result.notes.append(
                    f"The service indicator {indicator} is for domestic, bilateral or "
                    f"multilateral use only{where}: the service is whatever the posts "
                    "involved agreed, so it says little about tracking abroad."
                )
            return
    result.notes.append(f"The service indicator {indicator} is in no range the standard lists.")


# A service-indicator range: its bounds as text, the span as a note says it ("" for a
# single indicator), its use.
_Bound = tuple[str, str, str, Any]
_BOUNDS: dict[int, tuple[object, tuple[_Bound, ...]]] = {}


def _bounds(ranges: Iterable[Record]) -> tuple[_Bound, ...]:
    """A format's service-indicator ranges as `_Bound`s, once per ranges tuple (reading
    them through each record for every number was a sixth of reading an S10 number)."""
    found = _BOUNDS.get(id(ranges))
    if found is None or found[0] is not ranges:
        bounds = tuple(
            (
                str(e["first"]),
                str(e["last"]),
                f"{e['first']}-{e['last']}" if e["first"] != e["last"] else "",
                e["use"],
            )
            for e in ranges
        )
        found = _BOUNDS[id(ranges)] = (ranges, bounds)
    return found[1]


def specificity(number: str, fmt: Format) -> float:
    """How much the format constrains this number, in decimal digits: for each position,
    how few of the 36 letters and digits the pattern would still accept there, plus what
    the check digit adds. A 1Z... UPS number scores far above a bare run of fourteen
    digits, so candidates can be ranked most specific first.

    A pattern that reads exactly one character per position (`_positional`) accepts at
    each position the same characters whatever the others are, so every number it
    matches gets the same score: worked out once (it costs hundreds of regex tests)."""
    if not _positional(fmt.pattern.pattern, fmt.pattern.flags):
        return _specificity(number, fmt)
    key = (fmt.pattern.pattern, fmt.check)
    score = _SCORES.get(key)
    if score is None:
        score = _SCORES[key] = _specificity(number, fmt)
    return score


_SCORES: dict[tuple[str, str | None], float] = {}


@functools.cache
def _positional(pattern: str, flags: int) -> bool:
    """Whether the pattern is a fixed sequence of single characters: each item one
    character (a literal, a class, any), repeated a fixed number of times, in groups,
    anchored at the end; no alternation, optional or variable part, look-around or
    back-reference (any of those: False)."""
    return _single_characters(_REGEX_PARSER.parse(pattern, flags))


def _single_characters(items: Any) -> bool:
    for op, value in items:
        name = str(op)
        if name in ("LITERAL", "NOT_LITERAL", "IN", "ANY"):
            continue
        if name == "SUBPATTERN" and _single_characters(value[-1]):
            continue
        if name in ("MAX_REPEAT", "MIN_REPEAT"):
            low, high, repeated = value
            if low == high and _single_characters(repeated):
                continue
        if name == "AT" and str(value) == "AT_END_STRING":
            continue
        return False
    return True


def _specificity(number: str, fmt: Format) -> float:
    score = 0.0
    # Each character tried stands for its class (`_classes`): one regex test per class,
    # not one per letter and digit, the same count.
    classes = _classes(fmt.pattern.pattern, fmt.pattern.flags)
    for pos in range(len(number)):
        head, tail = number[:pos], number[pos + 1 :]
        accepted = sum(size for ch, size in classes if fmt.pattern.match(head + ch + tail))
        score += _BASE - math.log10(max(accepted, 1))
    if fmt.check is not None:
        score += math.log10(checks.MODULI[str(fmt.check)])
    shortest, longest = fmt.lengths
    return round(score - math.log10(longest - shortest + 1), 3)


@functools.cache
def _classes(pattern: str, flags: int) -> tuple[tuple[str, int], ...]:
    """The 36 letters and digits in classes the pattern cannot tell apart, each as (its
    first character, how many): every test the pattern makes of one character (a
    literal, a set's literal, range or category, inside groups, repeats, branches and
    look-arounds alike) gives all characters of a class the same answer, so a text
    matches or not whichever of them stands at a position. A pattern whose tests are not
    all of those kinds (a back-reference compares two characters; case-insensitive
    matching) gets one class per character."""
    tests: list[Callable[[str], bool]] = []
    parsed = _REGEX_PARSER.parse(pattern, flags)
    if (flags | parsed.state.flags) & re.IGNORECASE or not _character_tests(parsed, tests):
        return tuple((ch, 1) for ch in _ALPHABET)
    classes: dict[tuple[bool, ...], list[str]] = {}
    for ch in _ALPHABET:
        classes.setdefault(tuple(test(ch) for test in tests), []).append(ch)
    return tuple((members[0], len(members)) for members in classes.values())


# A category's test on a letter or digit (the others, word or not, space or not, give
# every letter and digit the same answer).
_CATEGORIES = {
    "CATEGORY_DIGIT": str.isdigit,
    "CATEGORY_NOT_DIGIT": str.isdigit,
    "CATEGORY_WORD": None,
    "CATEGORY_NOT_WORD": None,
    "CATEGORY_SPACE": None,
    "CATEGORY_NOT_SPACE": None,
}


def _character_tests(items: Any, tests: list[Callable[[str], bool]]) -> bool:
    """Add the pattern's tests of one character to `tests`; False for anything else it
    holds that could tell characters apart (or that is not known here)."""
    for op, value in items:
        name = str(op)
        if name in ("LITERAL", "NOT_LITERAL"):
            tests.append(chr(value).__eq__)
        elif name == "IN":
            for kind, item in value:
                kind = str(kind)
                if kind in ("LITERAL", "NOT_LITERAL"):
                    tests.append(chr(item).__eq__)
                elif kind == "RANGE":
                    tests.append(functools.partial(_in_range, item[0], item[1]))
                elif kind == "CATEGORY" and str(item) in _CATEGORIES:
                    test = _CATEGORIES[str(item)]
                    if test is not None:
                        tests.append(test)
                elif kind != "NEGATE":  # a set and its complement split alike
                    return False
        elif name == "SUBPATTERN":
            if value[1] & re.IGNORECASE or not _character_tests(value[-1], tests):
                return False
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            if not _character_tests(value[2], tests):
                return False
        elif name == "BRANCH":
            if not all(_character_tests(branch, tests) for branch in value[1]):
                return False
        elif name in ("ASSERT", "ASSERT_NOT"):
            if not _character_tests(value[1], tests):
                return False
        elif name == "ATOMIC_GROUP":
            if not _character_tests(value, tests):
                return False
        elif name not in ("ANY", "AT"):  # any character (no line break here); anchors
            return False
    return True


def _in_range(low: int, high: int, ch: str) -> bool:
    return low <= ord(ch) <= high


# Where a failed check's words offer the corrected number (`if_the_label_says` hedges it).
SUGGESTION = ": did you mean "


def if_the_label_says(failure: str, match: Match) -> str:
    """A failed check's words with the corrected number offered only if the label
    names the format's carrier: for a number whose shape another carrier's fits too,
    a failed check proves no typo."""
    head, found, _ = failure.partition(SUGGESTION)
    if not found:
        return failure
    return (
        f"{head}. If the label says {match.format.name}, compare it with "
        f"{corrected_number(match)}; other carriers' numbers have this shape too."
    )


def bare_digits(number: str, fmt: Format) -> bool:
    """Whether the format's pattern takes any digit at every position of this all-digit
    number: a bare run of digits (FedEx's or Purolator's twelve), not a shape with a
    fixed part (1Z..., 94..., 003404...) that would name its carrier."""
    return all(
        fmt.pattern.match(number[:pos] + digit + number[pos + 1 :])
        for pos in range(len(number))
        for digit in "0123456789"
    )


def corrected_number(match: Match) -> str:
    """The number with the check character that would pass in place of the given one."""
    number = match.groups["_number"]
    hit = match.format.pattern.match(number)
    if hit is None or match.expected is None:
        return number
    start, end = hit.span("check")
    return number[:start] + match.expected + number[end:]


def compile_formats(records: Mapping[str, Record]) -> list[Format]:
    """Every format, its pattern compiled (anchored at both ends)."""
    return [
        Format(fid, str(rec.get("name", fid)), re.compile(rf"(?:{rec['pattern']})\Z"), rec)
        for fid, rec in records.items()
    ]


def problems(
    formats: Mapping[str, Record], ranges: Iterable[Record], countries: Mapping[str, Record]
) -> list[tuple[str, str, str]]:
    """Every format that cannot work as written, as (format id, key, what is wrong): a
    pattern that does not compile or lacks the groups its check and lookups name, check
    parameters missing, examples that do not behave as listed. For `facts check`."""
    found: list[tuple[str, str, str]] = []
    good: dict[str, Record] = {}
    for fid, rec in formats.items():
        try:
            pattern = re.compile(str(rec["pattern"]))
        except re.error as error:
            found.append((fid, "pattern", f"does not compile: {error}"))
            continue
        needed = [rec[k] for k in ("track_group", "origin_group", "indicator_group") if k in rec]
        algorithm = rec.get("check")
        if algorithm is None and rec.get("confirms", False) is not False:
            found.append((fid, "confirms", "says a check confirms, but there is no check"))
        if algorithm is not None:
            needed += ["serial", "check"]
            for param in checks.PARAMETERS[str(algorithm)]:
                if param not in rec:
                    found.append((fid, "check", f"{algorithm} needs {param}"))
        for group in needed:
            if group not in pattern.groupindex:
                found.append((fid, "pattern", f"has no named group (?P<{group}>...)"))
        if _fewest_digits(_REGEX_PARSER.parse(str(rec["pattern"])), whole=True) == 0:
            found.append((fid, "pattern", f"accepts a number with no digit, but {NO_DIGIT_READ}"))
        if (
            algorithm is None
            and rec.get("confirms", True) is not False
            and not _has_literal(_REGEX_PARSER.parse(str(rec["pattern"])))
        ):
            found.append((fid, "confirms", f"must be false: {BARE_SHAPE}"))
        if rec.get("test") is True and not rec.get("note"):
            found.append((fid, "note", "a test number's format needs a note telling the seller"))
        letters = rec.get("letter_values")
        if letters is not None and not (len(letters) == 26 and str(letters).isdigit()):
            found.append((fid, "letter_values", "must be 26 digits, the values of A to Z"))
        if not any(f[0] == fid for f in found):
            good[fid] = rec
    compiled = catalogue(good, ranges, countries)
    for fmt in compiled.formats:
        found += [(fmt.id, "valid", p) for p in example_problems(fmt, compiled)]
    return found


_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def _fewest_digits(items: Any, whole: bool = False) -> int:
    """The fewest digits a text the parsed pattern matches can hold (a lower bound: a set
    of digits and letters counts none). A lookahead of the whole pattern counts too (a
    number is matched whole, so the text it reads is the number's own): the formats that
    mix letters and digits freely require a digit that way."""
    consumed = ahead = 0
    for op, value in items:
        name = str(op)
        if name == "LITERAL":
            consumed += chr(value).isdigit()
        elif name == "IN":
            consumed += _digits_only(value)
        elif name == "SUBPATTERN":
            consumed += _fewest_digits(value[-1])
        elif name in _REPEATS:
            consumed += value[0] * _fewest_digits(value[2])
        elif name == "BRANCH":
            consumed += min(_fewest_digits(branch) for branch in value[1])
        elif name == "ASSERT" and whole and value[0] == 1:
            ahead = max(ahead, _fewest_digits(value[1]))
    return max(consumed, ahead)


# Why a format with neither a check nor a fixed character confirms nothing alone: any
# order or invoice reference of its length fits ("ORDER123" is eight letters and digits).
BARE_SHAPE = "with no check digit and no fixed character, the shape alone names no carrier"


def _has_literal(items: Any) -> bool:
    """Whether the parsed pattern holds a fixed character (a literal, alone or in one of
    a choice of prefixes: 1Z..., TBA..., GM|LX|...)."""
    for op, value in items:
        name = str(op)
        if name == "LITERAL":
            return True
        if name == "SUBPATTERN" and _has_literal(value[-1]):
            return True
        if name in _REPEATS and value[0] > 0 and _has_literal(value[2]):
            return True
        if name == "BRANCH" and all(_has_literal(branch) for branch in value[1]):
            return True
    return False


def _digits_only(items: Any) -> bool:
    """Whether a set ([...]) holds digits only."""
    for kind, item in items:
        kind = str(kind)
        if kind == "LITERAL" and chr(item).isdigit():
            continue
        if kind == "RANGE" and ord("0") <= item[0] <= item[1] <= ord("9"):
            continue
        if kind == "CATEGORY" and str(item) == "CATEGORY_DIGIT":
            continue
        return False
    return True


def example_problems(fmt: Format, found: Catalogue) -> list[str]:
    """Why the format's own examples do not behave as listed (for `facts check`)."""
    problems = []
    for example in fmt.record.get("valid", []):
        result = found.match_one(normalise_number(example), fmt)
        if result is None or not result.passed:
            problems.append(f"valid example {example!r} is not recognised by this format")
    for example in fmt.record.get("invalid", []):
        result = found.match_one(normalise_number(example), fmt)
        if result is not None and result.passed:
            problems.append(f"invalid example {example!r} passes this format")
    return problems


NOT_A_NUMBER = "spaces, dashes, dots and invisible characters alone are not a number"
NO_DIGIT = "has no digit, and every tracking number has some"
ZEROS_ONLY = (
    "is only zeros: a placeholder (a spreadsheet's empty number cell, or what some systems "
    "print before a number is assigned), never a parcel's tracking number"
)
# What the readers do with a text with no digit ('N/A', 'none', a name typed in the wrong
# field): not a number. `facts check` holds every format's pattern to it (`problems`).
NO_DIGIT_READ = (
    "a text with no digit is read as no number (N/A, none): require one, as with (?=[A-Z]*[0-9])"
)


def holds_no_digit(text: str) -> bool:
    """Whether text cannot be a tracking number for want of a digit: 'N/A', '-', 'none',
    'untracked', a country typed into the wrong field."""
    return not any(c.isdigit() for c in text)


def not_a_number(text: str) -> str | None:
    """Why `text` given as a tracking number is none ('N/A', 'none', '-', a country typed
    into the wrong field; '0' or '0000', a spreadsheet's empty number cell), else None."""
    if holds_no_digit(text):
        return NO_DIGIT
    if set(normalise_number(text)) == {"0"}:
        return ZEROS_ONLY
    return None


def normalise_number(raw: str) -> str:
    """The number as carriers print it: no spaces, dashes, dots or underscores, upper case.

    Sellers copy numbers from labels and e-mails that group characters with separators;
    removing them (after upper-casing) makes the same number always compare equal.
    """
    upper = plain(raw).upper()
    if (
        upper.isascii() and upper.isalnum()
    ):  # no space or separator to remove (most numbers as given)
        return upper
    return "".join(ch for ch in upper if not ch.isspace() and ch not in "-._")
