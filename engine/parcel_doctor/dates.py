"""Dates as sellers write them and tracking pages print them: the one date reader.

`parse_date_text(text, today, order)` reads ISO dates and date-times, numeric dates
(`28/10/2026`, `10/28/26`, `2026/11/04`, `28.10.2026`), dates with a month's name in
English, German, French, Spanish or Portuguese (`Oct 28`, `28 Oct`, `Oct-28-26`,
`Nov 3, 2026 10:22 AM`, `3. November 2026`, `3 de noviembre de 2026`) and the relative
forms (`today`, `yesterday`, `3 days ago`, `2 weeks ago`, `a month ago`, `last monday`,
`about 3 weeks ago`, `a fortnight ago`).
Everything is counted from the `today` it is given, never the wall clock. A date
written without a year is the latest such date not after `today`. A numeric date whose
day and month could be swapped (`03/04/2026`) raises `AmbiguousDate` unless `order`
says how to read it. Every refusal is a `ValueError` whose message says what is wrong.
The future is not refused here: the answer checker does that, with the reason, and
refuses a date a century old (`too_old`), as the history reader skips one.
`answer_date` reads a seller's answer: also a stretch of days (`September 2026`,
`mid-September`, `last week`) as its last day, with a note saying so.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Mapping

ORDERS = ("dmy", "mdy", "ymd")
OLDEST_YEARS = 100
"""No parcel's date is a century old: a date that far before today is another calendar's
year read as the common era's (Iran Post's Solar Hijri 1405 is 2026, an Islamic 1447 is
2025) or a mistyped year ("0026")."""


def too_old(date: dt.date, today: dt.date) -> str | None:
    """Why `date` cannot be a parcel's, said after the date ("1405-09-01 is ..."): more
    than `OLDEST_YEARS` before `today`; None for a date that may be one."""
    if date.year >= today.year - OLDEST_YEARS:
        return None
    return (
        f"more than {OLDEST_YEARS} years before today ({today.isoformat()}): a year of "
        "another calendar (Solar Hijri, Islamic) or a typo; give the date in the Gregorian "
        "calendar"
    )


DOTTED = "dmy"
"""The order of a numeric date written with dots (02.10.2026) when nothing else says:
day first, as everywhere dots are written (German, Polish, Russian, Turkish, Czech,
Finnish, Norwegian ...; CLDR's dd.MM.y patterns); a year-first one (Korean, Hungarian)
starts with its four-digit year and reads one way anyway."""


class AmbiguousDate(ValueError):
    """A numeric date that reads as two different days; `readings` holds both
    (day-month-year first)."""

    def __init__(self, text: str, readings: tuple[dt.date, dt.date]) -> None:
        first, second = readings
        super().__init__(
            f"{text!r} could be {spoken(first)} or {spoken(second)}; write the month's "
            f"name ({short(first)} or {short(second)}) or the ISO form "
            f"({first.isoformat()} or {second.isoformat()})"
        )
        self.readings = readings


def spoken(day: dt.date) -> str:
    """`3 November 2026`: a date no reader can take the wrong way round."""
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def short(day: dt.date) -> str:
    """`3 Nov 2026`."""
    return f"{day.day} {calendar.month_abbr[day.month]} {day.year}"


def examples(today: dt.date) -> str:
    """The accepted forms, shown with dates computed from `today`."""
    days_back = today - dt.timedelta(days=3) if today > dt.date(1, 1, 3) else today
    return (
        f"{days_back.isoformat()}, {days_back.day} {calendar.month_abbr[days_back.month]}, "
        "3 days ago, a month ago, yesterday or last monday"
    )


# ----------------------------------------------------------------------------- words

_MONTHS = {
    1: ("january", "januar", "janner", "janvier", "enero", "janeiro"),
    2: ("february", "februar", "fevrier", "febrero", "fevereiro"),
    3: ("march", "marz", "mars", "marzo", "marco", "mrz"),
    4: ("april", "avril", "abril"),
    5: ("may", "mai", "mayo", "maio"),
    6: ("june", "juni", "juin", "junio", "junho"),
    7: ("july", "juli", "juillet", "julio", "julho"),
    8: ("august", "aout", "agosto"),
    9: ("september", "septembre", "septiembre", "setiembre", "setembro"),
    10: ("october", "oktober", "octobre", "octubre", "outubro"),
    11: ("november", "novembre", "noviembre", "novembro"),
    12: ("december", "dezember", "decembre", "diciembre", "dezembro"),
}
_WEEKDAY_NAMES = (
    ("monday", "montag", "lundi", "lunes", "segunda"),
    ("tuesday", "tues", "dienstag", "mardi", "martes", "terca"),
    ("wednesday", "mittwoch", "mercredi", "miercoles", "quarta"),
    ("thursday", "thurs", "donnerstag", "jeudi", "jueves", "quinta"),
    ("friday", "freitag", "vendredi", "viernes", "sexta"),
    ("saturday", "samstag", "samedi", "sabado"),
    ("sunday", "sonntag", "dimanche", "domingo"),
)
# Words between the parts of a written date: "3rd of November", "3 de noviembre de",
# "Tue, Nov 3 at 10:22", "segunda-feira"; "le 3 novembre", "am 3. November".
_FILLER = {"of", "the", "de", "del", "at", "on", "le", "am", "um", "feira", "a", "as"}
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_ORDINAL = re.compile(r"(\d{1,4})(?:st|nd|rd|th|er|re|e|o|a|º|ª)?")


def _fold(text: str) -> str:
    """Lower case without accents (`März` -> `marz`), whitespace collapsed."""
    if text.isascii():  # nothing to decompose (most dates as written): the same, quicker
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


def _prefix_of(word: str, table: dict[int, tuple[str, ...]]) -> int | None:
    """The entry one of whose names `word` is (Czech `cerven` June, though `cervenec` is
    July), else the entry whose names `word` (three letters or more) starts; only if one."""
    if len(word) < 3 or not word.isalpha():
        return None
    hits = {key for key, names in table.items() if word in names}
    if not hits:
        hits = {key for key, names in table.items() for name in names if name.startswith(word)}
    return hits.pop() if len(hits) == 1 else None


# More languages' month and weekday names, as CLDR writes them (through babel, which
# parcel-doctor already uses for country names): the names in a date ("18 lutego", "18.
# února", the genitive), alone ("luty") and shortened ("lut", "февр."). They are loaded
# only for a word that no name above starts, so most dates never load them; a word that
# names two months in two languages (Polish `lis` November, Croatian October) is neither.
_MORE_LANGUAGES = ("it", "nl", "pl", "ru", "uk", "cs", "sk", "tr", "fi", "ro", "id", "sv", "da")


@functools.cache
def _more_names() -> tuple[dict[int, tuple[str, ...]], dict[int, tuple[str, ...]]]:
    """The month and weekday tables with the names of `_MORE_LANGUAGES` added."""
    from babel.dates import get_day_names, get_month_names

    months = {month: set(names) for month, names in _MONTHS.items()}
    days = {day: set(names) for day, names in _WEEKDAYS.items()}
    for language in _MORE_LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for month, name in get_month_names(width, context, language).items():
                    months[month].add(_fold(name).strip("."))
                for day, name in get_day_names(width, context, language).items():
                    days[day].add(_fold(name).strip("."))
    return (
        {month: tuple(names) for month, names in months.items()},
        {day: tuple(names) for day, names in days.items()},
    )


def _month(word: str) -> int | None:
    found = _prefix_of(word, _MONTHS)
    if found is None and word.isalpha() and not any(n.startswith(word) for n in _ALL_MONTHS):
        months, days = _more_names()
        if not any(word in names for names in days.values()):  # Romanian marti, not martie
            found = _prefix_of(word, months)
    return found


def _weekday(word: str, english: bool = False) -> int | None:
    if english:
        return _prefix_of(word, _ENGLISH_WEEKDAYS)
    found = _prefix_of(word, _WEEKDAYS)
    if found is None and word.isalpha() and not any(n.startswith(word) for n in _ALL_DAYS):
        found = _prefix_of(word, _more_names()[1])
    return found


_WEEKDAYS = dict(enumerate(_WEEKDAY_NAMES))
_ALL_MONTHS = tuple(name for names in _MONTHS.values() for name in names)
_ALL_DAYS = tuple(name for names in _WEEKDAY_NAMES for name in names)
# English names only, with their short forms ("last tuesday", "tues"): built once, not
# for every date read (that was half the cost of reading "2026-10-01").
_ENGLISH_WEEKDAYS = {
    day: names[:1] + tuple(w for w in names if w in ("tues", "thurs"))
    for day, names in _WEEKDAYS.items()
}


# ----------------------------------------------------------------------------- times

# A time of day after a date, checked and dropped: after a space, a comma, "at" or a
# bar ("1 de septiembre | 23:52", as Mercado Libre's sales report dates a shipment).
# After the minutes an hours word may follow, as Spanish, Portuguese and German sellers'
# files write it ("18:37 hs.", as the same report dates a sale; "14:30 Uhr"); a zone
# ("+08:00", "CET").

_TIME = re.compile(
    r"(?:(?<=\d)t|[\s,|]+(?:at\s+|um\s+|a\s+|as\s+)?)"
    r"(?P<h>\d{1,2})(?::|h)(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,]\d{1,9})?)?"
    r"(?:\s*(?:hs|hrs|h|horas|uhr)\.?(?=\s|$))?"
    r"\s*(?P<half>[ap]\.?m\.?)?"
    r"\s*(?P<zone>z|[+-]\d{2}(?::?\d{2})?|[a-z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?$"
)


def _strip_time(folded: str) -> str:
    """The text without a trailing time of day (checked, then dropped)."""
    found = _TIME.search(folded)
    if not found:
        return folded
    hour, minute = int(found["h"]), int(found["m"])
    second = int(found["s"] or 0)
    top = 12 if found["half"] else 23
    low = 1 if found["half"] else 0
    if not (low <= hour <= top and minute <= 59 and second <= 60):
        raise ValueError(f"{found.group(0).strip()!r} is not a time of day")
    return folded[: found.start()].rstrip(" ,")


# ----------------------------------------------------------------------------- reading


def _day(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{text!r} is not a date in the calendar") from None


def _year(digits: str, today: dt.date) -> int:
    """A four-digit year as is; a two-digit one in the century window around `today`."""
    if len(digits) == 4:
        return int(digits)
    if len(digits) != 2:
        raise ValueError(f"{digits!r} is not a year")
    year = today.year // 100 * 100 + int(digits)
    if year > today.year + 50:
        year -= 100
    elif year <= today.year - 50:
        year += 100
    return year


def _latest(month: int, day: int, today: dt.date, text: str) -> dt.date:
    """A day and month without a year: the latest such date not after `today`."""
    for year in range(today.year, max(today.year - 8, 0), -1):
        try:
            found = dt.date(year, month, day)
        except ValueError:
            continue
        if found <= today:
            return found
    raise ValueError(f"{text!r} is not a date in the calendar")


def _months_back(today: dt.date, months: int) -> dt.date:
    """Calendar months back; the 31st becomes the month's last day (31 Mar - 1 = 28 Feb)."""
    index = today.year * 12 + today.month - 1 - months
    year, month = divmod(index, 12)
    if year < 1:
        raise OverflowError
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(today.day, last))


# "about 3 weeks ago", as sellers (and the note-dates advice) write a date they only
# roughly know: read as the day it names; "a fortnight" is two weeks; "back" is "ago".
_AGO = re.compile(
    r"(?:(?:about|around|roughly|approximately|approx\.?|some|~) *)?"
    r"(\d{1,6}|[a-z]+) +(day|week|fortnight|month|year)s? +(?:ago|back)"
)


def _relative(words: str, today: dt.date) -> dt.date | None:
    if words == "today":
        return today
    if words == "yesterday":
        return today - dt.timedelta(days=1)
    ago = _AGO.fullmatch(words)
    if ago:
        count_word, unit = ago.groups()
        count = int(count_word) if count_word.isdigit() else _NUMBER_WORDS.get(count_word)
        if count is None:
            return None
        if unit in ("day", "week", "fortnight"):
            return today - dt.timedelta(days=count * {"day": 1, "week": 7, "fortnight": 14}[unit])
        return _months_back(today, count * (12 if unit == "year" else 1))
    last, _, name = words.rpartition(" ")
    day = _weekday(name, english=True) if last in ("", "last") else None
    if day is not None:
        back = (today.weekday() - day) % 7
        if last == "last" and back == 0:
            back = 7
        return today - dt.timedelta(days=back)
    return None


_BASIC = re.compile(r"((?:19|20)\d\d)(\d\d)(\d\d)")
"""ISO 8601's basic form, 20261101, as tracking services' files write a ship date."""

_NUMERIC = re.compile(r"(\d{1,4})([/.-])(\d{1,2})(?:\2(\d{1,4}))?\.?")


def _numeric(found: re.Match[str], today: dt.date, order: str | None, text: str) -> dt.date:
    first, _, second, third = found.groups()
    if len(first) == 4 or (order == "ymd" and third is not None):
        if third is None:
            raise ValueError(f"{text!r} has no day")
        return _day(_year(first, today), int(second), int(third), text)
    if len(first) > 2:
        raise ValueError(f"{text!r} is not a date")
    a, b = int(first), int(second)
    if a > 12 and b > 12:
        raise ValueError(f"{text!r} is not a date in the calendar: neither {a} nor {b} is a month")
    if a > 12 or (a <= 12 and b <= 12 and a != b and order == "dmy"):
        month, day = b, a
    elif b > 12 or a == b or order == "mdy":
        month, day = a, b
    else:  # both could be the month, and no order says which
        if third is None:
            readings = (_latest(b, a, today, text), _latest(a, b, today, text))
        else:
            year = _year(third, today)
            readings = (_day(year, b, a, text), _day(year, a, b, text))
        raise AmbiguousDate(text, readings)
    if third is None:
        return _latest(month, day, today, text)
    return _day(_year(third, today), month, day, text)


def _named(words: str, today: dt.date, text: str) -> dt.date | None:
    """A date with a month's name, in either order, with or without a year."""
    month = None
    numbers: list[str] = []
    weekday = None
    month_at = -1
    for token in re.split(r"[\s,./-]+", words):
        if not token or token in _FILLER:
            continue
        number = _ORDINAL.fullmatch(token)
        if number:
            numbers.append(number.group(1))
            continue
        named = _month(token)
        if named is not None and month is None:
            month, month_at = named, len(numbers)
            continue
        day_of_week = _weekday(token)
        if day_of_week is not None and weekday is None:
            weekday = day_of_week
            continue
        return None
    if month is None:
        return None
    if len(numbers) == 1 and len(numbers[0]) <= 2:
        found = _latest(month, int(numbers[0]), today, text)
    elif len(numbers) == 2:
        first, second = numbers
        if len(first) == 4 and len(second) <= 2:
            day, year = second, first
        elif len(first) <= 2 and (len(second) == 4 or month_at < 2):
            day, year = first, second  # "28 Oct 26", "Oct 28 26", "Oct-28-26", "28 Oct 2026"
        else:
            raise ValueError(f"{text!r}: which number is the day?")
        found = _day(_year(year, today), month, int(day), text)
    else:
        raise ValueError(f"{text!r} needs a day and a month, and may have a year")
    if weekday is not None and found.weekday() != weekday:
        raise ValueError(
            f"{text!r}: {spoken(found)} is a {calendar.day_name[found.weekday()]}, "
            f"not a {calendar.day_name[weekday]}"
        )
    return found


# ISO 8601's extended form, alone or with a time of day (`2026-10-02`, `2026-10-02
# 09:00:00 +0800`, `2026-10-02T09:00:00.000Z`): what most exports write, read at once
# (the general reading below reads each such text the same way, a few times slower).
_ISO = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
    r"(?:[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]{1,9})?)?"
    r"(?: ?(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?))?)?"
)


# Year, month and day in CJK characters, the year optional (`2026年11月3日`, `11月3日`):
# the tracking pages' and Chinese or Japanese sellers' own way; 年 月 日 say which is which.
_CJK_DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def _cjk_without_time(shown: str) -> str:
    """A CJK date's text without a time of day after it (`2026年11月3日 10:22`, as a
    Chinese tracking page's date cell reads; the time checked, then dropped)."""
    if "日" not in shown or shown.endswith("日"):
        return shown
    return _strip_time(shown)


def parse_date_text(text: str, today: dt.date, order: str | None = None) -> dt.date:
    """The date `text` means, counted from `today`; `ValueError` (`AmbiguousDate` for a
    numeric date that reads two ways and no `order`) saying what is wrong otherwise."""
    if order not in (None, *ORDERS):
        raise ValueError(f"order {order!r} is not one of {', '.join(ORDERS)}")
    shown = text.strip()
    iso = _ISO.fullmatch(shown)
    if iso is not None:
        year, month, day, hour, minute, second = iso.groups()
        if hour is None or (int(hour) <= 23 and int(minute) <= 59 and int(second or 0) <= 60):
            return _day(int(year), int(month), int(day), shown)
    cjk = _CJK_DATE.fullmatch(_cjk_without_time(shown))
    if cjk is not None:
        year, month, day = cjk.groups()
        if not 1 <= int(month) <= 12:
            raise ValueError(f"{shown!r} is not a date: there is no month {int(month)}")
        named = f"{int(day)} {calendar.month_name[int(month)]}"
        return _day(int(year), int(month), int(day), shown) if year else _read(named, today, None)
    return _read(shown, today, order)


def _read(shown: str, today: dt.date, order: str | None) -> dt.date:
    """`parse_date_text` of any form, the text stripped."""
    words = _fold(shown)
    if not words:
        raise ValueError("no date given")
    try:
        found = _relative(words, today)
        if found is not None:
            return found
        bare = _strip_time(words)
        basic = _BASIC.fullmatch(bare)
        if basic:
            year, month, day = (int(g) for g in basic.groups())
            return _day(year, month, day, shown)
        numeric = _NUMERIC.fullmatch(bare)
        if numeric:
            return _numeric(numeric, today, order, shown)
        found = _named(bare, today, shown)
    except OverflowError:
        raise ValueError(f"{shown!r} is outside the calendar (years 1 to 9999)") from None
    if found is None:
        raise ValueError(f"{shown!r} is not a date; write it as {examples(today)}")
    return found


# ----------------------------------------------------------------------------- spans

# A stretch of days a seller names when they do not remember the day: a month with or
# without its year ("September 2026", "Sept", "2026-09", "09/2026"), a part of one
# ("early", "mid", "late" or "end of" September, "Anfang", "Mitte", "Ende", "début", "fin",
# "principios", "mediados", "finales", "meados" ...: days 1-10, 11-20, 21 to the end), or
# "last week", "last month", "this month". Read only for a seller's answers (a
# tracking page's event always has its day): `answer_date` takes the stretch's last day.
_PARTS = {
    **dict.fromkeys(
        ("early", "beginning", "start", "anfang", "debut", "principios", "inicio"), (1, 10)
    ),
    **dict.fromkeys(("mid", "middle", "mitte", "mi", "mediados", "meados"), (11, 20)),
    **dict.fromkeys(("late", "end", "ende", "fin", "finales", "final", "fim"), (21, 31)),
}
_SPAN_FILLER = {"in", "of", "the", "around", "about", "sometime", "de", "im", "en", "em"}
_MONTH_YEAR = re.compile(r"(\d{4})[/.-](\d{1,2})|(\d{1,2})[/.-](\d{4})")


def _month_days(year: int, month: int, part: tuple[int, int]) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, part[0]), dt.date(year, month, min(part[1], last))


def date_span(text: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the stretch `text` names (see above), the last not after
    `today`; None when `text` names no such stretch. A month without a year is the latest
    one that has begun by `today`."""
    words = _fold(text).replace("mid-", "mid ").replace("mi-", "mi ")
    if words in ("last week", "this week"):
        monday = today - dt.timedelta(days=today.weekday() + (7 if words == "last week" else 0))
        return monday, min(monday + dt.timedelta(days=6), today)
    if words == "last month":
        first = _months_back(today.replace(day=1), 1)
        return _month_days(first.year, first.month, (1, 31))
    if words in ("this month", "earlier this month"):
        return today.replace(day=1), today
    numeric = _MONTH_YEAR.fullmatch(words)
    if numeric:
        year, month = (numeric[1], numeric[2]) if numeric[1] else (numeric[4], numeric[3])
        found: tuple[int, int | None, tuple[int, int]] = (int(month), int(year), (1, 31))
    else:
        tokens = [t for t in re.split(r"[\s,./]+", words) if t and t not in _SPAN_FILLER]
        part = _PARTS.get(tokens[0]) if tokens else None
        if part is not None:
            tokens = tokens[1:]
        month = _month(tokens[0]) if tokens else None
        if (
            month is None
            or len(tokens) > 2
            or (len(tokens) == 2 and not re.fullmatch(r"\d{4}", tokens[1]))
        ):
            return None
        found = (month, int(tokens[1]) if len(tokens) == 2 else None, part or (1, 31))
    month, year, part = found
    if not 1 <= month <= 12:
        return None
    if year is None:
        year = today.year if dt.date(today.year, month, part[0]) <= today else today.year - 1
    first, last = _month_days(year, month, part)
    return first, min(last, today) if first <= today else last


def answer_date(text: str, today: dt.date, order: str | None = None) -> tuple[dt.date, str | None]:
    """A date a seller answers, and a note on how it was read: any form `parse_date_text`
    reads (no note), or the last day of a stretch `date_span` names, the latest the day
    can be, so that a parcel is never called late or lost too early (the note says so;
    the diagnosis also reads the first day, for the deadlines it would bring forward)."""
    try:
        return parse_date_text(text, today, order_for(text, order)), None
    except AmbiguousDate:
        raise
    except ValueError:
        span = date_span(text, today)
        if span is None:
            raise
    return span[1], stretch_note(text, span)


_DOTTED_DATE = re.compile(r"\s*\d{1,2}\.\d{1,2}\.(\d{2}|\d{4})(?!\d)")


def order_for(text: str, order: str | None) -> str | None:
    """The order to read a seller's or a file's numeric date in: `order` when one is
    given, else `DOTTED` for one written with dots and its year (`02.10.2026`), else
    None (a date that reads two ways is asked about). Tracking histories weigh a dotted
    date's order with the page's other dates instead (`events.timestamps`)."""
    if order is None and _DOTTED_DATE.match(text):
        return DOTTED
    return order


def stretch_note(text: str, span: tuple[dt.date, dt.date]) -> str:
    """Why a stretch of days (`date_span`) is read as its last day."""
    first, last = span
    if first == last:
        return f"{text.strip()!r} read as {spoken(last)}"
    return (
        f"{text.strip()!r} read as {spoken(last)}, the latest day it can be (it can be from "
        f"{spoken(first)}), so the parcel is never called late or lost too early; a "
        "deadline counted from an earlier day comes sooner: give the day if you know it"
    )


def locale_order(environ: Mapping[str, str]) -> str | None:
    """How the user's locale writes numeric dates: "mdy" for the United States, "dmy"
    for any other territory, None when the locale names none (C, POSIX, unset)."""
    value = next((environ[n] for n in ("LC_ALL", "LC_TIME", "LANG") if environ.get(n)), "")
    territory = re.match(r"[a-zA-Z]{2,3}_([A-Z]{2})", value)
    if territory is None:
        return None
    return "mdy" if territory.group(1) == "US" else "dmy"
