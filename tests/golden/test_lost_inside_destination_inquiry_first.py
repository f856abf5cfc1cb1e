"""A postal item lost inside the destination is claimed through the post the seller paid, not
the destination's (reason R21-20): a registered letter from the UK in Spain since 21 November
2003, nothing for three months (cases/real/gb-es-registered-letter-...), got as step 1 "Have
the operator delivering it there search its network now" and "Contact Correos", the inquiry
with Royal Mail only sixth; Correos answered that international claims go through the posting
operator, which it reports back to. Step 1 now sends the seller to the company paid to have the
search made (without the word inquiry: past the inquiry window it must not promise one,
review18 R-R53); the recipient may still ask the destination's post (contact step kept)."""

from __future__ import annotations

import datetime as dt

from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()


def test_review_r21_20_lost_in_spain_is_claimed_through_royal_mail():
    answers = {
        "origin": "GB",
        "destination": "ES",
        "carrier": "royal-mail",
        "service": "registered-post",
        "shipped_on": dt.date(2003, 11, 20),
        "last_event": "arrived-destination",
        "last_event_on": dt.date(2003, 11, 21),
        "recipient_says": "not-received",
    }
    result = diagnose(KB, answers, dt.date(2004, 2, 16))
    assert "likely-lost" in {s.id for s in result.situations}
    first = result.advice[0]
    assert first.id == "lost-inside-the-destination"
    assert "Ask Royal Mail now to have the operator there search its network" in first.text
    assert "reports what it finds to the post you paid" in first.text
    assert "file-inquiry" in {a.id for a in result.advice}
