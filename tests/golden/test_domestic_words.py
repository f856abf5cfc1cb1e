"""A parcel inside one country crossed no border: its steps speak of no import charge or
customs (facts/advice.toml `text_domestic`, chosen when the rules' route is domestic), and
a missent item is 'sent to the wrong place', not 'to the wrong country' (review22 R22-3: a
US First-Class mailer missent to Puerto Rico inside the USPS network was told to look for
'a fee-to-pay card' and that it had gone to the wrong country)."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2017, 10, 30)
IMPORT_WORDS = ("fee-to-pay", "customs")
RECIPIENT_STEPS = {"recipient-checks-for-notice", "contact-recipient"}


def _said(origin: str, destination: str, **more: object) -> tuple[list[str], str]:
    """The situations' titles, and the recipient steps' words."""
    answers = {
        "origin": origin,
        "destination": destination,
        "shipped_on": dt.date(2017, 10, 13),
        "last_event": "missent",
        "last_event_on": dt.date(2017, 10, 25),
        "recipient_says": "not-received",
        **more,
    }
    result = diagnose(KB, answers, TODAY)
    steps = [a.text for a in result.advice if a.id in RECIPIENT_STEPS]
    assert steps, [a.id for a in result.advice]  # a recipient step is there to read
    return [s.title for s in result.situations], " ".join(steps)


@pytest.mark.parametrize("more", [{}, {"recipient_says": "not-asked"}])
@pytest.mark.parametrize(("origin", "destination"), [("US", "US"), ("US", "PR"), ("GB", "GB")])
def test_a_parcel_inside_one_network_is_spoken_of_without_import_words(origin, destination, more):
    titles, steps = _said(origin, destination, **more)
    assert not any("country" in title for title in titles), titles
    assert not any(word in steps for word in IMPORT_WORDS), steps


def test_a_parcel_from_abroad_keeps_the_import_card():
    # arrived in the destination (no longer being forwarded): the recipient is asked to look
    _, steps = _said("GB", "US", last_event="arrived-destination")
    assert "fee-to-pay" in steps
