"""Where the shipped knowledge base lives, in a source checkout and in an installed copy."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped_dir(name: str) -> Path:
    """The shipped `facts/`, `rules/` (or other knowledge folder) for this copy.

    An installed wheel carries the folders inside the package (`engine/_kb/NAME`);
    a source checkout or editable install has them beside the package.
    """
    inside = _PACKAGE / "_kb" / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name
