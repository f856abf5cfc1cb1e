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


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs (parted by blank lines), each on one line: the line breaks
    a file keeps inside a paragraph are its author's, not the reader's screen's."""
    blocks = re.split(r"\n[^\S\n]*\n", text.strip())
    return [" ".join(block.split()) for block in blocks if block.strip()]


# What input methods and web pages put into copied text that is no part of it: the
# full-width forms of ASCII (U+FF01-FF5E, and U+3000, the ideographic space) that Chinese
# and Japanese input methods type (an S10 number as U+FF32 U+FF32 U+FF11 ...), and
# invisible characters (zero-width space, byte-order mark, word joiner, soft hyphen,
# direction marks and embeddings). Zero-width joiners and non-joiners stay: Persian and
# Indic words use them.
_AS_TYPED = (
    {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
    | {0x3000: 0x20}
    | {
        code: None
        for code in (0x200B, 0xFEFF, 0x2060, 0x00AD, 0x200E, 0x200F, *range(0x202A, 0x202F))
    }
    | {code: None for code in range(0x2066, 0x206A)}
)


def plain(text: str) -> str:
    """`text` as the seller meant it: full-width letters, digits and signs as ASCII (U+FF32
    is R), and invisible characters copied from a page dropped (U+200B, U+FEFF, ...).
    Every reader of typed or loaded text applies it first: answers, tracking numbers,
    batch cells and tracking histories."""
    return text if text.isascii() else text.translate(_AS_TYPED)


def fold(text: str, sep: str = " ") -> str:
    """Text with case, accents and punctuation ignored, words joined by `sep`:
    `"Côte-d'Ivoire"` -> `"cote d ivoire"`; `fold("Ship-Date", sep="")` -> `"shipdate"`."""
    if text.isascii():  # nothing to decompose (most names and headings): the fast path
        letters = text
    else:
        decomposed = unicodedata.normalize("NFKD", plain(text))
        letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    # `\w` is exactly the characters `str.isalnum` accepts, and `_`.
    return sep.join(_NOT_ALNUM.sub(" ", letters.casefold()).split())


_NOT_ALNUM = re.compile(r"[\W_]+")


CLOSE_NAME = 0.75
"""How alike (`alike`) a written name must be to a known one for the known one to be
suggested: one letter wrong, missing, added or swapped with its neighbour in a name of
four letters or more stays at or above it ('fedx' -> 'fedex', 0.8), while names that
only share some letters fall far below ('smartpost' and 'magyar posta', 0.33), so an
unknown carrier gets no misleading guess. difflib's ratio cannot serve: it scores
'smartpost' and 'magyar posta' 0.67, and one typo in 'uniuni' ('unauni') 0.5."""


def alike(a: str, b: str) -> float:
    """1 for the same text, falling by the share of the longer text that the fewest letters
    changed, dropped, added or swapped with a neighbour turn one into the other (the optimal
    string alignment distance: rapidfuzz's OSA, imported only when a name is compared)."""
    from rapidfuzz.distance import OSA

    return OSA.normalized_similarity(a, b)


def close_names(given: str, known: Iterable[str], n: int = 3) -> list[str]:
    """Up to `n` known names at least `CLOSE_NAME` alike to `given`, most alike first."""
    scored = [
        (alike(given, name), name)
        for name in known  # a length too far apart cannot be alike enough: not measured
        if 1 - abs(len(name) - len(given)) / max(len(name), len(given), 1) >= CLOSE_NAME
    ]
    best = sorted(scored, key=lambda s: (-s[0], s[1]))[:n]
    return [name for score, name in best if score >= CLOSE_NAME]


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
