"""An S10 number's issuing post takes the inquiry (review14 R-R33). A dropshipper in
Germany whose order left China with China Post (RR123456785CN, origin given as DE) was
told to file the inquiry with Deutsche Post, which never had the item; with origin US and
destination US it was called a parcel inside one country; given as FedEx, the inquiry went
to FedEx "on UPU form CN 08". The last two letters of an S10 number name the post that
issued it and accepted the item (UPU S10 standard); the inquiry is filed with the operator
of origin (UPU Convention art. 19). A number naming the destination (its post's own number
for the last leg) leaves the origin given alone."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)
CHINA = "RR123456785CN"  # a China Post registered item (valid check digit)


def _steps(number: str, **answers: str) -> dict[str, str]:
    given = {
        "tracking_number": number,
        "last_event": "export",
        "shipped_on": "2026-10-01",
        "last_event_on": "2026-10-03",
        "recipient_says": "not-received",
        **answers,
    }
    return {a.id: a.text for a in diagnose(KB, given, TODAY).advice}


@pytest.mark.parametrize(
    ("origin", "destination"), [("DE", "FR"), ("US", "US"), ("GB", "FR"), ("AU", "NZ")]
)
def test_the_post_that_issued_the_number_takes_the_inquiry(origin, destination):
    steps = _steps(CHINA, origin=origin, destination=destination)
    assert "China Post" in steps["file-inquiry"], steps["file-inquiry"]
    assert "CN 08" in steps["file-inquiry"]  # between two countries, never "inside one country"
    assert "number-issued-elsewhere" in steps
    assert f"({origin})" in steps["number-issued-elsewhere"]


def test_a_courier_given_with_a_posts_number_sends_the_inquiry_to_the_post():
    steps = _steps(CHINA, origin="CN", destination="FR", carrier="fedex")
    assert "China Post" in steps["file-inquiry"] and "FedEx" not in steps["file-inquiry"]
    assert "FedEx" in steps["number-is-a-posts"]
    assert "number-issued-elsewhere" not in steps  # one note is enough


@pytest.mark.parametrize(
    ("origin", "destination", "post"),
    [
        ("CN", "FR", "China Post"),  # the number agrees with the origin given
        ("DE", "CN", "Deutsche Post"),  # the destination's own number for the last leg
    ],
)
def test_the_origin_given_stands_otherwise(origin, destination, post):
    steps = _steps(CHINA, origin=origin, destination=destination)
    assert post in steps["file-inquiry"], steps["file-inquiry"]
    assert "number-issued-elsewhere" not in steps and "number-is-a-posts" not in steps


def test_a_couriers_own_number_keeps_the_courier():
    steps = _steps("1Z999AA10123456784", origin="US", destination="DE", carrier="ups")
    assert "number-is-a-posts" not in steps
    assert "Contact UPS, the company you paid" in steps["contact-origin-carrier"]
