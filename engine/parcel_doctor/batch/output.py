"""`--out`: written beside its final name and renamed at the end, never over the input.

An interrupted or failed run leaves the previous file as it was (the partial output is
removed). An existing file is replaced only when it is a previous batch output (its
header has the batch's added columns) or with `--force`. The input and the output are
compared by file identity (device and inode), so a hard link, a symlink or `-` reading
the output file are refused too.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from pathlib import Path
from typing import IO

from parcel_doctor.batch.columns import ALWAYS, BatchInputError


def _identity(stat: os.stat_result) -> tuple[int, int]:
    return stat.st_dev, stat.st_ino


def check_not_input(out: Path, input_path: str, stdin: IO[bytes] | None = None) -> None:
    """`BatchInputError` when `out` is the input file itself, under any name."""
    try:
        target = _identity(out.stat())
    except OSError:
        return  # nothing there yet: it cannot be the input
    try:
        if input_path == "-":
            fileno = stdin.fileno() if stdin is not None else 0
            source = _identity(os.fstat(fileno))
        else:
            source = _identity(Path(input_path).stat())
    except (OSError, ValueError):
        return
    if source == target:
        raise BatchInputError(
            f"--out {out}: that is the input file (the same file on disk); "
            "write the rows to another file"
        )


def is_batch_output(path: Path) -> bool:
    """Whether an existing file looks like the output of a batch: a header (or first JSON
    object, or first sheet row) holding the added columns `note` and `error`."""
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True)
            try:
                first = next(book.worksheets[0].iter_rows(max_row=1, values_only=True), ())
            finally:
                book.close()
            names = {str(v) for v in first if v is not None}
        else:
            with path.open("rb") as stream:
                line = stream.readline(1 << 20).decode("utf-8", "replace").lstrip("\ufeff")
            if line.lstrip().startswith("{"):
                names = set(json.loads(line))
            else:
                names = {
                    c.strip().strip('"')
                    for c in line.replace(";", ",").replace("\t", ",").split(",")
                }
    except Exception:  # unreadable, not a workbook, not JSON: not ours
        return False
    return set(ALWAYS) <= names


class AtomicOutput:
    """The temporary file beside `path`; `commit` renames it over `path`, `discard` removes it."""

    def __init__(self, path: Path, *, force: bool = False) -> None:
        if path.is_dir():
            raise BatchInputError(f"--out {path}: is a folder")
        if path.exists() and not force and not is_batch_output(path):
            raise BatchInputError(
                f"--out {path}: the file exists and is not an earlier batch output; "
                "give --force to replace it"
            )
        self.path = path
        folder = path.parent if str(path.parent) else Path(".")
        # Named before it exists, so `discard` finds it whenever a stop (Ctrl-C, SIGTERM,
        # SIGHUP, raised as KeyboardInterrupt) comes: even between its creation and the
        # caller's next line (mkstemp would return the name only after creating it).
        self.temporary = folder / f".{path.name}.{secrets.token_hex(8)}.part"

    def create(self) -> None:
        """Create the temporary file (empty, only for this user until `commit`)."""
        try:
            os.close(os.open(self.temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except OSError as error:
            raise BatchInputError(
                f"--out {self.path}: cannot be written: {error.strerror}"
            ) from None

    def commit(self) -> None:
        """Make the finished output visible under its name (replacing an earlier one)."""
        with self.temporary.open("rb+") as stream:
            os.fsync(stream.fileno())
        if self.path.exists():
            with contextlib.suppress(OSError):
                os.chmod(self.temporary, self.path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self.temporary, 0o666 & ~umask)
        os.replace(self.temporary, self.path)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.temporary.unlink()
