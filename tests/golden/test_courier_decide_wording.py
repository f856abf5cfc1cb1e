"""An express courier's parcel is not compared with the posts' six months (review13 R-R25):
a lost FedEx parcel, with FedEx's own claim date in the report, was told "marketplaces' claim
windows are usually shorter than the postal inquiry's six months". The courier's own terms
apply (inquiry-terms-of-a-courier); a postal item keeps the six months."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()


@pytest.mark.parametrize(
    ("carrier", "service", "posts"),
    [
        ("fedex", None, False),
        ("dhl-express", None, False),
        # a USPS item of a service its post keeps six months for (with the service not known, the
        # earliest window that may apply is USPS's 90 days for EMS: review18 R-R54)
        ("usps", "registered-post", True),
    ],
)
def test_review_r_r25_decide_step_names_the_right_window(carrier, service, posts):
    answers = {
        "origin": "US",
        "destination": "GB",
        "carrier": carrier,
        **({"service": service} if service else {}),
        "last_event": "export",
        "shipped_on": dt.date(2026, 9, 1),
        "last_event_on": dt.date(2026, 9, 3),
        "recipient_says": "not-received",
    }
    found = diagnose(KB, answers, dt.date(2026, 11, 20))
    text = next(a.text for a in found.advice if a.id == "decide-reship-or-refund")
    assert ("postal inquiry's six months" in text) == posts, text
