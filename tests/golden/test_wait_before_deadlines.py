"""No wait runs past a deadline given in the same report (review11 R17, the general form
of review10 R12): EMS posted 170 days ago with a fresh event was told "Wait, then act by
2026-12-16" beside "File an inquiry by 2026-12-10"; a DHL Express parcel to wait a day
past DHL's claim deadline. rules/50-outcome.toml wait-ends-by-the-deadline: the wait ends
on the earliest dated inquiry or claim deadline at the latest."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 26)
ROUTES = [("KR", "JP"), ("IN", "US"), ("AU", "NZ"), ("US", "DE"), ("CN", "GB"), ("DE", "BR")]
DEADLINES = {"file-inquiry", "courier-claim-deadline"}


@settings(max_examples=300, deadline=None)
@given(
    route=st.sampled_from(ROUTES),
    how=st.sampled_from(
        [{"service": s} for s in ("ems", "registered-post", "tracked-post", "postal-parcel")]
        + [{"carrier": c} for c in ("dhl-express", "fedex")]
    ),
    stage=st.sampled_from(["accepted", "export", "arrived-destination", "customs"]),
    posted=st.one_of(st.integers(1, 181), st.integers(150, 181)),  # near the window's end
    quiet=st.integers(0, 60),
)
def test_no_wait_past_a_deadline(route, how, stage, posted, quiet):
    answers = {
        "origin": route[0],
        "destination": route[1],
        "shipped_on": TODAY - dt.timedelta(days=posted),
        "last_event": stage,
        "last_event_on": TODAY - dt.timedelta(days=min(quiet, posted)),
        "recipient_says": "not-received",
        **how,
    }
    advice = {a.id: a.due for a in diagnose(KB, answers, TODAY).advice}
    deadlines = [due for name, due in advice.items() if name in DEADLINES and due]
    if advice.get("wait-until") and deadlines:
        assert advice["wait-until"] <= min(deadlines), (answers, advice)


def test_review_r17_ems_posted_170_days_ago_with_a_fresh_event():
    test_no_wait_past_a_deadline.hypothesis.inner_test(  # the review's own answers
        ("KR", "JP"), {"service": "ems"}, "export", 170, 10
    )
