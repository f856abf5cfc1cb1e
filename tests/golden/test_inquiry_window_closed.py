"""An inquiry window that closed long ago is said closed, not closing (rules/50-outcome.toml
inquiry-window-closed): a lost item (or a disputed delivery, a damaged one) posted more than 184
days ago (limits.longest-in-network: six months from the day after posting, whatever the month
lengths) gets the past-inquiry-window step ('the post no longer has to accept an inquiry ...
settle with the buyer'), not inquiry-window-closing's 'has closed or closes within days: ask at
once' (real cases in-ae-books-... 17 months, ie-za-two-birthday-parcels-... 16 years), and no
'look the tracking up first' for an inquiry that cannot be filed, nor 'ask at the local office
where items wait' (rules/55-recipient.toml recipient-looks-for-it): no hold lasts that long.
From 182 to 184 days the window is closing (for a service whose origin post's own window is
shorter, USPS's 90 days for EMS, that one has passed: ems-inquiry-window-passed). Not for a
courier, a line, an untracked item or one inside one country (their own terms and steps)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 26)
LONGEST = 184  # facts/time_limits.toml longest-in-network
ROUTES = [("IN", "AE"), ("IE", "ZA"), ("CN", "US"), ("GB", "AU"), ("US", "BR")]
SERVICES = [None, "registered-post", "tracked-post", "postal-parcel", "ems"]
EVENTS = [None, "export", "arrived-destination"]


def _advice(route, service, event, age) -> list[str]:
    answers: dict[str, object] = {
        "origin": route[0],
        "destination": route[1],
        "recipient_says": "not-received",
        "shipped_on": TODAY - dt.timedelta(days=age),
    }
    if service:
        answers["service"] = service
    if event:
        answers["last_event"] = event
        answers["last_event_on"] = TODAY - dt.timedelta(days=age - 3)
    return [a.id for a in diagnose(KB, answers, TODAY).advice]


@settings(max_examples=120, deadline=None)
@given(
    route=st.sampled_from(ROUTES),
    service=st.sampled_from(SERVICES),
    event=st.sampled_from(EVENTS),
    age=st.integers(LONGEST + 1, 7000),
)
def test_long_past_the_window_it_is_said_closed(route, service, event, age):
    advice = _advice(route, service, event, age)
    assert "past-inquiry-window" in advice, (route, service, event, age)
    assert "inquiry-window-closing" not in advice and "look-up-tracking" not in advice
    assert "recipient-checks-for-notice" not in advice  # no office keeps an item that long
    assert "decide-reship-or-refund" in advice


@settings(max_examples=40, deadline=None)
@given(
    route=st.sampled_from(ROUTES),
    service=st.sampled_from(SERVICES),
    event=st.sampled_from(EVENTS),
    age=st.integers(182, LONGEST),
)
def test_in_its_last_days_it_is_closing(route, service, event, age):
    advice = _advice(route, service, event, age)
    # a service whose origin post has a shorter window of its own: that one closed long before
    shorter = any(
        w["origin"] == route[0] and service in w["services"] for w in KB.records("inquiry_windows")
    )
    closing = "ems-inquiry-window-passed" if shorter else "inquiry-window-closing"
    assert closing in advice, (route, service, event, age)
    assert "past-inquiry-window" not in advice
