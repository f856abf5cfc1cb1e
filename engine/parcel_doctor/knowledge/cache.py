"""The checked knowledge base, kept between runs so a command starts at once.

Loading, checking and stratifying `facts/` and `rules/` takes 100-200 ms; a command
that starts from this cache takes a few. The cache file is named by a hash of the
content of every file in the two folders, of the code that builds the knowledge base,
and of the versions of the package and of Python, so any change makes a new one (the
eight newest are kept). It lives in the user's cache folder (`platformdirs`; on Linux
`~/.cache/parcel-doctor`), or in `$PARCEL_DOCTOR_CACHE`; `PARCEL_DOCTOR_CACHE=off`
turns it off. A folder that cannot be written, or that another user could write,
is not used: the knowledge base is then loaded from its files as without a cache.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path

from parcel_doctor import __version__
from parcel_doctor.knowledge.loader import KnowledgeBase, KnowledgeError, check, default_dirs

KEEP = 8
_PACKAGE = Path(__file__).resolve().parent.parent
# The code that turns the files into a KnowledgeBase: a change to it makes a new cache.
_BUILDERS = (_PACKAGE / "knowledge", _PACKAGE / "rules", _PACKAGE / "text.py")


def cache_dir() -> Path | None:
    """Where cache files go, or None when the cache is turned off."""
    chosen = os.environ.get("PARCEL_DOCTOR_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    import platformdirs

    return platformdirs.user_cache_path("parcel-doctor")


def _files(place: Path) -> list[Path]:
    if place.is_file():
        return [place]
    return sorted(p for p in place.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def content_key(facts_dir: Path, rules_dir: Path) -> str:
    """A hash of everything the loaded knowledge base depends on."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{__version__}\0{sys.version}\0".encode())
    for place in (facts_dir, rules_dir, *_BUILDERS):
        digest.update(f"{place.resolve()}\0".encode("utf-8", "surrogateescape"))
        for path in _files(place):
            if place in _BUILDERS and path.suffix != ".py":
                continue
            name = str(path.relative_to(place) if path != place else path.name)
            digest.update(f"{name}\0".encode("utf-8", "surrogateescape"))
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def _private(folder: Path) -> bool:
    """Whether `folder` is ours alone to write (never trust a file others could plant)."""
    info = folder.stat()
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


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
    folder = cache_dir()
    if folder is None or not hasattr(os, "getuid"):
        return _load(facts_dir, rules_dir)
    try:
        path = folder / f"kb-{content_key(facts_dir, rules_dir)}.pickle"
    except OSError:  # a file that cannot be read: the loader names it
        return _load(facts_dir, rules_dir)
    try:
        if path.is_file() and _private(folder):
            kept = pickle.loads(path.read_bytes())
            if isinstance(kept, KnowledgeBase):
                return kept
    except Exception:  # unreadable, damaged or foreign: built again below
        pass
    kb = _load(facts_dir, rules_dir)
    _store(folder, path, kb)
    return kb


def _store(folder: Path, path: Path, kb: KnowledgeBase) -> None:
    """Write one cache file in one step and keep the newest few; never fail a command."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder):
            return
        fresh = dataclasses.replace(kb, _country_names=None)  # indexes rebuilt on use
        handle, temporary = tempfile.mkstemp(prefix=".kb-", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(fresh, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        finally:
            Path(temporary).unlink(missing_ok=True)
        kept = sorted(folder.glob("kb-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEEP:]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PickleError, TypeError, AttributeError):
        return
