"""The one loader and validator of the knowledge base (`facts/` and `rules/`).

Everything the engine, the interview, the batch runner and the trainers' commands know
comes through `load()`, so every user of the knowledge sees the same checked data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parcel_doctor.knowledge.names import CountryNames
from parcel_doctor.knowledge.schema import CHOICE_FIELDS, TABLES, Field, Table
from parcel_doctor.knowledge.shipped import shipped_dir
from parcel_doctor.knowledge.toml_source import Problem, TomlError, TomlSource, read_toml
from parcel_doctor.text import closest, did_you_mean, fold

Record = dict[str, Any]


class KnowledgeError(Exception):
    """The knowledge base has problems; `problems` lists every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"the knowledge base has {len(problems)} problem(s):\n{lines}")
        self.problems = problems


class UnknownName(LookupError):
    """A country or carrier the knowledge base does not know; carries the closest names."""

    def __init__(self, what: str, given: str, suggestions: list[str]) -> None:
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {what} {given!r}.{hint}")
        self.given = given
        self.suggestions = suggestions


@dataclass
class KnowledgeBase:
    """The checked facts and rules: tables keyed by id, plus the compiled-ready rules."""

    facts_dir: Path
    rules_dir: Path
    tables: dict[str, dict[str, Record]] = field(default_factory=dict)
    suspensions: list[Record] = field(default_factory=list)
    rules: list[Any] = field(default_factory=list)  # rules.model.Rule: typed loosely, no cycle
    _country_names: CountryNames | None = None

    @property
    def countries(self) -> dict[str, Record]:
        return self.tables["countries"]

    @property
    def carriers(self) -> dict[str, Record]:
        return self.tables["carriers"]

    @property
    def services(self) -> dict[str, Record]:
        return self.tables["services"]

    @property
    def s10_indicators(self) -> dict[str, Record]:
        return self.tables["s10_indicators"]

    @property
    def stages(self) -> dict[str, Record]:
        return self.tables["stages"]

    @property
    def situations(self) -> dict[str, Record]:
        return self.tables["situations"]

    @property
    def advice(self) -> dict[str, Record]:
        return self.tables["advice"]

    @property
    def questions(self) -> dict[str, Record]:
        return self.tables["questions"]

    @property
    def columns(self) -> dict[str, Record]:
        """Spreadsheet headings per answer key (`facts/columns.toml`; empty if absent)."""
        return self.tables.get("columns", {})

    def records(self, table: str) -> list[Record]:
        """Every record of a table, keyed or not (suspensions have no ids)."""
        return self.suspensions if TABLES[table].key is None else list(self.tables[table].values())

    @property
    def country_names(self) -> CountryNames:
        """The country-name look-up (`knowledge/names.py`), its indexes built on first use."""
        if self._country_names is None:
            self._country_names = CountryNames(self.countries, self.tables.get("country_names", {}))
        return self._country_names

    def find_country(self, given: str) -> str:
        """The ISO code for a code or a name as written; `UnknownName` with suggestions."""
        if given.strip().upper() in self.countries:
            return given.strip().upper()
        code = self.country_names.find(given)
        if code is not None:
            return code
        names = [f"{self.countries[c]['name']} ({c})" for c in self.country_names.suggest(given)]
        raise UnknownName("country", given, names)

    def find_carrier(self, given: str) -> str:
        """The carrier id for an id or name in any case; `UnknownName` with suggestions."""
        folded = fold(given)
        index = {fold(cid): cid for cid in self.carriers}
        index.update({fold(c["name"]): cid for cid, c in self.carriers.items()})
        for cid, carrier in self.carriers.items():
            for alias in carrier.get("aliases", []):
                index.setdefault(fold(alias), cid)
        if folded in index:
            return index[folded]
        close = closest(folded, index, n=3)
        raise UnknownName("carrier", given, sorted({index[c] for c in close}))

    def choices(self, question: Record) -> list[Record]:
        """The choices of a choice question, inline or drawn from a facts table."""
        source = question.get("choices_from")
        if source == "stages":
            return [
                {"value": sid, "label": s["title"], "wording": s["wording"]}
                for sid, s in self.stages.items()
            ]
        if source == "services":
            listed = [{"value": sid, "label": s["name"]} for sid, s in self.services.items()]
            return [*listed, {"value": "unknown", "label": "I don't know"}]
        return list(question.get("choice", []))


def default_dirs(facts: Path | None, rules: Path | None) -> tuple[Path, Path]:
    return facts or shipped_dir("facts"), rules or shipped_dir("rules")


_CACHE: dict[tuple[Path, Path], KnowledgeBase] = {}


def load(facts_dir: Path | None = None, rules_dir: Path | None = None) -> KnowledgeBase:
    """The checked knowledge base, loaded once per process; `KnowledgeError` if broken."""
    facts_dir, rules_dir = default_dirs(facts_dir, rules_dir)
    cache_key = (facts_dir.resolve(), rules_dir.resolve())
    if cache_key not in _CACHE:
        kb, problems = check(facts_dir, rules_dir)
        if problems:
            raise KnowledgeError(problems)
        _CACHE[cache_key] = kb
    return _CACHE[cache_key]


def check(facts_dir: Path, rules_dir: Path) -> tuple[KnowledgeBase, list[Problem]]:
    """Load everything and return the knowledge base with *every* problem found."""
    from parcel_doctor.rules import model as rules_module

    problems: list[Problem] = []
    kb = KnowledgeBase(facts_dir, rules_dir)
    for label, folder in (("facts", facts_dir), ("rules", rules_dir)):
        if not folder.is_dir():
            problems.append(Problem(str(folder), None, "", f"the {label} folder does not exist"))
    if problems:
        return kb, problems
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
    kb.rules = rules_module.load_rules(rules_dir, kb, problems)
    return kb, problems


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
