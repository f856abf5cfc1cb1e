"""Shared fixtures: the shipped knowledge base, and copies of it to break on purpose."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from parcel_doctor.knowledge import loader as knowledge

ROOT = Path(__file__).resolve().parent.parent

# No test depends on the wall clock: hypothesis's per-example deadline and its "too
# slow" health check measure the machine (shared and loaded here), not the code.
settings.register_profile(
    "parcel-doctor", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("parcel-doctor")


@pytest.fixture(scope="session")
def kb() -> knowledge.KnowledgeBase:
    return knowledge.load(ROOT / "facts", ROOT / "rules")


@pytest.fixture
def kb_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A writable copy of the shipped facts/ and rules/ folders."""
    facts, rules = tmp_path / "facts", tmp_path / "rules"
    shutil.copytree(ROOT / "facts", facts)
    shutil.copytree(ROOT / "rules", rules)
    return facts, rules


Edit = Callable[[str, str, str, str], list[str]]


@pytest.fixture
def problems_after_edit(kb_copy: tuple[Path, Path]) -> Edit:
    """Replace `old` by `new` at its first place after `anchor` ("" for the file's first
    place) in facts/FILE of a copy; return the problems `facts check` then reports, as text."""

    def edit(file: str, anchor: str, old: str, new: str) -> list[str]:
        facts, rules = kb_copy
        path = facts / file
        text = path.read_text()
        at = text.index(old, text.index(anchor))
        path.write_text(text[:at] + new + text[at + len(old) :])
        return [str(p) for p in knowledge.check(facts, rules)[1]]

    return edit
