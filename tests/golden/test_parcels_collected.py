"""Where parcels from abroad are not brought to the door but wait at the post office
(facts/collection.toml `parcels_collected`: Nepal, Rwanda, Burundi, Dominica), a parcel
shown in the destination longer ago than the destination leg's usual seven days, that the
recipient has not got, with no notice, waits there to be collected. Before, it was only "in
the destination country": the step to ask at the post office came, the situation did not.
Not a day after arriving (review16 R-R47: it may still be at customs or on its way to the
post office; the step comes at once all the same), nor undated. Not where parcels are
delivered and only the card is unreliable (Australia), not once the destination post has no
record of the number, not once the parcel is silent past its service's limit (then probably
lost), not for a courier's or an e-commerce line's parcel (delivered by whoever the line
hands it to), and not while it is still on its way there.

With no event known, a parcel posted longer ago than its service's silence limit was called
"Probably lost" + "Decide: reship or refund" there (review16's Denmark -> Nairobi parcel of
Christmas 2007, found at the post office in March; cases/real us-pa-..., three months at a
post office in Panama): where parcels wait at the post office it is waiting there, long
overdue, with the inquiry still dated; not past six months after posting (no hold lasts
that long), nor where parcels are delivered.

With no event and no date known at all it was only "status unknown" there (cases/real xx-lr,
au-et, au-ke, us-py: packages that sat unannounced at the post office): nothing shows it is
still on its way, so where parcels wait at the post office that is the likeliest place for it,
the status staying unknown (find the dates, look it up); not where parcels are delivered, not
once the destination post has no record of it, not for a courier's or a line's parcel, and
not while a stop on the route holds it."""

from __future__ import annotations

import datetime as dt

from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader
from variants import diagnose_variant

KB = loader.load()
TODAY = dt.date(2026, 11, 20)


def _diagnosis(**changes: object) -> tuple[set[str], set[str]]:
    """A Japan -> Nepal EMS item shown arrived; `changes` override answers (None drops one)."""
    answers: dict[str, object] = {
        "origin": "JP",
        "destination": "NP",
        "carrier": "japan-post",
        "service": "ems",
        "shipped_on": dt.date(2026, 11, 5),
        "last_event": "arrived-destination",
        "last_event_on": dt.date(2026, 11, 10),  # 10 days: past the destination leg's usual 7
        "customs_notice": "none",
        "recipient_says": "not-received",
    }
    result = diagnose_variant(KB, answers, changes, TODAY)
    return {s.id for s in result.situations}, {a.id for a in result.advice}


def test_arrived_where_parcels_are_collected_waits_at_the_post_office():
    situations, advice = _diagnosis()
    assert "awaiting-pickup" in situations, situations
    assert "recipient-collects-parcel" in advice
    assert "likely-lost" not in situations


def test_a_day_after_arriving_it_may_not_be_at_the_counter_yet():
    # review16 R-R47: customs or the transfer to the post office may still be under way; the
    # step to ask at the post office comes at once all the same (ask-at-the-post-office)
    situations, advice = _diagnosis(last_event_on=dt.date(2026, 11, 19))
    assert "awaiting-pickup" not in situations and "in-destination-country" in situations
    assert "recipient-collects-parcel" in advice


def test_undated_arrival_is_not_placed_at_the_counter():
    situations, _ = _diagnosis(last_event_on=None, shipped_on=None)
    assert "awaiting-pickup" not in situations


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


def test_a_courier_or_a_line_is_not_read_by_the_posts_practice():
    for service in ("express-courier", "ecommerce-line"):
        situations, _ = _diagnosis(service=service, carrier=None)
        assert "awaiting-pickup" not in situations, (service, situations)


def test_a_couriers_parcel_is_not_sent_to_the_post_office():
    # review19 (LOW): DHL Express to Kenya got "collect it at your local post office" from
    # Posta Kenya's practice; a line may hand its parcel to the post, so it keeps the step
    _, advice = _diagnosis(service="express-courier", carrier="dhl-express")
    assert "recipient-collects-parcel" not in advice, advice
    _, advice = _diagnosis(service="ecommerce-line", carrier=None)
    assert "recipient-collects-parcel" in advice, advice


def _overdue(**changes: object) -> tuple[set[str], set[str], dict[str, object]]:
    answers: dict[str, object] = {
        "origin": "DK",
        "destination": "NP",
        "service": "postal-parcel",
        "shipped_on": dt.date(2026, 9, 6),  # 75 days: past the postal parcel's 60
        "customs_notice": "none",
        "recipient_says": "not-received",
    }
    answers.update(changes)
    result = diagnose(KB, answers, TODAY)
    due = {a.id: a.due for a in result.advice}
    return {s.id for s in result.situations}, set(due), due


def test_no_event_past_the_limit_waits_at_the_post_office_not_lost():
    situations, advice, due = _overdue()
    assert {"awaiting-pickup", "long-overdue"} <= situations, situations
    assert "likely-lost" not in situations and "decide-reship-or-refund" not in advice
    assert "recipient-collects-parcel" in advice
    assert due.get("file-inquiry") == "2027-03-07"  # six months from the day after posting


def test_no_event_where_parcels_are_delivered_is_still_lost():
    situations, advice, _ = _overdue(destination="AU")
    assert "likely-lost" in situations and "awaiting-pickup" not in situations
    assert "decide-reship-or-refund" in advice


def test_no_event_past_six_months_is_lost():
    situations, _, _ = _overdue(shipped_on=dt.date(2026, 5, 1))
    assert "likely-lost" in situations and "awaiting-pickup" not in situations


def test_no_event_no_record_at_the_destination_post_is_lost():
    situations, _, _ = _overdue(destination_site="no-record")
    assert "likely-lost" in situations and "awaiting-pickup" not in situations


def test_no_event_within_the_limit_is_not_placed_at_the_post_office():
    situations, _, _ = _overdue(shipped_on=dt.date(2026, 10, 1))  # 50 days: late, not past 60
    assert "awaiting-pickup" not in situations


def _undated(today: dt.date = TODAY, **changes: object) -> tuple[set[str], set[str]]:
    answers: dict[str, object] = {
        "origin": "AU",
        "destination": "KE",
        "customs_notice": "none",
        "recipient_says": "not-received",
    }
    answers.update(changes)
    result = diagnose(KB, answers, today)
    return {s.id for s in result.situations}, {a.id for a in result.advice}


def test_no_event_and_no_date_waits_at_the_post_office():
    situations, advice = _undated()
    assert {"awaiting-pickup", "status-unknown"} <= situations, situations
    assert "recipient-collects-parcel" in advice and "look-up-tracking" in advice
    assert "likely-lost" not in situations


def test_no_event_and_no_date_where_parcels_are_delivered():
    situations, advice = _undated(destination="AU", origin="GB")
    assert "awaiting-pickup" not in situations and "status-unknown" in situations
    assert "recipient-collects-parcel" in advice  # ask-at-the-post-office: the card is unreliable


def test_no_event_and_no_date_not_at_the_counter_when_the_post_has_no_record():
    situations, _ = _undated(destination_site="no-record")
    assert "awaiting-pickup" not in situations


def test_no_event_and_no_date_a_courier_or_a_line_is_not_read_by_the_posts_practice():
    for service in ("express-courier", "ecommerce-line"):
        situations, _ = _undated(service=service)
        assert "awaiting-pickup" not in situations, (service, situations)


def test_no_event_and_no_date_held_by_a_stop_on_the_route():
    # facts/disruptions.toml: no flights from China to Mauritius, confirmed 2020-02-25
    situations, _ = _undated(dt.date(2020, 2, 25), origin="CN", destination="MU")
    assert "operator-disruption" in situations and "awaiting-pickup" not in situations, situations
    situations, _ = _undated(dt.date(2020, 2, 25), origin="FR", destination="MU")
    assert "awaiting-pickup" in situations, situations  # the same destination off that route
