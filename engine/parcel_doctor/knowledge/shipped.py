"""Where the shipped knowledge base lives, in a source checkout and in an installed copy."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_PACKAGE = Path(str(resources.files("parcel_doctor")))


def shipped_dir(name: str) -> Path:
    """The shipped `facts/`, `rules/` (or other knowledge folder) for this copy.

    An installed wheel carries the folders inside the package (`parcel_doctor/_kb/NAME`);
    a source checkout or editable install has them at the top of the repository, two
    levels above the package (`engine/parcel_doctor`).
    """
    inside = _PACKAGE / "_kb" / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent.parent / name
