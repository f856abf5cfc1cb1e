"""Shared fixtures: the shipped knowledge base, and copies of it to break on purpose."""

from __future__ import annotations

import shutil
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
