"""`diagnose --events` and `track --events`: what a seller sees, exit codes, bad input."""

from __future__ import annotations

import json
from pathlib import Path

from parcel_doctor.cli.main import app
from typer.testing import CliRunner

runner = CliRunner()
HISTORY = (
    "2026-10-20 14:02 Arrival at inward office of exchange, FRANKFURT, GERMANY\n"
    "2026-10-04 09:12 Departed from outward office of exchange, GUANGZHOU\n"
    "2026-10-01 10:00 Posting/Collection, SHENZHEN, CHINA\n"
)


def run(*args: str, stdin: bytes | str | None = None):
    return runner.invoke(app, list(args), input=stdin)


def test_diagnose_events_from_standard_input_json():
    out = run(
        "diagnose",
        "RR123456785CN",
        "--events",
        "-",
        "--today",
        "2026-11-25",
        "--json",
        stdin=HISTORY,
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["inputs"]["last_event"] == "arrived-destination"
    assert data["inputs"]["last_event_on"] == "2026-10-20"
    assert data["inputs"]["shipped_on"] == "2026-10-01"
    assert data["inputs"]["destination"] == "DE"
    assert data["history"]["answers"]["origin"] == "CN"
    assert [e["stage"] for e in data["history"]["events"]] == [
        "accepted",
        "export",
        "arrived-destination",
    ]


def test_diagnose_events_text_says_what_was_read_and_what_the_seller_kept(tmp_path: Path):
    path = tmp_path / "history.txt"
    path.write_text(HISTORY, encoding="utf-8")
    out = run(
        "diagnose", "--events", str(path), "--set", "last_event=customs", "--today", "2026-11-25"
    )
    assert out.exit_code == 0, out.output
    assert "Read from the tracking history" in out.stdout
    assert "last_event = arrived-destination" in out.stdout
    assert "(your answer is used instead)" in out.stdout
    assert "What is happening" in out.stdout


def test_track_events_shows_the_history():
    out = run(
        "track", "RR123456785CN", "--events", "-", "--today", "2026-11-25", "--json", stdin=HISTORY
    )
    assert out.exit_code == 0
    data = json.loads(out.stdout)
    assert data["valid"] is True
    assert data["history"]["answers"]["last_event"] == "arrived-destination"


def test_bad_histories_exit_2_with_a_clear_message(tmp_path: Path):
    binary = tmp_path / "photo.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    big = tmp_path / "big.txt"
    big.write_bytes(b"2026-11-01 Delivered\n" * 500_000)
    cases = {
        str(binary): "binary data",
        str(big): "a tracking history is read up to 256 KB",
        str(tmp_path / "missing.txt"): "cannot be read",
    }
    for source, message in cases.items():
        out = run("diagnose", "--events", source, "--today", "2026-11-25")
        assert out.exit_code == 2, source
        assert message in out.output
        assert "Traceback" not in out.output


def test_a_history_without_dates_is_refused_naming_the_lines(tmp_path: Path):
    out = run(
        "diagnose", "--events", "-", "--today", "2026-11-25", stdin="Delivered\nOut for delivery\n"
    )
    assert out.exit_code == 2
    assert "no tracking event could be read" in out.output
    assert "line 1: no date for this line" in out.output


def test_date_order_option():
    out = run(
        "diagnose",
        "--events",
        "-",
        "--today",
        "2026-11-25",
        "--json",
        "--date-order",
        "mdy",
        stdin="04/11/2026 Delivered\n",
    )
    assert json.loads(out.stdout)["inputs"]["last_event_on"] == "2026-04-11"
    bad = run("diagnose", "--events", "-", "--date-order", "ymd", stdin="x\n")
    assert bad.exit_code == 2 and "--date-order" in bad.output


def test_carrier_wording_typed_as_the_stage_is_answered_with_the_stage_it_reads():
    def said(value: str) -> str:
        out = run("diagnose", "--set", f"last_event={value}", "--today", "2026-11-25")
        assert out.exit_code == 2
        return out.output

    assert "reads as 'export'" in said("Departed from outward office of exchange, GUANGZHOU")
    assert "did you mean 'export'?" in said("Departed from outward office of exchange")
    # a near miss of a stage's spelling keeps a hint to that stage (since session 15 the
    # wording's: a misspelt word reads as the phrase word it misspells)
    assert "did you mean 'delivered'?" in said("delivred").lower()
    # a word that names no stage is not answered with a stage that merely looks alike
    departed = said("departed")
    assert "names no stage alone" in departed and "'accepted'?" not in departed


def test_diagnose_events_a_courier_s_origin_lines_after_the_destination_s_customs(tmp_path: Path):
    """review10 E8: DHL Express HK -> US (sailrish/shipit pull request #44), pasted place
    first: the three newest lines are in Hong Kong, after "Customs status updated" at Los
    Angeles. With the seller's destination, the parcel has not left Hong Kong: no
    "held by US customs", no "ask the customs"."""
    page = tmp_path / "dhl.txt"
    page.write_text(
        "2019-01-31 02:24 Hong Kong, HKG Departed Facility\n"
        "2019-01-31 01:51 Hong Kong, HKG Processed\n"
        "2019-01-30 20:42 Hong Kong, HKG Arrived at Sort Facility\n"
        "2019-01-30 18:39 Los Angeles, CA, USA Customs status updated\n"
        "2019-01-30 15:12 Hong Kong, HKG Shipment picked up\n",
        encoding="utf-8",
    )
    out = run(
        "diagnose",
        "2628987793",
        "--to",
        "US",
        "--events",
        str(page),
        "--today",
        "2019-02-12",
        "--no-ask",
        "--set",
        "recipient_says=not-received",
        "--json",
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["inputs"]["last_event"] == "accepted"
    assert "held-in-customs" not in [s["id"] for s in data["situations"]]
    assert "contact-customs" not in [a["id"] for a in data["advice"]]


def test_track_events_reads_the_page_with_the_destination_given(tmp_path: Path):
    """`track --to` gives the history reader the destination too (review10 E8's page);
    without it, the page's own "Los Angeles, CA, USA" names the customs line's country."""
    page = tmp_path / "dhl.txt"
    page.write_text(
        "2019-01-31 02:24 Hong Kong, HKG Departed Facility\n"
        "2019-01-30 18:39 Los Angeles, CA, USA Customs status updated\n"
        "2019-01-30 15:12 Hong Kong, HKG Shipment picked up\n",
        encoding="utf-8",
    )
    args = ["track", "2628987793", "--events", str(page), "--today", "2019-02-12", "--json"]
    alone = json.loads(run(*args).stdout)["history"]["answers"]["last_event"]
    told = json.loads(run(*args, "--to", "US").stdout)["history"]["answers"]["last_event"]
    assert (alone, told) == ("accepted", "accepted")


def test_track_events_reads_the_page_where_the_number_was_issued():
    """review14's E-R18 follow-up: China Post's "... eCommerce dept. customs scan" is its
    export scan; `track RF622875135CN` (issued in China) reads the page so, as `diagnose`
    with the same number does, not as a hold in the destination's customs."""
    page = (
        "2017-03-29 17:32:10 China Post Group city eCommerce dept. customs scan\n"
        "2017-03-29 15:50:16 China Post Group city eCommerce dept. received\n"
    )
    args = ["RF622875135CN", "--to", "PT", "--events", "-", "--today", "2017-04-25", "--json"]
    tracked = json.loads(run("track", *args, stdin=page).stdout)["history"]["answers"]
    diagnosed = json.loads(run("diagnose", *args, stdin=page).stdout)["history"]["answers"]
    assert tracked["last_event"] == diagnosed["last_event"] == "accepted"
