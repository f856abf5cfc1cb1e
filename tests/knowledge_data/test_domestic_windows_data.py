"""The windows inside one country that facts/time_limits.toml records from an operator's or
a regulator's published standards (`[[domestic]]`): USPS (Priority Mail 1-3 business days,
Ground Advantage and First-Class Mail up to 5; late after 10 days) and Canada Post
(Expedited Parcel up to 7 business days national; late after 14). Without them a parcel
inside the United States or Canada kept the international windows (late only after 40
days): cases/real/us-us-priority-tshirt-sixteen-days-then-arrived-intact (12 days, no last
event: 'status unknown') and cases/real/ca-ca-christmas-clothes-looping-across-canada-found-
after-complaints (20 days in the network: 'in the destination country'). India Post (Speed
Post 4-6 days without Sundays to the rest of the country, the Department of Posts' delivery
norms; late after 10) since session 9."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge.loader import KnowledgeBase

TODAY = dt.date(2026, 11, 26)
DAY = dt.timedelta(days=1)


def run(kb: KnowledgeBase, country: str, carrier: str | None, days: int, **more: object):
    answers = {
        "origin": country,
        "destination": country,
        "shipped_on": TODAY - days * DAY,
        "recipient_says": "not-received",
        **({"carrier": carrier} if carrier else {}),
        **more,
    }
    result = diagnose(kb, answers, TODAY)
    return {s.id for s in result.situations}, {a.id: a for a in result.advice}


@pytest.mark.parametrize(
    ("country", "carrier", "late_after"),
    [
        ("US", "usps", 10),
        ("CA", "canada-post", 14),
        ("IN", "india-post", 10),
        ("CH", "swiss-post", 7),
        ("AU", "australia-post", 10),
        ("MY", "pos-malaysia", 14),  # Pos Malaysia's D+3 to D+7 (its FAQ), late after two weeks
        ("HU", "magyar-posta", 7),  # the Postal Act: 95 % of parcels by the third working day
        ("NZ", "nz-post", 10),  # NZ Post: parcels two to three working days between islands
        ("BN", None, 7),  # Brunei Postal Services: three working days (no carrier record)
        ("FR", "la-poste", 7),  # Colissimo: 48 hours to metropolitan France
        ("ES", "correos", 10),  # Correos's Paquete Azul: 3 to 5 working days, 90 % within five
        ("IT", "poste-italiane", 14),  # Poste Delivery Standard about four working days
        ("PL", "poczta-polska", 10),  # the 2024 regulation: 98 % of economy parcels by D+5
        ("SG", "singpost", 10),  # SingPost's standard: packages within 3 (earlier 3-5) working days
        # session 23 (review22 R22-4): read from each regulator's or operator's own pages
        ("NO", "posten-norge", 14),  # Nkom: 97 % of parcels within six days (concession)
        ("SE", "postnord", 10),  # the postal ordinance: D+2 (95 %), proposed D+3/D+5 from 2026
        ("FI", "posti", 14),  # Traficom: 97 % of letters by the fifth working day
        ("IE", "an-post", 10),  # ComReg: 99.5 % of single piece mail within three days
        ("JP", "japan-post", 10),  # the Postal Act, art. 70: within four days, holidays not counted
        ("NL", "postnl", 10),  # the Postbesluit: within two days from July 2026, three from 2027
        ("BR", "correios", 20),  # Portaria MCom 15.441/2024: 95 % of PAC parcels within nine days
    ],
)
def test_a_parcel_in_the_network_is_late_exactly_after_the_countrys_window(
    kb: KnowledgeBase, country: str, carrier: str | None, late_after: int
):
    stage = {"last_event": "in-destination-network"}
    on_time, _ = run(kb, country, carrier, late_after, **stage)
    assert "transit-delayed" not in on_time
    late, steps = run(kb, country, carrier, late_after + 1, **stage)
    assert "transit-delayed" in late
    assert "contact-origin-carrier" in steps and "contact-customs" not in steps


def test_a_us_parcel_without_tracking_twelve_days_on_is_late_and_the_wait_is_dated(
    kb: KnowledgeBase,
):
    situations, steps = run(kb, "US", "usps", 12)
    assert "transit-delayed" in situations and "likely-lost" not in situations
    assert "wait-until" in steps


def test_the_windows_are_sourced_and_the_international_ones_stay_between_two_countries(
    kb: KnowledgeBase,
):
    windows = kb.tables["domestic_transit"]
    for country in ("US", "CA"):
        assert windows[country]["sources"], country
    situations, _ = run(kb, "CA", "canada-post", 20, last_event="in-destination-network")
    assert "transit-delayed" in situations
    abroad = diagnose(
        kb,
        {
            "origin": "CA",
            "destination": "US",
            "carrier": "canada-post",
            "shipped_on": TODAY - 20 * DAY,
            "last_event": "in-destination-network",
            "recipient_says": "not-received",
        },
        TODAY,
    )
    assert "transit-delayed" not in {s.id for s in abroad.situations}


def test_a_german_parcel_is_given_up_after_the_laws_presumption_of_loss(kb: KnowledgeBase):
    """§ 424 (1) HGB: goods not delivered within the delivery period and a further 20 days
    may be treated as lost (DHL's terms inside Germany apply the HGB's law of carriage).
    With the week of the German window as the delivery period, a parcel with no news 28
    days after posting is given up (settle with the buyer, file the inquiry); on day 27 it
    is late, not yet lost (cases/real/de-de-ebay-jacket-lost-dhl-paid-after-two-months:
    28 days, refunded and claimed)."""
    situations, steps = run(kb, "DE", "deutsche-post", 28, service="postal-parcel")
    assert "likely-lost" in situations
    assert {"decide-reship-or-refund", "file-inquiry"} <= set(steps)
    situations, steps = run(kb, "DE", "deutsche-post", 27, service="postal-parcel")
    assert "likely-lost" not in situations and "transit-delayed" in situations


def test_a_swiss_parcel_silent_a_month_is_given_up_not_told_to_wait_weeks(kb: KnowledgeBase):
    """Swiss Post inside Switzerland (PostPac Economy within two working days; 95 % of
    parcels on time by the Postal Services Ordinance; session 12): a registered parcel
    accepted 31 days ago with nothing since was 'late, wait until' a date a month away under
    the international registered-post window (cases/real/ch-ch-registered-parcel-with-an-
    iphone-for-repair-vanished-inside-switzerland's gap: no Swiss domestic window)."""
    stage = {"service": "registered-post", "last_event": "accepted"}
    situations, steps = run(kb, "CH", "swiss-post", 31, **stage)
    assert "likely-lost" in situations and "wait-until" not in steps


@pytest.mark.parametrize(("country", "days"), [("US", 60), ("GB", 80), ("IN", 89), ("HR", 89)])
def test_a_lost_parcels_claim_window_inside_the_country_counts_from_posting(
    kb: KnowledgeBase, country: str, days: int
):
    # review12 K-R4: USPS 60 days from mailing (DMM 609.1.4), Royal Mail 80 days from posting;
    # India Post and (session 23) Hrvatska pošta three months from posting (89 days: the fewest
    # three calendar months span)
    window = kb.tables["domestic_transit"][country]
    assert (window["claim_within_days"], window["claim_counted_from"]) == (days, "acceptance")
    assert any(s.split(" (", 1)[-1].startswith("claim window:") for s in window["sources"])


def test_a_claim_window_without_the_day_it_counts_from_is_refused(problems_after_edit):
    problems = problems_after_edit(
        "time_limits.toml", 'country = "GB"', 'claim_counted_from = "acceptance"\n', ""
    )
    assert any(
        "claim_within_days and claim_counted_from are given together" in p for p in problems
    ), problems

