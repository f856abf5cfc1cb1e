"""How many combinations of facts a rule may have to try in one diagnosis, estimated
from the rules and the facts, so that `facts check` refuses rules whose joins explode.

A rule's `when` patterns are joined: durable_rules tries every combination of facts
that match them. A pattern tied to an earlier one by a reference (`$label.field`)
narrows the combinations; a pattern with none multiplies them by the number of facts
of its kind a session can hold. Ten patterns on a kind derived from a whole table
(`from = "countries", where = ...`) without a reference between them would make one
diagnosis try billions of combinations.
"""

from __future__ import annotations

from collections import Counter
from itertools import product
from math import prod
from typing import TYPE_CHECKING

from parcel_doctor.rules.model import Condition, Ref, Rule
from parcel_doctor.rules.vocabulary import BASE_KINDS, CONCLUSION_KINDS
from parcel_doctor.toml_source import Problem

if TYPE_CHECKING:
    from parcel_doctor.knowledge.loader import KnowledgeBase

LIMIT = 10_000  # combinations one rule may try per diagnosis
_CAP = 10**12  # estimates stop growing here


def fact_counts(kb: KnowledgeBase, rules: list[Rule]) -> dict[str, int]:
    """The most facts of each kind one diagnosis can hold (an upper estimate)."""
    counts = {kind: 1 for kind in BASE_KINDS}
    counts["situation"] = max(len(kb.situations), 1)
    counts["advice"] = max(len(kb.advice), 1)
    counts["question"] = max(len(kb.questions), 1)
    derived = {spec.kind for rule in rules for spec in rule.facts}
    for _ in range(len(rules) + 1):  # derived kinds feed each other: until stable
        new = dict.fromkeys(derived, 0)
        for rule in rules:
            firings = join_cost(rule, counts)
            for spec in rule.facts:
                each = _most_records(kb, spec.table, spec.where) if spec.table else 1
                new[spec.kind] = min(_CAP, new[spec.kind] + firings * max(each, 1))
        if all(counts.get(k) == v for k, v in new.items()):
            break
        counts.update(new)
    return counts


def _most_records(kb: KnowledgeBase, table: str, where: dict[str, object]) -> int:
    """The most records one look-up by `where` can return (1 for a look-up by key): the
    largest group of records that agree on its fields, those given as constants fixed to
    them, a list field counting for each of its items (as `inference.conclusions` looks
    them up). A table of 60 disruptions looked up by the parcel's destination yields the
    few of one destination, not all 60."""
    if not where:
        return 1
    names = tuple(where)
    fixed = {i: v for i, v in enumerate(where.values()) if not isinstance(v, Ref)}
    groups: Counter[tuple[object, ...]] = Counter()
    for record in kb.records(table):
        items = [v if isinstance(v, (list, tuple)) else [v] for v in map(record.get, names)]
        for key in dict.fromkeys(product(*items)):
            if all(key[i] == v for i, v in fixed.items()):
                groups[key] += 1
    return max(groups.values(), default=0)


def join_cost(rule: Rule, counts: dict[str, int]) -> int:
    """Combinations of facts the rule's `when` may try: the product, over its patterns
    not tied to an earlier one, of the facts each can match."""
    return min(_CAP, prod(n for _, n in _factors(rule, counts)))


def _factors(rule: Rule, counts: dict[str, int]) -> list[tuple[str, int]]:
    """(label, facts it can match) for each pattern not tied to an earlier one."""
    bound: set[str] = set()
    out = []
    for cond in _ordered(rule.when):
        if not _joined(cond, bound):
            out.append((cond.label, _matches(cond, counts)))
        bound.add(cond.label)
    return out


def _joined(cond: Condition, bound: set[str]) -> bool:
    return any(
        t.op == "is" and isinstance(t.value, Ref) and t.value.label in bound for t in cond.tests
    )


def _matches(cond: Condition, counts: dict[str, int]) -> int:
    if cond.kind in CONCLUSION_KINDS:
        names = cond.names()
        return len(names) if names is not None else counts.get(cond.kind, 1)
    return max(counts.get(cond.kind, 1), 1)


def _ordered(conditions: tuple[Condition, ...]) -> list[Condition]:
    """Patterns in an order where each one's references are bound before it."""
    done: list[Condition] = []
    waiting = list(conditions)
    while waiting:
        labels = {c.label for c in done}
        ready = [
            c
            for c in waiting
            if all(r.label in labels or r.label == c.label for t in c.tests for r in t.refs())
        ]
        pick = ready[0] if ready else waiting[0]
        done.append(pick)
        waiting.remove(pick)
    return done


def check_join_costs(kb: KnowledgeBase, rules: list[Rule], problems: list[Problem]) -> None:
    counts = fact_counts(kb, rules)
    for rule in rules:
        cost = join_cost(rule, counts)
        if cost > LIMIT:
            shown = " x ".join(f"{label} ({n})" for label, n in _factors(rule, counts) if n > 1)
            problems.append(
                Problem(
                    rule.file,
                    rule.line_of("when"),
                    f"rule {rule.id}: when",
                    f"may try {cost:,} combinations of facts in one diagnosis (more than "
                    f"{LIMIT:,}): {shown}; tie the patterns together with $label.field "
                    "references, or derive fewer facts",
                ),
            )
