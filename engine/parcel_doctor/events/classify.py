"""One tracking event line to a stage, by the carrier wording in facts/stages.toml.

Generic: every stage's `match` table (phrase = weight) is compiled into one index; a
line's words are matched against every phrase (a Latin phrase word also matching its
plural in -s; a Latin phrase of three words or more also matching with one extra word
inside it, "departed from country of origin" for "departed country of origin", for a
point less). Overlapping matches keep the longest, exact ones first (so "could not be
delivered" is read as an attempt, not as "delivered"); a match within three words
after a negation ("not", "nicht", "pas", "未", ...) does not count; each stage scores
the sum of its kept weights. The line is read as the best stage when its score is at
least `DECIDE_AT` and strictly above every other stage's; otherwise the classifier says
it cannot tell, and says which stages were in the running. No carrier knowledge lives
here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from parcel_doctor.events.text import match_words

DECIDE_AT = 2  # the least score that names a stage
GAP_FROM = 3  # a Latin phrase of this many words or more may have one extra word inside

# Words that turn the next words' meaning round ("not delivered", "nicht zugestellt",
# "未妥投"): a phrase found within three words after one of them does not count, unless a
# longer phrase already covers the negation. Also never the extra word inside a phrase.
# Compared after folding. "no" is left out: in Portuguese it means "in the".
NEGATIONS = frozenset(
    ["not", "never", "nicht", "nie", "pas", "ne", "jamais", "nao", "nunca", "未", "不", "没"]
)
# A phrase that itself starts with "no"/"none" wording is not turned round by a negation
# before it: "Não há nenhuma informação" is a double negative, not "there is some".
NEGATIVE_START = frozenset(
    [
        "no",
        "none",
        "nothing",
        "keine",
        "kein",
        "keinen",
        "aucune",
        "aucun",
        "nenhuma",
        "nenhum",
        "ninguna",
        "ninguno",
        "ningun",
    ]
)


@dataclass(frozen=True)
class Phrase:
    stage: str
    words: tuple[str, ...]
    prefix_last: tuple[bool, ...]  # per word: True if it matches any word it begins
    weight: int
    text: str  # as written in stages.toml

    def _word_at(self, index: int, given: str) -> bool:
        word = self.words[index]
        return given.startswith(word) if self.prefix_last[index] else given in (word, plural(word))

    def matches_at(self, line: list[str], start: int) -> bool:
        """The phrase's words, one after the other, from `start`."""
        if start + len(self.words) > len(line):
            return False
        return all(self._word_at(i, line[start + i]) for i in range(len(self.words)))

    def span_at(self, line: list[str], start: int) -> int:
        """How many of the line's words the phrase covers from `start`: its own length,
        one more when a Latin phrase of `GAP_FROM` words or more has one extra word
        inside it (not a negation), or 0 when it is not there."""
        if self.matches_at(line, start):
            return len(self.words)
        size = len(self.words)
        if size < GAP_FROM or start + size + 1 > len(line) or not self.words[0].isascii():
            return 0
        for gap in range(1, size):
            extra = line[start + gap]
            if extra in NEGATIONS or extra == "no" or not extra.isascii():
                continue
            if all(self._word_at(i, line[start + i]) for i in range(gap)) and all(
                self._word_at(i, line[start + i + 1]) for i in range(gap, size)
            ):
                return size + 1
        return 0


def plural(word: str) -> str:
    """The plural a Latin phrase word also matches: "information" matches "informations",
    "parcel" matches "parcels" (English, French, Spanish and Portuguese plurals in -s).
    Short words and CJK characters match only themselves."""
    return word + "s" if len(word) >= 3 and word.isascii() and word[-1] != "s" else word


def compile_phrase(stage: str, text: str, weight: int) -> Phrase | None:
    """A phrase as written in stages.toml (`zoll*`, `hand* over to airline`), or None if
    it has no words at all."""
    folded: list[str] = []
    prefix: list[bool] = []
    for chunk in text.split():
        chunk_words = match_words(chunk)
        if not chunk_words:
            continue
        folded.extend(chunk_words)
        prefix.extend([False] * (len(chunk_words) - 1) + [chunk.endswith("*")])
    if not folded:
        return None
    return Phrase(stage, tuple(folded), tuple(prefix), weight, text)


@dataclass(frozen=True)
class Reading:
    """What one line says: `stage` (None when the classifier cannot tell), `confidence`
    (the stage's share of all points scored, 0 to 1), every stage's `scores`, and the
    phrases that counted."""

    text: str
    stage: str | None
    confidence: float
    scores: Mapping[str, int] = field(default_factory=dict)
    matched: tuple[str, ...] = ()

    @property
    def candidates(self) -> list[str]:
        """The stages that scored, best first (for 'cannot tell: X or Y')."""
        return sorted(self.scores, key=lambda s: -self.scores[s])

    def why_not(self) -> str:
        """Why no stage was named, in words."""
        if not self.scores:
            return "no carrier wording recognised"
        best = self.candidates
        top = self.scores[best[0]]
        tied = [s for s in best if self.scores[s] == top]
        if len(tied) > 1:
            return f"reads as {' or '.join(tied)} equally"
        return f"only a weak hint of {best[0]}"

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "stage": self.stage,
            "confidence": round(self.confidence, 2),
            "matched": list(self.matched),
            "scores": dict(self.scores),
        }


class Classifier:
    """Reads event lines with the `match` tables of the knowledge base's stages."""

    def __init__(self, stages: Mapping[str, Mapping[str, Any]]) -> None:
        self.order = list(stages)
        self._by_first: dict[str, list[Phrase]] = {}
        self._prefixed_first: list[Phrase] = []
        for stage_id, stage in stages.items():
            for text, weight in stage.get("match", {}).items():
                phrase = compile_phrase(stage_id, text, weight)
                if phrase is None:
                    continue
                if phrase.prefix_last[0]:
                    self._prefixed_first.append(phrase)
                else:
                    self._by_first.setdefault(phrase.words[0], []).append(phrase)

    def _found(self, line: list[str]) -> Iterable[tuple[int, int, Phrase]]:
        for start, word in enumerate(line):
            singular = word[:-1] if word.endswith("s") else ""
            firsts = [*self._by_first.get(word, ())]
            if singular and plural(singular) == word:
                firsts += self._by_first.get(singular, ())
            for phrase in [*firsts, *self._prefixed_first]:
                span = phrase.span_at(line, start)
                if span:
                    yield start, span, phrase

    def read(self, text: str) -> Reading:
        """The stage one event line names, or `stage=None` when it cannot tell."""
        line = match_words(text)
        spans: dict[tuple[int, int, int], list[Phrase]] = {}
        for start, span, phrase in self._found(line):
            spans.setdefault((start, span, len(phrase.words)), []).append(phrase)
        taken = [False] * len(line)
        scores: dict[str, int] = {}
        matched: list[str] = []

        def order(item: tuple[tuple[int, int, int], list[Phrase]]) -> tuple[int, int, int, int]:
            (start, span, size), phrases = item
            return (span - size, -size, -max(p.weight for p in phrases), start)

        # Exact matches first, then those with an extra word inside; longest first;
        # phrases on the very same words (one wording, two stages) all count.
        for (start, span, size), phrases in sorted(spans.items(), key=order):
            if any(taken[start : start + span]):
                continue
            before = range(max(0, start - 3), start)
            negated = any(line[i] in NEGATIONS and not taken[i] for i in before)
            if negated and line[start] not in NEGATIVE_START:
                continue
            taken[start : start + span] = [True] * span
            for phrase in phrases:
                weight = max(phrase.weight - 1, 1) if span > size else phrase.weight
                scores[phrase.stage] = scores.get(phrase.stage, 0) + weight
                matched.append(phrase.text)
        if not scores:
            return Reading(text, None, 0.0)
        ranked = sorted(scores.values(), reverse=True)
        best = max(scores, key=lambda s: scores[s])
        decided = ranked[0] >= DECIDE_AT and (len(ranked) == 1 or ranked[0] > ranked[1])
        confidence = ranked[0] / sum(ranked) if decided else 0.0
        return Reading(text, best if decided else None, confidence, scores, tuple(matched))

    def index(self, stage: str | None) -> int:
        """A stage's place in the normal order (returning, missent, exception last)."""
        return self.order.index(stage) if stage in self.order else -1
