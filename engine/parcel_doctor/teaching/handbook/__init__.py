"""The printable handbook: Markdown, self-contained HTML, and a PDF when a browser can
print one. `content` decides what it says; the other modules only print it."""

from __future__ import annotations

from pathlib import Path

from parcel_doctor.teaching.handbook import html_page, markdown_page
from parcel_doctor.teaching.handbook.content import Handbook


def write(hb: Handbook, out: Path) -> list[Path]:
    """Write handbook.md and handbook.html into `out` (created if missing)."""
    out.mkdir(parents=True, exist_ok=True)
    md, page = out / "handbook.md", out / "handbook.html"
    md.write_text(markdown_page.page(hb), encoding="utf-8")
    page.write_text(html_page.page(hb), encoding="utf-8")
    return [md, page]
