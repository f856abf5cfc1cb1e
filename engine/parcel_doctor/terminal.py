"""Text for a person's terminal: the console every command prints with, text made safe
to show, and lines wrapped with a hanging indent.

Whatever a user typed or a knowledge file holds reaches the screen through `clean`
(control characters and escape sequences removed, so `track $'\\e]0;PWNED\\a'` cannot
retitle the terminal) and is never parsed as rich markup (`[/]` in a name is text).
"""

from __future__ import annotations

import contextlib
import os
import re

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from parcel_doctor.exit_codes import ExitCode

# C0 and C1 controls except tab and newline, DEL, and the bidirectional overrides that
# can make text read differently from what it is.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: object) -> str:
    """`text` without control characters; lone surrogates (undecodable bytes) shown as
    U+FFFD, so printing can never fail on them."""
    shown = _CONTROLS.sub("", str(text))
    return shown.encode("utf-8", "replace").decode("utf-8")


def safe(text: object) -> str:
    """`clean(text)` escaped for a rich markup string."""
    return escape(clean(text))


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """The reader went away (`| head`): leave with 141 as the shell would, quietly
        (rich's own default leaves with 1)."""
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), self.file.fileno())
        raise SystemExit(ExitCode.BROKEN_PIPE)


def console(stderr: bool = False) -> Console:
    """A console that wraps to the terminal's width, and not at all into a pipe (so
    scripts get one line per item)."""
    out = _Console(stderr=stderr, highlight=False)
    out.soft_wrap = not out.is_terminal
    return out


def hang(out: Console, lead: str, text: str | Text, style: str = "") -> None:
    """`lead` then `text`, the text's wrapped lines indented under its first word.
    A `str` is cleaned and shown in `style`; a `Text` is shown as it is."""
    body = text if isinstance(text, Text) else Text(clean(text), style=style)
    if out.soft_wrap:
        out.print(Text(lead, style=style) + body)
        return
    indent = " " * len(lead)
    lines = body.divide(_breaks(body.plain, max(out.width - len(lead), 10)))
    for index, line in enumerate(lines or [Text("")]):
        line.rstrip()
        out.print(
            Text(lead if index == 0 else indent, style=style) + line,
            no_wrap=True,
            overflow="ignore",
            crop=False,
        )


def _breaks(text: str, width: int) -> list[int]:
    """Where to start each next line of `text` to wrap it at words within `width`
    columns (and at its own line breaks). A word wider than the line (a link) stays
    whole on a line of its own, longer than the screen if need be: rich would cut it,
    and a link cut in two opens the page for a wrong number."""
    from rich.cells import cell_len

    breaks: list[int] = []
    column = 0
    for match in re.finditer(r"\n|[^\S\n]*\S+", text):
        piece = match.group()
        if piece == "\n":
            breaks.append(match.end())
            column = 0
            continue
        if column and column + cell_len(piece) > width:
            word = piece.lstrip()
            breaks.append(match.end() - len(word))
            column = cell_len(word)
        else:
            column += cell_len(piece)
    return [b for b in breaks if b < len(text)]


def wrap_after(used: int, text: str, width: int, indent: str) -> tuple[str, int]:
    """`text` wrapped at words to follow `used` columns already on a line `width`
    columns wide, each later line starting with `indent`; with the columns its last line
    then uses. For text a library prints after its own (a menu's question and answer
    line), which the terminal would otherwise break mid-word. A word wider than a line
    is left whole."""
    from rich.cells import cell_len

    parts: list[str] = []
    column, line_start = used, used == 0
    for word in text.split():
        size = cell_len(word)
        gap = 0 if line_start or not parts else 1
        if column + gap + size > width and not line_start:
            parts.append("\n" + indent)
            column, gap = len(indent), 0
        parts.append(" " * gap + word)
        column += gap + size
        line_start = False
    return "".join(parts), column
