"""A tracking history as pasted from a tracking page: its events, dates and stages, and
the answers they imply (`last_event`, `last_event_on`, `shipped_on`, origin and
destination hints).

Pages lay events out in many ways, and `parse` reads them all without knowing the
carrier: one event a line with its date first or last; a date (or a day) on a line of
its own followed by the event's lines, or the event's lines followed by its date; table
rows copied with tabs. Every input line is accounted for: part of an event, blank, or
skipped with the reason. Nothing is guessed: a line whose stage the classifier cannot
tell keeps no stage; a date that reads two ways (04/11/2026) is settled by the other
dates of the same page, by the page's order, or by `order`, else the line is skipped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

from parcel_doctor.dates import too_old
from parcel_doctor.events.classify import DECIDE_AT, Classifier, Reading
from parcel_doctor.events.text import stands_alone, words
from parcel_doctor.events.timestamps import FoundDate, find_dates, find_times, refused_date
from parcel_doctor.text import plain

CountryFinder = Callable[[str], "str | None"]


@dataclass(frozen=True)
class Places:
    """How the reader tells which countries an event's text names: `find` gives the code
    a country's name or code means (or None); `addresses` are the countries' address
    forms (`address_pattern` in facts/countries.toml), each with its country: a place
    written so ("BONAIRE, GA 31005") names that country, and the part before it is its
    town, not a country (Bonaire is also an island's name); `operator` gives the country
    a postal operator's name stands for ("(USPS)"), which says where an event happened
    but is no hint of the journey's ends (USPS's page shows its ISC for an item from
    abroad); `posts` finds the postal operators a text names, each with the countries
    whose post it is ("Australia Post": AU and its territories), longest name first
    ("remis à La Poste" names France's post, not Poste Italiane's "Poste"), and `carriers`
    the last-mile carriers it names, each with the countries it delivers in; `as_countries`
    writes the countries' names a text holds as one word, `A_COUNTRY`, as stages.toml's
    phrases write them ("departure from acountry"); `also` gives the countries a line
    naming a country may be in beside it: a territory the country lists as its own ("MACAU,
    CHINA", "TAIPEI TAIWAN CHINA" on Chinese pages) or a country its name also begins
    ("KINSHASA, CONGO": the Democratic Republic of the Congo)."""

    find: CountryFinder
    addresses: tuple[tuple[re.Pattern[str], str], ...] = ()
    operator: CountryFinder = lambda _: None  # the country whose network a postal operator carries
    # where a text names postal operators: (start, end, the countries whose post it is)
    posts: Callable[[str], list[tuple[int, int, frozenset[str]]]] = lambda _: []
    # the countries whose mail a country's post also carries, itself included
    same_post: Callable[[str], frozenset[str]] = lambda code: frozenset([code])
    # the text with each country's name written `A_COUNTRY` ("Departure from acountry")
    as_countries: Callable[[str], str] = lambda text: text
    # whether a name is also a region's (ISO 3166-2: Georgia, a US state)
    region: Callable[[str], bool] = lambda name: False
    # the countries a line naming a country may also be in ("MACAU, CHINA": Macao)
    also: Callable[[str], frozenset[str]] = lambda code: frozenset()
    # where a text names last-mile carriers: (start, end, the countries each delivers in)
    carriers: Callable[[str], list[tuple[int, int, frozenset[str]]]] = lambda _: []


MAX_CHARS = 256 * 1024  # a long tracking history is a few kilobytes
# The Buddhist era counts 543 years more than the common era (Thailand Post's pages and API
# write 28/05/2563 for 28 May 2020): a date that many years ahead of today is read so.
BUDDHIST_ERA = 543
MAX_LINE = 2_000  # characters; a longer line is not an event line
ORDERS = ("dmy", "mdy")

# Words that may stand beside a date or time on a line of its own (weekdays, "at",
# "local time", time zones): such a line is a date line, not an event.
# Weekday names of three letters or more: one written right before a date is part of
# it ("Mon, 26 Aug 2024"), never the event's text (where "Mon" would name the Isle of Man).
_WEEKDAYS = frozenset(
    (  # noqa: SIM905 (a word list reads better as one string)
        "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur "
        "thurs fri sat sun montag dienstag mittwoch donnerstag freitag samstag sonntag "
        "lundi mardi mercredi jeudi vendredi samedi dimanche lun mar mer jeu ven sam dim "
        "lunes martes miercoles jueves viernes sabado domingo segunda terca quarta quinta "
        "sexta feira"
    ).split()
)
_FILLER = _WEEKDAYS | frozenset(
    (  # noqa: SIM905 (a word list reads better as one string)
        "mo di mi do fr sa so "
        "at on um uhr a as le de el the am pm local time date datum fecha hora heure zeit "
        "gmt utc cst est edt pst pdt cet cest bst jst ist hkt sgt"
    ).split()
)
_WEEKDAYS_CJK = set("星期周曜日月火水木金土年")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SEGMENT = re.compile(r"[,;|\t【】\[\]()\uff08\uff09/→>]|\s[-\u2013\u2014]\s|:\s")


class HistoryError(ValueError):
    """A history that cannot be read at all (too large, not text)."""


def decode(data: bytes, name: str = "the history") -> str:
    """Bytes of a file or standard input as text; `HistoryError` for binary data, text
    that is not UTF-8 (or UTF-16 with its byte-order mark), or more than MAX_CHARS."""
    if len(data) > MAX_CHARS * 4:
        raise HistoryError(_too_large(name, len(data)))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise HistoryError(f"{name} is not readable text (broken UTF-16)") from None
    else:
        if b"\x00" in data:
            raise HistoryError(f"{name} is binary data, not a tracking history")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise HistoryError(
                f"{name} is not UTF-8 text (byte {error.start}); save the page's text as "
                "UTF-8 or paste it"
            ) from None
    check_size(text, name)
    return text


def check_size(text: str, name: str = "the history") -> None:
    if len(text) > MAX_CHARS:
        raise HistoryError(_too_large(name, len(text.encode("utf-8"))))


def _too_large(name: str, size: int) -> str:
    return (
        f"{name} is {size / 1_048_576:.1f} MB; a tracking history is read up to "
        f"{MAX_CHARS // 1024} KB. Copy only the tracking events."
    )


@dataclass(frozen=True)
class Skipped:
    line: int  # 1-based
    text: str
    why: str


@dataclass(frozen=True)
class Event:
    """One dated event: `stage` is the classifier's reading, or one settled by the
    events around it (`by_context`), or None."""

    when: dt.datetime
    has_time: bool
    text: str
    place: str
    lines: tuple[int, ...]
    reading: Reading
    stage: str | None
    by_context: bool = False

    @property
    def day(self) -> dt.date:
        return self.when.date()

    def stamp(self) -> str:
        return self.when.strftime("%Y-%m-%d %H:%M") if self.has_time else self.day.isoformat()

    def to_json(self) -> dict[str, Any]:
        return {
            "when": self.when.isoformat() if self.has_time else self.day.isoformat(),
            "text": self.text,
            "place": self.place,
            "lines": list(self.lines),
            "stage": self.stage,
            "confidence": round(self.reading.confidence, 2),
            "by_context": self.by_context,
        }


@dataclass
class History:
    """What a pasted history says. `answers` are answer keys the history implies;
    `basis` says for each which line it was read from; `notes` what the reader noticed
    (order, ambiguity, unread stages); `skipped` every line not used, with the reason."""

    lines: int = 0
    events: list[Event] = field(default_factory=list)  # oldest first
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    answers: dict[str, Any] = field(default_factory=dict)
    basis: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "lines": self.lines,
            "events": [e.to_json() for e in self.events],
            "answers": {
                k: v.isoformat() if isinstance(v, dt.date) else v for k, v in self.answers.items()
            },
            "basis": dict(self.basis),
            "notes": list(self.notes),
            "skipped": [{"line": s.line, "text": s.text, "why": s.why} for s in self.skipped],
        }


# ----------------------------------------------------------------------------- lines


@dataclass
class _Line:
    number: int
    text: str
    dates: list[FoundDate]
    time: dt.time | None
    rest: str  # the text without its dates and times
    kind: str  # blank | bad | date | dated | timed | text
    eventful: bool  # the rest has carrier wording the classifier knows
    date: dt.date | None = None


def _strip_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` without its dates and times (and a date's weekday: "Mon, 26 Aug 2024").
    Where one stood next to a Chinese or Japanese word it leaves three spaces, a clause's
    end: such a page's columns ("返品 08月20日 14:52 宜野湾営業所": status, moment,
    office) carry no punctuation and are not one phrase (a Latin sentence keeps its words
    together: "delivered at 1:41 pm on ...")."""
    out, last = [], 0
    for start, end in sorted(spans):
        out.append(text[last:start])
        beside = text[max(start - 2, 0) : start] + text[end : end + 2]
        out.append("\t" if any(stands_alone(char) for char in beside) else " ")
        last = end
    out.append(text[last:])
    rest = "".join(out)
    rest = re.sub(r"^[\s,;:|.\-\u2013\u2014]+|[\s,;:|\-\u2013\u2014]+$", "", rest)
    rest = re.sub(r",(?:[ \t]*,)+", ",", rest)  # "Out for Delivery, <date>, <time>, BONAIRE"
    rest = re.sub(r"[ \t]{2,}", lambda gap: "\t" if "\t" in gap.group() else "  ", rest).strip()
    return rest.replace("\t", "   ")  # three spaces: a clause's end (events.text), shown plainly


def _only_filler(rest: str) -> bool:
    return all(w in _FILLER or w in _WEEKDAYS_CJK or w.isdigit() for w in words(rest))


def _ascii_digits(text: str) -> str:
    """`text` with every decimal digit of another script written as its ASCII digit: Iran
    Post's pages write their dates and times in Persian digits (U+06F0-U+06F9), Arabic
    pages in Arabic-Indic ones; the dates and times are read from the digits' values."""
    if text.isascii():
        return text
    return "".join(
        str(unicodedata.decimal(c)) if c.isdecimal() and not c.isascii() else c for c in text
    )


def _read_line(number: int, text: str, classifier: Classifier, today: dt.date) -> _Line:
    text = _ascii_digits(text)
    if not text.strip():
        return _Line(number, text, [], None, "", "blank", False)
    if _CONTROL.search(text):
        return _Line(number, text, [], None, "", "bad", False)
    if len(text) > MAX_LINE:
        return _Line(number, text, [], None, "", "bad", False)
    dates = find_dates(text, today)
    times = find_times(text, dates)
    spans = [d.span for d in dates] + [d.weekday for d in dates if d.weekday]
    rest = _strip_spans(text, spans + [t.span for t in times])
    eventful = bool(classifier.read(rest).scores)
    time = times[0].time if times else None
    if dates:
        kind = "date" if _only_filler(rest) else "dated"
    elif times and not _only_filler(rest):
        kind = "timed"
    elif times:
        kind = "date"  # a time alone: the next lines' event, on the day already known
    else:
        kind = "text"
    return _Line(number, text, dates, time, rest, kind, eventful)


def _monotonic(days: list[dt.date]) -> bool:
    pairs = list(pairwise(days))
    return all(a <= b for a, b in pairs) or all(a >= b for a, b in pairs)


def _span(dated: list[_Line], index: int) -> int:
    """Days between the earliest and latest date of the page under one reading."""
    days = [ln.dates[0].readings[min(index, len(ln.dates[0].readings) - 1)] for ln in dated]
    return (max(days) - min(days)).days


def _settle_dates(lines: list[_Line], today: dt.date, order: str | None, notes: list[str]) -> None:
    """Give each dated line one date; a two-way numeric date is settled by `order`, by
    the numbers of the page's other dates, or by the page's order; else it stays None."""
    dated = [ln for ln in lines if ln.dates]
    two_way = [ln for ln in dated if ln.dates[0].ambiguous]
    chosen = order
    why = ""
    if chosen is None and two_way:
        hints = {ln.dates[0].order_hint for ln in dated if len(ln.dates[0].readings) > 1}
        hints |= {
            d.order_hint for ln in dated for d in ln.dates[:1] if d.order_hint and not d.ambiguous
        }
        hints.discard(None)
        if len(hints) == 1:
            chosen = hints.pop()
            why = "the page's other dates say so"
        else:
            fits = []
            for index, name in enumerate(ORDERS):
                days = [
                    ln.dates[0].readings[min(index, len(ln.dates[0].readings) - 1)] for ln in dated
                ]
                if _monotonic(days) and all(d <= today for d in days):
                    fits.append(name)
            if len(fits) == 1:
                chosen = fits[0]
                why = "only so are the page's dates in order"
            elif len(fits) == 2:
                # Both readings keep the page in order: one parcel's events span days or
                # weeks, so take the reading whose dates lie much closer together.
                spans = {name: _span(dated, ORDERS.index(name)) for name in fits}
                short, long = sorted(fits, key=lambda name: spans[name])
                if spans[long] > 0 and spans[short] * 2 <= spans[long]:
                    chosen = short
                    other = "mdy" if short == "dmy" else "dmy"
                    why = (
                        "both orders keep the page in order; read so its dates lie closer "
                        f"together: give the date order ({other}) if the page writes them the "
                        "other way"
                    )
        if chosen is not None and order is None:
            notes.append(
                f"dates like {two_way[0].dates[0].written} read as "
                f"{'day/month/year' if chosen == 'dmy' else 'month/day/year'} ({why})"
            )
    for ln in dated:
        found = ln.dates[0]
        if not found.ambiguous:
            ln.date = found.readings[0]
        elif chosen is not None:
            ln.date = found.readings[ORDERS.index(chosen)]


# ----------------------------------------------------------------------------- events


@dataclass
class _Draft:
    date: dt.date
    time: dt.time | None
    texts: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)  # place and detail lines
    lines: list[int] = field(default_factory=list)


@dataclass
class _Day:
    """A date (and time) from a line of its own, heading the event lines that follow."""

    date: dt.date
    time: dt.time | None
    lines: list[int]  # the date (and time) lines not yet part of an event
    used: bool = False


def _dates_come_first(lines: list[_Line]) -> bool:
    """On a page where dates stand on lines of their own, do they come before their
    event's lines? Carrier wording before the first date and none after the last says
    the dates come last (USPS: status, place, date); the reverse says they come first;
    otherwise the side of the dates where the carrier wording is more often decides.
    First of all, a page whose events are blocks between blank lines, each with one date
    line, first or last in every block of several lines, says it by where that is (USPS:
    a block's status may have a category line above it, "Moving Through Network")."""
    content = [ln for ln in lines if ln.kind not in ("blank", "bad")]
    dated = [i for i, ln in enumerate(content) if ln.kind == "date" and ln.date is not None]
    if not dated:
        return True
    by_blocks = _date_side_of_blocks(lines)
    if by_blocks is not None:
        return by_blocks
    wording_before = any(ln.eventful for ln in content[: dated[0]] if ln.kind == "text")
    wording_after = any(ln.eventful for ln in content[dated[-1] + 1 :] if ln.kind == "text")
    if wording_before != wording_after:
        return wording_after
    after = before = 0
    for index in dated:
        if index + 1 < len(content) and content[index + 1].kind in ("text", "timed"):
            after += content[index + 1].eventful
        if index > 0 and content[index - 1].kind == "text":
            before += content[index - 1].eventful
    return after >= before


def _date_side_of_blocks(lines: list[_Line]) -> bool | None:
    """True when every block of lines between blank lines holds one date line (`date`
    kind) and it opens each block of several lines, False when it closes each, else
    None (no blocks, a block without a date line or with two, or mixed sides)."""
    blocks: list[list[_Line]] = [[]]
    for ln in lines:
        if ln.kind == "blank":
            if blocks[-1]:
                blocks.append([])
        elif ln.kind != "bad":
            blocks[-1].append(ln)
    blocks = [b for b in blocks if b]
    if len(blocks) < 2:
        return None
    sides = set()
    for block in blocks:
        at = [i for i, ln in enumerate(block) if ln.kind == "date" and ln.date is not None]
        if len(at) != 1 or any(ln.kind in ("dated", "timed") for ln in block):
            return None
        if len(block) > 1:
            if at[0] not in (0, len(block) - 1):
                return None
            sides.add(at[0] == 0)
    return sides.pop() if len(sides) == 1 else None


def _runs_end_at_dates(lines: list[_Line]) -> bool:
    """Whether every text line comes before a date line, nothing after the last date: a
    page laid out "status, place, date" for every event (USPS's, copied without blank
    lines; some events with a detail line more), where the lines before a date are all
    its event's, even when its status names no stage the reader knows ("Departed" over
    "CHICAGO INTERNATIONAL DISTRIBUTION CENTER" is no detail of the event before). A
    page that puts an event's place after its date has text after the last date."""
    dates = [i for i, ln in enumerate(lines) if ln.kind == "date" and ln.date is not None]
    if len(dates) < 2 or any(ln.kind in ("dated", "timed") for ln in lines):
        return False
    return not any(ln.kind == "text" for ln in lines[dates[-1] + 1 :])


class _Grouper:
    """Lines to draft events, one line at a time (see the module's docstring)."""

    def __init__(
        self, lines: list[_Line], skipped: list[Skipped], classifier: Classifier, today: dt.date
    ) -> None:
        self.classifier = classifier
        self.today = today
        self.date_first = _dates_come_first(lines)
        self.runs_end_at_dates = not self.date_first and _runs_end_at_dates(lines)
        self.skipped = skipped
        self.text_of = {ln.number: ln.text for ln in lines}
        self.drafts: list[_Draft] = []
        self.current: _Draft | None = None  # the event that following detail lines join
        self.day: _Day | None = None  # date-first pages: the date heading the next lines
        self.pending: list[_Line] = []  # date-last pages: lines waiting for their date

    def skip(self, ln: _Line, why: str) -> None:
        refused = refused_date(ln.text, self.today)  # a date written wrong: say what is wrong
        self.skipped.append(Skipped(ln.number, ln.text, f"{why}: {refused}" if refused else why))

    def start(self, date: dt.date, time: dt.time | None, texts: list[_Line], head: list[int]):
        draft = _Draft(date, time, [t.rest for t in texts], [], [*head, *(t.number for t in texts)])
        self.drafts.append(draft)
        self.current = draft
        return draft

    def flush_pending(self) -> None:
        """Lines left without a date: the previous event's place and detail lines (when
        they name no other stage than that event), or skipped."""
        current = self.current
        if current is not None:
            own = self.classifier.read("\n".join(current.texts)).stage
            fits = all(self.classifier.read(p.rest).stage in (None, own) for p in self.pending)
        if current is not None and fits:
            for place in self.pending:
                current.extra.append(place.rest)
                current.lines.append(place.number)
        else:
            for waiting in self.pending:
                self.skip(waiting, "no date for this line")
        self.pending = []

    def end_day(self) -> None:
        if self.day is not None and not self.day.used:
            for number in self.day.lines:
                self.skipped.append(
                    Skipped(number, self.text_of[number], "a date with no event text after it")
                )
        self.day = None

    def add(self, ln: _Line) -> None:
        if ln.kind == "blank":
            return
        if ln.kind == "bad":
            self.skip(ln, "not an event line (control characters, or too long)")
            return
        if ln.dates and ln.date is None:
            self.skip(ln, f"its date {ln.dates[0].written} reads two ways; give the date order")
            self.current = None
            return
        if ln.kind == "dated":
            assert ln.date is not None
            self.flush_pending()
            self.end_day()
            self.start(ln.date, ln.time, [ln], [])
        elif ln.kind == "date" and ln.date is not None:
            self.date_line(ln, ln.date)
        elif ln.kind == "date":
            self.time_line(ln)
        elif ln.kind == "timed" and (self.day is not None or self.current is not None):
            if self.day is not None:
                self.start(self.day.date, ln.time, [ln], [] if self.day.used else self.day.lines)
                self.day.used = True
            else:
                assert self.current is not None
                self.start(self.current.date, ln.time, [ln], [])
        elif not self.date_first:
            self.pending.append(ln)
        elif self.day is not None and not self.day.used:
            self.start(self.day.date, self.day.time, [ln], self.day.lines)
            self.day.used = True
        elif self.current is not None:
            if ln.eventful and not any(words(t) for t in self.current.texts):
                self.current.texts.append(ln.rest)
            else:
                self.current.extra.append(ln.rest)
            self.current.lines.append(ln.number)
        else:
            self.skip(ln, "no date for this line")

    def date_line(self, ln: _Line, date: dt.date) -> None:
        if self.date_first:
            self.flush_pending()
            self.end_day()
            self.day = _Day(date, ln.time, [ln.number])
            self.current = None
            return
        body = self.pending
        self.pending = []
        # Lines before this event's carrier wording: the previous event's place lines
        # (none where every event's lines end at its date), or, before the first event,
        # the page's heading.
        lead = 0
        if any(b.eventful for b in body) and (self.current is None or not self.runs_end_at_dates):
            while not body[lead].eventful:
                lead += 1
        for place in body[:lead]:
            if self.current is not None:
                self.current.extra.append(place.rest)
                self.current.lines.append(place.number)
            else:
                self.skip(place, "before the first event (a heading?)")
        body = body[lead:]
        if not body:
            self.skip(ln, "a date with no event text before it")
            self.current = None
            return
        self.start(date, ln.time, body, [])
        assert self.current is not None
        self.current.lines.append(ln.number)

    def time_line(self, ln: _Line) -> None:
        """A time on a line of its own: it belongs to the date just read."""
        if self.day is not None and not self.day.used:
            self.day.time = ln.time
            self.day.lines.append(ln.number)
        elif self.current is not None and self.current.time is None and not self.date_first:
            self.current.time = ln.time
            self.current.lines.append(ln.number)
        else:
            self.skip(ln, "a time with no date it belongs to")

    def finish(self) -> list[_Draft]:
        self.flush_pending()
        self.end_day()
        return self.drafts


# ----------------------------------------------------------------------------- parse


def _place(texts: list[str], extra: list[str], classifier: Classifier) -> str:
    """Where the event happened, as the page says: a bracketed name (【广州】), a detail
    line without carrier wording, or the last short comma- or tab-separated part."""
    joined = "  ".join(texts)
    bracket = re.search(r"[【\[]([^】\]]{1,40})[】\]]", joined)
    if bracket:
        return bracket.group(1).strip()
    for line in extra:
        if line.strip() and not classifier.read(line).scores:
            return line.strip()
    parts = [p.strip() for p in re.split(r"\t|,|\s{2,}", joined) if p.strip()]
    if len(parts) > 1 and len(words(parts[-1])) <= 5 and not classifier.read(parts[-1]).scores:
        return parts[-1]
    return ""


_CUSTOMS = ("customs", "customs-released")
_POSTCODE_AFTER = re.compile(r"\s+\d[\d -]*$")
# Words that make the country's name after them another place, or where the parcel goes
_NOT_THE_COUNTRY_AFTER = frozenset(
    ("new", "north", "south", "east", "west", "to", "towards", "nach", "vers", "para", "hacia")
)
_TO_FROM = re.compile(r"^(?:to|from|in|at|into|nach|vers|para|a|en|em)\s+", re.IGNORECASE)


def _countries_named(
    text: str,
    places: Places,
    classifier: Classifier,
    operators: bool = False,
    placed: bool = False,
) -> list[str]:
    """Countries a text names as a whole part (`..., GERMANY`, `【德国】`, `to Brazil`), or
    by an address form (`BONAIRE, GA 31005`: the US; its town is not read as a country),
    and with `operators` by a postal operator's name as a whole part (`(USPS)`) or opening
    one (`China Post Group city eCommerce dept. customs scan`). With `placed` (where the
    event happened), a part that is also a region's name names none (`Places.region`:
    "ATLANTA, GEORGIA" may be in the US state)."""
    found: list[str] = []
    for pattern, country in places.addresses:
        while (address := pattern.search(text)) is not None:
            if country not in found:
                found.append(country)
            before = text[: address.start()].rstrip(" ,")
            town = [*_SEGMENT.finditer(before)]
            text = before[: town[-1].end() if town else 0] + " | " + text[address.end() :]
    parts = [part.strip() for part in _SEGMENT.split(text)]
    final = max((at for at, part in enumerate(parts) if part), default=-1)
    for index, part in enumerate(parts):
        if not part:
            continue
        code: str | None = None
        if len(part) <= 40:
            bare = _POSTCODE_AFTER.sub("", part)  # "CHINA 518000"
            if placed and any(map(places.region, (part, _TO_FROM.sub("", part), bare))):
                continue
            code = places.find(part) or places.find(_TO_FROM.sub("", part))
            code = code or (places.find(bare) if bare and bare != part else None)
        if code is None and operators:
            code = _operator_opening(part, places)
        if code is None and index:
            code = _place_before_status(part, places, classifier)
        if code is None:
            code = _place_after_status(part, places, classifier, index == final)
        if code and code not in found:
            found.append(code)
    return found


def _operator_opening(part: str, places: Places) -> str | None:
    """The country of the postal operator a part names as a whole ("(USPS)") or in its
    first words, longest name first ("China Post Group city eCommerce dept. customs scan":
    China Post's office, in China; "Correos de Chile ..." is Chile's, not Correos')."""
    words_ = part.split()
    for size in range(min(4, len(words_)), 0, -1):
        code = places.operator(" ".join(words_[:size]))
        if code is not None:
            return code
    return None


def _place_before_status(part: str, places: Places, classifier: Classifier) -> str | None:
    """The country a part names in its first words when a status follows them: a page
    that prints the place before the status ("Los Angeles, CA, USA Customs status
    updated"). Only for a part after the first (a place's name goes before it), so a
    status that opens with a word that is also a country's name is not read so; and
    only when the status is not in capitals too ("JERSEY CITY NJ NETWORK DISTRIBUTION
    CENTER" is a place in New Jersey, not in Jersey)."""
    words_ = part.split()
    for size in range(min(3, len(words_) - 1), 0, -1):
        rest = words_[size:]
        if not rest[0].isupper() and classifier.read(" ".join(rest)).stage is not None:
            code = places.find(" ".join(words_[:size]))
            if code is not None:
                return code
    return None


def _place_after_status(
    part: str, places: Places, classifier: Classifier, last: bool
) -> str | None:
    """The country a part names in its last words after a status: a page that prints the
    place column after the status ("到着 USA", Japan Post). After a Latin status, only at
    the end of the line (`last`: "Delivered JAMAICA, NY" is a town in New York), a name
    `Places.as_countries` reads as a country's (not "US", nor a name that is also a
    region's: Georgia), after a status from the arrival to the delivery ("Arrival at
    inward office of exchange SYDNEY AUSTRALIA", "Delivered SYDNEY NSW AUSTRALIA"): before
    the arrival, a table's last column may be the destination ("Departure from outward
    office of exchange Shanghai US"); and never a country's name that a word before it
    makes another place's ("SOUTH JORDAN", "NEW MEXICO") or the place the parcel goes to
    ("Forwarded to ...")."""
    words_ = part.split()
    arrived, delivered = classifier.index("arrived-destination"), classifier.index("delivered")
    for size in range(min(3, len(words_) - 1), 0, -1):
        status = " ".join(words_[:-size])
        if "往" in status:
            continue  # (发往, 寄往: where it goes)
        code = places.find(" ".join(words_[-size:]))
        if code is None:
            continue
        if all(stands_alone(char) for char in status if not char.isspace()):
            if classifier.read(status).scores:
                return code
        elif (
            last
            and words_[-size - 1].casefold() not in _NOT_THE_COUNTRY_AFTER
            and places.as_countries(" ".join(words_[-size:])) == A_COUNTRY
            and arrived <= classifier.index(classifier.read(status).stage) <= delivered
        ):
            return code
    return None


def parse(
    text: str,
    classifier: Classifier,
    today: dt.date,
    order: str | None = None,
    countries: Places | None = None,
    ends: tuple[str | None, str | None] = (None, None),
) -> History:
    """Read a pasted tracking history. `order` ("dmy" or "mdy") settles numeric dates
    that read both ways; `countries` tells the countries a text names, for the origin
    and destination hints; `ends` are the origin's and destination's codes
    as the seller gave them, if given (they say where an event that names a country
    happened: `_settle_places`). `HistoryError` only for text too large to read."""
    check_size(text)
    raw = plain(text).splitlines()
    history = History(lines=len(raw))
    lines = [_read_line(n, line, classifier, today) for n, line in enumerate(raw, start=1)]
    _settle_dates(lines, today, order, history.notes)
    grouper = _Grouper(lines, history.skipped, classifier, today)
    for line in lines:
        grouper.add(line)
    drafts = grouper.finish()
    _read_buddhist_era(drafts, today, history.notes)
    events: list[Event] = []
    for draft in drafts:
        body = " ".join(t for t in draft.texts if t)
        when = dt.datetime.combine(draft.date, draft.time or dt.time(0, 0))
        if draft.date == today + dt.timedelta(days=1):
            # a page prints each event in the local time of its place: ahead of the
            # seller's day by up to one day (an event in Asia seen in the Americas)
            history.notes.append(
                f"line {draft.lines[0]}: dated {draft.date.isoformat()}, one day after today "
                f"({today.isoformat()}): read as today (pages print an event in the local "
                "time of its place)"
            )
            draft.date = today
            when = dt.datetime.combine(today, draft.time or dt.time(0, 0))
        # a date a century old is another calendar's year (dates.too_old): skipped, said
        old = too_old(draft.date, today)
        why = (
            f"dated {draft.date.isoformat()}, after today ({today.isoformat()})"
            if draft.date > today
            else f"dated {draft.date.isoformat()}, {old}"
            if old
            else None
        )
        if why is not None:
            for number in draft.lines:
                history.skipped.append(Skipped(number, raw[number - 1], why))
            continue
        # each line of the page a sentence of its own: the first that names a stage decides
        reading = classifier.read("\n".join([*(t for t in draft.texts if t), *draft.extra]))
        place = _place(draft.texts, draft.extra, classifier)
        events.append(
            Event(
                when,
                draft.time is not None,
                body,
                place,
                tuple(draft.lines),
                reading,
                reading.stage,
            )
        )
    history.skipped.sort(key=lambda s: s.line)
    if not events:
        _undated_stage(lines, classifier, history)
        return history
    history.events = _in_order(events, history.notes, classifier)
    if countries is not None:
        history.events = _read_posts(history.events, classifier, countries, ends, history.notes)
    history.events = _settle_stages(history.events, classifier)
    if countries is not None:
        history.events = _settle_places(history.events, classifier, countries, ends, history.notes)
    history.events = _moved_after_label(history.events, classifier, history.notes)
    _derive(history, classifier, countries)
    return history


def _read_buddhist_era(drafts: list[_Draft], today: dt.date, notes: list[str]) -> None:
    """Each date after today whose year, less `BUDDHIST_ERA`, puts it on or before today
    and within ten years of it: a Buddhist-era year (2563 is 2020), read in the common
    era, with a note."""
    moved: list[_Draft] = []
    for draft in drafts:
        ahead = draft.date.year - today.year
        if draft.date > today and BUDDHIST_ERA - 10 <= ahead <= BUDDHIST_ERA:
            with contextlib.suppress(ValueError):  # 29 February of a leap year
                common = draft.date.replace(year=draft.date.year - BUDDHIST_ERA)
                if common <= today:
                    draft.date = common
                    moved.append(draft)
    if moved:
        first = moved[0]
        notes.append(
            f"{len(moved)} event(s) from line {first.lines[0]} dated {BUDDHIST_ERA} years ahead: "
            f"read as Buddhist-era years ({first.date.year + BUDDHIST_ERA} is "
            f"{first.date.year}), as Thailand Post writes them"
        )


def _in_order(events: list[Event], notes: list[str], classifier: Classifier) -> list[Event]:
    """Oldest first. Pages list newest first or oldest first: the first and last dates
    say which; when all are the same moment (a page of one day without times, a reply
    whose times were all set to one instant), the stages the lines name say it ("Delivered"
    above "Item received" is a page listing the newest first). Events of the same moment
    keep the page's own sequence. A page whose dates go both ways is sorted, and said."""
    moments = [e.when for e in events]
    descending = moments[0] > moments[-1]
    if len(events) > 1 and len(set(moments)) == 1:
        by_stages = _newest_first_by_stages(events, classifier)
        if by_stages is not None:
            descending = by_stages
            notes.append(
                "the events share one date and time; the stages they name say the page "
                f"lists the {'newest' if descending else 'oldest'} first"
            )
    ordered = list(reversed(events)) if descending else list(events)
    pairs = list(pairwise(moments))
    mixed = not (all(a <= b for a, b in pairs) or all(a >= b for a, b in pairs))
    if mixed:
        notes.append(
            "the page's dates go backwards and forwards; the events were sorted by date "
            "(check the order below)"
        )
    return sorted(ordered, key=lambda e: e.when)


def _newest_first_by_stages(events: list[Event], classifier: Classifier) -> bool | None:
    """Whether the stages the events name, in the page's order, go backwards along the
    normal order of stages (the page lists the newest first), forwards (oldest first),
    or neither clearly (None). Returning, missent and exception leave that order and
    say nothing of it."""
    last_normal = classifier.index("delivered")
    positions = [p for e in events if 0 <= (p := classifier.index(e.stage)) <= last_normal]
    steps = [(b > a) - (b < a) for a, b in pairwise(positions)]
    forwards, backwards = steps.count(1), steps.count(-1)
    if forwards == backwards:
        return None
    return backwards > forwards


# What a post is on the parcel's route, as stages.toml's phrases write it ("received by
# originpost"), a post that is not the destination's with no origin known ("received by
# apost"), and a country's name
# ("departed acountry"): words no page prints.
ORIGIN_POST, DESTINATION_POST, A_POST = "originpost", "destinationpost", "apost"
# A last-mile carrier on the route, as stages.toml's phrases write it: the origin's ("handed
# over to origincarrier": it collects the parcel) and the destination's ("handed over to
# localcarrier": the hand-over to the local delivery company).
ORIGIN_CARRIER, LOCAL_CARRIER = "origincarrier", "localcarrier"
A_COUNTRY = "acountry"


def _read_posts(
    events: list[Event],
    classifier: Classifier,
    places: Places,
    ends: tuple[str | None, str | None],
    notes: list[str],
) -> list[Event]:
    """A line the classifier cannot tell that names the origin's or the destination's
    postal operator, or a last-mile carrier of either, read again with the name written as
    what that post or carrier is on the route (`posts_on_route`): "Received by Australia
    Post" is the acceptance of a parcel posted in Australia ("received by originpost"), and
    the destination post's receipt of one sent there from abroad ("received by
    destinationpost"); "handed over to GLS" on a parcel from Britain to the Netherlands is
    the hand-over to the local delivery company ("handed over to localcarrier"); with the
    origin not known, or the name another post's, the line stays as read. A country's
    name is read as a country's (`Places.as_countries`, as `read_line` does): "Departure
    from Poland"; that is the line's own reading, not one from its context."""
    roles = {
        ORIGIN_POST: f"the postal operator named is the origin's ({ends[0]}) post",
        DESTINATION_POST: f"the postal operator named is the destination's ({ends[1]}) post",
        ORIGIN_CARRIER: f"the carrier named delivers in the origin ({ends[0]})",
        LOCAL_CARRIER: f"the carrier named is a local one of the destination ({ends[1]})",
    }
    out: list[Event] = []
    for event in events:
        text = event.reading.text
        named = places.as_countries(posts_on_route(text, places, *ends))
        if event.stage is None and named != text:
            reading = classifier.read(named)
            if reading.stage is not None:
                reading = replace(reading, text=text)
                whose = " and ".join(said for role, said in roles.items() if role in named)
                event = replace(event, reading=reading, stage=reading.stage, by_context=bool(whose))
                if whose:
                    notes.append(f"{_listed([event])}: {whose}: read as {event.stage}")
        out.append(event)
    return out


def posts_on_route(
    text: str, places: Places, origin: str | None = None, destination: str | None = None
) -> str:
    """`text` with each postal operator's name written `ORIGIN_POST` where it is the
    origin's post, `DESTINATION_POST` where it is the destination's and the origin is
    another country, and `A_POST` where the destination is known, the origin not, and it is
    not the destination's post (EV-22d: the post that takes an item bound elsewhere is the
    posting post); the destination's post with the origin unknown (a hand-over to it may be
    a domestic parcel's posting, or an item injected there from abroad), any post with no
    end known (the same), and a third country's post on a known route as they are; then the
    last-mile carriers' names by what they are on the route (`carrier`)."""

    def post(homes: frozenset[str]) -> str | None:
        if origin in homes:
            return ORIGIN_POST
        if origin is not None and destination in homes:
            return DESTINATION_POST
        if origin is None and destination is not None and destination not in homes:
            return A_POST
        return None

    def carrier(homes: frozenset[str]) -> str | None:
        """A last-mile carrier: `ORIGIN_CARRIER` where it delivers in the origin (it collects
        the parcel there: "Parcel handed to DPD" in Britain), `LOCAL_CARRIER` where it delivers
        in the destination and not in the origin, a known other country (EV-22d: "The parcel
        was handed over to GLS" on a parcel from Britain to the Netherlands is the hand-over
        to the local delivery company); with the origin unknown, a hand-over to it may be the
        posting or the last mile."""
        if origin in homes:
            return ORIGIN_CARRIER
        if origin is not None and destination in homes:
            return LOCAL_CARRIER
        return None

    named = _named_as(text, places.posts(text), post)
    return _named_as(named, places.carriers(named), carrier)


def _named_as(
    text: str,
    names: list[tuple[int, int, frozenset[str]]],
    role: Callable[[frozenset[str]], str | None],
) -> str:
    """`text` with each name found in it (start, end, the countries it serves) written as its
    `role` on the route, where it has one."""
    out: list[str] = []
    at = 0
    for start, end, homes in names:
        said = role(homes)
        if said is not None:
            out += [text[at:start], said]
            at = end
    return "".join([*out, text[at:]])


def _settle_stages(events: list[Event], classifier: Classifier) -> list[Event]:
    """A line the classifier cannot tell on its own (or reads as a stage the parcel has
    already passed) takes the candidate that fits the stages before it, if just one does.
    'Arrived at the office of exchange' after an export event is the arrival abroad. A
    line it cannot tell also fits no stage past the next one read in the normal order:
    Japan Post's 国際交換局に到着 (the office of exchange: outward or inward) between the
    acceptance and the export is the outward one, the acceptance."""
    settled: list[Event] = []
    floor = -1
    delivered = classifier.index("delivered")
    for at, event in enumerate(events):
        stage, by_context = event.stage, event.by_context
        position = classifier.index(stage)
        scores = event.reading.scores
        if scores and (stage is None or position < floor):
            ceiling = len(classifier.order)
            if stage is None:
                ceiling = next(
                    (
                        p
                        for e in events[at + 1 :]
                        if 0 <= (p := classifier.index(e.stage)) <= delivered
                    ),
                    ceiling,
                )
            fitting = [s for s in scores if floor <= classifier.index(s) <= ceiling]
            best = max((scores[s] for s in fitting), default=0)
            top = [s for s in fitting if scores[s] == best]
            if len(top) == 1 and best >= DECIDE_AT and top[0] != stage:
                stage, by_context = top[0], True
        if stage is not None:
            floor = max(floor, classifier.index(stage))
        settled.append(
            Event(
                event.when,
                event.has_time,
                event.text,
                event.place,
                event.lines,
                event.reading,
                stage,
                by_context,
            )
        )
    return settled


def _settle_places(
    events: list[Event],
    classifier: Classifier,
    places: Places,
    ends: tuple[str | None, str | None],
    notes: list[str],
) -> list[Event]:
    """Where the events happened, when the origin is known and the destination is not
    the same country: the origin and destination the seller gave (`ends`), else the
    country the first event up to the export names and the last other one an event from
    the arrival abroad to the delivery names; with no destination at all, an event
    naming only the origin is taken as not there; with no origin, only the arrival (a
    line naming only the destination, below), once the export was read. An event that
    names countries, not the destination, happened before the parcel got there: in the
    origin it is the acceptance, elsewhere the parcel is on its way (a transit hub:
    export). So customs or a release read there is
    that country's clearance, not the destination's; and a line there naming no stage,
    after the destination's arrival or customs was read, says the parcel has not arrived
    (DHL Express prints "Customs clearance status updated" at the destination's gateway
    while the parcel is still at the origin or in transit: "the Customs clearance
    process may start while the shipment is in transit"). Hand-overs and deliveries
    are left as read (a parcel seen at home after them may be coming back); a return
    or a missort ends the reading. With both ends known, a destination-side line in a
    third country (`_third_country`) is no arrival: an arrival, a hand-over or a hub
    there is a stop on the way (export), and out for delivery, an attempt, a pick-up
    point or a delivery there is a missort (missent), never a proof of delivery (a
    parcel for Austria "Delivered SYDNEY NSW, AUSTRALIA")."""
    origin_at, arrived = classifier.index("export"), classifier.index("arrived-destination")
    released, delivered = classifier.index("customs-released"), classifier.index("delivered")
    named = [
        _countries_named(" | ".join([e.text, e.place]), places, classifier, placed=True)
        for e in events
    ]
    pairs = list(zip(events, named, strict=True))
    seen = [  # where each event happened: also by its postal operator ("(USPS)", "China Post ...")
        _countries_named(
            " | ".join([e.text, e.place]), places, classifier, operators=True, placed=True
        )
        for e in events
    ]
    origin = ends[0] or next(
        (n[0] for e, n in pairs if n and 0 <= classifier.index(e.stage) <= origin_at), None
    )
    destination = ends[1] or next(
        (
            country
            for e, n in reversed(pairs)
            if arrived <= classifier.index(e.stage) <= delivered
            for country in reversed(n)
            if country != origin
        ),
        None,
    )
    if destination == origin or (origin is None and destination is None):
        return events
    # Without a destination (not given, none named), a line naming only the origin after
    # customs was read is still there: a page that shows customs is not a domestic one.
    where = (
        f"outside the destination ({destination})" if destination else f"at the origin ({origin})"
    )
    settled: list[Event] = []
    furthest = -1  # the furthest stage read so far
    cleared: list[Event] = []
    strayed: list[Event] = []  # destination-side scans in a third country
    came: list[Event] = []  # lines naming only the destination, before its arrival was read
    waiting: list[tuple[Event, Event]] = []  # (the event, the destination's line before it)
    told: Event | None = None  # the newest line read at the destination's arrival or customs
    for event, countries in zip(events, seen, strict=True):
        position = classifier.index(event.stage)
        if event.stage in ("returning", "missent"):
            settled.extend(events[len(settled) :])
            break
        if origin is None:  # only the destination known: only its arrival is settled
            elsewhere = False
        elif destination is None:
            elsewhere = bool(countries) and set(countries) == {origin}
        else:
            elsewhere = bool(countries) and destination not in _may_be_in(countries, places)
        stage = "accepted" if origin in countries else "export"
        if elsewhere and event.stage in _CUSTOMS:
            event = replace(event, stage=stage, by_context=True)
            cleared.append(event)
        elif elsewhere and event.stage is None and told is not None and furthest <= released:
            event = replace(event, stage=stage, by_context=True)
            waiting.append((event, told))
        elif (
            event.stage is None
            and countries == [destination]
            and (origin is not None or furthest >= origin_at)
            and furthest < arrived
        ):
            # the first line seen in the destination (its name, its post's: "ISC LOS
            # ANGELES CA(USPS)") says the parcel has got there
            event = replace(event, stage="arrived-destination", by_context=True)
            furthest = arrived
            came.append(event)
        elif (
            arrived <= position <= delivered
            and event.stage not in _CUSTOMS
            and _third_country(countries, places, origin, destination)
        ):
            # an arrival, a hand-over or a hub there is a stop on the way (a carrier's
            # hub: Liège, Roosendaal); delivering there, a missort
            stage = "export" if position < classifier.index("out-for-delivery") else "missent"
            event = replace(event, stage=stage, by_context=True)
            strayed.append(event)
        elif event.stage is not None and position <= delivered:  # not a problem
            furthest = max(furthest, position)
            # without a destination only customs says the parcel crossed a border (a
            # domestic page may print "Arrived at destination hub")
            if arrived <= position <= released and (destination or event.stage in _CUSTOMS):
                told = event
        settled.append(event)
    if cleared:
        notes.append(
            f"{_listed(cleared)}: customs {where} is that country's clearance, not the "
            "destination's"
        )
    for event in strayed:
        notes.append(
            f"{_listed([event])}: in a country that is neither the origin ({origin}) nor the "
            f"destination ({destination}): read as {event.stage} ("
            + (
                "a stop on the way, a carrier's hub; if the parcel is not routed through it, "
                "it may be missent)"
                if event.stage == "export"
                else "the parcel went to the wrong country: no proof of delivery)"
            )
        )
    if came:
        notes.append(
            f"{_listed(came)}: in the destination ({destination}), named by the line, before "
            "any arrival there was read: read as the arrival"
        )
    if waiting:
        event, told = waiting[-1]
        notes.append(
            f"{_listed([e for e, _ in waiting])}: {where} "
            f"after {told.stamp()} ({told.text}) was read as {told.stage}: the parcel had "
            f"not arrived {'there' if destination else 'at its destination'} (a carrier "
            "may report the destination's customs while the parcel is on its way)"
        )
    return settled


def _third_country(
    countries: list[str], places: Places, origin: str | None, destination: str | None
) -> bool:
    """Whether a line names countries and none of them is the origin's or the
    destination's, or a territory their post also serves (`Places.same_post`: a line in
    Guadeloupe may say FRANCE), or one of them may stand for (`Places.also`: "MACAU, CHINA"
    for Macao), both ends being known."""
    if not countries or origin is None or destination is None:
        return False
    ends = places.same_post(origin) | places.same_post(destination)
    return not _may_be_in(countries, places) & ends


def _may_be_in(countries: list[str], places: Places) -> set[str]:
    """The countries a line naming `countries` may be in: those, and what each of them may
    also stand for (`Places.also`)."""
    return set(countries).union(*map(places.also, countries))


def _moved_after_label(
    events: list[Event], classifier: Classifier, notes: list[str]
) -> list[Event]:
    """A page whose newest stage read comes before the acceptance (a label created, no
    record yet) but that shows newer events the reader cannot tell ("Arrived at FedEx
    location", "Departed from Facility", "In transit") shows the carrier moving the
    parcel: the first of them is read as the acceptance, the least they prove, so the
    page is not read as a parcel the carrier never received."""
    staged = [at for at, event in enumerate(events) if event.stage is not None]
    if not staged or staged[-1] == len(events) - 1:
        return events
    label = events[staged[-1]]
    if classifier.index(label.stage) >= classifier.index("accepted"):
        return events
    first = replace(events[staged[-1] + 1], stage="accepted", by_context=True)
    notes.append(
        f"{_listed([first])}: newer than {label.stamp()} ({label.text}), read as {label.stage}: "
        "the carrier has the parcel, read as accepted (the least a newer event proves)"
    )
    return [*events[: staged[-1] + 1], first, *events[staged[-1] + 2 :]]


def _listed(events: list[Event]) -> str:
    """Events for a note: the first three, stamp and text."""
    shown = "; ".join(f"{e.stamp()} {e.text}" for e in events[:3])
    return shown + (" ..." if len(events) > 3 else "")


def _undated_stage(lines: list[_Line], classifier: Classifier, history: History) -> None:
    """No dated event: when every line that names a stage names the same one (a page
    saying only "Not found", or one status line), that stage is still known."""
    stages = {classifier.read(ln.text).stage: ln for ln in lines if ln.kind == "text"}
    stages.pop(None, None)
    if len(stages) == 1:
        stage, line = next(iter(stages.items()))
        assert stage is not None
        history.answers["last_event"] = stage
        history.basis["last_event"] = f"line {line.number}: {line.text.strip()}"
        history.notes.append(f"no line has a date; every line that names a stage says {stage}")
    elif len(stages) > 1:
        history.notes.append(
            "no line has a date, and the lines name different stages "
            f"({', '.join(sorted(s for s in stages if s))}): the last event cannot be told"
        )


def _derive(history: History, classifier: Classifier, countries: Places | None) -> None:
    events = history.events
    newest = events[-1]
    history.answers["last_event_on"] = newest.day
    history.basis["last_event_on"] = cite(newest)
    staged = [e for e in events if e.stage is not None]
    if staged:
        last = staged[-1]
        history.answers["last_event"] = last.stage
        history.basis["last_event"] = cite(last)
        if last is not newest:
            history.notes.append(
                f"the newest line ({newest.stamp()}: {newest.text}) names no stage the "
                f"reader knows; the stage comes from {last.stamp()}"
            )
    else:
        history.notes.append("no line names a stage the reader knows: the last event is not read")
    accepted = [e for e in events if e.stage == "accepted"]
    if accepted:
        history.answers["shipped_on"] = accepted[0].day
        history.basis["shipped_on"] = cite(accepted[0])
    else:
        history.notes.append("no acceptance event: the posting date is not read")
    unread = [e for e in events if e.stage is None]
    if unread:
        history.notes.append(
            f"{len(unread)} event(s) name no stage the reader can tell: {_listed(unread)}"
        )
    if countries is not None:
        _hint_countries(history, classifier, countries)


def _hint_countries(history: History, classifier: Classifier, places: Places) -> None:
    before = classifier.index("export")
    arrived = classifier.index("arrived-destination")
    delivered = classifier.index("delivered")
    origin: tuple[str, Event] | None = None
    destination: tuple[str, Event] | None = None
    for event in history.events:
        named = _countries_named(" | ".join([event.text, event.place]), places, classifier)
        position = classifier.index(event.stage)
        if not named and arrived <= position <= delivered:
            # a destination-side line naming a post names its country ("Objeto recebido
            # pelos Correios do Brasil"), unless it is the origin's
            named = [
                c for c in _posts_countries(event.text, places) if not origin or c != origin[0]
            ]
        if not named:
            continue
        # a line read as the acceptance only because newer events followed a label
        # (`_moved_after_label`), or as a stop on the way only because it names a third
        # country (`_settle_places`), says nothing of where the parcel was posted
        own = event.reading.stage
        guessed = event.by_context and (
            own is None or (classifier.index(own) >= arrived and own not in _CUSTOMS)
        )
        if 0 <= position <= before and origin is None and not guessed:
            origin = (named[0], event)
        elif arrived <= position <= delivered:
            destination = (named[-1], event)
    for key, hint in (("origin", origin), ("destination", destination)):
        if hint is not None:
            history.answers[key] = hint[0]
            history.basis[key] = cite(hint[1])


def _posts_countries(text: str, places: Places) -> list[str]:
    """The countries of the postal operators a text names (`Places.posts`), each the one
    country whose network the name carries ("USPS": the US, not Guam), or whose post alone
    it is ("Correios do Brasil"); a name of several countries' posts names none."""
    found: list[str] = []
    for start, end, homes in places.posts(text):
        country = places.operator(text[start:end]) or (
            next(iter(homes)) if len(homes) == 1 else None
        )
        if country is not None and country not in found:
            found.append(country)
    return found


def cite(event: Event) -> str:
    """Where an answer was read: the event's first line, its date and text."""
    return f"line {event.lines[0]}: {event.stamp()} {event.text}".strip()
