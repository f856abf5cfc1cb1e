"""A seller who knows no date (neither the posting date nor the newest event's) is told to
find them (rules/48-unknowns.toml find-the-dates, advice note-dates): the dates alone say
whether the silence is normal, late, or past the point where the item is given up and the
inquiry window (six months from posting) closes, and the rules never guess one. Stages that
call for action whatever the dates (an exception, a return, a delivery scan, a missent item)
do not get the step. Before it, a CZ -> BR parcel not received, no date given (cases/real/
cz-br-swag-not-delivered-after-a-year.toml), got only 'look the tracking up' and 'have the
recipient look for it'."""

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
ACTS_NOW = {"exception", "returning", "delivered", "missent"}


@settings(max_examples=150, deadline=None)
@given(
    origin=st.sampled_from([None, "CZ", "US", "GB", "CN", "DE"]),
    destination=st.sampled_from(["BR", "FR", "JP", "NZ", "AT"]),
    stage=st.sampled_from([None, *sorted(KB.stages)]),
    service=st.sampled_from([None, *sorted(KB.services)]),
    says=st.sampled_from([None, "not-received", "not-asked"]),
)
def test_no_date_known_find_the_dates(origin, destination, stage, service, says):
    answers: dict = {"destination": destination}
    for key, value in (
        ("origin", origin),
        ("last_event", stage),
        ("service", service),
        ("recipient_says", says),
    ):
        if value:
            answers[key] = value
    result = diagnose(KB, answers, TODAY)
    advice = {a.id for a in result.advice}
    concluded = {s.id for s in result.situations}
    if stage in ACTS_NOW or concluded & {"delivered", "returning-to-sender"}:
        return
    assert "note-dates" in advice, answers


def test_a_date_known_no_step_asks_for_it():
    answers = {
        "origin": "CZ",
        "destination": "BR",
        "shipped_on": TODAY - dt.timedelta(days=20),
        "recipient_says": "not-received",
    }
    assert "note-dates" not in {a.id for a in diagnose(KB, answers, TODAY).advice}
