"""Tests for tracking.numbers: S10 checks, courier formats, never raising."""

from __future__ import annotations

import string
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from parcel_doctor.tracking.numbers import (
    NumberAnalysis,
    TrackingSite,
    analyse,
    normalise_number,
    s10_check_digit,
)

COUNTRIES: dict[str, dict[str, Any]] = {
    "CN": {
        "name": "China",
        "postal_operator": "China Post",
        "tracking_site": "https://example.test/cn?n={number}",
    },
    "US": {
        "name": "United States",
        "postal_operator": "United States Postal Service",
        "tracking_site": "https://example.test/us?n={number}",
    },
    "GB": {
        "name": "United Kingdom",
        "postal_operator": "Royal Mail",
        "tracking_site": "https://example.test/gb?n={number}",
    },
    "FR": {"name": "France", "postal_operator": "La Poste"},  # no known tracking page
}
CARRIERS: dict[str, dict[str, Any]] = {
    "ups": {
        "name": "UPS",
        "kind": "express-courier",
        "service_class": "express-courier",
        "number_format": "ups",
        "tracking_site": "https://example.test/ups?n={number}",
    },
    "fedex": {
        "name": "FedEx",
        "kind": "express-courier",
        "service_class": "express-courier",
        "number_format": "fedex",
    },
}
S10: dict[str, dict[str, Any]] = {
    "R": {
        "service_class": "registered-post",
        "meaning": "Registered letter post",
        "tracked_beyond_export": True,
    },
    "L": {
        "service_class": "tracked-letter",
        "meaning": "Tracked letter post",
        "tracked_beyond_export": True,
    },
    "U": {
        "service_class": "untracked-letter",
        "meaning": "Letter post with a barcode",
        "tracked_beyond_export": False,
    },
    "E": {"service_class": "ems", "meaning": "EMS", "tracked_beyond_export": True},
    "C": {"service_class": "unknown", "meaning": "Parcel post", "tracked_beyond_export": "unknown"},
}
KB = {"countries": COUNTRIES, "carriers": CARRIERS, "s10_indicators": S10}

# From the test data of the tracking-numbers library family (jkeen/tracking_number_data).
UPS_NUMBER = "1Z5R89390357567127"
FEDEX_NUMBER = "986578788855"


def run(raw: str, destination: str | None = None) -> NumberAnalysis:
    return analyse(raw, destination=destination, **KB)


def make_s10(letters: str, serial: str, country: str) -> str:
    return f"{letters}{serial}{s10_check_digit(serial)}{country}"


serials = st.text(alphabet=string.digits, min_size=8, max_size=8)
indicators = st.tuples(st.sampled_from(sorted(S10)), st.sampled_from(string.ascii_uppercase)).map(
    "".join
)
origins = st.sampled_from(sorted(COUNTRIES))
well_formed = st.builds(make_s10, indicators, serials, origins)


# --- normalise_number and the check digit ----------------------------------------------------


def test_check_digit_examples() -> None:
    assert s10_check_digit("12345678") == 5
    # sum % 11 == 1 gives c = 10 -> 0; sum % 11 == 0 gives c = 11 -> 5
    assert s10_check_digit("00000000") == 5
    assert s10_check_digit("10000001") == 7  # 8 + 7 = 15; 15 % 11 = 4; 11 - 4 = 7


def test_check_digit_special_cases() -> None:
    # a serial whose weighted sum is 1 mod 11 gives c = 10, written as 0
    serial = next(f"{n:08d}" for n in range(10**6) if _weighted_sum(f"{n:08d}") % 11 == 1)
    assert s10_check_digit(serial) == 0


@pytest.mark.parametrize("bad", ["1234567", "123456789", "1234567A", "", "١٢٣٤٥٦٧٨"])
def test_check_digit_rejects_non_serials(bad: str) -> None:
    with pytest.raises(ValueError):
        s10_check_digit(bad)


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise_number(text)
    assert normalise_number(once) == once
    assert not any(ch.isspace() or ch in "-._" for ch in once)


@given(well_formed, st.lists(st.sampled_from([" ", "-", ".", "_", "\t"]), max_size=13))
def test_separators_and_case_do_not_matter(number: str, seps: list[str]) -> None:
    messy = "".join(ch + (seps[i] if i < len(seps) else "") for i, ch in enumerate(number))
    assert normalise_number(messy.lower()) == number
    assert run(messy.lower()) == run(number)


def test_messy_example_equals_clean() -> None:
    assert run("rr 1234 5678 5cn") == run("RR123456785CN")
    assert run("rr-1234.5678_5cn").number == "RR123456785CN"


# --- S10 ------------------------------------------------------------------------------


def test_registered_example() -> None:
    result = run("RR123456785CN")
    assert result.valid
    assert result.problems == []
    assert result.format == "s10"
    assert result.origin == "CN"
    assert result.service_indicator == "RR"
    assert result.service_class == "registered-post"
    assert result.tracked_beyond_export is True
    assert result.corrected is None
    assert result.tracking_sites == [
        TrackingSite("China Post", "https://example.test/cn?n=RR123456785CN")
    ]


def test_destination_site_added_once() -> None:
    result = run("RR123456785CN", destination="gb")
    assert [s.operator for s in result.tracking_sites] == ["China Post", "Royal Mail"]
    assert result.tracking_sites[1].url == "https://example.test/gb?n=RR123456785CN"
    # the same country as origin, or one without a page, adds nothing
    assert len(run("RR123456785CN", destination="CN").tracking_sites) == 1
    assert len(run("RR123456785CN", destination="FR").tracking_sites) == 1
    assert len(run("RR123456785CN", destination="ZZ").tracking_sites) == 1


def test_origin_without_site_still_valid() -> None:
    result = run("RR123456785FR", destination="US")
    assert result.valid
    assert result.origin == "FR"
    assert [s.operator for s in result.tracking_sites] == ["United States Postal Service"]


def test_unknown_values_become_none() -> None:
    result = run(make_s10("CP", "12345678", "US"))
    assert result.valid
    assert result.service_class is None
    assert result.tracked_beyond_export is None


def test_untracked_letter() -> None:
    result = run(make_s10("UA", "87654321", "GB"))
    assert result.valid
    assert result.tracked_beyond_export is False


@given(well_formed)
def test_every_well_formed_s10_is_valid(number: str) -> None:
    result = run(number)
    assert result.valid, result.problems
    assert result.format == "s10"
    assert result.origin == number[-2:]
    assert result.service_indicator == number[:2]


def _weighted_sum(serial: str) -> int:
    return sum(int(d) * w for d, w in zip(serial, (8, 6, 4, 2, 3, 5, 9, 7), strict=True))


@given(well_formed, st.integers(min_value=2, max_value=10), st.integers(1, 9))
def test_any_single_digit_change_is_caught(number: str, pos: int, delta: int) -> None:
    changed_digit = str((int(number[pos]) + delta) % 10)
    changed = number[:pos] + changed_digit + number[pos + 1 :]
    result = run(changed)
    sums = {_weighted_sum(number[2:10]) % 11, _weighted_sum(changed[2:10]) % 11}
    if pos < 10 and sums == {0, 6}:
        # The one blind spot of S10 itself: c = 11 is written 5, like c = 5, so a serial
        # typo that moves the sum between 0 and 6 (mod 11) keeps the check digit right.
        assert result.valid
        return
    assert not result.valid
    assert result.format == "s10"
    assert len(result.problems) == 1
    assert "check digit" in result.problems[0]
    if pos == 10:  # the check digit itself was changed
        assert result.corrected == number
        assert f"did you mean {number}?" in result.problems[0]
    else:
        assert result.corrected is not None
        assert result.corrected[:10] == changed[:10]
    assert result.tracking_sites == []


def test_s10_blind_spot_example() -> None:
    """S10 cannot catch every single-digit typo: 11 and 5 both give check digit 5."""
    assert s10_check_digit("52169906") == s10_check_digit("72169906") == 5
    assert run("CA521699065CN").valid
    assert run("CA721699065CN").valid


def test_check_digit_problem_wording() -> None:
    result = run("RR123456783CN")
    assert result.problems == [
        "The check digit is 3 but the serial 12345678 gives 5: did you mean RR123456785CN? "
        "If the check digit is right, one of the eight serial digits is mistyped."
    ]
    assert result.corrected == "RR123456785CN"


@pytest.mark.parametrize(
    ("raw", "found"),
    [
        ("RR12345678CN", "has 12 characters, expected 13"),
        ("RR1234567855CN", "has 14 characters, expected 13"),
        ("RR12345678CN", "eight digits between the letters, expected nine"),
    ],
)
def test_shape_errors_name_the_lengths(raw: str, found: str) -> None:
    result = run(raw)
    assert result.format == "s10"
    assert not result.valid
    assert found in result.problems[0]
    assert "two letters, nine digits, two letters" in result.problems[0]
    assert "RR123456785CN" in result.problems[0]
    assert result.corrected is None


def test_shape_error_names_the_position() -> None:
    result = run("RR12345O785CN")  # letter O typed for a zero
    assert result.format == "s10"
    assert not result.valid
    assert "character 8 is 'O', expected a digit" in result.problems[0]
    # what can be read is still read
    assert result.origin == "CN"
    assert result.service_class == "registered-post"


def test_unknown_country_code() -> None:
    result = run(make_s10("RR", "12345678", "XX"))
    assert not result.valid
    assert result.origin is None
    assert result.problems == [
        "The last two letters, XX, are not a country code parcel-doctor knows; an S10 number "
        "ends with the ISO code of the country whose post issued it."
    ]


def test_unknown_service_indicator() -> None:
    result = run(make_s10("ZZ", "12345678", "CN"))
    assert not result.valid
    assert result.service_class is None
    assert len(result.problems) == 1
    assert "service indicator ZZ" in result.problems[0]
    # the number itself can exist, so its issuing post's page is still offered
    assert result.tracking_sites


def test_all_failing_checks_reported_together() -> None:
    result = run("ZZ123456783XX")
    assert len(result.problems) == 3


# --- courier formats ------------------------------------------------------------------


def test_ups_number() -> None:
    result = run(UPS_NUMBER.lower())
    assert result.valid
    assert result.format == "ups"
    assert result.carrier == "ups"
    assert result.service_class == "express-courier"
    assert result.tracking_sites == [
        TrackingSite("UPS", f"https://example.test/ups?n={UPS_NUMBER}")
    ]


def test_fedex_number_uses_library_url_without_site() -> None:
    result = run(FEDEX_NUMBER)
    assert result.valid
    assert result.carrier == "fedex"
    assert result.tracking_sites[0].operator == "FedEx"
    assert FEDEX_NUMBER in result.tracking_sites[0].url


def test_courier_without_carrier_in_kb_is_unknown() -> None:
    result = analyse(UPS_NUMBER, countries=COUNTRIES, carriers={}, s10_indicators=S10)
    assert result.format == "unknown"
    assert not result.valid
    assert result.problems[0] == (
        "Not a format parcel-doctor knows (S10 or a courier format in the knowledge base)."
    )


def test_courier_near_miss_is_explained() -> None:
    result = run(UPS_NUMBER[:-1] + "8")
    assert result.format == "unknown"
    assert not result.valid
    assert any("shape of a UPS number but fails its check" in p for p in result.problems)


def test_letter_as_ups_check_digit_does_not_raise() -> None:
    # tracking_numbers.get_tracking_number raises ValueError on this one
    result = run(UPS_NUMBER[:-1] + "A")
    assert not result.valid


@pytest.mark.parametrize("raw", ["", "   ", "-._", "\n"])
def test_empty_input(raw: str) -> None:
    result = run(raw)
    assert not result.valid
    assert result.format == "unknown"
    assert result.problems == ["No tracking number given."]


def test_gibberish_is_unknown() -> None:
    result = run("hello world")
    assert result.format == "unknown"
    assert not result.valid


@given(st.text(), st.one_of(st.none(), st.text(max_size=3)))
def test_never_raises(text: str, destination: str | None) -> None:
    result = run(text, destination=destination)
    assert result.valid == (not result.problems)
    assert result.format in {"s10", "unknown", *CARRIERS}
    result.to_json()


# --- to_json --------------------------------------------------------------------------


def test_to_json_keys() -> None:
    base = {"number", "valid", "format", "problems"}
    s10 = run("RR123456785CN", destination="US").to_json()
    assert set(s10) == base | {
        "service_indicator",
        "service_class",
        "tracked_beyond_export",
        "origin",
        "tracking_sites",
    }
    assert s10["tracking_sites"][0] == {
        "operator": "China Post",
        "url": "https://example.test/cn?n=RR123456785CN",
    }
    assert set(run(UPS_NUMBER).to_json()) == base | {"carrier", "service_class", "tracking_sites"}
    assert set(run("nonsense").to_json()) == base
