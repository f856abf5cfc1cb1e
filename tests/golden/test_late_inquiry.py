"""A parcel between two countries past its service's normal transit time, the recipient with
nothing (rules/46-follow-up.toml overdue-not-received-inquiry): the inquiry can be opened now, by
the UPU deadline (six months from the day after posting), not only once the item is given up
(USPS's International Mail Manual 921.2: registered items and parcels from 7 days after mailing;
Hongkong Post: from 2 weeks; Deutsche Post: once the normal transit time is exceeded). Real cases
nl-de-insured-registered-parcel-..., jp-gb-registered-birthday-gift-..., cn-hu-retro-console-...
were late, not yet given up, and lost: each now gets the inquiry its outcome called for. Not
within the window, not before the recipient has said, not for an untracked item, a courier or a
line (their own terms), not inside one country (its own rule)."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
RULE = "overdue-not-received-inquiry"


def _diagnose(route, service: str, age: int, says: str = "not-received", event: str = "export"):
    answers = {
        "origin": route[0],
        "destination": route[1],
        "service": service,
        "shipped_on": TODAY - dt.timedelta(days=age),
        "last_event": event,
        "last_event_on": TODAY - dt.timedelta(days=age - 2),
    }
    if says:
        answers["recipient_says"] = says
    return diagnose(KB, answers, TODAY)


ROUTES = [  # posted 2026-10-15, 10-11, 10-06, 10-01: six months from the day after
    (("NL", "DE"), "registered-post", 36, "2027-04-16"),
    (("JP", "GB"), "registered-post", 40, "2027-04-12"),
    (("US", "BR"), "tracked-post", 45, "2027-04-07"),
    (("FR", "CA"), "postal-parcel", 50, "2027-04-02"),
]


# Not the arrival in Germany from the Netherlands: with no customs border on the route the
# arrival puts it in Germany's own network, silent there past Germany's 27 days: lost there
# (test_late_inside_destination.py), the inquiry as for any lost parcel.
@pytest.mark.parametrize(
    ("route", "service", "age", "deadline", "event"),
    [
        (*row, event)
        for row in ROUTES
        for event in ("export", "arrived-destination")
        if (row[0], event) != (("NL", "DE"), "arrived-destination")
    ],
)
def test_late_and_not_received_the_inquiry_is_opened_now(route, service, age, deadline, event):
    result = _diagnose(route, service, age, event=event)
    assert "transit-delayed" in {s.id for s in result.situations}, (route, service)
    assert "likely-lost" not in {s.id for s in result.situations}, (route, service)
    assert {a.id: a.due for a in result.advice}.get("file-inquiry") == deadline, (route, service)


@pytest.mark.parametrize(
    ("route", "service", "age", "says"),
    [
        (("NL", "DE"), "registered-post", 8, "not-received"),  # within the window
        (("NL", "DE"), "registered-post", 40, ""),  # the recipient has not been asked
        (("NL", "DE"), "untracked-post", 50, "not-received"),
        (("NL", "DE"), "express-courier", 20, "not-received"),  # the courier's own claim
        (("CN", "DE"), "ecommerce-line", 40, "not-received"),  # the line's own terms
        (("DE", "DE"), "postal-parcel", 20, "not-received"),  # inside one country: its own rule
    ],
)
def test_not_within_the_window_nor_before_the_recipient_says_nor_untracked_courier_line_domestic(
    route, service, age, says
):
    fired = {step.rule for step in _diagnose(route, service, age, says).trace}
    assert RULE not in fired, (route, service, age, says)
