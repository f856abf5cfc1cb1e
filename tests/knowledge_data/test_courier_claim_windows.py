"""Express couriers' own claim windows (facts/carriers.toml, claim_within_days and its
start; damage_claim_* where a damaged parcel's window differs), read through the loader:
the deadline a courier's claim step is dated by instead of the postal six months
(review10 K3/R12). A courier whose terms no public source gives has no window at all and
says in its sources what was searched."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from parcel_doctor.knowledge.loader import KnowledgeBase

# carrier: (days, counted from) for a parcel not delivered, then for a damaged one
# (None: the first window covers damage too)
PUBLISHED = {
    "dhl-express": ((30, "acceptance"), None),  # claims FAQ: loss or damage, 30 days
    "fedex": ((273, "acceptance"), (21, "delivery")),  # nine months; damage 21 days
    "ups": ((60, "scheduled-delivery"), (60, "delivery")),  # US terms, international
    "tnt": ((21, "scheduled-delivery"), (21, "delivery")),  # terms: 21 days
}
UNKNOWN = {"aramex", "sf-express", "purolator", "old-dominion", "chronopost", "dtdc"}
# e-commerce lines whose own terms were searched for (review11 K4): none on record
LINES_SEARCHED = {"cainiao", "yunexpress", "yanwen", "4px"}


def window(record, prefix: str = "") -> tuple[int, str] | None:
    days = getattr(record, f"{prefix}claim_within_days")
    if not isinstance(days, int):
        return None
    return days, getattr(record, f"{prefix}claim_counted_from")


def test_the_published_windows_are_recorded(kb: KnowledgeBase):
    for carrier, (loss, damage) in PUBLISHED.items():
        record = kb.carriers[carrier]
        assert window(record) == loss, carrier
        assert window(record, "damage_") == damage, carrier


def test_nine_months_are_recorded_as_their_shortest_span():
    # FedEx's "within nine months": 273 days is the fewest any nine calendar months hold,
    # so shipped_on + 273 is never after FedEx's own deadline.
    def nine_months_after(day: dt.date) -> dt.date:
        month = day.month + 9
        year, month = day.year + (month - 1) // 12, (month - 1) % 12 + 1
        for last in (day.day, 30, 29, 28):
            try:
                return dt.date(year, month, min(day.day, last))
            except ValueError:
                continue
        raise AssertionError(day)

    days = [dt.date(2023, 1, 1) + dt.timedelta(n) for n in range(4 * 365 + 1)]
    spans = {(nine_months_after(day) - day).days for day in days}
    assert min(spans) == 273


def test_every_express_courier_has_a_window_or_says_none_is_on_record(kb: KnowledgeBase):
    couriers = {c.id: c for c in kb.carriers.values() if c.kind == "express-courier"}
    assert set(PUBLISHED) | UNKNOWN == set(couriers)
    for carrier in UNKNOWN:
        record = couriers[carrier]
        assert window(record) is None and window(record, "damage_") is None, carrier
        assert any(s.startswith("no claim window on record") for s in record.sources), carrier


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'claim_counted_from = "acceptance"\n',
            "",
            "claim_within_days and claim_counted_from are given together or not at all",
        ),
        (
            'claim_counted_from = "acceptance"',
            'claim_counted_from = "accepted"',
            "carrier.claim_counted_from: 'accepted' is not one of",
        ),
        ("claim_within_days = 30", "claim_within_days = 0", "must be 1 or more, not 0"),
    ],
)
def test_a_wrong_window_is_named_by_facts_check(
    problems_after_edit: Callable[..., list[str]], old: str, new: str, message: str
):
    problems = problems_after_edit("carriers.toml", 'id = "dhl-express"', old, new)
    assert any(message in p for p in problems), problems


def test_the_e_commerce_lines_searched_say_no_window_is_on_record(kb: KnowledgeBase):
    for carrier in LINES_SEARCHED:
        record = kb.carriers[carrier]
        assert record.kind == "consolidator", carrier
        assert window(record) is None, carrier
        assert any(s.startswith("no claim window on record") for s in record.sources), carrier
