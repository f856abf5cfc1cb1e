"""A parcel whose newest event shows it moving inside the destination's own network has been
released by customs: late there, the seller is sent to the destination's operator, which
carries it, never to customs (rules/40-progress.toml late-in-destination-network; late-ask-
customs steps aside). Before, an EMS item silent 33 days between the New Zealand mail centre
and the depot got 'Ask the destination's customs' (cases/real/jp-nz-ems-released-by-customs-
then-silent-on-the-way-to-the-local-depot-lost.toml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

ROOT = Path(__file__).resolve().parents[2]
KB = loader.load(ROOT / "facts", ROOT / "rules")
TODAY = dt.date(2026, 11, 26)
POSTAL = ["ems", "postal-parcel", "registered-post", "tracked-post"]


@settings(max_examples=150, deadline=None)
@given(
    route=st.sampled_from([("JP", "NZ"), ("US", "DE"), ("CN", "BR"), ("GB", "AU"), ("FR", "CA")]),
    stage=st.sampled_from(["in-destination-network", "out-for-delivery"]),
    service=st.sampled_from([None, *POSTAL]),
    days=st.integers(0, 120),
    gap=st.integers(0, 30),
)
def test_late_after_customs_released_it_the_destination_operator_not_customs(
    route, stage, service, days, gap
):
    answers: dict = {
        "origin": route[0],
        "destination": route[1],
        "shipped_on": TODAY - dt.timedelta(days=days),
        "last_event": stage,
        "last_event_on": TODAY - dt.timedelta(days=max(days - gap, 0)),
        "customs_notice": "none",
        "recipient_says": "not-received",
    }
    if service:
        answers["service"] = service
    result = diagnose(KB, answers, TODAY)
    advice = {a.id for a in result.advice}
    assert "contact-customs" not in advice, answers
    if "transit-delayed" in {s.id for s in result.situations}:
        assert "contact-destination-operator" in advice, answers


def test_the_ems_item_silent_three_weeks_after_customs():
    # 23 days after its newest event: late, not yet given up (EMS: 30 days of silence)
    answers = {
        "origin": "JP",
        "destination": "NZ",
        "service": "ems",
        "shipped_on": dt.date(2022, 4, 4),
        "last_event": "in-destination-network",
        "last_event_on": dt.date(2022, 4, 13),
        "customs_notice": "none",
        "recipient_says": "not-received",
    }
    result = diagnose(KB, answers, dt.date(2022, 5, 6))
    advice = {a.id for a in result.advice}
    assert "contact-destination-operator" in advice and "contact-customs" not in advice
