"""Checks of the reference facts: carriers, services, stages, time limits, disruptions.

The files are loaded directly with tomllib so these tests do not depend on the engine's
loader; the key sets follow facts/README.md.
"""

from __future__ import annotations

import datetime as dt
import re
import string
import sys
from pathlib import Path
from typing import Any

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FACTS = Path(__file__).parent.parent / "facts"

SERVICE_IDS = [
    "untracked-post",
    "registered-post",
    "tracked-post",
    "ems",
    "postal-parcel",
    "ecommerce-line",
    "express-courier",
]
STAGE_IDS = [
    "none",
    "label-created",
    "accepted",
    "export",
    "arrived-destination",
    "customs",
    "handed-to-local-carrier",
    "in-destination-network",
    "out-for-delivery",
    "delivery-attempted",
    "awaiting-pickup",
    "delivered",
    "returning",
    "missent",
    "exception",
]
LIMIT_IDS = {"inquiry-window", "customs-hold", "pickup-hold", "not-scanned-grace"}
CARRIER_KINDS = {"postal-operator", "express-courier", "consolidator", "last-mile"}
TRACKING_REACH = {"none", "export", "destination", "end-to-end"}

# (required keys, optional keys) per array, as in facts/README.md
SCHEMAS: dict[tuple[str, str], tuple[set[str], set[str]]] = {
    ("carriers", "carrier"): (
        {"id", "name", "kind", "countries", "notes", "sources"},
        {
            "aliases",
            "service_class",
            "tracking_site",
            "contact_page",
            "claim_page",
        },
    ),
    ("services", "service"): ({"id", "name", "tracking_reach", "description", "sources"}, set()),
    ("services", "s10_indicator"): (
        {"first_letter", "service_class", "meaning", "tracked_beyond_export", "sources"},
        set(),
    ),
    ("stages", "stage"): (
        {"id", "title", "description", "emsevt", "wording", "sources"},
        {"match"},
    ),
    ("time_limits", "transit"): (
        {"service", "typical_days", "max_days", "lost_after_days", "sources"},
        set(),
    ),
    ("time_limits", "limit"): ({"id", "days", "description", "sources"}, set()),
    ("disruptions", "disruption"): (
        {"kind", "operator", "carriers", "origin", "destination", "services", "from", "what"}
        | {"sources"},
        {"until", "confirmed_on"},
    ),
}


def load(name: str) -> dict[str, Any]:
    with (FACTS / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def entries(name: str, array: str) -> list[dict[str, Any]]:
    data = load(name)
    assert array in data, f"{name}.toml has no [[{array}]]"
    return data[array]


@pytest.mark.parametrize(("name", "array"), sorted(SCHEMAS))
def test_only_documented_keys(name: str, array: str) -> None:
    required, optional = SCHEMAS[(name, array)]
    data = load(name)
    assert set(data) == {a for (n, a) in SCHEMAS if n == name}, f"{name}.toml arrays"
    for entry in data[array]:
        keys = set(entry)
        assert required <= keys, f"{name}.{array} {entry} lacks {required - keys}"
        assert keys <= required | optional, f"{name}.{array} unknown {keys - required - optional}"


@pytest.mark.parametrize(("name", "array"), sorted(SCHEMAS))
def test_every_entry_has_sources(name: str, array: str) -> None:
    for entry in entries(name, array):
        sources = entry["sources"]
        assert isinstance(sources, list) and sources, entry
        assert all(isinstance(s, str) and s.strip() for s in sources), entry


@pytest.mark.parametrize(
    ("name", "array", "key"),
    [
        ("carriers", "carrier", "id"),
        ("services", "service", "id"),
        ("services", "s10_indicator", "first_letter"),
        ("stages", "stage", "id"),
        ("time_limits", "transit", "service"),
        ("time_limits", "limit", "id"),
    ],
)
def test_ids_unique(name: str, array: str, key: str) -> None:
    values = [entry[key] for entry in entries(name, array)]
    assert len(values) == len(set(values)), f"duplicate {key} in {name}.{array}"


def test_service_ids_exact() -> None:
    assert [s["id"] for s in entries("services", "service")] == SERVICE_IDS


def test_services_enums() -> None:
    for service in entries("services", "service"):
        assert service["tracking_reach"] in TRACKING_REACH, service["id"]
        assert service["name"].strip() and service["description"].strip()


def test_all_s10_letters_present() -> None:
    letters = [i["first_letter"] for i in entries("services", "s10_indicator")]
    assert sorted(letters) == list(string.ascii_uppercase)


def test_s10_indicator_values() -> None:
    for indicator in entries("services", "s10_indicator"):
        assert indicator["service_class"] in [*SERVICE_IDS, "unknown"], indicator
        assert indicator["tracked_beyond_export"] in (True, False, "unknown"), indicator
        assert indicator["meaning"].strip()


def test_s10_core_letters() -> None:
    by_letter = {i["first_letter"]: i for i in entries("services", "s10_indicator")}
    assert by_letter["E"]["service_class"] == "ems"
    assert by_letter["C"]["service_class"] == "postal-parcel"
    assert by_letter["R"]["service_class"] == "registered-post"
    assert by_letter["L"]["service_class"] == "tracked-post"
    assert by_letter["U"]["tracked_beyond_export"] is False


def test_stage_ids_exact_and_ordered() -> None:
    assert [s["id"] for s in entries("stages", "stage")] == STAGE_IDS


def test_stage_fields() -> None:
    for stage in entries("stages", "stage"):
        assert stage["title"].strip() and stage["description"].strip()
        assert isinstance(stage["emsevt"], list)
        assert all(re.fullmatch(r"E[A-Z]{2}", code) for code in stage["emsevt"]), stage["id"]
        assert isinstance(stage["wording"], list) and stage["wording"], stage["id"]
        assert all(isinstance(w, str) and w.strip() for w in stage["wording"])


def test_emsevt_codes_not_shared_between_stages() -> None:
    codes = [c for stage in entries("stages", "stage") for c in stage["emsevt"]]
    assert len(codes) == len(set(codes))


def test_carrier_fields() -> None:
    for carrier in entries("carriers", "carrier"):
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", carrier["id"]), carrier["id"]
        assert carrier["kind"] in CARRIER_KINDS, carrier["id"]
        assert carrier["name"].strip() and carrier["notes"].strip()
        countries = carrier["countries"]
        assert isinstance(countries, list) and countries, carrier["id"]
        assert countries == ["*"] or all(re.fullmatch(r"[A-Z]{2}", c) for c in countries)


def test_carrier_service_classes_exist() -> None:
    for carrier in entries("carriers", "carrier"):
        if "service_class" in carrier:
            assert carrier["service_class"] in [*SERVICE_IDS, "unknown"], carrier["id"]


def test_tracking_sites_are_https_templates() -> None:
    for carrier in entries("carriers", "carrier"):
        site = carrier.get("tracking_site")
        if site is None:
            continue
        assert site.startswith("https://"), carrier["id"]
        assert site.count("{number}") == 1, carrier["id"]
        assert site.count("{") == 1 and site.count("}") == 1, carrier["id"]


def test_transit_covers_every_service_class() -> None:
    transit = entries("time_limits", "transit")
    assert sorted(t["service"] for t in transit) == sorted(SERVICE_IDS)
    for entry in transit:
        days = [entry["typical_days"], entry["max_days"], entry["lost_after_days"]]
        assert all(isinstance(d, int) and not isinstance(d, bool) for d in days), entry
        assert 0 < days[0] <= days[1] <= days[2], entry["service"]


def test_limits() -> None:
    limits = {entry["id"]: entry for entry in entries("time_limits", "limit")}
    assert set(limits) == LIMIT_IDS
    for entry in limits.values():
        assert isinstance(entry["days"], int) and entry["days"] > 0
        assert entry["description"].strip()
    assert limits["inquiry-window"]["days"] == 183


def test_disruptions() -> None:
    for entry in entries("disruptions", "disruption"):
        for place in ("origin", "destination"):
            assert entry[place] == "*" or re.fullmatch(r"[A-Z]{2}", entry[place])
        assert isinstance(entry["from"], dt.date)
        assert ("until" in entry) != ("confirmed_on" in entry), "until or confirmed_on, not both"
        end = entry.get("until", entry.get("confirmed_on"))
        assert isinstance(end, dt.date) and end >= entry["from"]
        assert entry["operator"].strip() and entry["what"].strip()
