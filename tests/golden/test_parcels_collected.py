"""Where parcels from abroad are not brought to the door but wait at the post office
(facts/collection.toml `parcels_collected`: Nepal, Rwanda, Burundi, Dominica), a parcel
shown in the destination that the recipient has not got, with no notice, waits there to
be collected (cases/real jp-np-ems...: shown arrived in Kathmandu, collected at the Central
Post Office). Before, it was only "in the destination country": the step to ask at the post
office came, the situation did not. Not where parcels are delivered and only the card is
unreliable (Australia), not once the destination post has no record of the number, not
once the parcel is silent past its service's limit (then probably lost), and not while it
is still on its way there."""

from __future__ import annotations

import datetime as dt

from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 20)


def _diagnosis(**changes: object) -> tuple[set[str], set[str]]:
    answers: dict[str, object] = {
        "origin": "JP",
        "destination": "NP",
        "carrier": "japan-post",
        "service": "ems",
        "shipped_on": dt.date(2026, 11, 10),
        "last_event": "arrived-destination",
        "last_event_on": dt.date(2026, 11, 14),
        "customs_notice": "none",
        "recipient_says": "not-received",
    }
    answers.update(changes)
    result = diagnose(KB, answers, TODAY)
    return {s.id for s in result.situations}, {a.id for a in result.advice}


def test_arrived_where_parcels_are_collected_waits_at_the_post_office():
    situations, advice = _diagnosis()
    assert "awaiting-pickup" in situations, situations
    assert "recipient-collects-parcel" in advice
    assert "likely-lost" not in situations


def test_in_the_destination_network_without_a_notice_question_answered():
    situations, _ = _diagnosis(last_event="in-destination-network", customs_notice="unknown")
    assert "awaiting-pickup" in situations, situations


def test_not_where_parcels_are_delivered_and_only_the_card_is_unreliable():
    situations, advice = _diagnosis(destination="AU")
    assert "awaiting-pickup" not in situations
    assert "recipient-collects-parcel" in advice  # ask-at-the-post-office still asks there


def test_not_when_the_destination_post_has_no_record():
    situations, _ = _diagnosis(destination_site="no-record")
    assert "awaiting-pickup" not in situations


def test_not_when_silent_past_the_limit():
    situations, _ = _diagnosis(shipped_on=dt.date(2026, 6, 1), last_event_on=dt.date(2026, 6, 10))
    assert "awaiting-pickup" not in situations and "likely-lost" in situations, situations


def test_not_while_still_on_its_way_there():
    situations, _ = _diagnosis(last_event="export")
    assert "awaiting-pickup" not in situations
