"""Tracking text folded to comparable words: the one normalisation the event classifier
applies to carrier wording (facts/stages.toml) and to the lines it reads.

Unicode NFKC (full-width letters and digits become plain ones), case folded, accents of
Latin letters dropped, punctuation and symbols become spaces. A Chinese or Japanese
character is a word of its own, so a phrase of such characters matches anywhere in a
line, while a Latin phrase matches whole words only.
"""

from __future__ import annotations

import unicodedata


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF  # hiragana, katakana
        or 0x3400 <= code <= 0x4DBF  # CJK extension A
        or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0xF900 <= code <= 0xFAFF  # CJK compatibility ideographs
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
    )


def _plain(char: str) -> str:
    """A Latin letter without its accents (é -> e, ü -> u, ç -> c); others unchanged."""
    if ord(char) >= 0x250:
        return char
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of `text`, folded: `"Départ: 【广州】 Item-Leaving"` ->
    `["depart", "广", "州", "item", "leaving"]`."""
    out: list[str] = []
    current: list[str] = []
    for char in unicodedata.normalize("NFKC", text).casefold():
        if not char.isalnum():
            if current:
                out.append("".join(current))
                current = []
        elif _is_cjk(char):
            if current:
                out.append("".join(current))
                current = []
            out.append(char)
        else:
            current.append(_plain(char))
    if current:
        out.append("".join(current))
    return out
