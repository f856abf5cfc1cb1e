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
    if field is not None:
        value = value.get(field) if isinstance(value, Mapping) else None
    return value


def _with_number(value: str, context: Context) -> str | None:
    if "{number}" not in value:
        return value
    number = context.get("number")
    return value.replace("{number}", number) if number else None


def fill_template(template: str, context: Context) -> str:
    """The template with every placeholder filled (fallback, else "unknown")."""

    def fill(match: re.Match[str]) -> str:
        value = lookup(context, match.group(1), match.group(2))
        if isinstance(value, str):
            value = _with_number(value, context)
        if value is None or value == "unknown":
            return match.group(3) if match.group(3) is not None else "unknown"
        return str(value)

    return " ".join(PLACEHOLDER.sub(fill, template).split())


def render_url(template: str, context: Context) -> str | None:
    """The URL with its placeholders filled, or None when a value is not known."""
    missing = False

    def fill(match: re.Match[str]) -> str:
        nonlocal missing
        value = lookup(context, match.group(1), match.group(2))
        if isinstance(value, str):
            value = _with_number(value, context)
        if value is None or value == "unknown":
            missing = True
            return ""
        return str(value)

    url = PLACEHOLDER.sub(fill, template)
    return None if missing or not url.startswith("https://") else url


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
