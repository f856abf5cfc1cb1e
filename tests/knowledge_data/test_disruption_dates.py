"""Dated disruptions say what their sources say (facts/disruptions.toml): Lietuvos pastas
stopped parcels to the US from 21 August 2025, the day after its announcement, and resumed
only for business customers on 13 October (diena.lt/BNS and zw.lt, cited in the entry)."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge.loader import KnowledgeBase

ROUTE = {"origin": "LT", "destination": "US", "service": "registered-post"}


def suspended(kb: KnowledgeBase, shipped_on: dt.date, today: dt.date) -> bool:
    result = diagnose(kb, {**ROUTE, "shipped_on": shipped_on}, today)
    return "service-suspended" in [s.id for s in result.situations]


def test_a_parcel_posted_and_asked_about_on_the_day_of_the_announcement_is_not_suspended(
    kb: KnowledgeBase,
):
    day = dt.date(2025, 8, 20)
    assert not suspended(kb, day, day)


def test_a_parcel_posted_while_the_stop_held_is_caught(kb: KnowledgeBase):
    assert suspended(kb, dt.date(2025, 8, 21), dt.date(2025, 8, 21))
    assert suspended(kb, dt.date(2025, 9, 15), dt.date(2025, 10, 1))
    assert suspended(kb, dt.date(2025, 10, 12), dt.date(2025, 10, 20))


def test_omnivas_stop_holds_until_gifts_resumed_on_21_october_2025(kb: KnowledgeBase):
    """Omniva (Estonia) stopped parcels to the US on 20 August 2025 and took gifts again
    from 21 October (ERR, 21 October 2025): a parcel posted on 1 October was caught by the
    stop; one posted on 25 October is not called suspended (after the last confirmed day
    the state is unknown, so nothing is said)."""
    assert caught_on(kb, "EE", dt.date(2025, 10, 1), dt.date(2025, 10, 10))
    assert caught_on(kb, "EE", dt.date(2025, 10, 20), dt.date(2025, 10, 24))
    assert not caught_on(kb, "EE", dt.date(2025, 10, 25), dt.date(2025, 11, 5))


def caught_on(kb: KnowledgeBase, origin: str, shipped_on: dt.date, today: dt.date) -> bool:
    answers = {"origin": origin, "destination": "US", "service": "postal-parcel"}
    result = diagnose(kb, {**answers, "shipped_on": shipped_on}, today)
    return "service-suspended" in [s.id for s in result.situations]


def test_the_stops_to_the_us_end_or_last_as_their_sources_date_them(kb: KnowledgeBase):
    """Correos (Spain) stopped parcels of goods on 25 August 2025 and took them again from
    3 October; Royal Mail stopped on 26 August and opened its duties-paid services on 28
    August; Austrian Post took goods last on 25 August and still not from businesses on 7
    October; Correos de México still took no parcels on 12 September; Chunghwa Post still
    took goods only as gifts or books on 30 November (facts/disruptions.toml, their sources)."""
    day = dt.date
    assert not caught_on(kb, "ES", day(2025, 8, 22), day(2025, 8, 23))  # announced, not begun
    assert caught_on(kb, "ES", day(2025, 9, 15), day(2025, 9, 25))
    assert not caught_on(kb, "ES", day(2025, 10, 3), day(2025, 10, 10))
    assert caught_on(kb, "GB", day(2025, 8, 27), day(2025, 9, 3))
    assert not caught_on(kb, "GB", day(2025, 8, 28), day(2025, 9, 3))
    assert not caught_on(kb, "AT", day(2025, 8, 25), day(2025, 8, 25))  # the last day open
    assert caught_on(kb, "AT", day(2025, 9, 20), day(2025, 10, 1))
    assert caught_on(kb, "MX", day(2025, 9, 5), day(2025, 9, 10))
    assert caught_on(kb, "TW", day(2025, 11, 20), day(2025, 11, 28))


def test_a_parcel_posted_in_2026_is_not_called_suspended_by_a_2025_stop(kb: KnowledgeBase):
    """Every recorded stop of parcels to the US ended, or was last confirmed, in 2025: a
    parcel posted in 2026 and asked about today is never said to be held by one."""
    for origin in sorted(
        {d["origin"] for d in kb.records("disruptions")} - {"*", "abroad", "outside-customs-union"}
    ):
        assert not caught_on(kb, origin, dt.date(2026, 11, 2), dt.date(2026, 11, 26)), origin


def test_la_postes_stop_of_parcels_for_new_caledonia_in_2024(kb: KnowledgeBase):
    """From 15 May 2024 La Poste could take no parcel for New Caledonia (state of
    emergency); post offices took them again on 22 July 2024 (OPT-NC, la1ere)."""
    route = {"origin": "FR", "destination": "NC", "service": "postal-parcel"}

    def disrupted(shipped_on: dt.date, today: dt.date) -> bool:
        result = diagnose(kb, {**route, "shipped_on": shipped_on}, today)
        return "operator-disruption" in [s.id for s in result.situations]

    assert disrupted(dt.date(2024, 6, 10), dt.date(2024, 6, 20))
    assert not disrupted(dt.date(2024, 7, 22), dt.date(2024, 7, 30))
    assert not disrupted(dt.date(2024, 5, 1), dt.date(2024, 5, 10))


def disrupted_on(
    kb: KnowledgeBase, origin: str, destination: str, shipped_on: dt.date | None, today: dt.date
) -> set[str]:
    answers: dict[str, object] = {"origin": origin, "destination": destination}
    if shipped_on is not None:
        answers["shipped_on"] = shipped_on
    result = diagnose(kb, answers, today)
    return {s.id for s in result.situations} & {"operator-disruption", "service-suspended"}


def test_the_february_2020_stops_on_routes_to_and_from_china(kb: KnowledgeBase):
    """The air link China - Mauritius ended on 4 February 2020 (Air Mauritius) and Mauritius
    Post confirmed on 25 February that parcels from China could not be sent; parcels from
    China stopped reaching La Reunion after the weekend of 15-16 February (La Poste's note,
    Zinfos974 19 February); La Poste stopped letters and parcels to China from 17 February
    (AFP, 28 February)."""
    day = dt.date
    assert disrupted_on(kb, "CN", "MU", day(2020, 2, 10), day(2020, 2, 20))
    assert disrupted_on(kb, "CN", "MU", None, day(2020, 2, 25))
    assert not disrupted_on(kb, "CN", "MU", day(2020, 1, 20), day(2020, 1, 30))
    assert disrupted_on(kb, "CN", "RE", day(2020, 2, 18), day(2020, 2, 24))
    assert not disrupted_on(kb, "CN", "RE", day(2020, 2, 10), day(2020, 2, 14))
    assert disrupted_on(kb, "FR", "CN", day(2020, 2, 20), day(2020, 2, 27))
    assert not disrupted_on(kb, "FR", "CN", day(2020, 2, 14), day(2020, 2, 16))


def test_hongkong_posts_february_2025_stop_of_parcels_to_the_us(kb: KnowledgeBase):
    """Hongkong Post stopped packets and parcels to the US on 5 February 2025 (RTHK) and
    restarted them from 11 February (devdiscourse, 10 February)."""
    day = dt.date
    assert disrupted_on(kb, "HK", "US", day(2025, 2, 7), day(2025, 2, 9)) == {"service-suspended"}
    assert not disrupted_on(kb, "HK", "US", day(2025, 2, 11), day(2025, 2, 14))


def test_emirates_posts_suspension_of_mail_to_qatar_2017_to_2020(kb: KnowledgeBase):
    """Emirates Post stopped all mail to Qatar from 6 June 2017 (WAM via Reuters) and
    restored it, via Oman, from 9 February 2020 (Reuters)."""
    day = dt.date
    assert disrupted_on(kb, "AE", "QA", day(2018, 5, 1), day(2018, 5, 20)) == {"service-suspended"}
    assert not disrupted_on(kb, "AE", "QA", day(2017, 6, 1), day(2017, 6, 4))
    assert not disrupted_on(kb, "AE", "QA", day(2020, 2, 9), day(2020, 2, 20))


def test_india_posts_2020_stop_of_international_mail(kb: KnowledgeBase):
    """India Post stopped all international mail exchanges in the March 2020 lockdown
    (stamps.com, 26 March), still on 6 May (USPS's India alert); Speed Post resumed to 15
    countries from 22 May; letter post stayed suspended everywhere until the O.M. of
    14 October 2020 resumed it to 82 countries from 15 October."""
    day = dt.date
    assert disrupted_on(kb, "IN", "GB", day(2020, 4, 10), day(2020, 4, 20))
    assert disrupted_on(kb, "IN", "NZ", day(2020, 5, 15), day(2020, 5, 20))
    assert not disrupted_on(kb, "IN", "GB", day(2020, 3, 10), day(2020, 3, 20))


def by_service(kb: KnowledgeBase, service: str, shipped_on: dt.date, today: dt.date) -> bool:
    answers = {"origin": "IN", "destination": "GB", "service": service, "shipped_on": shipped_on}
    found = {s.id for s in diagnose(kb, answers, today).situations}
    return bool(found & {"operator-disruption", "service-suspended"})


def test_india_posts_letter_post_stayed_stopped_until_october_2020(kb: KnowledgeBase):
    day = dt.date
    assert not by_service(kb, "ems", day(2020, 5, 22), day(2020, 5, 30))
    assert not by_service(kb, "postal-parcel", day(2020, 5, 23), day(2020, 5, 30))
    assert by_service(kb, "postal-parcel", day(2020, 5, 22), day(2020, 5, 30))
    assert by_service(kb, "registered-post", day(2020, 7, 1), day(2020, 7, 10))
    assert by_service(kb, "untracked-post", day(2020, 10, 14), day(2020, 10, 20))
    assert not by_service(kb, "untracked-post", day(2020, 10, 15), day(2020, 10, 20))


def test_canada_posts_2025_national_and_rotating_strikes(kb: KnowledgeBase):
    """Canada Post's national strike from 25 September 2025 (no processing, delivery or new
    items), rotating local strikes from 11 October, all strike activity suspended on 21
    November (Canada Post's releases of 25 September and 10 October, its statement of 21
    November): review11 K7, a US->CA parcel posted on 20 September was told it was within
    its normal transit time on 20 October."""
    day = dt.date
    assert disrupted_on(kb, "US", "CA", day(2025, 9, 20), day(2025, 10, 20))
    assert disrupted_on(kb, "CA", "FR", day(2025, 10, 1), day(2025, 10, 8))
    assert disrupted_on(kb, "US", "CA", day(2025, 10, 20), day(2025, 11, 5))
    assert disrupted_on(kb, "CA", "US", day(2025, 11, 1), day(2025, 11, 10))
    assert not disrupted_on(kb, "US", "CA", day(2025, 9, 10), day(2025, 9, 20))
    assert not disrupted_on(kb, "US", "CA", day(2025, 11, 24), day(2025, 12, 5))


def caught(kb: KnowledgeBase, answers: dict, shipped_on: dt.date, today: dt.date) -> bool:
    result = diagnose(kb, {**answers, "shipped_on": shipped_on}, today)
    return "service-suspended" in [s.id for s in result.situations]


def test_usps_packets_and_then_pmi_to_australia_were_suspended_in_september_2021(
    kb: KnowledgeBase,
):
    """USPS's DMM Advisory of 15 September 2021: packets (FCPIS, ePacket) to Australia from
    3 September, Priority Mail International from 17 September (cases' to-knowledge note)."""
    packet = {"origin": "US", "destination": "AU", "service": "tracked-post"}
    parcel = {**packet, "service": "postal-parcel"}
    assert not caught(kb, packet, dt.date(2021, 9, 2), dt.date(2021, 9, 2))
    assert caught(kb, packet, dt.date(2021, 9, 3), dt.date(2021, 9, 20))
    assert not caught(kb, parcel, dt.date(2021, 9, 10), dt.date(2021, 9, 16))
    assert caught(kb, parcel, dt.date(2021, 9, 20), dt.date(2021, 10, 20))


def test_sudapost_stopped_all_exchanges_from_15_april_2023(kb: KnowledgeBase):
    """review12 K-R2: a registered letter from Germany to Sudan in April 2023 was told to
    track it on the destination's site and wait; Sudapost had stopped all exchanges."""
    to_sudan = {"origin": "DE", "destination": "SD", "service": "registered-post"}
    from_sudan = {"origin": "SD", "destination": "GB", "service": "postal-parcel"}
    assert caught(kb, to_sudan, dt.date(2023, 4, 20), dt.date(2023, 6, 15))
    assert caught(kb, from_sudan, dt.date(2023, 5, 2), dt.date(2023, 7, 1))
    assert not caught(kb, to_sudan, dt.date(2023, 4, 1), dt.date(2023, 4, 10))


def test_kazposts_goods_parcels_to_the_us_stopped_from_26_august_2025(kb: KnowledgeBase):
    route = {"origin": "KZ", "destination": "US", "service": "postal-parcel"}
    assert caught(kb, route, dt.date(2025, 9, 1), dt.date(2025, 10, 20))
    assert not caught(kb, route, dt.date(2025, 8, 20), dt.date(2025, 8, 25))


def test_uspss_covid_suspensions_of_april_2020_by_destination(kb: KnowledgeBase):
    """USPS's DMM Advisory of 6 April 2020: mail to 22 destinations suspended from 3 April,
    to 29 more from 7 April; those USPS still listed on 14 August 2020 are confirmed
    through that day, the others only through the advisory's date."""
    route = {"origin": "US", "service": "tracked-post"}
    assert caught(kb, {**route, "destination": "PE"}, dt.date(2020, 4, 3), dt.date(2020, 5, 1))
    assert not caught(kb, {**route, "destination": "PE"}, dt.date(2020, 4, 1), dt.date(2020, 4, 2))
    assert caught(kb, {**route, "destination": "BO"}, dt.date(2020, 7, 1), dt.date(2020, 8, 1))
    assert caught(kb, {**route, "destination": "UY"}, dt.date(2020, 4, 7), dt.date(2020, 5, 1))
    assert not caught(kb, {**route, "destination": "LK"}, dt.date(2020, 4, 20), dt.date(2020, 5, 1))


def test_ctts_goods_to_the_us_stopped_from_26_august_2025(kb: KnowledgeBase):
    route = {"origin": "PT", "destination": "US", "service": "postal-parcel"}
    assert caught(kb, route, dt.date(2025, 8, 26), dt.date(2025, 9, 20))
    assert not caught(kb, route, dt.date(2025, 8, 20), dt.date(2025, 8, 25))


def test_a_disruptions_text_names_countries_as_prose_does(kb: KnowledgeBase):
    """review13 K-R14: a record's `what` is quoted to the seller (and meant for the buyer):
    'All USPS international mail to Tanzania, United Republic of ...' used ISO's formal
    name where the steps say 'Tanzania' (countries.toml common_name, review12 K-R12)."""
    formal = {
        country["name"]
        for country in kb.countries.values()
        if country["common_name"].removeprefix("the ").removeprefix("The ") != country["name"]
    }
    quoted = [record["what"] for record in kb.records("disruptions")]
    assert not [(name, what) for what in quoted for name in formal if name in what]


def test_more_stops_to_the_us_of_2025_are_dated(kb: KnowledgeBase):
    """Posten Norge (from 22 August 2025, still on 6 September), Česká pošta (from 22 August),
    Bulgarian Posts (from 26 August) and the posts of Bosnia and Herzegovina (from 22 August):
    not on record before. Global Trade Alert's tracker of 2 October 2025 still lists the
    goods suspensions of Bulgaria, Bosnia and Herzegovina, Italy, Mexico and Singapore."""
    day = dt.date
    assert not caught_on(kb, "NO", day(2025, 8, 21), day(2025, 8, 21))  # announced, not begun
    assert caught_on(kb, "NO", day(2025, 9, 1), day(2025, 9, 5))
    assert caught_on(kb, "CZ", day(2025, 8, 22), day(2025, 8, 23))
    assert caught_on(kb, "BG", day(2025, 9, 25), day(2025, 10, 1))
    assert caught_on(kb, "BA", day(2025, 9, 25), day(2025, 10, 1))
    assert caught_on(kb, "IT", day(2025, 9, 30), day(2025, 10, 2))
    assert caught_on(kb, "MX", day(2025, 9, 30), day(2025, 10, 2))
    assert caught_on(kb, "SG", day(2025, 9, 30), day(2025, 10, 2))


def test_the_stops_of_greece_cyprus_russia_and_the_philippines_are_dated(kb: KnowledgeBase):
    """Hellenic Post from 26 August 2025, Cyprus Post from 25 August, Russian Post from 26
    August, PHLPost's stop from 28 August covering items accepted from 22 August; all still
    listed by Global Trade Alert on 2 October 2025."""
    day = dt.date
    assert not caught_on(kb, "GR", day(2025, 8, 25), day(2025, 8, 25))
    assert caught_on(kb, "HR", day(2025, 8, 26), day(2025, 8, 26))  # Hrvatska pošta
    for origin in ("GR", "CY", "RU"):
        assert caught_on(kb, origin, day(2025, 9, 20), day(2025, 10, 1)), origin
    assert caught_on(kb, "PH", day(2025, 8, 23), day(2025, 9, 3))  # held, not dispatched


def test_bolivias_post_closed_in_march_2018_and_its_backlog_lasted_months(kb: KnowledgeBase):
    """review16 K-R22: ECOBOL was closed by Supreme Decree 3495 on 1 March 2018, postings
    were admitted again by the Agencia Boliviana de Correos from 1 April, and items from
    abroad still took four to six months in September 2018 (eju.tv, bolivianthoughts.com):
    a registered item from the US posted on 20 February 2018 was told 'Probably lost ...
    reship or refund' on 10 May 2018. An item posted before the closure and silent through
    it, or posted during the backlog, is caught; one posted in 2017 and asked about before
    the closure is not."""
    day = dt.date
    assert disrupted_on(kb, "US", "BO", day(2018, 2, 20), day(2018, 5, 10))
    assert disrupted_on(kb, "ES", "BO", day(2018, 6, 20), day(2018, 9, 30))
    assert not disrupted_on(kb, "US", "BO", day(2017, 11, 1), day(2017, 11, 20))


def test_the_stops_of_slovenia_malta_and_luxembourg_to_the_us_are_dated(kb: KnowledgeBase):
    """Pošta Slovenije took no goods for the US from Friday 22 August 2025 (Delo, 21 August),
    MaltaPost and POST Luxembourg none from Saturday 23 August (their notices); Global Trade
    Alert still lists all three on 2 October 2025."""
    day = dt.date
    assert not caught_on(kb, "SI", day(2025, 8, 21), day(2025, 8, 21))
    assert caught_on(kb, "SI", day(2025, 8, 22), day(2025, 8, 30))
    assert caught_on(kb, "SI", day(2025, 9, 30), day(2025, 10, 2))
    assert not caught_on(kb, "MT", day(2025, 8, 22), day(2025, 8, 22))
    assert caught_on(kb, "MT", day(2025, 8, 25), day(2025, 9, 5))
    assert caught_on(kb, "MT", day(2025, 10, 1), day(2025, 10, 2))
    assert not caught_on(kb, "LU", day(2025, 8, 22), day(2025, 8, 22))
    assert caught_on(kb, "LU", day(2025, 8, 23), day(2025, 9, 1))


def test_the_stops_of_south_africa_and_guatemala_to_the_us_are_dated(kb: KnowledgeBase):
    """The South African Post Office stopped goods to the US with immediate effect on 29
    August 2025, Correos de Guatemala all items from Tuesday 26 August (their notices as
    reported); Global Trade Alert still lists both on 2 October 2025, and Guatemala's goods
    were still stopped on 30 October (Prensa Libre: only letters from 25 September, gifts
    under USD 100 from 4 November)."""
    day = dt.date
    assert not caught_on(kb, "ZA", day(2025, 8, 28), day(2025, 8, 28))
    assert caught_on(kb, "ZA", day(2025, 9, 1), day(2025, 9, 10))
    assert not caught_on(kb, "GT", day(2025, 8, 25), day(2025, 8, 25))
    assert caught_on(kb, "GT", day(2025, 8, 26), day(2025, 9, 30))
    assert caught_on(kb, "GT", day(2025, 10, 20), day(2025, 10, 30))


def test_the_stops_of_peru_costa_rica_and_jamaica_to_the_us_are_dated(kb: KnowledgeBase):
    """Serpost from Friday 29 August 2025, Correos de Costa Rica from Tuesday 2 September
    (documents only again from 6 October), Jamaica Post after its last posting day, 26
    August (their notices as reported)."""
    day = dt.date
    assert not caught_on(kb, "PE", day(2025, 8, 28), day(2025, 8, 28))
    assert caught_on(kb, "PE", day(2025, 8, 29), day(2025, 9, 15))
    assert not caught_on(kb, "CR", day(2025, 9, 1), day(2025, 9, 1))
    assert caught_on(kb, "CR", day(2025, 9, 2), day(2025, 10, 1))
    assert not caught_on(kb, "JM", day(2025, 8, 26), day(2025, 8, 26))
    assert caught_on(kb, "JM", day(2025, 8, 27), day(2025, 9, 5))


def test_barbados_halted_all_mail_to_the_us_from_24_september_2025(kb: KnowledgeBase):
    """The Barbados Postal Service halted all UPU mail to the US and its territories again
    from Wednesday 24 September 2025 (its Postmaster General, as Loud Radio reported)."""
    day = dt.date
    assert not caught_on(kb, "BB", day(2025, 9, 23), day(2025, 9, 23))
    assert caught_on(kb, "BB", day(2025, 9, 24), day(2025, 10, 1))


def situations_of(kb: KnowledgeBase, answers: dict[str, object], today: dt.date) -> list[str]:
    return [s.id for s in diagnose(kb, answers, today).situations]


def test_no_mail_went_from_south_africa_to_australia_from_march_2020_to_the_2021_flights(
    kb: KnowledgeBase,
):
    """SAPO sent no mail to Australia from March 2020 until the Qantas repatriation flights
    of August and September 2021 (thesouthafrican.com, SAnews): a parcel posted in March 2021,
    after Australia Post's own 2020 notices, was held by the stop, not lost."""
    answers = {"origin": "ZA", "destination": "AU", "service": "postal-parcel"}
    held = situations_of(kb, {**answers, "shipped_on": dt.date(2021, 3, 1)}, dt.date(2021, 7, 1))
    assert "operator-disruption" in held
    assert "likely-lost" not in held


def test_australia_post_took_no_sea_mail_from_1_october_2022(kb: KnowledgeBase):
    """Australia Post suspended inbound sea mail from 1 October 2022 (still so on 22
    November); sea mail already in transit was still delivered, air mail not affected."""
    sea = {"origin": "GB", "destination": "AU", "service": "surface-mail"}
    day = dt.date
    assert "service-suspended" in situations_of(
        kb, {**sea, "shipped_on": day(2022, 10, 15)}, day(2022, 11, 10)
    )
    assert "service-suspended" not in situations_of(
        kb, {**sea, "shipped_on": day(2022, 9, 20)}, day(2022, 11, 10)
    )
    air = {**sea, "service": "postal-parcel", "shipped_on": day(2022, 10, 15)}
    assert "service-suspended" not in situations_of(kb, air, day(2022, 11, 10))


# The 2020 stops with a dated end: a parcel posted inside the stop is held by it (not
# lost); one posted after the post started again is not. Each row: the route, a posting
# and asking day inside, one after, and the sources.
PANDEMIC_STOPS_WITH_AN_END = [
    pytest.param(
        ("GB", "LK", "registered-post"),
        (dt.date(2020, 3, 10), dt.date(2020, 4, 10)),
        (dt.date(2020, 4, 25), dt.date(2020, 5, 5)),
        id="sri-lanka: all services suspended 20 March 2020, items from abroad held at the "
        "Central Mail Exchange, delivery again from 22 April (Daily News, Ada Derana)",
    ),
    pytest.param(
        ("DE", "KW", "postal-parcel"),
        (dt.date(2020, 5, 10), dt.date(2020, 6, 10)),
        (dt.date(2020, 6, 25), dt.date(2020, 7, 5)),
        id="kuwait: no mail accepted or delivered from late March 2020 (Royal Mail's bulletin "
        "of 27 March) until 21 June 2020 (USPS's service alerts)",
    ),
    pytest.param(
        ("ES", "PE", "registered-post"),
        (dt.date(2020, 4, 20), dt.date(2020, 6, 1)),
        (dt.date(2020, 7, 10), dt.date(2020, 8, 1)),
        id="peru: Serpost suspended every service in the 2020 state of emergency (USPS's alerts "
        "from 1 April) and resumed on 1 July 2020",
    ),
]


@pytest.mark.parametrize(("route", "inside", "after"), PANDEMIC_STOPS_WITH_AN_END)
def test_a_2020_stop_holds_a_parcel_posted_during_it_and_not_after(
    kb: KnowledgeBase,
    route: tuple[str, str, str],
    inside: tuple[dt.date, dt.date],
    after: tuple[dt.date, dt.date],
):
    origin, destination, service = route
    answers = {"origin": origin, "destination": destination, "service": service}
    held = situations_of(kb, {**answers, "shipped_on": inside[0]}, inside[1])
    assert "operator-disruption" in held and "likely-lost" not in held
    later = situations_of(kb, {**answers, "shipped_on": after[0]}, after[1])
    assert "operator-disruption" not in later


def test_panama_and_honduras_took_no_mail_from_abroad_in_the_2020_lockdowns(kb: KnowledgeBase):
    """Correos de Panamá suspended all inbound mail from 25 March 2020 (USPS's DMM Advisory of
    27 March; still so on 14 August); Honducor could not admit international mail from late
    March (Royal Mail's bulletin of 27 March) to at least 23 September 2020 (USPS's alerts)."""
    day = dt.date
    for destination in ("PA", "HN"):
        answers = {"origin": "ES", "destination": destination, "service": "registered-post"}
        held = situations_of(kb, {**answers, "shipped_on": day(2020, 6, 1)}, day(2020, 8, 1))
        assert "operator-disruption" in held, destination


def test_panama_sent_no_mail_abroad_from_25_march_2020(kb: KnowledgeBase):
    """Correos de Panamá suspended its outbound mail too (USPS's DMM Advisory, 27 March 2020):
    a registered letter posted in Panama on 20 March was held by the stop."""
    answers = {"origin": "PA", "destination": "US", "service": "registered-post"}
    held = situations_of(kb, {**answers, "shipped_on": dt.date(2020, 3, 20)}, dt.date(2020, 4, 20))
    assert "operator-disruption" in held
