"""Reading `rules/*.toml` into `Rule` objects, collecting every problem with file, line
and key instead of stopping at the first. What the rules *mean* (fact kinds, fields,
ids) is checked against the facts later (`knowledge.rule_checks`); here only the shape.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from parcel_doctor.rules.model import Condition, Due, FactSpec, FieldTest, Ref, Rule, Value
from parcel_doctor.rules.vocabulary import OPERATORS, RULE_KEYS, THEN_KEYS
from parcel_doctor.text import did_you_mean
from parcel_doctor.toml_source import Problem, TomlError, TomlSource, read_toml


def parse_rule_files(rules_dir: Path, problems: list[Problem]) -> list[Rule]:
    """Every rule in every `*.toml` of `rules_dir`, in file order; problems appended."""
    rules: list[Rule] = []
    files = sorted(rules_dir.glob("*.toml"))
    if not files:
        problems.append(Problem(str(rules_dir), None, "", "holds no rule files (*.toml)"))
    for path in files:
        try:
            source = read_toml(path)
        except TomlError as error:
            problems.append(error.problem)
            continue
        rules += _Parser(source, problems).rules()
    return rules


class _Parser:
    """Parses one rule file, collecting problems instead of stopping at the first."""

    def __init__(self, source: TomlSource, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        self.index = 0

    def problem(self, key: str, message: str, line_key: str | None = None) -> None:
        line = self.source.line_of("rule", self.index, line_key or key.split(".")[0])
        self.problems.append(Problem(str(self.source.path), line, f"rule.{key}", message))

    def rules(self) -> list[Rule]:
        out = []
        for key in self.source.data:
            if key != "rule":
                self.problems.append(
                    Problem(str(self.source.path), None, key, "unknown table; use [[rule]]")
                )
        raw = self.source.data.get("rule", [])
        for self.index, entry in enumerate(raw if isinstance(raw, list) else []):
            rule = self.rule(entry)
            if rule is not None:
                out.append(rule)
        return out

    def rule(self, entry: dict[str, Any]) -> Rule | None:
        ok = True
        for key in entry:
            if key not in RULE_KEYS:
                self.problem(
                    key, f"unknown key{did_you_mean(key, RULE_KEYS)}; known: {', '.join(RULE_KEYS)}"
                )
                ok = False
        for key in ("id", "title", "explanation", "source"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                self.problem(key, "is required (text)", line_key=key)
                ok = False
        when = self.conditions(entry.get("when", {}), "when")
        unless = self.conditions(entry.get("unless", {}), "unless")
        if not when:
            self.problem("when", "a rule needs at least one condition in `when`")
            ok = False
        then = entry.get("then")
        if not isinstance(then, dict) or not then:
            self.problem("then", "a rule needs a `then` table with at least one conclusion")
            return None
        conclusions = self.then(then)
        if when is None or unless is None or conclusions is None or not ok:
            return None
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
        )

    def conditions(self, raw: object, where: str) -> list[Condition] | None:
        if not isinstance(raw, dict):
            self.problem(where, "must be a table of fact patterns")
            return None
        out = []
        for label, pattern in raw.items():
            if not isinstance(pattern, dict):
                self.problem(
                    f"{where}.{label}",
                    f'must be a table of field tests, e.g. {label} = {{ field = "value" }}',
                    line_key=where,
                )
                return None
            kind = pattern.get("fact", label)
            if not isinstance(kind, str):
                self.problem(f"{where}.{label}.fact", "must be a fact kind (text)", where)
                return None
            tests = []
            for name, spec in pattern.items():
                if name == "fact":
                    continue
                parsed = self.tests(f"{where}.{label}.{name}", name, spec, where)
                if parsed is None:
                    return None
                tests += parsed
            out.append(Condition(label, kind, tuple(tests)))
        return out

    def tests(self, key: str, name: str, spec: object, where: str) -> list[FieldTest] | None:
        if not isinstance(spec, dict):
            return [FieldTest(name, "is", self.value(spec))]
        tests = []
        for op, value in spec.items():
            if op not in OPERATORS:
                self.problem(
                    key,
                    f"unknown test {op!r}{did_you_mean(op, OPERATORS)}; "
                    f"tests: {', '.join(OPERATORS)}",
                    line_key=where,
                )
                return None
            if op in ("in", "not_in") and not isinstance(value, list):
                self.problem(key, f"`{op}` takes a list", line_key=where)
                return None
            if op == "known" and not isinstance(value, bool):
                self.problem(key, "`known` takes true or false", line_key=where)
                return None
            tests.append(FieldTest(name, op, self.value(value)))
        return tests

    def value(self, raw: Any) -> Value:
        if isinstance(raw, list):
            return [self.value(v) for v in raw]
        if isinstance(raw, str) and raw.startswith("$"):
            label, _, name = raw[1:].partition(".")
            return Ref(label, name)
        if isinstance(raw, dt.date):
            return raw.isoformat()
        return raw

    def then(self, then: dict[str, Any]) -> dict[str, Any] | None:
        """The conclusions as `Rule` keyword arguments, or None if any is malformed."""
        ok = True
        out: dict[str, Any] = {"situations": (), "advice": (), "ask": (), "facts": ()}
        for key, raw in then.items():
            if key not in THEN_KEYS:
                self.problem(
                    f"then.{key}",
                    f"unknown conclusion{did_you_mean(key, THEN_KEYS)}; "
                    f"known: {', '.join(THEN_KEYS)}",
                    line_key="then",
                )
                ok = False
            elif key in ("situation", "advice", "ask"):
                items = [raw] if isinstance(raw, str) else raw
                if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                    self.problem(f"then.{key}", "must be an id or a list of ids", line_key="then")
                    ok = False
                    continue
                target = {"situation": "situations", "advice": "advice", "ask": "ask"}[key]
                out[target] = (*out[target], *items)
            elif key == "due":
                due = self.value(raw.get("from")) if isinstance(raw, dict) else None
                days = self.value(raw.get("days")) if isinstance(raw, dict) else None
                if not isinstance(due, Ref) or not isinstance(days, (int, Ref)):
                    self.problem(
                        "then.due",
                        'must be { from = "$fact.date_field", days = N or "$fact.field" }',
                        line_key="then",
                    )
                    ok = False
                else:
                    out["due"] = Due(due, days)
            elif key == "fact":
                facts = self.facts(raw)
                if facts is None:
                    ok = False
                else:
                    out["facts"] = facts
        return out if ok else None

    def facts(self, raw: object) -> tuple[FactSpec, ...] | None:
        if not isinstance(raw, dict):
            self.problem("then.fact", "must be a table: fact.KIND = { field = value }", "then")
            return None
        out = []
        for kind, spec in raw.items():
            if not isinstance(spec, dict):
                self.problem(f"then.fact.{kind}", "must be a table of fields", "then")
                return None
            fields = {
                k: self.value(v) for k, v in spec.items() if k not in ("from", "key", "where")
            }
            table = spec.get("from")
            if table is not None and not isinstance(table, str):
                self.problem(f"then.fact.{kind}.from", "must be a table name (text)", "then")
                return None
            where = spec.get("where", {})
            if not isinstance(where, dict):
                self.problem(f"then.fact.{kind}.where", "must be a table of fields", "then")
                return None
            out.append(
                FactSpec(
                    kind,
                    fields,
                    table,
                    self.value(spec.get("key")),
                    {k: self.value(v) for k, v in where.items()},
                )
            )
        return tuple(out)
