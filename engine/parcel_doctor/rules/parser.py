"""Reading `rules/*.toml` into `Rule` objects, collecting every problem with file, line
and key instead of stopping at the first. What the rules *mean* (fact kinds, fields,
ids) is checked against the facts later (`knowledge.rule_checks`); here only the shape.

Any TOML is accepted without a crash: a plain value where a table belongs, a table
where a list belongs, a list of tables where a value belongs are each one problem at
the line that holds them. A rule with a problem is left out, but what it would have
concluded is remembered (`RuleFiles.intended`) so that no other rule or entry is
reported as unreachable because of it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parcel_doctor.rules.model import (
    Condition,
    Due,
    FactSpec,
    FieldTest,
    Offset,
    Ref,
    Rule,
    Value,
)
from parcel_doctor.rules.vocabulary import (
    DATE_TESTS,
    ENGINE_NAMES,
    OPERATORS,
    RULE_KEYS,
    THEN_KEYS,
    TODAY,
)
from parcel_doctor.text import did_you_mean
from parcel_doctor.toml_source import Problem, TomlError, TomlSource, read_toml

SCALARS = (str, int, float, bool, dt.date)
VALUE_HINT = "must be text, a number, true or false, a date, or $fact.field"
_REF = r"\$[A-Za-z0-9][\w-]*\.[A-Za-z0-9][\w-]*"
# `$a.date + 30`, `today - $b.days`, `$a.days + $b.days`: spaces around the sign (names
# may hold `-`).
_OFFSET = re.compile(rf"(?P<base>{_REF}|{TODAY})\s+(?P<sign>[+-])\s+(?P<days>{_REF}|\d+)")
NUMBER_TESTS = ("more_than", "at_least", "less_than", "at_most")


@dataclass
class RuleFiles:
    """The rules read from a folder, and what the rules left out would have concluded."""

    rules: list[Rule] = field(default_factory=list)
    intended: set[tuple[str, str | None]] = field(default_factory=set)


def parse_rule_files(rules_dir: Path, problems: list[Problem]) -> RuleFiles:
    """Every rule in every `*.toml` of `rules_dir`, in file order; problems appended."""
    out = RuleFiles()
    files = sorted(rules_dir.glob("*.toml"))
    if not files:
        problems.append(Problem(str(rules_dir), None, "", "holds no rule files (*.toml)"))
    for path in files:
        try:
            source = read_toml(path)
        except TomlError as error:
            problems.append(error.problem)
            continue
        _Parser(source, problems, out).rules()
    return out


class _Broken(Exception):
    """A part of a rule that cannot be used (its problem is already reported)."""


class _Parser:
    """Parses one rule file, collecting problems instead of stopping at the first."""

    def __init__(self, source: TomlSource, problems: list[Problem], out: RuleFiles) -> None:
        self.source = source
        self.problems = problems
        self.out = out
        self.index = 0
        self.places: dict[str, int] = {}
        self.ok = True

    def line(self, key: str) -> int | None:
        if key not in self.places:
            line = self.source.line_of("rule", self.index, key)
            if line is not None:
                self.places[key] = line
        return self.places.get(key)

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(str(self.source.path), self.line(key), f"rule.{key}", message))
        self.ok = False

    def rules(self) -> None:
        path = str(self.source.path)
        for key in self.source.data:
            if key != "rule":
                self.problems.append(Problem(path, None, key, "unknown table; use [[rule]]"))
        raw = self.source.data.get("rule", [])
        if not isinstance(raw, list):
            self.problems.append(Problem(path, None, "rule", "must be [[rule]] entries"))
            return
        for self.index, entry in enumerate(raw):
            self.places, self.ok = {}, True
            if not isinstance(entry, dict):
                line = self.source.line_of("rule", self.index)
                self.problems.append(Problem(path, line, "rule", "must be a [[rule]] table"))
                continue
            rule = self.rule(entry)
            if rule is not None:
                self.out.rules.append(rule)

    def rule(self, entry: dict[str, Any]) -> Rule | None:
        for key in entry:
            if key not in RULE_KEYS:
                self.problem(
                    key, f"unknown key{did_you_mean(key, RULE_KEYS)}; known: {', '.join(RULE_KEYS)}"
                )
        for key in ("id", "title", "explanation", "source"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                self.problem(key, "is required (text)")
        when = self.conditions(entry.get("when", {}), "when")
        unless = self.conditions(entry.get("unless", {}), "unless")
        if "unless_situation" in entry and unless is not None:
            unless.append(self.unless_situation(entry["unless_situation"]))
        if "when" not in entry or (isinstance(entry["when"], dict) and not entry["when"]):
            self.problem("when", "a rule needs at least one condition in `when`")
        then = entry.get("then")
        conclusions = self.then(then) if isinstance(then, dict) and then else None
        if conclusions is None and not (isinstance(then, dict) and then):
            self.problem("then", "a rule needs a `then` table with at least one conclusion")
        if when is None or unless is None or conclusions is None or not self.ok:
            return None
        for key in ("id", "title", "explanation", "source"):
            self.line(key)
        return Rule(
            id=entry["id"],
            title=entry["title"],
            explanation=entry["explanation"].strip(),
            source=entry["source"],
            file=str(self.source.path),
            line=self.source.line_of("rule", self.index),
            when=tuple(when),
            unless=tuple(unless),
            **conclusions,
            places=dict(self.places),
        )

    def conditions(self, raw: object, where: str) -> list[Condition] | None:
        """The patterns of `when` or `unless`; None if any is broken (all are checked)."""
        if not isinstance(raw, dict):
            self.problem(where, "must be a table of fact patterns")
            return None
        out: list[Condition] | None = []
        for label, pattern in raw.items():
            key = f"{where}.{label}"
            self.line(key)
            try:
                condition = self.condition(key, label, pattern)
            except _Broken:
                out = None
                continue
            if out is not None:
                out.append(condition)
        return out

    def unless_situation(self, raw: object) -> Condition:
        """`unless_situation = ["a", "b"]`: unless one of these situations was concluded."""
        names = [raw] if isinstance(raw, str) else raw
        self.line("unless_situation")
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            self.problem("unless_situation", "must be a situation id or a list of them")
            names = []
        test = FieldTest("name", "in", list(names)) if len(names) != 1 else None
        return Condition(
            "unless_situation",
            "situation",
            (test or FieldTest("name", "is", names[0]),),
        )

    def condition(self, key: str, label: str, pattern: object) -> Condition:
        if not isinstance(pattern, dict):
            self.problem(
                key, f'must be a table of field tests, e.g. {label} = {{ field = "value" }}'
            )
            raise _Broken
        kind = pattern.get("fact", label)
        if not isinstance(kind, str):
            self.problem(f"{key}.fact", "must be a fact kind (text)")
            raise _Broken
        tests: list[FieldTest] = []
        broken = False
        for name, spec in pattern.items():
            if name == "fact":
                continue
            try:
                tests += self.tests(f"{key}.{name}", name, spec)
            except _Broken:
                broken = True
        if broken:
            raise _Broken
        return Condition(label, kind, tuple(tests))

    def tests(self, key: str, name: str, spec: object) -> list[FieldTest]:
        self.line(key)
        name = ENGINE_NAMES.get(name, name)
        if not isinstance(spec, dict):
            return [FieldTest(name, "is", self.value(key, spec))]
        tests = []
        for op, value in spec.items():
            if op not in OPERATORS:
                self.problem(
                    key,
                    f"unknown test {op!r}{did_you_mean(op, OPERATORS)}; "
                    f"tests: {', '.join(OPERATORS)}",
                )
                raise _Broken
            if op in ("in", "not_in"):
                if not isinstance(value, list) or not value:
                    self.problem(key, f"`{op}` takes a list of values")
                    raise _Broken
                tests.append(FieldTest(name, op, [self.value(key, v) for v in value]))
            elif op == "known":
                if not isinstance(value, bool):
                    self.problem(key, "`known` takes true or false")
                    raise _Broken
                tests.append(FieldTest(name, op, value))
            elif op in DATE_TESTS:
                tests.append(FieldTest(name, op, self.date(key, op, value)))
            elif op in NUMBER_TESTS and isinstance(value, str) and _OFFSET.fullmatch(value):
                tests.append(FieldTest(name, op, self.number_offset(key, op, value)))
            else:
                tests.append(FieldTest(name, op, self.value(key, value)))
        return tests

    def date(self, key: str, op: str, raw: object) -> Value:
        """What a date test compares with: `today` or `$fact.date`, optionally plus or
        minus days (a whole number or `$fact.field`)."""
        if raw == TODAY:
            return TODAY
        if isinstance(raw, str) and re.fullmatch(_REF, raw):
            return self.value(key, raw)
        if isinstance(raw, str) and _OFFSET.fullmatch(raw.strip()):
            return self.offset(key, raw.strip())
        self.problem(
            key,
            f'`{op}` compares with another date field ($fact.field) or "{TODAY}", '
            'optionally plus or minus days ("$fact.date + 30", "today - $fact.days"), '
            f"not {_shown(raw)}",
        )
        raise _Broken

    def number_offset(self, key: str, op: str, raw: str) -> Offset:
        """`$fact.field + N` (or `- $fact.field`) in a number test."""
        offset = self.offset(key, raw)
        if offset.base == TODAY:
            self.problem(key, f"`{op}` compares numbers; {TODAY!r} is a date ({raw!r})")
            raise _Broken
        return offset

    def offset(self, key: str, raw: str) -> Offset:
        match = _OFFSET.fullmatch(raw)
        assert match is not None  # callers matched it
        base, days = match["base"], match["days"]
        return Offset(
            TODAY if base == TODAY else self.value(key, base),
            1 if match["sign"] == "+" else -1,
            int(days) if days.isdigit() else self.value(key, days),
        )

    def value(self, key: str, raw: Any) -> Value:
        """One value a rule tests or writes: a scalar or a `$label.field` reference."""
        if isinstance(raw, str) and raw.startswith("$"):
            label, _, name = raw[1:].partition(".")
            return Ref(label, ENGINE_NAMES.get(name, name))
        if isinstance(raw, dt.date):
            return raw.isoformat()
        if isinstance(raw, dt.time) or not isinstance(raw, SCALARS):
            self.problem(key, f"{VALUE_HINT}, not {_shown(raw)}")
            raise _Broken
        return raw

    def then(self, then: dict[str, Any]) -> dict[str, Any] | None:
        """The conclusions as `Rule` keyword arguments, or None if any is malformed."""
        out: dict[str, Any] = {"situations": (), "advice": (), "ask": (), "facts": ()}
        ok = True
        for key, raw in then.items():
            place = f"then.{key}"
            self.line(place)
            if key not in THEN_KEYS:
                self.problem(
                    place,
                    f"unknown conclusion{did_you_mean(key, THEN_KEYS)}; "
                    f"known: {', '.join(THEN_KEYS)}",
                )
                ok = False
            elif key in ("situation", "advice", "ask"):
                items = [raw] if isinstance(raw, str) else raw
                if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                    self.problem(place, "must be an id or a list of ids")
                    ok = False
                    continue
                target = {"situation": "situations", "advice": "advice", "ask": "ask"}[key]
                out[target] = (*out[target], *items)
                self.out.intended |= {({"ask": "question"}.get(key, key), i) for i in items}
            elif key == "due":
                try:
                    out["due"] = self.due(raw)
                except _Broken:
                    ok = False
            elif key == "fact":
                try:
                    out["facts"] = self.facts(raw)
                except _Broken:
                    ok = False
        return out if ok else None

    def due(self, raw: object) -> Due:
        shape = (
            'must be { from = "$fact.date_field", days = N or "$fact.field" } '
            "(or months = N, or both: days first, then calendar months; latest = true where "
            "the date is only the latest it can be)"
        )
        if (
            not isinstance(raw, dict)
            or "from" not in raw
            or not ({"days", "months"} & set(raw))
            or set(raw) - {"from", "days", "months", "latest"}
            or not isinstance(raw.get("latest", False), bool)
        ):
            self.problem("then.due", shape)
            raise _Broken
        start = self.value("then.due", raw["from"])
        days = self.value("then.due", raw.get("days", 0))
        months = self.value("then.due", raw.get("months", 0))
        if not isinstance(start, Ref) or not all(
            isinstance(n, (int, Ref)) and not isinstance(n, bool) for n in (days, months)
        ):
            self.problem("then.due", shape)
            raise _Broken
        return Due(start, days, months, raw.get("latest", False))

    def facts(self, raw: object) -> tuple[FactSpec, ...]:
        if not isinstance(raw, dict):
            self.problem("then.fact", "must be a table: fact.KIND = { field = value }")
            raise _Broken
        out = []
        broken = False
        for kind, spec in raw.items():
            place = f"then.fact.{kind}"
            self.line(place)
            self.out.intended.add((kind, None))
            try:
                out.append(self.fact(place, kind, spec))
            except _Broken:
                broken = True
        if broken:
            raise _Broken
        return tuple(out)

    def fact(self, place: str, kind: str, spec: object) -> FactSpec:
        if not isinstance(spec, dict):
            self.problem(place, "must be a table of fields")
            raise _Broken
        table = spec.get("from")
        if table is not None and not isinstance(table, str):
            self.problem(f"{place}.from", "must be a table name (text)")
            raise _Broken
        where = spec.get("where", {})
        if not isinstance(where, dict):
            self.problem(f"{place}.where", "must be a table of fields")
            raise _Broken
        broken = False

        def values(pairs: dict[str, Any], at: str) -> dict[str, Value]:
            nonlocal broken
            out: dict[str, Value] = {}
            for name, value in pairs.items():
                try:
                    out[name] = self.value(f"{at}.{name}", value)
                except _Broken:
                    broken = True
            return out

        written = {k: v for k, v in spec.items() if k not in ("from", "key", "where")}
        fields = values({ENGINE_NAMES.get(k, k): v for k, v in written.items()}, place)
        if len(fields) < len(written) and not broken:
            self.problem(place, "names one field twice (`id` is `key`, `kind` is `type`)")
            raise _Broken
        found = values(where, f"{place}.where")
        key = values({"key": spec["key"]}, place).get("key") if "key" in spec else None
        if broken:
            raise _Broken
        return FactSpec(kind, fields, table, key, found)


def _shown(value: object) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value)
