"""`parcel_doctor.text.paragraphs`: a case's story as its paragraphs, each on one line, so
the quiz and `cases show` wrap it at the reader's width, not at the file's line breaks."""

from hypothesis import given
from hypothesis import strategies as st
from parcel_doctor.text import paragraphs

WORD = st.text(
    alphabet=st.characters(blacklist_categories=["Cs", "Zs", "Zl", "Zp", "Cc"]), min_size=1
)
BREAK = st.sampled_from([" ", "\n", "  ", " \n ", "\t"])


@given(st.lists(st.lists(WORD, min_size=1, max_size=8), max_size=5), st.data())
def test_paragraphs_are_the_blocks_between_blank_lines_each_on_one_line(blocks, data):
    written = []
    for words in blocks:  # each word followed by a space or a line break, as authors write
        written.append("".join(w + data.draw(BREAK) for w in words[:-1]) + words[-1])
    text = data.draw(st.sampled_from(["\n\n", "\n  \n", "\n\n\n"])).join(written)
    assert paragraphs(text) == [" ".join(words) for words in blocks]


def test_a_case_story_keeps_its_sentences_whole():
    story = "A maker in Lyon sends a packet to a buyer in Montreal\non 20 November.\n\nNo news."
    assert paragraphs(story) == [
        "A maker in Lyon sends a packet to a buyer in Montreal on 20 November.",
        "No news.",
    ]
