"""The command line as a user meets it: exit codes, JSON shapes, clear errors, written
dates, terminal text. (The installed copy and the wheel: tests/package/test_packaging.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from parcel_doctor import __version__
from parcel_doctor.cli.main import app
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_version_and_help():
    assert run("--version").output.strip() == f"parcel-doctor {__version__}"
    out = run("--help")
    assert out.exit_code == 0
    for command in ("diagnose", "track", "facts"):
        assert command in out.output


def test_track_valid_s10_json_shape():
    out = run("track", "rr 1234 5678 5cn", "--to", "united states", "--json")
    assert out.exit_code == 0
    data = json.loads(out.stdout)
    assert {
        "number",
        "valid",
        "format",
        "problems",
        "service_indicator",
        "service_class",
        "tracked_beyond_export",
        "origin",
        "tracking_sites",
    } <= set(data)
    assert data["number"] == "RR123456785CN"
    assert (data["format"], data["valid"], data["origin"]) == ("s10", True, "CN")
    assert data["service_class"] == "registered-post"
    assert data["tracked_beyond_export"] is True
    assert any(
        "usps.com" in site["url"] and "RR123456785CN" in site["url"]
        for site in data["tracking_sites"]
    )


def test_track_wrong_check_digit_names_the_right_one():
    out = run("track", "RR123456784CN", "--json")
    assert out.exit_code == 1
    data = json.loads(out.stdout)
    assert data["valid"] is False
    assert any("RR123456785CN" in p for p in data["problems"])


def test_track_unknown_destination_is_a_usage_error():
    out = run("track", "RR123456785CN", "--to", "Germny")
    assert out.exit_code == 2
    assert "Germany (DE)" in out.output


def test_track_courier_number():
    out = run("track", "1Z5R89390357567127", "--json")
    assert out.exit_code == 0
    data = json.loads(out.stdout)
    assert (data["format"], data["carrier"]) == ("ups-1z", "ups")
    assert data["service_class"] == "express-courier"


def test_facts_country_json_has_the_issue_keys():
    out = run("facts", "country", "hong kong", "--json")
    assert out.exit_code == 0
    data = json.loads(out.stdout)
    assert {
        "code",
        "name",
        "upu_status",
        "upu_via",
        "postal_operator",
        "tracking_site",
        "tracking_exchange",
        "sources",
    } <= set(data)
    assert (data["code"], data["upu_status"], data["upu_via"]) == ("HK", "covered", ["CN"])


def test_facts_country_and_carrier_say_which_pages_are_not_on_record():
    none = json.loads(run("facts", "country", "AQ", "--json").stdout)
    assert none["pages_not_on_record"] == ["tracking_site", "contact_page", "claim_page"]
    assert (none["tracking_site"], none["contact_page"], none["claim_page"]) == (None,) * 3
    some = json.loads(run("facts", "carrier", "cainiao", "--json").stdout)
    assert some["tracking_site"].startswith("https://")
    assert some["pages_not_on_record"] == ["contact_page", "claim_page"]
    every = json.loads(run("facts", "carrier", "usps", "--json").stdout)
    assert every["pages_not_on_record"] == []
    text = run("facts", "country", "AQ").output
    assert "claim_page" in text and "not on record" in text
    shown = run("facts", "carrier", "cainiao").output.splitlines()
    lines = {line.split()[0]: line for line in shown if line.strip()}
    assert lines["contact_page"].split(None, 1)[1] == "not on record"
    assert lines["pages_not_on_record"].split(None, 1)[1] == "contact_page, claim_page"
    assert "every page is on record" in run("facts", "carrier", "usps").output
    # a tracker where the number is typed in is shown as written, not as a page that takes it
    typed = json.loads(run("facts", "country", "PH", "--json").stdout)
    assert typed["tracking_page"] == "https://tracking.phlpost.gov.ph/"
    assert typed["tracking_site"] is None
    assert typed["pages_not_on_record"] == ["tracking_site", "claim_page"]


def test_facts_country_lists_what_other_facts_say_about_it():
    # review19 (LOW beside L-R43): `facts country KE` showed only the countries record,
    # not that Kenya's parcels wait at the post office, nor the US holding periods
    data = json.loads(run("facts", "country", "US", "--json").stdout)["on_record_elsewhere"]
    assert {r["id"] for r in data["holding_periods"]} == {"us-customs", "us-pickup"}
    assert any(r["destination"] == "US" for r in data["disruptions"])
    assert "usps" in {r["id"] for r in data["carriers"]}
    shown = run("facts", "country", "US").output  # a disruption by its operator and dates
    assert re.search(r"\b\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\b", shown), shown
    text = run("facts", "country", "KE").output
    assert "collection (1)" in text and "Posta Kenya" in text
    # every record listed names the country
    for records in data.values():
        for r in records:
            named = [r.get(k) for k in ("country", "destination", "origin", "countries")]
            assert any(v == "US" or (isinstance(v, list) and "US" in v) for v in named)


def test_facts_country_unknown_suggests_and_exits_1():
    out = run("facts", "country", "Swizerland")
    assert out.exit_code == 1
    assert "Switzerland (CH)" in out.output


def test_facts_carrier_and_list():
    out = run("facts", "carrier", "YunExpress", "--json")
    assert out.exit_code == 0
    assert json.loads(out.stdout)["kind"] == "consolidator"
    listed = json.loads(run("facts", "list", "services", "--json").stdout)
    ids = {s["id"] for s in listed}
    assert len(ids) == 8 and {"untracked-post", "ems", "surface-mail", "express-courier"} <= ids
    assert run("facts", "list", "planets").exit_code == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--set", "colour=red"], "colour: unknown answer key"),
        (["--set", "last_event=exprt"], "Did you mean 'export'?"),
        (
            ["--set", "destination=Germny"],
            "destination: unknown country 'Germny'. Did you mean: Germany (DE)",
        ),
        (["--set", "shipped_on=2026-12-01"], "shipped_on: 2026-12-01 is in the future"),
        (
            ["--set", "shipped_on=2026-11-10", "--set", "last_event_on=2026-11-01"],
            "last_event_on: 2026-11-01 is before shipped_on 2026-11-10: the dates are out of order",
        ),
        (["--set", "shipped_on=01/11/2026"], "could be 1 November 2026 or 11 January 2026"),
        (["--set", "address_complete=maybe"], "'maybe' is not yes or no"),
        (["--set", "novalue"], "'novalue' is not key=value"),
    ],
)
def test_diagnose_bad_input_exits_2_naming_the_key(args, message):
    out = run("diagnose", "--today", "2026-11-25", *args)
    assert out.exit_code == 2
    assert message in out.output
    assert "Traceback" not in out.output


def test_diagnose_bad_answers_file_names_the_line(tmp_path):
    path = tmp_path / "answers.toml"
    path.write_text('destination = "DE"\nlast_event = \n')
    out = run("diagnose", "--answers", str(path), "--today", "2026-11-25")
    assert out.exit_code == 2
    assert f"{path}:2: is not valid TOML" in out.output


@pytest.mark.parametrize("name", ["answers.toml", "answers.json"])
def test_an_answers_file_saved_with_a_byte_order_mark_is_read(tmp_path, name):
    # review15 L-R29: Notepad's "UTF-8 with BOM" was "not valid TOML" / "Unexpected UTF-8 BOM"
    path = tmp_path / name
    text = '{"destination": "DE"}' if name.endswith("json") else 'destination = "DE"\n'
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    out = run("diagnose", "--no-ask", "--json", "--answers", str(path), "--today", "2026-11-25")
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["inputs"]["destination"] == "DE"


def test_diagnose_json_answers_file(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(
        json.dumps(
            {
                "tracking_number": "RR123456785CN",
                "destination": "de",
                "last_event": "customs",
                "last_event_on": "2026-11-20",
            }
        )
    )
    out = run("diagnose", "--answers", str(path), "--today", "2026-11-25", "--json")
    assert out.exit_code == 0
    data = json.loads(out.stdout)
    assert [s["id"] for s in data["situations"]] == ["held-in-customs"]
    assert set(data) == {"today", "situations", "advice", "trace", "missing", "notes", "inputs"}


def test_a_json_null_is_an_answer_not_given_and_booleans_are_named_as_json_writes_them(
    tmp_path,
):
    # review12 L-R6: {"destination": null} was "unknown country 'None'. Did you mean:
    # Indonesia"; {"last_event_on": true} was "'True' is not a date"
    path = tmp_path / "answers.json"
    answers = {"tracking_number": "RR123456785CN", "destination": "de", "recipient_says": None}
    path.write_text(json.dumps({**answers, "last_event": None, "phone_given": True}))
    out = run("diagnose", "--answers", str(path), "--today", "2026-11-25", "--json", "--no-ask")
    assert out.exit_code == 0, out.output
    inputs = json.loads(out.stdout)["inputs"]
    assert "recipient_says" not in inputs and "last_event" not in inputs
    assert inputs["phone_given"] is True
    path.write_text(json.dumps({"destination": None, "last_event_on": True}))
    out = run("diagnose", "--answers", str(path), "--today", "2026-11-25", "--no-ask")
    assert out.exit_code == 2
    assert "'true' is not a date" in out.output and "None" not in out.output


def test_diagnose_text_report(tmp_path):
    out = run(
        "diagnose",
        "--answers",
        str(ROOT / "examples" / "stuck-after-export.toml"),
        "--today",
        "2026-11-25",
        "--trace",
    )
    assert out.exit_code == 0
    text = out.output
    assert "What is happening" in text
    assert "Later than the service's normal transit time" in text
    assert "4. Wait, then act by 2026-12-04" in text
    assert "How the rules got there" in text and "moving-but-late" in text


def test_bad_today_is_a_usage_error():
    assert run("diagnose", "--today", "tomorrow").exit_code == 2


def test_broken_knowledge_base_is_a_clear_error(kb_copy):
    facts, rules = kb_copy
    (facts / "countries.toml").write_text("[[country]]\ncode = 1\n")
    out = run("diagnose", "--facts", str(facts), "--rules", str(rules), "--set", "destination=DE")
    assert out.exit_code == 2
    assert "the knowledge base has" in out.output
    assert "Traceback" not in out.output


def test_set_and_answers_files_take_written_dates(tmp_path):
    path = tmp_path / "answers.toml"
    path.write_text('shipped_on = "a month ago"\n')
    out = run(
        "diagnose",
        "RR123456785CN",
        "--answers",
        str(path),
        "--set",
        "last_event_on=Nov 3",
        "--to",
        "DE",
        "--today",
        "2026-11-25",
        "--json",
    )
    assert out.exit_code == 0, out.output
    inputs = json.loads(out.stdout)["inputs"]
    assert inputs["shipped_on"] == "2026-10-25"
    assert inputs["last_event_on"] == "2026-11-03"


def test_answers_file_with_a_toml_datetime_takes_its_day(tmp_path):
    path = tmp_path / "answers.toml"
    path.write_text("shipped_on = 2026-10-01T10:22:00+01:00\n")
    out = run("diagnose", "--answers", str(path), "--today", "2026-11-25", "--json")
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["inputs"]["shipped_on"] == "2026-10-01"


def test_terminal_text_wraps_with_a_hanging_indent_and_not_into_a_pipe():
    import io

    from parcel_doctor import terminal
    from rich.console import Console

    text = "Look the same number up on the destination operator's own tracking page today."
    screen = Console(file=io.StringIO(), width=40, force_terminal=True, color_system=None)
    screen.soft_wrap = False
    terminal.hang(screen, "  1. ", text)
    lines = screen.file.getvalue().splitlines()
    assert len(lines) > 1 and lines[0].startswith("  1. Look")
    assert all(line.startswith("     ") and not line.endswith(" ") for line in lines[1:])
    assert all(len(line) <= 40 for line in lines)
    pipe = Console(file=io.StringIO(), width=40)
    pipe.soft_wrap = True
    terminal.hang(pipe, "  1. ", text)
    assert pipe.file.getvalue() == f"  1. {text}\n"


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz:/.?=-0123456789", min_size=1, max_size=90)


@given(
    st.lists(st.lists(_WORD, min_size=1, max_size=12), min_size=1, max_size=3),
    st.integers(min_value=20, max_value=120),
    st.sampled_from(["", "  ", "     ", "  1. "]),
)
@example([["0"] * 7 + ["00"]], 20, "     ")  # the text was given 20 columns after a 5-column lead
def test_terminal_wrapping_never_cuts_a_word_or_a_link(paragraphs, width, lead):
    # review14 L-R24: at 80 columns a step's link was printed as ".../sendungsverfolgung
    # .html?piececode=RR123456" / "785CN": copied, it opened the page for a wrong number
    import io

    from parcel_doctor import terminal
    from rich.console import Console

    screen = Console(file=io.StringIO(), width=width, force_terminal=True, color_system=None)
    screen.soft_wrap = False
    terminal.hang(screen, lead, "\n".join(" ".join(words) for words in paragraphs))
    lines = screen.file.getvalue().splitlines()
    shown = [line[len(lead) :].split() for line in lines]
    assert [w for line in shown for w in line] == [w for words in paragraphs for w in words]
    for line, words in zip(lines, shown, strict=True):
        assert len(line) <= width or len(words) == 1  # only a word wider than a line is wider
        assert line.startswith(lead if line is lines[0] else " " * len(lead))


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (["--to", "DE", "--set", "destination=FR"], "'DE' (--to) and 'FR' (--set destination=FR)"),
        (["--set", "origin=US", "--set", "origin=FR"], "'US' (--set origin=US) and 'FR'"),
        (["RR123456785CN", "--set", "tracking_number=RR987654312CN"], "(the NUMBER argument)"),
    ],
)
def test_one_answer_given_two_values_in_the_command_is_refused(given, said):
    # review15 L-R28: the last value was kept without a word ("--to DE --set destination=FR")
    out = run("diagnose", "--no-ask", *given, "--today", "2026-11-25")
    assert out.exit_code == 2 and "given twice" in out.output and said in out.output
    same = run(
        "diagnose", "--no-ask", "--to", "DE", "--set", "destination=DE", "--today", "2026-11-25"
    )
    assert same.exit_code == 0


def test_a_month_answer_is_saved_in_the_sellers_words(tmp_path):
    # review15 L-R31: --save wrote "September 2026" as 2026-09-30, and the replayed file
    # then dated the inquiry from the 30th, with no note
    saved = tmp_path / "saved.toml"
    given = ["--to", "US", "--set", "origin=DE", "--set", "shipped_on=September 2026"]
    out = run("diagnose", "--no-ask", *given, "--today", "2026-11-20", "--save", str(saved))
    assert out.exit_code == 0, out.output
    assert 'shipped_on = "September 2026"' in saved.read_text()
    again = run("diagnose", "--no-ask", "--answers", str(saved), "--today", "2026-11-20")
    assert "read as 30 September 2026, the latest day" in again.output
