"""Text helpers every stage shares: folding text for look-ups and "did you mean" hints.

`fold` is the one way the project compares what a person typed with what the knowledge
base holds (country names, carrier names, choice labels, column headings); `closest` and
`did_you_mean` are the one way it suggests a known id for a mistyped one.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable


def fold(text: str, sep: str = " ") -> str:
    """Text with case, accents and punctuation ignored, words joined by `sep`:
    `"Côte-d'Ivoire"` -> `"cote d ivoire"`; `fold("Ship-Date", sep="")` -> `"shipdate"`."""
    if text.isascii():  # nothing to decompose (most names and headings): the fast path
        letters = text
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    # `\w` is exactly the characters `str.isalnum` accepts, and `_`.
    return sep.join(_NOT_ALNUM.sub(" ", letters.casefold()).split())


_NOT_ALNUM = re.compile(r"[\W_]+")


def closest(given: str, known: Iterable[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    """Up to `n` known strings that look like `given`, best first."""
    return difflib.get_close_matches(given, list(known), n=n, cutoff=cutoff)


def did_you_mean(given: str, known: Iterable[str], *, sentence: bool = False) -> str:
    """A hint naming the known string closest to `given`, or "" when none is close:
    `" (did you mean 'x'?)"`, or `" Did you mean 'x'?"` with `sentence=True`."""
    match = closest(given, known)
    if not match:
        return ""
    return f" Did you mean {match[0]!r}?" if sentence else f" (did you mean {match[0]!r}?)"
