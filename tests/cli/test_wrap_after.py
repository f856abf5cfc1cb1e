"""`terminal.wrap_after`: text wrapped at words after what a library already printed on
the line (a menu's question, its answer), as property tests."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from parcel_doctor.terminal import wrap_after
from rich.cells import cell_len

words = st.lists(
    st.text(st.characters(categories=("L", "N", "P")), min_size=1, max_size=14), max_size=30
)


@given(words, st.integers(0, 60), st.integers(20, 120), st.sampled_from(["", "  ", "    "]))
def test_lines_fit_and_words_stay_whole_and_in_order(parts, used, width, indent):
    used = min(used, width)
    text, last = wrap_after(used, " ".join(parts), width, indent)
    lines = text.split("\n")
    assert text.split() == [w for p in parts for w in p.split()]
    for number, line in enumerate(lines):
        start = used if number == 0 else 0
        assert number == 0 or line.startswith(indent)
        # each line fits, or holds one word wider than the room left for it
        assert start + cell_len(line) <= width or len(line.split()) == 1
    assert last == (used if len(lines) == 1 else 0) + cell_len(lines[-1])


def test_a_menu_answer_breaks_at_a_word_and_hangs_under_the_question():
    text, last = wrap_after(30, "1. Nothing [none] no tracking events yet", 44, "    ")
    assert text == "1. Nothing\n    [none] no tracking events yet"
    assert last == 4 + len("[none] no tracking events yet")
