"""Trainers' commands: rules, explain, cases, quiz, handbook (issue 5; being built)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the trainers' commands to the app."""
