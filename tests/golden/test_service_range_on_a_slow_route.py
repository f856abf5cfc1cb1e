"""The slowest-plausible-service step and the slow-route step say one thing (reason2's session
17 "left alone", the brief's R-R43 item): with the service not known on a route where post
takes months (Spain -> Cuba in 2020), "Dates assume the slowest plausible service" said
"given up after 60 days" flatly beside "it is given up only after 184 days of silence, not the
usual 60". The 60 days are now the usual figure, the route's own longer one named by its step."""

from __future__ import annotations

import datetime as dt

from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()


def _texts(destination: str, shipped: dt.date, today: dt.date) -> dict[str, str]:
    answers = {
        "origin": "ES",
        "destination": destination,
        "shipped_on": shipped,
        "recipient_says": "not-received",
    }
    return {a.id: a.text for a in diagnose(KB, answers, today).advice}


def test_the_usual_figure_beside_the_routes_own():
    texts = _texts("CU", dt.date(2020, 6, 15), dt.date(2020, 9, 20))
    assert "given up only after 184 days of silence, not the usual 60" in texts["slow-route-wait"]
    assert (
        "usually given up after 60 days, unless another step gives this route's own figure"
        in texts["service-range"]
    )


def test_elsewhere_the_figure_stands_alone():
    texts = _texts("MX", dt.date(2020, 6, 15), dt.date(2020, 7, 30))
    assert "slow-route-wait" not in texts
    assert "usually given up after 60 days" in texts["service-range"]


def test_the_step_names_surface_mail_as_the_exception():
    # review19: Canada -> India 'regular mail' parcels took three months; the step called 40/60 days
    # the "slowest plausible" service though the knowledge holds surface mail at 120/150 days
    texts = _texts("MX", dt.date(2020, 6, 15), dt.date(2020, 7, 30))
    assert "the slowest of the usual services" in texts["service-range"]
    assert "surface (sea) mail" in texts["service-range"]
