"""The batch runner: column mapping, pass-through, error rows, order, CSV injection, JSON
Lines both ways, standard input and the summary, through `batch.pipeline` and the CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from child_processes import HANG_AFTER
from hypothesis import given
from hypothesis import strategies as st
from parcel_doctor.batch.columns import ADDED, COLUMN_SETS, BatchInputError, map_columns
from parcel_doctor.batch.outcome import RowOutcome
from parcel_doctor.batch.pipeline import run_batch
from parcel_doctor.batch.presets import heading_key
from parcel_doctor.batch.reading import Row, open_source
from parcel_doctor.batch.summary import Summary
from parcel_doctor.batch.writing import CsvWriter, neutralise
from parcel_doctor.cli.main import app
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge.loader import load
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 25)
runner = CliRunner()

HEADER = "Order ID,Tracking Number,Ship Date,Country,Last Event,Notes\n"
GOOD = "1001,RR123456785CN,2026-10-01,Germany,export,fragile\n"
BAD_DATE = "1002,,2026-13-45,France,accepted,\n"
BAD_COUNTRY = "1003,,2026-10-01,Germny,export,gift\n"
FUTURE = "1004,,2026-12-01,US,,\n"
EMPTY = "1005,,,,,\n"
GOOD_ANSWERS = {
    "tracking_number": "RR123456785CN",
    "shipped_on": "2026-10-01",
    "destination": "Germany",
    "last_event": "export",
}


@pytest.fixture(scope="module")
def kb():
    return load()


def run_text(kb, text: str, fmt: str = "csv", **options) -> tuple[str, Summary]:
    """Run the batch over `text` in-process; the output text and the summary."""
    source = open_source("-", io.BytesIO(text.encode()))
    out = io.StringIO()
    try:
        summary = run_batch(kb, source, out, options.pop("today", TODAY), fmt=fmt, **options)
    finally:
        source.close()
    return out.getvalue(), summary


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def cli(*args: str, stdin: str | None = None):
    return runner.invoke(app, ["batch", *args], input=stdin)


# ----------------------------------------------------------------------------- mapping


def keys(plan) -> dict[int, str]:
    """Column position -> answer key, for plans that read one column per key."""
    return {p: key for key, where in plan.keys.items() for p in where}


def test_headings_map_by_alias_case_spacing_and_punctuation(kb):
    header = ["TRACKING  number", "ship-date", "Destination Country", "shipped_on_x", "Last Update"]
    assert keys(map_columns(kb, header)) == {
        0: "tracking_number",
        1: "shipped_on",
        2: "destination",
        4: "last_event_on",
    }


@pytest.mark.parametrize(
    ("header", "mapped"),
    [
        (["Order Number", "Shipment Date", "Shipping Provider"], {1: "shipped_on", 2: "carrier"}),
        (["Fulfilled At", "Destination Country/Region"], {0: "shipped_on", 1: "destination"}),
        (["订单号", "收货国家", "运单号"], {1: "destination", 2: "tracking_number"}),
        (
            ["Order Number", "Shipping Carrier Used", "Tracking Number"],
            {1: "carrier", 2: "tracking_number"},
        ),
        (
            ["Date of Shipment", "Shipping Provider Name", "收件人国家"],
            {0: "shipped_on", 1: "carrier", 2: "destination"},
        ),
    ],
)
def test_more_headings_shops_and_tools_write_are_read(kb, header, mapped):
    # headings an export with no preset was left unread by ("Shipment Date", a Chinese
    # shop's 收货国家): the rows were diagnosed without their dates or country
    assert keys(map_columns(kb, header)) == mapped


def test_key_name_beats_alias_and_ambiguity_needs_a_map(kb):
    assert keys(map_columns(kb, ["Country", "destination"])) == {1: "destination"}
    with pytest.raises(BatchInputError, match="'Country' and 'Destination Country'"):
        map_columns(kb, ["Country", "Destination Country"])
    mapped = map_columns(kb, ["Country", "Destination Country"], ["Country=destination"])
    assert keys(mapped) == {0: "destination"}


def test_buyer_country_is_not_a_destination(kb):
    with pytest.raises(BatchInputError, match="no column is an answer key"):
        map_columns(kb, ["Order", "Buyer Country"])


def test_a_ship_to_company_is_not_a_carrier(kb):
    """Review 12 X-R2: "Shipping Company" was a carrier alias, but in WooCommerce's and
    Shopify's order exports it is the ship-to address's company: a buyer's company
    called UPS turned a postal parcel into a courier's. It now passes through unread."""
    header = ["order_id", "shipping_first_name", "shipping_company", "shipping_country"]
    plan = map_columns(kb, header)
    assert "carrier" not in plan.keys and "destination" in plan.keys


def test_tracking_services_origin_and_update_time_headings(kb):
    """TrackingMore's original_country and lastUpdateTime are read by their headings too,
    when a file has too few of its fields for the trackingmore preset (review 12 X-R1)."""
    plan = map_columns(kb, ["tracking_number", "original_country", "lastUpdateTime"])
    assert {"origin", "last_event_on"} <= set(plan.keys)


def test_map_option_adds_and_removes_columns(kb):
    header = ["Order Ship Date", "Country", "Billing Country"]
    plan = map_columns(kb, header, ["order ship date=shipped_on", "Country="])
    assert keys(plan) == {0: "shipped_on"}


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("Order Ship Date=shiped_on", "not an answer key. Did you mean 'shipped_on'"),
        ("Nope=shipped_on", "the input has no column 'Nope'"),
        ("no equals sign", "write it as COLUMN=KEY"),
    ],
)
def test_bad_map_is_unusable(kb, assignment, message):
    with pytest.raises(BatchInputError, match=message):
        map_columns(kb, ["Order Ship Date", "Country"], [assignment])


def test_no_recognisable_column_is_unusable(kb):
    with pytest.raises(BatchInputError, match="no column is an answer key"):
        map_columns(kb, ["Order ID", "Email"])


def test_shipped_aliases_are_unambiguous(kb):
    seen: dict[str, str] = {heading_key(k): k for k in kb.questions}
    for key, entry in kb.columns.items():
        for alias in entry["aliases"]:
            folded = heading_key(alias)
            assert seen.setdefault(folded, key) == key, f"{alias!r} means two keys"


# ----------------------------------------------------------------------------- rows


def test_an_exports_own_columns_named_like_added_ones_are_kept(kb, tmp_path):
    """Review 13 X-R6: an export's own 'note', 'error' and 'situation' columns were
    replaced by the added ones without a word ('fragile - call before' gone). Now a file
    that is not an earlier batch output keeps them, written as 'note (input)' ..., and
    the summary says so; a re-run on the output replaces only the added columns."""
    text = (
        "tracking_number,destination,shipped_on,note,error,situation\n"
        "LX123456785GB,DE,2026-10-01,fragile - call before,none,my own words\n"
    )
    out, summary = run_text(kb, text)
    (row,) = rows_of(out)
    assert row["note (input)"] == "fragile - call before"
    assert row["error (input)"] == "none" and row["situation (input)"] == "my own words"
    assert row["situation"] and row["error"] == ""
    assert any("'note' as 'note (input)'" in line for line in summary.read_as)
    again, summary = run_text(kb, out)
    assert list(rows_of(again)[0]) == list(row)  # replaced once, never renamed twice
    assert not any(line.startswith("The input's own column") for line in summary.read_as)


def test_rows_pass_through_in_order_with_added_columns(kb):
    text = HEADER + GOOD + BAD_DATE + BAD_COUNTRY + FUTURE + EMPTY
    out, summary = run_text(kb, text)
    rows = rows_of(out)
    assert list(rows[0]) == [*HEADER.strip().split(","), *ADDED]
    assert [r["Order ID"] for r in rows] == ["1001", "1002", "1003", "1004", "1005"]
    good = rows[0]
    expected = diagnose(kb, GOOD_ANSWERS, TODAY)  # the same answers, the one code path
    assert good["Notes"] == "fragile"
    assert good["situation"] == expected.situations[0].id
    assert good["situations"] == "; ".join(s.id for s in expected.situations)
    assert good["advice"] == "; ".join(a.id for a in expected.advice)
    assert good["act_by"] == expected.act_by
    assert good["error"] == ""
    assert good["situation_title"] == expected.situations[0].title
    assert good["first_step"] == expected.advice[0].text
    # Empty cells are unknown, not errors; unknown is not silence: look the tracking up.
    assert rows[4]["error"] == "" and rows[4]["situation"] == "status-unknown"
    assert summary.rows == 5 and summary.errors == 3 and summary.exit_code == 1
    assert summary.concluded == 2  # a row with a situation counts as concluded


def test_error_rows_keep_their_data_and_say_precisely_what_is_wrong(kb):
    out, _ = run_text(kb, HEADER + BAD_DATE + BAD_COUNTRY + FUTURE + GOOD)
    bad_date, bad_country, future, good = rows_of(out)
    assert bad_date["Ship Date"] == "2026-13-45" and bad_date["Country"] == "France"
    assert bad_date["error"].startswith("shipped_on: '2026-13-45' is not a date")
    assert bad_country["Notes"] == "gift"
    assert bad_country["error"] == (
        "destination: unknown country 'Germny'. Did you mean: Germany (DE), Guernsey (GG)?"
    )
    assert future["error"].startswith("shipped_on: 2026-12-01 is in the future")
    assert bad_date["situation"] == "" and good["error"] == ""  # the run went on
    # review19 L-R44: an Iranian shop's export writes Solar Hijri dates (1405/09/01)
    (jalali,) = rows_of(run_text(kb, HEADER + "1005,,1405/09/01,DE,,\n")[0])
    assert jalali["error"].startswith("shipped_on: 1405-09-01 is more than 100 years before")


def test_datetime_cells_give_their_date_and_today_is_an_input(kb):
    text = "Ship Date,Country\n2026-11-20 10:22:01 +0800,DE\n"
    out, summary = run_text(kb, text)
    assert rows_of(out)[0]["error"] == ""
    _, summary = run_text(kb, text, today=dt.date(2026, 11, 1))
    assert summary.errors == 1


def test_ragged_and_blank_lines(kb):
    out, summary = run_text(kb, "Country,Notes\nDE\n\n,\nFR,a,b\n")
    short, long = rows_of(out)
    assert short["error"] == "" and short["Notes"] == ""
    assert long["error"] == "line 5: 3 cells, the header has 2; not diagnosed; the extra cells: 'b'"
    assert summary.rows == 2 and summary.blank == 2


def test_semicolon_separated_export_keeps_its_separator_on_a_pipe(kb):
    out, _ = run_text(kb, "Country;Notes\nDE;x,y\n", columns="ids")
    assert out.splitlines()[0] == "Country;Notes;situation;situations;advice;act_by;note;error"
    assert out.splitlines()[1].startswith("DE;x,y;")


def test_old_added_columns_are_replaced(kb):
    first, _ = run_text(kb, HEADER + GOOD)
    again, _ = run_text(kb, first)
    assert again == first


# ----------------------------------------------------------------------------- injection


@given(st.text(max_size=20))
def test_neutralise_dangerous_cells_only(cell):
    safe = neutralise(cell)
    lead = cell.lstrip(" \t\r\n\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff")
    if cell[:1] in ("\t", "\r", "\n") or lead[:1] in tuple("=+-@\uff1d\uff0b\uff0d\uff20\u2212"):
        assert safe == "'" + cell
    elif not cell[:1].isspace() and cell[:1] not in ("\u200b", "\ufeff"):
        assert safe == cell


@given(
    st.lists(
        st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=12),
        min_size=1,
        max_size=3,
    )
)
def test_csv_output_cells_are_neutralised_and_safe_ones_unchanged(kb, cells):
    header = ["Country", "a", "b", "c"][: len(cells) + 1]
    row = Row(2, ["", *cells])
    out = io.StringIO()
    CsvWriter(out, header, COLUMN_SETS["ids"]).write(row, RowOutcome(error="=bad"))
    written = list(csv.reader(io.StringIO(out.getvalue())))[1]
    for given_cell, got in zip(cells, written[1:], strict=False):
        assert got == neutralise(given_cell)
        assert not got.startswith(("=", "+", "-", "@"))
    assert written[-1] == "'=bad"


def test_injection_in_a_whole_run(kb):
    out, _ = run_text(kb, 'Country,Notes\nDE,"=HYPERLINK(""http://x"")"\n+DE,@SUM(1)\n')
    one, two = rows_of(out)
    assert one["Notes"] == '\'=HYPERLINK("http://x")'
    assert two["Country"] == "'+DE" and two["Notes"] == "'@SUM(1)"
    assert two["error"].startswith("destination: unknown country '+DE'")


# ----------------------------------------------------------------------------- JSON Lines


def test_json_lines_in_and_out(kb):
    text = (
        '{"tracking": "RR123456785CN", "destination": "DE", "shipped_on": "2026-10-01",'
        ' "last_event": "export", "meta": {"shop": 1}}\n'
        "\n"
        "{not json\n"
        '{"destination": "Germny", "extra": null, "phone_given": true}\n'
    )
    out, summary = run_text(kb, text, fmt="jsonl")
    first, broken, bad = (json.loads(line) for line in out.splitlines())
    expected = diagnose(kb, GOOD_ANSWERS, TODAY)
    assert first["meta"] == {"shop": 1}
    assert first["situations"] == [s.id for s in expected.situations]
    assert isinstance(first["advice"], list) and first["error"] is None
    assert "destination" not in broken and broken["error"].startswith("line 3: not valid JSON")
    assert broken["error"].endswith("{not json")
    assert bad["extra"] is None and bad["phone_given"] is True
    assert bad["error"].startswith("destination: unknown country 'Germny'")
    assert summary.rows == 3 and summary.errors == 2


def test_json_lines_to_csv_has_every_key(kb):
    text = '{"destination": "DE"}\n{"destination": "FR", "late": "=1"}\n'
    out, _ = run_text(kb, text, fmt="csv")
    rows = rows_of(out)
    assert rows[0]["late"] == "" and rows[1]["late"] == "'=1"


# ----------------------------------------------------------------------------- CLI


def write(tmp_path: Path, text: str, name: str = "orders.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_exit_codes_and_summary(tmp_path):
    good = write(tmp_path, HEADER + GOOD + EMPTY)
    result = cli(str(good), "--today", "2026-11-25")
    assert result.exit_code == 0
    assert len(rows_of(result.stdout)) == 2
    assert "2 rows: 2 with a conclusion, 1 need a tracking look-up, 0 with errors" in result.stderr
    assert f"{diagnose(load(), GOOD_ANSWERS, TODAY).situations[0].id}  1" in result.stderr

    bad = write(tmp_path, HEADER + GOOD + BAD_COUNTRY)
    result = cli(str(bad), "--today", "2026-11-25", "--summary")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "2 rows: 1 with a conclusion, 0 need a tracking look-up, 1 with errors"
    )
    assert "line 3: destination: unknown country 'Germny'" in result.stdout

    for args, message in [
        ([str(tmp_path / "missing.csv")], "cannot be read"),
        ([str(write(tmp_path, "Order ID,Email\n1,a\n", "x.csv"))], "no column is an answer key"),
        ([str(good), "--map", "Ship Date=shipped"], "not an answer key"),
        ([str(good), "--map", "Nope=shipped_on"], "no column 'Nope'"),
        ([str(write(tmp_path, "", "empty.csv"))], "no header row"),
        ([str(good), "--jobs", "0"], "'--jobs': 0 is not in the range x>=1"),
    ]:
        result = cli(*args, "--today", "2026-11-25")
        assert result.exit_code == 2, args
        assert message in result.stderr
        assert "Traceback" not in result.stderr + result.stdout


def test_cli_needs_action_today(tmp_path):
    lost = "RR123456785CN,2026-01-05,Germany,export,\n"
    path = write(tmp_path, HEADER.replace("Order ID,", "") + lost)
    result = cli(str(path), "--today", "2026-11-25", "--summary")
    assert "1 need action today" in result.stdout
    assert "likely-lost  1" in result.stdout


def test_situations_flagged_act_now_need_action_without_a_date(tmp_path):
    """An invalid number has no due date; `act_now` in situations.toml flags it."""
    rows = (
        "RR123456784CN,2026-11-20,Germany,export,\n"  # wrong check digit: act now
        "RR123456785CN,2026-11-20,Germany,export,\n"  # within its window: can wait
    )
    path = write(tmp_path, HEADER.replace("Order ID,", "") + rows)
    result = cli(str(path), "--today", "2026-11-25", "--summary")
    assert result.stdout.startswith("2 rows: 2 with a conclusion")
    assert "1 need action today" in result.stdout
    lines = result.stdout.splitlines()
    start = lines.index("Most pressing situation per row with a conclusion:") + 1
    counts = dict(line.split() for line in lines[start : start + 2])
    assert counts == {"invalid-tracking-number": "1", "track-with-destination-operator": "1"}


def test_cli_out_file_format_and_refusing_to_overwrite_input(tmp_path):
    path = write(tmp_path, HEADER + GOOD)
    out = tmp_path / "result.jsonl"
    result = cli(str(path), "--out", str(out), "--today", "2026-11-25")
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text())["Order ID"] == "1001"
    result = cli(str(path), "--out", str(path), "--today", "2026-11-25")
    assert result.exit_code == 2 and "that is the input" in result.stderr
    assert path.read_text() == HEADER + GOOD


def test_cli_jobs_keep_the_order(tmp_path):
    lines = [GOOD.replace("1001", str(n)) if n % 7 else BAD_COUNTRY for n in range(300)]
    path = write(tmp_path, HEADER + "".join(lines))
    result = cli(str(path), "--jobs", "2", "--today", "2026-11-25")
    assert result.exit_code == 1
    rows = rows_of(result.stdout)
    assert [r["Order ID"] for r in rows] == [line.split(",")[0] for line in lines]
    assert all((r["error"] != "") == (r["Order ID"] == "1003") for r in rows)
    single = cli(str(path), "--today", "2026-11-25")
    assert single.stdout == result.stdout


def test_standard_input_through_a_real_process():
    text = '{"Tracking Number": "RR123456785CN", "Country": "DE", "Ship Date": "2026-10-01"}\n'
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from parcel_doctor.cli.main import main; main()",
            "batch",
            "-",
            "--today",
            "2026-11-25",
        ],
        input=text.encode(),
        capture_output=True,
        cwd=ROOT,
        timeout=HANG_AFTER,
    )
    assert done.returncode == 0, done.stderr
    (row,) = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert row["Country"] == "DE" and row["error"] is None
    assert isinstance(row["situations"], list) and isinstance(row["advice"], list)
    assert done.stderr.decode().startswith("1 row: 1 with a conclusion, 1 need a tracking look-up")


def test_standard_input_through_the_cli_runner():
    result = cli("-", "--today", "2026-11-25", stdin=HEADER + GOOD + BAD_COUNTRY)
    assert result.exit_code == 1
    assert [r["Order ID"] for r in rows_of(result.stdout)] == ["1001", "1003"]


def test_set_answers_every_row_that_leaves_the_key_empty(tmp_path):
    # exports' report: a German shop's export has no origin column, so a bare "DHL" was
    # assumed DHL Express; `batch --set origin=DE` says where every parcel was posted
    path = tmp_path / "orders.csv"
    path.write_text(
        "order,country,carrier,origin,shipped\n1,US,DHL,,2026-10-01\n2,US,DHL,HK,2026-10-01\n",
        encoding="utf-8",
    )
    plain = cli(str(path), "--today", "2026-11-20", "--format", "jsonl")
    given = cli(str(path), "--today", "2026-11-20", "--format", "jsonl", "--set", "origin=DE")
    before = [json.loads(line) for line in plain.stdout.splitlines()]
    after = [json.loads(line) for line in given.stdout.splitlines()]
    assert "DHL Express" in before[0]["first_step"]  # no origin: the courier assumed
    assert "DHL Paket" in after[0]["first_step"]  # --set origin=DE: Deutsche Post's parcel
    assert "DHL Express" in after[1]["first_step"]  # the row's own origin (HK) wins
    assert "For every row that leaves it empty (--set): origin = DE." in given.stderr
    bad = cli(str(path), "--today", "2026-11-20", "--set", "origin=Germny")
    assert bad.exit_code == 2 and "--set: origin: unknown country 'Germny'" in bad.stderr
    own = cli(str(path), "--today", "2026-11-20", "--set", "tracking_number=RR123456785CN")
    assert own.exit_code == 2 and "is each row's own" in own.stderr
    half = cli(str(path), "--today", "2026-11-20", "--set", "origin")
    assert half.exit_code == 2 and "error: --set: 'origin' is not key=value" in half.stderr
    assert "Traceback" not in bad.output + own.output


def test_set_a_month_for_every_row_is_read_as_a_cell_naming_it(tmp_path):
    # `--set shipped_on="September 2026"` for an export with no date column: each row
    # the month's last day for its situations, its first for deadlines, and the notes
    # saying so, as a date cell (and `diagnose`) read it; before, the rows got the last
    # day alone, silently
    path = tmp_path / "orders.csv"
    path.write_text("order,country,tracking\n1,US,RR123456785DE\n", encoding="utf-8")
    month = cli(
        str(path), "--today", "2026-11-20", "--format", "jsonl", "--set", "origin=DE",
        "--set", "shipped_on=September 2026",
    )  # fmt: skip
    row = json.loads(month.stdout)
    assert row["situations"] == ["status-unknown", "transit-delayed"]  # from 30 September
    notes = " ".join(row["note"])
    assert "--set shipped_on 'September 2026' read as 30 September 2026" in notes
    assert "With the earliest day (shipped_on 1 September 2026) it would be Long overdue" in notes
    assert "shipped_on = September 2026." in month.stderr
