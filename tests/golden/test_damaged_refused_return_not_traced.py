"""A parcel the recipient saw damaged and refused is coming back, but is not to be traced
(reason R21-3): sarees ruined in Blue Dart's hands and refused inside India
(cases/real/in-in-forty-silk-sarees-...) got "Contact the carrier you posted with ... ask them
to trace the parcel" beside the courier's claim step. Where it is is known; the claim is the
step. The situation stays (*On its way back to you*); follow-a-return gives the contact step to
every other return, so a return for a wrong address is still followed with the company paid."""

from __future__ import annotations

import datetime as dt

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2016, 4, 15)


def _diagnose(says: str, reason: str, **more: str):
    answers = {
        "origin": "IN",
        "destination": "IN",
        "shipped_on": dt.date(2016, 3, 31),
        "last_event": "returning",
        "return_reason": reason,
        "recipient_says": says,
        **more,
    }
    return diagnose(KB, answers, TODAY)


@pytest.mark.parametrize("more", [{"service": "express-courier"}, {}])
def test_review_r21_3_refused_as_damaged_is_claimed_not_traced(more):
    result = _diagnose("received-damaged", "refused", **more)
    assert {"received-damaged", "returning-to-sender"} <= {s.id for s in result.situations}
    steps = {a.id for a in result.advice}
    assert "contact-origin-carrier" not in steps
    assert steps & {"courier-claim-deadline", "file-inquiry"}


def test_any_other_return_is_followed_with_the_company_paid():
    result = _diagnose("not-received", "address")
    assert "returning-to-sender" in {s.id for s in result.situations}
    assert "contact-origin-carrier" in {a.id for a in result.advice}
