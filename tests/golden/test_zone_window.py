"""Letter post between two EU Member States has the Postal Directive's window (facts/zones.toml:
85 % by D+3, 97 % by D+5; late after ten days), not the letter post's worldwide one (late
after 40 days), when both countries were members on the posting day (rules/30-time.toml
zone-of-origin, zone-of-destination, route-inside-one-zone). Before it, an untracked packet
from the UK to Austria in 2013 was 'normal' two weeks after posting (it went via Jakarta and
arrived after a month: cases/real/gb-at-untracked-packet-via-jakarta.toml).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

ROOT = Path(__file__).resolve().parents[2]
KB = loader.load(ROOT / "facts", ROOT / "rules")
MEMBERS = KB.tables["zone_members"]
ZONE = KB.tables["zone_transit"]["eu"]
LETTERS = ["untracked-post", "registered-post", "tracked-post"]  # tracked: review9 R2


def concluded(origin: str, destination: str, service: str, posted: dt.date, days: int):
    answers = {
        "origin": origin,
        "destination": destination,
        "service": service,
        "shipped_on": posted,
        "recipient_says": "not-received",
    }
    result = diagnose(KB, answers, posted + dt.timedelta(days=days))
    return {s.id for s in result.situations}, result


def member(country: str, day: dt.date) -> bool:
    record = MEMBERS.get(country)
    if record is None or record["from"] > day:
        return False
    return "until" not in record or record["until"] >= day


def test_an_untracked_packet_from_the_uk_to_austria_in_2013_is_late_after_two_weeks():
    situations, result = concluded("GB", "AT", "untracked-post", dt.date(2013, 4, 8), 14)
    assert "transit-delayed" in situations
    wait = next(a for a in result.advice if a.id == "wait-until")
    assert wait.due is not None and wait.due >= result.today.isoformat()


def test_the_uk_left_the_zone_with_the_transition_period():
    situations, _ = concluded("GB", "AT", "untracked-post", dt.date(2021, 3, 1), 14)
    assert "transit-delayed" not in situations
    situations, _ = concluded("GB", "AT", "untracked-post", dt.date(2020, 12, 31), 14)
    assert "transit-delayed" in situations


def test_a_country_is_in_the_zone_only_from_its_accession():
    situations, _ = concluded("PL", "DE", "registered-post", dt.date(2004, 4, 30), 14)
    assert "transit-delayed" not in situations
    situations, _ = concluded("PL", "DE", "registered-post", dt.date(2004, 5, 1), 14)
    assert "transit-delayed" in situations


@settings(max_examples=120, deadline=None)
@given(
    origin=st.sampled_from(["AT", "BG", "DE", "FR", "GB", "HR", "PL", "US", "CH", "NO"]),
    destination=st.sampled_from(["AT", "DE", "ES", "GB", "HR", "IE", "RO", "US", "CH"]),
    service=st.sampled_from([*LETTERS, "postal-parcel", "ems", "ecommerce-line"]),
    posted=st.dates(dt.date(1995, 1, 1), dt.date(2026, 11, 1)),
)
def test_late_after_the_zone_window_exactly_between_two_members_by_letter_post(
    origin, destination, service, posted
):
    """Eleven days after posting, with no event: late by the zone's window exactly when
    both countries were members on the posting day and the item went by letter post
    (every other service's, and the letter post's worldwide, window is longer)."""
    days = ZONE["max_days"] + 1
    situations, _ = concluded(origin, destination, service, posted, days)
    in_zone = (
        origin != destination
        and service in LETTERS
        and member(origin, posted)
        and member(destination, posted)
    )
    if origin != destination:
        assert ("transit-delayed" in situations) == in_zone, situations
