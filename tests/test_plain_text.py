"""Text as sellers paste it (review16 L-R33): full-width letters and digits, which Chinese
and Japanese input methods type, and the invisible characters a copied web page carries
(zero-width space, byte-order mark, direction marks) are read as the plain text they
stand for, by every reader: answers, tracking numbers, batch cells, tracking histories
and the interview (`text.plain`). Before, "DE" typed in full width was an unknown
country, a full-width S10 number "format not known", and a history in full-width
digits had no dates."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from parcel_doctor.cli.main import app
from parcel_doctor.diagnosis.answers import normalise_answers
from parcel_doctor.events.read import read_history
from parcel_doctor.interview.prompts import Prompt
from parcel_doctor.interview.state import Interview
from parcel_doctor.text import fold, plain
from typer.testing import CliRunner

TODAY = dt.date(2026, 11, 25)
INVISIBLE = ["\u200b", "\ufeff", "\u2060", "\u00ad", "\u200e", "\u200f", "\u202c", "\u2066"]


def wide(text: str) -> str:
    """`text` as a CJK input method types it: ASCII signs in full width, spaces U+3000."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" for c in text)


def dusted(text: str) -> str:
    """`text` with invisible characters around and inside it, as copied from a page."""
    return f"\ufeff{text[:2]}\u200b{text[2:]}\u200e"


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E)))
def test_plain_gives_ascii_back_for_its_full_width_and_dusted_forms(text):
    assert plain(wide(text)) == text
    assert plain(dusted(text)) == text
    assert plain(text) == text


@given(st.text(), st.sampled_from(INVISIBLE))
def test_plain_drops_only_invisible_characters_and_keeps_the_rest(text, mark):
    kept = plain(text)
    assert plain(kept) == kept  # once is enough
    assert plain(text + mark + text) == kept + kept
    assert "\u200c" in plain("\u0645\u06cc\u200c\u0634\u0648\u062f")  # Persian ZWNJ stays


@pytest.mark.parametrize(
    ("key", "given", "read"),
    [
        ("destination", "DE", "DE"),
        ("destination", "Germany", "DE"),
        ("shipped_on", "2026-11-02", dt.date(2026, 11, 2)),
        ("carrier", "DHL Express", "dhl-express"),
        ("tracking_number", "RR123456785CN", "RR123456785CN"),
        ("last_event", "customs", "customs"),
    ],
)
@pytest.mark.parametrize("typed", [wide, dusted])
def test_answers_read_as_typed_in_ascii(kb, key, given, read, typed):
    assert normalise_answers(kb, {key: typed(given)}, TODAY)[key] == read


def test_headings_fold_alike(kb):
    assert fold(wide("Tracking Number")) == fold(dusted("Tracking Number")) == "tracking number"


def test_a_history_in_full_width_digits_is_dated(kb):
    text = "\n".join(
        [wide("2026-11-02 10:00 ") + "【广州】已出口直封", dusted("2026-11-01 09:00 ") + "已揽收"]
    )
    history = read_history(kb, text, TODAY)
    assert [e.day for e in history.events] == [dt.date(2026, 11, 1), dt.date(2026, 11, 2)]
    assert not history.skipped


def test_a_batch_row_with_a_full_width_number_is_read():
    text = f"Order,Tracking Number,Shipping Country\n#1002,{wide('RR123456785CN')},FR\n"
    args = ["batch", "-", "--format", "jsonl", "--today", TODAY.isoformat()]
    row = json.loads(CliRunner().invoke(app, args, input=text).stdout)
    assert row["error"] is None
    assert "China Post" in row["first_step"]  # the S10 number's issuer: origin CN


def test_the_interview_reads_a_full_width_date(kb):
    session = Interview(kb, TODAY, {"destination": "DE"})
    prompt = Prompt("shipped_on", "When was it posted?", kind="date")
    assert session.reply(prompt, wide("2026-11-02")).moved
    assert session.answers["shipped_on"] == dt.date(2026, 11, 2)
