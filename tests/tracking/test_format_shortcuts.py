"""The shortcuts in `Catalogue.match` change nothing: formats skipped by length could
not have matched, and a positional pattern's specificity, worked out once, is what
the full computation gives for every number it matches."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from parcel_doctor.knowledge import loader as knowledge
from parcel_doctor.text import plain
from parcel_doctor.tracking import checks, formats
from parcel_doctor.tracking.numbers import _catalogue

ROOT = Path(__file__).resolve().parents[2]
KB = knowledge.load(ROOT / "facts", ROOT / "rules")
CATALOGUE = _catalogue(KB.number_formats, KB.indicator_ranges, KB.countries)
EXAMPLES = sorted(
    formats.normalise_number(n)
    for rec in KB.number_formats.values()
    for n in (*rec.get("valid", []), *rec.get("invalid", []))
)
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def unabridged(number: str) -> list[tuple[str, list[str], float]]:
    """`Catalogue.match` without the shortcuts: every format tried, every score computed."""
    found = [m for f in CATALOGUE.formats if (m := CATALOGUE.match_one(number, f)) is not None]
    if len(found) > 1:
        for m in found:
            m.specificity = formats._specificity(number, m.format)
    found.sort(key=formats._rank)
    return [(m.format.id, m.failures, m.specificity) for m in found]


@st.composite
def numbers(draw: st.DrawFn) -> str:
    """An example number with up to three characters changed, inserted or removed, or
    a run of letters and digits."""
    if draw(st.booleans()):
        return draw(st.text(ALPHABET, min_size=1, max_size=40))
    chars = list(draw(st.sampled_from(EXAMPLES)))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, max(len(chars) - 1, 0)))
        edit = draw(st.sampled_from(["change", "insert", "delete"]))
        if edit == "insert" or not chars:
            chars.insert(at, draw(st.sampled_from(ALPHABET)))
        elif edit == "change":
            chars[at] = draw(st.sampled_from(ALPHABET))
        else:
            del chars[at]
    return "".join(chars)


@pytest.mark.parametrize("number", EXAMPLES)
def test_every_example_matches_as_without_shortcuts(number: str) -> None:
    found = CATALOGUE.match(number)
    assert [(m.format.id, m.failures, m.specificity) for m in found] == unabridged(number)


@given(numbers())
def test_any_number_matches_as_without_shortcuts(number: str) -> None:
    found = CATALOGUE.match(number)
    assert [(m.format.id, m.failures, m.specificity) for m in found] == unabridged(number)


@pytest.mark.parametrize(
    ("pattern", "positional"),
    [
        (r"(?:RR(?P<serial>[0-9]{8})(?P<check>[0-9])[A-Z]{2})\Z", True),
        (r"(?:1Z[0-9A-Z]{16})\Z", True),
        (r"(?:[0-9]{9,10})\Z", False),  # variable length
        (r"(?:JJ?D[0-9]{16})\Z", False),  # optional character
        (r"(?:[0-9]{7}|[0-9]{9})\Z", False),  # alternation
        (r"(?:(?=[A-Z]*[0-9])[A-Z0-9]{8})\Z", False),  # look-ahead
        (r"(?:(?P<a>[0-9])(?P=a)[0-9])\Z", False),  # back-reference
    ],
)
def test_positional_patterns(pattern: str, positional: bool) -> None:
    assert formats._positional(pattern, 0) is positional


def test_a_pattern_with_no_upper_bound_is_never_skipped_by_length() -> None:
    assert formats._fits_length(r"(?:A[0-9]+)\Z", 500)
    assert not formats._fits_length(r"(?:A[0-9]+)\Z", 1)
    assert not formats._fits_length(r"(?:A[0-9]{3})\Z", 5)


def test_the_formats_tried_for_a_length_are_those_that_fit_it() -> None:
    for size in range(0, 90):
        expected = [
            f.id for f in CATALOGUE.formats if formats._fits_length(f.pattern.pattern, size)
        ]
        assert [f.id for f in CATALOGUE.fitting(size)] == expected
        assert CATALOGUE.fitting(size) is CATALOGUE.fitting(size)  # worked out once


@given(st.text(max_size=40))
def test_normalising_a_number_removes_only_spaces_and_separators(text: str) -> None:
    upper = plain(text).upper()  # as typed: full width and invisible characters aside
    assert formats.normalise_number(text) == "".join(
        ch for ch in upper if not ch.isspace() and ch not in "-._"
    )


@given(
    st.text("0123456789", min_size=1, max_size=30),
    st.lists(st.integers(1, 9), min_size=1, max_size=8),
    st.booleans(),
)
def test_a_weighted_sum_of_digits_is_each_digit_weighed(
    serial: str, weights: list[int], from_right: bool
) -> None:
    chars = serial[::-1] if from_right else serial
    weighed = sum(checks._digit(c, None) * weights[i % len(weights)] for i, c in enumerate(chars))
    assert checks._weighted(serial, weights, from_right, None) == weighed


def brute_specificity(number: str, fmt: formats.Format) -> float:
    """`formats._specificity` trying all 36 letters and digits at every position."""
    score = 0.0
    for pos in range(len(number)):
        head, tail = number[:pos], number[pos + 1 :]
        accepted = sum(1 for ch in ALPHABET if fmt.pattern.match(head + ch + tail))
        score += formats._BASE - math.log10(max(accepted, 1))
    if fmt.check is not None:
        score += math.log10(checks.MODULI[str(fmt.check)])
    shortest, longest = fmt.lengths
    return round(score - math.log10(longest - shortest + 1), 3)


@pytest.mark.parametrize("fmt", CATALOGUE.formats, ids=lambda f: f.id)
def test_specificity_by_character_classes_is_the_count_over_every_character(
    fmt: formats.Format,
) -> None:
    """Every format, on every example it fits with each position changed to every ninth
    character (when the number still fits): trying one character per class gives the
    score trying all 36 gives."""
    fitting = [n for n in EXAMPLES if fmt.pattern.match(n)]
    tried = {
        changed
        for example in fitting
        for pos in range(len(example))
        for ch in ALPHABET[pos % 9 :: 9]
        if fmt.pattern.match(changed := example[:pos] + ch + example[pos + 1 :])
    }
    assert fitting
    for number in sorted(tried | set(fitting)):
        assert formats._specificity(number, fmt) == brute_specificity(number, fmt), number


@given(st.text(ALPHABET, min_size=1, max_size=14))
def test_specificity_by_classes_on_patterns_of_every_kind(number: str) -> None:
    """Sets, negated sets, ranges, categories, alternation, look-arounds, optional and
    variable parts; a back-reference and case-insensitive matching fall back to one class
    per character. The score is the full count's for any text."""
    for pattern in (
        r"(?:[A-C][^B]\d{2,4}(?=[0-9])(?:XY|Z)?[\w]*)\Z",
        r"(?:(?!AB)[A-Z]{2}\D?(?P<s>[0-9]{3,9})[^0-9]{0,2})\Z",
        r"(?:(?P<a>[A-Z])(?P=a)[0-9]*)\Z",
        r"(?:(?i:ab)[0-9]{0,12})\Z",
        r"(?i)(?:[a-c][0-9]{1,3}[^x]?)\Z",
        r"(?:(?<![0-9])[135-9]+[A-F]*|Q)\Z",
    ):
        fmt = formats.Format("t", "test", re.compile(pattern), {})
        assert formats._specificity(number, fmt) == brute_specificity(number, fmt)


def test_classes_are_one_character_each_where_characters_are_compared() -> None:
    assert len(formats._classes(r"(?:(?P<a>[A-Z])(?P=a))\Z", 0)) == 36
    assert len(formats._classes(r"(?:(?i:ab)[0-9])\Z", 0)) == 36
    assert len(formats._classes(r"(?:ab[0-9])\Z", re.IGNORECASE)) == 36
    assert formats._classes(r"(?:[0-9]{12})\Z", 0) == (("0", 10), ("A", 26))


@pytest.mark.parametrize("fmt", CATALOGUE.formats, ids=lambda f: f.id)
def test_a_formats_fields_are_its_records(fmt: formats.Format) -> None:
    """`Format.fields`, read for every number instead of the record, holds every key of
    the record with the very same value."""
    assert list(fmt.fields) == list(fmt.record)
    assert all(fmt.fields[key] is fmt.record[key] for key in fmt.record)


def test_a_countrys_tracking_page_is_read_once_per_record() -> None:
    """What a postal number's tracking sites are built from (`numbers._country_page`) is
    what each country's record says, and a replaced record is read again."""
    from parcel_doctor.tracking import numbers

    for code, record in KB.countries.items():
        page = numbers._country_page(record)
        template = record.get("tracking_site")
        if page is None:
            assert not isinstance(template, str) or template.strip().lower() == "unknown"
            continue
        assert page[1] == template, code
        site = numbers._country_site(record, "RR123456785CN")
        assert site is not None and site.url == template.replace("{number}", "RR123456785CN")
        assert site.operator == page[0] != ""
    replaced = {**KB.countries["DE"], "tracking_site": "https://example.org/{number}"}
    assert numbers._country_page(replaced) == (
        KB.countries["DE"]["postal_operator"],
        "https://example.org/{number}",
    )


def test_the_compiled_formats_are_cached_per_indicator_ranges_table():
    """A catalogue compiled without the S10 indicator ranges is not the one a knowledge
    base with them gets (session 20: a test that compiled it without them first made
    later S10 tests fail), and the knowledge base's own tables compile once."""
    bare = _catalogue(KB.number_formats, {}, KB.countries)
    assert bare is not CATALOGUE and not bare.ranges and CATALOGUE.ranges
    assert _catalogue(KB.number_formats, KB.indicator_ranges, KB.countries) is CATALOGUE
    assert KB.indicator_ranges is KB.indicator_ranges  # one table, so one catalogue
