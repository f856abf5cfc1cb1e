"""How the recipient pays or answers customs, per destination (facts/customs_payment.toml),
as the steps say it. Germany: Deutsche Post clears a declared item itself and collects the
charges at the door (or the branch) with a EUR 6 advance fee; only an item it cannot clear
goes to the customs office with a letter (review10 K2: the record described only the letter,
and a fee-to-pay answer was told to take a letter to the customs office). Turkey: PTT's
notice asks for the invoice and ID by e-mail or in person within 20 days. China: the post
declares for the recipient, and an item it cannot clear (over the CNY 1,000 personal-item
limit) waits for the recipient's own formalities at the customs office in its mail centre.
Turkey and China are the destinations whose held items wait for the recipient, notice or not
(`held_for_recipient`: the real cases nl-tr-four-boxes-..., xx-tr-coilover-...,
jp-cn-ems-july-2020-...)."""

from __future__ import annotations

import datetime as dt

from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge.loader import KnowledgeBase

TODAY = dt.date(2026, 11, 26)


def step_text(kb: KnowledgeBase, destination: str, notice: str, step: str) -> str:
    answers = dict(origin="CN", destination=destination, service="registered-post")
    answers |= dict(shipped_on=TODAY - dt.timedelta(days=10), last_event="customs")
    answers |= dict(last_event_on=TODAY - dt.timedelta(days=8), customs_notice=notice)
    answers["recipient_says"] = "not-received"
    steps = {a.id: a for a in diagnose(kb, answers, TODAY).advice}
    assert step in steps, sorted(steps)
    return steps[step].text


def test_a_german_fee_is_paid_at_the_door_not_at_the_customs_office(kb: KnowledgeBase):
    text = step_text(kb, "DE", "fee-to-pay", "recipient-pays-charges")
    assert "to the postman at the door" in text
    assert "EUR 6 advance fee" in text
    assert not text.startswith("The recipient must pay: they will have a letter")


def test_a_german_customs_offices_letter_may_follow_a_final_delivery_scan(kb: KnowledgeBase):
    # review14 K-R19: the UPU 'Final delivery' of an import is often its handover to the
    # customs office near the recipient, whose letter comes one or two days later (paketda)
    text = step_text(kb, "DE", "fee-to-pay", "recipient-pays-charges")
    assert "one or two days after the handover" in text
    assert "'Final delivery' though the recipient has nothing" in text


def test_a_turkish_customs_notice_is_answered_within_twenty_days(kb: KnowledgeBase):
    text = step_text(kb, "TR", "customs-letter", "recipient-answers-customs")
    assert "UKİM" in text
    assert "20 days from the day the notice was received" in text


def test_a_chinese_customs_hold_is_cleared_by_the_recipient_at_the_posts_customs_office(
    kb: KnowledgeBase,
):
    text = step_text(kb, "CN", "customs-letter", "recipient-answers-customs")
    assert "customs office in the post's international mail centre" in text
    assert "CNY 1,000" not in text  # the limit is in the notice, said with the charges
    text = step_text(kb, "CN", "fee-to-pay", "recipient-pays-charges")
    assert "CNY 1,000 per item" in text
    assert "waived at CNY 50 or less" in text


def test_held_items_wait_for_the_recipient_only_where_a_source_says_so(kb: KnowledgeBase):
    waiting = {r.destination for r in kb.records("customs_payment") if r.held_for_recipient}
    assert waiting == {"TR", "CN", "UY", "BR", "AR"}


def test_a_parcel_at_uruguayan_customs_waits_for_the_buyers_declaration(kb: KnowledgeBase):
    """Uruguay: customs release a postal purchase only once the buyer has declared it on
    Correo Uruguayo's website; undeclared, it is abandoned or returned 30 days after
    arriving (cases/real/xx-uy-online-purchases-held-...: read as an ordinary customs hold,
    'ask customs', before)."""
    answers = dict(destination="UY", last_event="customs", recipient_says="not-received")
    result = diagnose(kb, answers, TODAY)
    assert "customs-asks-recipient" in [s.id for s in result.situations]
    step = next(a for a in result.advice if a.id == "recipient-answers-customs")
    assert "Correo Uruguayo's website" in step.text


def test_a_parcel_at_brazilian_customs_without_a_notice_waits_for_the_recipients_cpf(
    kb: KnowledgeBase,
):
    """Brazil: clearance starts only once the recipient's CPF is linked to the item in Minhas
    Importacoes, where they also pay; no card comes (review17 K-R24: with no notice the steps
    sent the recipient to look for a card in the letterbox and never named Minhas
    Importacoes)."""
    text = step_text(kb, "BR", "none", "recipient-answers-customs")
    assert "Minhas Importacoes" in text and "CPF" in text


def test_a_parcel_at_argentine_customs_waits_for_the_recipients_declaration(kb: KnowledgeBase):
    """Argentina: Correo Argentino clears goods from abroad only on the recipient's own
    declaration on its Portal de Envíos Internacionales (AFIP's procedure); undeclared, they go
    back (a third of the door-to-door parcels in 2016-17). Read as an ordinary customs hold,
    'ask customs', before."""
    answers = dict(destination="AR", last_event="customs", recipient_says="not-received")
    result = diagnose(kb, answers, TODAY)
    assert "customs-asks-recipient" in [s.id for s in result.situations]
    step = next(a for a in result.advice if a.id == "recipient-answers-customs")
    assert "Portal de Envíos Internacionales" in step.text


# what "they will have ..." (advice recipient-pays-charges) and "this is how the recipient is
# asked: ..." (customs-released) can be followed by: a noun phrase, never a clause
NOUN_PHRASE_OPENERS = {"a", "an", "the", "no", "nothing", "whatever", "instructions"}


def test_every_notice_reads_as_what_the_recipient_will_have(kb: KnowledgeBase):
    # review23 R23-5: Italy's 'they will have import charges (...) are asked for at delivery'
    # and Uruguay's 'they will have none needed: ...'
    for destination, record in kb.tables["customs_payment"].items():
        notice = record.get("notice")
        if notice:
            assert notice.split()[0] in NOUN_PHRASE_OPENERS, (destination, notice)
    text = step_text(kb, "IT", "fee-to-pay", "recipient-pays-charges")
    assert "they will have no card beforehand: the import charges" in text, text
