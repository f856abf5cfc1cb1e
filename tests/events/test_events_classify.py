"""The event classifier: generic matching over facts/stages.toml's `match` tables."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from parcel_doctor.events.classify import Classifier, compile_phrase, russian_forms
from parcel_doctor.events.read import classifier, read_history, read_line
from parcel_doctor.events.text import line_words, match_words, words
from parcel_doctor.knowledge.loader import KnowledgeBase


def tiny(**tables: dict[str, int]) -> Classifier:
    return Classifier({stage: {"match": match} for stage, match in tables.items()})


def test_words_fold_case_accents_width_and_split_cjk() -> None:
    assert words("Départ: 【广州】 Item-Leaving \uff35\uff2b") == [
        "depart",
        "广",
        "州",
        "item",
        "leaving",
        "uk",
    ]
    assert words("We've got it") == ["we", "ve", "got", "it"]
    # Japanese kana keep their voicing marks: が is not か.
    assert words("が") != words("か")
    # a Thai character is a word, its vowel and tone marks too (they are no letters)
    assert words("นำจ่าย ณ") == ["น", "ํ", "า", "จ", "่", "า", "ย", "ณ"]
    # so a Thai status matches inside a line as a Chinese one does ("แล้ว": already)
    assert tiny(delivered={"นำจ่ายสำเร็จ": 3}).read("นำจ่ายสำเร็จแล้ว").stage == "delivered"


def test_turkish_dotted_and_dotless_i_fold_to_one_letter() -> None:
    """wording's report: "İ" case-folds to "i" and a combining dot, which split the word
    ("TESLİM EDİLDİ" read as "tesli m edi ldi"), and the dotless i (U+0131) stayed apart
    from the "I" an upper-case page prints ("DAĞITIMDA" vs its mixed-case form): one
    carrier's two pages did not match each other's wording."""
    assert words("TESLİM EDİLDİ") == words("Teslim edildi") == ["teslim", "edildi"]
    assert words("DAĞITIMDA") == words("da\u011f\u0131t\u0131mda") == ["dagitimda"]
    c = tiny(delivered={"teslim edildi": 3}, returning={"iade": 3})
    assert c.read("TESLİM EDİLDİ").stage == "delivered"
    assert c.read("Kargo İade Bekliyor").stage == "returning"


def test_arabic_script_letters_written_two_ways_fold_to_one() -> None:
    """A Persian keyboard types ی and ک where an Arabic one types ي and ك; pages write alef
    with or without hamza, and stretch words with the tatweel: one status, several
    spellings (Arabic and Persian couriers' pages)."""
    assert words("تم التسليم") == words("تم التسلیم")
    assert words("كد رهگيري") == words("کد رهگیری")
    assert words("أرسل") == words("ارسل") == words("إرسل")
    assert words("تـم التسليم") == words("تم التسليم")
    c = tiny(delivered={"تحویل داده شد": 3})
    assert c.read("مرسوله تحويل داده شد").stage == "delivered"


def test_traditional_chinese_folds_to_simplified() -> None:
    assert words("海關清關完成") == words("海关清关完成")
    assert words("抵達目的地國家/地區") == words("抵达目的地国家 地区")
    # phrases are folded alike, so a Japanese phrase with a shared character still matches
    c = tiny(delivered={"配達完了": 3}, customs={"海关扣留": 3})
    assert c.read("お届け先 配達完了").stage == "delivered"
    assert c.read("包裹被海關扣留").stage == "customs"


def test_articles_and_possessives_are_not_compared() -> None:
    assert match_words("Your parcel has left the UK") == ["parcel", "has", "left", "uk"]
    assert match_words("Votre colis est livré") == ["colis", "est", "livre"]
    # words() itself keeps them (the history parser counts words)
    assert words("the UK") == ["the", "uk"]
    c = tiny(
        **{
            "in-destination-network": {"arrived at delivery office": 3},
            "delivered": {"livré à l'expéditeur": 3},
        }
    )
    assert c.read("Arrived at the delivery office").stage == "in-destination-network"
    assert c.read("Votre colis a été livré à votre expéditeur").stage == "delivered"
    # other words still break a phrase
    assert c.read("livré chez expéditeur").stage is None


def test_a_long_latin_phrase_allows_one_extra_word_for_a_point_less() -> None:
    c = tiny(export={"departed country of origin": 3}, delivered={"delivery completed": 3})
    reading = c.read("Departed from country of origin")
    assert reading.stage == "export" and dict(reading.scores) == {"export": 2}
    assert c.read("Departed country of origin").scores == {"export": 3}
    # two extra words, or a short phrase with one, do not match
    assert c.read("Departed today from country of origin").stage is None
    assert c.read("Delivery not completed").stage is None
    # the extra word is never a negation
    c = tiny(delivered={"has been delivered": 3})
    assert c.read("The parcel has not been delivered").stage is None


def test_an_exact_match_wins_over_one_with_an_extra_word() -> None:
    c = tiny(accepted={"export customs": 3}, customs={"returned from customs": 3})
    assert c.read("Item returned from export Customs").stage == "accepted"


def test_a_phrase_right_after_a_negation_does_not_count() -> None:
    c = tiny(delivered={"delivered": 3, "签收": 3, "zugestellt": 3})
    assert c.read("Item not yet delivered").stage is None
    assert c.read("未签收").stage is None
    assert c.read("Die Sendung konnte nicht wie geplant zugestellt werden").stage is None
    assert c.read("Delivered, not signed for").stage == "delivered"
    # a longer phrase that holds the negation still counts
    c = tiny(delivered={"delivered": 3}, **{"delivery-attempted": {"not delivered": 3}})
    assert c.read("Item not delivered").stage == "delivery-attempted"
    # a double negative ("there is no information") is not turned round
    c = tiny(none={"nenhuma informação": 3})
    assert c.read("Não há nenhuma informação de rastreamento").stage == "none"


def test_a_latin_phrase_word_also_matches_its_plural_in_s() -> None:
    c = tiny(none={"aucune information": 3}, delivered={"parcel delivered": 3})
    assert c.read("Il n'y a aucune informations de suivi").stage == "none"
    assert c.read("Parcels delivered to the neighbour").stage == "delivered"
    assert c.read("Parcel delivereds").stage == "delivered"
    # short words match only themselves: "in" is not "ins"
    assert tiny(customs={"in customs": 3}).read("ins customs").stage is None


@given(st.text())
def test_folding_is_stable(text: str) -> None:
    assert words(" ".join(words(text))) == words(text)


def test_phrase_with_star_matches_word_beginnings() -> None:
    phrase = compile_phrase("customs", "zoll*", 3)
    assert phrase is not None and phrase.prefix_last == (True,)
    c = tiny(customs={"zoll*": 3})
    assert c.read("Zollabfertigung im Zielland").stage == "customs"
    assert c.read("Sendung verzollt").stage is None  # a prefix, not a substring


def test_longest_overlapping_phrase_wins() -> None:
    c = tiny(delivered={"delivered": 3}, attempted={"could not be delivered": 3})
    assert c.read("Your item could not be delivered").stage == "attempted"
    assert c.read("Delivered, In/At Mailbox").stage == "delivered"


def test_weak_hint_and_tie_are_cannot_tell() -> None:
    c = tiny(a={"sorting center": 1, "x": 2}, b={"sorting center": 1, "y": 2})
    weak = c.read("Arrived at sorting center")
    assert weak.stage is None and weak.scores == {"a": 1, "b": 1}
    assert "equally" in weak.why_not()
    tie = c.read("x y")
    assert tie.stage is None and tie.confidence == 0.0
    assert c.read("nothing known").why_not() == "no carrier wording recognised"


def test_scores_add_up_and_confidence_is_the_share() -> None:
    c = tiny(a={"alpha": 2, "beta": 1}, b={"gamma": 1})
    reading = c.read("alpha beta gamma")
    assert reading.stage == "a" and reading.scores == {"a": 3, "b": 1}
    assert reading.confidence == pytest.approx(0.75)


@pytest.mark.parametrize(
    ("line", "stage"),
    [
        ("2026-11-04 09:12 Departed from outward office of exchange, GUANGZHOU", "export"),
        ("Arrived at destination country sorting center", "arrived-destination"),
        ("Item held by customs", "customs"),
        ("【广州】已出口直封", "export"),
        ("到达寄达地处理中心", "arrived-destination"),
        ("Departure from inward office of exchange", "in-destination-network"),
        ("Votre colis est arrivé par erreur sur un site", "missent"),
        ("The package is retained by customs because it's prohibited goods", "exception"),
        ("Item missent to Brazil", "missent"),
    ],
)
def test_shipped_wording(kb: KnowledgeBase, line: str, stage: str) -> None:
    assert classifier(kb).read(line).stage == stage


def test_every_stage_reads_its_own_menu_wording(kb: KnowledgeBase) -> None:
    c = classifier(kb)
    for stage_id, stage in kb.stages.items():
        for wording in stage["wording"]:
            assert c.read(wording).stage == stage_id, (stage_id, wording)


def test_emf_is_the_destination_network_not_a_local_company(kb: KnowledgeBase) -> None:
    assert "EMF" in kb.stages["in-destination-network"]["emsevt"]
    assert "EMF" not in kb.stages["handed-to-local-carrier"]["emsevt"]


def test_a_malformed_match_table_is_reported(kb_copy: tuple[object, object]) -> None:
    from pathlib import Path

    from parcel_doctor.knowledge.loader import check

    facts, rules = kb_copy
    assert isinstance(facts, Path) and isinstance(rules, Path)
    path = facts / "stages.toml"
    path.write_text(path.read_text().replace('"not found" = 3', '"not found" = "high"', 1))
    _, problems = check(facts, rules)
    assert any("'not found' must be a whole number" in str(p) for p in problems)


@given(st.text(max_size=200))
def test_reading_any_text_never_fails(text: str) -> None:
    c = tiny(a={"alpha": 2, "β*": 1, "alpha & 广州": 3, "=alpha": 1}, b={"广州": 3})
    reading = c.read(text)
    assert reading.stage in (None, "a", "b")
    assert 0.0 <= reading.confidence <= 1.0


def test_a_bracketed_place_names_no_stage_and_breaks_phrases() -> None:
    c = tiny(**{"in-destination-network": {"转运中心": 2}, "accepted": {"已揽收": 3}})
    # both ends of a hop in brackets: a neutral hub line, not the destination network
    assert c.read("【青岛转运中心】\uff0c正发往【广州番禺转运中心】").scores == {}
    assert c.read("【MKT-山东项目】已揽收").stage == "accepted"
    assert c.read("到达青岛转运中心").stage == "in-destination-network"
    assert c.read("[SHENZHEN 转运中心] left").scores == {}
    # square brackets with small letters are wording, not a place
    assert c.read("[已揽收 ok]").stage == "accepted"


def test_a_run_of_capitals_after_small_letters_is_a_place() -> None:
    c = tiny(
        **{"in-destination-network": {"distribution center": 3}, "delivered": {"delivered": 3}},
        **{"awaiting-pickup": {"packstation": 2}, "export": {"departed from outward office": 3}},
    )
    line = "Departed from outward office, LOS ANGELES CA NETWORK DISTRIBUTION CENTER"
    assert c.read(line).scores == {"export": 3}
    assert c.read("Arrived at distribution center").stage == "in-destination-network"
    # a whole status in capitals is still read: at the start, alone, or a single word
    assert c.read("DISTRIBUTION CENTER, Los Angeles").stage == "in-destination-network"
    assert c.read("Bronx, NY  DELIVERED").stage == "delivered"
    assert c.read("Sendung aus der PACKSTATION abgeholt").scores == {"awaiting-pickup": 2}
    # and when nothing else in the line names a stage, the run is read as wording
    assert c.read("Hong Kong, ITEM DELIVERED").stage == "delivered"
    # unless a word that introduces a place comes right before it
    line = "Your item departed our facility in SPOKANE WA DISTRIBUTION CENTER on April 12"
    assert c.read(line).stage is None
    assert c.read("Parcel at SPOKANE WA DISTRIBUTION CENTER").stage is None


def test_the_first_sentence_that_names_a_stage_decides() -> None:
    c = tiny(
        **{"out-for-delivery": {"zustellfahrzeug": 3}, "delivered": {"zustellung erfolgt": 3}},
        **{"label-created": {"shipment information": 2}, "returning": {"contact sender": 3}},
    )
    line = "Die Sendung wurde in das Zustellfahrzeug geladen. Die Zustellung erfolgt heute."
    assert c.read(line).stage == "out-for-delivery"
    line = "We have received your shipment information. If in doubt, contact sender."
    assert c.read(line).stage == "label-created"
    # no sentence names a stage alone: their scores add up as before
    c = tiny(a={"alpha": 1, "gamma": 1, "delta": 2}, b={"beta": 1})
    assert c.read("Alpha here. Gamma there. Beta.").scores == {"a": 2, "b": 1}
    # (hints of weight 1 name no stage on their own, however many)
    assert c.read("Alpha here. Gamma there. Beta.").stage is None
    assert c.read("Alpha here. Delta there. Beta.").stage == "a"


def test_a_whole_status_phrase_counts_only_as_the_first_clause() -> None:
    c = tiny(returning={"=contact sender": 3})
    assert c.read("Contact sender").stage == "returning"
    assert c.read("Contact the sender, SYDNEY NSW").stage == "returning"
    assert c.read("If you need help, please contact the sender").stage is None
    assert c.read("Questions? Contact sender").stage is None


def test_future_wording_does_not_name_a_stage_that_has_not_happened() -> None:
    c = Classifier(
        {
            "delivered": {"match": {"delivered": 3, "zustellung erfolgt": 3}},
            "returning": {"match": {"returned to sender": 3}, "future_counts": True},
        }
    )
    assert c.read("Your parcel will be delivered tomorrow").stage is None
    assert c.read("Die Zustellung erfolgt voraussichtlich morgen").stage is None
    assert c.read("Die Zustellung erfolgt vrs. am nächsten Werktag.").stage is None
    assert c.read("Delivered, expected earlier").stage == "delivered"  # another clause
    assert c.read("Delivered soon").stage is None  # "Out for Delivery Soon" (heldout15)
    # a stage whose wording holds in the future tense
    assert c.read("Item will be returned to sender").stage == "returning"


@pytest.mark.parametrize(
    ("line", "stage"),
    [
        ("Custom Clearance Completed", "customs-released"),
        ("Import custom clearance completed", "customs-released"),  # SpeedPAK
        ("IMP CUSTOMS CLEARANCE FINISHED", "customs-released"),
        ("The customs clearance has been completed successfully.", "customs-released"),
        ("Custom clearance done", "customs-released"),
        ("Customs clearance was successfully completed.", "customs-released"),  # Hermes
        ("Die Zollabfertigung wurde erfolgreich abgeschlossen.", "customs-released"),
        ("Shipment has been cleared at customs", "customs-released"),  # DHL Parcel PL
        ("Cleared Import Customs", "customs-released"),  # UPS
        ("Package cleared by foreign customs office", "customs-released"),
        ("Cleared by the broker and released at customs", "customs-released"),
        ("Authorize Shipment Release Requested", "customs"),  # UPS: not released yet
        (
            "Import charges are due for this package. Select Pay Now (where available) or pay "
            "at delivery.",
            "customs",
        ),  # UPS (review17 E-R35b)
        ("Duties or taxes are due on this package.", "customs"),  # UPS (review16 E-R35b)
        (
            "Your shipment is being held under the General Order regulations and may be taken "
            "into Customs possession.",
            "customs",
        ),
        (
            "Registered with clearing agency; shipment release pending clearing agency review",
            "customs",
        ),
        ("Custom Clearance Initiated", "customs"),
        ("Customs clearance could not be completed", "customs"),
        ("Customs clearance will be completed soon", "customs"),
        ("Export customs clearance completed", "accepted"),  # the origin's
    ],
)
def test_a_finished_clearance_in_other_words_is_the_release(
    kb: KnowledgeBase, line: str, stage: str
) -> None:
    """review18 E-R42/E-R43/E-R44: a finished clearance written otherwise than "customs
    clearance completed" ("custom", "finished", "done", "has been completed", "cleared at
    customs") read `customs`, a parcel held, and a release asked for or pending read as
    released. Carriers' own texts (SpeedPAK, Hermes, DHL, UPS)."""
    assert classifier(kb).read(line).stage == stage


@pytest.mark.parametrize(
    ("line", "stage"),
    [
        # USPS's text before its first scan: a delivery in a "when" clause is a condition
        (
            "A status update is not yet available on your package. It will be available when "
            "the shipper provides an update or the package is delivered to USPS. Check back soon.",
            None,
        ),
        # ... but a delivery before "when" happened (review18's LOW note)
        ("Delivered to neighbour when recipient not at home", "delivered"),
        # "for final delivery" is the parcel's last leg (UPS LY, ZN; DHL eCommerce Europe
        # 302), and a delivery to an agent for it the hand-over to the company that
        # delivers (UPS SurePost F7, DHL eCommerce 642)
        ("The shipment is in transit for final delivery.", "in-destination-network"),
        ("The shipment has been handed over for final delivery", "in-destination-network"),
        (
            "Your UPS SurePost\u00ae package was delivered to an Agent for final delivery.",
            "handed-to-local-carrier",
        ),
        ("DELIVERED TO AGENT FOR FINAL DELIVERY", "handed-to-local-carrier"),
        ("Final delivery", "delivered"),
        # nothing picked up: the carrier does not have it (DHL Parcel NL)
        ("Nothing picked up by the courier", None),
        # a return that names the recipient's collection or a delivery back (DHL eCommerce)
        (
            "The shipment has no been picked up by the recipient within the defined time and "
            "will be sent back to the sender",
            "returning",
        ),
        ("The shipment has been delivered back to the business sender", "returning"),
        ("Item Successfully Delivered (Received by Sender)", "returning"),  # Pos Laju EM065
        # retrieved FROM an access point: the customer has it (UPS Mail Innovations H6)
        ("Package Retrieved from UPS Access Point\u2122", "delivered"),
        ("Package is Awaiting Customer Pick Up from UPS Access Point\u2122", "awaiting-pickup"),
        # delivered TO a pick-up place is waiting there (DHL eCommerce, UPS)
        ("DELIVERED TO PICK-UP LOCATION \u2013 CUSTOMER NOTIFIED", "awaiting-pickup"),
        ("Delivered to Post Office for Pickup", "awaiting-pickup"),
        # the sender's own hand-over at a shop is the acceptance, not a parcel waiting there
        ("The shipment has been handed in at the #PAKETSHOPNAME# ParcelShop.", "accepted"),
        ("Sender tendered the shipment to UPS after the latest pickup time", "accepted"),
    ],
)
def test_a_delivery_that_has_not_happened_is_no_delivery(
    kb: KnowledgeBase, line: str, stage: str | None
) -> None:
    """review18 E-R43a/E-R44: carriers' own texts read `delivered` (or `accepted`) for a
    parcel not delivered (or not picked up): a delivery in a "when" clause (a condition),
    one named as the purpose ("for final delivery": the last leg, in the destination's
    network, or a hand-over to the company that delivers), a pick-up after "nothing" (a
    negation), and a return that names the recipient's collection or a delivery back to
    the sender (`returning` overrides `delivered`)."""
    assert classifier(kb).read(line).stage == stage


@pytest.mark.parametrize(
    ("line", "stage"),
    [
        # a delivery option booked is no delivery (UPS 115, 120) ...
        ("Reschedule Delivery Confirmed", None),
        ("Saturday Delivery Confirmed", None),
        ("Delivery confirmed", "delivered"),
        # ... nor one at a later date (Hermes 080002002, 080004002)
        (
            "At the request of the recipient, the shipment will be kept #AM# #ORT# and delivered "
            "at a later date.",
            None,
        ),
        (
            "Auf Wunsch des Empfängers wird die Sendung #AM# #ORT# aufbewahrt und zu einem "
            "späteren Zeitpunkt zugestellt.",
            None,
        ),
        ("Die Sendung wird Ihnen heute zugestellt.", "out-for-delivery"),
        ("Die Sendung wurde später als geplant zugestellt.", "delivered"),
        # delivered to the wrong place: a missort (Hermes 100006003, 100007003)
        (
            "The shipment has been delivered to the wrong location and will be redirected "
            "accordingly. Delivery is delayed.",
            "missent",
        ),
        # on its way back to the client (the sender): a return (Hermes 100003003 ...)
        ("The shipment is on its way back to the client.", "returning"),
        ("Die Sendung befindet sich auf dem Rückweg zum Auftraggeber.", "returning"),
        (
            "The shipment is on its way back to the client because it was not collected from "
            "the Hermes ParcelShop.",
            "returning",
        ),
        (
            "Der Empfänger wurde wiederholt nicht angetroffen. Die Sendung befindet sich auf "
            "dem Rückweg zum Auftraggeber.",
            "returning",
        ),
        (
            "The shipment is on its way back to the nearest Hermes distribution centre.",
            "in-destination-network",
        ),
        # a drop-off that has not happened (DHL Parcel NL)
        ("Ready for drop off by the sender", "label-created"),
        ("Period expired for drop off at DHL ServicePoint by the sender", None),
    ],
)
def test_a_booking_a_later_delivery_or_a_return_in_carriers_words(
    kb: KnowledgeBase, line: str, stage: str | None
) -> None:
    """review18 E-R43a/E-R44: carriers' own texts read `delivered`, an attempt or waiting:
    a delivery option confirmed, a delivery at a later date ("zu einem späteren
    Zeitpunkt": in the future), a delivery to the wrong place, the way back to the
    client (the sender), a drop-off not made."""
    assert classifier(kb).read(line).stage == stage


@pytest.mark.parametrize(
    ("line", "stage"),
    [
        ("ENROUTE TO ORIGIN RETURN FACILITY", "returning"),
        ("ARRIVED AT ORIGIN RETURN FACILITY", "returning"),
        ("DEPARTED RETURN FACILITY", "returning"),
        ("OUT FOR RETURN", "returning"),
        ("Out for delivery to sender", "returning"),  # heldout15's mechanism (session 20)
        ("Out for delivery to the shipper", "returning"),
        # a refusal is not tried again: it goes back (was delivery-attempted)
        ("Undelivered - Customer refused", "returning"),
        ("UNDELIVERABLE - CUSTOMER REFUSED SHIPMENT", "returning"),  # DHL eCommerce 611
        ("ATTEMPTED RETURN DELIVERY", "returning"),
        ("RETURNS DELIVERED", "returning"),
        # a holding time that has expired: it goes back (UPS 6C), not one still running (5G)
        (
            "The maximum days to hold the package at the UPS Access Point\u2122 location "
            "expired. The package will be returned.",
            "returning",
        ),
        (
            "The package remains at the UPS Access Point\u2122 location and is reaching the "
            "maximum days allowed to be held.",
            "awaiting-pickup",
        ),
        # a delivery round that names the return (RTS: return to sender)
        ("On Vehicle for Delivery (RTS)", "returning"),
        ("On Vehicle for Delivery", "out-for-delivery"),
        ("DELIVERED", "delivered"),
        ("ATTEMPTED DELIVERY", "delivery-attempted"),
    ],
)
def test_the_return_leg_in_carriers_words_is_a_return(
    kb: KnowledgeBase, line: str, stage: str
) -> None:
    """DHL eCommerce's statuses of the way back (its 811-860, karrio's copy of DHL's
    list): a return facility, "out for return", a return delivery (attempted, or done:
    the return has reached the sender) read nothing, an attempt, or delivered; a delivery
    round marked "(RTS)" read out for delivery (`returning` overrides it)."""
    assert classifier(kb).read(line).stage == stage


@pytest.mark.parametrize(
    ("line", "stage"),
    [
        # customs marked as the export's is the origin's (Pos Laju EM083-EM085, Hermes)
        ("Customs Inspection (Export)", "accepted"),
        ("Detained by Customs (Export)", "accepted"),
        ("Customs Released (Export)", "accepted"),
        ("Customs Released (Import)", "customs-released"),
        ("Customs Export for the shipment was created.", "accepted"),
    ],
)
def test_customs_marked_as_the_export_s_is_the_origin_s(
    kb: KnowledgeBase, line: str, stage: str | None
) -> None:
    """review18's Pos Laju addendum: "(Export)" after a customs status and Hermes'
    "Customs Export" are the export's customs, in the origin (`accepted`, as "export
    customs clearance complete"), never the destination's; the "(Import)" twin stays the
    destination's."""
    assert classifier(kb).read(line).stage == stage


def test_not_found_on_a_line_of_an_attempt_is_the_address_not_the_record(
    kb: KnowledgeBase,
) -> None:
    """review18's LOW note: egon's code 13 "Undelivered mail - incomplete / not found" read
    as no such number (`none`); `delivery-attempted` overrides it. "Not found" alone stays
    the carrier's answer that it has no record."""
    c = classifier(kb)
    assert c.read("Undelivered mail - incomplete / not found").stage == "delivery-attempted"
    assert c.read("Not found").stage == "none"
    assert c.read("Tracking number not found").stage == "none"


def test_a_phrase_after_a_heading_names_where_the_parcel_goes() -> None:
    c = tiny(
        **{"awaiting-pickup": {"packstation": 2}, "export": {"on its way to the country": 3}},
    )
    assert c.read("Die Sendung befindet sich auf dem Weg zur Packstation.").scores == {}
    assert c.read("正发往 packstation").scores == {}
    assert c.read("Die Sendung liegt in der Packstation").stage == "awaiting-pickup"
    # a phrase that holds the heading itself still counts
    assert c.read("On its way to the country").stage == "export"
    # a heading in another clause does not reach
    assert c.read("On its way to Berlin, ready in the Packstation").stage == "awaiting-pickup"


def test_phrases_together_in_a_clause_name_a_stage_over_each_alone() -> None:
    c = tiny(
        **{"awaiting-pickup": {"delivered & parcelshop": 4, "parcelshop": 2}},
        **{"delivered": {"delivered": 3, "empfänger & abgeholt": 4}},
    )
    assert c.read("The parcel has been delivered at the ParcelShop.").stage == "awaiting-pickup"
    # in two clauses they are two readings
    assert c.read("ParcelShop: delivered").scores == {"awaiting-pickup": 2, "delivered": 3}
    assert c.read("Delivered").stage == "delivered"
    line = "Der Empfänger hat die Sendung aus der PACKSTATION abgeholt."
    assert c.read(line).stage == "delivered"
    # in any order, but all in one clause, and not turned by a negation
    assert c.read("Parcelshop, not delivered").scores == {"awaiting-pickup": 2}
    assert c.read("abgeholt vom Empfänger").stage == "delivered"


def test_negations_of_french_and_italian() -> None:
    c = tiny(delivered={"livré": 3, "consegnato": 3})
    assert c.read("Colis non livré").stage is None
    assert c.read("Non consegnato").stage is None


@given(st.text(max_size=200))
def test_a_line_s_words_carry_their_clause_sentence_and_run(text: str) -> None:
    from parcel_doctor.events.text import BREAK, line_words

    parsed = line_words(text)
    n = len(parsed.words)
    assert len(parsed.clause) == len(parsed.sentence) == len(parsed.capitals) == n
    assert len(parsed.part) == n and parsed.part == sorted(parsed.part)
    assert parsed.clause == sorted(parsed.clause) and parsed.sentence == sorted(parsed.sentence)
    # without brackets, the words are the words the classifier compares, in order
    if not any(c in text for c in "【】[]\u3014\u3015"):
        assert [w for w in parsed.words if w != BREAK] == match_words(text)


def test_a_full_stop_after_one_letter_ends_no_clause() -> None:
    # "U.S. Postal Service" is one name: the phrases around it stay in one clause
    c = tiny(**{"handed-to-local-carrier": {"accepted by & postal service": 4}})
    assert c.read("Accepted by U.S. Postal Service").stage == "handed-to-local-carrier"
    assert len(set(line_words("Accepted by U.S. Postal Service").clause)) == 1
    assert len(set(line_words("Delivered. Thank you").sentence)) == 2


def test_trade_mark_signs_are_not_part_of_a_word() -> None:
    assert words("UPS Access Point™ location") == ["ups", "access", "point", "location"]
    assert words("My Choice®") == ["my", "choice"]
    c = tiny(**{"awaiting-pickup": {"delivered & access point": 4}})
    assert c.read("Delivered to UPS Access Point™.").stage == "awaiting-pickup"


def test_each_line_of_an_event_is_a_sentence_of_its_own() -> None:
    c = tiny(
        **{"delivered": {"delivered": 3}, "delivery-attempted": {"left at front door": 1}},
        **{"out-for-delivery": {"out for delivery": 3}},
    )
    assert c.read("Delivered\nLeft at front door").stage == "delivered"
    assert c.read("In transit\nOut for delivery").stage == "out-for-delivery"


def test_a_wording_written_twice_counts_once() -> None:
    c = tiny(**{"delivery-attempted": {"destinatário ausente": 3, "destinatario ausente": 3}})
    assert c.read("Destinatário ausente").scores == {"delivery-attempted": 3}


def test_every_shipped_phrase_has_words_to_match(kb: KnowledgeBase) -> None:
    """A phrase that folds to nothing (only punctuation or articles) would never match;
    none of the shipped wording, nor any part of a phrase written with " & ", is one."""
    for stage_id, stage in kb.stages.items():
        for text, weight in stage.get("match", {}).items():
            for part in text.split(" & "):
                assert compile_phrase(stage_id, part, weight) is not None, (stage_id, text)


def test_a_german_or_dutch_auxiliary_puts_a_clause_final_participle_in_the_future() -> None:
    c = tiny(
        delivered={"zugestellt": 3, "bezorgd": 3},
        **{"in-destination-network": {"zustellbasis": 3}},
    )
    assert c.read("Ihre Sendung wird zugestellt").stage is None
    assert c.read("Ihre Sendung wird Ihnen heute durch Ihre Zustellkraft zugestellt.").stage is None
    assert c.read("Je pakket wordt vandaag bezorgd").stage is None
    assert c.read("Ihre Sendung wurde zugestellt").stage == "delivered"
    # the place does not end the clause: "wird ... transportiert" is about the next step
    line = "Die Sendung ist angekommen und wird zur Zustellbasis transportiert."
    assert c.read(line).stage == "in-destination-network"


def test_a_german_participle_before_werden_is_yet_to_be_done(kb: KnowledgeBase) -> None:
    """A passive infinitive names what is to be done: Hermes' 080005003 "... da mehrere
    zusammengehörige Sendungen gleichzeitig ausgeliefert werden sollen" (kept until the
    related shipments can be delivered together) read delivered."""
    c = tiny(delivered={"ausgeliefert": 3, "in der filiale abgeholt": 3})
    assert c.read("Die Sendungen sollen gleichzeitig ausgeliefert werden.").stage is None
    assert c.read("Die Sendung kann in der Filiale abgeholt werden.").stage is None
    assert c.read("Die Sendung wurde ausgeliefert.").stage == "delivered"
    line = (
        "Die Sendung wird #AM# #ORT# aufbewahrt, da mehrere zusammengehörige Sendungen "
        "gleichzeitig ausgeliefert werden sollen. Es wird auf die weiteren Sendungen gewartet."
    )
    assert classifier(kb).read(line).stage is None
    # ... and a negation's phrase that holds "werden" is still read
    assert classifier(kb).read("Die Sendung konnte nicht zugestellt werden.").stage == (
        "delivery-attempted"
    )


def test_an_auxiliary_read_as_a_part_of_the_phrase_is_no_future() -> None:
    c = tiny(
        delivered={"zugestellt": 3},
        **{"out-for-delivery": {"wird & zugestellt": 3}},
    )
    assert c.read("Ihre Sendung wird zugestellt").stage == "out-for-delivery"
    assert c.read("Ihre Sendung wurde zugestellt").stage == "delivered"
    # a word of the future beside it still is one
    assert c.read("Die Sendung wird voraussichtlich zugestellt").stage is None


def test_a_stage_named_under_a_condition_is_no_event() -> None:
    c = Classifier(
        {
            "returning": {"match": {"returned to sender": 3}, "future_counts": True},
            "awaiting-pickup": {"match": {"available for pick up": 3}},
        }
    )
    line = "Final Notice; Item will be returned to sender if not collected within 10 days"
    assert c.read(line).stage is None
    assert c.read("Item will be returned to sender").stage == "returning"
    assert c.read("Available for pick up, returned to sender if not collected").stage == (
        "awaiting-pickup"
    )


def test_a_stage_overrides_the_one_it_follows_in_the_same_line() -> None:
    stages = {
        "delivery-attempted": {"match": {"unable to deliver": 3}},
        "returning": {
            "match": {"returned to sender": 3},
            "future_counts": True,
            "overrides": ["delivery-attempted"],
        },
    }
    c = Classifier(stages)
    line = "Sorry, we were unable to deliver this item. It will now be returned to the sender."
    assert c.read(line).stage == "returning"
    assert c.read("Sorry, we were unable to deliver this item.").stage == "delivery-attempted"
    # without `overrides` the first sentence decides
    del stages["returning"]["overrides"]
    assert Classifier(stages).read(line).stage == "delivery-attempted"


def test_a_stage_overrides_one_it_ties_with_in_one_clause() -> None:
    # no sentence decides ("Ready to be collected at your local Post Office" names both
    # equally): the stage that follows still overrides the one it comes after
    stages = {
        "in-destination-network": {"match": {"local post office": 3}},
        "awaiting-pickup": {
            "match": {"ready to be collected": 3},
            "future_counts": True,
            "overrides": ["in-destination-network"],
        },
    }
    line = "Ready to be collected at your local Post Office"
    assert Classifier(stages).read(line).stage == "awaiting-pickup"
    assert Classifier(stages).read("Arrived at your local Post Office").stage == (
        "in-destination-network"
    )
    del stages["awaiting-pickup"]["overrides"]
    assert Classifier(stages).read(line).stage is None


def test_a_pickup_at_the_local_office_is_waiting_for_collection(kb: KnowledgeBase) -> None:
    read = classifier(kb).read
    for line in (
        "Ready to be collected at your local Post Office",
        "Awaiting collection at your local Post Office",
    ):
        assert read(line).stage == "awaiting-pickup", line
    assert read("Arrived at your local Post Office").stage == "in-destination-network"


def test_every_override_names_a_stage(kb: KnowledgeBase) -> None:
    for stage in kb.stages.values():
        assert set(stage.get("overrides", ())) <= set(kb.stages) - {stage["id"]}


def test_a_romance_participle_matches_its_other_gender() -> None:
    c = tiny(returning={"devuelto": 3}, exception={"extraviada": 3}, label={"data": 3})
    assert c.read("DEVUELTA AL CLIENTE").stage == "returning"
    assert c.read("Envíos devueltos").stage == "returning"
    assert c.read("Objeto extraviado").stage == "exception"
    # short words keep their own meaning ("data", "dato")
    assert c.read("dato").stage is None


@pytest.mark.parametrize(
    ("line", "stage"),
    [
        ("ENTREGADO EN ASM PARCELSHOP", "awaiting-pickup"),
        ("DEPOSITADO REPARTIDOR PICK UP", "awaiting-pickup"),
        ("CONFISCADO P/ADUANA", "exception"),
        ("EXPEDICIÓN EXTRAVIADA", "exception"),
        ("DESTINATARIO DESCONOCIDO", "delivery-attempted"),
        ("Die Sendung wurde zum Weitertransport aus der PACKSTATION entnommen.", "accepted"),
        ("Ihr Paket kommt heute zwischen 12:00 und 13:00 Uhr.", "out-for-delivery"),
        ("Shipment accepted by airline", "export"),
        ("Objeto não entregue - endereço não encontrado", "delivery-attempted"),
        ("伝票番号未登録", "none"),
        ("配送完了", "delivered"),
        ("No shipments found for the given tracking number", "none"),
        ("Je pakket ligt klaar bij PostNL-punt", "awaiting-pickup"),
        ("Afgehaald bij PostNL-punt", "delivered"),
        ("Bezorging niet gelukt, pakket gaat naar PostNL-punt", "delivery-attempted"),
        ("La spedizione è stata presa in carico", "accepted"),
        ("In restituzione al mittente", "returning"),
        ("Article ramassé par Postes Canada", "accepted"),
        ("お荷物のお届けが完了致しました。", "delivered"),
        ("您的订单开始处理", "label-created"),
        ("商家正通知快递公司揽件", "label-created"),
        ("En poder del cartero", "out-for-delivery"),
        ("Votre courrier est déposé dans la boîte à lettres du destinataire.", "delivered"),
        ("Przesyłka została doręczona", "delivered"),
        ("Przesyłka zostanie dziś do Państwa doręczona", "out-for-delivery"),
        ("InPost - Paczka umieszczona w Paczkomacie", "awaiting-pickup"),
    ],
)
def test_published_wording_of_carriers_added_in_the_fifth_session(
    kb: KnowledgeBase, line: str, stage: str
) -> None:
    assert classifier(kb).read(line).stage == stage


@pytest.mark.parametrize(
    ("line", "stage"),
    [
        # La Poste Suivi API events: delivered to the sender, a problem resolved
        ("Distribué à l'expéditeur", "returning"),
        ("Problème résolu", None),
        ("En attente d'être retiré au guichet", "awaiting-pickup"),
        # customs in the country of origin is export customs, part of the posting stage
        ("The shipment has cleared customs in the country of origin.", "accepted"),
        ("Die Sendung wurde durch den Zoll im Ursprungsland freigegeben.", "accepted"),
        ("The shipment has cleared customs in the destination country.", "customs-released"),
        # a German/English "Depot" is a facility, not the French dépôt (a posting)
        ("Ankunft im GLS Depot", None),
        # ("Ausführung" is no "Ausfuhr": not export; the directions it needs, since the
        # eleventh session, a failed delivery)
        (
            "Zur Ausführung der Zustellung ist eine Wegbeschreibung erforderlich.",
            "delivery-attempted",
        ),
        # Correios SRO statuses
        ("Desistência de postagem pelo remetente", "exception"),
        ("A entrega não pode ser efetuada - Cliente mudou-se", "delivery-attempted"),
        ("Destinatário não retirou objeto na Unidade dos Correios", "returning"),
        ("Remetente não retirou objeto na Unidade dos Correios", "exception"),
        # PostNL phases, InPost and Allegro states, Zippin states, Japan Post and Yamato
        ("Zending in ontvangst genomen", "accepted"),
        ("Zending niet afgeleverd", "delivery-attempted"),
        ("Zending beschikbaar op afhaallocatie", "awaiting-pickup"),
        ("Zending afgehaald van Postkantoor", "delivered"),
        ("Retour Onbestelbaar", "returning"),
        ("Przygotowana przez Nadawcę.", "label-created"),
        ("Przekazano do doręczenia.", "out-for-delivery"),
        ("Przesyłka dostarczona do punktu", "awaiting-pickup"),
        ("Przesyłka odebrana w punkcie", "delivered"),
        ("Anulación Confirmada", "exception"),
        ("Siniestrado En Transporte", "exception"),
        ("En tránsito al remitente", "returning"),
        ("配達希望受付", None),
        ("依頼受付\uff08再配達\uff09", None),  # full-width brackets
        ("最寄局・最寄店送付", "in-destination-network"),
        # ANSI X12 status reasons
        ("Package Sorted To Wrong Route", "missent"),
        ("Hold At Location", "awaiting-pickup"),
        ("Hold at FedEx location request received", None),
        # DHL's own words for a parcel not collected from the retail outlet (it goes back);
        # a parcel not picked up YET, still held at a pickup point, is no return
        ("The recipient has not picked up the shipment from the retail outlet.", "returning"),
        (
            "The recipient has not picked up the package yet. "
            "It is being held at the UPS Access Point.",
            "awaiting-pickup",
        ),
        # seventh session: Korean carriers' status names (a Korean tracking library's
        # mappings), spacing free since each Hangul syllable is a word
        ("운송장 등록", "label-created"),
        ("집하완료", "accepted"),
        ("통관 진행중", "customs"),
        ("배송 출발", "out-for-delivery"),
        ("미배달", "delivery-attempted"),
        ("배달 완료", "delivered"),
        ("접수취소", "exception"),
        # Indonesian (KiriminAja's status mapping, Pos Indonesia's statuses)
        ("Paket sedang diantar", "out-for-delivery"),
        ("Paket telah berhasil diantar", "delivered"),
        ("Paket belum diterima oleh penerima", None),
        ("Gagal antar, alamat tidak ditemukan", "delivery-attempted"),
        # EMS's abbreviation OE (office of exchange)
        ("Departure from outward OE", "export"),
        ("Arrival at inward OE", "arrived-destination"),
        # a hand-over to the NEXT carrier is no posting
        ("Accepted by U.S. Postal Service", "handed-to-local-carrier"),
        ("Received by Air carrier", "export"),
        ("Your item has been passed to the overseas postal service for delivery", "export"),
        ("Origin Distribution Center In (Export Warehouse In)", "accepted"),
        # USPS statuses explained by shipping services; Canada Post's international events
        ("Arrival at Unit", "in-destination-network"),
        ("Undeliverable as Addressed", "delivery-attempted"),
        ("Arrived Abroad", "arrived-destination"),
        ("International shipment has arrived in a foreign country", "arrived-destination"),
        ("International item is in transit to the delivery office.", "in-destination-network"),
        ("Delivered to Destination Airport", "arrived-destination"),
        ("DEPARTURE ORIGIN DHL ECOMMERCE FACILITY", None),
        # Russian Post's operations and attributes
        ("Прием, Единичный", "accepted"),
        ("Экспорт международной почты", "export"),
        ("Импорт международной почты", "arrived-destination"),
        ("Таможенное оформление, Выпущено таможней", "customs-released"),
        ("Обработка, Прибыло в место вручения", "in-destination-network"),
        ("Обработка, Передано почтальону", "out-for-delivery"),
        ("Неудачная попытка вручения, Временное отсутствие адресата", "delivery-attempted"),
        ("Обработка, Прибыло в почтомат", "awaiting-pickup"),
        ("Вручение, Вручение адресату", "delivered"),
        ("Вручение, Вручение отправителю", "returning"),
        ("Возврат, Истёк срок хранения", "returning"),
        ("Не вручено", None),  # noqa: RUF001 (Russian letters)
        ("Обработка, Покинуло сортировочный центр", None),
        ("Ожидает отправления", "label-created"),
        # "their" is left out of phrases: "picked up their package" read a courier's
        # "Picked up Package successfully picked up" as a delivery
        ("Picked up Package successfully picked up", "accepted"),
        ("The receiver has picked up their package.", "delivered"),
        ("배송접수", None),
        ("반품접수", None),
        # JNE's statuses explained; a forwarder's Chinese labels for Colissimo's events
        ("Paket telah di input (manifested) di Jakarta Selatan", "accepted"),
        ("RECEIVED ON DESTINATION", "in-destination-network"),
        ("CLOSED ONCE DELIVERY ATTEMPT", "delivery-attempted"),
        ("包裹分拣错误，现已重新派送", "missent"),  # noqa: RUF001 (the page's own comma)
        ("包裹未能妥投，暂存放于邮局，等待收件人领取", "awaiting-pickup"),  # noqa: RUF001
    ],
)
def test_published_wording_added_since_the_sixth_session(
    kb: KnowledgeBase, line: str, stage: str | None
) -> None:
    assert classifier(kb).read(line).stage == stage


def test_english_negative_contractions_read_as_negations() -> None:
    assert match_words("We couldn't deliver it") == ["we", "could", "not", "deliver", "it"]
    assert match_words("It won't arrive") == ["it", "will", "not", "arrive"]
    c = tiny(delivered={"delivered": 3}, attempted={"could not deliver": 3})
    assert c.read("Your parcel wasn't delivered").stage is None
    assert c.read("We couldn't deliver your parcel").stage == "attempted"
    # a lone "t" after another word is left alone
    assert match_words("AT&T") == ["at", "t"]


def test_latin_letters_with_a_stroke_fold_to_their_base_letter() -> None:
    assert words("Została ODEBRANA") == words("zostala odebrana")
    assert words("Ø") == ["o"]


def test_hints_alone_name_no_stage_and_a_phrase_twice_counts_once() -> None:
    c = tiny(
        **{"in-destination-network": {"处理中心": 1, "转运中心": 1, "到着": 1, "到着地": 2}},
    )
    assert c.read("到达苏州转运中心处理中心").stage is None  # two hints
    assert c.read("到达 处理中心 处理中心").scores == {"in-destination-network": 1}
    assert c.read("到着スキャン: 到着しました").stage is None
    assert c.read("到着地スキャン: 到着しました").stage == "in-destination-network"  # 2 + 1


def test_a_negation_right_after_a_phrase_turns_it_off() -> None:
    c = tiny(**{"out-for-delivery": {"kommt heute": 3}, "delivered": {"delivered": 3}})
    assert c.read("Ihr Paket kommt heute nicht mehr").stage is None
    assert c.read("Ihr Paket kommt heute").stage == "out-for-delivery"
    assert c.read("Delivered, not signed for").stage == "delivered"  # another clause


def test_a_phrase_of_weight_zero_names_no_stage_and_keeps_its_words() -> None:
    c = tiny(
        accepted={"受付": 2, "依頼受付": 0, "abgeholt & packstation": 0},
        **{"awaiting-pickup": {"packstation": 2}, "delivered": {"empfänger & abgeholt": 4}},
    )
    assert c.read("荷物受付").stage == "accepted"
    reading = c.read("依頼受付\uff08日・時間帯変更\uff09")  # full-width brackets
    assert reading.stage is None and reading.scores == {}
    assert c.read("Die Sendung wurde aus der PACKSTATION abgeholt").scores == {}
    assert c.read("Die Sendung liegt in der PACKSTATION").stage == "awaiting-pickup"
    line = "Der Empfänger hat die Sendung aus der PACKSTATION abgeholt"
    assert c.read(line).stage == "delivered"


def test_stages_tied_are_settled_by_the_part_of_the_line_before_a_dash() -> None:
    c = tiny(  # in the stages' normal order
        **{"in-destination-network": {"unidade de distribuição": 3}},
        delivered={"entregue": 3},
    )
    line = "Objeto entregue ao destinatário - Unidade de Distribuição, NITEROI - RJ"
    assert c.read(line).stage == "delivered"
    # a tie with no dash between the two stays "cannot tell", and so does a tie in one part
    assert c.read("Objeto entregue, Unidade de Distribuição").stage is None
    assert c.read("X - Objeto entregue na Unidade de Distribuição").stage is None
    # the stage named first must be the furthest step: two steps, the older first, stay
    # "cannot tell" ("Out for delivery - Delivery attempted")
    assert c.read("Unidade de Distribuição - Objeto entregue").stage is None


def test_more_negations_and_infinitives_of_what_has_not_happened() -> None:
    c = tiny(accepted={"annahme": 2}, delivered={"livré": 3, "entregue": 3})
    assert c.read("Aufbewahrung im Depot da keine Annahme an diesem Tag").stage is None
    assert c.read("Annahme im Depot").stage == "accepted"
    line = "Votre colis est en transit pour vous être livré le plus rapidement possible."
    assert c.read(line).stage is None
    assert c.read("Votre colis a été livré").stage == "delivered"
    assert c.read("Objeto aguardando para ser entregue").stage is None
    # a negating determiner negates the noun after it, never a phrase before it
    assert c.read("Annahme keine Gebühr").stage == "accepted"
    assert c.read("Livré aucune signature requise").stage == "delivered"
    assert c.read("Objeto entregue nenhuma pendência").stage == "delivered"
    # "vient d'être", "acaba de ser": an infinitive of the recent past, not the future
    assert c.read("Votre colis vient d'être livré").stage == "delivered"
    assert c.read("Seu objeto acaba de ser entregue").stage == "delivered"
    # "about to": the future; 待 (waiting to be): not yet done; 拒 (refused): turned round
    c = tiny(delivered={"delivered": 3})
    assert c.read("Shipment about to be delivered by van driver").stage is None
    assert c.read("Shipment delivered by van driver").stage == "delivered"
    # "to be delivered": the English infinitive is what is yet to happen (Royal Mail's "Due
    # to be delivered today", DPD's "Parcel dispatched to be delivered")
    assert c.read("Due to be delivered today").stage is None
    assert c.read("Parcel dispatched to be delivered").stage is None
    assert c.read("Your item has been delivered").stage == "delivered"
    c = Classifier(
        {
            "delivered": {"match": {"签收": 3}},
            "returning": {"match": {"退还给寄件人": 3}, "future_counts": True},
        }
    )
    assert c.read("该包裹在法邮注册，等待签收").stage is None  # noqa: RUF001 (the page's own comma)
    assert c.read("收件人拒绝签收，包裹将退还给寄件人").stage == "returning"  # noqa: RUF001
    assert c.read("已签收").stage == "delivered"


def test_dutch_and_english_headings_say_where_the_parcel_goes() -> None:
    c = tiny(**{"arrived-destination": {"land van bestemming": 3, "destination country": 2}})
    assert c.read("zending is klaar voor verzending naar land van bestemming").stage is None
    assert c.read("International item being forwarded to destination country").stage is None
    assert c.read("Aangekomen in land van bestemming").stage == "arrived-destination"


def test_a_negation_inside_one_part_of_a_set_does_not_turn_off_the_others() -> None:
    c = tiny(none={"could not locate & tracking information": 3})
    line = "The Postal Service could not locate the tracking information for your request."
    assert c.read(line).stage == "none"
    assert c.read("We did not find the tracking information").stage is None


@pytest.mark.parametrize(
    ("line", "stage"),
    [
        ("Votre numéro est inconnu. Veuillez le ressaisir en respectant le format.", "none"),
        ("Es wurden keine Paketdaten in der aktuellen Datenbank gefunden!", "none"),
        ("Object is niet gevonden op dit moment.", "none"),
        ("Adres niet gevonden", None),  # an address not found is no unknown number
        ("L'oggetto al momento non è stato trovato.", "none"),
        ("超时未自提。", "returning"),
        ("派送已取消", "exception"),
        ("Przesyłka gotowa do odbioru", "awaiting-pickup"),
        ("Przesyłka przygotowana do odbioru przez kuriera", None),
        ("Paczka odebrana przez kuriera", "accepted"),
        ("Sono in corso delle verifiche sulla spedizione", "exception"),
    ],
)
def test_not_found_and_other_wording_of_the_sixth_session(
    kb: KnowledgeBase, line: str, stage: str | None
) -> None:
    assert classifier(kb).read(line).stage == stage


def test_a_cjk_phrase_naming_a_date_field_is_no_event() -> None:
    c = tiny(delivered={"配達完了": 3}, **{"delivery-attempted": {"再配達": 2}})
    assert c.read("配達完了日\u3000\u3000\uff1a営業所へお問い合わせください。").stage is None
    assert c.read("再配達希望日時\uff1a12月06日\u300019時~21時").stage is None
    assert c.read("配達完了").stage == "delivered"
    assert c.read("12月06日 配達完了").stage == "delivered"


@pytest.mark.parametrize(
    ("line", "stage"),
    [
        # the end of the journey named beside an international sorting centre or an
        # office of exchange (EMSEVT EMB / EMC / EMD / EMF)
        ("Arrived at the international sorting centre in the country of origin", "accepted"),
        ("Departed from the international sorting center in the country of origin", "export"),
        ("Arrived at international sorting center in destination country", "arrived-destination"),
        (
            "Departed international sorting center in the destination country",
            "in-destination-network",
        ),
        ("Salida de la oficina de cambio de destino", "in-destination-network"),
        ("Llegada a la oficina de cambio de origen", "accepted"),
        ("Salida de oficina de cambio", "export"),
        # the next carrier's acceptance is no posting; its name alone is no hand-over
        ("Accepted by the destination post", "arrived-destination"),
        ("Received by the local delivery company", "handed-to-local-carrier"),
        ("Shipment accepted by the delivery carrier", "handed-to-local-carrier"),
        ("Your item is being sorted by the local delivery provider", None),
        ("Item accepted by the carrier", "accepted"),
        # onward transport TO a place is not being there: on the way to the destination
        # country, the leg between (twenty-second session: export's ">@destination country")
        ("Handed over for further transportation to the destination country", "export"),
        ("Arrived in the destination country", "arrived-destination"),
        # delivered at the sender: a return's end; to a pick-up point, a parcel waiting
        ("Delivered at the sender", "returning"),
        ("Delivered to the PUDO", "awaiting-pickup"),
        ("Delivered to DHL ServicePoint", "awaiting-pickup"),
        ("Your parcel was delivered to the parcel locker", "awaiting-pickup"),
        ("Collected at the DHL ServicePoint by the recipient", "delivered"),
        ("Picked up from the locker by the consignee", "delivered"),
        # GLS: the storage time at the ParcelShop is over, the parcel goes back
        ("The parcel has reached the maximum storage time in the ParcelShop.", "returning"),
        ("Das Paket hat die maximale Lagerfrist im PaketShop erreicht.", "returning"),
        ("Aufbewahrung im GLS Depot Lagerfrist im Paket Shop überschritten", "returning"),
        ("The parcel has been delivered at the ParcelShop", "awaiting-pickup"),
        # "cannot" is "can not": a negation
        ("The item cannot be returned to the sender", None),
        ("The item can be returned to the sender", "returning"),
        # "about" is the future only before "to": information ABOUT the item is no plan
        ("We have received information about your item from the sender", "label-created"),
        ("Your item is about to be collected from the sender", None),
        # the local company's office is no company
        ("Received by the local delivery office", "in-destination-network"),
        # a Correios unit printed after the status is its place, not the stage
        ("Objeto entregue ao destinatário Unidade de Distribuição/VITORIA/ES", "delivered"),
        (
            "Objeto saiu para entrega ao destinatário Unidade de Distribuição/VITORIA/ES",
            "out-for-delivery",
        ),
    ],
)
def test_wording_of_the_eighth_session(kb: KnowledgeBase, line: str, stage: str | None) -> None:
    assert classifier(kb).read(line).stage == stage


@pytest.mark.parametrize(
    ("line", "stage"),
    [
        # USPS's short statuses (Web Tools event names): reasons at the address are a
        # failed delivery, unclaimed or recalled items go back
        ("No Such Number", "delivery-attempted"),
        ("Moved, Left No Address", "delivery-attempted"),
        ("Forward Expired", "delivery-attempted"),
        ("Vacant", "delivery-attempted"),
        ("Address vacant, item held", None),
        ("No Secure Location Available", "delivery-attempted"),
        ("Recipient unavailable, delivery delayed", "delivery-attempted"),
        ("Unclaimed", "returning"),
        ("Unclaimed/Being Returned to Sender", "returning"),
        ("Not Picked Up", "returning"),
        ("Customer Recall", "returning"),
        ("Dead Letter", "exception"),
        ("Mis-shipped", "missent"),
        ("Manifest Acknowledgement", "label-created"),
        ("Picked Up By Agent", "delivered"),
        ("Picked up by the carrier", "accepted"),
        # a delivery to a neighbour is a delivery; TO the carrier's own office it is not
        ("Your parcel was received by your neighbour", "delivered"),
        ("Delivered to neighbour at number 12", "delivered"),
        ("Item delivered to the local delivery office", "in-destination-network"),
        # a refusal by the recipient goes back, even worded as a failed delivery
        ("Not delivered: recipient rejected the parcel", "returning"),
        # back to the carrier's own hub after a failed round: no return to the sender
        ("Delivery failed. Item will be returned to the sorting hub", "delivery-attempted"),
        ("Item will be returned to the sender", "returning"),
        # placed in a locker or a postomat: waiting to be collected
        ("Item deposited in parcel locker 12", "awaiting-pickup"),
        ("Parcel has arrived at the postomat", "awaiting-pickup"),
        # German present: "wird zugestellt" is the delivery under way; tomorrow is not
        ("Die Sendung wird zugestellt", "out-for-delivery"),
        ("Die Sendung wird morgen zugestellt", "in-destination-network"),
        (
            "Die Sendung wird für die Verladung ins Zustellfahrzeug vorbereitet",
            "in-destination-network",
        ),
        ("Die Sendung wurde in das Zustellfahrzeug geladen", "out-for-delivery"),
        (
            "Die Sendung befindet sich an der Grenzstelle des Bestimmungslandes",
            "arrived-destination",
        ),
        # Royal Mail's event names (RMCO, RMRM, RMW0-RMW8, RM*A)
        ("OUT ON FIRST DELIVERY", "out-for-delivery"),
        ("Out on rural delivery", "out-for-delivery"),
        ("RECEIVED AT DELY OFFICE", "in-destination-network"),
        ("DESPATCHED OVERSEAS", "export"),
        ("RECEIVED COLLECTION", "accepted"),
        ("TO RETURNED LETTER BRANCH", "returning"),
        ("Item is waiting to be collected", "awaiting-pickup"),
        ("Due to be delivered today", "out-for-delivery"),
        ("Item Despatched to DO", "in-destination-network"),
        ("What to do if your item is despatched", None),
        # ShipStation's status wording
        ("Your shipment pickup has been scheduled.", "label-created"),
        ("Delivery confirmed.", "delivered"),
        ("Your shipment is now in the carrier's system.", "label-created"),
        ("Your shipment is with the local delivery partner.", "handed-to-local-carrier"),
        ("Your shipment has been left in your designated safe place.", "delivered"),
        ("Sorry, we were unable to deliver your item to your safe place", "delivery-attempted"),
        ("Your shipment has been cancelled.", "exception"),
        (
            "Delivery couldn't be completed due to issues with accessing address.",
            "delivery-attempted",
        ),
        # lockers, pick-up stations and post offices: waiting there, or collected there
        ("Arrived at the locker", "awaiting-pickup"),
        ("Collected at the locker", "delivered"),
        ("The Parcel has been placed in the Pickup Station", "awaiting-pickup"),
        ("Collected at the post office", "delivered"),
        ("Afgeleverd bij een UPS Access Point", "awaiting-pickup"),
        # Andreani's states, InPost's and UPS's registrations
        ("Pendiente de ingreso", "label-created"),
        ("Ingreso al circuito operativo", "accepted"),
        ("En distribución", "out-for-delivery"),
        ("Visita - No se encuentra el titular", "delivery-attempted"),
        ("Your parcel is ready for acceptance", "label-created"),
        ("Your parcel has been created.", "label-created"),
        ("Label aangemaakt", "label-created"),
        # an attempt whose outcome is the delivery
        ("INTENTO DE ENTREGA - ENTREGADO", "delivered"),
        ("Delivery attempted - not delivered", "delivery-attempted"),
        # delivered TO a local provider is the hand-over; BY one, the delivery
        ("Item delivered to the local delivery provider", "handed-to-local-carrier"),
        ("Item delivered by the local delivery partner", "delivered"),
        # Polish, Ukrainian (the apostrophe inside a word), Russian, Finnish
        ("Przesyłka wydana do doręczenia", "out-for-delivery"),
        ("Видано кур'єру", "out-for-delivery"),
        ("Видано курʼєру", "out-for-delivery"),
        ("Экспорт", "export"),
        ("Импорт", "arrived-destination"),
        ("Lähetys on luovutettu vastaanottajalle", "delivered"),
        ("Lähetys on noudettavissa", "awaiting-pickup"),
        ("Lähetys ei ole vielä saapunut Postille", "label-created"),
        # a release is no hold: customs-released (reason's stage, session 9) ...
        ("Released by customs", "customs-released"),
        ("Customs clearance completed", "customs-released"),
        ("Clearance processing complete at LEIPZIG - GERMANY", "customs-released"),
        ("International shipment release - Import", "customs-released"),
        ("清关完成", "customs-released"),
        ("Die Postverzollung wurde abgeschlossen.", "customs-released"),
        # ... while presentation, holds and clearance under way stay customs
        ("Held by customs", "customs"),
        ("Customs clearance in progress", "customs"),
        ("Item presented to import customs", "customs"),
        # an export clearance finished is still the origin's step
        ("Export customs clearance complete", "accepted"),
        # Correios' release waits for the rules' pay step for Brazil (review9 E4)
        ("Fiscalização aduaneira finalizada", "customs"),
        # tenth session: heldout8's miss kinds
        # a hold for a document customs needs is customs, not a problem (Colissimo DOU*)
        ("Certificat d'origine manquant, votre colis est bloqué. Etude du dossier", "customs"),
        ("Licence d'importation requise, votre colis est bloqué", "customs"),
        ("Votre colis est retenu pour un problème de facture", "customs"),
        ("Votre colis sera livré contre paiement d'une taxe douanière", "customs"),
        # ... while a seizure by the customs authorities is a problem
        ("Votre colis a été saisi par les autorités douanières", "exception"),
        # a shop written in two words; a return passing a hub; a reroute after an error
        ("Zugestellt im Paket Shop", "awaiting-pickup"),
        ("Die Retouren-Sendung wurde im Start-Paketzentrum bearbeitet", "returning"),
        ("Die Sendung wurde nicht abgeholt und wird zurückgesandt", "returning"),
        ("Die Sendung wird an den Versender zurückgeführt", "returning"),
        ("Votre colis est arrivé par erreur sur un site. Il est réacheminé", "missent"),
        ("Fehlsortierung", "missent"),
        # a parcel sent to a hub to be repacked is no return
        ("Die Sendung wird zur Nachverpackung in das Paketzentrum zurückgesandt", "exception"),
        # an address not found is a failed delivery, not an unknown number
        ("Die angegebene Anschrift konnte nicht gefunden werden", "delivery-attempted"),
        ("Empfänger ist im Urlaub", "delivery-attempted"),
        ("Ne peut être livré ce jour, l'accès à l'adresse étant impossible", "delivery-attempted"),
        # German couriers' short states (GLS, Hermes, DHL)
        ("Daten übertragen, Paket noch nicht erhalten", "label-created"),
        ("Pickup-Service Abholung erfolgt (direkt)", "accepted"),
        ("Die Sendung ist auf Tour gegangen", "out-for-delivery"),
        ("Sendung ist im Zustellstandort eingegangen", "in-destination-network"),
        ("Paket in Klärung", "exception"),
        # Czech and Slovak posts
        ("Obdrženy údaje k zásilce.", "label-created"),
        ("E-mail adresátovi - zásilka převzata do přepravy.", "accepted"),
        ("Doručování zásilky.", "out-for-delivery"),
        ("Dodání zásilky. 10003 Depo Praha 701", "delivered"),
        ("Podaná na pošte", "accepted"),
        ("Zásielka uložená na pošte Bratislava 1", "awaiting-pickup"),
        ("Zásielka vydaná adresátovi na pošte Bratislava 1", "delivered"),
        # the review's real lines (session 10): Cainiao's office of final delivery is a
        # place (E6); PostNL's request to pay, payment made, return sorted (E7)
        ("Awaiting for transit to final delivery office", "in-destination-network"),
        ("Final delivery", "delivered"),
        ("Verzoek tot betaling kosten voor zending verstuurd", "customs"),
        ("Je hebt betaald, we maken je pakket klaar voor bezorging", "customs-released"),
        ("Retourzending gesorteerd, wordt overgedragen aan afzender", "returning"),
        # Taiwan's store pick-up (ezShip), DHL's import parcel centre, Colissimo's "à disposition"
        ("已送達取件門市", "awaiting-pickup"),
        ("運往取件門市途中", "in-destination-network"),
        ("已完成取貨", "delivered"),
        ("Die Sendung hat das Import-Paketzentrum im Zielland verlassen", "arrived-destination"),
        ("Votre colis est à disposition en boîte postale", "awaiting-pickup"),
        ("Votre colis n'a pas pu être livré, il sera mis à disposition", "delivery-attempted"),
        # Austrian Post's status texts, German and English (review10 E10)
        ("Postaufgabe im Ausland", "accepted"),
        ("Sendung für Auslandstransport bereit", "accepted"),
        ("Item ready for international transport", "accepted"),
        ("Sendung in Österreich angekommen", "arrived-destination"),
        ("Item arrived in Austria", "arrived-destination"),
        ("Sendung in Bearbeitung Österreich", "in-destination-network"),
        ("Item being processed in Austria", "in-destination-network"),
        ("Item in process of delivery", "out-for-delivery"),
        # the development sets' "cannot tell" kinds (eleventh session): a page's answer for
        # an unknown number, orders and requests before the parcel, the origin's depot,
        # reasons printed alone, delivered in Japanese and Korean, delays
        ("該当なし", "none"),
        ("No data.", "none"),
        ("No data for the delivery address yet", None),  # only as the whole first clause
        ("Ship Request Received", "label-created"),
        ("Pickup order has been received by DHL", "label-created"),
        ("Colis en préparation chez l'expéditeur", "label-created"),
        ("Shipment received at origin depot", "accepted"),
        ("Verarbeitung am Abgangsort abgeschlossen", "accepted"),
        ("Arrived at inbound gateway", "arrived-destination"),
        ("配達営業所に到着", "in-destination-network"),
        ("派件扫描", "out-for-delivery"),
        ("Recipient is not present", "delivery-attempted"),
        ("Der Empfänger ist nicht im Gebäudeverzeichnis enthalten.", "delivery-attempted"),
        ("このお品物はお届けが済んでおります。", "delivered"),
        ("고객님께 물품을 전달하였습니다.", "delivered"),
        ("Livraison reportée de 24h", "exception"),
        ("prodotto non registrato", "none"),
        ("Получена информация об отправлении", "label-created"),  # noqa: RUF001 (Russian)
        ("Accept or Pickup (by carrier)", "accepted"),
        ("PROCESSO DE TRANSPORTE INICIADO", "accepted"),
        ("Item has been exported and is en route for international delivery", "export"),
        ("包裹已经离开了原籍国", "export"),
        ("到达境外目的地", "arrived-destination"),
        ("Processed for clearance at AUCKLAND - NEW ZEALAND", "customs"),
        ("委託先引渡", "handed-to-local-carrier"),
        ("Przesyłka została przyjęta w oddziale doręczającym", "in-destination-network"),
        ("ただいま配達営業所へ輸送中です。", "in-destination-network"),
        ("The postman's delivery round for your item has started", "out-for-delivery"),
        ("Directions to the address are required to complete delivery.", "delivery-attempted"),
        (
            "Final Notice; Item will be returned to sender if not collected within 10 days",
            "awaiting-pickup",
        ),
        ("Signature image recorded for Online viewing", "delivered"),
        ("Objeto em correção de rota", "missent"),
        ("Carga Aerea AER Aclaración en proceso", "exception"),
        ("Colis Inexistant", "none"),
        ("Registered parcel data, parcel not dispatched yet", "label-created"),
        ("Pendiente de recepción en CTT Express", "label-created"),
        ("Nadana przez Paczkomat/PaczkoPunkt", "accepted"),
        ("Parcel has been accepted by last mile", "handed-to-local-carrier"),
        ("배송지점에 도착하여 배송을 준비중입니다.", "in-destination-network"),
        ("Order received at local sorting centre.", None),  # the origin's, or not: no stage
        ("Deine Sendung befindet sich auf Tour.", "out-for-delivery"),
        ("Su envío no ha podido ser entregado", "delivery-attempted"),
        ("DISPONIBLE EN PUNTO DE CONVENIENCIA", "awaiting-pickup"),
        ("Shipment with incidence", "exception"),
        ("Lieferung unvollständig", "exception"),
        # UPU EDC: customs hands the item back to the post, its step done (review11 E13)
        ("Item returned from import Customs", "customs-released"),
    ],
)
def test_wording_since_the_ninth_session(kb: KnowledgeBase, line: str, stage: str | None) -> None:
    assert classifier(kb).read(line).stage == stage


def test_an_apostrophe_inside_a_ukrainian_word_joins_it() -> None:
    assert words("Видано кур`єру") == words("видано курʼєру") == ["видано", "курєру"]
    # elsewhere it still splits: English contractions and French elision
    assert words("l'avion") == ["l", "avion"]


@pytest.mark.parametrize(
    ("line", "stage"),
    [
        # review12 E-R1: USPS's release scan; its "Into" is still customs
        ("Inbound Out of Customs CHICAGO IL 60666", "customs-released"),
        ("Inbound Into Customs CHICAGO IL 60666", "customs"),
        # review12 E-R2: Canada Post, an item from abroad in Canada, then the CBSA's review
        ("Item has arrived in Canada and will be presented for review", "arrived-destination"),
        ("Item has been presented for review", "customs"),
        # review12 E-R6: Correios, the import charges paid (awaiting them stays customs)
        ("Pagamento confirmado", "customs-released"),
        ("Aguardando pagamento", "customs"),
        # review12 E-R7: India Post's acceptance and the item back from customs
        ("Item Booked", "accepted"),
        ("Item Received from Customs", "customs-released"),
        ("Item Bagged", None),
        # no delivery for the carrier's own reason is no attempt at the door: a problem, or
        # "cannot tell" beside the failed delivery's words; the recipient's absence first
        # stays the attempt
        ("Keine Zustellung aus Zeitmangel", "exception"),
        ("Entrega não efetuada por motivos operacionais", None),
        ("Force Majeure: delivery not possible", None),
        (
            "La livraison de votre colis a été reportée pour absence du destinataire ou cas "
            "de force majeure",
            "delivery-attempted",
        ),
        # the recipient or their address not found is a failed delivery, not "no such
        # parcel"; the number not found stays that
        ("Consignee not found", "delivery-attempted"),
        ("Destinataire introuvable", "delivery-attempted"),
        ("Destinatário não encontrado", "delivery-attempted"),
        ("Dirección no encontrada", "delivery-attempted"),
        ("Empfänger nicht gefunden", "delivery-attempted"),
        ("Item not found", "none"),
        # heldout9's kinds (its sources' wording: tuned) and Bring's EDI status list
        ("Zending wordt verwacht, maar zit nog niet in sorteerproces", "label-created"),
        ("Shipment is expected to be delivered tomorrow", None),  # the future, no label
        ("Export parcel center - Germany", "accepted"),
        ("Colis en traitement sur le site logistique de destination.", "in-destination-network"),
        ("Loaded onto a Distribution Vehicle", "out-for-delivery"),
        ("Votre colis est disponible", "awaiting-pickup"),
        # the development sets' wrong readings, by kind
        ("配達店へ持ち帰りました。", "delivery-attempted"),  # brought back undelivered
        ("Finalizado plazo retirada", "returning"),  # the pick-up period over
        ("EN RUTA A LOCALIDAD DE DESTINO", None),  # en route, not the delivery round
        ("En ruta", "out-for-delivery"),
        ("Created online. Waiting acceptance", "label-created"),
        ("Consignment recorded by the foreign sender (data delivered)", "label-created"),
        ("Item re-routed due to processing error; Possible delay", "missent"),
        ("配達局から出発", "out-for-delivery"),
        # review12 E-R9, E-R11, E-R12
        ("Export Scan", "export"),
        ("En trámite de Importación - Emitido aviso al destinatario", "customs"),
        ("Recibida transferencia - Trámite de importación en curso", "customs"),
        ("Import procedure estimate sent.", "customs"),
        ("Recibida documentación del destinatario", "customs"),
        ("Arrival at Swiss border point", "accepted"),  # the origin's border point
        ("Arrival at border point in the destination country", "arrived-destination"),
        ("Confirmation of receipt received", "delivered"),
        # heldout9's kinds: the seller's or web shop's dispatch is before the carrier's
        ("卖家发货", "label-created"),
        ("Votre colis a été expédié par votre webmarchand", "label-created"),
        ("No shipment has been received yet, only notification of the shipment.", "label-created"),
        ("Package has been handed in at terminal and forwarded", "accepted"),
        ("Elektronische Benachrichtigung erhalten", "label-created"),  # the sender's data
    ],
)
def test_wording_of_the_twelfth_session_review(
    kb: KnowledgeBase, line: str, stage: str | None
) -> None:
    assert classifier(kb).read(line).stage == stage


@pytest.mark.parametrize(
    ("line", "stage"),
    [
        # the UPU IPS event names (Hrvatska pošta's FAQ): "(Otb)" the origin's side, "(Inb)"
        # the destination's; the office of exchange without either names no side
        ("Receive item from customer (Otb)", "accepted"),
        ("Receive item at office of exchange (Otb)", "accepted"),
        ("Send item abroad (EDI-received)", "export"),
        ("Receive item at office of exchange (Inb)", "arrived-destination"),
        ("Receive item at office of exchange", None),
        ("Send item to customs (Inb)", "customs"),
        ("Retention reason: Invoice missing (Inb)", "customs"),
        ("Return item from customs (Inb)", "customs-released"),
        ("Send item to domestic location (Inb)", "in-destination-network"),
        ("Send item to domestic location (Otb)", None),
        ("Deliver item (Inb)", "delivered"),
        ("Deliver item (Otb)", None),  # may be an item delivered back to its sender
        ("Please deliver item to the neighbour", None),  # a request, not the delivery
        ("Insert item into bag (Otb)", None),  # heldout3 labels it neutral
        # OnTrac's own FAQ: a label OnTrac has not received, then its first scan
        ("Not yet tendered to OnTrac", "label-created"),
        ("ORIGINATION SCAN SAN FRANCISCO CA", "accepted"),
        ("Tendered to USPS", "handed-to-local-carrier"),
        # review13 E-R13, E-R14, E-R16 (geartrack's real histories): a flight boarding for the
        # destination is the dispatch abroad; SingPost's singular customs hold; customs' exit
        # is the release (Correios' "Objeto liberado" stays customs)
        ("Turkey Item was uplifted to flight to destination country.", "export"),
        ("Item Forwarded to Destination Country", "export"),
        ("Arrived in destination country", "arrived-destination"),
        # where it goes, not where it is: on its way there, as "Forwarded to" (twenty-second
        # session: export's ">@destination country")
        ("Dispatched to the destination country", "export"),
        ("Arrival to destination country", "arrived-destination"),
        ("Held by Custom", "customs"),
        ("Autorização de Saída pela Alfândega", "customs-released"),
        ("Votre colis est sorti de la douane", "customs-released"),
        ("Sortie de Douane", "customs-released"),
        ("Entrée en douane", "customs"),
        ("Objeto liberado pela alfândega", "customs"),
        # a consolidator's acceptance at USPS's destination facility is the hand-over; USPS's
        # own arrival and processing scans there are its network
        ("Accepted at USPS Destination Facility", "handed-to-local-carrier"),
        ("Arrived at USPS Destination Facility", "in-destination-network"),
        ("Processed at USPS Destination Facility", "in-destination-network"),
        # a routing note is no problem: the goods go by road (restricted goods stay one)
        ("Air-restricted product. Move by surface", None),
        ("Restricted item", "exception"),
        # Cainiao's hub at the origin, before export clearance (the linehaul office stays
        # "cannot tell": the sets and explainers put it at either end)
        ("Arrived at departure transport hub", "accepted"),
        ("Arrived at linehaul office", None),
    ],
)
def test_wording_of_the_thirteenth_session(kb: KnowledgeBase, line: str, stage: str | None) -> None:
    assert classifier(kb).read(line).stage == stage


CORREOS_IN_TRANSIT = (
    "En tránsito El envío está en nuestra red postal y próximamente se realizará su entrega "
    "al destinatario o, en caso de que existiera un evento anterior denominado 'En proceso de "
    "devolución', la entrega se realizaría para entregar el envío al remitente."
)


@pytest.mark.parametrize(
    ("line", "stage"),
    [
        # review13 E-R20, E-R19 (geartrack's real Cainiao and PostNL pages): Cainiao's
        # delivery and the round before it; PostNL's failed delivery, its words turned round
        ("Delivery success", "delivered"),
        ("In distribution", "out-for-delivery"),
        ("In distribution centre", "in-destination-network"),  # a place, not the round
        ("The delivery of the item was unsuccessful", "delivery-attempted"),
        ("Delivery unsuccessful - item returned to sender", "returning"),
        ("Delivery successful", "delivered"),
        # review13 E-R17: Correos' explanation of "En tránsito" names a return only "in case"
        # an earlier event said so; es/pt/it "caso" opens a condition
        (CORREOS_IN_TRANSIT, None),
        ("En proceso de devolución", "returning"),
        # review14 E-R21: a release whose words overlap the hold's is the release; with
        # "export" it stays the origin's
        ("Import clearance success", "customs-released"),
        ("Import clearance completed", "customs-released"),
        ("Import customs cleared", "customs-released"),
        ("Customs released", "customs-released"),
        ("Customs clearance successful", "customs-released"),
        ("Zollabfertigung abgeschlossen", "customs-released"),
        ("Export clearance success", "accepted"),
        ("Shanghai Transit Station export customs cleared", "accepted"),
        ("Not yet released by customs", "customs"),
        # review14 E-R22: sending customs data is the origin's pre-advice, no hold
        ("Transmitted customs information", None),
        ("Customs data transmitted", None),
        # review14 E-R23: Česká pošta's dispatch abroad (a real reply, RR442097828CZ to the US)
        ("Odeslání zásilky do země určení.", "export"),
        # USPS's outbound release by US customs is still the origin's step, no hold
        ("Your item has been released from US Customs", "accepted"),
        ("Item released from customs", "customs-released"),
        # review14 E-R25: USPS's return delivered back to the sender is no delivery
        ("Delivered, To Original Sender", "returning"),
        ("Delivered, In/At Mailbox", "delivered"),
    ],
)
def test_wording_of_the_fourteenth_session(kb: KnowledgeBase, line: str, stage: str | None) -> None:
    assert classifier(kb).read(line).stage == stage


def test_a_misspelt_word_reads_as_the_phrase_word_it_misspells() -> None:
    """Carriers' pages misspell: Rincos' "DELIVERD" and China EMS's "Your item was not
    delivred successfully" (heldout5, heldout9) read as nothing. A vowel left out inside
    a word, or two neighbouring letters swapped, stand for the one phrase word that near,
    for a point less; a letter changed, added or left out at the end does not (other
    words, other forms: "receiver", "procesado" for "procesando", "release")."""
    c = tiny(
        delivered={"delivered": 3},
        accepted={"received at origin": 3, "procesando": 3, "released": 3},
        **{"delivery-attempted": {"not delivered": 3}},
        exception={"clearance delayed": 2},
    )
    assert c.read("DELIVERD").stage == "delivered"
    assert c.read("Item delivred").matched == ("delivered",)
    assert c.read("Your item was not delivred successfully").stage == "delivery-attempted"
    assert c.read("Shipment Recieved at Origin").stage == "accepted"
    assert c.read("Delivered").confidence == c.read("Deliverd").confidence == 1.0
    assert c.read("Deliverd").scores == {"delivered": 2}  # a point less
    assert c.read("Clearacne delayed").stage is None  # 2 - 1: a hint alone
    for other in ("Receiver at origin", "Procesado", "Release", "Delivere", "Deliverred"):
        assert c.read(other).stage is None, other


def test_a_status_tag_in_camel_case_reads_as_its_words(kb: KnowledgeBase) -> None:
    """Tracking services print and export their status tags in camel case (AfterShip's
    "OutForDelivery", "AvailableForPickup", "AttemptFail"; 17TRACK's sub-status
    "InTransit_CustomsProcessing"): one word no phrase has, read as nothing. Such a word
    reads as the words it joins; one a phrase has whole stays a word ("PaketShop")."""
    c = tiny(
        **{"out-for-delivery": {"out for delivery": 3}},
        **{"awaiting-pickup": {"paketshop": 3, "shop": 1}},
    )
    assert c.read("OutForDelivery").stage == "out-for-delivery"
    assert c.read("OutForDelivery").text == "OutForDelivery"
    assert c.read("Zugestellt im PaketShop").matched == ("paketshop",)
    # Hermes 320001301: a parcel shop chosen for the delivery, the parcel not there yet
    assert classifier(kb).read("A PreferredParcelShop was chosen for delivery.").stage is None
    k = classifier(kb)
    assert k.read("AvailableForPickup").stage == "awaiting-pickup"
    assert k.read("AttemptFail").stage == "delivery-attempted"
    assert k.read("InTransit_CustomsProcessing").stage == "customs"


@pytest.mark.parametrize(
    ("line", "stage"),
    [
        ("Item lodged", "accepted"),
        ("Received item from Sender (Outbound)", "accepted"),
        ("Received by our network", "accepted"),
        ("Arrived at postal carrier's facility in Canada", "arrived-destination"),
        ("Received by postal carrier for delivery", "in-destination-network"),  # was accepted
        ("No one in attendance", "delivery-attempted"),
        ("Delivery location closed", "delivery-attempted"),  # was in-destination-network
        ("Arrived at delivery location", "in-destination-network"),
    ],
)
def test_australia_post_s_event_texts(kb: KnowledgeBase, line: str, stage: str) -> None:
    """Australia Post's event texts as universal-parcel-scraper lists them with their codes
    (australia-post/statuses.json): cannot tell before, or read as another stage: the post
    abroad's "Received by postal carrier for delivery" as the posting, a failed attempt at a
    closed "delivery location" as the arrival at one."""
    assert classifier(kb).read(line).stage == stage


def test_a_place_headed_for_is_not_reached_however_the_heading_is_written() -> None:
    """DHL eCommerce prints "Parcel is on it's way to our DHL ServicePoint" (heldout6): "it's"
    for "its" broke the heading "on its way to", so the place it names read as the
    parcel's stage (awaiting pick-up, before it got there); and a phrase that takes the
    heading's last word ("to pickup") escaped it."""
    c = tiny(**{"awaiting-pickup": {"servicepoint": 3, "to pickup": 2}})
    assert c.read("Parcel is on its way to our DHL ServicePoint").stage is None
    assert c.read("Parcel is on it's way to our DHL ServicePoint").stage is None
    assert c.read("Parcel is on it\u2019s way to our DHL ServicePoint").stage is None
    assert c.read("Your parcel is on its way to the pickup point").stage is None
    assert c.read("Parcel ready to pickup at the DHL ServicePoint").stage == "awaiting-pickup"
    assert c.read("It's been delivered to the DHL ServicePoint").stage == "awaiting-pickup"


def test_a_parcel_travelling_to_a_pickup_point_is_not_there_yet(kb: KnowledgeBase) -> None:
    """wording's heldout15 (aggregate, session 20): a parcel on its way TO a pick-up point,
    worded "travelling to", "on the way to", "will be taken to", read as waiting there
    (awaiting-pickup's wording holds in the future tense: "will be held for 14 days"). Those
    words head for a place, as "on its way to" does; "taken to" alone is done."""
    c = classifier(kb)
    for line in (
        "Your parcel is travelling to the pickup point",
        "Parcel traveling to pickup point",
        "The parcel is on the way to the pickup point",
        "The parcel will be taken to the pickup point",
        "The parcel is being taken to the parcel locker",
    ):
        assert c.read(line).stage is None, line
    assert c.read("Item taken to the post office for collection").stage == "awaiting-pickup"


def test_a_russian_participle_reads_in_every_gender_and_the_plural(kb: KnowledgeBase) -> None:
    """review15 E-R27: Russian Post's short "Вручен" (handed over, with no noun to agree
    with) read as nothing while "Вручено"/"Вручена" are its wording; "Прибыл"/"Прибыла"
    likewise beside "Прибыло в место вручения". A Russian short participle or past-tense
    verb matches its forms of every gender and the plural, as a Romance participle
    matches its other gender; a negation still turns it."""
    assert read_line(kb, "Вручен").stage == "delivered"
    assert read_line(kb, "Вручены адресату").stage == "delivered"
    assert read_line(kb, "Прибыл в место вручения").stage == "in-destination-network"
    assert read_line(kb, "Вручен не был").stage is None  # (was not handed over)
    assert russian_forms("прибыло") == {"прибыл", "прибыло", "прибыла", "прибыли"}
    assert russian_forms("вручение") == {"вручение"}  # a noun: only itself


def test_swedish_danish_norwegian_italian_and_dutch_negations_turn_the_phrase() -> None:
    """Swedish "ej"/"inte", Danish and Norwegian "ikke" (not), Italian "nessun" and Dutch
    "geen" (no: a determiner, it turns the noun after it, never a phrase before it)."""
    c = tiny(
        delivered={"levererad": 3, "levereras": 3, "leveret": 3, "levert": 3},
        **{"delivery-attempted": {"tentativo di consegna": 3, "bezorgpoging": 3}},
    )
    assert c.read("Levererad").stage == "delivered"
    assert c.read("Ej levererad").stage is None
    assert c.read("Försändelsen kunde inte levereras").stage is None
    assert c.read("Pakken er ikke leveret").stage is None
    assert c.read("Pakken ble ikke levert").stage is None
    assert c.read("Tentativo di consegna").stage == "delivery-attempted"
    assert c.read("Nessun tentativo di consegna").stage is None
    assert c.read("Geen bezorgpoging").stage is None
    assert c.read("Bezorgpoging, geen handtekening").stage == "delivery-attempted"


def test_failed_turns_the_phrase_after_it_never_one_before() -> None:
    """heldout10 (a Vietnamese courier's English statuses): "Failed To Delivered" was read
    as the delivery it says failed. "failed" turns what follows it, as "keine" does; a
    phrase before it stands ("Delivery attempt failed", heldout7, is the attempt)."""
    c = tiny(delivered={"delivered": 3}, **{"delivery-attempted": {"delivery attempt": 3}})
    assert c.read("Failed To Delivered").stage is None
    assert c.read("Delivery attempt failed.").stage == "delivery-attempted"
    assert c.read("Delivered").stage == "delivered"


def test_a_vietnamese_negation_turns_the_phrase_after_it() -> None:
    """Viettel Post and Vietnam Post write "không" (not) and "chưa" (not yet): "Giao hàng
    không thành công" (delivery not successful) was read as the delivery it negates, a
    Latin phrase of three words or more also matching with one extra word inside it."""
    c = tiny(delivered={"giao hàng thành công": 3, "phát thành công": 3})
    assert c.read("Giao hàng thành công").stage == "delivered"
    assert c.read("Giao hàng không thành công").stage is None
    assert c.read("Chưa phát thành công").stage is None


def test_a_whole_status_may_have_its_place_after_it(kb: KnowledgeBase) -> None:
    """review16 E-R33 addendum: UPS's "Export Scan" read as the export alone and before a
    comma ("Export Scan, Winnipeg") but not with the place after a space, as pages copy
    status and place onto one line ("Export Scan WINNIPEG", "Export Scan Winnipeg,
    Canada"). A status of two words or more that counts only as the whole first clause
    still does when the words after it are none a phrase has; with wording after it, or
    a one-word status ("Moved": the recipient's move), it does not."""
    for text in ("Export Scan WINNIPEG", "Export Scan Winnipeg, Canada", "Export Scan Louisville"):
        assert read_line(kb, text).stage == "export", text
    assert read_line(kb, "Moved LONDON").stage is None
    assert read_line(kb, "Moved to the delivery depot").stage != "delivery-attempted"


def test_a_departure_from_a_named_country_is_the_parcel_leaving_it(kb: KnowledgeBase) -> None:
    """Carriers name the country a parcel leaves ("Departure from Poland", "Your parcel
    has left the United Kingdom and is on its way to Saudi Arabia", "Departed Hong Kong
    Airport"): only the UK had its phrases. A country's name is read as a country's, in a
    line and in a history; a town's name (Shanghai), a facility or a post's name ("China
    Post") is no country."""
    for text in (
        "Departure from Poland",
        "Your parcel has left the United Kingdom and is on its way to Saudi Arabia",
        "Departed Hong Kong Airport",
    ):
        assert read_line(kb, text).stage == "export", text
    assert read_line(kb, "Departed Shanghai").stage is None
    assert read_line(kb, "Departed USPS Regional Facility").stage is None
    assert read_line(kb, "leaving China Post Group city eCommerce dept.").stage != "export"
    # a name that is also a region's (Georgia, a US state: review17) names no country
    assert read_line(kb, "Departed from Georgia").stage is None
    history = read_history(kb, "2026-11-03 10:00 Departure from Poland\n", dt.date(2026, 11, 25))
    assert history.answers["last_event"] == "export"


def test_ups_clearance_and_drop_off_texts(kb: KnowledgeBase) -> None:
    """review16 E-R35 and E-R33: UPS's clearance texts were cannot tell, so a page stopped
    on "UPS initiated contact with the sender to obtain clearance information" was read
    from an older line; and "... at the UPS Access Point and is scheduled to be tendered
    to UPS" (the sender's drop-off) was read as waiting for the recipient."""
    for text, stage in (
        ("UPS is preparing your package for clearance.", "customs"),
        (
            "UPS initiated contact with the sender to obtain clearance information. Once "
            "received, UPS will submit for clearance.",
            "customs",
        ),
        ("The package is at the clearing agency awaiting final release.", "customs"),
        ("Your package is pending release from a Government Agency.", "customs"),
        ("Your package has been released by the government agency.", "customs-released"),
        ("Your package was released by the clearing agency.", "customs-released"),
        (
            "Your package is currently at the UPS Access Point and is scheduled to be "
            "tendered to UPS.",
            "accepted",
        ),
        ("Your package is at the UPS Access Point and is ready for pickup", "awaiting-pickup"),
    ):
        assert read_line(kb, text).stage == stage, text


def test_a_place_names_its_stage_only_where_the_line_puts_the_parcel_there() -> None:
    """A phrase written "@..." is a place (review's E-R49: a pick-up point's noun outranked
    the line): it counts after "at"/"in", not after "from" (the parcel left it) or "to"
    (it is going there), nor in a clause naming another event or a negation; "to" after
    the last word of one of the stage's " & " phrases puts the parcel there."""
    c = tiny(
        **{
            "awaiting-pickup": {"@parcelshop": 2, "deposited & locker": 4},
            "accepted": {"picked up": 2},
            "returning": {"return": 1},
        }
    )
    assert c.read("ARRIVED AT PARCELSHOP").stage == "awaiting-pickup"
    assert c.read("Im Hermes Parcelshop").stage == "awaiting-pickup"
    assert c.read("Parcelshop").stage == "awaiting-pickup"
    assert c.read("The return shipment was collected from the ParcelShop.").stage is None
    assert c.read("REDIRECTED TO PARCELSHOP").stage is None
    assert c.read("Parcel deposited to the parcelshop").stage == "awaiting-pickup"
    assert c.read("The shipment has been picked up at Parcelshop by courier").stage == "accepted"
    assert c.read("The shipment was not collected from the Hermes ParcelShop.").stage is None
    assert c.read("Not available at the Hermes ParcelShop").stage is None
    # the same noun as a plain phrase counts wherever it stands
    plain = tiny(**{"awaiting-pickup": {"parcelshop": 2}})
    assert plain.read("REDIRECTED TO PARCELSHOP").stage == "awaiting-pickup"


def test_future_counts_alone_keeps_phrases_read_together_in_the_present() -> None:
    """`future_counts = "alone"`: "will be held" still waits, "will be delivered & access
    point" has not happened (UPS's exception texts), and its place names nothing either."""

    def make(future: object) -> Classifier:
        match = {"held at": 3, "delivered & access point": 4, "@access point": 2}
        return Classifier({"awaiting-pickup": {"match": match, "future_counts": future}})

    line = "The package will be delivered to the UPS Access Point location."
    assert make(True).read(line).stage == "awaiting-pickup"
    assert make("alone").read(line).stage is None
    assert make("alone").read("Delivered to UPS Access Point").stage == "awaiting-pickup"
    assert make("alone").read("It will be held at the office").stage == "awaiting-pickup"


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        # DHL's status list (karrio's copy, facts/stages.toml's awaiting-pickup sources)
        ("ARRIVED AT PICKUP POINT", "awaiting-pickup"),
        ("The shipment has been handed over to the Parcelshop", "awaiting-pickup"),
        ("The shipment has been picked up at Parcelshop by courier", "accepted"),
        ("REDIRECTED TO PARCEL SHOP", None),
        (
            "The shipment could not be handed over to the Parcel Locker because the Parcel "
            "Locker is out of service",
            None,
        ),
        # UPS's exception texts
        ("Package has arrived at destination pick-up point", "awaiting-pickup"),
        (
            "The package will be delivered to the recipient's preferred UPS Access Point™ "
            "location.",
            None,
        ),
        ("Delivery to a UPS Access Point™ location is pending.", None),
        ("Package is Awaiting Customer Pick Up from UPS Access Point™", "awaiting-pickup"),
        # Hermes Germany's event texts
        ("The return/return shipment was collected from the ParcelShop.", "returning"),
        ("The shipment was not collected from the Hermes ParcelShop within 10 days.", None),
        (
            "The shipment was not available at the Hermes ParcelShop and was therefore unable "
            "to be picked up by the driver. Another collection attempt will be made.",
            None,
        ),
        ("The shipment is available for collection from the Hermes ParcelShop.", "awaiting-pickup"),
    ],
)
def test_official_pickup_point_lines_read_by_where_the_parcel_is(
    kb: KnowledgeBase, text: str, stage: str | None
) -> None:
    assert read_line(kb, text).stage == stage


def test_no_as_a_clause_s_first_word_negates_what_follows() -> None:
    """ "No duties or taxes are due" is nothing to pay, not a customs charge; "no" elsewhere
    is Portuguese "in the" ("Objeto entregue no endereço") and negates nothing."""
    c = tiny(customs={"duties & are due": 3}, delivered={"entregue": 3, "duties": 0})
    assert c.read("Duties or taxes are due on this package.").stage == "customs"
    assert c.read("No duties or taxes are due.").stage is None
    assert c.read("Objeto entregue no endereço").stage == "delivered"


def test_a_line_that_begins_with_the_return_is_the_return_s_step() -> None:
    """`overrides_first`: a stage named by the line's first words, even by a hint, overrides
    these stages ("RETURN PICKED UP", "RETURN ARRIVED AT PICKUP POINT": DHL eCommerce's return
    statuses); the same words later in the line do not ("Picked up, return label enclosed")."""
    c = Classifier(
        {
            "accepted": {"match": {"picked up": 2}},
            "returning": {"match": {"return": 1}, "overrides_first": ["accepted"]},
        }
    )
    assert c.read("RETURN PICKED UP").stage == "returning"
    assert c.read("Picked up, return label enclosed").stage == "accepted"


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        # UPS's and DHL's own texts (karrio's copies, facts/stages.toml's sources)
        ("No duties or taxes are due.", None),
        ("No Delivery Attempt On Scheduled Day", None),
        ("RETURN PICKED UP", "returning"),
        ("RETURN ARRIVED AT PICKUP POINT", "returning"),
        ("Return is out for delivery by post office", "returning"),
        ("We're attempting to get further instructions and may return the shipment.", None),
        # DHL: a collection order the courier refused is no return; Parcel PL's "Pick-up
        # refused" is the recipient's refusal
        ("Pickup order refused by the courier", None),
        ("Pick-up refused \u2013 invalid payer", "returning"),
        # UPS: the return with the parcel named between
        ("We're in the process of returning this package to the sender.", "returning"),
        # review R21-16: a hub's next hop is no label created
        (
            "Express has been sent from the Guangzhou Center, ready to be sent to the center of "
            "Dongguan",
            None,
        ),
        (
            "Your item has been printed and is ready to be sent through our network.",
            "label-created",
        ),
    ],
)
def test_negations_returns_and_headings_of_official_lines(
    kb: KnowledgeBase, text: str, stage: str | None
) -> None:
    assert read_line(kb, text).stage == stage


def test_a_negation_reaches_no_further_than_a_conjunction() -> None:
    """ "... attempted to delivery the parcel but failed and the RTS process have been
    initiated": "failed" negates the verb after it, not what follows "and"."""
    c = tiny(returning={"rts": 2})
    assert c.read("Failed and the RTS process have been initiated").stage == "returning"
    assert c.read("Failed RTS").stage is None


def test_once_and_as_soon_as_are_conditions_for_what_follows() -> None:
    c = tiny(**{"awaiting-pickup": {"ready for collection": 3}})
    assert c.read("Ready for collection").stage == "awaiting-pickup"
    line = "You will receive a notification as soon as it is ready for collection."
    assert c.read(line).stage is None
    assert c.read("We will notify you once it is ready for collection").stage is None


def test_a_place_in_phrases_read_together_is_not_one_left() -> None:
    """ "delivered & @pickup point": the phrases count together, not when the place follows
    "from" (the parcel left it); "to" after the phrase's verb puts it there."""
    c = tiny(**{"awaiting-pickup": {"delivered & @pickup point": 4}, "delivered": {"delivered": 3}})
    assert c.read("Delivered by driver to pickup point").stage == "awaiting-pickup"
    assert c.read("Delivered or collected from a pickup point").stage == "delivered"


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        # UPS's exception texts (karrio's copy): a collection attempt, no parcel waiting
        (
            "We tried to pickup the package, but it was not ready for pickup. A second attempt "
            "will be made the next business day.",
            None,
        ),
        ("Delivered to UPS Access Point", "awaiting-pickup"),
    ],
)
def test_to_pickup_heads_for_the_place(kb: KnowledgeBase, text: str, stage: str | None) -> None:
    assert read_line(kb, text).stage == stage


def test_when_is_a_condition_only_for_what_is_to_come() -> None:
    """ "when", "once", "as soon as" make a condition in a clause of the future ("It will be
    available when the package is delivered"), and only say when in the past (Hermes's
    "The shipment was not accepted when delivery was attempted ...": a refusal)."""
    c = tiny(delivered={"delivered": 3}, returning={"not accepted & delivery": 4})
    assert c.read("It will be available when the package is delivered").stage is None
    line = "The shipment was not accepted when delivery was attempted"
    assert c.read(line).stage == "returning"


def test_whom_the_parcel_goes_to_names_its_stage_where_the_clause_sends_it_there() -> None:
    """A phrase written ">..." (the sender, EV-21a/e): a clause that sends the parcel's journey
    there reads its stage, whatever the verb: after a heading ("on its way to the sender")
    or an event's phrase ("ENTREGADO A REMITENTE", the "a" left out as an article), after a
    word for "to"; not after "from"/"by"/"del", not alone, not negated or in a condition."""
    c = tiny(
        delivered={"delivered": 3, "entregado": 3, "zugestellt": 3},
        accepted={"admitido": 3},
        returning={">sender": 4, ">remitente": 4, ">absender": 4, "returned to sender": 4},
    )
    assert c.read("ENTREGADO A REMITENTE").stage == "returning"
    assert c.read("Zugestellt an den Absender").stage == "returning"
    assert c.read("The package is on its way to the sender").stage == "returning"
    assert c.read("In transit to sender").stage == "returning"
    assert c.read("Admitido del remitente").stage == "accepted"
    assert c.read("Delivered, sender notified").stage == "delivered"
    assert c.read("Notification sent to the sender").stage is None
    assert c.read("Sender").stage is None
    assert c.read("Not delivered to sender").stage is None
    assert c.read("It will be delivered to the sender if not collected").stage is None
    # other words between the journey and the sender: no return (UPS's alcohol exception)
    unable = tiny(**{"delivery-attempted": {"unable to deliver": 3}, "returning": {">sender": 4}})
    line = "We are unable to deliver or return it to the sender."
    assert unable.read(line).stage == "delivery-attempted"
    # the same noun as a plain phrase would name the return wherever it stands
    plain = tiny(accepted={"admitido": 3}, returning={"remitente": 4})
    assert plain.read("Admitido del remitente").stage == "returning"


@given(
    st.sampled_from(["delivered to the", "entregado a", "entregado al", "zugestellt an den"]),
    st.sampled_from(["on its way to the", "in transit to"]),
    st.sampled_from(["sender", "remitente", "absender"]),
    st.sampled_from(["from the", "by the", "del", "von"]),
)
def test_the_sender_reached_is_the_return_and_the_sender_left_is_not(
    event: str, heading: str, noun: str, source: str
) -> None:
    """Whatever the verb of the journey, a parcel sent to the sender is going back; one that
    came from or by the sender is not (EV-21a/e)."""
    c = tiny(
        delivered={"delivered": 3, "entregado": 3, "zugestellt": 3},
        returning={">sender": 4, ">remitente": 4, ">absender": 4},
    )
    assert c.read(f"{event} {noun}").stage == "returning"
    assert c.read(f"{heading} {noun}").stage == "returning"
    verb = event.split()[0]
    assert c.read(f"{verb} {source} {noun}").stage == "delivered"
    assert c.read(f"{heading.rsplit(' to', 1)[0]} {source} {noun}").stage is None


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        # Česká pošta's own list (stages.toml's sources): 9V "Doručená odesílateli"
        ("Doručená odesílateli", "returning"),
        # Ukrposhta's event 41000 (stages.toml's sources): delivered, to the sender
        ("Відправлення вручено: відправнику", "returning"),
        ("Вручено отправителю", "returning"),
        ("ENTREGADO A REMITENTE", "returning"),
        ("The package is on its way to the sender", "returning"),
        ("In transit to sender", "returning"),
        ("Shipment information received from shipper", "label-created"),
        ("Label created by the sender", "label-created"),
        # karrio's copy of UPS's exception texts: the sender reached by no journey
        (
            "This package contains alcohol, and we are unable to deliver or return it to the "
            "sender. We'll contact the sender.",
            "delivery-attempted",
        ),
        # an office of exchange or a country at either end, by the way the line takes it
        ("Dispatched from outward office of exchange", "export"),
        ("Despatched from country of origin", "export"),
        ("Item dispatched to the destination country", "export"),
        ("International transit to destination country", "export"),
        ("Sent from inward office of exchange", "in-destination-network"),
        ("Received at inward office of exchange", "arrived-destination"),
        ("Item is in the destination country", "arrived-destination"),
        ("Customs clearance in destination country", "customs"),
        # a pick-up point's noun in Polish, Chinese: a place (EV-21g)
        ("Paczka odebrana z paczkomatu", None),
        ("Paczka umieszczona w paczkomacie", "awaiting-pickup"),
        ("快件已到达驿站", "awaiting-pickup"),
        ("快件发往驿站", None),
        ("您的快件已从快递柜取出", "delivered"),
    ],
)
def test_mechanisms_of_the_twenty_second_session(
    kb: KnowledgeBase, text: str, stage: str | None
) -> None:
    assert read_line(kb, text).stage == stage


def test_a_place_names_the_stage_of_the_way_the_line_takes_it() -> None:
    """Places written "@..." (at), "<@..." (leaving) and ">@..." (heading for): one noun,
    three stages, by the nearest placing word before it or a heading (UPU EMSEVT: EMB at
    the outward office of exchange, EMC leaving it; the destination country reached or
    headed for)."""
    c = tiny(
        accepted={"@outward office of exchange": 3},
        export={"<@outward office of exchange": 3, ">@destination country": 3},
        **{"arrived-destination": {"@destination country": 2}},
    )
    read = {
        line: c.read(line).stage
        for line in [
            "Processed at outward office of exchange",
            "Despatched from outward office of exchange",
            "Item dispatched to the destination country",
            "In transit to destination country",
            "Bound for destination country",
            "Arrived in destination country",
            "Not arrived in destination country",
        ]
    }
    assert list(read.values()) == [
        "accepted",
        "export",
        "export",
        "export",
        "export",
        "arrived-destination",
        None,
    ]


@given(
    st.sampled_from(["Item", "Parcel processed", "Despatch", "Sorted"]),
    st.sampled_from(["at", "in", "from", "to", ""]),
)
def test_the_placing_word_decides_the_way(verb: str, word: str) -> None:
    c = tiny(
        accepted={"@office of exchange": 3},
        export={"<@office of exchange": 3},
        customs={">@office of exchange": 3},
    )
    way = {"at": "accepted", "in": "accepted", "": "accepted", "from": "export", "to": "customs"}
    assert c.read(f"{verb} {word} the office of exchange").stage == way[word]


def test_pick_up_point_nouns_of_other_languages_are_places() -> None:
    """EV-21g: a pick-up point's noun in Polish, Ukrainian or Chinese says where, not what
    happened: "в поштоматі", "在快递柜" put the parcel there; "z paczkomatu", "з поштомату",
    "从快递柜" have it leave (collected: no parcel waiting)."""
    c = tiny(**{"awaiting-pickup": {"@paczkomat*": 2, "@поштомат*": 2, "@快递柜": 2}})
    waiting = ["Відправлення в поштоматі", "快件在快递柜"]
    left = [
        "Paczka odebrana z paczkomatu",
        "Відправлення вилучено з поштомату",
        "快件已从快递柜取走",
    ]
    assert [c.read(line).stage for line in waiting] == ["awaiting-pickup"] * 2
    assert [c.read(line).stage for line in left] == [None] * 3


def test_a_shorter_or_looser_phrase_waits_for_the_place_it_overlaps() -> None:
    """A hint inside a place ("export" in "export facility") or a phrase matched with an
    extra word over it ("arrived at facility" over "ARRIVED AT EXPORT FACILITY") is read
    after the place, which names its stage by the way the line takes it (DHL eCommerce's
    export facility); without the place they count as before."""
    c = tiny(
        accepted={"@export facility": 3},
        export={"<@export facility": 3, "export": 1},
        **{"in-destination-network": {"arrived at facility": 3}},
    )
    lines = [
        "Processed at Export Facility",
        "ARRIVED AT EXPORT FACILITY",
        "Despatch Parcels from Export Facility",
        "Arrived at facility",
    ]
    assert [c.read(line).stage for line in lines] == [
        "accepted",
        "accepted",
        "export",
        "in-destination-network",
    ]
    assert c.read("Delivered to export facility").scores == {"export": 1}


def test_an_event_awaited_is_read_as_the_stage_its_stage_awaits_in() -> None:
    """EV-22b: a word of waiting just before a phrase ("awaiting", "pending", "en attente
    de", "aguardando") names an event that has not happened: a movement's phrase is read as
    its stage's `awaited` stage (the departure awaited: still accepted), a hold's (a stage
    with none) as itself ("awaiting customs clearance" is customs). A waiting word after
    the phrase is the status's own ("Package Acceptance Pending")."""
    c = Classifier(
        {
            "accepted": {"match": {"package acceptance": 3}, "awaited": "label-created"},
            "export": {
                "match": {"international departure": 3, "departed & airport": 3},
                "awaited": "accepted",
            },
            "customs": {"match": {"customs clearance": 3}},
        }
    )
    expected = {
        "International departure": "export",
        "Cleared and awaiting international departure": "accepted",
        "Pending international departure": "accepted",
        "En attente: international departure": "export",  # another clause
        "Waiting for the international departure": "accepted",
        "Awaiting customs clearance": "customs",
        "Package acceptance pending": "accepted",
        "Pending package acceptance": "label-created",
        # "not yet" is a waiting too: the event awaited where the stage says which step is
        # before it; a stage without one (a hold) stays negated
        "International departure not yet done": None,  # negated after it
        "Not yet: international departure": "export",  # another clause
        "Not yet package acceptance": "label-created",
        "Noch nicht international departure": "accepted",
        "Not international departure": None,
        "Not yet customs clearance": None,
        "Not yet departed from the airport": "accepted",
        "Departed the airport": "export",
        "Awaiting: departed the airport": "export",
        # phrases read together are read so too ("pending departed from the airport")
        "Pending, departed from airport": "export",
        "Pending departed from airport": "accepted",
    }
    assert {text: c.read(text).stage for text in expected} == expected


def test_every_awaited_stage_comes_before_the_stage_awaited(kb: KnowledgeBase) -> None:
    """A stage's `awaited` (facts/stages.toml) is an earlier step in the normal order: the
    event awaited has not happened."""
    order = list(kb.stages)
    awaited = {sid: s["awaited"] for sid, s in kb.stages.items() if s.get("awaited")}
    assert awaited, "no stage says where its awaited event leaves the parcel"
    assert all(order.index(before) < order.index(sid) for sid, before in awaited.items())


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("Cleared and awaiting international departure", "accepted"),
        ("Item awaiting despatch to destination country", "accepted"),
        ("Item despatched to destination country", "export"),
        ("Awaiting customs clearance", "customs"),
        ("Shipment Received, Package Acceptance Pending", "accepted"),
        ("Item not yet posted", "label-created"),
        ("尚未揽收", "label-created"),
        ("Item not posted", None),
        ("Item not yet delivered", None),
    ],
)
def test_events_awaited_in_real_wording(kb: KnowledgeBase, text: str, stage: str | None) -> None:
    assert read_line(kb, text).stage == stage


def test_a_line_that_begins_with_the_return_and_names_nothing_else_is_the_return() -> None:
    """A status that begins with the wording of a stage whose steps it repeats
    (`overrides_first`), even a hint, and names no other stage is that stage's step: the
    return leg's own status ("Return to Merchant", "RETURN, Other circumstances"). A hint
    alone anywhere else names nothing, and a line naming another stage is read as before."""
    c = Classifier(
        {
            "accepted": {"match": {"picked up": 2}},
            "delivered": {"match": {"delivered": 3, "merchant": 1}},
            "returning": {"match": {"return": 1}, "overrides_first": ["accepted"]},
        }
    )
    assert c.read("Return, other circumstances").stage == "returning"
    assert c.read("Return (on its way)").stage == "returning"
    assert c.read("Return to merchant").stage is None  # a hint of another stage
    assert c.read("Other circumstances, return").stage is None
    assert c.read("Return, delivered").stage == "delivered"
    assert c.read("RETURN PICKED UP").stage == "returning"


@pytest.mark.parametrize(
    ("text", "stage"),
    [("Return, in transit", "returning"), ("RETURN - OTHER", "returning")],
)
def test_return_statuses_of_the_return_leg(kb: KnowledgeBase, text: str, stage: str | None) -> None:
    assert read_line(kb, text).stage == stage
