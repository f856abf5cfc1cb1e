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


ABROAD_WORDS = ("abroad", "export", "leaves the country")


def _untracked(origin: str, destination: str) -> tuple[str, str]:
    """What is said of an untracked item silent two weeks: the situation's words, and the
    next-time step's."""
    answers = {
        "origin": origin,
        "destination": destination,
        "service": "untracked-post",
        "shipped_on": dt.date(2017, 10, 16),
        "recipient_says": "not-received",
    }
    result = diagnose(KB, answers, TODAY)
    said = [f"{s.title} {s.summary}" for s in result.situations if s.id == "untracked-service"]
    assert said, [s.id for s in result.situations]
    steps = [a.text for a in result.advice if a.id == "use-trackable-service-next-time"]
    assert steps, [a.id for a in result.advice]
    return said[0], steps[0]


@pytest.mark.parametrize(("origin", "destination"), [("HR", "HR"), ("GB", "GB"), ("US", "PR")])
def test_an_untracked_item_that_never_left_its_country_is_not_said_to_be_untracked_abroad(
    origin, destination
):
    # review22 R22-6 (a): an untracked priority letter inside Croatia was 'not tracked abroad
    # ... silence after export is expected' (facts/situations.toml `summary_domestic`)
    situation, step = _untracked(origin, destination)
    assert not any(word in situation for word in ABROAD_WORDS), situation
    assert not any(word in step for word in ABROAD_WORDS), step
    situation, step = _untracked(origin, "DE")  # sent abroad: the export words stay
    assert "abroad" in situation and "leaves the country" in step


def test_a_lost_item_inside_croatia_is_claimed_on_the_complaint_page_not_the_international_one():
    # review22 R22-6 (b): Hrvatska pošta's claim page was its page for international items;
    # its complaint page ('Prigovor') takes items inside Croatia (three months) and abroad
    answers = {
        "origin": "HR",
        "destination": "HR",
        "carrier": "hrvatska-posta",
        "service": "registered-post",
        "shipped_on": dt.date(2017, 9, 1),
        "last_event": "accepted",
        "last_event_on": dt.date(2017, 9, 1),
        "recipient_says": "not-received",
    }
    result = diagnose(KB, answers, TODAY)
    urls = [url for a in result.advice for url in a.urls]
    assert "https://www.posta.hr/reklamacije-275/275" in urls, urls
    assert not any("international" in url for url in urls), urls


def test_an_untracked_item_lost_inside_one_country_keeps_the_posts_compensation():
    # review23 R23-6: an untracked Royal Mail First/Second Class item inside the UK was told
    # to forgo any claim, though Royal Mail pays for a lost one with proof of posting (Ofcom)
    answers = {
        "origin": "GB",
        "destination": "GB",
        "carrier": "royal-mail",
        "service": "untracked-post",
        "shipped_on": dt.date(2017, 10, 5),
        "recipient_says": "not-received",
    }
    steps = {a.id: a.text for a in diagnose(KB, answers, TODAY).advice}
    assert "proof of posting" in steps["no-trace-for-untracked"], steps
    answers["destination"] = "DE"  # abroad: the UPU's words stay
    steps = {a.id: a.text for a in diagnose(KB, answers, TODAY).advice}
    assert "proof of posting" not in steps["no-trace-for-untracked"], steps
