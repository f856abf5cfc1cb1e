"""Printing the HTML handbook to PDF with a headless Chromium, when one is installed.

No PDF library is needed: the browser that renders the page prints it, with the page
size the HTML asks for. Without a browser the handbook is still written; the command
says how to get the PDF.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 180  # seconds; a 40-page handbook prints in a few seconds


class PdfError(RuntimeError):
    """The browser could not print the page; the message says why."""


def browser() -> str | None:
    """The first headless-capable browser on PATH, or None."""
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def headless_flags(executable: str, profile: Path) -> list[str]:
    """Chromium started for one job, quietly, without touching the network."""
    return [
        executable,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
    ]


def print_pdf(page: Path, out: Path, executable: str) -> Path:
    """Print `page` (an HTML file) to `out`; `PdfError` if the browser fails."""
    with tempfile.TemporaryDirectory(prefix="parcel-doctor-pdf-") as profile:
        command = [
            *headless_flags(executable, Path(profile)),
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            page.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PdfError(f"{executable} could not print the handbook: {error}") from None
    if done.returncode != 0 or not out.exists() or out.stat().st_size == 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise PdfError(f"{executable} could not print the handbook: {last}")
    return out
