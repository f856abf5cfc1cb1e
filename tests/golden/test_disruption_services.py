"""A disruption holds only the service classes it names (facts/disruptions.toml `services`,
rules/25-disruptions.toml): SingPost's 2025 stop of US-bound items kept Speedpost Express
(EMS) running, La Poste's 2024 stop to New Caledonia took parcels only. Before, the rules
never read `services`, so an EMS item from Singapore was told its service was suspended and
not to reship by it. With the service unknown every disruption on the route still counts.

Over every recorded disruption, every service class and an unknown service, a parcel posted
on the disruption's first day is caught exactly when some disruption on its route, in force
then, names its service (or its service is unknown); express couriers never are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

ROOT = Path(__file__).resolve().parents[2]
KB = loader.load(ROOT / "facts", ROOT / "rules")
LIMIT = KB.tables["limits"]["longest-in-network"]["days"]
DISRUPTED = {"service-suspended", "operator-disruption"}
SERVICES = [*KB.tables["services"], None]
# The other end of a disruption of everything into or out of one country.
ANY_ORIGIN, ANY_DESTINATION = "JP", "FR"
# A record's origin or destination that is not one country (facts/disruptions.toml)
ANY = ("*", "abroad", "outside-customs-union")


def caught(origin: str, destination: str, service: str | None, posted: dt.date, today: dt.date):
    answers = {"origin": origin, "destination": destination, "shipped_on": posted}
    if service is not None:
        answers["service"] = service
    return bool({s.id for s in diagnose(KB, answers, today).situations} & DISRUPTED)


def expected(origin: str, destination: str, service: str | None, posted: dt.date, today: dt.date):
    if service == "express-courier":
        return False
    for r in KB.records("disruptions"):
        # every route here is between two countries, and ANY_ORIGIN is outside the EU
        if r["origin"] not in (origin, *ANY) or r["destination"] not in (destination, *ANY):
            continue
        last = r.get("until") or r.get("confirmed_on")
        if not (r["from"] <= today and r["from"] < posted + dt.timedelta(days=LIMIT)):
            continue
        if last is not None and last >= posted and (service is None or service in r["services"]):
            return True
    return False


@pytest.mark.parametrize(
    "record",
    KB.records("disruptions"),
    ids=[
        f"{r['operator']}-{r['origin']}-{r['destination']}-{r['from']}"
        for r in KB.records("disruptions")
    ],
)
def test_a_disruption_holds_only_the_services_it_names(record):
    origin = ANY_ORIGIN if record["origin"] in ANY else record["origin"]
    destination = ANY_DESTINATION if record["destination"] in ANY else record["destination"]
    posted, today = record["from"], record["from"] + dt.timedelta(days=5)
    for service in SERVICES:
        assert caught(origin, destination, service, posted, today) == expected(
            origin, destination, service, posted, today
        ), (service, record["what"])


def test_singpost_kept_ems_to_the_us():
    posted, today = dt.date(2025, 8, 25), dt.date(2025, 9, 20)
    assert not caught("SG", "US", "ems", posted, today)
    assert caught("SG", "US", "registered-post", posted, today)
    assert caught("SG", "US", None, posted, today)


def test_la_poste_stopped_parcels_not_letters_to_new_caledonia():
    posted, today = dt.date(2024, 5, 20), dt.date(2024, 6, 10)
    assert caught("FR", "NC", "postal-parcel", posted, today)
    assert not caught("FR", "NC", "untracked-post", posted, today)
