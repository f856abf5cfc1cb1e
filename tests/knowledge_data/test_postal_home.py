"""A postal operator's home: the one country it accepts mail in, set from `countries`
(review12 R-R8: a parcel handed to Royal Mail was posted in GB)."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose


@pytest.mark.parametrize(
    ("carrier", "home"),
    [("royal-mail", "GB"), ("deutsche-post", "DE"), ("usps", "US"), ("japan-post", "JP")],
)
def test_a_post_with_one_country_has_it_as_home(kb, carrier, home):
    assert kb.carriers[carrier]["home"] == home


@pytest.mark.parametrize(
    "carrier",
    [
        "postnord",  # a post of two countries (SE, DK): no one home
        "yodel",  # a courier of one country is not a post: it may deliver an import
        "dtdc",
        "dhl-express",
    ],
)
def test_other_carriers_have_no_home(kb, carrier):
    assert "home" not in kb.carriers[carrier]


def test_each_home_names_its_post_as_the_country_s_operator(kb):
    homes = {c["id"]: c["home"] for c in kb.carriers.values() if "home" in c}
    assert len(homes) >= 50
    for carrier, home in homes.items():
        names = [kb.carriers[carrier]["name"], *kb.carriers[carrier].get("aliases", ())]
        operator = kb.countries[home]["postal_operator"].casefold()
        assert any(name.casefold() in operator or operator in name.casefold() for name in names), (
            carrier,
            home,
            operator,
        )


def test_a_home_other_than_the_posts_one_country_is_refused(problems_after_edit):
    problems = problems_after_edit(
        "carriers.toml",
        'id = "royal-mail"',
        'countries = ["GB"]',
        'countries = ["GB"]\nhome = "IE"',
    )
    assert any("home is set from countries" in p for p in problems), problems


def test_a_parcel_handed_to_a_post_with_no_origin_given_was_posted_in_its_home(kb):
    """review12 R-R8: with USPS named, EMS and no origin, the inquiry step gave the UPU's
    six months; USPS takes EMS inquiries for 90 days only (K-R20), and a USPS parcel was
    posted in the United States. The diagnosis reads the origin from the post's home and
    says so in a note; a given origin, or an S10 number's issuer, is never overridden."""
    today = dt.date(2026, 11, 27)
    silent = {
        "destination": "DE",
        "service": "ems",
        "shipped_on": "2026-07-01",
        "last_event": "export",
        "last_event_on": "2026-07-05",
    }
    result = diagnose(kb, {**silent, "carrier": "usps"}, today)
    assert result.inputs["origin"] == "US"
    note = (
        "Origin read as the United States: United States Postal Service (USPS) takes mail "
        "only there. If the parcel was posted elsewhere, give the origin."
    )
    assert note in result.notes
    steps = " ".join(step.text for step in result.advice)
    assert "up to 90 days after mailing" in steps and "before 2027-01-02" not in steps
    given = diagnose(kb, {**silent, "carrier": "usps", "origin": "PR"}, today)
    assert given.inputs["origin"] == "PR" and not any("Origin read" in n for n in given.notes)
    s10 = diagnose(kb, {**silent, "carrier": "usps", "tracking_number": "EA730158620CN"}, today)
    assert "origin" not in s10.inputs and not any("Origin read" in n for n in s10.notes)
    courier = diagnose(kb, {**silent, "carrier": "dhl-express"}, today)  # no home: not read
    assert "origin" not in courier.inputs
