"""A name several carriers go by ("DHL"): DHL Express, Deutsche Post's DHL Paket or DHL
eCommerce. Which one it means is chosen per parcel (facts/carriers.toml `[[carrier_name]]`,
`diagnosis.answers.meant_carrier`): by the tracking number's format, else by the origin,
and with neither it is assumed and said, never silently the courier."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from parcel_doctor.batch.pipeline import run_batch
from parcel_doctor.batch.reading import open_source
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.interview.state import Interview
from parcel_doctor.knowledge import loader as knowledge
from parcel_doctor.knowledge.loader import UnknownName

TODAY = dt.date(2026, 11, 20)
# The brief's reproduction: a German seller's "DHL" parcel to the US, silent since export.
SILENT = {
    "destination": "US",
    "carrier": "DHL",
    "shipped_on": "2026-10-01",
    "last_event": "export",
    "last_event_on": "2026-10-05",
}


def test_a_german_sellers_dhl_is_dhl_paket_not_the_courier(kb):
    result = diagnose(kb, {**SILENT, "origin": "DE"}, TODAY)
    assert result.inputs["carrier"] == "deutsche-post"
    words = " ".join(f"{a.title} {a.text}" for a in result.advice)
    assert "DHL Express" not in words  # no courier's site, trace or passed claim deadline
    assert not any(a.id.startswith("courier") for a in result.advice), result.advice
    assert "read as Deutsche Post / DHL Paket" in result.notes[0]
    assert "posted in Germany" in result.notes[0]


def test_a_dutch_sellers_dhl_is_dhls_parcel_network_not_the_courier(kb):
    # DHL's consumer parcel network in the Netherlands (DHL Parcel, now DHL eCommerce)
    result = diagnose(kb, {**SILENT, "origin": "NL"}, TODAY)
    assert result.inputs["carrier"] == "dhl-ecommerce"
    assert "posted in the Netherlands" in result.notes[0]
    assert not any(a.id.startswith("courier") for a in result.advice), result.advice


def test_from_an_origin_not_listed_dhl_is_the_express_courier(kb):
    result = diagnose(kb, {**SILENT, "origin": "HK"}, TODAY)
    assert result.inputs["carrier"] == "dhl-express"
    assert "posted in Hong Kong" in result.notes[0]
    # no source says what "DHL" means from Hong Kong: the note says it is assumed
    assert "assumed: nothing on record" in result.notes[0]


def test_with_no_origin_the_courier_is_assumed_and_said(kb):
    result = diagnose(kb, SILENT, TODAY)
    assert result.inputs["carrier"] == "dhl-express"
    (note,) = result.notes
    assert "assumed: the origin country is not known" in note
    assert "deutsche-post, dhl-ecommerce" in note  # what to give instead
    assert "'Paket'" in note  # how to tell (the tracking page's heading)
    assert "origin" in result.missing
    assert "notes" in result.to_json()


@pytest.mark.parametrize(
    ("origin", "number", "carrier"),
    [
        ("DE", "3318810025", "dhl-express"),  # a DHL Express air waybill, posted in Germany
        (None, "00340433836442636597", "deutsche-post"),  # a DHL Paket number, no origin
        (None, "RR987654312DE", "deutsche-post"),  # an S10 number Germany issued: origin DE
    ],
)
def test_the_tracking_number_settles_which_dhl(kb, origin, number, carrier):
    answers = {**SILENT, "tracking_number": number} | ({"origin": origin} if origin else {})
    result = diagnose(kb, answers, TODAY)
    assert result.inputs["carrier"] == carrier
    assert "assumed" not in result.notes[0]


def test_a_carrier_named_by_its_own_name_gets_no_note(kb):
    result = diagnose(kb, {**SILENT, "carrier": "DHL Paket"}, TODAY)
    assert result.inputs["carrier"] == "deutsche-post"
    assert not any(note.startswith("Carrier ") for note in result.notes)  # no "read as"


def test_the_interview_reads_dhl_again_once_the_origin_is_answered(kb):
    session = Interview(kb, TODAY, SILENT)
    assert session.current()["carrier"] == "DHL"  # kept as given until the parcel says which
    assert session.diagnosis().inputs["carrier"] == "dhl-express"
    session.answers["origin"] = "DE"
    assert session.diagnosis().inputs["carrier"] == "deutsche-post"


def test_a_batch_row_reads_dhl_by_its_origin_and_notes_it(kb):
    text = (
        "Order,Carrier,Origin,Country,Ship Date,Last event,Last event date\n"
        "1,DHL,DE,US,2026-10-01,export,2026-10-05\n"
        "2,DHL,,US,2026-10-01,export,2026-10-05\n"
    )
    source = open_source("-", io.BytesIO(text.encode()))
    out = io.StringIO()
    try:
        run_batch(kb, source, out, TODAY, fmt="jsonl")
    finally:
        source.close()
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    german, unknown = rows
    assert "read as Deutsche Post / DHL Paket" in " ".join(german["note"]), german
    assert not any(a.startswith("courier") for a in german["advice"]), german["advice"]
    assert "read as DHL Express (assumed" in " ".join(unknown["note"]), unknown


@pytest.mark.parametrize(
    ("name", "origin", "carrier"),
    [
        ("Hermes", "DE", "hermes-germany"),  # not Evri, the former Hermes UK
        ("Hermes", "GB", "evri"),
        ("Correos", "MX", "correos-de-mexico"),  # not Spain's Correos
        ("Correos", "CL", "correos-chile"),
        ("correos", "MX", "correos"),  # an id as written is that carrier: an interface
        ("Correios", "PT", "ctt"),  # not Brazil's Correios
        ("Correios", "BR", "correios"),
        ("La Poste", "CH", "swiss-post"),  # Swiss Post's French name, not France's post
        ("La Poste", "FR", "la-poste"),
        ("Hermes", "AT", "hermes-austria"),  # the Hermes group's Austrian company
        ("La Poste", "BE", "bpost"),  # bpost's French name until 2010 (De Post-La Poste)
        ("Posten", "NO", "posten-norge"),  # review14 K-R17: not PostNord Sweden
        ("Posten", "SE", "postnord"),
        ("Die Post", "DE", "deutsche-post"),  # review14 K-R17: not Swiss Post
        ("Die Post", "AT", "austrian-post"),
        ("Die Post", "CH", "swiss-post"),
    ],
)
def test_a_post_called_by_a_shared_name_is_the_origins(kb, name, origin, carrier):
    """review12 K-R5: a Mexican seller's "Correos" was Spain's post, a German seller's
    "Hermes" was Evri, a Swiss seller's "La Poste" was France's."""
    answers = {**SILENT, "carrier": name, "origin": origin}
    result = diagnose(kb, answers, TODAY)
    assert result.inputs["carrier"] == carrier
    assert result.notes == [] if name in kb.carriers else "posted in" in result.notes[0]


def test_a_shared_name_posted_in_a_posts_home_country_is_that_post_and_not_a_guess(kb):
    """A post takes parcels in its own country only, so from each post's home country a
    shared name means that post, said as such: a Brazilian seller's "Correios" was noted
    "assumed: nothing on record says which it means" (review14 K-R17, LOW)."""
    for shared in kb.tables["carrier_names"].values():
        for cid in shared["carriers"]:
            home = kb.carriers[cid].get("home")
            if home is None:
                continue
            answers = {**SILENT, "carrier": shared["name"], "origin": home}
            result = diagnose(kb, answers, TODAY)
            assert result.inputs["carrier"] == cid, (shared["name"], home)
            assert "assumed" not in result.notes[0], result.notes


def test_chronopost_is_an_express_courier_not_la_postes_inquiry(kb):
    """review12 K-R7: Chronopost, an alias of la-poste, got the postal inquiry."""
    answers = {**SILENT, "carrier": "Chronopost", "origin": "FR"}
    result = diagnose(kb, answers, TODAY)
    assert result.inputs["carrier"] == "chronopost"
    steps = [a.id for a in result.advice]
    assert "check-courier-tracking" in steps and "file-inquiry" not in steps, steps


def test_an_id_still_names_its_carrier_outside_an_answer(kb):
    assert kb.find_carrier("correos") == "correos"  # `carriers show correos`
    with pytest.raises(UnknownName):
        kb.find_carrier("Correos de")  # no such name: suggestions as before


def test_find_carrier_refuses_dhl_alone_and_lists_what_it_may_mean(kb):
    with pytest.raises(UnknownName) as raised:
        kb.find_carrier("dhl")
    assert raised.value.suggestions == ["dhl-express", "deutsche-post", "dhl-ecommerce"]
    assert "'dhl' names several carriers" in str(raised.value)


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            'name = "DHL"\n',
            'name = "DHL Paket"\n',
            "'DHL Paket' already names carrier 'deutsche-post'",
        ),
        ("{ NL = ", "{ QQ = ", "'QQ' is not a known countries code"),
        ('{ NL = "dhl-ecommerce"', '{ NL = "ups"', "'ups' is not one of this name's"),
        ('name = "Correos"\n', 'name = "ctt"\n', "'ctt' already names carrier 'ctt'"),
    ],
)
def test_facts_check_refuses_a_shared_name_that_cannot_be_read(kb_copy, old, new, said):
    facts, rules = kb_copy
    path = facts / "carriers.toml"
    text = path.read_text()
    head, tail = text.split("[[carrier_name]]", 1)
    path.write_text(head + "[[carrier_name]]" + tail.replace(old, new, 1))
    problems = [str(p) for p in knowledge.check(facts, rules)[1]]
    assert any("carrier_name." in p and said in p for p in problems), problems
