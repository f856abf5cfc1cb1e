"""Filling advice templates (`facts/advice.toml`) with a shipment's own facts.

`{destination.postal_operator|the destination's postal operator}` takes the field of
a fact the rules saw, or the fallback after `|`. Tracking-site templates inside a value
(`...{number}`) get the shipment's tracking number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)(?:\.([\w-]+))?(?:\|([^}]*))?\}")

Context = Mapping[str, Any]


def lookup(context: Context, name: str, field: str | None) -> Any:
    value = context.get(name)
    if field is not None:  # facts are dicts: tested first, the ABC check costs five times more
        value = value.get(field) if type(value) is dict or isinstance(value, Mapping) else None
    return value


def _with_number(value: str, context: Context) -> str | None:
    if "{number}" not in value:
        return value
    number = context.get("number")
    return value.replace("{number}", number) if number else None


def fill_template(template: str, context: Context) -> str:
    """The template with every placeholder filled (fallback, else "unknown"), its
    whitespace collapsed."""
    head, pieces = _parts(template)
    out = [head]
    clean = template in _SPACED  # the text around the placeholders is spaced as it must be
    for name, field, fallback, tail in pieces:
        value = lookup(context, name, field)
        if isinstance(value, str):
            value = _with_number(value, context)
        if value is None or value == "unknown":
            value = fallback if fallback is not None else "unknown"
        else:
            value = str(value)
        # A value that is not one word or words single-spaced needs the whole text
        # collapsed; otherwise it is already (collapsing it was most of filling one).
        clean = clean and value != "" and not _UNSPACED.search(value)
        out += (value, tail)
    text = "".join(out)
    return text if clean else " ".join(text.split())


# Whitespace that `" ".join(text.split())` would change: at either end, two in a row, or
# any but a plain space (`\s` is `str.isspace()`, what `split()` splits on).
_UNSPACED = re.compile(r"\A\s|\s\Z|\s\s|[^\S ]")


def render_url(template: str, context: Context) -> str | None:
    """The URL with its placeholders filled, or None when a value is not known."""
    head, pieces = _parts(template)
    out = [head]
    for name, field, _, tail in pieces:
        value = lookup(context, name, field)
        if isinstance(value, str):
            value = _with_number(value, context)
        if value is None or value == "unknown":
            return None
        out += (str(value), tail)
    url = "".join(out)
    return url if url.startswith("https://") else None


Piece = tuple[str, str | None, str | None, str]  # fact, field, fallback, the text after
_PARTS: dict[str, tuple[str, tuple[Piece, ...]]] = {}
# The templates (cut in `_PARTS`) whose text around the placeholders needs no collapsing
# whatever one-word or single-spaced values fill them: with a word in place of each
# placeholder, the text is as `" ".join(text.split())` leaves it.
_SPACED: set[str] = set()


def _parts(template: str) -> tuple[str, tuple[Piece, ...]]:
    """The template cut at its placeholders once (every diagnosis fills the same few
    hundred templates, most of them several times): the text before the first, then
    each placeholder with the text after it."""
    found = _PARTS.get(template)
    if found is None:
        matches = list(PLACEHOLDER.finditer(template))
        ends = [m.start() for m in matches[1:]] + [len(template)] if matches else []
        pieces = tuple(
            (m.group(1), m.group(2), m.group(3), template[m.end() : end])
            for m, end in zip(matches, ends, strict=True)
        )
        if len(_PARTS) >= 4096:  # templates come from the facts: a bound, not a limit
            _PARTS.clear()
            _SPACED.clear()
        found = _PARTS[template] = (template[: matches[0].start()] if matches else template, pieces)
        worded = "w".join([found[0], *(tail for *_, tail in pieces)])
        if worded == " ".join(worded.split()):
            _SPACED.add(template)
    return found


def pages_not_known(template: str, context: Context) -> list[str]:
    """The pages a URL template names that the facts do not know ("contact page" for
    `{paid.contact_page}` when the company paid has none on record), so a step can say
    so rather than leave the reader with only another page's link. A company that is
    not known itself (no carrier given) has no page to miss: the question for it says
    what is missing."""
    return [
        match.group(2).replace("_", " ")
        for match in PLACEHOLDER.finditer(template)
        if match.group(2)
        and isinstance(context.get(match.group(1)), Mapping)
        and lookup(context, match.group(1), match.group(2)) in (None, "unknown")
    ]


def placeholders(template: str) -> list[tuple[str, str | None]]:
    """The (fact, field) pairs a template names, for checking templates against facts."""
    return [(m.group(1), m.group(2)) for m in PLACEHOLDER.finditer(template)]
