"""Checking and normalising a seller's answers against the question catalogue.

The catalogue (`facts/questions.toml`) is the shipment vocabulary: each answer key, its
kind and its allowed values. Every user-facing entry point (answers file, `--set`, the
interview, a batch row) goes through `normalise_answers`, so they all accept and refuse alike.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from parcel_doctor.dates import answer_date, date_span, too_old
from parcel_doctor.diagnosis.per_table import per_table
from parcel_doctor.events.read import read_line
from parcel_doctor.knowledge.loader import KnowledgeBase, UnknownName
from parcel_doctor.text import closest, did_you_mean, fold, plain
from parcel_doctor.toml_source import TomlError, read_toml
from parcel_doctor.tracking.formats import NOT_A_NUMBER, not_a_number
from parcel_doctor.tracking.numbers import NumberAnalysis, normalise_number

_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


class AnswerError(ValueError):
    """Answers that cannot be used; `errors` maps each bad key to what is wrong."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


MAX_ANSWER_LENGTH = 500
"""The longest answer accepted, in characters: longer text is refused before it reaches
the engine (durable_rules crashes on multi-megabyte strings)."""


_TOO_LARGE = 10**MAX_ANSWER_LENGTH  # an int this large has more digits than an answer may


def _one(kb: KnowledgeBase, question: Mapping[str, Any], value: Any, today: dt.date) -> Any:
    """One answer, normalised; `ValueError` with the reason when it does not fit."""
    kind = question["kind"]
    if isinstance(value, str):
        if len(value) > MAX_ANSWER_LENGTH:
            raise ValueError(
                f"is {len(value):,} characters long; an answer has at most {MAX_ANSWER_LENGTH:,}"
            )
        if not value.isascii() and _SURROGATE.search(value):
            raise ValueError("holds bytes that are not text (invalid UTF-8 or a lone surrogate)")
        value = plain(value)
    elif isinstance(value, (list, dict, tuple)):
        raise ValueError("is a list or a table; give one value")
    elif isinstance(value, int) and abs(value) >= _TOO_LARGE:
        raise ValueError(f"is a number of more than {MAX_ANSWER_LENGTH:,} digits")
    if kind == "choice":
        choices, allowed, values = _choices(kb, question)
        text = str(value).strip().lower()
        if text in values:
            return text
        # What a seller copies from a tracking page: a choice's label or carrier wording.
        said = fold(text)
        meant = {
            c["value"]
            for c in choices
            if said in {fold(w) for w in (c["label"], *c.get("wording", []))}
        }
        if len(meant) == 1:
            return meant.pop()
        hint = did_you_mean(text, allowed, sentence=True)
        if question.get("choices_from") == "stages":
            hint = _stage_hint(kb, str(value), allowed) or hint
        raise ValueError(f"{value!r} is not one of: {', '.join(allowed)}.{hint}")
    if kind == "yes-no":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _YES | _NO:
            return text in _YES
        raise ValueError(f"{value!r} is not yes or no")
    if kind == "date":
        if isinstance(value, dt.datetime):  # a TOML date-time: the day it names
            value = value.date()
        date = value if isinstance(value, dt.date) else answer_date(str(value), today)[0]
        if date > today:
            raise ValueError(f"{date.isoformat()} is in the future (today is {today.isoformat()})")
        if (old := too_old(date, today)) is not None:
            raise ValueError(f"{date.isoformat()} is {old}")
        return date
    if kind == "country":
        try:
            return kb.find_country(str(value))
        except UnknownName as error:
            raise ValueError(str(error)) from None
    if kind == "carrier":
        # An id as written names its carrier (answers files, presets and normalised answers
        # hold ids); a name several carriers go by ("DHL", "Correos") is kept as that name,
        # and the carrier it means is chosen with the parcel (`meant_carrier`).
        shared = None if str(value).strip() in kb.carriers else kb.shared_carrier_name(str(value))
        if shared is not None:
            return shared["name"]
        try:
            return kb.find_carrier(str(value))
        except UnknownName as error:
            if kb.national_post(str(value)) is not None:  # read with the parcel: `prepare`
                return str(value).strip()
            raise ValueError(str(error)) from None
    if kind == "tracking-number":
        number = normalise_number(str(value))
        if not number:
            raise ValueError(f"is empty ({NOT_A_NUMBER})")
        if why := not_a_number(number):
            raise ValueError(f"{str(value).strip()!r} {why}; leave it out if there is none")
        return number
    text = str(value).strip()
    if not text:
        raise ValueError("is empty")
    return text


_SURROGATE = re.compile("[\ud800-\udfff]")

# Per choice question: the question, the table its choices are drawn from (or None) and
# that table's length, then its choices, their values in order and as a set.
_Choices = tuple[list[Mapping[str, Any]], list[Any], frozenset[Any]]
_CHOICES: dict[int, tuple[object, object, int, _Choices]] = {}


def _choices(kb: KnowledgeBase, question: Mapping[str, Any]) -> _Choices:
    """A choice question's choices (`kb.choices`) with their values, in order and as a
    set, built once per question and choices table: every answer of every diagnosis is
    checked against them, and reading the values out of the records each time was a
    third of checking a choice."""
    source = question.get("choices_from")
    table = kb.tables.get(source) if isinstance(source, str) else None
    size = len(table) if table is not None else 0
    built = _CHOICES.get(id(question))
    if built is None or built[0] is not question or built[1] is not table or built[2] != size:
        choices = kb.choices(question)
        allowed = [c["value"] for c in choices]
        if len(_CHOICES) >= 4096:  # questions come from the facts: a bound, not a limit
            _CHOICES.clear()
        built = _CHOICES[id(question)] = (
            question,
            table,
            size,
            (choices, allowed, frozenset(allowed)),
        )
    return built[3]


def _stage_hint(kb: KnowledgeBase, given: str, allowed: list[str]) -> str:
    """For an answer to a stage question that is no stage: the stage the text reads as
    carrier wording, or "" when it is a near miss of a stage's spelling ("delivred")."""
    read = read_line(kb, given).stage
    if read in kb.stages:
        title = kb.stages[read]["title"]
        return f" The tracking wording reads as {read!r} ({title}): did you mean {read!r}?"
    if closest(given.strip().lower(), allowed, cutoff=0.8):
        return ""
    return " As tracking wording it names no stage alone: pick a stage, or give the whole line."


def parse_answer(kb: KnowledgeBase, question: Mapping[str, Any], value: Any, today: dt.date) -> Any:
    """One answer to one catalogue question, normalised as `normalise_answers` would; `ValueError`
    with the reason otherwise. The interview checks each reply with it as it is typed."""
    return _one(kb, question, value, today)


class Checked(dict[str, Any]):
    """Answers each checked and normalised already, one by one (`parse_answer`: a batch
    row's cells, `batch.cells`): `normalise_answers` checks only what spans several of
    them (the order of their dates) instead of normalising each again. `said` keeps the
    words of a date that names a stretch of days ("September 2026", whose answer is its
    last day), read as a stretch answer's words are (`as_said`)."""

    def __init__(
        self, answers: Mapping[str, Any] | None = None, said: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(answers or {})
        self.said = dict(said or {})


def as_said(raw: Mapping[str, Any], key: str) -> Any:
    """An answer as the seller gave it: a batch cell's words for a stretch of days."""
    return raw.said.get(key, raw.get(key)) if type(raw) is Checked else raw.get(key)


def normalise_answers(kb: KnowledgeBase, raw: Mapping[str, Any], today: dt.date) -> dict[str, Any]:
    """Answers keyed by question id, checked and normalised; `AnswerError` lists all faults."""
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    if type(raw) is Checked:  # normalising a normalised answer gives it back unchanged
        out.update(raw)
    else:
        for key, value in raw.items():
            if value is None:  # not given, as JSON's null is (`_json_answers`)
                continue
            question = kb.questions.get(key)
            if question is None:
                hint = did_you_mean(key, kb.questions)
                errors[key] = f"unknown answer key{hint}; keys: {', '.join(kb.questions)}"
                continue
            try:
                out[key] = _one(kb, question, value, today)
            except ValueError as error:
                errors[key] = str(error)
    for key, earlier, unless in per_table(kb.questions, _date_order):
        first, then = out.get(earlier), out.get(key)
        if any(out.get(other) in values for other, values in unless):
            continue  # the order does not hold with this answer (a label made before posting)
        if isinstance(first, dt.date) and isinstance(then, dt.date) and then < first:
            span = stretch_of(as_said(raw, earlier), today)
            if span is not None and span[0] <= then:  # "September", and an event on the 12th:
                out[earlier] = then  # it was posted by then, within the stretch
                continue
            errors[key] = (
                f"{then.isoformat()} is before {earlier} {first.isoformat()}: "
                "the dates are out of order"
            )
    if errors:
        raise AnswerError(errors)
    return out


def stretch_of(value: Any, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a date answer that names a stretch of days rather than
    a day (`September 2026`: `dates.date_span`), else None."""
    return date_span(value, today) if isinstance(value, str) else None


class Meant(NamedTuple):
    """The carrier a name several carriers go by means for one parcel, and why."""

    carrier: str
    note: str


def meant_carrier(
    kb: KnowledgeBase, answers: Mapping[str, Any], number: NumberAnalysis | None
) -> Meant | None:
    """For a carrier answer that is a name several carriers go by ("DHL", facts/
    carriers.toml `[[carrier_name]]`): the carrier it means for this parcel, with a note
    saying which and why. The tracking number settles it when it fits the formats of one
    of them; else the parcel's origin (given, or the S10 number's issuing country) does,
    by the entry's `by_origin` or the post whose home it is (`KnowledgeBase.posted_in`);
    from any other origin, or with no origin known, the first carrier listed is assumed
    and the note says so. None for any other answer. `diagnose()` calls it, so answers
    files, `--set`, the interview and batch rows are read alike, and the interview reads
    it again once the origin is answered."""
    given = answers.get("carrier")
    if not isinstance(given, str) or given in kb.carriers:  # an id names its carrier
        return None
    shared = kb.shared_carrier_name(given)
    if shared is None:
        return None
    means = shared["carriers"]
    fits = {c.carrier for c in (number.candidates if number else ()) if c.carrier in means}
    origin = str(answers.get("origin") or (number.origin if number else None) or "")
    carrier: str = means[0]
    if len(fits) == 1 and (only := fits.pop()) is not None:
        carrier = only
        why = f"the tracking number fits {kb.carriers[carrier]['name']}'s numbers"
    elif (posted_in := kb.posted_in(shared, origin)) is not None:
        carrier = posted_in
        why = f"what the name means for a parcel posted in {kb.countries[origin]['common_name']}"
    elif origin in kb.countries:  # no source on record for this origin: say it is a guess
        why = (
            "assumed: nothing on record says which it means for a parcel posted in "
            f"{kb.countries[origin]['name']}"
        )
    else:
        why = "assumed: the origin country is not known, and it decides which"
    others = ", ".join(c for c in means if c != carrier)
    tell = f" {shared['tell']}" if "tell" in shared else ""
    return Meant(
        carrier,
        f"Carrier {shared['name']!r} read as {kb.carriers[carrier]['name']} ({why}).{tell} "
        f"If it went by another, give that one as the carrier: {others}.",
    )


def _date_order(
    questions: Mapping[str, Mapping[str, Any]],
) -> tuple[tuple[str, str, tuple[tuple[str, tuple[str, ...]], ...]], ...]:
    """(question, the question it comes `after`, the other answers under which it need
    not: `after_unless`) in catalogue order, once per questions table (`per_table`:
    reading `after` from every question for every diagnosis was a fifth of checking its
    answers)."""
    return tuple(
        (key, earlier, tuple((k, tuple(v)) for k, v in q.get("after_unless", {}).items()))
        for key, q in questions.items()
        if (earlier := q.get("after"))
    )


def _json_answers(data: dict[str, Any]) -> dict[str, Any]:
    """A JSON object's answers as the TOML reader gives them: `null` (JSON's "not known")
    is an answer not given, as a missing key is; `true` and `false` are read as the words
    JSON writes, so a yes/no question takes them and any other names them as written."""
    spelled = {True: "true", False: "false"}
    return {
        key: spelled[value] if isinstance(value, bool) else value
        for key, value in data.items()
        if value is not None
    }


def read_answers_file(path: Path) -> dict[str, Any]:
    """An answers file (TOML, or JSON by its `.json` suffix) as a plain mapping."""
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except OSError as error:
            raise AnswerError({"--answers": f"{path} cannot be read: {error.strerror}"}) from None
        except json.JSONDecodeError as error:
            raise AnswerError(
                {"--answers": f"{path}:{error.lineno}: not valid JSON: {error.msg}"}
            ) from None
        except UnicodeDecodeError as error:
            raise AnswerError(
                {
                    "--answers": f"{path}: not UTF-8 text (byte {error.object[error.start]:#04x} "
                    f"at position {error.start})"
                }
            ) from None
        except RecursionError:
            raise AnswerError({"--answers": f"{path}: JSON nested too deeply to read"}) from None
        except ValueError as error:  # a number of thousands of digits
            why = str(error).split(";")[0]
            raise AnswerError({"--answers": f"{path}: cannot be used as JSON: {why}"}) from None
        if not isinstance(data, dict):
            raise AnswerError({"--answers": f"{path}: must hold one JSON object"})
        return _json_answers(data)
    try:
        return read_toml(path).data
    except TomlError as error:
        raise AnswerError({"--answers": str(error.problem)}) from None


def parse_assignments(
    pairs: list[str], given: Mapping[str, tuple[str, str]] = {}
) -> dict[str, str]:
    """`--set key=value` pairs as a mapping; `AnswerError` for a pair without `=`, or for
    a key given two different values in one command (review15 L-R28: the last one was
    kept without a word), by two pairs or by a pair and `given` (key: its value and the
    option that gave it, `--to`)."""
    out: dict[str, str] = {}
    said = dict(given)
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key:
            raise AnswerError({"--set": f"{pair!r} is not key=value"})
        earlier = said.get(key)
        if earlier is not None and earlier[0] != value:
            twice = f"{earlier[0]!r} ({earlier[1]}) and {value!r} (--set {key}={value})"
            raise AnswerError({key: f"given twice: {twice}: give one"})
        out[key] = value
        said[key] = (value, f"--set {key}={value}")
    return out


def to_plain(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Answers as JSON/TOML-ready values (dates as ISO text)."""
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in answers.items()}
