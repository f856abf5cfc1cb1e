"""One tracking event line to a stage, by the carrier wording in facts/stages.toml.

Generic: every stage's `match` table (phrase = weight) is compiled into one index; a
line's words are matched against every phrase (a Latin phrase word also matching its
plural in -s and, for a Romance participle, its other gender: "devuelto" reads
"devuelta", for a Russian one every gender and the plural: "вручено" reads "вручен"; a
Latin phrase of three words or more also matching with one extra word inside it,
"departed from country of origin" for "departed country of origin", for a point less; a
Latin word of seven letters or more that is no phrase word, for the one phrase word it
misspells by a vowel left out inside it or two neighbouring letters swapped, "DELIVERD",
also for a point less: `Spelling`; a word in camel case that no phrase has whole,
"OutForDelivery", as the words it joins). Overlapping matches keep the longest, exact ones
first (so "could not be delivered" is read as an attempt, not as "delivered").
Within its clause, a match
within three words after a negation ("not", "nicht", "pas", "未", ...; "no" as a clause's
first word) or right before
one ("kommt heute nicht"), or after a
heading ("on its way to", "发往") does not count (a negation reaching no further than a
conjunction: "failed and the RTS process have been initiated"), nor one in a clause
holding a condition ("if", "falls", "si"), nor one next to a word of the future ("will",
"voraussichtlich") or ending a clause that a German or Dutch auxiliary opened ("wird
... zugestellt") unless its stage's wording holds in the future tense
(`future_counts`; "alone": its phrases alone only, not those read together), nor one just
after a word of waiting or a "not yet" ("awaiting international departure", "not yet
posted") as its own stage when the stage says which earlier one a line waiting for it is at
(`awaited`: `WAITING`, `YET`);
bracketed places are places, not wording (`events.text.line_words`),
and so are runs of capitals after small letters unless nothing else in the line names a
stage; a phrase written "=..." counts only as the whole
first clause; phrases written "a & b" (`Together`) count when all are in one clause, and
are read before any phrase alone; a phrase written "@..." is a place, read after every
other phrase and counted only where its clause puts the parcel there (`Classifier._placed`:
"at the ParcelShop", not "collected from" or "redirected to" it, nor in a clause that
names another event or negates one; "<@..." where it leaves the place, ">@..." where it
heads for it: `_direction`; a phrase shorter than a place it overlaps, or matched with an
extra word inside it, is read after the place); a phrase written ">..." is whom the parcel goes to
(the sender), read last and counted only where its clause sends the journey there
(`_sent_to`: "ENTREGADO A REMITENTE", "on its way to the sender", not "received from the
shipper"). Each stage scores the sum of its kept weights,
sentence by sentence: the first sentence that names a stage decides, else all
sentences' scores together; a phrase found twice in a line counts once. The line is
read as the best stage when its score is at least `DECIDE_AT`, strictly above every other
stage's, and one of its phrases alone weighs `DECIDE_AT` (hints of weight 1 add to a
phrase, never name a stage alone; a phrase of weight 0 is wording known to name no stage,
which only keeps its words from counting: 依頼受付, a request received, is not 受付);
otherwise the classifier says
it cannot tell, and says which stages were in the running. A stage whose `overrides`
name the stage read, and that itself scores `DECIDE_AT` in the line, is what the line
says ("unable to deliver ... now returned to the sender" is a return); so is one whose
`overrides_first` name it when the line begins with its wording ("RETURN PICKED UP"), and
such a stage is what a line that begins with its wording and names no other stage says
("Return, other circumstances": the return leg's own status). No carrier
knowledge lives here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from parcel_doctor.events.text import LineWords, line_words, match_words, words

DECIDE_AT = 2  # the least score that names a stage
ANY_STAGE = "*"  # a clause's phrase turned by a negation, a heading or a condition
GAP_FROM = 3  # a Latin phrase of this many words or more may have one extra word inside
TYPO_FROM = 7  # a Latin word of this many letters or more may be a misspelt phrase word
# A Latin word in camel case ("OutForDelivery", "AvailableForPickup", "AttemptFail": the
# status tags tracking services print and export), and where its words join.
CAMEL_CASE = re.compile(r"(?<![A-Za-z])[A-Za-z]*[a-z][A-Z][A-Za-z]*(?![A-Za-z])")
_CAMEL_JOIN = re.compile(r"(?<=[a-z])(?=[A-Z])")

# Words that turn the next words' meaning round ("not delivered", "nicht zugestellt",
# "未妥投"): a phrase found within three words after one of them does not count, unless a
# longer phrase already covers the negation. Also never the extra word inside a phrase.
# Compared after folding. "no" is left out: in Portuguese it means "in the".
NEGATIONS = frozenset(
    [
        "not",
        "never",
        "nicht",
        "nie",
        "pas",
        "ne",
        "non",
        "jamais",
        "nao",
        "nunca",
        "niet",
        "не",  # ru: not ("не вручено")
        "tidak",
        "belum",  # id: not, not yet ("belum diterima": not yet received)
        "khong",
        "chua",  # vi: not, not yet ("Giao hàng không thành công": delivery not successful)
        "inte",
        "ej",  # sv: not ("Ej levererad", "Kunde inte levereras")
        "ikke",  # da, no: not ("ikke leveret", "ikke levert")
        "未",
        "不",
        "没",
        "拒",  # zh: refused (拒绝签收, 拒收: the recipient refused to sign for it)
    ]
)
# Words that negate only what comes after them: negating determiners ("da keine
# Annahme": no acceptance), which negate the noun after them, and "failed" ("Failed to
# deliver"), the verb after it; a phrase before one is not turned round ("Zugestellt keine
# Unterschrift erforderlich" is a delivery, "Delivery attempt failed" an attempt).
# Compared after folding.
NEGATING_BEFORE = frozenset(
    [
        "failed",
        "nothing",  # en: "Nothing picked up by the courier"
        "kein",
        "keine",
        "keinen",
        "keiner",
        "aucun",
        "aucune",
        "ningun",
        "ninguna",
        "ninguno",
        "nenhum",
        "nenhuma",
        "nessun",
        "nessuna",
        "nessuno",  # it: "Nessun tentativo di consegna" (no delivery attempt)
        "geen",  # nl: "Geen bezorgpoging" (no delivery attempt)
    ]
)
# Conjunctions: a negation before one does not reach the words after it. Compared after
# folding; words that also mean something else ("en": Dutch "and", French "in") left out.
CONJUNCTIONS = frozenset(
    ["and", "but", "und", "aber", "et", "mais", "y", "pero", "e", "mas", "maar", "ma", "и", "но"]
)
# Words that negate what follows them only as the first word of a clause: English "No
# duties or taxes are due" (nothing to pay), Spanish "No entregado"; elsewhere Portuguese
# "no" means "in the" ("Objeto entregue no endereço"). Compared after folding.
CLAUSE_NEGATIONS = frozenset(["no"])
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
        "nessun",
        "nessuna",
        "nessuno",
        "geen",
    ]
)


# Words of what is yet to happen: a phrase just after one ("will be delivered", "sera
# livré", "预计送达") or right before one ("Zustellung erfolgt voraussichtlich",
# "delivery expected") does not count. Compared after folding.
FUTURE = frozenset(
    [
        "will",
        "expected",
        "estimated",
        "scheduled",
        "soon",  # en: "Out for Delivery Soon"
        "be",  # en: an infinitive, "Due to be delivered today", "dispatched to be delivered"
        "voraussichtlich",
        "vrs",
        "vsl",
        "voraussichtliche",  # de
        "spateren",  # de: "wird ... zu einem späteren Zeitpunkt zugestellt" (at a later time)
        "sera",
        "seront",
        "prevue",
        "prevu",
        "estimee",
        "etre",  # fr: an infinitive, "pour vous être livré", "doit être remis"
        "prevista",
        "previsto",
        "estimada",
        "programada",  # es
        "previsao",
        "ser",  # pt/es: an infinitive, "para ser entregue", "a ser entregado"
        "sera",  # pt
        "预",
        "将",  # zh (预计, 即将)
        "待",  # zh: waiting to be done (待签收: not yet signed for)
        "予",  # ja (予定)
        "verra",
        "verranno",  # it
    ]
)
# Words of the future only when "to" follows them: "about to be delivered", not
# "information about your item". Compared after folding.
FUTURE_BEFORE_TO = frozenset(["about"])
# Words of the future only right after a phrase: a German participle before "werden" is a
# passive infinitive, to be done ("... gleichzeitig ausgeliefert werden sollen", Hermes
# 080005003: to be delivered together), not done ("konnte nicht zugestellt werden" is a
# negation's, read before). Compared after folding.
FUTURE_AFTER = frozenset(["werden"])
# Auxiliaries that put the participle at the clause's end into the future or into a
# process under way: German "Ihre Sendung wird Ihnen heute ... zugestellt", Dutch "Je
# pakket wordt vandaag bezorgd", Polish "zostanie dziś ... doręczona". One anywhere before
# a phrase that ends its clause counts as a word of the future ("konnte nicht zugestellt
# werden" is a negation instead, and
# "werden" is no such auxiliary here; "... und wird zur Zustellbasis transportiert"
# keeps its place name, which does not end the clause).
FUTURE_AUXILIARIES = frozenset(["wird", "wordt", "zostanie", "bedzie"])  # de, nl, pl
# Words of waiting for an event: a phrase just after one ("Cleared and awaiting international
# departure", "en attente de livraison", "aguardando postagem") names an event that has not
# happened, read as its stage's `awaited` stage (export's is accepted: the parcel waits to
# leave); a stage without one is a hold, read as itself ("awaiting customs clearance",
# "aguardando retirada"). Only before the phrase: "Package Acceptance Pending" is the
# acceptance's own status. Compared after folding.
WAITING = frozenset(
    [
        *["awaiting", "await", "awaits", "waiting", "pending"],  # en
        *["attente", "espera", "esperando", "aguardando", "aguarda"],  # fr, es, pt
        *["afwachting", "attesa", "wartet"],  # nl, it, de
    ]
)
# Words that make a negation "not yet" ("not yet received", "noch nicht erhalten", "pas encore
# expédié", "ainda não postado", "nog niet ontvangen", "non ancora", 尚未揽收): the event is
# awaited, read as its stage's `awaited` stage like a word of waiting's; a stage without one
# stays negated. Compared after folding.
YET = frozenset(["yet", "noch", "encore", "ainda", "aun", "todavia", "nog", "ancora", "尚", "还"])
# The infinitives among the words of the future, and the words that make one the recent
# past: "vient d'être livré", "acaba de ser entregue" (has just been delivered). Compared
# after folding.
INFINITIVES = frozenset(["etre", "ser"])
JUST_DONE = frozenset(["vient", "viennent", "acaba", "acabam", "acaban", "acabou"])
# Words of a condition: a stage named in a clause that holds one is a threat or an
# instruction, not what happened ("Item will be returned to sender if not collected
# within 10 days", "falls nicht abgeholt", "si no se recoge", es "en caso de", pt "caso não
# seja retirado", it "in caso di"). Compared after folding; Portuguese/Italian "se" is left
# out (also a reflexive pronoun: "encontra-se").
CONDITIONS = frozenset(["if", "unless", "falls", "sofern", "wenn", "si", "sinon", "caso"])
# Words of a condition only for what follows them in the clause: USPS's "It will be
# available when ... the package is delivered to USPS" names no delivery, "Delivered to
# neighbour when recipient not at home" does. Compared after folding.
# "once" likewise ("Once your shipment is delivered to a ServicePoint, you have 10 calendar
# days to collect", DHL), and "soon" for "as soon as" ("as" is left out, Portuguese's
# article): "You will receive a notification as soon as it is ready for collection" names
# no waiting yet. Only in a clause that speaks of what is to come (`_to_come`): in the past
# they say when ("not accepted when delivery was attempted").
CONDITIONS_BEFORE = frozenset(["when", "once", "soon"])
# Words that introduce a place: a run of capitals right after one is the place's name
# even when nothing else in the line names a stage ("departed our USPS facility in
# SPOKANE WA DISTRIBUTION CENTER"). Compared after folding.
PLACE_WORDS = frozenset(
    ["in", "at", "from", "to", "via", "em", "para", "von", "nach", "aus", "bei", "vers", "desde"]
)
# Words that say where a place noun stands in a line (`Phrase.place`, written "@..." in
# stages.toml: "@parcelshop", "@packstation"). A place names its stage only where the line
# puts the parcel there ("at the ParcelShop", "im PaketShop"): not where it left it ("The
# return shipment was collected from the ParcelShop", "aus der Packstation") or is being
# sent to it ("redirected to parcel shop", "sent to the preferred Access Point"); the
# nearest of these words before the place, within `PLACE_REACH` words of its clause,
# decides. Compared after folding; words meaning both ("a", "à", "de", "do") are left out.
# Polish "w", Russian and Ukrainian "в", "\u0443" and "на", Chinese 在 put the parcel at a
# place too ("w paczkomacie", "в постамате", 在驿站); "з", "із", "от", "від", 从 have it leave
# (从快递柜取出: taken out of the locker).
PLACE_AT = frozenset(
    [
        *["at", "in", "inside", "im", "am", "bei", "au", "aux", "dans", "en", "no", "na", "em"],
        *["op", "w", "в", "\u0443", "на", "在"],
    ]
)
PLACE_FROM = frozenset(
    [
        "from",
        "von",
        "vom",
        "aus",
        "du",
        "desde",
        "uit",
        "z",
        "ze",
        "из",
        "з",
        "із",
        "от",
        "від",
        "从",
    ]
)
PLACE_TO = frozenset(["to", "towards", "zum", "zur", "nach", "vers", "hacia", "naar", "к"])
# Words for "to" before whom the parcel is sent (`Phrase.towards`, written ">..." in
# stages.toml: ">sender"): "returned to the shipper", "an den Absender", "al remitente",
# "ao remetente", "naar de afzender", "给寄件人". Compared after folding; French and Spanish
# "à"/"a" are left out as articles, so the event's phrase right before stands for them.
SENT_TO = PLACE_TO | frozenset(["an", "al", "ao", "aos", "au", "aux", "给"])
# How a place phrase is written in stages.toml, and where the line must put the parcel for it
# to count (`_direction`): at the place, leaving it, heading for it.
PLACE_MARKERS = {"<@": "from", ">@": "to", "@": "at"}
PLACE_REACH = 4  # "at the Hermes ParcelShop", "to the receiver's preferred UPS Access Point"
# Words that head for a place: a phrase after one, in the same clause, names where the
# parcel is going, not where it is ("on its way to the Packstation", "发往").
HEADINGS = tuple(
    tuple(match_words(heading))
    for heading in [
        "on its way to",
        "en route to",
        "in transit to",
        "heading to",
        "headed to",
        "on the way to",
        "travelling to",
        "traveling to",
        "be taken to",  # "will be taken to the pickup point", "to be taken to"
        "being taken to",
        "bound for",
        "auf dem Weg zu",
        "auf dem Weg zur",
        "auf dem Weg zum",
        "unterwegs zu",
        "unterwegs zur",
        "unterwegs zum",
        "weitertransport in",  # "für den Weitertransport in die Region des Empfängers"
        "weitertransport nach",
        "en route vers",
        "acheminement vers",
        "en direction de",
        "en camino a",  # "a" is left out as an article: "en camino"
        "en camino hacia",
        "en tránsito hacia",
        "con destino a",
        "a caminho de",
        "a caminho para",
        "em trânsito para",
        "com destino a",
        "onderweg naar",
        "verzending naar",  # nl "klaar voor verzending naar land van bestemming"
        "transport naar",
        "forwarded to",  # "being forwarded to destination country": not there yet
        # the English of "Weitertransport nach": "handed over for further transportation
        # to the destination country" is still on its way there
        "further transportation to",
        "further transport to",
        "onward transportation to",
        "onward transport to",
        "in viaggio verso",
        "w drodze do",  # pl
        "发往",
        "前往",
        "运往",
        "寄往",
    ]
)


@dataclass(frozen=True)
class Phrase:
    stage: str
    words: tuple[str, ...]
    prefix_last: tuple[bool, ...]  # per word: True if it matches any word it begins
    weight: int
    text: str  # as written in stages.toml
    whole: bool = False  # written "=...": only as the whole first clause of a line
    # a place: "at" (written "@..."): where the line puts the parcel there; "from" ("<@..."):
    # where it leaves it; "to" (">@..."): where it heads for it; "" no place
    place: str = ""
    towards: bool = False  # written ">...": whom the line sends the parcel to (the sender)

    def word_at(self, index: int, given: str) -> bool:
        word = self.words[index]
        return given.startswith(word) if self.prefix_last[index] else given in forms(word)

    def matches_at(self, line: list[str], start: int) -> bool:
        """The phrase's words, one after the other, from `start`."""
        if start + len(self.words) > len(line):
            return False
        return all(self.word_at(i, line[start + i]) for i in range(len(self.words)))

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
            if (
                extra in NEGATIONS
                or extra in NEGATING_BEFORE
                or extra == "no"
                or not extra.isascii()
            ):
                continue
            if all(self.word_at(i, line[start + i]) for i in range(gap)) and all(
                self.word_at(i, line[start + i + 1]) for i in range(gap, size)
            ):
                return size + 1
        return 0


@dataclass(frozen=True)
class Together:
    """Phrases that name a stage when they are all in one clause, in any order, written
    `"delivered & parcelshop"` (a parcel delivered to a ParcelShop waits there)."""

    stage: str
    parts: tuple[Phrase, ...]
    weight: int
    text: str

    @property
    def size(self) -> int:
        return sum(len(p.words) for p in self.parts)

    def found(self, parsed: LineWords, taken: list[bool]) -> Iterable[list[tuple[int, Phrase]]]:
        """For each clause that holds every part on free words: where each part starts."""
        line = parsed.words
        present = set(line)
        if not all(any(p.word_at(0, w) for w in present) for p in self.parts):
            return
        for clause in sorted(set(parsed.clause)):
            starts: list[tuple[int, Phrase]] = []
            used: set[int] = set()
            for part in self.parts:
                at = next(
                    (
                        s
                        for s in range(len(line))
                        if parsed.clause[s] == clause
                        and part.matches_at(line, s)
                        and all(
                            parsed.clause[i] == clause and not taken[i] and i not in used
                            for i in range(s, s + len(part.words))
                        )
                    ),
                    None,
                )
                if at is None:
                    break
                starts.append((at, part))
                used.update(range(at, at + len(part.words)))
            else:
                yield starts


def other_gender(word: str) -> str | None:
    """The other gender of a Spanish, Portuguese or Italian participle of six letters or
    more ("devuelto": "devuelta", "extraviada": "extraviado", "consegnato":
    "consegnata"), or None. Carriers print either, agreeing with "envío" or "expedición",
    "objeto" or "encomenda"."""
    if len(word) >= 6 and word.isascii() and word[-2:] in ("do", "to", "da", "ta"):
        return word[:-1] + ("a" if word[-1] == "o" else "o")
    return None


def russian_forms(word: str) -> frozenset[str]:
    """A Russian short participle's or past-tense verb's forms of every gender and the
    plural ("вручено": "вручен", "вручена", "вручены"; "прибыло": "прибыл", "прибыла",
    "прибыли"; "принято": "принят"), from any of them (a stem of five letters or more
    ending in н, л or т); the word alone otherwise. Russian Post prints one form or
    another, agreeing with "отправление", "посылка" or none ("Вручен")."""
    neuter, feminine, plural, plural_after_l = tuple(_RUSSIAN_ENDINGS)
    stem = word[:-1] if word[-1:] in _RUSSIAN_ENDINGS and word[-2:-1] in "нлт" else word
    if len(stem) < 5 or stem[-1] not in "нлт" or not "\u0400" <= stem[0] <= "\u04ff":
        return frozenset([word])
    last = plural_after_l if stem[-1] == "л" else plural
    return frozenset([stem, stem + neuter, stem + feminine, stem + last])


_RUSSIAN_ENDINGS = "оаыи"  # neuter, feminine, plural, plural after л


@functools.cache  # asked of the phrases' words only, for every word of every line
def forms(word: str) -> frozenset[str]:
    """The words a phrase word matches: itself, its plural in -s and, for a Romance
    participle, its other gender and that one's plural; a Russian participle's or
    past-tense verb's every form (`russian_forms`)."""
    other = other_gender(word)
    return frozenset(
        [word, plural(word), *((other, plural(other)) if other else ()), *russian_forms(word)]
    )


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
    whole = text.startswith("=")
    marker = next((m for m in PLACE_MARKERS if text.startswith(m)), "")
    place = PLACE_MARKERS.get(marker, "")
    towards = not marker and text.startswith(">")
    for chunk in text.removeprefix("=").removeprefix(marker).removeprefix(">").split():
        chunk_words = match_words(chunk)
        if not chunk_words:
            continue
        folded.extend(chunk_words)
        prefix.extend([False] * (len(chunk_words) - 1) + [chunk.endswith("*")])
    if not folded:
        return None
    return Phrase(stage, tuple(folded), tuple(prefix), weight, text, whole, place, towards)


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
        self._future_counts = {sid for sid, s in stages.items() if s.get("future_counts")}
        # `future_counts = "alone"`: only its phrases alone, not those read together ("will
        # be held for 14 days" waits; "will be delivered to the Access Point" is not there)
        self._future_together = {sid for sid, s in stages.items() if s.get("future_counts") is True}
        # the stage a line waiting for a stage's event is at (`WAITING`): export's is accepted
        self._awaited = {sid: s["awaited"] for sid, s in stages.items() if s.get("awaited")}
        self._overrides = {
            sid: set(s["overrides"]) for sid, s in stages.items() if s.get("overrides")
        }
        self._overrides_first = {
            sid: set(s["overrides_first"]) for sid, s in stages.items() if s.get("overrides_first")
        }
        self._together: list[Together] = []
        single: dict[tuple[Any, ...], tuple[int, Phrase]] = {}
        for stage_id, stage in stages.items():
            for text, weight in stage.get("match", {}).items():
                if " & " in text:
                    parts = [compile_phrase(stage_id, part, weight) for part in text.split(" & ")]
                    if all(parts):
                        self._together.append(
                            Together(stage_id, tuple(filter(None, parts)), weight, text)
                        )
                    continue
                phrase = compile_phrase(stage_id, text, weight)
                # one wording written twice (with and without accents, "the") counts once
                key = (
                    (
                        stage_id,
                        phrase.words,
                        phrase.prefix_last,
                        phrase.whole,
                        phrase.place,
                        phrase.towards,
                    )
                    if phrase
                    else ()
                )
                if phrase is None or weight <= single.get(key, (-1, phrase))[0]:
                    continue
                single[key] = (weight, phrase)
        for _, phrase in single.values():
            if phrase.prefix_last[0]:
                self._prefixed_first.append(phrase)
            else:
                self._by_first.setdefault(phrase.words[0], []).append(phrase)
        every = [p for _, p in single.values()] + [p for t in self._together for p in t.parts]
        # per stage: the words its phrases read together end in ("deposited & locker"):
        # before "to", they put the parcel at a place ("deposited to the collection point")
        self._placing: dict[str, set[str]] = {}
        for together in self._together:
            self._placing.setdefault(together.stage, set()).update(
                part.words[-1] for part in together.parts
            )
        self._spelling = Spelling(every)

    def _found(self, line: list[str]) -> Iterable[tuple[int, int, Phrase]]:
        for start, word in enumerate(line):
            singular = word[:-1] if word.endswith("s") else ""
            keys = {word, *([singular] if singular and plural(singular) == word else [])}
            keys |= {other for key in keys if (other := other_gender(key))}
            keys |= russian_forms(word)
            firsts = [p for key in keys for p in self._by_first.get(key, ())]
            for phrase in [*firsts, *self._prefixed_first]:
                span = phrase.span_at(line, start)
                if span:
                    yield start, span, phrase

    def read(self, text: str) -> Reading:
        """The stage one event line names, or `stage=None` when it cannot tell. Wording
        inside a run of capitals after small letters is read as a place first; only when
        the rest of the line names no stage is the run read as wording too ("Hong Kong,
        ITEM DELIVERED")."""
        parsed = line_words(CAMEL_CASE.sub(self._camel_words, text))
        meant = [self._spelling.meant(word) for word in parsed.words]
        if any(meant):
            words = [m or w for m, w in zip(meant, parsed.words, strict=True)]
            parsed = replace(parsed, words=words)
        misspelt = [m is not None for m in meant]
        reading = self._read(text, parsed, misspelt, places=True)
        if reading.stage is None and any(parsed.capitals):
            return self._read(text, parsed, misspelt, places=False)
        return reading

    def _camel_words(self, match: re.Match[str]) -> str:
        """A word in camel case as the words it joins ("OutForDelivery": "Out For
        Delivery"), unless a phrase has the word whole ("PaketShop", "ServicePoint")."""
        word = match.group()
        if self._spelling.known_word(words(word)[0]):
            return word
        return _CAMEL_JOIN.sub(" ", word)

    def _read(self, text: str, parsed: LineWords, misspelt: list[bool], places: bool) -> Reading:
        line = parsed.words
        spans: dict[tuple[int, int, int], list[Phrase]] = {}
        for start, span, phrase in self._found(line):
            if phrase.whole and (start or not self._status_alone(parsed, span, len(phrase.words))):
                continue
            spans.setdefault((start, span, len(phrase.words)), []).append(phrase)
        taken = [False] * len(line)
        seen: set[tuple[str, str]] = set()
        headings = _headings(line)
        # per sentence: each stage's score, the phrases that counted, and the stages one
        # phrase of weight DECIDE_AT or more names (hints alone name no stage), each with
        # the first part of the line (between " - " dashes) that names it
        by_sentence: dict[int, tuple[dict[str, int], list[str], dict[str, int]]] = {}
        # per clause: the stages a phrase of weight DECIDE_AT or more named in it, and the
        # stages of the phrases read together it turned (`ANY_STAGE`: a phrase negated,
        # headed for or in a condition)
        events_in: dict[int, set[str]] = {}
        turned_in: dict[int, set[str]] = {}
        leading: set[str] = set()  # the stages of a phrase that begins the line

        def order(item: tuple[tuple[int, int, int], list[Phrase]]) -> tuple[int, int, int, int]:
            (start, span, size), phrases = item
            loose = span - size + any(misspelt[start : start + span])
            return (loose, -size, -max(p.weight for p in phrases), start)

        # Words that belong together in a clause first ("delivered" and "ParcelShop").
        for together in sorted(self._together, key=lambda t: (-t.weight, -t.size)):
            for starts in together.found(parsed, taken):
                if not all(_direction(parsed, s, None) == p.place for s, p in starts if p.place):
                    continue  # its place is left or headed for ("collected from a pickup point")
                # the parts' own words turn none of them ("could not locate & tracking
                # information": the negation is the first part's)
                own = [i for s, p in starts for i in range(s, s + len(p.words))]
                for i in own:
                    taken[i] = True
                turns = [
                    _turned(parsed, taken, headings, s, len(p.words), frozenset(own))
                    for s, p in starts
                ]
                yet_is = "awaited" if together.stage in self._awaited else "negation"
                turns = [yet_is if t == "not yet" else t for t in turns]
                if any(t in ("negation", "heading", "condition") for t in turns) or (
                    "future" in turns and together.stage not in self._future_together
                ):
                    for i in own:
                        taken[i] = False
                    # its place too is where nothing happened ("will be delivered to ...")
                    turned_in.setdefault(parsed.clause[starts[0][0]], set()).add(together.stage)
                    continue
                if not together.weight:  # wording that names no stage keeps its words
                    continue
                stage = self._awaited_stage(together.stage, "awaited" in turns)
                first = min(s for s, _ in starts)
                if together.weight >= DECIDE_AT:
                    events_in.setdefault(parsed.clause[first], set()).add(stage)
                scores, matched, strong = by_sentence.setdefault(
                    parsed.sentence[first], ({}, [], {})
                )
                weight = _less(together.weight, any(misspelt[i] for i in own))
                scores[stage] = scores.get(stage, 0) + weight
                matched.append(together.text)
                if weight >= DECIDE_AT:
                    _named_in(strong, stage, parsed.part[first])
        # Exact matches first, then those with an extra word inside or a misspelt word;
        # longest first;
        # phrases on the very same words (one wording, two stages) all count. Places
        # last: they name their stage only in a clause that names no other event; whom
        # the parcel goes to after them: only in a clause that names its journey.
        # A phrase shorter than a place it overlaps, or matched loosely (an extra word inside
        # it), waits for the place: "export" in "at the export facility", "arrived at
        # facility" over "ARRIVED AT EXPORT FACILITY".
        ranked = sorted(spans.items(), key=order)
        place_spans = [(s, s + n) for (s, n, _), ps in ranked if any(p.place for p in ps)]

        def waits(key: tuple[int, int, int]) -> bool:
            start, span, size = key
            return any(
                s < start + span and start < e and (span < e - s or span > size)
                for s, e in place_spans
            )

        plain = [(key, [p for p in ps if not (p.place or p.towards)]) for key, ps in ranked]
        for (start, span, size), phrases in [
            *[(key, ps) for key, ps in plain if not waits(key)],
            *[(key, [p for p in ps if p.place]) for key, ps in ranked],
            *[(key, ps) for key, ps in plain if waits(key)],
            *[(key, [p for p in ps if p.towards]) for key, ps in ranked],
        ]:
            if (
                not phrases
                or any(taken[start : start + span])
                or _in_place(parsed, start, span, places)
            ):
                continue
            clause = parsed.clause[start]
            turned = _turned(parsed, taken, headings, start, span)
            if phrases[0].place:  # the places the line puts the parcel at, leaves or heads for
                way = self._way(parsed, start, phrases)
                if way == "to" and turned == "heading" and any(p.place == way for p in phrases):
                    turned = None  # "in transit to the destination country": where it heads
                phrases = [p for p in phrases if p.place == way]
            if phrases and phrases[0].towards:
                if not _sent_to(parsed, start, taken, headings, events_in, turned_in):
                    continue
                turned = None if turned == "heading" else turned  # "on its way to the sender"
            if turned == "not yet":  # "not yet received": awaited where the stage says so
                awaited = [p for p in phrases if p.stage in self._awaited]
                phrases, turned = (awaited, "awaited") if awaited else (phrases, "negation")
            if turned == "future":
                phrases = [p for p in phrases if p.stage in self._future_counts]
            if turned in ("negation", "heading", "condition"):
                turned_in.setdefault(clause, set()).add(ANY_STAGE)
            if not phrases or turned in ("negation", "heading", "condition"):
                continue
            if phrases[0].place and not self._placed(parsed, start, turned_in, events_in, phrases):
                continue
            if turned == "awaited":  # "awaiting international departure": still accepted
                phrases = [replace(p, stage=self._awaited_stage(p.stage, True)) for p in phrases]
            taken[start : start + span] = [True] * span
            scores, matched, strong = by_sentence.setdefault(parsed.sentence[start], ({}, [], {}))
            # one stage counts once on the same words ("devuelto" and "devuelta", both
            # written, both match "devuelta"), at its highest weight; a phrase found
            # twice in a line counts once ("到着スキャン: ... 到着しました" is one arrival)
            best: dict[str, int] = {}
            for phrase in phrases:
                weight = _less(phrase.weight, (span > size) + any(misspelt[start : start + span]))
                if not phrase.weight or (phrase.stage, phrase.text) in seen:
                    continue  # (weight 0: wording that names no stage keeps its words)
                seen.add((phrase.stage, phrase.text))
                best[phrase.stage] = max(best.get(phrase.stage, 0), weight)
                matched.append(phrase.text)
            for stage, weight in best.items():
                scores[stage] = scores.get(stage, 0) + weight
                if start == 0:
                    leading.add(stage)
                if weight >= DECIDE_AT:
                    _named_in(strong, stage, parsed.part[start])
                    events_in.setdefault(clause, set()).add(stage)
        total: dict[str, int] = {}
        every: list[str] = []
        named: dict[str, int] = {}
        for scores, matched, strong in by_sentence.values():
            every += matched
            for stage, clause in strong.items():
                _named_in(named, stage, clause)
            for stage, score in scores.items():
                total[stage] = total.get(stage, 0) + score
        # The first sentence that names a stage says what happened; later ones add
        # details ("Die Zustellung erfolgt voraussichtlich heute", "contact the sender").
        reading = next(
            (
                r
                for r in (_decide(text, *by_sentence[s], self.index) for s in sorted(by_sentence))
                if r.stage is not None
            ),
            None,
        ) or _decide(text, total, every, named, self.index)
        return self._overridden(reading, total, every, leading)

    def _overridden(
        self, reading: Reading, total: dict[str, int], matched: list[str], leading: set[str]
    ) -> Reading:
        """The reading, or the stage that follows it when the line also names that one:
        a stage's `overrides` are the stages it comes after in one line ("unable to
        deliver ... It will now be returned to the sender" is a return; "Intento de
        entrega - En espera en sucursal" waits for collection)."""
        if reading.stage:
            named = [reading.stage]
        else:  # every stage tied at the top ("Ready to be collected at your local Post Office")
            best = max(reading.scores.values(), default=0)
            named = [stage for stage, score in reading.scores.items() if score == best]
        for stage in self.order:
            overrides = self._overrides.get(stage, set())
            if stage in leading:  # the line begins with its wording: the steps it repeats
                overrides = overrides | self._overrides_first.get(stage, set())
            said = total.get(stage, 0) >= DECIDE_AT or stage in leading
            if said and overrides & set(named):
                share = total[stage] / sum(total.values())
                return Reading(reading.text, stage, share, total, tuple(matched))
        # a line that begins with a stage's wording whose steps it repeats (`overrides_first`)
        # and names no other stage is that stage's step ("Return to Merchant", "RETURN,
        # Other circumstances": the return leg's own status, its step not named)
        first = [s for s in leading if s in self._overrides_first]
        if reading.stage is None and len(first) == 1 and set(total) == set(first):
            return Reading(reading.text, first[0], 1.0, total, tuple(matched))
        return reading

    def _awaited_stage(self, stage: str, awaited: bool) -> str:
        """The stage a phrase of `stage` names, `awaited` when a word of waiting comes just
        before it (`WAITING`): the stage's `awaited` one, or the stage itself (a hold)."""
        return self._awaited.get(stage, stage) if awaited else stage

    def _placed(
        self,
        parsed: LineWords,
        start: int,
        turned_in: dict[int, set[str]],
        events_in: dict[int, set[str]],
        phrases: list[Phrase],
    ) -> bool:
        """Whether places (phrases written "@...", "<@...", ">@..." whose way the line
        takes, `_way`) name their stage where they stand: in a clause that names no other
        stage's event ("dropped off at a ParcelShop" is the posting, "The last status was
        cancelled at the ParcelShop" a correction), turns no phrase and holds no negation
        before them ("not collected from the ParcelShop")."""
        line, clause = parsed.words, parsed.clause[start]
        own = {p.stage for p in phrases}
        if turned_in.get(clause, set()) & (own | {ANY_STAGE}) or events_in.get(clause, set()) - own:
            return False
        before = [i for i in range(start) if parsed.clause[i] == clause]
        return not any(line[i] in NEGATIONS or line[i] in NEGATING_BEFORE for i in before)

    def _way(self, parsed: LineWords, start: int, phrases: list[Phrase]) -> str:
        """Where the line has the parcel go with the place at `start` (`_direction`), the
        last words of the places' stages' phrases read together before "to" putting it
        there ("deposited & locker": "deposited to the collection point")."""
        own = {p.stage for p in phrases}
        return _direction(parsed, start, set().union(*(self._placing.get(s, set()) for s in own)))

    def _status_alone(self, parsed: LineWords, span: int, size: int) -> bool:
        """Whether the line's first `span` words are its first clause, or, for a status of
        two words or more (`size`), are followed in it only by words no phrase has: a
        status printed whole with its place after it ("Export Scan WINNIPEG"), where a
        comma would end the clause ("Export Scan, Winnipeg"). A one-word status stays
        alone ("Moved" is the recipient's move; "Moved LONDON" may be the parcel's)."""
        end = parsed.clause.count(0)
        if span == end:
            return True
        return size > 1 and not any(self._spelling.known_word(w) for w in parsed.words[span:end])

    def index(self, stage: str | None) -> int:
        """A stage's place in the normal order (returning, missent, exception last)."""
        return self.order.index(stage) if stage in self.order else -1


def _sent_to(
    parsed: LineWords,
    start: int,
    taken: list[bool],
    headings: list[tuple[int, int]],
    events_in: dict[int, set[str]],
    turned_in: dict[int, set[str]],
) -> bool:
    """Whether the clause sends the parcel to whom a phrase written ">..." names (the
    sender) at `start`: the clause names the parcel's journey, a heading before it ("on its
    way to the sender", "in transit to sender") or another stage's event (a phrase of weight
    `DECIDE_AT` or more: "ENTREGADO A REMITENTE", "Вручено отправителю"), none of it turned
    ("not delivered to the sender"); and the journey's words lead straight to it: right
    after a heading's last word or the end of the event's own phrase (the "a" or "à" between
    them is left out as an article: "livré à l'expéditeur" reads "livre expediteur"), or
    after a word for "to" that itself comes right after one of them (`SENT_TO`: "Zugestellt
    an den Absender"). Not after "from", "by", "de", "por" ...: "Shipment information
    received from the shipper", "Admitido del remitente" name the sender as who sent it;
    nor where other words stand between: UPS's "we are unable to deliver or return it to the
    sender" is no return."""
    clause = parsed.clause[start]
    heading_ends = {end for first, end in headings if first < start}
    if not (events_in.get(clause) or heading_ends) or turned_in.get(clause):
        return False

    def journey_ends_at(i: int) -> bool:
        return i >= 0 and parsed.clause[i] == clause and (i in heading_ends or taken[i])

    before = start - 1
    return journey_ends_at(before) or (
        journey_ends_at(before - 1)
        and parsed.clause[before] == clause
        and parsed.words[before] in SENT_TO
    )


def _to_come(parsed: LineWords, clause: int) -> bool:
    """Whether a clause speaks of what is to come (a word of the future in it): then "when",
    "once" and "as soon as" make a condition ("It will be available when ... the package is
    delivered to USPS"); in the past they only say when ("The shipment was not accepted when
    delivery was attempted", Hermes)."""
    return any(w in FUTURE for w, c in zip(parsed.words, parsed.clause, strict=True) if c == clause)


def _direction(parsed: LineWords, start: int, placing: set[str] | None) -> str:
    """Where the line has the parcel go with a place at `start`, by the nearest placing word
    before it within `PLACE_REACH` words of its clause: "at" it (`PLACE_AT`, or none),
    "from" it (`PLACE_FROM`: it leaves) or "to" it (`PLACE_TO`, or a heading before it
    in the clause: it heads there; unless "to" comes right after one of `placing`, the last
    words of its stage's phrases read together, "deposited to"; with `placing` None "to" is
    "at": the place of phrases read together, "delivered by driver to Pickup parcelshop",
    whose verb says it arrived)."""
    line, clause = parsed.words, parsed.clause[start]
    before = [i for i in range(start) if parsed.clause[i] == clause]
    for i in reversed(before[-PLACE_REACH:]):
        if line[i] in PLACE_AT:
            return "at"
        if line[i] in PLACE_TO:
            after_verb = i > 0 and parsed.clause[i - 1] == clause and line[i - 1] in (placing or ())
            return "at" if placing is None or after_verb else "to"
        if line[i] in PLACE_FROM:
            return "from"
    headed = any(first < start and parsed.clause[first] == clause for first, _ in _headings(line))
    return "to" if headed else "at"


def _less(weight: int, by: int) -> int:
    """A phrase's weight with `by` points off (an extra word inside it, a misspelt word),
    never below 1: a looser match is a hint at least."""
    return max(weight - by, 1) if by else weight


class Spelling:
    """The phrase word a misspelt line word stands for: carriers' pages misspell
    ("DELIVERD", "Shipment Recieved"). A Latin word of `TYPO_FROM` letters or more that is
    no phrase word (nor its plural or other gender) stands for the one phrase word it
    differs from by a vowel left out inside the word or two neighbouring letters swapped;
    never by a letter changed, added or left out at the end, which makes other words or
    other forms of a word ("receiver" is not "received", "procesado" not "procesando",
    "documento" not "document"). A phrase on a misspelt word weighs a point less."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self.known = {
            word
            for phrase in phrases
            for word, prefix in zip(phrase.words, phrase.prefix_last, strict=True)
            if not prefix
        }
        self._short_of: dict[str, set[str]] = {}  # a word with a vowel left out: the words
        for word in self.known:
            if len(word) > TYPO_FROM and word.isascii() and word.isalpha():
                for i in range(1, len(word) - 1):
                    if word[i] in "aeiou":
                        self._short_of.setdefault(word[:i] + word[i + 1 :], set()).add(word)

    def meant(self, word: str) -> str | None:
        """The phrase word `word` misspells, or None."""
        if (
            len(word) < TYPO_FROM
            or not (word.isascii() and word.isalpha())
            or self.known_word(word)
        ):
            return None
        swapped = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
        found = self._short_of.get(word, set()) | (swapped & self.known)
        return next(iter(found)) if len(found) == 1 else None

    def known_word(self, word: str) -> bool:
        """Whether `word` is a phrase word, its plural or its other gender."""
        singular = word[:-1] if word.endswith("s") else word
        return bool({word, singular, other_gender(word), other_gender(singular)} & self.known)


def _named_in(strong: dict[str, int], stage: str, part: int) -> None:
    """Note that a phrase of weight `DECIDE_AT` or more names `stage` in `part` of the
    line (the parts between " - " dashes)."""
    strong[stage] = min(strong.get(stage, part), part)


def _decide(
    text: str,
    scores: dict[str, int],
    matched: list[str],
    strong: dict[str, int],
    index: Callable[[str], int],
) -> Reading:
    """The reading of a line whose stages scored `scores`: the best stage when it scored
    `DECIDE_AT` or more, strictly more than any other, and one phrase of its own weighed
    `DECIDE_AT` or more (`strong`, each with the first part of the line naming it): hints
    of weight 1 add up with a real phrase, never alone ("到达苏州转运中心处理中心" names two
    hubs, not the destination network). Stages tied at the top are settled by the part
    of the line, between " - " dashes, that names one first: a page prints the status
    first and its place after the dash ("Objeto entregue ao destinatário - Unidade de
    Distribuição, NITEROI - RJ" is a delivery), when the stage named first comes later in
    the normal order (`index`) than the others: a line of two steps, the older first
    ("Out for delivery - Delivery attempted", "Customs cleared - Out for delivery"),
    stays "cannot tell"."""
    if not scores:
        return Reading(text, None, 0.0)
    ranked = sorted(scores.values(), reverse=True)
    best = max(scores, key=lambda s: scores[s])
    alone = len(ranked) == 1 or ranked[0] > ranked[1]
    tied = [s for s in scores if scores[s] == ranked[0]]
    if not alone and all(s in strong for s in tied):
        firsts = sorted(strong[s] for s in tied)
        first = min(tied, key=lambda s: strong[s])
        # one of them is named in an earlier part of the line, and is the furthest step
        if firsts[0] < firsts[1] and all(index(first) > index(s) for s in tied if s != first):
            best, alone = first, True
    decided = ranked[0] >= DECIDE_AT and alone and best in strong
    confidence = ranked[0] / sum(ranked) if decided else 0.0
    return Reading(text, best if decided else None, confidence, scores, tuple(matched))


def _in_place(parsed: LineWords, start: int, span: int, places: bool = True) -> bool:
    """Whether a match lies inside a run of capitals after small letters (a place the
    page prints in capitals: "... LOS ANGELES CA NETWORK DISTRIBUTION CENTER") without
    being the whole run ("aus der PACKSTATION abgeholt" keeps its Packstation). With
    `places` False (the line named no stage otherwise), only a run right after a word
    that introduces a place ("in SPOKANE WA DISTRIBUTION CENTER", "em CURITIBA") is one."""
    run = parsed.capitals[start]
    inside = run and all(parsed.capitals[i] == run for i in range(start, start + span))
    if not inside or parsed.capitals.count(run) == span:
        return False
    if places:
        return True
    first = parsed.capitals.index(run)
    return first > 0 and parsed.words[first - 1] in PLACE_WORDS


def _date_field(rest: list[str]) -> bool:
    """Whether what follows a phrase to the end of its clause makes it the name of a date
    field: a few CJK characters ending in 日 or 日時 ("配達完了日" before a full-width
    colon, "再配達希望日時" before "12月06日"), the page's label for a date, not an
    event."""
    if not rest or len(rest) > 4 or not all(len(w) == 1 and not w.isascii() for w in rest):
        return False
    return rest[-1] == "日" or rest[-2:] in (["日", "时"], ["日", "時"])


def _headings(line: list[str]) -> list[tuple[int, int]]:
    """Where the line's headings are: (first word, last word) of each."""
    return [
        (first, first + len(heading) - 1)
        for first in range(len(line))
        for heading in HEADINGS
        if tuple(line[first : first + len(heading)]) == heading
    ]


def _turned(
    parsed: LineWords,
    taken: list[bool],
    headings: list[tuple[int, int]],
    start: int,
    span: int,
    own: frozenset[int] = frozenset(),
) -> str | None:
    """What in the phrase's clause turns its meaning: "negation" just before it ("not
    delivered"), "future" just before or right after it ("will be delivered",
    "Zustellung erfolgt voraussichtlich"), a "heading" anywhere before it ("on its way
    to the Packstation"), "awaited" after a word of waiting just before it ("awaiting
    international departure", `WAITING`), or None. Words a phrase already took do not count; an
    auxiliary that is itself a part of the phrases read together (`own`: "wird &
    zugestellt") puts none of them into the future."""
    line, clause = parsed.words, parsed.clause[start]

    def free(i: int) -> bool:
        return 0 <= i < len(line) and parsed.clause[i] == clause and not taken[i]

    before = [
        line[i]
        for i in range(start - 3, start)
        if free(i)
        and (line[i] not in FUTURE_BEFORE_TO or (i + 1 < len(line) and line[i + 1] == "to"))
    ]
    # a negation reaches no further than a conjunction ("failed and the RTS process have been
    # initiated": the return is under way; "Not delivered and returned to sender")
    joined = max(
        (i for i in range(start - 3, start) if free(i) and line[i] in CONJUNCTIONS), default=-1
    )
    negated = any(
        line[i] in NEGATIONS or line[i] in NEGATING_BEFORE
        for i in range(max(start - 3, joined + 1), start)
        if free(i)
        and (line[i] not in FUTURE_BEFORE_TO or (i + 1 < len(line) and line[i + 1] == "to"))
    ) or any(
        line[i] in CLAUSE_NEGATIONS and (i == 0 or parsed.clause[i - 1] != clause)
        for i in range(max(start - 3, 0), start)
        if free(i)
    )
    if negated and line[start] not in NEGATIVE_START:
        yet = any(line[i] in YET for i in range(max(start - 3, joined + 1), start) if free(i))
        return "not yet" if yet else "negation"
    if any(line[i] in CONDITIONS for i in range(len(line)) if free(i)) or any(
        line[i] in CONDITIONS_BEFORE and _to_come(parsed, clause) for i in range(start) if free(i)
    ):
        return "condition"
    for first, end in headings:  # a phrase taking the heading's last words is headed for
        if first < start and all(free(i) for i in range(first, min(end + 1, start))):
            return "heading"
    after = [
        line[i]
        for i in range(start + span, start + span + 1)
        if free(i) and line[i] not in FUTURE_BEFORE_TO
    ]
    if any(word in NEGATIONS for word in after):
        return "negation"
    rest = [line[i] for i in range(start + span, len(line)) if parsed.clause[i] == clause]
    if _date_field(rest):  # "配達完了日" (then a colon) names a date field, not an event
        return "heading"
    at_end = not (0 <= start + span < len(line) and parsed.clause[start + span] == clause)
    just = any(word in JUST_DONE for word in before)
    if (
        any(
            (word in FUTURE or word in FUTURE_BEFORE_TO) and not (just and word in INFINITIVES)
            for word in [*before, *after]
        )
        or any(word in FUTURE_AFTER for word in after)
        or (
            at_end
            and any(
                line[i] in FUTURE_AUXILIARIES
                for i in range(start)
                if parsed.clause[i] == clause and i not in own
            )
        )
    ):
        return "future"
    if any(word in WAITING for word in before):  # "awaiting international departure"
        return "awaited"
    return None
