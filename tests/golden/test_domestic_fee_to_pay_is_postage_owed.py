"""Inside one country a request to pay is postage owed, not import charges (review22 R22-8).
Royal Mail's grey 'Fee to pay' card is its card for both: an item with too little postage,
or one from abroad with a Customs charge (personal.help.royalmail.com a_id/143); for an
underpaid item the recipient collects it with the surcharge or refuses it, and it goes back
to the sender (Ofcom, ask.ofcom.org.uk/help/post/mailsurcharge). A GB-GB letter with that
card concluded 'Held until the recipient pays import charges', 'the customs charge plus
Royal Mail's GBP 8 handling fee' and 'Send the recipient the customs documents (CN 22 /
CN 23 ...)', and the untracked service's 'only the recipient can tell' although the
recipient held the post's card (cases/real/gb-gb-second-class-christmas-cards-...).
Inside one country (route scope domestic, any operator) the item waits for the recipient,
who pays the postage owed, contests it, or refuses it; next time the postage fits the
item's size band. Between two countries nothing changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.events.read import suggested_answer
from parcel_doctor.knowledge import loader

KB = loader.load()
TODAY = dt.date(2026, 11, 23)
CUSTOMS = {"customs-charge-to-pay", "held-in-customs"}
CUSTOMS_STEPS = {"recipient-pays-charges", "send-customs-documents", "contact-customs"}


def _ids(answers: dict[str, Any]) -> tuple[list[str], list[str]]:
    result = diagnose(KB, answers, TODAY)
    return [s.id for s in result.situations], [a.id for a in result.advice]


LETTER = {
    "origin": "GB",
    "destination": "GB",
    "carrier": "royal-mail",
    "service": "untracked-post",
    "customs_notice": "fee-to-pay",
    "recipient_says": "not-received",
}


def test_the_pasted_card_line_is_still_read_as_a_request_to_pay():
    line = "We have your item. There is a fee to pay. We left a Fee to pay card."
    assert suggested_answer(KB, line) == ("customs_notice", "fee-to-pay")


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {
            "service": "tracked-post",
            "last_event": "accepted",
            "shipped_on": dt.date(2026, 11, 18),
            "last_event_on": dt.date(2026, 11, 20),
        },
        {"carrier": "usps", "origin": "US", "destination": "US", "service": "postal-parcel"},
    ],
    ids=["gb-untracked-letter", "gb-tracked-accepted", "us-parcel"],
)
def test_review_r22_8_inside_one_country_the_card_is_postage_owed(extra):
    situations, steps = _ids({**LETTER, **extra})
    assert "awaiting-pickup" in situations, situations
    assert not CUSTOMS & set(situations), situations
    assert "recipient-pays-postage-owed" in steps, steps
    assert "check-postage-next-time" in steps, steps
    assert not CUSTOMS_STEPS & set(steps), steps


@pytest.mark.parametrize("notice", ["fee-to-pay", "notice-card", "customs-letter"])
def test_the_post_s_card_in_hand_is_not_only_the_recipient_can_tell(notice):
    posted = {**LETTER, "shipped_on": dt.date(2026, 11, 2), "customs_notice": notice}
    situations, steps = _ids(posted)
    assert "untracked-service" not in situations, situations
    assert "no-trace-for-untracked" not in steps, steps
    # without a card the untracked service still says so, and that it cannot be traced
    situations, steps = _ids({**posted, "customs_notice": "none"})
    assert "untracked-service" in situations, situations
    assert "no-trace-for-untracked" in steps, steps


def test_between_two_countries_the_card_is_still_import_charges():
    situations, steps = _ids({**LETTER, "origin": "DE", "carrier": "deutsche-post"})
    assert "customs-charge-to-pay" in situations, situations
    assert "recipient-pays-charges" in steps, steps
    assert not {"recipient-pays-postage-owed", "check-postage-next-time"} & set(steps), steps
