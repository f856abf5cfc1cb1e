"""A listing's first column (a case, rule or country id, a learner) is what the reader copies
into the next command, so no width cuts it (review9 C1: `cases list` showed
'at-de-charger-town-name-m…', and `cases run` refused that)."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.cli import render_text
from parcel_doctor.cli.main import app
from rich.console import Console
from typer.testing import CliRunner

_ID = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-"), min_size=1, max_size=150)
_WORDS = st.text(st.sampled_from("abcdefgh ,:-"), max_size=200)


def _shown(rows: list[tuple[str, str, str]], width: int, terminal: bool) -> list[str]:
    sink = io.StringIO()
    out = Console(file=sink, width=width, force_terminal=terminal, color_system=None)
    out.soft_wrap = not terminal
    render_text.table(out, rows, ("id", "title", "situations"))
    return [line.strip() for line in sink.getvalue().splitlines()]


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.tuples(_ID, _WORDS, _WORDS), min_size=1, max_size=6),
    width=st.integers(40, 220),
    terminal=st.booleans(),
)
def test_every_first_cell_is_shown_whole_at_any_width(
    rows: list[tuple[str, str, str]], width: int, terminal: bool
):
    lines = _shown(rows, width, terminal)
    for first, _, _ in rows:
        assert any(line == first or line.startswith(first + " ") for line in lines), (
            first,
            lines,
        )


def test_a_grid_when_the_ids_leave_room():
    lines = _shown([("customs-ems-gb", "China Post EMS held by UK customs", "held")], 80, True)
    assert lines[0].split() == ["id", "title", "situations"]
    assert lines[1].split()[0] == "customs-ems-gb"


def test_long_ids_on_a_line_of_their_own_with_the_cells_under_headings():
    long_id = "au-us-express-letter-nine-days-at-the-airport-then-its-run-over-remains-came-back"
    lines = _shown([(long_id, "An express letter", "likely-lost")], 80, True)
    assert lines == [long_id, "title       An express letter", "situations  likely-lost"]


def test_every_real_case_listed_can_be_shown_by_the_id_printed():
    listed = CliRunner().invoke(app, ["cases", "list", "--cases", "cases/real"])
    assert listed.exit_code == 0, listed.output
    ids = [line.split()[0] for line in listed.stdout.splitlines()[1:]]
    assert len(ids) >= 190 and not any(i.endswith("…") for i in ids)
    shown = CliRunner().invoke(app, ["cases", "show", ids[0], "--cases", "cases/real"])
    assert shown.exit_code == 0, shown.output
    assert ids[0] in shown.stdout


def test_a_one_column_list_of_long_ids_on_a_narrow_terminal():
    sink = io.StringIO()
    out = Console(file=sink, width=40, force_terminal=True, color_system=None)
    long_id = "x" * 90
    render_text.table(out, [(long_id,), ("short",)], ("id",))
    assert [line.strip() for line in sink.getvalue().splitlines()] == [long_id, "short"]
