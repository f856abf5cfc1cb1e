"""An e-commerce line's lost parcel (review12 R15): the line is not a postal operator, so
the seller asks it to investigate under its own terms; the step keeps its id file-inquiry
(real cases expect it for a line) but is not dated by the UPU's six months nor sent "on
UPU form CN 08", and the decide step does not weigh the marketplace's window against "the
postal inquiry's six months" (rules/15-whom.toml inquiry-terms-of-a-line, rules/50-outcome.toml
inquiry-with-a-line). Before: a CN->US YunExpress parcel silent since August was told to
file 'on UPU form CN 08 with YunExpress before 2027-02-02'. Registered post on the same
answers keeps the dated UPU inquiry. The same for a delivery company paid directly (kind
last-mile: Evri, Hermes Germany), not a postal operator either (knowledge's note, session 12)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
LINES = sorted(c for c, r in KB.carriers.items() if r.get("service_class") == "ecommerce-line")
COMPANIES = sorted(c for c, r in KB.carriers.items() if r["kind"] == "last-mile")  # paid directly
STAGES = [None, "accepted", "export", "arrived-destination", "customs", "delivered"]
POSTAL = ("on UPU form CN 08)", "postal inquiry's six months")


def _steps(answers: dict[str, object]) -> dict[str, tuple[str | None, str]]:
    return {a.id: (a.due, a.text) for a in diagnose(KB, answers, TODAY).advice}


def test_review_r15_yunexpress_silent_since_august():
    steps = _steps(
        {
            "origin": "CN",
            "destination": "US",
            "carrier": "yunexpress",
            "shipped_on": dt.date(2026, 8, 1),
            "last_event": "export",
            "last_event_on": dt.date(2026, 8, 5),
        }
    )
    due, text = steps["file-inquiry"]
    assert due is None, due
    assert "YunExpress" in text and "its own terms" in text
    assert "2027-02-02" not in text
    assert not any(p in text for p in POSTAL), text
    assert not any(p in steps["decide-reship-or-refund"][1] for p in POSTAL)


def test_the_line_was_known_as_a_line():
    assert {"yunexpress", "yanwen", "4px", "cainiao"} <= set(LINES)
    assert "evri" in COMPANIES


@settings(max_examples=200, deadline=None)
@given(
    how=st.sampled_from(
        [{"carrier": c} for c in LINES + COMPANIES] + [{"service": "ecommerce-line"}]
    ),
    route=st.sampled_from([("CN", "US"), ("CN", "GB"), ("HK", "DE"), ("CN", "BR")]),
    age=st.integers(5, 400),
    stage=st.sampled_from(STAGES),
    says=st.sampled_from([None, "not-received", "received-damaged"]),
)
def test_a_line_is_never_given_the_posts_inquiry(how, route, age, stage, says):
    answers: dict[str, object] = {
        "origin": route[0],
        "destination": route[1],
        "shipped_on": TODAY - dt.timedelta(days=age),
        **how,
    }
    if stage:
        answers |= {"last_event": stage, "last_event_on": TODAY - dt.timedelta(days=age // 2)}
    if says:
        answers["recipient_says"] = says
    found = diagnose(KB, answers, TODAY)
    steps = {a.id: (a.due, a.text) for a in found.advice}
    assert "inquiry-window-closing" not in steps, answers
    for aid, (_due, text) in steps.items():
        assert not any(p in text for p in POSTAL), (answers, aid, text)
    if "file-inquiry" in steps:
        assert steps["file-inquiry"][0] is None, (answers, steps["file-inquiry"])
    lost = {"likely-lost", "delivered-but-not-received", "received-damaged"}
    if lost & {s.id for s in found.situations}:
        assert "file-inquiry" in steps, (answers, steps)


def test_registered_post_keeps_the_dated_upu_inquiry():
    steps = _steps(
        {
            "origin": "CN",
            "destination": "US",
            "service": "registered-post",
            "shipped_on": dt.date(2026, 8, 1),
            "last_event": "export",
            "last_event_on": dt.date(2026, 8, 5),
        }
    )
    due, text = steps["file-inquiry"]
    assert due == "2027-02-02"
    posts = "with China Post (a trace request; between two countries on UPU form CN 08) before"
    assert f"{posts} 2027-02-02" in text, text
