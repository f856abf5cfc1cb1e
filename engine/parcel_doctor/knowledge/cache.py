"""The checked knowledge base, kept between runs so a command starts at once.

Loading, checking and stratifying `facts/` and `rules/` takes 100-200 ms; a command
that starts from the cache takes a few. The cache file (in the user's cache folder, see
`parcel_doctor.user_cache`) is named by a hash of the content of every file in the two
folders, of the code that builds the knowledge base, and of the versions of the package
and of Python, so any change makes a new one. A damaged or missing file, or a folder
that cannot be used, only costs the time of loading the files.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from parcel_doctor import user_cache
from parcel_doctor.knowledge.loader import KnowledgeBase, KnowledgeError, check, default_dirs

_PACKAGE = Path(__file__).resolve().parent.parent
# The code that turns the files into a KnowledgeBase: a change to it makes a new cache.
BUILDERS = (
    _PACKAGE / "knowledge",
    _PACKAGE / "rules",
    _PACKAGE / "text.py",
    _PACKAGE / "toml_source.py",
    _PACKAGE / "templates.py",
)


def content_key(facts_dir: Path, rules_dir: Path) -> str:
    """A hash of everything the loaded knowledge base depends on."""
    files = user_cache.content_key([facts_dir, rules_dir])
    return user_cache.content_key(BUILDERS, (".py",)) + files[:16]


def _load(facts_dir: Path, rules_dir: Path) -> KnowledgeBase:
    """The files as they are now (not `loader.load`'s copy kept for the process)."""
    kb, problems = check(facts_dir, rules_dir)
    if problems:
        raise KnowledgeError(problems)
    return kb


def load_cached(facts: Path | None = None, rules: Path | None = None) -> KnowledgeBase:
    """The knowledge base as `loader.load` gives it (`KnowledgeError` if broken), read
    from the cache when nothing it depends on changed, and stored there when it did."""
    facts_dir, rules_dir = default_dirs(facts, rules)
    try:
        name = f"kb-{content_key(facts_dir, rules_dir)}.pickle"
    except OSError:  # a file that cannot be read: the loader names it
        return _load(facts_dir, rules_dir)
    kept = user_cache.read_pickle(name, KnowledgeBase)
    if kept is not None:
        return kept
    kb = _load(facts_dir, rules_dir)
    fresh = dataclasses.replace(kb, _country_names=None)  # indexes rebuilt on use
    user_cache.write_pickle(name, fresh, "kb-")
    return kb
