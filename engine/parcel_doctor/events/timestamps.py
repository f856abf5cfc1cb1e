"""Dates and times written inside a line of a tracking page.

Finds every way tracking pages write a moment: ISO and year-first dates (`2026-11-04`,
`2026/11/04`, `2026年11月4日`, `2026년 11월 4일`, `20261104`, `2026 Nov 4`, `2026. november
4.`), day-or-month-first numbers (`04.11.2026`, `04/11/2026`, `4-11-26`; without the year
only right before a time, `06/24 14:11`), month and day in CJK characters without a year
(`08月06日`, `8월 6일`), dates with a month name (`November 4, 2026`, `4 Nov 2026`,
`4-Nov-2026`, `4-Nov-26`, `4. November 2026`, `4 de novembro de 2026`), and times (`09:12`,
`9:12 am`, `09h12`, `T09:12:00`, `T12:19:25+01:00`). This module only finds where a date is
written; the one date reader, `parcel_doctor.dates.parse_date_text`, reads it. A numeric
date such as 04/11/2026 that reads both ways is returned with both readings; the
history decides (see `history.py`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from parcel_doctor.dates import DOTTED, AmbiguousDate, parse_date_text
from parcel_doctor.events.text import stands_alone
from parcel_doctor.text import fold

_YMD = re.compile(
    r"(?<!\d)(\d{4})\s*[-/.年년]\s*(\d{1,2})\s*[-/.月월]\s*(\d{1,2})(?:\s*[日일])?(?!\d)"
)
# ISO 8601's basic form, eight digits with no separator (`20130507`, China Post's tables):
# only a year from 1990 to 2099 with a real month and day, standing alone (a longer run of
# digits is a number, not a date). Its time may follow as four digits (`20130507 1042`,
# `20130507T104200`): see `_COMPACT_TIME`.
_YMD_COMPACT = re.compile(
    r"(?<![\w])(19[89]\d|20\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=T\d|\W|$)"
)
_COMPACT_TIME = re.compile(r"[ T]([01]\d|2[0-3])([0-5]\d)([0-5]\d)?(?![\d:])")
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d])")
# Day and month without a year (`06/24 14:11`, Yamato's and many Asian pages' table
# layout): only right before a time of day, so a ratio or a code's "1/2" is no date.
_NUMERIC_NO_YEAR = re.compile(
    r"(?<![\d/.:-])(\d{1,2})([./-])(\d{1,2})\.?(?![\d/.:-])"
    r"(?=,?\s+(?:[01]?\d|2[0-3])(?::|h(?=\d{2}))[0-5]\d(?!\d))"
)
# Month and day in CJK characters without a year (`08月06日 16:44`, Yamato's and Sagawa's
# history rows): 月 and 日 say which number is which; read as the latest such day not
# after today, like every date written without its year.
_CJK_MONTH_DAY = re.compile(r"(?<![\d年년])(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
# A number and a word, or a word and a number, with an optional year: the word may be a
# month's name (`parse_date_text` says whether it is). The minutes of a time are no day:
# "10:05 Out for delivery" is not 5 October (Portuguese "out", outubro).
_DAY_MONTH = re.compile(
    r"(?<![\w])(?<!\d:)(\d{1,2})(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+)?([^\W\d_]{3,12})\.?(?![\w])"
    r"(?:,?\s*(?:de\s+)?(\d{4})(?!\d))?"
)
# Day, month's name and year joined by dashes or slashes (`30-Jun-2016`, `30/JUN/2016`,
# `30-Jun-16`: Korea Post's and many airline-style pages).
_DAY_MONTH_DASHED = re.compile(r"(?<![\w])(\d{1,2})([-/])([^\W\d_]{3,9})\2(\d{4}|\d{2})(?![\w])")
# Year, month's name and day (`2019 Feb 18`, `2019-Feb-18`, Hungarian `2019. február 18.`);
# its weekday may be glued to the day (`2018-Aug-27Mon.16:05:25`, a Chinese courier's page
# in English, review R21-15): a letter right after the day is kept only when it begins the
# date's own weekday (`find_dates`).
_YEAR_MONTH_DAY = re.compile(
    r"(?<![\w.])(\d{4})\.?[\s/-]+([^\W\d_]{3,12})\.?[\s/-]+(\d{1,2})\.?(?!\d)"
)
_MONTH_DAY = re.compile(
    r"(?<![\w])([^\W\d_]{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:,?\s*(\d{4})(?!\d))?"
)
# An ISO 8601 time takes its "T" (right after a date's digits) and, after its seconds, its
# UTC offset or "Z" with it ("2023-07-18T12:19:25+01:00"), so neither is left in the
# event's text; the time stays the page's local one.
_TIME = re.compile(
    r"(?:(?<=\d)T|(?<![+\-\d]))([01]?\d|2[0-3])(?::|h(?=\d{2}))([0-5]\d)"
    r"(?::([0-5]\d)(?:\.\d+)?(?:Z(?![a-z])|[+-](?:0\d|1[0-4]):?[0-5]\d(?!\d))?)?"
    r"(?:\s*([ap])\.?\s*m\b\.?)?(?!\d)",
    re.IGNORECASE,
)


# The words a page writes around a time belong to it: Finnish "klo" (kello, o'clock),
# "at", "um", "à", "às", "a las", "alle", "om" before it, Spanish "hs." (horas), "hrs",
# German "Uhr", "h" after it ("klo 12:06", "February 18, 2019 at 11:27", "09:07 hs."),
# so they are not left in the event's text.
_TIME_BEFORE = re.compile(r"(?<![\w])(?:klo|kl|at|um|à|às|a las|alle|om)\.?\s*$", re.IGNORECASE)
_TIME_AFTER = re.compile(r"\s*(?:hs|hrs|uhr|h)\b\.?", re.IGNORECASE)


# A weekday's name written right before or after a date belongs to it, not to the event's
# text ("Mon, 26 Aug 2024", "poniedziałek, 18.02.2019", "18 Şubat 2019 Pazartesi",
# "2019/02/18(月)", "2019-02-18 (월)"): see `_weekday_beside`.
_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:-[^\W\d_]+)?)\.?,?\s*$")
_WORD_AFTER = re.compile(
    r",?\s*(?:([(\uff08])\s*)?([^\W\d_]+(?:-[^\W\d_]+)?)\.?(?(1)\s*[)\uff09]),?"
)


@dataclass(frozen=True)
class FoundDate:
    """A date in a line: `readings` holds one date, or two (day-first, month-first) for a
    numeric date that reads both ways; `year_given` is False when the page left it out;
    `weekday` is where its weekday's name is written beside it, if it is."""

    span: tuple[int, int]
    readings: tuple[dt.date, ...]
    written: str
    year_given: bool = True
    order_hint: str | None = None  # "dmy" or "mdy" when the numbers themselves decide
    weekday: tuple[int, int] | None = None

    @property
    def ambiguous(self) -> bool:
        return len(self.readings) > 1


@dataclass(frozen=True)
class FoundTime:
    span: tuple[int, int]
    time: dt.time


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _reading(text: str, today: dt.date) -> tuple[dt.date, ...]:
    """What `parse_date_text` makes of a date-like text: one date, both readings of a
    two-way numeric date, or none."""
    try:
        return (parse_date_text(text, today),)
    except AmbiguousDate as two_ways:
        return tuple(two_ways.readings)
    except ValueError:
        return ()


def find_dates(line: str, today: dt.date) -> list[FoundDate]:
    """Every date written in `line`, left to right, read by `parse_date_text` (a date
    without a year is the latest such date not after `today`)."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def keep(match: re.Match[str], text: str, year_given: bool = True) -> None:
        if _overlaps(match.span(), taken):
            return
        readings = _reading(text, today)
        if not readings:
            return
        weekday = _weekday_beside(line, match.span(), readings)
        glued = match.re is _YEAR_MONTH_DAY and line[match.end() : match.end() + 1].isalpha()
        if glued and (weekday is None or weekday[0] != match.end()):
            return  # a word glued to the day that is not its weekday: no date
        hint = None
        if match.re in (_NUMERIC, _NUMERIC_NO_YEAR):
            first, second = int(match.group(1)), int(match.group(3))
            hint = "dmy" if first > 12 else "mdy" if second > 12 else None
            if match.group(2) == "." and hint is None:
                hint = DOTTED  # dotted numeric dates are day-first wherever they are used
        taken.append(match.span())
        found.append(FoundDate(match.span(), readings, match.group(0), year_given, hint, weekday))

    for match in _YMD.finditer(line):
        year, month, day = match.groups()
        keep(match, f"{year}-{int(month):02d}-{int(day):02d}")
    for match in _NUMERIC.finditer(line):
        keep(match, match.group(0))
    for match in _DAY_MONTH_DASHED.finditer(line):
        keep(match, f"{match.group(1)} {match.group(3)} {match.group(4)}")
    for match in _YEAR_MONTH_DAY.finditer(line):
        keep(match, f"{match.group(3)} {match.group(2)} {match.group(1)}")
    for match in _NUMERIC_NO_YEAR.finditer(line):
        keep(match, match.group(0), year_given=False)
    for match in _CJK_MONTH_DAY.finditer(line):
        month, day = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            keep(match, f"{day} {dt.date(2000, month, 1):%B}", year_given=False)
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for match in pattern.finditer(line):
            keep(match, match.group(0), year_given=bool(match.group(3)))
    for match in _YMD_COMPACT.finditer(line) if not found else ():  # else a number (a CEP)
        year, month, day = match.groups()
        keep(match, f"{year}-{month}-{day}")
    return sorted(found, key=lambda f: f.span)


def _weekday_beside(
    line: str, span: tuple[int, int], readings: tuple[dt.date, ...]
) -> tuple[int, int] | None:
    """Where a word right before the date (with its full stop and comma) or right after it
    (after a comma, or in brackets) names the date's own weekday (`_names_weekday`), for
    either reading of a two-way date."""
    before = _WORD_BEFORE.search(line, 0, span[0])
    if before and any(_names_weekday(before.group(1), day) for day in readings):
        return (before.start(), span[0])
    after = _WORD_AFTER.match(line, span[1])
    if after and any(_names_weekday(after.group(2), day) for day in readings):
        return (span[1], after.end())
    return None


def _names_weekday(word: str, day: dt.date) -> bool:
    """Whether `word` is a name of `day`'s weekday, as CLDR writes it, wide or short
    (`_weekday_names`): "Mon", "Mi.", "poniedziałek", "Śr.", "пн", "Pazartesi", 星期一, 月."""
    return fold(word) in _weekday_names()[day.weekday()]


# The languages whose weekday names are read beside a date: those of the stage vocabulary.
_WEEKDAY_LANGUAGES = (
    *("en", "de", "fr", "es", "pt", "it", "nl", "pl", "ru", "uk", "cs", "sk", "tr", "fi"),
    *("ro", "id", "sv", "da", "nb", "hu", "el", "bg", "vi", "th", "ar", "fa"),
    *("zh", "zh_Hant", "ja", "ko"),
)


@functools.cache
def _weekday_names() -> dict[int, frozenset[str]]:
    """The weekdays' names in `_WEEKDAY_LANGUAGES`, wide, abbreviated and short, as CLDR
    writes them (through babel, as the date reader's month names), folded (`Śr.`: `sr`);
    none of one Latin letter (Hungarian `H`)."""
    from babel.dates import get_day_names

    names: dict[int, set[str]] = {day: set() for day in range(7)}
    for language in _WEEKDAY_LANGUAGES:
        for width in ("wide", "abbreviated", "short"):
            for context in ("format", "stand-alone"):
                for day, name in get_day_names(width, context, language).items():
                    folded = fold(name)
                    if len(folded) > 1 or all(map(stands_alone, folded)):
                        names[day].add(folded)
    return {day: frozenset(found) for day, found in names.items()}


def refused_date(line: str, today: dt.date) -> str | None:
    """Why the first numeric date written in `line` is no date (`31/02/2026`: "... is not a
    date in the calendar"), or None when the line writes none that is refused."""
    texts = [f"{y}-{int(m):02d}-{int(d):02d}" for y, m, d in _YMD.findall(line)]
    texts += [match.group(0) for match in _NUMERIC.finditer(line)]
    for text in texts:
        try:
            parse_date_text(text, today)
        except AmbiguousDate:
            continue
        except ValueError as refusal:
            return str(refusal)
    return None


def find_times(line: str, dates: list[FoundDate]) -> list[FoundTime]:
    """Every time of day in `line` outside the dates' spans."""
    out: list[FoundTime] = []
    taken = [f.span for f in dates]
    for found in dates:  # the four or six digits right after an eight-digit date
        compact = _COMPACT_TIME.match(line, found.span[1])
        if _YMD_COMPACT.fullmatch(found.written) and compact:
            hour, minute, second = (int(g or 0) for g in compact.groups())
            out.append(FoundTime(compact.span(), dt.time(hour, minute, second)))
            taken.append(compact.span())
    for match in _TIME.finditer(line):
        if _overlaps(match.span(), taken):
            continue
        hour, minute = int(match.group(1)), int(match.group(2))
        second = int(match.group(3) or 0)
        meridian = (match.group(4) or "").lower()
        if meridian and not 1 <= hour <= 12:
            continue
        if meridian == "p" and hour != 12:
            hour += 12
        elif meridian == "a" and hour == 12:
            hour = 0
        start, end = match.span()
        before = _TIME_BEFORE.search(line[:start])
        after = _TIME_AFTER.match(line, end)
        span = (before.start() if before else start, after.end() if after else end)
        out.append(FoundTime(span, dt.time(hour, minute, second)))
    return sorted(out, key=lambda t: t.span)
