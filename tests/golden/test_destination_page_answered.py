"""Once the seller has looked at the destination post's page and says it has no record of
the number, or shows only what the origin's page shows, no step sends them to look at that
page again (review7's defect 3: a DE -> AU parcel posted three months earlier, 'no record'
at Australia Post, got "Track it on the destination operator's own site"). What they are
told instead: the company they posted with traces it, the inquiry is filed with it by its
dated deadline, and the sale is settled (destination-has-no-record, rules/50-outcome.toml).
A page that shows events is followed there (tests/scenarios/destination-site-shows-more.toml).
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
TODAY = dt.date(2026, 11, 26)
COUNTRIES = ["DE", "AU", "US", "GB", "CN", "BR", "IT", "JP", "PH", "TW", "IN", "CA"]
LOOK_THERE = "check-destination-operator-site"


@st.composite
def answered_page(draw: st.DrawFn) -> dict:
    origin, destination = draw(st.sampled_from(COUNTRIES)), draw(st.sampled_from(COUNTRIES))
    answers: dict = {
        "origin": origin,
        "destination": destination,
        "destination_site": draw(st.sampled_from(["no-record", "same-as-origin"])),
    }
    age = draw(st.integers(0, 400))
    if draw(st.booleans()):
        answers["shipped_on"] = TODAY - dt.timedelta(days=age)
    stage = draw(st.sampled_from([None, *sorted(KB.stages)]))
    if stage:
        answers["last_event"] = stage
        if draw(st.booleans()):
            answers["last_event_on"] = TODAY - dt.timedelta(days=draw(st.integers(0, age)))
    for key, values in [
        ("service", sorted(KB.services)),
        ("recipient_says", ["not-asked", "not-received", "received", "received-damaged"]),
        ("customs_notice", ["none", "notice-card", "fee-to-pay", "customs-letter"]),
        ("carrier", [None, "deutsche-post", "usps", "china-post", "royal-mail", "yunexpress"]),
    ]:
        value = draw(st.sampled_from([None, *values]))
        if value:
            answers[key] = value
    return answers


@settings(max_examples=300, deadline=None)
@given(answered_page())
def test_no_step_sends_the_seller_to_a_page_they_already_read(answers):
    advice = {a.id for a in diagnose(KB, answers, TODAY).advice}
    assert LOOK_THERE not in advice, answers


def test_no_record_long_after_posting_gets_the_trace_the_inquiry_and_the_settlement():
    """review7's reproduction: what the seller is told instead of 'look at Australia Post'."""
    answers = {
        "origin": "DE",
        "destination": "AU",
        "shipped_on": dt.date(2026, 9, 1),
        "recipient_says": "not-received",
        "destination_site": "no-record",
    }
    result = diagnose(KB, answers, TODAY)
    steps = {a.id: a for a in result.advice}
    assert LOOK_THERE not in steps
    # nor to collect it at an Australian post office: that post has no record of it
    assert "recipient-collects-parcel" not in steps
    assert {"contact-origin-carrier", "file-inquiry", "decide-reship-or-refund"} <= set(steps)
    assert steps["file-inquiry"].due == "2027-03-02"


@settings(max_examples=150, deadline=None)
@given(answered_page(), st.sampled_from([None, "not-checked"]))
def test_no_step_sends_an_untracked_item_to_the_destination_page(answers, site):
    """Untracked letter post is scanned at most until it leaves the origin (facts/services.toml
    tracking_reach = export): the destination's page has nothing for it (a late GB -> AT
    packet was told to track it there)."""
    answers = {**answers, "service": "untracked-post"}
    answers.pop("destination_site")
    if site:
        answers["destination_site"] = site
    advice = {a.id for a in diagnose(KB, answers, TODAY).advice}
    assert LOOK_THERE not in advice, answers
