"""Inside one country (rules/15-whom.toml inquiry-terms-inside-one-country, rules/40-progress.toml
inquiry-when-late-inside-one-country): the operator's own trace request and short deadline,
never the UPU's form CN 08 and six months (review12 R-R6: a Royal Mail parcel inside the UK
read 'between two countries on UPU form CN 08' and 'the postal inquiry's six months'); and a
late parcel there gets the inquiry at once, not only once given up (real case us-us-parcel-
looped-...: 16 days late, USPS's missing-mail search and the claim found it; USPS takes
domestic claims no later than 60 days after mailing)."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader
from variants import diagnose_variant

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
POSTAL = ("CN 08", "UPU", "postal inquiry's six months")
COUNTRIES = ["DE", "GB", "US", "CA", "IN"]  # those with a domestic window (facts/time_limits.toml)
# the operators' own claim windows for an item lost inside the country, in days from posting
WINDOWS = {
    r["country"]: r["claim_within_days"]
    for r in KB.records("domestic_transit")
    if r.get("claim_counted_from") == "acceptance"
}
POST = {r["home"]: r["id"] for r in KB.records("carriers") if "home" in r}  # the national posts


def _steps(country: str, posted: int, quiet: int, **how: object) -> dict[str, object]:
    answers: dict[str, object] = {
        "origin": country,
        "destination": country,
        "shipped_on": TODAY - dt.timedelta(days=posted),
        "last_event": "in-destination-network",
        "last_event_on": TODAY - dt.timedelta(days=quiet),
        "recipient_says": "not-received",
        **how,
    }
    return {a.id: a for a in diagnose(KB, answers, TODAY).advice}


def test_review_r_r6_royal_mail_inside_the_uk():
    steps = _steps("GB", 80, 78, carrier="royal-mail", service="tracked-post")
    for step in ("file-inquiry", "decide-reship-or-refund"):
        assert not any(p in steps[step].text for p in POSTAL), steps[step].text
    assert "Royal Mail (its own missing-item search" in steps["file-inquiry"].text


@pytest.mark.parametrize("country", COUNTRIES)
@pytest.mark.parametrize("service", ["tracked-post", "registered-post", "postal-parcel"])
@pytest.mark.parametrize("posted", [20, 35, 50])
def test_a_late_parcel_inside_one_country_gets_the_operators_inquiry(country, service, posted):
    steps = _steps(country, posted, posted - 2, service=service, carrier=POST[country])
    if "file-inquiry" not in steps:  # not late yet on this country's window
        assert "wait-until" in steps, sorted(steps)
        return
    # dated by the national post's own claim window where one is on record (review12 K-R4)
    window = WINDOWS.get(country)
    due = None if window is None else (TODAY - dt.timedelta(days=posted - window)).isoformat()
    assert steps["file-inquiry"].due == due
    assert not any(p in steps["file-inquiry"].text for p in POSTAL)


@pytest.mark.parametrize("country", COUNTRIES)
def test_late_by_the_domestic_window_is_enough(country):
    assert "file-inquiry" in _steps(country, 50, 48, service="tracked-post")


@pytest.mark.parametrize("country", sorted(WINDOWS))
def test_no_carrier_named_the_posts_window_applies_as_its_steps_name_it(country):
    # review19 LOW: by a postal service with no carrier named, the steps named USPS (the company
    # paid) but its 60 days were not applied: "before its deadline" at day 65
    window = WINDOWS[country]
    steps = _steps(country, 20, 18, service="postal-parcel")
    assert steps["file-inquiry"].due == (TODAY + dt.timedelta(days=window - 20)).isoformat()
    late = _steps(country, window + 5, window + 3, service="postal-parcel")
    assert "domestic-claim-window-passed" in late and "file-inquiry" not in late, sorted(late)


@pytest.mark.parametrize("how", [{"service": "untracked-post"}, {"carrier": "dhl-express"}])
def test_not_for_an_untracked_item_nor_a_courier(how):
    assert "file-inquiry" not in _steps("US", 50, 48, **how)


def test_late_not_lost_inside_one_country_already_gets_the_inquiry():
    answers = {"origin": "US", "destination": "US", "carrier": "usps"}
    answers |= {"shipped_on": dt.date(2021, 1, 25), "last_event": "in-destination-network"}
    answers["recipient_says"] = "not-received"
    found = diagnose(KB, answers, dt.date(2021, 2, 10))
    assert {s.id for s in found.situations} == {"transit-delayed"}
    assert "file-inquiry" in {a.id for a in found.advice}


# The newest event not known (rules/40-progress.toml
# inquiry-when-late-inside-one-country-not-received): a registered parcel inside Switzerland
# posted 21 August 2023, not received on 12 September (late after 7 days, given up after 30:
# cases/real/ch-ch-registered-parcel-...) was told only to look the tracking up and wait until
# 20 September; with a known last event the same parcel got the search at once.
SWISS = {"origin": "CH", "destination": "CH", "carrier": "swiss-post", "service": "registered-post"}
SWISS_POSTED = dt.date(2023, 8, 21)


def _swiss(today: dt.date, **how: object) -> dict[str, object]:
    base = {**SWISS, "shipped_on": SWISS_POSTED, "recipient_says": "not-received"}
    return {a.id: a for a in diagnose_variant(KB, base, how, today).advice}


def test_late_inside_one_country_newest_event_not_known_gets_the_search():
    steps = _swiss(dt.date(2023, 9, 12))
    assert {"look-up-tracking", "contact-origin-carrier", "file-inquiry"} <= set(steps)
    assert not any(p in steps["file-inquiry"].text for p in POSTAL)


@pytest.mark.parametrize("country", COUNTRIES)
def test_every_country_with_a_window_gets_the_search_once_late(country):
    record = next(r for r in KB.records("domestic_transit") if r["country"] == country)
    posted = record["max_days"] + 3  # late, not yet given up (all give up after 27 days or more)
    answers = {"origin": country, "destination": country, "carrier": POST[country]}
    answers |= {"service": "tracked-post", "recipient_says": "not-received"}
    answers["shipped_on"] = TODAY - dt.timedelta(days=posted)
    steps = {a.id: a for a in diagnose(KB, answers, TODAY).advice}
    assert "file-inquiry" in steps, sorted(steps)
    window = WINDOWS.get(country)  # dated by the post's own claim window where one is on record
    due = None if window is None else (TODAY + dt.timedelta(days=window - posted)).isoformat()
    assert steps["file-inquiry"].due == due


@pytest.mark.parametrize(
    ("today", "how"),
    [
        (dt.date(2023, 8, 25), {}),  # within Switzerland's window: not late yet
        (dt.date(2023, 9, 12), {"recipient_says": None}),  # nobody said it is missing: look it up
        (dt.date(2023, 9, 12), {"service": "untracked-post"}),  # no number to search for
        # the courier's own claim deadline (courier-claim-deadline)
        (dt.date(2023, 9, 12), {"service": "express-courier", "carrier": "dhl-express"}),
    ],
)
def test_no_search_when_not_late_not_missing_untracked_or_a_courier(today, how):
    assert "file-inquiry" not in _swiss(today, **how)
