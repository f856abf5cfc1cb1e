"""A postal operator's home: the one country it accepts mail in, set from `countries`
(review12 R-R8: a parcel handed to Royal Mail was posted in GB)."""

from __future__ import annotations

import pytest


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
