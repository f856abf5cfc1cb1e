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
    # a near miss of a stage's spelling keeps the spelling hint
    assert "Did you mean 'delivered'?" in said("delivred")
    # a word that names no stage is not answered with a stage that merely looks alike
    departed = said("departed")
    assert "names no stage alone" in departed and "'accepted'?" not in departed
