"""A parcel customs have released is not held by customs (facts/stages.toml
`customs-released`, UPU EMSEVT EDC): the rules never conclude held-in-customs for it,
never send the seller to customs or ask for customs documents, say that nothing waits on
customs (advice `customs-released`), and, once it is late, send the seller to the
destination's operator that carries it. The same answers with the customs stage itself
still read as a hold. Before the stage existed, "cleared customs" could only be answered as
`customs` (cases/real/il-us-express-mail-cleared-customs-never-found.toml,
cases/real/us-ar-usps-helmet-cleared-customs-a-week-silent-then-notice.toml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader

ROOT = Path(__file__).resolve().parents[2]
KB = loader.load(ROOT / "facts", ROOT / "rules")
TODAY = dt.date(2026, 11, 26)
CUSTOMS_STEPS = {"contact-customs", "send-customs-documents"}


def _answers(route, service, days, gap, notice) -> dict:
    answers: dict = {
        "origin": route[0],
        "destination": route[1],
        "shipped_on": TODAY - dt.timedelta(days=days),
        "last_event": "customs-released",
        "last_event_on": TODAY - dt.timedelta(days=max(days - gap, 0)),
        "recipient_says": "not-received",
    }
    if service:
        answers["service"] = service
    if notice:
        answers["customs_notice"] = notice
    return answers


@settings(max_examples=200, deadline=None)
@given(
    route=st.sampled_from([("US", "AR"), ("IL", "US"), ("CN", "BR"), ("GB", "AU"), ("JP", "NZ")]),
    service=st.sampled_from([None, "ems", "postal-parcel", "registered-post", "tracked-post"]),
    days=st.integers(0, 200),
    gap=st.integers(0, 40),
    notice=st.sampled_from([None, "none", "fee-to-pay"]),  # paying needs no documents (R22)
)
def test_released_by_customs_is_never_a_customs_hold(route, service, days, gap, notice):
    answers = _answers(route, service, days, gap, notice)
    result = diagnose(KB, answers, TODAY)
    situations = {s.id for s in result.situations}
    advice = {a.id for a in result.advice}
    assert "held-in-customs" not in situations, answers
    assert not advice & CUSTOMS_STEPS, answers
    if "likely-lost" not in situations:
        assert "customs-released" in advice, answers
    if "transit-delayed" in situations:
        assert "contact-destination-operator" in advice, answers


def test_the_customs_stage_itself_still_reads_as_a_hold():
    answers = _answers(("US", "AR"), None, 20, 7, "none")
    answers["last_event"] = "customs"
    result = diagnose(KB, answers, TODAY)
    assert "held-in-customs" in {s.id for s in result.situations}
    assert "customs-released" not in {a.id for a in result.advice}


def test_released_on_time_is_in_the_destination_country():
    result = diagnose(KB, _answers(("US", "AR"), None, 20, 7, "none"), TODAY)
    assert {s.id for s in result.situations} == {"in-destination-country"}


def test_released_where_the_request_to_pay_is_a_tracking_status():
    """review9 R6: in Brazil the release is followed by 'Aguardando pagamento' and no card;
    the step names how the recipient pays there (facts/customs_payment.toml), and what the
    recipient received is asked."""
    answers = {
        "tracking_number": "LB123456785CN",
        "destination": "BR",
        "shipped_on": dt.date(2021, 9, 1),
        "last_event": "customs-released",
        "last_event_on": dt.date(2021, 10, 1),
        "recipient_says": "not-received",
    }
    result = diagnose(KB, answers, dt.date(2021, 10, 4))
    text = {a.id: a.text for a in result.advice}["customs-released"]
    assert "Minhas Importacoes" in text and "no card" in text
    assert "customs_notice" in result.missing
