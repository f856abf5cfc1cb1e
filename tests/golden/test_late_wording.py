"""A late parcel is not told that nothing is wrong. The step "wait until ..." serves both an
on-time parcel (wait to the window's end) and a late one (wait to the date it is given up,
rule act-at-silence-limit), so its words must hold for both: until session 7 it opened with
"Nothing is wrong yet." while the same diagnosis said the parcel was late."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge.loader import KnowledgeBase

TODAY = dt.date(2026, 11, 25)
# Situations that say something is wrong, as facts/situations.toml's titles do.
WRONG = {"transit-delayed", "likely-lost", "held-in-customs", "held-at-origin"}


@settings(max_examples=40, deadline=None)
@given(
    destination=st.sampled_from(["DE", "US", "FR", "BR", "AU", "GB"]),
    stage=st.sampled_from(["accepted", "export", "arrived-destination", "customs"]),
    age=st.integers(0, 200),
    quiet=st.integers(0, 60),
)
def test_no_step_says_nothing_is_wrong_when_a_situation_says_something_is(
    kb: KnowledgeBase, destination: str, stage: str, age: int, quiet: int
):
    shipped = TODAY - dt.timedelta(days=age)
    answers = {
        "origin": "CN",
        "destination": destination,
        "last_event": stage,
        "shipped_on": shipped,
        "last_event_on": max(shipped, TODAY - dt.timedelta(days=quiet)),
    }
    result = diagnose(kb, answers, TODAY)
    if WRONG & {s.id for s in result.situations}:
        for step in result.advice:
            assert "nothing is wrong" not in step.text.lower(), (step.id, step.text)


def test_the_late_registered_letter_gets_its_date_without_reassurance(kb: KnowledgeBase):
    """tests/scenarios/late-after-export.toml: late, and told to wait to the date it is
    given up."""
    answers = {
        "tracking_number": "RR123456785CN",
        "destination": "DE",
        "last_event": "export",
        "shipped_on": dt.date(2026, 10, 1),
        "last_event_on": dt.date(2026, 10, 5),
    }
    result = diagnose(kb, answers, TODAY)
    assert "transit-delayed" in {s.id for s in result.situations}
    wait = next(step for step in result.advice if step.id == "wait-until")
    assert wait.due and wait.due > TODAY.isoformat()
    assert wait.due in wait.text
    assert "nothing is wrong" not in wait.text.lower()
