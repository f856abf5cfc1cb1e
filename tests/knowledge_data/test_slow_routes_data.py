"""Slow routes (facts/time_limits.toml, [[slow_route]]): a public source's figure for how
long postal items on a route could take and still arrive, over the posting dates the
sources speak for. A record only ever lengthens a window, and no two records speak for one
parcel, so the rules never read two contradicting figures."""

from __future__ import annotations

import datetime as dt
import itertools

from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.knowledge.schema import SlowRoute


def routes(kb: KnowledgeBase) -> list[SlowRoute]:
    return list(kb.records("slow_routes"))


def test_each_figure_is_longer_than_the_given_up_point_of_every_service_it_names(
    kb: KnowledgeBase,
):
    """The rules give a parcel on a slow route up only after the route's figure: a figure
    shorter than a service's own given-up point (or an unknown service's) would give up
    sooner on the slow route than anywhere else."""
    transit = kb.tables["transit"]
    for route in routes(kb):
        for service in (*route.services, "unknown"):
            assert route.up_to_days > transit[service]["lost_after_days"], (route.id, service)


def test_no_express_courier_or_e_commerce_line_is_named(kb: KnowledgeBase):
    """The sources speak of the posts' own mail, not of couriers' networks."""
    for route in routes(kb):
        assert not {"express-courier", "ecommerce-line"} & set(route.services), route.id


def could_hold_one_parcel(a: SlowRoute, b: SlowRoute) -> bool:
    return (
        a.destination == b.destination
        and (a.origin == b.origin or "abroad" in (a.origin, b.origin))
        and bool(set(a.services) & set(b.services))
        and a.from_ <= b.confirmed_on
        and b.from_ <= a.confirmed_on
    )


def test_no_two_records_speak_for_one_parcel(kb: KnowledgeBase):
    for a, b in itertools.combinations(routes(kb), 2):
        assert not could_hold_one_parcel(a, b), (a.id, b.id)


def slowest(kb: KnowledgeBase, origin: str, destination: str, posted: dt.date) -> int | None:
    """The figure of the record that speaks for a postal parcel posted on that day."""
    for route in routes(kb):
        if (
            route.destination == destination
            and route.origin in (origin, "abroad")
            and "postal-parcel" in route.services
            and route.from_ <= posted <= route.confirmed_on
        ):
            return route.up_to_days
    return None


def test_parcels_into_cuba_in_the_pandemic_took_almost_six_months(kb: KnowledgeBase):
    """Correos de Cuba, 11 February 2021 (adncuba.com, cited): parcels from abroad took
    almost six months to reach the addressee; it had stopped items for abroad on 25 March
    2020. Before that day, and after the last day a source speaks for, nothing is said."""
    assert slowest(kb, "ES", "CU", dt.date(2020, 9, 1)) == 184
    assert slowest(kb, "US", "CU", dt.date(2021, 2, 11)) == 184
    assert slowest(kb, "ES", "CU", dt.date(2020, 3, 24)) is None
    assert slowest(kb, "ES", "CU", dt.date(2022, 6, 1)) is None


def test_parcels_into_cuba_posted_from_october_2025_took_up_to_four_months(kb: KnowledgeBase):
    """Correos de Cuba's answer of 16 February 2026 on its site (directoriocubano.info, cited):
    parcels from abroad in process since October 2025, delays of up to four months."""
    assert slowest(kb, "IT", "CU", dt.date(2025, 11, 17)) == 123
    assert slowest(kb, "ES", "CU", dt.date(2025, 9, 30)) is None
    assert slowest(kb, "ES", "CU", dt.date(2026, 3, 1)) is None


def test_purchases_posted_to_argentina_in_mid_2018_took_up_to_four_months(kb: KnowledgeBase):
    """Clarín, 26 October 2018 (cited): from June 2018 items reached Argentina in weeks and
    then waited up to 120 days at customs and in Correo Argentino's sorting."""
    assert slowest(kb, "CN", "AR", dt.date(2018, 7, 15)) == 123
    assert slowest(kb, "CN", "AR", dt.date(2018, 5, 31)) is None
    assert slowest(kb, "CN", "AR", dt.date(2018, 10, 27)) is None


def test_registered_small_packets_to_brazil_in_early_2018_took_three_months(kb: KnowledgeBase):
    """Correios, May 2018 (cited): about 20 days to land, then up to 40 working days after
    the Receita Federal's release for a registered small packet; buyers reported over 90
    days. Only registered post is named (ePacket took about 12 working days)."""
    record = next(r for r in routes(kb) if r.id == "br-inbound-registered-2018")
    assert (record.up_to_days, record.services) == (92, ("registered-post",))
    assert record.from_ <= dt.date(2018, 3, 1) <= record.confirmed_on
    assert slowest(kb, "CN", "BR", dt.date(2018, 3, 1)) is None  # a postal parcel: not named


def test_a_record_whose_last_day_comes_before_its_first_is_refused(problems_after_edit):
    problems = problems_after_edit(
        "time_limits.toml",
        'id = "cu-inbound-2020-2021"',
        "confirmed_on = 2021-02-11",
        "confirmed_on = 2019-02-11",
    )
    assert any("slow_route: confirmed_on is before from" in p for p in problems), problems
