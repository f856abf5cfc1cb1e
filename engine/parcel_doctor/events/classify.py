"""One tracking event line to a stage, by the carrier wording in facts/stages.toml.

Generic: every stage's `match` table (phrase = weight) is compiled into one index; a
line's words are matched against every phrase (a Latin phrase word also matching its
plural in -s), overlapping matches keep the longest
(so "could not be delivered" is read as an attempt, not as "delivered"), and each stage
scores the sum of its kept weights. The line is read as the best stage when its score
is at least `DECIDE_AT` and strictly above every other stage's; otherwise the
classifier says it cannot tell, and says which stages were in the running. No carrier
knowledge lives here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from parcel_doctor.events.text import match_words

DECIDE_AT = 2  # the least score that names a stage


@dataclass(frozen=True)
class Phrase:
    stage: str
    words: tuple[str, ...]
    prefix_last: tuple[bool, ...]  # per word: True if it matches any word it begins
    weight: int
    text: str  # as written in stages.toml

    def matches_at(self, line: list[str], start: int) -> bool:
        if start + len(self.words) > len(line):
            return False
        for offset, (word, prefix) in enumerate(zip(self.words, self.prefix_last, strict=True)):
            given = line[start + offset]
            if not (given.startswith(word) if prefix else given in (word, plural(word))):
                return False
        return True


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

    def _found(self, line: list[str]) -> Iterable[tuple[int, Phrase]]:
        for start, word in enumerate(line):
            singular = word[:-1] if word.endswith("s") else ""
            firsts = [*self._by_first.get(word, ())]
            if singular and plural(singular) == word:
                firsts += self._by_first.get(singular, ())
            for phrase in firsts:
                if phrase.matches_at(line, start):
                    yield start, phrase
            for phrase in self._prefixed_first:
                if phrase.matches_at(line, start):
                    yield start, phrase

    def read(self, text: str) -> Reading:
        """The stage one event line names, or `stage=None` when it cannot tell."""
        line = match_words(text)
        spans: dict[tuple[int, int], list[Phrase]] = {}
        for start, phrase in self._found(line):
            spans.setdefault((start, len(phrase.words)), []).append(phrase)
        taken = [False] * len(line)
        scores: dict[str, int] = {}
        matched: list[str] = []
        # Longest first; phrases on the very same words (one wording, two stages) all count.
        for (start, length), phrases in sorted(
            spans.items(), key=lambda s: (-s[0][1], -max(p.weight for p in s[1]), s[0][0])
        ):
            if any(taken[start : start + length]):
                continue
            taken[start : start + length] = [True] * length
            for phrase in phrases:
                scores[phrase.stage] = scores.get(phrase.stage, 0) + phrase.weight
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
