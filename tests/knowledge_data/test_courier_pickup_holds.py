"""Express couriers' own pickup holding periods (facts/carriers.toml pickup_hold_days, the date
to collect by, and pickup_hold_ended_after_days, after which the parcel goes back; review19
R-R58: a courier's parcel at a pickup point was "collect it" however old the event): UPS keeps
a package five business days at its center after the last attempt (its help page), ten calendar
days at a German Access Point (a tracking explainer); FedEx five business days at a pickup
location (its FAQ); Chronopost 3 days in a locker to 14 at a post office (its FAQ); Purolator
five business days at a holding location (an agent's page). Five business days always span
seven calendar days (no holiday counted). Couriers no public page in the search tool gives a
period for have none."""

from __future__ import annotations

import datetime as dt

from parcel_doctor.knowledge.loader import KnowledgeBase
from working_days import working_days_after

# carrier: (collect by, over after)
PUBLISHED = {"ups": (7, 10), "fedex": (7, 7), "chronopost": (3, 14), "purolator": (7, 7)}


def test_the_published_periods_are_recorded_and_no_others(kb: KnowledgeBase):
    recorded = {
        c.id: (c.pickup_hold_days, c.pickup_hold_ended_after_days)
        for c in kb.carriers.values()
        if isinstance(c.pickup_hold_days, int)
    }
    assert recorded == PUBLISHED


def test_each_period_is_an_express_couriers_and_cites_its_source(kb: KnowledgeBase):
    for carrier in PUBLISHED:
        record = kb.carriers[carrier]
        assert record.service_class == "express-courier", carrier
        assert any("(pickup hold:" in source for source in record.sources), carrier


def test_five_business_days_are_seven_calendar_days_from_any_weekday():
    weekdays = [dt.date(2026, 11, 23) + dt.timedelta(n) for n in range(5)]
    assert {(working_days_after(day, 5) - day).days for day in weekdays} == {7}
