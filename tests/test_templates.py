"""Templates are cut at their placeholders once and filled from the pieces: the result
is what substituting every placeholder in the text gives (templates.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from parcel_doctor.templates import (
    _UNSPACED,
    PLACEHOLDER,
    Context,
    fill_template,
    lookup,
    render_url,
)

CONTEXT: dict[str, Any] = {
    "destination": {"name": "Germany", "contact_page": "unknown", "code": "DE"},
    "carrier": {"tracking_site": "https://t.example/?n={number}", "name": "A  B"},
    "number": "RR123456785CN",
    "due": "2026-12-01",
    "count": 3,
    "empty": None,
}
NAMES = ["destination", "carrier", "number", "due", "count", "empty", "missing"]
FIELDS = [None, "name", "contact_page", "code", "tracking_site", "nope"]


def substituted(template: str, context: Context, url: bool) -> str | None:
    """The template filled by substituting each placeholder in the text (the definition)."""
    missing = False

    def fill(match: re.Match[str]) -> str:
        nonlocal missing
        value = lookup(context, match.group(1), match.group(2))
        if isinstance(value, str) and "{number}" in value:
            number = context.get("number")
            value = value.replace("{number}", number) if number else None
        if value is None or value == "unknown":
            missing = True
            return "" if url else (match.group(3) if match.group(3) is not None else "unknown")
        return str(value)

    text = PLACEHOLDER.sub(fill, template)
    if url:
        return None if missing or not text.startswith("https://") else text
    return " ".join(text.split())


@st.composite
def templates(draw: st.DrawFn) -> str:
    """Text with placeholders (a field, a fallback or neither), stray braces and spaces."""
    parts = []
    for _ in range(draw(st.integers(0, 5))):
        parts.append(draw(st.sampled_from(["", " ", "  x ", "https://", "{", "}", "a|b", "\n"])))
        name, field = draw(st.sampled_from(NAMES)), draw(st.sampled_from(FIELDS))
        fallback = draw(st.one_of(st.none(), st.sampled_from(["", "the post", "x y"])))
        parts.append(
            "{"
            + name
            + (f".{field}" if field else "")
            + (f"|{fallback}" if fallback is not None else "")
            + "}"
        )
    parts.append(draw(st.text(max_size=5)))
    return "".join(parts)


@given(templates())
def test_fill_template_is_substitution(template: str) -> None:
    assert fill_template(template, CONTEXT) == substituted(template, CONTEXT, url=False)


@given(templates())
def test_render_url_is_substitution(template: str) -> None:
    assert render_url(template, CONTEXT) == substituted(template, CONTEXT, url=True)
    url = "https://x.example/" + template
    assert render_url(url, CONTEXT) == substituted(url, CONTEXT, url=True)


SPACES = [chr(code) for code in range(0x110000) if chr(code).isspace()]


def test_the_regex_whitespace_is_what_split_splits_on() -> None:
    matched = [chr(code) for code in range(0x110000) if re.match(r"\s", chr(code))]
    assert matched == SPACES


@pytest.mark.parametrize("char", [*SPACES, "x", "\u200b", "\u00e9", "|"])
def test_unspaced_finds_every_whitespace_that_collapsing_changes(char: str) -> None:
    """`_UNSPACED` (the shortcut that skips collapsing) sees whitespace wherever
    collapsing would change it: alone or in a run, inside or at either end."""
    for text in (f"a{char}b", f"{char}b", f"a{char}", f"a{char}{char}b"):
        collapsed = text == " ".join(text.split())
        assert (_UNSPACED.search(text) is None) is collapsed


@given(st.text(max_size=12), st.sampled_from(["", " ", "  ", "\n", "\u00a0", "x"]))
def test_filled_text_is_collapsed_whatever_the_value(value: str, around: str) -> None:
    template = f"Ask {{carrier.name|the carrier}} now{around}"
    context = {"carrier": {"name": value}}
    assert fill_template(template, context) == substituted(template, context, url=False)
    assert fill_template(template, {}) == substituted(template, {}, url=False)
