"""`parcel_doctor.text.fold`, the one way names are compared, against its definition."""

import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st
from parcel_doctor.text import fold, plain


def defined(text: str, sep: str) -> str:
    """fold as it is defined: the text as typed (`plain`: invisible characters such as
    the soft hyphen dropped, so 'Ver\xadsand' is one word), decomposed, combining marks
    dropped, case folded, every character that is not a letter or digit a space, words
    joined by `sep`."""
    decomposed = unicodedata.normalize("NFKD", plain(text))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return sep.join("".join(c if c.isalnum() else " " for c in letters.casefold()).split())


@given(st.text(), st.sampled_from([" ", "", "-"]))
@example("0\xad0", " ")  # a soft hyphen inside a word: fold drops it, as plain does
def test_fold_is_its_definition(text, sep):
    assert fold(text, sep) == defined(text, sep)


@given(st.text(alphabet=st.characters(max_codepoint=127)), st.sampled_from([" ", ""]))
def test_fold_of_ascii_text_is_its_definition(text, sep):
    assert fold(text, sep) == defined(text, sep)


def test_examples():
    assert fold("Côte-d'Ivoire") == "cote d ivoire"
    assert fold("Ship_Date", sep="") == "shipdate"
    assert fold("\uff35\uff33\uff21") == "usa"  # full-width USA decomposes to ASCII
