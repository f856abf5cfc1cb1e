"""An S10 number given with a courier is looked up on the post's page, not the courier's
(lead's R-R33 follow-up). RR123456785CN with carrier=ups: "Look the parcel up on the
tracking page of China Post" listed UPS's page (useless for a post's number) first. The
step's page is the company that takes the item's inquiry (`paid`); a courier's own number
still gets the courier's page."""

from __future__ import annotations

import datetime as dt

from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 27)


def _urls(answers: dict[str, str]) -> list[str]:
    result = diagnose(KB, answers, TODAY)
    return next(a.urls for a in result.advice if a.id == "look-up-tracking")


def test_a_posts_number_is_looked_up_at_the_post():
    urls = _urls({"tracking_number": "RR123456785CN", "destination": "US", "carrier": "ups"})
    assert urls and "ems.com.cn" in urls[0]
    assert not any("ups.com" in url for url in urls)


def test_a_couriers_number_is_looked_up_at_the_courier():
    urls = _urls({"tracking_number": "1Z999AA10123456784", "destination": "US", "origin": "DE"})
    assert "ups.com" in urls[0]
