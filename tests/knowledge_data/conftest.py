"""Fixtures of the knowledge-data tests: a copy of the shipped knowledge with one entry
broken on purpose, and what `facts check` says about it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from parcel_doctor.knowledge import loader as knowledge

Edit = Callable[[str, str, str, str], list[str]]


@pytest.fixture
def problems_after_edit(kb_copy: tuple[Path, Path]) -> Edit:
    """Replace `old` by `new` at its first place after `anchor` in facts/FILE of a copy;
    return the problems `facts check` then reports, as text."""

    def edit(file: str, anchor: str, old: str, new: str) -> list[str]:
        facts, rules = kb_copy
        path = facts / file
        text = path.read_text()
        at = text.index(old, text.index(anchor))
        path.write_text(text[:at] + new + text[at + len(old) :])
        return [str(p) for p in knowledge.check(facts, rules)[1]]

    return edit
