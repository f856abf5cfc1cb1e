"""A parcel caught by a strike or stop that is still in force, or ended less than its service's
silence limit ago, is late, not lost (rules/25-disruptions.toml held-by-a-disruption-that-ended,
held-by-a-disruption-still-confirmed; rules/50-outcome.toml silent-through-a-disruption,
wait-out-the-disruption): the items a disruption holds are worked off first in, first out once
it ends, so its silence is counted from the disruption's last known day. Before, such a parcel
was "Probably lost" with "Decide: reship or refund" beside "Do not reship yet" (real cases
gb-au-order-dispatched-early-march-2020-... and us-au-pandemic-card-not-arrived: Australia Post's
COVID-19 force majeure, called lost at 61 and 97 days, arrived later). Once the silence limit
has passed since that day, or past every inquiry window, it is given up as before, and then the
disruption's hold steps ("Do not reship yet") are no longer given beside "Decide: reship or
refund" (rules/25-disruptions.toml caught-by-strike-or-stop). A parcel already in the
destination keeps the disruption's steps, with the date to wait until, and is not called lost
while the hold lasts; silent past its limit, it gets the inquiry, due by the UPU window's end
(rules/46-follow-up.toml held-past-its-limit-inquiry). One shown delivered is out of the network:
no backlog holds it."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
D = dt.date

# Canada Post's 2024 strike (15 Nov - 17 Dec), then its backlog stop (confirmed 7 Jan 2025)
INTO_CANADA = {
    "origin": "GB",
    "destination": "CA",
    "service": "postal-parcel",
    "shipped_on": D(2024, 11, 1),
    "last_event": "export",
    "last_event_on": D(2024, 11, 5),
    "recipient_says": "not-received",
}
# Australia Post's COVID-19 force majeure on inbound mail (from 24 Apr 2020, confirmed 4 Sep 2020)
INTO_AUSTRALIA = {
    "origin": "US",
    "destination": "AU",
    "shipped_on": D(2020, 4, 15),
    "recipient_says": "not-received",
}
# China -> La Reunion air stop of February 2020 (confirmed 25 Feb 2020), postal parcel posted 10 Feb
INTO_REUNION = {
    "origin": "CN",
    "destination": "RE",
    "service": "postal-parcel",
    "shipped_on": D(2020, 2, 10),
    "recipient_says": "not-received",
}


HOLD = {
    "warn-recipient-disruption",
    "hold-reship-during-disruption",
    "resend-by-unaffected-carrier",
}


def _report(answers, today):
    result = diagnose(KB, answers, today)
    situations = {s.id for s in result.situations}
    dues = {a.id: a.due for a in result.advice}
    return situations, dues


@pytest.mark.parametrize(
    ("answers", "today", "wait"),
    [
        # 76 days silent; the strike ended 34 days ago: 60 days after its end
        (INTO_CANADA, D(2025, 1, 20), "2025-02-15"),
        # 97 days; in force: the wait ends by the inquiry deadline
        (INTO_AUSTRALIA, D(2020, 7, 21), "2020-10-16"),
        # 65 days; last confirmed 50 days ago: 60 days after that day
        (INTO_REUNION, D(2020, 4, 15), "2020-04-25"),
    ],
)
def test_silent_past_the_limit_while_a_disruption_holds_it_is_late_not_lost(answers, today, wait):
    situations, dues = _report(answers, today)
    assert "transit-delayed" in situations
    assert "operator-disruption" in situations
    assert not situations & {"likely-lost", "long-overdue"}
    assert "decide-reship-or-refund" not in dues
    assert dues["wait-until"] == wait
    assert dues["wait-until"] >= today.isoformat()


@pytest.mark.parametrize(
    ("answers", "today"),
    [
        # the strike ended 93 days ago, its backlog last confirmed 72 days ago
        (INTO_CANADA, D(2025, 3, 20)),
        # last confirmed 85 days ago, end not known: silent long after it
        (INTO_REUNION, D(2020, 5, 20)),
        # posted 193 days ago: past every inquiry window
        ({**INTO_AUSTRALIA, "shipped_on": D(2020, 1, 10)}, D(2020, 7, 21)),
    ],
)
def test_given_up_once_the_limit_has_passed_since_its_last_known_day(answers, today):
    situations, dues = _report(answers, today)
    assert "likely-lost" in situations
    assert "transit-delayed" not in situations
    assert "decide-reship-or-refund" in dues
    assert not HOLD & set(dues)


def test_in_the_destination_the_hold_steps_stay_and_it_is_not_called_lost():
    # in Canada since 10 November 2024, silent 71 days through the strike and its backlog
    answers = {**INTO_CANADA, "last_event": "arrived-destination", "last_event_on": D(2024, 11, 10)}
    situations, dues = _report(answers, D(2025, 1, 20))
    assert "operator-disruption" in situations
    assert "likely-lost" not in situations
    assert set(dues) >= HOLD
    assert "decide-reship-or-refund" not in dues
    assert dues["file-inquiry"] == "2025-05-02"  # the UPU window runs while the backlog clears
    assert dues["wait-until"] == "2025-02-15"  # 60 days after the strike's end (the earliest date)


def test_shown_delivered_no_backlog_holds_it():
    # Canada Post's 2024 strike in force; the tracking shows the parcel delivered, the recipient
    # has nothing: out of the network, so no "Do not reship yet" beside the claim steps
    answers = {
        "origin": "CA",
        "destination": "CA",
        "carrier": "canada-post",
        "last_event": "delivered",
        "recipient_says": "not-received",
    }
    situations, dues = _report(answers, D(2024, 11, 25))
    assert "delivered-but-not-received" in situations
    assert "operator-disruption" not in situations
    assert not HOLD & set(dues)


def test_the_inquiry_step_stays_beside_the_wait_whatever_the_recipient_said():
    # review15 R-R40: South Africa's 2018 stop, exported the day it was posted, the recipient not
    # asked: the wait ran to the inquiry deadline and the inquiry step (given while it was
    # "Probably lost") had gone
    answers = {
        "origin": "US",
        "destination": "ZA",
        "last_event": "export",
        "shipped_on": D(2018, 7, 7),
        "last_event_on": D(2018, 7, 7),
    }
    situations, dues = _report(answers, D(2018, 11, 14))
    assert "transit-delayed" in situations
    assert dues["file-inquiry"] == "2019-01-08"
    assert dues["wait-until"] <= dues["file-inquiry"]
