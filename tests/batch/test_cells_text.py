"""Cell texts as exports write them: a spreadsheet text formula around a number
(`="0360002..."`), a number a spreadsheet rounded with a decimal comma (`3,60003E+14`)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from parcel_doctor.batch.cells import excel_text, row_input, several_numbers
from parcel_doctor.batch.columns import map_columns
from parcel_doctor.batch.reading import Row, scientific
from parcel_doctor.knowledge.loader import load

KB = load()
TODAY = dt.date(2026, 11, 25)


@given(st.text())
def test_a_text_formula_gives_back_its_text(text):
    assert excel_text('="' + text.replace('"', '""') + '"') == text


@given(st.text())
def test_a_cell_that_is_no_text_formula_is_left_as_it_is(text):
    if not (text.strip().startswith('="') and text.strip().endswith('"')):
        assert excel_text(text) == text


@given(
    st.integers(1, 9),
    st.integers(0, 99999),
    st.integers(1, 25),
    st.sampled_from([",", "."]),
    st.sampled_from(["E+", "e+", "E"]),
)
def test_a_rounded_number_is_one_number_whatever_its_decimal_mark(first, rest, power, mark, e):
    written = f"{first}{mark}{rest}{e}{power}"
    assert scientific(written) and several_numbers(written) == [written]


def test_a_tracking_cell_written_as_a_text_formula_is_read_inside():
    plan = map_columns(KB, ["tracking_number"])
    found = row_input(KB, plan, Row(2, ['="RR123456785CN"']), TODAY)
    assert found.error is None and found.answers == {"tracking_number": "RR123456785CN"}
    empty = row_input(KB, plan, Row(3, ['=""']), TODAY)
    assert empty.error is None and empty.answers == {}
    rounded = row_input(KB, plan, Row(4, ["3,60003E+14"]), TODAY)
    assert "scientific notation" in (rounded.error or "") and not rounded.notes
