"""Translating `Rule` objects into durable_rules' own JSON rule definitions.

Each rule becomes one durable_rules rule whose conditions are the rule's `when`
patterns, its `unless` patterns as `$not` conditions, and a phase gate: the session
runner asserts phase N only after every rule of lower layers has finished, which makes
negation over derived facts sound (durable_rules has no truth maintenance).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.rules import Condition, Ref, Rule, Test

PHASE_LABEL = "phase__"

_COMPARISONS = {
    "not": "$neq",
    "more_than": "$gt",
    "at_least": "$gte",
    "less_than": "$lt",
    "at_most": "$lte",
}


def _operand(value: Any) -> Any:
    return {value.label: value.field} if isinstance(value, Ref) else value


def compile_test(test: Test) -> dict[str, Any]:
    """One field test as a durable_rules expression."""
    name = test.field
    if test.op == "is":
        return {name: _operand(test.value)}
    if test.op == "in":
        return {"$or": [{name: _operand(v)} for v in test.value]}
    if test.op == "not_in":
        return {"$and": [{"$neq": {name: _operand(v)}} for v in test.value]}
    if test.op == "known":
        return {"$ex" if test.value else "$nex": {name: 1}}
    return {_COMPARISONS[test.op]: {name: _operand(test.value)}}


def compile_pattern(condition: Condition) -> dict[str, Any]:
    return {"$and": [{"kind": condition.kind}, *(compile_test(t) for t in condition.tests)]}


def _refs(condition: Condition) -> set[str]:
    labels = set()
    for test in condition.tests:
        for value in test.value if isinstance(test.value, list) else [test.value]:
            if isinstance(value, Ref):
                labels.add(value.label)
    return labels


def _ordered(conditions: list[Condition]) -> list[Condition]:
    """Conditions ordered so that each one's references are bound before it."""
    done: list[Condition] = []
    bound: set[str] = set()
    pending = list(conditions)
    while pending:
        ready = [c for c in pending if _refs(c) <= bound | {c.label}] or pending[:1]
        for cond in ready:
            done.append(cond)
            bound.add(cond.label)
            pending.remove(cond)
    return done


def compile_rule(rule: Rule) -> dict[str, Any]:
    """The durable_rules definition of one rule, without its action."""
    conditions: list[dict[str, Any]] = [
        {PHASE_LABEL: {"$and": [{"kind": "phase"}, {"n": rule.layer}]}}
    ]
    conditions += [{c.label: compile_pattern(c)} for c in _ordered(rule.when)]
    conditions += [{f"{c.label}__{i}$not": compile_pattern(c)} for i, c in enumerate(rule.unless)]
    return {"all": conditions}


def compile_ruleset(
    rules: list[Rule], action_for: Callable[[Rule], Callable[[Any], None]]
) -> dict[str, Any]:
    """All rules as one ruleset definition, each with the action `action_for` gives it."""
    definition = {}
    for rule in rules:
        compiled = compile_rule(rule)
        compiled["run"] = action_for(rule)
        definition[rule.id] = compiled
    return definition
