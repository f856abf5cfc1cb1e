"""Exports laid out in ways no sample shows: a title or group-label rows above the header,
headings in another case or spelling, blank, extra and repeated columns, several date
forms in one column. Every row gets a result or a clear reason; nothing is dropped and
nothing crashes (hypothesis over the real and preset samples)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from parcel_doctor.batch import reading
from parcel_doctor.batch.cells import read_date, row_input
from parcel_doctor.batch.columns import map_columns
from parcel_doctor.batch.date_order import settle_date_order, written_order
from parcel_doctor.batch.pipeline import run_batch
from parcel_doctor.batch.reading import header_among, open_source
from parcel_doctor.dates import parse_date_text, spoken
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge.loader import load

TESTS = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def kb():
    return load()


def run_path(kb, path: Path, today: dt.date = TODAY):
    source = open_source(str(path))
    out = io.StringIO()
    try:
        summary = run_batch(kb, source, out, today, fmt="jsonl")
    finally:
        source.close()
    return [json.loads(line) for line in out.getvalue().splitlines()], summary


def run_text(kb, tmp_path, text: str, name: str = "export.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return run_path(kb, path)


HEADER = "Order ID,Tracking Number,Ship Date,Country"
ROWS = ["1001,RR123456785DE,2026-11-02,Austria", "1002,RR987654312DE,2026-11-03,France"]


def test_a_title_and_a_date_line_above_the_header_are_said_not_read(kb, tmp_path):
    text = "\n".join(["Orders report", "Generated 2026-11-24 08:00", "", HEADER, *ROWS]) + "\n"
    rows, summary = run_text(kb, tmp_path, text)
    assert [r["Order ID"] for r in rows] == ["1001", "1002"]
    assert all(r["error"] is None for r in rows)
    said = " ".join(summary.read_as)
    assert "The header is line 4; above it, not orders and not read: " in said
    assert "line 1 'Orders report'; " in said
    assert "line 2 'Generated 2026-11-24 08:00'" in said
    assert summary.blank == 1


def test_a_row_of_group_labels_above_the_headings(kb, tmp_path):
    """Two labels over six headings (as in a report grouping its columns)."""
    header = HEADER + ",Carrier,Weight"
    lines = [",Shipment,,Destination,,", header, *(r + ",Deutsche Post,0.4" for r in ROWS)]
    rows, summary = run_text(kb, tmp_path, "\n".join(lines) + "\n")
    assert len(rows) == 2 and rows[0]["Country"] == "Austria" and rows[0]["error"] is None
    assert "line 1 'Shipment Destination'" in " ".join(summary.read_as)


def test_a_title_line_without_separators_does_not_decide_the_separator(kb, tmp_path):
    lines = ["Bestellungen", HEADER.replace(",", ";"), ROWS[0].replace(",", ";")]
    rows, _ = run_text(kb, tmp_path, "\r\n".join(lines) + "\r\n")
    assert rows[0]["Tracking Number"] == "RR123456785DE" and rows[0]["error"] is None


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ([["Tracking Number"], ["RR123456785DE"]], 0),  # one column: the first line
        ([["a", "b", "c"], ["1", "2", "3", "4", "5", "6", "7"]], 0),  # a data row is no header
        ([["Orders"], ["Order", "Tracking", "Country"]], 1),
        ([["Orders", "2026"], ["Order", "Tracking", "Country", "Date"]], 0),  # not twice as many
        ([["Orders"], ["Order", "Tracking", "2026-11-01"]], 0),  # a cell without a letter
    ],
)
def test_which_line_is_the_header(window, expected):
    assert header_among(window) == expected


def test_a_workbook_with_a_title_row(kb, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Shipments November"])
    sheet.append([])
    sheet.append(HEADER.split(","))
    for row in ROWS:
        sheet.append(row.split(","))
    path = tmp_path / "shipments.xlsx"
    book.save(path)
    rows, summary = run_path(kb, path)
    assert [r["Order ID"] for r in rows] == ["1001", "1002"]
    assert "The header is line 3; above it" in " ".join(summary.read_as)
    assert all(r["error"] is None for r in rows)


def test_several_date_forms_in_one_column_each_row_read_or_said(kb, tmp_path):
    dates = ["2026-11-02", '"Nov 3, 2026"', "03/11/2026", "04.11.2026", "20261105", "soon"]
    lines = [HEADER] + [f"{i},RR123456785DE,{d},Austria" for i, d in enumerate(dates)]
    rows, _ = run_text(kb, tmp_path, "\n".join(lines) + "\n")
    assert len(rows) == len(dates)
    errors = [r["error"] for r in rows]
    assert errors[:2] == [None, None] and errors[3:5] == [None, None]
    # no preset, no --date-format: a date that reads two ways names both readings
    assert "3 November 2026" in errors[2] and "11 March 2026" in errors[2]
    # but one written with dots is day first (review16 L-R34): 4 November
    day_after = dt.date.fromisoformat(rows[1]["act_by"]) + dt.timedelta(days=1)
    assert rows[3]["act_by"] == day_after.isoformat()  # a day after 3 November's
    assert errors[5].startswith("shipped_on:") and "soon" in errors[5]


def test_a_month_in_a_date_cell_is_its_last_day_with_a_note(kb, tmp_path):
    # the answers' reading (review14: "September 2026"): a hand-made file is read alike
    dates = ["September 2026", "late Oct 2026", "2026-10", "13/2026"]
    lines = [HEADER] + [f"{i},RR123456785DE,{d},Austria" for i, d in enumerate(dates)]
    rows, _ = run_text(kb, tmp_path, "\n".join(lines) + "\n")
    assert [r["error"] is None for r in rows] == [True, True, True, False]
    notes = ["; ".join(r["note"] or []) for r in rows]
    assert "Ship Date 'September 2026' read as 30 September 2026" in notes[0]
    assert "'late Oct 2026' read as 31 October 2026" in notes[1]
    assert "'2026-10' read as 31 October 2026" in notes[2]
    assert "shipped_on" in rows[3]["error"] and "13/2026" in rows[3]["error"]


@pytest.mark.parametrize(
    ("shipped", "event"),
    [
        ("September 2026", ""),  # the first day long overdue, the last only late
        ("early August 2026", ""),
        ("2026-09", "2026-09-12"),  # an event inside the stretch dates the posting
        ("last month", "2026-10-03"),
    ],
)
def test_a_stretch_in_a_date_cell_is_read_as_diagnose_reads_the_answer(
    kb, tmp_path, shipped, event
):
    # The month's last day for the situations, its first for the deadlines, and the
    # same notes, as `diagnose` reads the answer: the row read the FIRST day for
    # everything while its note said the last (a September parcel "long overdue" in a
    # batch, "late" in diagnose), and an event inside the month was out of order.
    header = "Order ID,Tracking Number,Ship Date,Country,Last Event,Last Event Date"
    line = f"1,RR123456785DE,{shipped},United States,{'export' if event else ''},{event}"
    rows, _ = run_text(kb, tmp_path, f"{header}\n{line}\n")
    row = rows[0]
    answers = {"tracking_number": "RR123456785DE", "destination": "US", "shipped_on": shipped}
    if event:
        answers |= {"last_event": "export", "last_event_on": event}
    alone = diagnose(kb, answers, TODAY)
    assert row["error"] is None
    assert row["situations"] == [s.id for s in alone.situations]
    assert row["advice"] == [a.id for a in alone.advice]
    assert row["act_by"] == min((a.due for a in alone.advice if a.due), default=None)
    told = [n for n in alone.notes if not n.startswith("shipped_on ")]
    assert all(n in row["note"] for n in told), (told, row["note"])
    if shipped == "September 2026":  # what the first day would conclude, said
        assert any("it would be Long overdue" in n for n in row["note"]), row["note"]
    assert any(n.startswith(f"Ship Date {shipped!r} read as") for n in row["note"])


def test_dotted_dates_are_read_day_first_as_histories_and_answers_read_them(kb, tmp_path):
    # review16 L-R34: a German export's 02.10.2026 was an error on every row ("could be 2
    # October or 10 February") though a pasted history reads it day first
    lines = [HEADER] + [
        f"{i},RR123456785DE,{d},Austria" for i, d in enumerate(["02.10.2026", "03.11.2026"])
    ]
    rows, summary = run_text(kb, tmp_path, "\n".join(lines) + "\n")
    assert [r["error"] for r in rows] == [None, None]
    said = " ".join(summary.read_as)
    assert "Dates written with dots are read day first ('02.10.2026' on line 2)" in said
    assert rows[0]["act_by"] != rows[1]["act_by"]  # 2 October and 3 November, both read


def test_the_files_own_dates_settle_the_order_of_those_that_read_two_ways(kb, tmp_path):
    lines = [HEADER] + [
        f"{i},RR123456785DE,{d},Austria"
        for i, d in enumerate(["03/11/2026", "11/04/2026", "24/10/2026", "05/11/2026"])
    ]
    rows, summary = run_text(kb, tmp_path, "\n".join(lines) + "\n")
    assert all(r["error"] is None for r in rows)
    said = " ".join(summary.read_as)
    assert "Dates are read day first: '24/10/2026' on line 4 reads no other way" in said
    assert rows[1]["act_by"] != rows[3]["act_by"]  # 11 April and 5 November: both read


def test_the_order_is_learnt_from_the_files_other_date_columns(kb, tmp_path):
    """review21 R21-10: a TikTok Shop export whose shipping dates all read two ways
    (02/11/2026) but whose order times can only be day first (20/11/2026 10:00:00) was an
    error on every row, saying no date in the file settled it."""
    lines = [
        "Order ID,Order Substatus,Tracking ID,Created Time,Shipped Time,Country",
        "1,In transit,RR123456785DE,20/11/2026 10:00:00,02/11/2026 09:00:00,Austria",
        "2,In transit,RR987654312DE,21/11/2026 11:30:00,03/11/2026 09:00:00,Austria",
    ]
    rows, summary = run_text(kb, tmp_path, "\n".join(lines) + "\n")
    assert [r["error"] for r in rows] == [None, None]
    said = " ".join(summary.read_as)
    assert (
        "Dates are read day first: '20/11/2026 10:00:00' (column 'Created Time') on line 2 "
        "reads no other way" in said
    ), said
    assert rows[0]["act_by"] != rows[1]["act_by"]  # 2 and 3 November, both read


def test_other_columns_that_disagree_or_are_no_dates_decide_nothing(kb, tmp_path):
    lines = [
        "Order ID,Order Substatus,Tracking ID,Created Time,Paid Time,Shipped Time,Note,Country",
        "1,In transit,RR123456785DE,20/11/2026,11/25/2026,02/11/2026,ref 13-12-2026x,Austria",
    ]
    rows, summary = run_text(kb, tmp_path, "\n".join(lines) + "\n")
    assert "could be 2 November 2026 (day first) or 11 February 2026" in rows[0]["error"]
    said = " ".join(summary.read_as)
    assert "both day first and month first" in said and "(column 'Paid Time')" in said
    lines[1] = "1,In transit,RR123456785DE,,,02/11/2026,ref 13-12-2026x,Austria"  # no date
    rows, summary = run_text(kb, tmp_path, "\n".join(lines) + "\n")
    assert rows[0]["error"] and not any("Dates are" in n for n in summary.read_as)


def test_a_shops_own_date_order_beats_the_presets(kb, tmp_path):
    """The WooCommerce plugin writes day first by default; a shop that chose month first
    shows it in a date like 12/25/2020: its 12/03/2020 is then 3 December, not 12 March."""
    lines = [
        "order_id,tracking_provider,tracking_number,date_shipped,status_shipped",
        "1,usps,LZ123456785US,12/03/2020,1",
        "2,usps,LZ987654312US,12/25/2020,1",
    ]
    rows, summary = run_text(kb, tmp_path, "\n".join(lines) + "\n")
    said = " ".join(summary.read_as)
    assert "Dates are read month first: '12/25/2020' on line 3 reads no other way (the " in said
    assert "preset woocommerce-shipment-tracking says day first)" in said
    assert all(r["error"] is None for r in rows)


def test_dates_written_both_ways_are_said_and_each_two_way_date_is_an_error(kb, tmp_path):
    dates = ["24/10/2026", "10/24/2026", "03/11/2026"]
    lines = [HEADER] + [f"{i},RR123456785DE,{d},Austria" for i, d in enumerate(dates)]
    rows, summary = run_text(kb, tmp_path, "\n".join(lines) + "\n")
    said = " ".join(summary.read_as)
    assert "Dates are written both day first and month first ('24/10/2026' on line 2" in said
    assert [r["error"] is None for r in rows] == [True, True, False]
    assert "give --date-format dmy or --date-format mdy" in rows[2]["error"]


def test_a_presets_year_first_order_is_not_forced_on_a_date_with_its_year_last(kb, tmp_path):
    """Review 13 X-R4: a Shopify export re-saved by a German spreadsheet writes
    'Fulfilled at' as 02.05.2024 09:00; the preset's year-first order read it as year 02,
    month 05, day 2024 and said "is not a date in the calendar". A four-digit year last is
    never year first: the date is read as written, and one written with dots is day first
    (review16 L-R34; it was an error naming both readings); with slashes, one that reads
    two ways is an error naming both readings and what to give."""
    header = "Name,Financial Status,Fulfillment Status,Fulfilled at,Lineitem name,Shipping Country"
    rows, summary = run_text(kb, tmp_path, f"{header}\n#1,paid,fulfilled,02.05.2024 09:00,Mug,US\n")
    assert summary.read_as[0].startswith("Read as preset shopify-orders ")
    assert rows[0]["error"] is None
    assert any("read day first ('02.05.2024 09:00' on line 2)" in s for s in summary.read_as)
    rows, _ = run_text(kb, tmp_path, f"{header}\n#1,paid,fulfilled,02/05/2024 09:00,Mug,US\n")
    error = rows[0]["error"]
    assert "could be 2 May 2024 (day first) or 5 February 2024 (month first)" in error
    assert "give --date-format dmy or --date-format mdy" in error
    rows, _ = run_text(kb, tmp_path, f"{header}\n#1,paid,fulfilled,24.05.2024 09:00,Mug,US\n")
    assert rows[0]["error"] is None


def test_a_date_with_the_months_name_and_a_time_says_nothing_about_the_order(kb, tmp_path):
    """'Nov 3, 2026 10:22 AM' (a form the issue names) was taken for a day-first date (its
    first number, 3, is the day), so a file holding it read '05/06/2026' as 5 June with
    no word: a guess. A date written with its month's name tells no order whatever
    numbers follow it; the two-way date stays an error naming both readings."""
    assert written_order("Nov 3, 2026 10:22 AM", TODAY) is None
    assert written_order("3. November 2026 10:22", TODAY) is None
    assert written_order("24/10/2026 10:22", TODAY) == "dmy"
    lines = [
        HEADER,
        '1,RR123456785DE,"Nov 3, 2026 10:22 AM",Austria',
        "2,RR987654312DE,05/06/2026,Austria",
    ]
    rows, summary = run_text(kb, tmp_path, "\n".join(lines) + "\n")
    assert not any(s.startswith("Dates are read") for s in summary.read_as)
    assert rows[0]["error"] is None
    assert "5 June 2026 (day first) or 6 May 2026 (month first)" in rows[1]["error"]


def test_a_spreadsheets_day_number_is_an_error_that_says_what_it_is(kb, tmp_path):
    """review14 X-R10: a date column a spreadsheet saved as General holds its day numbers
    (45234); the error said only "'45234' is not a date; write it as ...". It stays an
    error (never a guessed date) and now says what the number looks like and what to do."""
    lines = [
        "tracking_number,destination,shipped_on,last_event,last_event_on",
        "RR123456785DE,FR,45234,export,45236.5",
    ]
    rows, _ = run_text(kb, tmp_path, "\n".join(lines) + "\n")
    assert rows[0]["situation"] is None
    assert rows[0]["error"].startswith(
        "shipped_on: '45234' looks like a spreadsheet's day number (4 November 2023 in the "
        "usual 1900 date system), not a date: format the column as a date in the "
        "spreadsheet and export again; last_event_on: '45236.5' looks like"
    )


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=dt.date(2000, 1, 1), max_value=TODAY), time=st.booleans())
def test_every_day_number_of_a_recent_date_is_said_never_read(day, time):
    """A recent date's day number in the 1900 date system (day 1: 1 January 1900, 1900
    taken as a leap year, so 1 March 1900 is day 61), with or without a time of day, is
    an error naming that date: never read as a date."""
    number = (day - dt.date(1900, 3, 1)).days + 61
    text = f"{number}.25" if time else str(number)
    plan = map_columns(load(), ["Ship Date"])
    with pytest.raises(ValueError, match=f"day number \\({spoken(day)} in the usual"):
        read_date(text, TODAY, plan)


@settings(max_examples=60, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)),
    order=st.sampled_from(["dmy", "mdy"]),
    separator=st.sampled_from(["/", ".", "-"]),
    short_year=st.booleans(),
)
def test_a_date_tells_its_order_only_when_it_reads_one_way(day, order, separator, short_year):
    first, second = (day.day, day.month) if order == "dmy" else (day.month, day.day)
    year = f"{day.year % 100:02d}" if short_year else str(day.year)
    text = separator.join([f"{first:02d}", f"{second:02d}", year])
    told = written_order(text, TODAY)
    if day.day > 12:
        assert told == order
    else:
        assert told is None  # 05/11 reads two ways; 05/05 says nothing about the order
    if told is not None:
        assert parse_date_text(text, TODAY, order=told) == day


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    days=st.lists(
        st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)),
        min_size=1,
        max_size=12,
    ),
    order=st.sampled_from(["dmy", "mdy"]),
    separator=st.sampled_from(["/", ".", "-"]),
)
def test_a_file_written_in_one_order_is_read_in_it_when_one_date_shows_it(
    kb, days, order, separator
):
    """Dates all written day first (or all month first), one of them with a day above 12:
    every row's date is read as written, none is an error, nothing is guessed."""
    assume(any(day.day > 12 for day in days))

    def written(day: dt.date) -> str:
        parts = (day.day, day.month) if order == "dmy" else (day.month, day.day)
        return separator.join([f"{parts[0]:02d}", f"{parts[1]:02d}", str(day.year)])

    text = "Tracking Number,Ship Date,Country\n" + "".join(
        f"RR123456785DE,{written(day)},DE\n" for day in days
    )
    today = max(days) + dt.timedelta(days=1)
    source = open_source("-", io.BytesIO(text.encode()))
    plan = map_columns(kb, source.header)
    settle_date_order(kb, plan, source, today)
    read = [row_input(kb, plan, row, today) for row in source.rows]
    assert [r.error for r in read] == [None] * len(days)
    assert [r.answers["shipped_on"] for r in read] == days


def test_a_header_fitting_two_presets_equally_is_read_by_its_headings(kb, tmp_path):
    seventeen = ["number", "latest_status", "latest_event"]
    aftership = ["tracking_number", "courier", "destination_country"]
    header = ",".join([*seventeen, "last_event", *aftership])
    row = "RR123456785DE,,,,RR123456785DE,,DE"
    rows, summary = run_text(kb, tmp_path, f"{header}\n{row}\n")
    said = " ".join(summary.read_as)
    assert "fits several presets equally (17track, aftership-upload): none is guessed" in said
    assert len(rows) == 1 and rows[0]["error"] is None


@pytest.mark.parametrize(
    ("header", "sep"),
    [
        ("Bestellnummer;Sendungsnummer;Land;Versanddatum;Versanddienstleister;Notiz", ";"),
        ("Commande;Numéro de suivi;Pays;Date d'expédition;Transporteur;Note", ";"),
        ("Pedido,Número de seguimiento,País,Fecha de envío,Transportista,Nota", ","),
        ("订单号,运单号,目的国,发货日期,物流公司,备注", ","),
    ],
)
def test_headings_in_other_languages_are_read_with_no_map(kb, tmp_path, header, sep):
    """A shop or shipping tool set to German, French, Spanish or Chinese: the tracking
    number, country, ship date and carrier are read by their headings (facts/columns.toml),
    day-first dates settled by the file's own 24.10.2026, country names in the language."""
    lines = [
        header,
        sep.join(["1001", "RR123456785DE", "Österreich", "03.11.2026", "Deutsche Post", "x"]),
        sep.join(["1002", "RR987654312DE", "Frankreich", "24.10.2026", "DHL", ""]),
    ]
    rows, summary = run_text(kb, tmp_path, "\n".join(lines) + "\n")
    said = " ".join(summary.read_as)
    for key in ("tracking_number", "destination", "shipped_on", "carrier"):
        assert f"{key} <- " in said
    assert "Dates are read day first: '24.10.2026' on line 3" in said
    assert "Passed through, no answer read from them: " in said  # the order and note
    assert all(r["error"] is None for r in rows), [r["error"] for r in rows]


def test_an_erp_export_no_preset_knows_is_read_by_its_headings(kb, tmp_path):
    """Headings of a public ERP order export (SalesOrderNo ... BillToCountryCode,
    ShipToCountryCode): the ship-to code is the destination, the bill-to one is not read."""
    header = "SalesOrderNo,OrderDate,BillToCountryCode,ShipToName,ShipToCountryCode"
    rows, summary = run_text(kb, tmp_path, f"{header}\n100000006,20121005,US,A. Example,CA\n")
    said = " ".join(summary.read_as)
    assert summary.read_as[0] == (
        "No preset fits, none shares a heading: columns read by their headings."
    )
    assert "Columns: destination <- 'ShipToCountryCode'." in said
    assert "'BillToCountryCode'" in said.split("Passed through")[1]
    assert rows[0]["error"] is None


def test_headings_in_capitals_and_with_underscores_still_fit_the_preset(kb, tmp_path):
    path = TESTS / "batch" / "real" / "ast-tracking-sample.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].upper()
    _, summary = run_text(kb, tmp_path, "\n".join(lines) + "\n")
    assert summary.read_as[0].startswith("Read as preset woocommerce-shipment-tracking ")
    assert summary.errors == 0


# ---------------------------------------------------------------------- properties

CSV_SAMPLES = sorted(
    p
    for folder in (TESTS / "presets", TESTS / "batch" / "real")
    for p in folder.iterdir()
    if p.suffix in (".csv", ".txt")
    # rows a spreadsheet saved as one quoted cell each: cells added to them are no
    # longer that, so the properties below do not hold for it (its own test reads it)
    and p.name != "shopify-orders-resaved-one-cell.csv"
)


def _delimiter(text: str) -> str:
    first = next(line for line in text.splitlines() if line.strip(",; \t"))
    return max((",", ";", "\t"), key=first.count)


def _table(path: Path) -> tuple[list[list[str]], str, str]:
    raw = path.read_bytes()  # as the batch reads it (a real Tiendanube sample is Windows-1252)
    text = raw.decode(reading.detect_encoding(raw[: reading.HEAD_BYTES], None))
    delimiter = _delimiter(text)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)), delimiter, text


def _preset_said(line: str) -> tuple[str, str]:
    """The summary's first line without the headings it quotes: how and which preset."""
    found = re.match(r"(Read as preset|No preset fits; the closest is) (\S+)", line)
    assert found, line
    return found.group(1), found.group(2)


def _trimmed(row: list[str], width: int) -> list[str]:
    """The row without empty cells after the header's last column (a real eBay.co.uk
    report ends every line with one): the columns added below go right after the header's."""
    return row[:width] if not any(c.strip() for c in row[width:]) else row


def _respell(heading: str, how: int) -> str:
    return [heading, heading.upper(), heading.lower(), heading.replace(" ", "_")][how]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sample=st.sampled_from(CSV_SAMPLES),
    preamble=st.lists(
        st.text(
            st.characters(whitelist_categories=("Lu", "Ll", "Nd"), whitelist_characters=" :-/"),
            min_size=1,
            max_size=30,
        ).filter(str.strip),
        max_size=3,
    ),
    respelling=st.integers(0, 3),
    repeat=st.integers(0, 3),
)
def test_an_export_reads_the_same_under_a_preamble_respelt_headings_and_extra_columns(
    kb, tmp_path_factory, sample, preamble, respelling, repeat
):
    """Whatever stands above the header (a title, a date: one cell a line), however the
    headings are spelt (case, underscores), with a blank column, a column of the shop's
    own and a repeated column added: the same preset, every row, the same results."""
    table, delimiter, _ = _table(sample)
    rows_before, before = run_path(kb, sample, TODAY)
    at = next(i for i, r in enumerate(table) if any(c.strip() for c in r))
    header = table[at]
    copied = repeat % len(header)
    changed = [
        *[[line] for line in preamble],
        *table[:at],
        [_respell(h, respelling) for h in header] + ["", "Internal memo", header[copied]],
        *[
            (r + [""] * (len(header) - len(r)) + ["", "x", r[copied] if copied < len(r) else ""])
            if any(c.strip() for c in r)
            else r
            for r in (_trimmed(r, len(header)) for r in table[at + 1 :])
        ],
    ]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(changed)
    path = tmp_path_factory.mktemp("layout") / sample.name
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    rows_after, after = run_path(kb, path, TODAY)
    assert _preset_said(after.read_as[0]) == _preset_said(before.read_as[0])
    assert after.rows == before.rows == len(rows_after) == len(rows_before)
    assert [r["situation"] for r in rows_after] == [r["situation"] for r in rows_before]
    assert [r["error"] is None for r in rows_after] == [r["error"] is None for r in rows_before]
    if preamble:
        assert any("above it, not orders and not read" in line for line in after.read_as)
