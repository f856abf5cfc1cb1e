"""What a diagnosis reads from a facts table, built once per table.

Every diagnosis reads the same few tables (limits, advice, messages, questions) the same
way; reading a record's fields through its mapping interface costs about a quarter of a
microsecond each, so what is derived from a table is built once and kept while the table
is the same object with the same length (tables are replaced, not edited; a test's
copied knowledge base has tables of its own). The table is kept with what was built from
it, so its id cannot be reused by another table meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Sized
from typing import Any, TypeVar

T = TypeVar("T", bound=Sized)
R = TypeVar("R")

_BUILT: dict[tuple[int, Callable[..., Any]], tuple[Sized, int, Any]] = {}


def per_table(table: T, build: Callable[[T], R]) -> R:
    """`build(table)`, built once per table (see the module's docstring). What it returns
    is shared by every caller: callers copy it rather than change it."""
    key = (id(table), build)
    found = _BUILT.get(key)
    if found is None or found[0] is not table or found[1] != len(table):
        found = _BUILT[key] = (table, len(table), build(table))
    result: R = found[2]
    return result
