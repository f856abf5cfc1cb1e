"""The exit codes of every `parcel-doctor` command, named in one place (the README's
"Exit codes" table lists the same numbers)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    """The command did what was asked."""
    NEGATIVE = 1
    """A negative answer: an invalid tracking number, an unknown id, problems found,
    rows with errors, a case that differs, end of input during the interview."""
    BAD_INPUT = 2
    """Input the command cannot use: a bad option, answers file or knowledge base."""
    UNKNOWN_FORMAT = 3
    """`track`: the number fits no format the knowledge base knows (not judged invalid)."""
    INTERNAL_ERROR = 70
    """A bug: an unexpected error, told in one line (sysexits' EX_SOFTWARE); its traceback
    is shown with PARCEL_DOCTOR_DEBUG=1."""
    CANNOT_WRITE = 74
    """The output could not be written: a full disk, a device error (EX_IOERR)."""
    INTERRUPTED = 130
    """Ctrl-C (128 + SIGINT)."""
    BROKEN_PIPE = 141
    """The reader of standard output went away, e.g. `| head` (128 + SIGPIPE)."""
