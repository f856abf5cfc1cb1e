"""A notice in the recipient's hands places the parcel (review11 R18; real case
fr-pf-parcel-with-a-toy-drone-never-released-by-papeete-postal-customs): a card to collect
says it waits at the office, a request to pay or a customs letter that customs hold it.
So with no last event given it is not "Where the parcel is now is not known yet" and the
first step is not "Look the tracking up first"; the notice's own step is given."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 26)
ROUTES = [("FR", "PF"), ("CN", "GB"), ("US", "DE"), ("US", "PE"), ("DE", "BR")]
NOTICE_STEP = {
    "notice-card": "recipient-collects-parcel",
    "fee-to-pay": "recipient-pays-charges",
    "customs-letter": "recipient-answers-customs",
}


@settings(max_examples=150, deadline=None)
@given(
    route=st.sampled_from(ROUTES),
    notice=st.sampled_from(sorted(NOTICE_STEP)),
    says=st.sampled_from(["not-received", "not-asked", None]),
    age=st.integers(1, 150),
)
def test_a_notice_in_hand_is_not_an_unknown_whereabouts(route, notice, says, age):
    answers = {
        "origin": route[0],
        "destination": route[1],
        "shipped_on": TODAY - dt.timedelta(days=age),
        "customs_notice": notice,
        **({"recipient_says": says} if says else {}),
    }
    result = diagnose(KB, answers, TODAY)
    situations = {s.id for s in result.situations}
    advice = [a.id for a in result.advice]
    assert "status-unknown" not in situations, (answers, situations)
    assert NOTICE_STEP[notice] in advice, (answers, advice)
    if "long-overdue" not in situations:  # long after posting a look-up may still help
        assert "look-up-tracking" not in advice, (answers, advice)
