"""Reading and checking the facts tables (`facts/*.toml`) against their declarations in
`knowledge.schema`: types, allowed values, required keys, duplicate ids, references
between tables, and the nested choices of questions.

Every problem is collected with file, line and key, one problem per mistake; any TOML
is read without a crash. An entry without problems becomes its table's typed, immutable
record (`knowledge.records`). An entry with a problem is left out of the knowledge base,
but its other fields are still checked, and its id stays known
(`KnowledgeBase.declared`) so that nothing naming it is reported as unknown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from parcel_doctor.knowledge.records import Field, build, key_specs
from parcel_doctor.knowledge.schema import TABLES, Table
from parcel_doctor.text import closest, did_you_mean, fold
from parcel_doctor.toml_source import Problem, TomlError, TomlSource, read_toml

if TYPE_CHECKING:
    from parcel_doctor.knowledge.loader import KnowledgeBase

Entry = dict[str, Any]  # an entry as written in the file


@dataclass
class Written:
    """One table as written: its file, and every entry that is a TOML table, with its
    position among the file's `[[array]]` entries (for line numbers)."""

    source: TomlSource
    entries: list[tuple[int, Entry]] = field(default_factory=list)
    kept: list[Mapping[str, Any]] = field(default_factory=list)  # the entries without problems

    def line(self, table: Table, index: int, key: str | None = None) -> int | None:
        return self.source.line_of(table.array, index, key)


def read_tables(kb: KnowledgeBase, facts_dir: Path, problems: list[Problem]) -> dict[str, Written]:
    """Read every facts file into `kb.tables` (and `kb.lists`), checked; the
    tables as written, by table name, for later checks that need lines."""
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
    written: dict[str, Written] = {}
    for table_name, table in TABLES.items():
        source = sources.get(table.file)
        if source is None:
            kept, entries = [], []
        else:
            written[table_name] = _entries(source, table, problems)
            kept, entries = written[table_name].kept, written[table_name].entries
        if table.key is None:
            kb.lists[table_name] = kept
        else:
            kb.tables[table_name] = {e[table.key]: e for e in kept}
            kb.declared[table_name] = {
                e[table.key] for _, e in entries if isinstance(e.get(table.key), str)
            }
    for source in sources.values():
        _unknown_arrays(source, problems)
    for table_name, table in TABLES.items():
        if table_name in written:
            _check_refs(kb, table, written[table_name], problems)
    if "carriers" in written:
        _check_carrier_names(kb, written["carriers"], problems)
        if "carrier_names" in written:
            _check_shared_names(kb, written["carrier_names"], problems)
    if "products" in written:
        _check_product_names(written["products"], problems)
    if "questions" in written:
        _check_questions(kb, written["questions"], problems)
    if "limits" in written:
        _check_limits(written["limits"], problems)
    if "number_formats" in written:
        _check_number_formats(kb, written["number_formats"], problems)
    return written


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


def _entries(source: TomlSource, table: Table, problems: list[Problem]) -> Written:
    path = str(source.path)
    out = Written(source)
    raw = source.data.get(table.array, [])
    if not isinstance(raw, list):
        line = _top_line(source, table.array)
        problems.append(Problem(path, line, table.array, f"must be [[{table.array}]] entries"))
        return out
    seen: dict[str, int] = {}
    for index, entry in enumerate(raw):
        if not isinstance(entry, dict):
            line = source.line_of(table.array, index) or _top_line(source, table.array)
            problems.append(
                Problem(
                    path,
                    line,
                    table.array,
                    f"must be [[{table.array}]] tables, not {_shown(entry)}",
                )
            )
            continue
        out.entries.append((index, entry))
        ok = _check_entry(entry, table.fields, table.array, problems, path, out, table, index)
        if table.key is not None and isinstance(entry.get(table.key), str):
            ident = entry[table.key]
            if ident in seen:
                first = source.line_of(table.array, seen[ident], table.key)
                problems.append(
                    Problem(
                        path,
                        source.line_of(table.array, index, table.key),
                        f"{table.array}.{table.key}",
                        f"duplicate id {ident!r} (first at line {first})",
                    )
                )
                ok = False
            else:
                seen[ident] = index
        if ok:
            _keep(out, table, index, entry, problems)
    return out


def _keep(
    written: Written, table: Table, index: int, entry: Entry, problems: list[Problem]
) -> None:
    """Keep a checked entry as its table's record. The checks above and the record type
    agree, so a refusal here is a defect of the declaration, reported, not raised."""
    try:
        written.kept.append(build(table.record, entry))
    except msgspec.ValidationError as error:
        line = written.line(table, index)
        problems.append(Problem(str(written.source.path), line, table.array, str(error)))


def _check_entry(
    entry: Entry,
    fields: dict[str, Field],
    name: str,
    problems: list[Problem],
    path: str,
    written: Written,
    table: Table,
    index: int,
    prefix: str = "",
) -> bool:
    """Check one entry's keys and values; report each problem once; False if any."""
    ok = True
    meant: set[str] = set()
    for key in entry:
        if key not in fields:
            guess = closest(key, fields)
            meant |= set(guess)
            problems.append(
                Problem(
                    path,
                    written.line(table, index, prefix + key),
                    f"{name}.{key}",
                    f"unknown key{did_you_mean(key, fields)}; known keys: {', '.join(fields)}",
                )
            )
            ok = False
    for key, spec in fields.items():
        if key not in entry and key in meant:
            continue  # the misspelt key above is this one: one problem, not two
        message = field_problem(entry.get(key), spec, key in entry, key)
        if message:
            line = written.line(table, index, prefix + key)
            problems.append(Problem(path, line, f"{name}.{key}", message))
            ok = False
        elif spec.record is not None and key in entry:  # a list of nested tables (choices)
            nested = key_specs(spec.record)
            for number, item in enumerate(entry[key]):
                where = f"{prefix}{key}.{number}."
                args = (f"{name}.{key}", problems, path, written, table, index, where)
                ok = _check_entry(item, nested, *args) and ok
    return ok


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


def _shown(value: object) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def field_problem(value: object, spec: Field, present: bool, name: str = "") -> str | None:
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
        return f"must be {_type_name(spec.type)}, not {_shown(value)}"
    if isinstance(value, list) and spec.items is not None:
        for item in value:
            if not isinstance(item, spec.items) or (
                isinstance(item, bool) and spec.items is not bool
            ):
                return f"every item must be {_type_name(spec.items)}, not {_shown(item)}"
    if isinstance(value, dict) and spec.items is not None:
        for key, item in value.items():
            if not isinstance(item, spec.items) or isinstance(item, bool):
                return f"{key!r} must be {_type_name(spec.items)}, not {_shown(item)}"
    if spec.choices is not None and value not in spec.choices:
        allowed = ", ".join(repr(c) if not isinstance(c, str) else c for c in spec.choices)
        return f"{_shown(value)} is not one of: {allowed}"
    if spec.least is not None and isinstance(value, int) and value < spec.least:
        return f"must be {spec.least} or more, not {value}"
    if isinstance(value, str) and not value.strip():
        return "must not be empty"
    if isinstance(value, list) and spec.nonempty and not value:
        return "must list at least one source" if name == "sources" else "must not be empty"
    return None


def _check_refs(kb: KnowledgeBase, table: Table, written: Written, problems: list[Problem]) -> None:
    path = str(written.source.path)
    for index, entry in written.entries:
        for key, spec in table.fields.items():
            if spec.ref is None or key not in entry or field_problem(entry[key], spec, True):
                continue
            target = kb.declared.get(spec.ref, set())
            values = entry[key] if isinstance(entry[key], list) else [entry[key]]
            for value in values:
                if value not in target and value not in spec.extra_refs:
                    problems.append(
                        Problem(
                            path,
                            written.line(table, index, key),
                            f"{table.array}.{key}",
                            f"{value!r} is not a known {spec.ref} id"
                            f"{did_you_mean(str(value), target)}",
                        )
                    )
        site = entry.get("tracking_site")
        if isinstance(site, str) and (
            not site.startswith("https://") or site.count("{number}") != 1
        ):
            problems.append(
                Problem(
                    path,
                    written.line(table, index, "tracking_site"),
                    f"{table.array}.tracking_site",
                    "must be an https:// URL with {number} exactly once",
                )
            )
        for key in ("tracking_page", "contact_page", "claim_page"):
            page = entry.get(key)
            if isinstance(page, str) and (not page.startswith("https://") or "{" in page):
                problems.append(
                    Problem(
                        path,
                        written.line(table, index, key),
                        f"{table.array}.{key}",
                        "must be a plain https:// URL (no placeholders)",
                    )
                )


def _check_carrier_names(kb: KnowledgeBase, written: Written, problems: list[Problem]) -> None:
    """A name a seller types (id, name or alias) must lead to one carrier only."""
    owner: dict[str, str] = {}
    for cid, carrier in kb.carriers.items():
        for name in dict.fromkeys(fold(n) for n in (cid, carrier["name"])):
            owner.setdefault(name, cid)
    table = TABLES["carriers"]
    for index, entry in written.entries:
        ident = entry.get("id")
        if not isinstance(ident, str) or ident not in kb.carriers:
            continue
        for alias in entry.get("aliases", []):
            first = owner.setdefault(fold(alias), ident)
            if first != ident:
                problems.append(
                    Problem(
                        str(written.source.path),
                        written.line(table, index, "aliases"),
                        "carrier.aliases",
                        f"{alias!r} already names carrier {first!r}",
                    )
                )


def _check_shared_names(kb: KnowledgeBase, written: Written, problems: list[Problem]) -> None:
    """A name several carriers go by is no carrier's own name or alias, nor another
    carrier's id (it would lead to that one alone): it may be the id of the first carrier
    it lists ("correos"), which it then means unless the parcel says otherwise. Its
    `by_origin` maps countries to carriers it lists."""
    ids = {fold(cid): cid for cid in kb.carriers}
    named = {
        fold(name): cid
        for cid, carrier in kb.carriers.items()
        for name in (carrier["name"], *carrier.get("aliases", []))
    }
    table, path = TABLES["carrier_names"], str(written.source.path)
    for index, entry in written.entries:
        name, means = entry.get("name"), entry.get("carriers")
        first = means[0] if isinstance(means, list) and means else None
        key = fold(name) if isinstance(name, str) else ""
        owner = named.get(key) or (ids[key] if ids.get(key, first) != first else None)
        if owner is not None:
            problems.append(
                Problem(
                    path,
                    written.line(table, index, "name"),
                    "carrier_name.name",
                    f"{name!r} already names carrier {owner!r}: take it out of that "
                    "carrier's aliases (a shared name may be its first carrier's id only)",
                )
            )
        by_origin = entry.get("by_origin")
        if not isinstance(by_origin, dict) or not isinstance(means, list):
            continue  # absent, or a wrong type reported already
        for origin, cid in by_origin.items():
            why = (
                f"{origin!r} is not a known countries code"
                if origin not in kb.declared.get("countries", set())
                else f"{cid!r} is not one of this name's carriers ({', '.join(map(str, means))})"
                if cid not in means
                else ""
            )
            if why:
                line = written.line(table, index, "by_origin")
                problems.append(Problem(path, line, "carrier_name.by_origin", why))


def _check_product_names(written: Written, problems: list[Problem]) -> None:
    """A product name (`[[product]]`, compared as `KnowledgeBase.product_named` reads
    it: case, spacing and punctuation ignored) may be given once: two products of one
    name would leave which carrier and service it gives to the order of the file."""
    table, path = TABLES["products"], str(written.source.path)
    seen: set[str] = set()
    for index, entry in written.entries:
        names = entry.get("names")
        for name in names if isinstance(names, list) else []:
            key = fold(name) if isinstance(name, str) else ""
            if key and key in seen:
                line = written.line(table, index, "names")
                why = f"{name!r} is given twice (here or in another product): one name, one product"
                problems.append(Problem(path, line, "product.names", why))
            seen.add(key)


def _check_questions(kb: KnowledgeBase, written: Written, problems: list[Problem]) -> None:
    """A choice question must have choices (inline or `choices_from`); each choice is
    checked with its question (`_check_entry`). `after_unless` names choice questions
    and answers they have."""
    table = TABLES["questions"]
    path = str(written.source.path)
    for index, question in written.entries:
        unless = question.get("after_unless", {})
        for other, values in unless.items() if isinstance(unless, dict) else ():
            asked = kb.questions.get(other)
            known = {str(c.get("value")) for c in kb.choices(asked)} if asked else set()
            if not known:
                why = f"{other!r} is not a choice question{did_you_mean(other, kb.questions)}"
            elif not isinstance(values, list):  # a bare string would be read letter by letter
                why = f"{other}: write the answers as a list, [{values!r}]"
            else:
                wrong = [v for v in values if v not in known]
                hint = did_you_mean(str(wrong[0]), known) if wrong else ""
                why = f"{other} = {wrong[0]!r} is not one of its answers{hint}" if wrong else ""
            if why:
                line = written.line(table, index, "after_unless")
                problems.append(Problem(path, line, "question.after_unless", why))
        choices = question.get("choice", [])
        if not isinstance(choices, list):
            continue  # reported as a wrong type already
        if question.get("kind") == "choice" and not choices and "choices_from" not in question:
            problems.append(
                Problem(
                    path,
                    written.line(table, index, "kind"),
                    "question.choice",
                    "a choice question needs choice entries or choices_from",
                )
            )


def _check_limits(written: Written, problems: list[Problem]) -> None:
    """A limit is counted in `days` or in `months`: exactly one of them."""
    table = TABLES["limits"]
    for index, limit in written.entries:
        units = [unit for unit in ("days", "months") if unit in limit]
        if len(units) != 1:
            problems.append(
                Problem(
                    str(written.source.path),
                    written.line(table, index, units[0] if units else None),
                    "limit.days",
                    "a limit needs either days or months (one of them, not both)",
                )
            )


def _check_number_formats(kb: KnowledgeBase, written: Written, problems: list[Problem]) -> None:
    """Patterns that compile, checks with their parameters, examples that behave."""
    from parcel_doctor.tracking.formats import problems as format_problems

    index = {e["id"]: i for i, e in written.entries if isinstance(e.get("id"), str)}
    ranges = kb.indicator_ranges.values()
    for fid, key, message in format_problems(kb.number_formats, ranges, kb.countries):
        line = written.source.line_of("format", index.get(fid, 0), key)
        path = str(written.source.path)
        problems.append(Problem(path, line, f"format.{key}", f"{fid}: {message}"))
