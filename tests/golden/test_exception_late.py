"""A problem scan (exception) does not stop the clock (rules/40-progress.toml moving-but-late):
past the service's window, and not yet silent long enough to be given up, the parcel is late
as well as held up, and a tracked parcel inside one country gets the operator's inquiry (real
case ca-ca-priority-parcel-with-a-mans-ashes-...: 'delayed - stay tuned' for three weeks, found
by Canada Post's search). Within the window it is only the exception."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
ROUTES = [("CA", "CA"), ("US", "US"), ("GB", "US"), ("CN", "DE"), ("DE", "FR")]


def _result(route: tuple[str, str], service: str, days: int) -> tuple[set[str], set[str]]:
    answers: dict[str, object] = {
        "origin": route[0],
        "destination": route[1],
        "service": service,
        "last_event": "exception",
        "shipped_on": TODAY - dt.timedelta(days=days),
        "recipient_says": "not-received",
    }
    result = diagnose(KB, answers, TODAY)
    return {s.id for s in result.situations}, {a.id for a in result.advice}


def _window(route: tuple[str, str], service: str) -> tuple[int, int]:
    """max_days and lost_after_days of the window the diagnosis uses (a zone's needs a date)."""
    answers = {"origin": route[0], "destination": route[1], "service": service}
    result = diagnose(KB, answers | {"shipped_on": TODAY}, TODAY)
    windows = [f for firing in result.firings for f in firing.concluded if f["kind"] == "window"]
    return int(windows[-1]["max_days"]), int(windows[-1]["lost_after_days"])


@pytest.mark.parametrize("service", ["tracked-post", "registered-post", "postal-parcel"])
@pytest.mark.parametrize("route", ROUTES, ids=["-".join(r) for r in ROUTES])
def test_an_exception_past_the_window_is_late_too(route, service):
    late_after, lost_after = _window(route, service)
    situations, advice = _result(route, service, late_after + 1)
    assert {"carrier-exception", "transit-delayed"} <= situations, (route, service)
    assert "likely-lost" not in situations
    if route[0] == route[1]:
        assert "file-inquiry" in advice, (route, service)
    situations, _ = _result(route, service, late_after)
    assert "transit-delayed" not in situations, (route, service)
    situations, _ = _result(route, service, lost_after + 1)
    assert "likely-lost" in situations and "transit-delayed" not in situations
