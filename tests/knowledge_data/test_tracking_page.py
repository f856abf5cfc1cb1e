"""A post whose tracker takes no number in its address has a `tracking_page`, where the
seller types the number: the steps and `track` link it where a page with the number would
be (Hongkong Post's captcha form, PHLPost's single-page tracker, Correo Argentino's form
for items from abroad, Pos Indonesia's tracking page)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from parcel_doctor.cli.main import app
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge.numbers import analyse_number
from typer.testing import CliRunner

PHLPOST = "https://tracking.phlpost.gov.ph/"


def test_the_page_stands_where_a_page_with_the_number_would(kb):
    assert kb.countries["PH"]["tracking_page"] == PHLPOST
    assert kb.countries["PH"]["tracking_site"] == PHLPOST
    assert kb.carriers["hongkong-post"]["tracking_site"] == kb.countries["HK"]["tracking_site"]


def test_an_overdue_parcel_to_the_philippines_is_looked_up_on_phlpost_s_tracker(kb):
    """cases/real/us-ph-books-not-at-cebu.toml: three months on, no event, no notice; the
    best advice was to follow the number on PHLPost's site."""
    result = diagnose(
        kb,
        {
            "origin": "US",
            "destination": "PH",
            "carrier": "usps",
            "shipped_on": dt.date(2026, 8, 20),
            "recipient_says": "not-received",
        },
        today=dt.date(2026, 11, 28),
    )
    step = next(a for a in result.advice if a.id == "check-destination-operator-site")
    assert "PHLPost's own tracking page" in step.text
    assert step.urls == [PHLPOST]


@pytest.mark.parametrize(
    ("destination", "page"),
    [("PH", PHLPOST), ("ID", "https://www.posindonesia.co.id/id/tracking")],
)
def test_track_links_the_destination_post_s_page_for_an_s10_number(kb, destination, page):
    found = analyse_number(kb, "RR123456785US", destination)
    assert [site.url for site in found.tracking_sites][-1] == page


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'tracking_page = "https://tracking.phlpost.gov.ph/"',
            'tracking_page = "https://tracking.phlpost.gov.ph/?id={number}"',
            "must be a plain https:// URL (no placeholders)",
        ),
        (
            'tracking_page = "https://tracking.phlpost.gov.ph/"',
            'tracking_page = "https://tracking.phlpost.gov.ph/"\n'
            'tracking_site = "https://tracking.phlpost.gov.ph/?id={number}"',
            "give tracking_site (a page with {number}) or tracking_page, not both",
        ),
    ],
)
def test_a_typed_in_page_with_a_placeholder_or_beside_a_tracking_site_is_refused(
    problems_after_edit, old, new, message
):
    problems = problems_after_edit("countries.toml", 'code = "PH"', old, new)
    assert any(message in p for p in problems), problems


def test_track_says_the_number_is_typed_in_on_such_a_page():
    shown = CliRunner().invoke(app, ["track", "RR123456785US", "--to", "PH"]).output
    assert f"track at PHLPost: {PHLPOST} (type the number in there)" in shown
    assert "TrackConfirmAction?tLabels=RR123456785US\n" in shown  # USPS's takes it
    # a page that takes the number, though not all of it (USPS's 420 + ZIP routing prefix
    # is left out of its address), is not one to type it into
    routed = CliRunner().invoke(app, ["track", "420 22153 9101026837331000039521"]).output
    assert "tLabels=9101026837331000039521\n" in routed, routed
    assert "type the number in" not in routed


def test_track_json_says_which_page_the_number_is_typed_into():
    out = CliRunner().invoke(app, ["track", "RR123456785US", "--to", "PH", "--json"])
    sites = json.loads(out.stdout)["tracking_sites"]
    assert {"operator": "PHLPost", "url": PHLPOST, "typed_in": True} in sites
    assert all(site["typed_in"] is False for site in sites if "RR123456785US" in site["url"])
    candidates = json.loads(out.stdout)["candidates"]
    assert candidates and all("typed_in" in s for c in candidates for s in c["tracking_sites"])


def _contact_step(kb, destination, number=None):
    answers = {
        "origin": "US",
        "destination": destination,
        "service": "registered-post",
        "shipped_on": dt.date(2026, 10, 29),
        "last_event": "arrived-destination",
        "last_event_on": dt.date(2026, 11, 10),
    }
    if number:
        answers["tracking_number"] = number
    result = diagnose(kb, answers, today=dt.date(2026, 11, 27))
    return next(a for a in result.advice if a.id == "contact-destination-operator")


def test_a_contact_step_does_not_offer_a_typed_in_tracker_as_a_way_to_contact(kb):
    """review20: 'Contact Correo Argentino (web form or hotline)' linked its tracking form,
    the page the step before it had just given."""
    assert _contact_step(kb, "AR").urls == []
    assert _contact_step(kb, "AR", "RR123456785US").urls == []
    # a page that carries the parcel's number is still offered beside the contact page
    urls = _contact_step(kb, "DE", "RR123456785US").urls
    assert urls[-1].endswith("piececode=RR123456785US"), urls
