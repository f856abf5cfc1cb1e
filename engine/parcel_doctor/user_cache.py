"""Files kept between runs in the user's cache folder, so commands start at once.

The folder is the user's cache folder (`platformdirs`; on Linux `~/.cache/parcel-doctor`)
or `$PARCEL_DOCTOR_CACHE`; `PARCEL_DOCTOR_CACHE=off` turns caching off. Each file is
named by a key that changes with whatever its content depends on, so a stale file is
never read. A folder that cannot be written, or that another user could write, is not
used: callers then compute what they need as without a cache. Nothing here ever fails
a command.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from parcel_doctor import __version__

KEEP = 8  # files kept per kind (name prefix), newest first


def cache_dir() -> Path | None:
    """Where cache files go, or None when caching is turned off."""
    chosen = os.environ.get("PARCEL_DOCTOR_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    import platformdirs

    return platformdirs.user_cache_path("parcel-doctor")


def content_key(places: Iterable[Path], suffixes: tuple[str, ...] = ()) -> str:
    """A hash of the package and Python versions and of every file in `places` (files
    or folders; only names ending in `suffixes`, when given). OSError if one cannot be
    read."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{__version__}\0{sys.version}\0".encode())
    for place in places:
        digest.update(f"{place.resolve()}\0".encode("utf-8", "surrogateescape"))
        found = [place] if place.is_file() else sorted(place.rglob("*"))
        for path in found:
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            if suffixes and path.suffix not in suffixes:
                continue
            name = path.name if path == place else str(path.relative_to(place))
            digest.update(f"{name}\0".encode("utf-8", "surrogateescape"))
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def _private(folder: Path) -> bool:
    """Whether `folder` is ours alone to write (never trust a file others could plant)."""
    info = folder.stat()
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read(name: str) -> bytes | None:
    """The content of cache file `name`, or None (absent, off, or not safe to trust)."""
    folder = cache_dir()
    if folder is None or not hasattr(os, "getuid"):
        return None
    try:
        path = folder / name
        return path.read_bytes() if path.is_file() and _private(folder) else None
    except OSError:
        return None


def write(name: str, data: bytes, kind: str) -> None:
    """Store cache file `name` in one step; keep the KEEP newest whose names start with
    `kind`. Silently does nothing when the folder cannot be used."""
    folder = cache_dir()
    if folder is None or not hasattr(os, "getuid"):
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder):
            return
        handle, temporary = tempfile.mkstemp(prefix=f".{kind}", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, folder / name)
        finally:
            Path(temporary).unlink(missing_ok=True)
        kept = sorted(folder.glob(f"{kind}*"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        return


def read_pickle(name: str, expected: type) -> Any:
    """The object pickled in cache file `name` if it is an `expected`, else None (absent,
    damaged, foreign or not safe to trust: the caller builds it again)."""
    data = read(name)
    if data is None:
        return None
    try:
        kept = pickle.loads(data)
    except Exception:  # damaged or foreign
        return None
    return kept if isinstance(kept, expected) else None


def write_pickle(name: str, value: object, kind: str) -> None:
    """Store `value` pickled as cache file `name` (see `write`); nothing if it cannot be."""
    try:
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    except (pickle.PickleError, TypeError, AttributeError):
        return
    write(name, data, kind)
