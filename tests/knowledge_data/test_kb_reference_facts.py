"""What the reference facts say: carriers, services, stages, time limits, disruptions.

The shape of every entry (keys, types, allowed values, ids, references, sources,
tracking-site templates) is the loader's to check (`facts check`,
tests/knowledge/test_knowledge.py); these tests hold what the data must say beyond its
shape. The files are read with tomllib so a broken loader cannot hide a wrong fact.
"""

from __future__ import annotations

import re
import string
import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FACTS = Path(__file__).resolve().parents[2] / "facts"

SERVICE_IDS = [
    "untracked-post",
    "registered-post",
    "tracked-post",
    "ems",
    "postal-parcel",
    "surface-mail",
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
    "customs-released",
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
LIMIT_IDS = {
    "inquiry-window",
    "customs-hold",
    "pickup-hold",
    "pickup-hold-longest",
    "not-scanned-grace",
    "express-origin-handling",
    "express-destination-idle",
    "origin-idle",
    "destination-idle",
    "longest-in-network",
    "delivered-scan-grace",
}


def load(name: str) -> dict[str, Any]:
    with (FACTS / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def entries(name: str, array: str) -> list[dict[str, Any]]:
    data = load(name)
    assert array in data, f"{name}.toml has no [[{array}]]"
    return data[array]


def test_service_ids_exact() -> None:
    assert [s["id"] for s in entries("services", "service")] == SERVICE_IDS


def test_all_s10_letters_present() -> None:
    letters = [i["first_letter"] for i in entries("services", "s10_indicator")]
    assert sorted(letters) == list(string.ascii_uppercase)


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
        assert all(re.fullmatch(r"E[A-Z]{2}", code) for code in stage["emsevt"]), stage["id"]
        assert stage["wording"], stage["id"]


def test_emsevt_codes_not_shared_between_stages() -> None:
    codes = [c for stage in entries("stages", "stage") for c in stage["emsevt"]]
    assert len(codes) == len(set(codes))


def test_carrier_fields() -> None:
    for carrier in entries("carriers", "carrier"):
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", carrier["id"]), carrier["id"]
        assert carrier["countries"], carrier["id"]


def test_transit_covers_every_service_class() -> None:
    transit = entries("time_limits", "transit")
    # "unknown": the range over every class, for a parcel whose service is not known
    assert sorted(t["service"] for t in transit) == sorted([*SERVICE_IDS, "unknown"])
    for entry in transit:
        days = [entry["typical_days"], entry["max_days"], entry["lost_after_days"]]
        assert 0 < days[0] <= days[1] <= days[2], entry["service"]


def test_limits() -> None:
    limits = {entry["id"]: entry for entry in entries("time_limits", "limit")}
    assert set(limits) == LIMIT_IDS
    for entry in limits.values():
        (unit,) = {"days", "months"} & set(entry)  # exactly one unit
        assert isinstance(entry[unit], int) and entry[unit] > 0
        assert entry["description"].strip()
    # six calendar months from the day after posting, not 183 days
    assert limits["inquiry-window"]["months"] == 6
    # the longest six calendar months (from the day after posting) can be
    assert limits["longest-in-network"]["days"] == 184
    # a hold is said to have ended after the longest common period, acted on by the shortest
    assert limits["pickup-hold"]["days"] < limits["pickup-hold-longest"]["days"]


def test_disruptions() -> None:
    for entry in entries("disruptions", "disruption"):
        anywhere = {
            "origin": {"*", "abroad", "outside-customs-union"},
            "destination": {"*", "abroad"},
        }
        for place in ("origin", "destination"):
            assert entry[place] in anywhere[place] or re.fullmatch(r"[A-Z]{2}", entry[place])
        assert ("until" in entry) != ("confirmed_on" in entry), "until or confirmed_on, not both"
        assert entry.get("until", entry.get("confirmed_on")) >= entry["from"]
