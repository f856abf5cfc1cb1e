"""Reading and checking the facts tables (`facts/*.toml`) against their declarations in
`knowledge.schema`: types, allowed values, required keys, duplicate ids, references
between tables, and the nested choices of questions. Every problem is collected with
file, line and key; an entry with a problem is left out of the knowledge base.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parcel_doctor.knowledge.schema import CHOICE_FIELDS, TABLES, Field, Table
from parcel_doctor.text import did_you_mean, fold
from parcel_doctor.toml_source import Problem, TomlError, TomlSource, read_toml

if TYPE_CHECKING:
    from parcel_doctor.knowledge.loader import KnowledgeBase

Record = dict[str, Any]


def read_tables(kb: KnowledgeBase, facts_dir: Path, problems: list[Problem]) -> None:
    """Read every facts file into `kb.tables` (and `kb.suspensions`), checked."""
    sources: dict[str, TomlSource] = {}
    for name in sorted({t.file for t in TABLES.values()}):
        path = facts_dir / name
        if not path.exists():
            if not all(t.optional for t in TABLES.values() if t.file == name):
                problems.append(Problem(str(path), None, "", "is missing"))
            continue
        try:
            sources[name] = read_toml(path)
        except TomlError as error:
            problems.append(error.problem)
    for table_name, table in TABLES.items():
        source = sources.get(table.file)
        entries = _entries(source, table, problems) if source else []
        if table.key is None:
            kb.suspensions = entries
        else:
            kb.tables[table_name] = {e[table.key]: e for e in entries}
    for source in sources.values():
        _unknown_arrays(source, problems)
    for table_name, table in TABLES.items():
        if source := sources.get(table.file):
            _check_refs(kb, table_name, table, source, problems)
    if "questions" in sources:
        _check_questions(kb, sources["questions.toml"], problems)
    if "number_formats.toml" in sources:
        _check_number_formats(kb, sources["number_formats.toml"], problems)


def _unknown_arrays(source: TomlSource, problems: list[Problem]) -> None:
    known = {t.array for t in TABLES.values() if t.file == source.path.name}
    for key in source.data:
        if key not in known:
            line = _top_line(source, key)
            expected = ", ".join(f"[[{a}]]" for a in sorted(known))
            problems.append(
                Problem(str(source.path), line, key, f"unknown table; this file holds {expected}")
            )


def _top_line(source: TomlSource, key: str) -> int | None:
    for number, line in enumerate(source.text.splitlines(), start=1):
        stripped = line.strip().lstrip("[").rstrip("]").strip()
        if stripped == key or line.startswith(f"{key} ") or line.startswith(f"{key}="):
            return number
    return None


def _entries(source: TomlSource, table: Table, problems: list[Problem]) -> list[Record]:
    raw = source.data.get(table.array, [])
    if not isinstance(raw, list):
        problems.append(Problem(str(source.path), None, table.array, "must be [[...]] entries"))
        return []
    kept: list[Record] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(raw):
        ok = True
        for key in entry:
            if key not in table.fields:
                known = ", ".join(table.fields)
                problems.append(
                    Problem(
                        str(source.path),
                        source.line_of(table.array, index, key),
                        f"{table.array}.{key}",
                        f"unknown key{did_you_mean(key, table.fields)}; known keys: {known}",
                    )
                )
                ok = False
        for key, spec in table.fields.items():
            message = _field_problem(entry.get(key), spec, key in entry)
            if message:
                line = source.line_of(table.array, index, key)
                problems.append(Problem(str(source.path), line, f"{table.array}.{key}", message))
                ok = False
        if table.key is not None and isinstance(entry.get(table.key), str):
            ident = entry[table.key]
            if ident in seen:
                first = source.line_of(table.array, seen[ident], table.key)
                problems.append(
                    Problem(
                        str(source.path),
                        source.line_of(table.array, index, table.key),
                        f"{table.array}.{table.key}",
                        f"duplicate id {ident!r} (first at line {first})",
                    )
                )
                ok = False
            else:
                seen[ident] = index
        if ok:
            kept.append(entry)
    return kept


def _type_name(spec_type: type | tuple[type, ...]) -> str:
    names = {
        str: "text",
        int: "a whole number",
        bool: "true or false",
        list: "a list",
        dt.date: "a date (YYYY-MM-DD)",
        dict: "a table",
    }
    types = spec_type if isinstance(spec_type, tuple) else (spec_type,)
    return " or ".join(names.get(t, t.__name__) for t in types)


def _field_problem(value: object, spec: Field, present: bool) -> str | None:
    """Why `value` does not fit `spec`, or None."""
    if not present:
        return "is required" if spec.required else None
    types = spec.type if isinstance(spec.type, tuple) else (spec.type,)
    wrong_bool = isinstance(value, bool) and bool not in types
    if (
        not isinstance(value, types)
        or wrong_bool
        or (dt.date in types and isinstance(value, dt.datetime))
    ):
        return f"must be {_type_name(spec.type)}, not {value!r}"
    if isinstance(value, list) and spec.items is not None:
        for item in value:
            if not isinstance(item, spec.items):
                return f"every item must be {_type_name(spec.items)}, not {item!r}"
    if isinstance(value, dict) and spec.items is not None:
        for key, item in value.items():
            if not isinstance(item, spec.items) or isinstance(item, bool):
                return f"{key!r} must be {_type_name(spec.items)}, not {item!r}"
    if spec.choices is not None and value not in spec.choices:
        allowed = ", ".join(repr(c) if not isinstance(c, str) else c for c in spec.choices)
        return f"{value!r} is not one of: {allowed}"
    if isinstance(value, str) and not value.strip():
        return "must not be empty"
    if isinstance(value, list) and spec is TABLES["countries"].fields["sources"] and not value:
        return "must list at least one source"
    return None


def _check_refs(
    kb: KnowledgeBase, name: str, table: Table, source: TomlSource, problems: list[Problem]
) -> None:
    kept = {id(e) for e in (kb.suspensions if table.key is None else kb.tables[name].values())}
    for index, entry in enumerate(source.data.get(table.array, [])):
        if id(entry) not in kept:
            continue
        if "sources" in table.fields and not entry.get("sources"):
            problems.append(
                Problem(
                    str(source.path),
                    source.line_of(table.array, index, "sources"),
                    f"{table.array}.sources",
                    "must list at least one source",
                )
            )
        for key, spec in table.fields.items():
            if spec.ref is None or key not in entry:
                continue
            target = kb.tables.get(spec.ref, {})
            values = entry[key] if isinstance(entry[key], list) else [entry[key]]
            for value in values:
                if value not in target and value not in spec.extra_refs:
                    problems.append(
                        Problem(
                            str(source.path),
                            source.line_of(table.array, index, key),
                            f"{table.array}.{key}",
                            f"{value!r} is not a known {spec.ref} id"
                            f"{did_you_mean(str(value), target)}",
                        )
                    )
        site = entry.get("tracking_site")
        if site is not None and (not site.startswith("https://") or site.count("{number}") != 1):
            problems.append(
                Problem(
                    str(source.path),
                    source.line_of(table.array, index, "tracking_site"),
                    f"{table.array}.tracking_site",
                    "must be an https:// URL with {number} exactly once",
                )
            )
        for key in ("contact_page", "claim_page"):
            page = entry.get(key)
            if isinstance(page, str) and (not page.startswith("https://") or "{" in page):
                problems.append(
                    Problem(
                        str(source.path),
                        source.line_of(table.array, index, key),
                        f"{table.array}.{key}",
                        "must be a plain https:// URL (no placeholders)",
                    )
                )
    if name == "carriers":
        _check_carrier_names(kb, source, problems)


def _check_carrier_names(kb: KnowledgeBase, source: TomlSource, problems: list[Problem]) -> None:
    """A name a seller types (id, name or alias) must lead to one carrier only."""
    owner: dict[str, str] = {}
    for cid, carrier in kb.carriers.items():
        for name in dict.fromkeys(fold(n) for n in (cid, carrier["name"])):
            owner.setdefault(name, cid)
    for index, entry in enumerate(source.data.get("carrier", [])):
        cid = entry.get("id")
        if cid not in kb.carriers:
            continue
        for alias in entry.get("aliases", []):
            first = owner.setdefault(fold(alias), cid)
            if first != cid:
                problems.append(
                    Problem(
                        str(source.path),
                        source.line_of("carrier", index, "aliases"),
                        "carrier.aliases",
                        f"{alias!r} already names carrier {first!r}",
                    )
                )


def _check_questions(kb: KnowledgeBase, source: TomlSource, problems: list[Problem]) -> None:
    raw = source.data.get("question", [])
    for index, question in enumerate(raw):
        if question.get("id") not in kb.questions:
            continue
        line = source.line_of("question", index, "choice")
        if question.get("kind") == "choice" and not kb.choices(question):
            problems.append(
                Problem(
                    str(source.path),
                    line,
                    "question.choice",
                    "a choice question needs choice entries or choices_from",
                )
            )
        for choice in question.get("choice", []):
            for key in choice:
                if key not in CHOICE_FIELDS:
                    problems.append(
                        Problem(
                            str(source.path),
                            line,
                            f"question.choice.{key}",
                            f"unknown key; known keys: {', '.join(CHOICE_FIELDS)}",
                        )
                    )
            for key, spec in CHOICE_FIELDS.items():
                message = _field_problem(choice.get(key), spec, key in choice)
                if message:
                    problems.append(
                        Problem(str(source.path), line, f"question.choice.{key}", message)
                    )


def _check_number_formats(kb: KnowledgeBase, source: TomlSource, problems: list[Problem]) -> None:
    """Patterns that compile, checks with their parameters, examples that behave."""
    from parcel_doctor.tracking.formats import problems as format_problems

    index = {e.get("id"): i for i, e in enumerate(source.data.get("format", []))}
    ranges = kb.indicator_ranges.values()
    for fid, key, message in format_problems(kb.number_formats, ranges, kb.countries):
        line = source.line_of("format", index.get(fid, 0), key)
        problems.append(Problem(str(source.path), line, f"format.{key}", f"{fid}: {message}"))
