"""A suspension's steps do not promise a strike's backlog (review12 R-R19): a registered item
caught by Sudapost's suspension of all exchange (war, from 15 April 2023) was told, five
months on, "so they expect a delay of weeks rather than give up on it" and "held items are
worked off first in, first out when it ends ... Check again once the backlog clears"; items to
a post that has suspended its exchanges are returned (UPU Convention Regulations 17-014,
37-001.2), and USPS returned the items posted into its 2020 suspensions (Tanzania). Now a
suspension's steps say the item may be held at the origin or come back (suspension-sends-
items-back, the disruption_words fact); a strike's keep the backlog words."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
BACKLOG = ("first in, first out", "delay of weeks", "backlog clears")


def _texts(answers: dict[str, object], today: dt.date) -> dict[str, str]:
    return {a.id: a.text for a in diagnose(KB, answers, today).advice}


@pytest.mark.parametrize(
    ("answers", "today"),
    [
        (
            {
                "origin": "DE",
                "destination": "SD",
                "carrier": "deutsche-post",
                "service": "registered-post",
                "shipped_on": dt.date(2023, 4, 20),
                "last_event": "export",
                "last_event_on": dt.date(2023, 4, 24),
            },
            dt.date(2023, 9, 15),
        ),
        (
            {
                "origin": "US",
                "destination": "TZ",
                "carrier": "usps",
                "service": "tracked-post",
                "shipped_on": dt.date(2020, 4, 10),
                "last_event": "accepted",
                "last_event_on": dt.date(2020, 4, 10),
            },
            dt.date(2020, 5, 1),
        ),
    ],
    ids=["sudapost-2023", "usps-tz-2020"],
)
def test_review_r_r19_a_suspension_sends_items_back(answers, today):
    texts = _texts(answers, today)
    assert "hold-reship-during-disruption" in texts
    steps = " ".join(texts.values())
    assert not [w for w in BACKLOG if w in steps], steps
    assert "sent back" in texts["hold-reship-during-disruption"]
