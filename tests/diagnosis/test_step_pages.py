"""A step links the page that fits it, and says when that page is not on record."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge.loader import load
from parcel_doctor.templates import pages_not_known, render_url

TODAY = dt.date(2026, 11, 26)
LOST = {  # registered, silent since export for months: contact and inquiry steps
    "origin": "IT",
    "destination": "US",
    "service": "registered-post",
    "last_event": "export",
    "shipped_on": "2026-09-01",
    "last_event_on": "2026-09-05",
}


def test_a_page_not_on_record_is_named_and_nothing_else_is_passed_off_as_it():
    kb = load()
    assert "contact_page" not in kb.countries["IT"]  # if Poste Italiane's is added, pick another
    steps = {a.id: a for a in diagnose(kb, LOST, TODAY).advice}
    contact = steps["contact-origin-carrier"]
    assert contact.pages_not_known == ["contact page"]
    inquiry = steps["file-inquiry"]  # the claim page is known: nothing to say
    assert inquiry.urls and inquiry.pages_not_known == []


def test_a_known_page_is_linked_and_not_reported_missing():
    kb = load()
    with_page = next(c for c, e in kb.countries.items() if e.get("contact_page"))
    steps = {a.id: a for a in diagnose(kb, {**LOST, "origin": with_page}, TODAY).advice}
    step = steps["contact-origin-carrier"]
    assert step.pages_not_known == []
    assert step.urls[0] == kb.countries[with_page]["contact_page"]


def test_a_missing_number_is_not_a_missing_page():
    context = {"paid": {"tracking_site": "https://example.org/t?n={number}"}}
    assert render_url("{paid.tracking_site}", context) is None  # no number to put in
    assert pages_not_known("{paid.tracking_site}", context) == []


@given(
    st.sampled_from(["contact_page", "claim_page", "tracking_site"]),
    st.one_of(st.none(), st.just("unknown"), st.just("https://example.org/p")),
)
def test_pages_not_known_names_exactly_the_unknown_page(field, value):
    paid = {} if value is None else {field: value}
    expected = [] if value and value != "unknown" else [field.replace("_", " ")]
    assert pages_not_known(f"{{paid.{field}}}", {"paid": paid}) == expected
    assert (render_url(f"{{paid.{field}}}", {"paid": paid}) is None) == bool(expected)
