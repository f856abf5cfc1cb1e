"""A label with its date and no posting date is not "accepted or has left the origin"
(review15 R-R42). FedEx US -> US, label-created on 2015-03-03, no posting date, got
timing-unknown saying "The parcel has been accepted or has left the origin country, but
neither the posting date nor the last event's date is known" (both false), and "Find ...
the date of the newest tracking event" though it was given. The situation's words now hold
for a label as for a scan, and the step asks only for the dates not given."""

from __future__ import annotations

import datetime as dt

from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()


def test_a_dated_label_is_not_said_accepted_nor_its_date_unknown():
    answers = {
        "origin": "US",
        "destination": "US",
        "carrier": "fedex",
        "last_event": "label-created",
    }
    result = diagnose(KB, {**answers, "last_event_on": dt.date(2015, 3, 3)}, dt.date(2015, 3, 20))
    situation = next(s for s in result.situations if s.id == "timing-unknown")
    assert "accepted" not in situation.summary and "On its way" not in situation.title
    assert "only a label" in situation.summary
    step = next(a for a in result.advice if a.id == "note-dates")
    assert "if you have not given it" in step.text
