"""The interview reads a typed tracking number as `diagnose` reads it: with the
destination and the carrier the seller named (given beforehand or answered)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from parcel_doctor.diagnosis import diagnose as diagnosis
from parcel_doctor.interview import state
from parcel_doctor.interview.state import Interview
from parcel_doctor.knowledge import loader

ROOT = Path(__file__).resolve().parents[2]
KB = loader.load(ROOT / "facts", ROOT / "rules")
TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize("carrier", ["yamato", "sagawa", None])
def test_the_number_check_gets_the_carrier_and_destination(
    monkeypatch: pytest.MonkeyPatch, carrier: str | None
) -> None:
    seen: list[tuple[Any, ...]] = []

    def spy(kb: Any, number: str, destination: str | None, named: str | None = None) -> Any:
        seen.append((number, destination, named))
        return diagnosis.analyse_number(kb, number, destination, named)

    monkeypatch.setattr(state, "analyse_number", spy)
    given = {"destination": "JP", **({"carrier": carrier} if carrier else {})}
    session = Interview(KB, TODAY, given)
    prompt = session.prompt("tracking_number")
    assert session.read(prompt, "4436 5640 8532") == "443656408532"
    assert seen and all(call == ("443656408532", "JP", carrier) for call in seen)
