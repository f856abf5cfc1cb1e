"""`parcel-doctor batch`: diagnose a whole order export (issue 6; being built)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the batch command to the app."""
