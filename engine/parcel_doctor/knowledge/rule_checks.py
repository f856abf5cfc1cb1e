"""The rules checked against the facts: every fact kind, field, value and id a rule names
must exist, every rule must be able to fire, and every situation and piece of advice
must be concluded by some rule. Problems carry the rule's file, line and key.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from parcel_doctor.knowledge.schema import RENAMED, TABLES
from parcel_doctor.knowledge.tables import Written
from parcel_doctor.rules.model import Condition, FactSpec, FieldTest, Offset, Ref, Rule
from parcel_doctor.rules.vocabulary import (
    BASE_KINDS,
    CONCLUSION_KINDS,
    DATE_TESTS,
    NAME,
    PHASE_KIND,
    RESERVED_FIELDS,
)
from parcel_doctor.text import did_you_mean
from parcel_doctor.toml_source import Problem

if TYPE_CHECKING:
    from parcel_doctor.knowledge.loader import KnowledgeBase

ANY = None  # a field whose values are not a closed vocabulary
FactKinds = dict[str, dict[str, set[Any] | None]]
Report = Callable[[str, str], None]


def fact_kinds(kb: KnowledgeBase, rules: list[Rule]) -> FactKinds:
    """Every fact kind a rule may test, with its fields and each field's allowed values."""
    kinds: FactKinds = {}
    shipment: dict[str, set[Any] | None] = {"today": ANY}
    for qid, question in kb.questions.items():
        shipment[qid] = _answer_values(kb, question)
        if question["kind"] == "date":
            shipment[f"days_since_{qid}"] = ANY
    for qid in kb.declared.get("questions", set()) - kb.questions.keys():
        # left out for a problem (reported): its answer is no unknown field elsewhere
        shipment[qid] = shipment[f"days_since_{qid}"] = ANY
    kinds["shipment"] = shipment
    kinds["tracking_number"] = {
        "number": ANY,
        "valid": {True, False},
        "format": {"unknown", *kb.number_formats},
        "service_indicator": ANY,
        "service_class": set(kb.services),
        "tracked_beyond_export": {True, False},
        "origin": set(kb.countries),
        "carrier": set(kb.carriers),
    }
    kinds["limits"] = {lid: ANY for lid in kb.tables["limits"]}
    for kind in CONCLUSION_KINDS:
        table = {"situation": "situations", "advice": "advice", "question": "questions"}[kind]
        kinds[kind] = {"name": _known(kb, table)}
    kinds["advice"]["due"] = ANY
    for rule in rules:
        for spec in rule.facts:
            fields = kinds.setdefault(spec.kind, {})
            if spec.table in TABLES:
                fields.update(_table_fields(spec.table))
            for name, value in spec.fields.items():
                known = {value} if isinstance(value, (str, int, bool)) else ANY
                if name in fields and fields[name] is not ANY and known is not ANY:
                    fields[name] = (fields[name] or set()) | known
                else:
                    fields[name] = known if name not in fields else ANY
    return kinds


def _answer_values(kb: KnowledgeBase, question: Mapping[str, Any]) -> set[Any] | None:
    kind = question["kind"]
    if kind == "choice":  # a choice whose value is broken is reported by the tables' checks
        return {c.get("value") for c in kb.choices(question) if isinstance(c.get("value"), str)}
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


def check_rules(
    kb: KnowledgeBase,
    rules: list[Rule],
    kinds: FactKinds,
    intended: set[tuple[str, str | None]],
    written: dict[str, Written],
    problems: list[Problem],
) -> None:
    """Check every rule against the facts (`kinds`: `fact_kinds(kb, rules)`) and report
    what no rule can reach. `intended` holds what rules left out for a problem would
    have concluded, so that one broken rule does not make others look unreachable."""
    for rule in rules:
        _check_rule(rule, kb, kinds, problems)
    _check_explanations(rules, problems)
    _check_reachability(rules, kb, intended, written, problems)


_HYPHENATED = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")
# the project's own review items ("review12", "R-R10"): no seller or learner can look them up
_REVIEW_ITEM = re.compile(r"\b[Rr]eview\d+|\b[A-Z]-R\d+\b")


def _check_explanations(rules: list[Rule], problems: list[Problem]) -> None:
    """An explanation is read by sellers ("because: ..." in every report, the
    interview's `?`) and learners (the handbook's "Why:"), so it names no rule id (other
    rules belong in `source`) and no review item (its history belongs in a comment)."""
    ids = {rule.id for rule in rules}
    for rule in rules:
        named = sorted(set(_HYPHENATED.findall(rule.explanation)) & ids)
        if named:
            problems.append(
                Problem(
                    rule.file,
                    rule.line_of("explanation"),
                    f"rule {rule.id}: explanation",
                    f"names rule {', '.join(named)}: sellers read explanations; say it in "
                    "words, and name the rule in `source`",
                )
            )
        for key, text in (("title", rule.title), ("explanation", rule.explanation)):
            item = _REVIEW_ITEM.search(text)
            if item:
                problems.append(
                    Problem(
                        rule.file,
                        rule.line_of(key),
                        f"rule {rule.id}: {key}",
                        f"names review item {item.group(0)!r}: sellers and learners read it; "
                        "keep the review's history in a TOML comment",
                    )
                )


def _known(kb: KnowledgeBase, table: str) -> set[str]:
    """The ids of a table, counting entries left out for a problem of their own."""
    return set(kb.tables.get(table, {})) | kb.declared.get(table, set())


def _check_rule(rule: Rule, kb: KnowledgeBase, kinds: FactKinds, problems: list[Problem]) -> None:
    def report(key: str, message: str) -> None:
        problems.append(Problem(rule.file, rule.line_of(key), f"rule {rule.id}: {key}", message))

    # every `when` fact may be named, in any order: the compiler matches the facts a
    # pattern names before it (inference/compiler.py, _ordered)
    labels = {c.label: c.kind for c in rule.when if c.kind in kinds and c.kind != PHASE_KIND}
    for part, conditions in (("when", rule.when), ("unless", rule.unless)):
        for cond in conditions:
            if not NAME.match(cond.label) or "__" in cond.label:
                report(f"{part}.{cond.label}", f"{cond.label!r} {_NAME_RULE}")
            if cond.kind == PHASE_KIND:
                report(f"{part}.{cond.label}", "the phase facts are the engine's own")
                continue
            if cond.kind not in kinds:
                report(
                    f"{part}.{cond.label}",
                    f"unknown fact kind {cond.kind!r}"
                    f"{did_you_mean(cond.kind, kinds)}; kinds: {', '.join(sorted(kinds))}",
                )
                continue
            fields = kinds[cond.kind]
            for test in cond.tests:
                _check_test(test, cond, part, fields, labels, kinds, report)
    for kind, table, key in (
        ("situation", "situations", "then.situation"),
        ("advice", "advice", "then.advice"),
        ("question", "questions", "then.ask"),
    ):
        known = _known(kb, table)
        for ident in {"situation": rule.situations, "advice": rule.advice}.get(kind, rule.ask):
            if ident not in known:
                report(key, f"unknown {kind} {ident!r}{did_you_mean(ident, known)}")
    refs: list[tuple[str, Any]] = []
    if rule.due:
        refs += [("then.due", rule.due.start), ("then.due", rule.due.days)]
        refs += [("then.due", rule.due.months)]
        if not rule.advice:
            report("then.due", "a due date needs advice to attach to")
        for ident in rule.advice if rule.due.latest else ():
            if "text_due_latest" not in kb.advice.get(ident, {"text_due_latest": ""}):
                report("then.due", f"latest = true: advice {ident!r} has no text_due_latest")
    for spec in rule.facts:
        _check_fact_spec(spec, report)
        values = (*spec.fields.values(), spec.key, *spec.where.values())
        refs += [(f"then.fact.{spec.kind}", v) for v in values]
    for key, value in refs:
        if isinstance(value, Ref):
            _check_ref(value, labels, kinds, report, key)


_NAME_RULE = "must be letters, digits, `-` and `_`, without `__` (the engine's own names)"


def _check_test(
    test: FieldTest,
    cond: Condition,
    part: str,
    fields: dict[str, set[Any] | None],
    labels: dict[str, str],
    kinds: FactKinds,
    report: Report,
) -> None:
    key = f"{part}.{cond.label}.{test.field}"
    if test.field in RESERVED_FIELDS:
        report(key, f"{test.field!r} is reserved by the engine; name the field otherwise")
        return
    if test.op in DATE_TESTS:
        days = f"days_since_{test.field}"
        if days not in fields:
            dates = sorted(f.removeprefix("days_since_") for f in fields if f.startswith("days_"))
            report(
                key,
                f"`{test.op}` tests a date, and {cond.kind}.{test.field} is not one; "
                f"dates: {', '.join(dates) or 'none'}",
            )
        elif test.refs() and part == "unless":
            report(key, f"{test.value}: an `unless` pattern cannot refer to another fact")
        elif isinstance(test.value, Ref):
            _check_ref(test.value, labels, kinds, report, key, date=True)
        elif isinstance(test.value, Offset):
            _check_offset(test.value, labels, kinds, report, key, date=True)
        return
    if test.field not in fields:
        report(
            key,
            f"{cond.kind} has no field {test.field!r}"
            f"{did_you_mean(test.field, fields)}; fields: {', '.join(sorted(fields))}",
        )
        return
    for value in test.value if isinstance(test.value, list) else [test.value]:
        if isinstance(value, Ref) and part == "unless":
            report(
                key,
                f"{value}: an `unless` pattern cannot refer to another fact; test fixed values",
            )
        elif isinstance(value, Offset) and part == "unless":
            report(key, f"{value}: an `unless` pattern cannot refer to another fact")
        elif isinstance(value, Ref):
            _check_ref(value, labels, kinds, report, key)
        elif isinstance(value, Offset):
            _check_offset(value, labels, kinds, report, key, date=False)
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


def _check_fact_spec(spec: FactSpec, report: Report) -> None:
    place = f"then.fact.{spec.kind}"
    if spec.kind in BASE_KINDS or spec.kind in CONCLUSION_KINDS or spec.kind == PHASE_KIND:
        report(place, "this kind is reserved; derive a kind of your own")
    elif not NAME.match(spec.kind) or "__" in spec.kind:
        report(place, f"the kind {spec.kind!r} {_NAME_RULE}")
    for name in spec.fields:
        if name in RESERVED_FIELDS:
            report(place, f"{name!r} is reserved by the engine; name the field otherwise")
        elif not NAME.match(name) or "__" in name:
            report(place, f"the field {name!r} {_NAME_RULE}")
    if spec.table is not None and spec.table not in TABLES:
        report(
            f"{place}.from",
            f"unknown table {spec.table!r}; "
            f"tables: {', '.join(t for t in TABLES if TABLES[t].key)}",
        )
    elif spec.table is not None:
        keyed = TABLES[spec.table].key is not None
        if (spec.key is not None and (not keyed or spec.where)) or (
            spec.key is None and not spec.where
        ):
            need = "a `key` or `where`" if keyed else "`where = { field = value }` (no ids)"
            report(place, f"`from = {spec.table!r}` needs {need}")
        table_fields = {name: f for name, f in TABLES[spec.table].fields.items()}
        for name in spec.where:
            if name not in table_fields:
                report(f"{place}.where", f"{spec.table} has no field {name!r}")


def _check_ref(
    ref: Ref,
    labels: dict[str, str],
    kinds: FactKinds,
    report: Report,
    key: str,
    date: bool = False,
) -> None:
    if ref.label not in labels:
        report(key, f"{ref} names {ref.label!r}, which is not a fact matched in `when`")
    elif date and f"days_since_{ref.field}" not in kinds[labels[ref.label]]:
        report(key, f"{ref}: {labels[ref.label]}.{ref.field} is not a date")
    elif not date and ref.field not in kinds[labels[ref.label]]:
        report(key, f"{ref}: {labels[ref.label]} has no field {ref.field!r}")


def _check_offset(
    offset: Offset,
    labels: dict[str, str],
    kinds: FactKinds,
    report: Report,
    key: str,
    date: bool,
) -> None:
    """`base + days`: the base a date (in a date test) or a field, the days a field of
    a fact matched in `when` that is not a date (a number of days)."""
    if isinstance(offset.base, Ref):
        _check_ref(offset.base, labels, kinds, report, key, date=date)
    if not isinstance(offset.days, Ref):
        return
    days = offset.days
    if days.label in labels and f"days_since_{days.field}" in kinds[labels[days.label]]:
        report(key, f"{days}: {labels[days.label]}.{days.field} is a date, not a number of days")
    else:
        _check_ref(days, labels, kinds, report, key)


def _check_reachability(
    rules: list[Rule],
    kb: KnowledgeBase,
    intended: set[tuple[str, str | None]],
    written: dict[str, Written],
    problems: list[Problem],
) -> None:
    """Rules that can never fire, and situations and advice no rule gives."""
    named = set().union(intended, *(r.produces() for r in rules))
    produced = {kind for kind, _ in named}
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
        if table not in written:
            continue
        where = written[table]
        for index, entry in where.entries:
            ident = entry.get("id")
            if isinstance(ident, str) and ident in kb.tables[table] and (kind, ident) not in named:
                problems.append(
                    Problem(
                        str(where.source.path),
                        where.line(TABLES[table], index, "id"),
                        f"{kind} {ident}",
                        "no rule concludes it",
                    )
                )
