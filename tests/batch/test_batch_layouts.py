"""Exports laid out in ways no sample shows: a title or group-label rows above the header,
headings in another case or spelling, blank, extra and repeated columns, several date
forms in one column. Every row gets a result or a clear reason; nothing is dropped and
nothing crashes (hypothesis over the real and preset samples)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from parcel_doctor.batch.pipeline import run_batch
from parcel_doctor.batch.reading import header_among, open_source
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
    assert errors[:2] == [None, None] and errors[4] is None
    # no preset, no --date-format: a date that reads two ways names both readings
    assert "3 November 2026" in errors[2] and "11 March 2026" in errors[2]
    assert "4 November 2026" in errors[3] and "11 April 2026" in errors[3]
    assert errors[5].startswith("shipped_on:") and "soon" in errors[5]


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
)


def _delimiter(text: str) -> str:
    first = next(line for line in text.splitlines() if line.strip(",; \t"))
    return max((",", ";", "\t"), key=first.count)


def _table(path: Path) -> tuple[list[list[str]], str, str]:
    raw = path.read_bytes()
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    text = raw.decode(encoding)
    delimiter = _delimiter(text)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)), delimiter, text


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
            for r in table[at + 1 :]
        ],
    ]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(changed)
    path = tmp_path_factory.mktemp("layout") / sample.name
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    rows_after, after = run_path(kb, path, TODAY)
    assert after.read_as[0] == before.read_as[0]
    assert after.rows == before.rows == len(rows_after) == len(rows_before)
    assert [r["situation"] for r in rows_after] == [r["situation"] for r in rows_before]
    assert [r["error"] is None for r in rows_after] == [r["error"] is None for r in rows_before]
    if preamble:
        assert any("above it, not orders and not read" in line for line in after.read_as)
