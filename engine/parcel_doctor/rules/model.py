"""The rule model: parsing `rules/*.toml`, checking rules against the facts, and stratifying.

A rule file holds `[[rule]]` entries; `rules/README.md` documents the syntax for
trainers. This module turns them into `Rule` objects the compiler (`inference.compiler`)
translates into durable_rules definitions, and reports every problem with file, line
and key: unknown fact kinds or fields, values outside a vocabulary, unknown situation
or advice ids, rules that can never fire, and negation cycles.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parcel_doctor.knowledge.schema import RENAMED, TABLES
from parcel_doctor.knowledge.toml_source import Problem, TomlError, TomlSource, read_toml
from parcel_doctor.text import did_you_mean

if TYPE_CHECKING:
    from parcel_doctor.knowledge.loader import KnowledgeBase

OPERATORS = {
    "is": "equals",
    "not": "differs from",
    "in": "is one of",
    "not_in": "is none of",
    "more_than": "is more than",
    "at_least": "is at least",
    "less_than": "is less than",
    "at_most": "is at most",
    "known": "is known",
}
RULE_KEYS = ("id", "title", "explanation", "source", "when", "unless", "then")
THEN_KEYS = ("situation", "advice", "ask", "due", "fact")
CONCLUSION_KINDS = ("situation", "advice", "question")
BASE_KINDS = ("shipment", "tracking_number", "limits")
ANY = None  # a field whose values are not a closed vocabulary


@dataclass(frozen=True)
class Ref:
    """A value taken from another fact the rule matched: `$label.field`."""

    label: str
    field: str

    def __str__(self) -> str:
        return f"${self.label}.{self.field}"


Value = Any  # str | int | bool | Ref | list of those


@dataclass(frozen=True)
class FieldTest:
    """One test on one field of a fact: `field <op> value`."""

    field: str
    op: str
    value: Value

    def describe(self) -> str:
        if self.op == "known":
            return f"{self.field} is {'known' if self.value else 'not known'}"
        shown = ", ".join(map(str, self.value)) if isinstance(self.value, list) else self.value
        return f"{self.field} {OPERATORS[self.op]} {shown}"


@dataclass(frozen=True)
class Condition:
    """A pattern one fact must match (in `when`) or no fact may match (in `unless`)."""

    label: str
    kind: str
    tests: tuple[FieldTest, ...]

    def describe(self) -> str:
        body = " and ".join(t.describe() for t in self.tests)
        name = self.kind if self.label == self.kind else f"{self.label} ({self.kind})"
        return f"{name}: {body}" if body else f"{name} exists"

    def names(self) -> set[str] | None:
        """For conclusion kinds: the `name` values this condition can match (None: any)."""
        for test in self.tests:
            if test.field == "name" and test.op == "is" and isinstance(test.value, str):
                return {test.value}
            if test.field == "name" and test.op == "in":
                return set(test.value)
        return None


@dataclass(frozen=True)
class FactSpec:
    """A fact a rule derives: fixed or referenced fields, or records looked up in a table
    (by `key`, one record; by `where`, every record whose fields match)."""

    kind: str
    fields: dict[str, Value]
    table: str | None = None
    key: Value = None
    where: dict[str, Value] = field(default_factory=dict)


@dataclass(frozen=True)
class Due:
    """The date a rule attaches to its advice: a date fact plus a number of days."""

    start: Ref
    days: int | Ref


@dataclass
class Rule:
    id: str
    title: str
    explanation: str
    source: str
    file: str
    line: int | None
    when: list[Condition]
    unless: list[Condition]
    situations: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)
    ask: list[str] = field(default_factory=list)
    due: Due | None = None
    facts: list[FactSpec] = field(default_factory=list)
    layer: int = 1

    def produces(self) -> set[tuple[str, str | None]]:
        """(kind, name) pairs this rule can assert; name is None for derived facts."""
        made: set[tuple[str, str | None]] = {("situation", s) for s in self.situations}
        made |= {("advice", a) for a in self.advice}
        made |= {("question", q) for q in self.ask}
        made |= {(f.kind, None) for f in self.facts}
        return made

    def conclusions(self) -> list[str]:
        out = [f"situation {s}" for s in self.situations]
        out += [f"advice {a}" for a in self.advice]
        out += [f"question {q}" for q in self.ask]
        out += [f"fact {f.kind}" for f in self.facts]
        return out


# --------------------------------------------------------------------------- parsing


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
        if when is None or unless is None or not ok:
            return None
        rule = Rule(
            id=entry["id"],
            title=entry["title"],
            explanation=entry["explanation"].strip(),
            source=entry["source"],
            file=str(self.source.path),
            line=self.source.line_of("rule", self.index),
            when=when,
            unless=unless,
        )
        return rule if self.then(rule, then) else None

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

    def then(self, rule: Rule, then: dict[str, Any]) -> bool:
        ok = True
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
                target = {"situation": rule.situations, "advice": rule.advice, "ask": rule.ask}
                target[key].extend(items)
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
                    rule.due = Due(due, days)
            elif key == "fact":
                ok = self.facts(rule, raw) and ok
        return ok

    def facts(self, rule: Rule, raw: object) -> bool:
        if not isinstance(raw, dict):
            self.problem("then.fact", "must be a table: fact.KIND = { field = value }", "then")
            return False
        for kind, spec in raw.items():
            if not isinstance(spec, dict):
                self.problem(f"then.fact.{kind}", "must be a table of fields", "then")
                return False
            fields = {
                k: self.value(v) for k, v in spec.items() if k not in ("from", "key", "where")
            }
            table = spec.get("from")
            if table is not None and table not in TABLES:
                self.problem(
                    f"then.fact.{kind}.from",
                    f"unknown table {table!r}; tables: "
                    f"{', '.join(t for t in TABLES if TABLES[t].key)}",
                    "then",
                )
                return False
            where = spec.get("where", {})
            keyed = table is not None and TABLES[table].key is not None
            if table is not None and (("key" in spec) != keyed or (not keyed and not where)):
                need = "a `key`" if keyed else "`where = { field = value }` (it has no ids)"
                self.problem(f"then.fact.{kind}", f"`from = {table!r}` needs {need}", "then")
                return False
            if not isinstance(where, dict):
                self.problem(f"then.fact.{kind}.where", "must be a table of fields", "then")
                return False
            rule.facts.append(
                FactSpec(
                    kind,
                    fields,
                    table,
                    self.value(spec.get("key")),
                    {k: self.value(v) for k, v in where.items()},
                )
            )
        return True


# --------------------------------------------------------------------------- vocabulary


def fact_kinds(kb: KnowledgeBase, rules: list[Rule]) -> dict[str, dict[str, set[Any] | None]]:
    """Every fact kind a rule may test, with its fields and each field's allowed values."""
    kinds: dict[str, dict[str, set[Any] | None]] = {}
    shipment: dict[str, set[Any] | None] = {"today": ANY}
    for qid, question in kb.questions.items():
        shipment[qid] = _answer_values(kb, question)
        if question["kind"] == "date":
            shipment[f"days_since_{qid}"] = ANY
    kinds["shipment"] = shipment
    kinds["tracking_number"] = {
        "number": ANY,
        "valid": {True, False},
        "format": {"s10", "unknown", *kb.carriers},
        "service_indicator": ANY,
        "service_class": set(kb.services),
        "tracked_beyond_export": {True, False},
        "origin": set(kb.countries),
        "carrier": set(kb.carriers),
    }
    kinds["limits"] = {lid: ANY for lid in kb.tables["limits"]}
    for kind in CONCLUSION_KINDS:
        table = {"situation": "situations", "advice": "advice", "question": "questions"}[kind]
        kinds[kind] = {"name": set(kb.tables[table])}
    kinds["advice"]["due"] = ANY
    for rule in rules:
        for spec in rule.facts:
            fields = kinds.setdefault(spec.kind, {})
            if spec.table:
                fields.update(_table_fields(spec.table))
            for name, value in spec.fields.items():
                known = {value} if isinstance(value, (str, int, bool)) else ANY
                if name in fields and fields[name] is not ANY and known is not ANY:
                    fields[name] = (fields[name] or set()) | known
                else:
                    fields[name] = known if name not in fields else ANY
    return kinds


def _answer_values(kb: KnowledgeBase, question: dict[str, Any]) -> set[Any] | None:
    kind = question["kind"]
    if kind == "choice":
        return {c["value"] for c in kb.choices(question)}
    if kind == "yes-no":
        return {True, False}
    if kind == "country":
        return set(kb.countries)
    if kind == "carrier":
        return set(kb.carriers)
    return ANY


def _table_fields(table: str) -> dict[str, set[Any] | None]:
    """The testable (scalar) fields of a table's records; `id` is called `key` in facts."""
    fields: dict[str, set[Any] | None] = {}
    for name, spec in TABLES[table].fields.items():
        if spec.type is list or spec.type is dict:
            continue
        name = RENAMED.get(name, name)
        fields[name] = set(spec.choices) if spec.choices else ANY
        if spec.type is dt.date:
            fields[f"days_since_{name}"] = ANY
    return fields


# --------------------------------------------------------------------------- checking


def load_rules(rules_dir: Path, kb: KnowledgeBase, problems: list[Problem]) -> list[Rule]:
    """Parse every `*.toml` in `rules_dir`, check it against the facts, and stratify."""
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
    seen: dict[str, Rule] = {}
    unique = []
    for rule in rules:
        if rule.id in seen:
            first = seen[rule.id]
            problems.append(
                Problem(
                    rule.file,
                    rule.line,
                    "rule.id",
                    f"duplicate rule id {rule.id!r} (first at {first.file}:{first.line})",
                )
            )
        else:
            seen[rule.id] = rule
            unique.append(rule)
    if kb.tables.get("questions") is None or kb.tables.get("situations") is None:
        return unique
    kinds = fact_kinds(kb, unique)
    for rule in unique:
        _check_rule(rule, kb, kinds, problems)
    _check_reachability(unique, kb, problems)
    _stratify(unique, problems)
    return unique


def _check_rule(
    rule: Rule,
    kb: KnowledgeBase,
    kinds: dict[str, dict[str, set[Any] | None]],
    problems: list[Problem],
) -> None:
    def report(key: str, message: str) -> None:
        problems.append(Problem(rule.file, rule.line, f"rule {rule.id}: {key}", message))

    labels: dict[str, str] = {}
    for part, conditions in (("when", rule.when), ("unless", rule.unless)):
        for cond in conditions:
            if cond.kind not in kinds:
                report(
                    f"{part}.{cond.label}",
                    f"unknown fact kind {cond.kind!r}"
                    f"{did_you_mean(cond.kind, kinds)}; kinds: {', '.join(sorted(kinds))}",
                )
                continue
            if part == "when":
                labels[cond.label] = cond.kind
            fields = kinds[cond.kind]
            for test in cond.tests:
                key = f"{part}.{cond.label}.{test.field}"
                if test.field not in fields:
                    report(
                        key,
                        f"{cond.kind} has no field {test.field!r}"
                        f"{did_you_mean(test.field, fields)}; fields: {', '.join(sorted(fields))}",
                    )
                    continue
                for value in test.value if isinstance(test.value, list) else [test.value]:
                    if isinstance(value, Ref) and part == "unless":
                        report(
                            key,
                            f"{value}: an `unless` pattern cannot refer to another "
                            "fact; test fixed values",
                        )
                    elif isinstance(value, Ref):
                        _check_ref(value, labels, kinds, report, key)
                    elif test.op in ("is", "not", "in", "not_in"):
                        allowed = fields[test.field]
                        if allowed is not ANY and value not in allowed:
                            shown = ", ".join(sorted(map(str, allowed)))
                            report(
                                key,
                                f"{value!r} is not a value {cond.kind}.{test.field} "
                                f"can take{did_you_mean(str(value), map(str, allowed))}; "
                                f"values: {shown}",
                            )
    for sid in rule.situations:
        if sid not in kb.situations:
            report("then.situation", f"unknown situation {sid!r}{did_you_mean(sid, kb.situations)}")
    for aid in rule.advice:
        if aid not in kb.advice:
            report("then.advice", f"unknown advice {aid!r}{did_you_mean(aid, kb.advice)}")
    for qid in rule.ask:
        if qid not in kb.questions:
            report("then.ask", f"unknown question {qid!r}{did_you_mean(qid, kb.questions)}")
    refs: list[tuple[str, Any]] = []
    if rule.due:
        refs += [("then.due.from", rule.due.start), ("then.due.days", rule.due.days)]
        if not rule.advice:
            report("then.due", "a due date needs advice to attach to")
    for spec in rule.facts:
        values = (*spec.fields.values(), spec.key, *spec.where.values())
        refs += [(f"then.fact.{spec.kind}", v) for v in values]
        for name in spec.where:
            if spec.table and name not in _table_fields(spec.table):
                report(f"then.fact.{spec.kind}.where", f"{spec.table} has no field {name!r}")
        if spec.kind in BASE_KINDS or spec.kind in CONCLUSION_KINDS or spec.kind == "phase":
            report(f"then.fact.{spec.kind}", "this kind is reserved; derive a kind of your own")
    for key, value in refs:
        if isinstance(value, Ref):
            _check_ref(value, labels, kinds, report, key)


def _check_ref(
    ref: Ref, labels: dict[str, str], kinds: dict[str, Any], report: Any, key: str
) -> None:
    if ref.label not in labels:
        report(key, f"{ref} names {ref.label!r}, which is not a fact matched in `when`")
    elif ref.field not in kinds[labels[ref.label]]:
        report(key, f"{ref}: {labels[ref.label]} has no field {ref.field!r}")


def _check_reachability(rules: list[Rule], kb: KnowledgeBase, problems: list[Problem]) -> None:
    """Rules that can never fire, and situations and advice no rule gives."""
    produced = {kind for kind, _ in set().union(*(r.produces() for r in rules))} if rules else set()
    named = set().union(*(r.produces() for r in rules)) if rules else set()
    for rule in rules:
        for cond in rule.when:
            if cond.kind in BASE_KINDS:
                continue
            names = cond.names()
            if cond.kind not in produced or (
                names is not None
                and cond.kind in CONCLUSION_KINDS
                and not any((cond.kind, n) in named for n in names)
            ):
                what = f"{cond.kind} {'/'.join(sorted(names))}" if names else cond.kind
                problems.append(
                    Problem(
                        rule.file,
                        rule.line,
                        f"rule {rule.id}: when.{cond.label}",
                        f"can never fire: no rule concludes {what}",
                    )
                )
    for table, kind in (("situations", "situation"), ("advice", "advice")):
        for ident in kb.tables[table]:
            if (kind, ident) not in named:
                problems.append(
                    Problem(
                        str(kb.facts_dir / f"{table}.toml"),
                        None,
                        f"{kind} {ident}",
                        "no rule concludes it",
                    )
                )


def _stratify(rules: list[Rule], problems: list[Problem]) -> None:
    """Give each rule a layer so negated facts are complete before the rule is tested.

    durable_rules has no truth maintenance (see shared notes, point 8): a rule with
    `unless` must run only after every rule that could assert what it negates.
    """

    def producers(cond: Condition) -> list[Rule]:
        names = cond.names() if cond.kind in CONCLUSION_KINDS else None
        return [
            r
            for r in rules
            if any(k == cond.kind and (names is None or n in names) for k, n in r.produces())
        ]

    deps = {
        r.id: (
            [p for c in r.when for p in producers(c)],
            [p for c in r.unless for p in producers(c)],
        )
        for r in rules
    }
    while True:
        changed = False
        for rule in rules:
            positive, negative = deps[rule.id]
            need = max([p.layer for p in positive] + [p.layer + 1 for p in negative] + [1])
            if need > rule.layer:
                rule.layer = need
                changed = True
        if not changed:
            return
        if max(r.layer for r in rules) > len(rules):
            break
    stuck = sorted(r.id for r in rules if r.layer > len(rules))
    problems.append(
        Problem(
            rules[0].file if rules else "",
            None,
            "unless",
            "rules negate each other's conclusions in a cycle, so no order "
            f"makes them sound: {', '.join(stuck)}",
        )
    )
