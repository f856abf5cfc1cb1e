"""EMS is given up after 30 days of silence (facts/time_limits.toml, the `ems` [[transit]]
entry: TrackingMore's 'expired' is one month with no update; EMS is scanned at every step),
not after the postal 60 days. Before, an EMS item silent 33 days inside New Zealand after
customs released it was only late with a dated wait
(cases/real/jp-nz-ems-released-by-customs-then-silent-on-the-way-to-the-local-depot-lost)."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge.loader import KnowledgeBase

TODAY = dt.date(2026, 11, 26)
DAY = dt.timedelta(days=1)


def read(
    kb: KnowledgeBase, service: str, silent: int, destination: str = "NZ"
) -> tuple[set[str], set[str]]:
    answers = {
        "origin": "JP",
        "destination": destination,
        "service": service,
        "shipped_on": TODAY - (silent + 9) * DAY,
        "last_event": "in-destination-network",
        "last_event_on": TODAY - silent * DAY,
        "customs_notice": "none",
        "recipient_says": "not-received",
    }
    result = diagnose(kb, answers, TODAY)
    return {s.id for s in result.situations}, {a.id for a in result.advice}


def test_an_ems_item_silent_more_than_a_month_is_given_up(kb: KnowledgeBase):
    situations, advice = read(kb, "ems", 31)
    assert "likely-lost" in situations
    assert "file-inquiry" in advice


def test_an_ems_item_silent_exactly_a_month_is_late_not_lost(kb: KnowledgeBase):
    situations, _ = read(kb, "ems", 30)
    assert "transit-delayed" in situations
    assert "likely-lost" not in situations


@pytest.mark.parametrize("service", ["postal-parcel", "tracked-post", "registered-post"])
def test_the_postal_classes_keep_sixty_days(kb: KnowledgeBase, service: str):
    # into Belgium, which has no [[domestic]] record (the Netherlands has one since session
    # 23): inside a destination that has one (New Zealand), a silence past that country's own
    # limit is judged by it instead
    situations, _ = read(kb, service, 31, destination="BE")
    assert "likely-lost" not in situations
