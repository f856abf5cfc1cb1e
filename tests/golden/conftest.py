"""Fixtures shared by the golden tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from parcel_doctor.knowledge import loader
from parcel_doctor.knowledge.loader import KnowledgeBase


@pytest.fixture(scope="session")
def kb_without_the_uks_record(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The shipped facts with the UK's [[domestic]] record cut out (the rules that read a
    destination's own window then have none for the UK)."""
    facts = tmp_path_factory.mktemp("facts")
    for path in Path(loader.default_dirs(None, None)[0]).iterdir():
        (facts / path.name).write_bytes(path.read_bytes())
    path = facts / "time_limits.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index('[[domestic]]\ncountry = "GB"')
    end = text.index("\n[[", start + 1)
    path.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    return loader.load(facts, None)
