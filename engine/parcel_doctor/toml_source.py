"""Reading TOML with line numbers for error messages.

The standard parser gives values but not positions; sellers and trainers need "file,
line and key" to fix a fact, so this module finds the line of a key in the raw text.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the knowledge base or in a user's input, located for fixing."""

    file: str
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class TomlError(Exception):
    """A file that is not valid TOML; carries the located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


_LINE_RE = re.compile(r"at line (\d+)")
_HEADER_RE = re.compile(r"^\s*\[\[\s*([\w.-]+)\s*\]\]")
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
_DOTTED = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_KEY_RE = re.compile(rf"^\s*({_DOTTED})\s*=")
_TABLE_NAME_RE = re.compile(rf"^\s*(?:\[\[\s*({_DOTTED})\s*\]\]|\[\s*({_DOTTED})\s*\])")
_PART_RE = re.compile(_KEY_PART)


def _parts(dotted: str) -> list[str]:
    """The parts of a dotted TOML key, unquoted: `a."b.c".d` -> `["a", "b.c", "d"]`."""
    return [p.strip("\"'") for p in _PART_RE.findall(dotted)]


@dataclass
class TomlSource:
    """A parsed TOML file with its text, so entries and keys can be located."""

    path: Path
    text: str
    data: dict[str, Any]
    _split: list[str] | None = field(default=None, repr=False)
    _header_lines: dict[str, list[int]] | None = field(default=None, repr=False)
    _entries: dict[str, dict[int, dict[tuple[str, ...], int]]] = field(
        default_factory=dict, repr=False
    )

    def line_of(self, array: str, index: int, key: str | None = None) -> int | None:
        """The line of `key` in the `index`-th `[[array]]` entry (its header if no key).

        `key` may be a dotted path (`when.shipment.last_event`): the answer is the first
        line that writes the longest part of it, whether as `when.shipment = {...}` or
        as a `[array.when.shipment]` table; `choice.2.label` is `label` in the third
        `[[array.choice]]` entry of this one."""
        headers = self._headers().get(array, [])
        if index >= len(headers):
            return None
        if not key:
            return headers[index]
        lines = self._entry_lines(array, index)
        want = tuple(_parts(key))
        for end in range(len(want), 0, -1):
            if want[:end] in lines:
                return lines[want[:end]]
        return headers[index]

    def _entry_lines(self, array: str, index: int) -> dict[tuple[str, ...], int]:
        """Every key path written in one entry (and each shorter part of it), with the
        first line that writes it; read once per entry."""
        cache = self._entries.setdefault(array, {})
        if index in cache:
            return cache[index]
        start = self._headers()[array][index]
        own = _parts(array)
        out: dict[tuple[str, ...], int] = {}
        prefix: list[str] = []
        seen: dict[tuple[str, ...], int] = {}
        for number, line in enumerate(self._lines()[start:], start=start + 1):
            table = _TABLE_NAME_RE.match(line)
            if table:
                name = _parts(table.group(1) or table.group(2))
                if name[: len(own)] != own or len(name) == len(own):
                    break
                prefix = full = name[len(own) :]
                if table.group(1):  # [[array.sub]]: the n-th entry is `sub.n`
                    count = seen[tuple(name)] = seen.get(tuple(name), -1) + 1
                    prefix = full = [*prefix, str(count)]
            else:
                written = _KEY_RE.match(line)
                if not written:
                    continue
                full = prefix + _parts(written.group(1))
            for end in range(1, len(full) + 1):
                out.setdefault(tuple(full[:end]), number)
        cache[index] = out
        return out

    def _lines(self) -> list[str]:
        if self._split is None:
            self._split = self.text.splitlines()
        return self._split

    def _headers(self) -> dict[str, list[int]]:
        """1-based line numbers of every `[[array]]` header, by array name."""
        if self._header_lines is None:
            self._header_lines = {}
            for number, line in enumerate(self._lines(), start=1):
                match = _HEADER_RE.match(line)
                if match:
                    self._header_lines.setdefault(match.group(1), []).append(number)
        return self._header_lines


def read_toml(path: Path) -> TomlSource:
    """Parse one TOML file, turning syntax errors into a located `TomlError`."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise TomlError(Problem(str(path), None, "", f"cannot be read: {error.strerror}")) from None
    except UnicodeDecodeError:
        raise TomlError(Problem(str(path), None, "", "is not UTF-8 text")) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = _LINE_RE.search(str(error))
        line = int(match.group(1)) if match else None
        message = str(error).split(" (at")[0]
        raise TomlError(Problem(str(path), line, "", f"is not valid TOML: {message}")) from None
    except RecursionError:
        raise TomlError(Problem(str(path), None, "", "is nested too deeply to read")) from None
    except ValueError as error:  # tomllib's own: an integer of thousands of digits
        message = str(error).split(";")[0]
        raise TomlError(Problem(str(path), None, "", f"cannot be read: {message}")) from None
    return TomlSource(path, text, data)
