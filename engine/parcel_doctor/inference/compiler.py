"""Translating `Rule` objects into durable_rules' own JSON rule definitions.

Each rule becomes durable_rules rules whose conditions are the rule's `when` patterns,
its `unless` patterns as `$not` conditions, and a phase gate: the session runner
asserts phase N only after every rule of lower layers has finished, which makes
negation over derived facts sound (durable_rules has no truth maintenance).

`in` tests are expanded here rather than compiled to `$or`: durable_rules 2.0.28
ignores a reference comparison (`$gt` against another fact) that shares an `$and`
with an `$or` (verified; see tests/inference/test_compiler.py). A `when` test `x in [a, b]`
becomes one durable_rules rule per value (they share the action and can never both
match one fact); an `unless` test becomes one negated condition per value, since "no
fact with x in [a, b]" is "no fact with x = a and none with x = b". Every compiled
rule costs time in every diagnosis, so an `in` test on a field whose values are a
closed set (an answer to a choice question: `KnowledgeBase.answer_values`) is compiled
as one pattern instead: "x is none of the other values" (a fact without the field
matches neither form). The rule text keeps the readable list, and stays right when a
value (a stage) is added. A test's own `$and` is spliced into its pattern's `$and`:
nested, durable_rules 2.0.28 ignores a reference comparison of the same pattern.

Negations come right after the phase gate, before the positive patterns: placed
after a positive pattern on the same kind of fact, durable_rules 2.0.28 lets the rule
fire even when the negated fact exists (verified; see tests/inference/test_compiler.py). So an
`unless` pattern may not refer to a matched fact (`$label.field`): it could not come
first (parcel_doctor.rules.model rejects such references).

A gate also tests what its rule's `shipment` pattern tests against constants (the
stage, the service, whether an answer is known), and each phase fact carries the
fields of the shipment's one `shipment` fact, made from the answers before any rule
runs and never concluded by a rule (`CompiledRules.phase_facts`). So the gate fails
whenever that pattern cannot match, and such a rule costs an alpha test per phase
instead of a frame joined with its negations and patterns (the phase facts' C time
about a third less; rules that never fire cost less, benchmarks/scaling.py). The gate
still comes first: negations are checked when the phase starts, as before.

durable_rules 2.0.28 hangs at most 256 patterns off one test (error 108): the phase gate
is shared by every rule of a layer, and a bare pattern such as `shipment` by many. Past
`network.SHARE` patterns on one test, `network.split_shared_paths` gives the rest an
always-true test of their own; a rule base within the limit is compiled as before.

Keyed (`keyed(compile_ruleset(graph))`), every pattern but the gate ends with the
shipment key: `ship__` equal to the gate's `ship__`, so one session can hold several
shipments in turn (`inference.session`); durable_rules 2.0.28 hashes joins on such
equalities, so a shipment's facts never meet another's. The key is a reference test,
and durable_rules never shares those between rules while it walks the tests a fact
reaches with a 64-entry stack (error 303): an always-true `ship__ != -1-g` test before
each pattern's first reference test groups the patterns that share their constant tests
(`key_patterns`), and `network.problems` says whether the keyed ruleset fits at all
(the session falls back to the plain one if not). The group tests cost every fact that
reaches them an alpha test each, so only the paths shared by the most patterns are
grouped: the engine keys with the fewest that make the ruleset fit (none if it fits
without; `limits.engine_rules`, `sharing`). A reference
test after a nested `$and` is skipped by durable_rules 2.0.28, so keyed patterns are
flat lists of tests. Where grouping every path is not enough, the tests that follow the
widest alpha nodes (many different first tests on the `shipment` fact) are grouped the
same way, by an always-true `$nex` test of `network.PART_FIELD` (`group_branches`).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import count
from typing import Any

from parcel_doctor.inference.network import PART_FIELD, split_shared_paths
from parcel_doctor.rules.graph import RuleGraph
from parcel_doctor.rules.model import Condition, FieldTest, Offset, Ref, Rule
from parcel_doctor.rules.vocabulary import DATE_TESTS

PHASE_LABEL = "phase__"
SHIPMENT_KEY = "ship__"  # which shipment a fact is about, in a keyed ruleset

_COMPARISONS = {
    "not": "$neq",
    "more_than": "$gt",
    "at_least": "$gte",
    "less_than": "$lt",
    "at_most": "$lte",
}


def _operand(value: Any, own: str | None) -> Any:
    """A test's value: a constant, a field of another pattern's fact (`{label: field}`)
    or of the pattern's own fact (`{"$m": field}`, as durable.lang writes `m.a > m.b`;
    `{label: field}` for its own label makes durable_rules refuse every fact, error 305),
    or an offset of either."""
    if isinstance(value, Offset):  # durable_rules' arithmetic (verified in tests/inference)
        sum_or_difference = "$add" if value.sign > 0 else "$sub"
        operands = {"$l": _operand(value.base, own), "$r": _operand(value.days, own)}
        return {sum_or_difference: operands}
    if isinstance(value, Ref):
        return {"$m" if value.label == own else value.label: value.field}
    return value


def compile_test(test: FieldTest, own: str | None = None) -> dict[str, Any]:
    """One field test as a durable_rules expression. A date test compares day counts
    (`FieldTest.in_days`): `shipped_on before $x.due` is `days_since_shipped_on
    more_than $x.days_since_due`, against `today` the count is compared with 0, and an
    offset in days is added to or taken from the other count. `own` is the label of the
    pattern the test is in (a reference to it is to the same fact)."""
    if test.op in DATE_TESTS:
        return compile_test(test.in_days(), own)
    name = test.field
    if test.op == "is":
        return {name: _operand(test.value, own)}
    if test.op == "in":
        raise ValueError("`in` tests are expanded before compiling (see module docstring)")
    if test.op == "not_in":
        return {"$and": [{"$neq": {name: _operand(v, own)}} for v in test.value]}
    if test.op == "known":
        return {"$ex" if test.value else "$nex": {name: 1}}
    return {_COMPARISONS[test.op]: {name: _operand(test.value, own)}}


# Fields whose values are a closed set: (fact kind, field) -> every value it can hold.
ClosedValues = Mapping[tuple[str, str], frozenset[str]]


def compile_pattern(condition: Condition) -> dict[str, Any]:
    """One condition as a flat `$and` of its kind and tests (a nested `$and`, as
    `not_in` compiles to, would make durable_rules skip a reference comparison)."""
    parts: list[dict[str, Any]] = [{"kind": condition.kind}]
    for test in condition.tests:
        compiled = compile_test(test, condition.label)
        parts.extend(compiled["$and"] if set(compiled) == {"$and"} else [compiled])
    return {"$and": parts}


def _refs(condition: Condition) -> set[str]:
    return {ref.label for test in condition.tests for ref in test.refs()}


def _ordered(conditions: tuple[Condition, ...]) -> list[Condition]:
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


def _folded(kind: str, test: FieldTest, closed: ClosedValues) -> FieldTest | None:
    """An `in` test on a closed field as one test: the field holds none of the other
    values (or, when the list names every value, just holds one); else None."""
    values = closed.get((kind, test.field))
    listed = test.value
    if values is None or not all(isinstance(v, str) and v in values for v in listed):
        return None
    others = sorted(values - set(listed))
    return (
        FieldTest(test.field, "not_in", others) if others else FieldTest(test.field, "known", True)
    )


def expand(condition: Condition, closed: ClosedValues | None = None) -> list[Condition]:
    """The condition once per combination of the values of its `in` tests (an `in`
    test on a closed field stays one test, see the module doc)."""
    variants: list[tuple[FieldTest, ...]] = [()]
    for test in condition.tests:
        options: list[FieldTest] = [test]
        if test.op == "in":
            folded = _folded(condition.kind, test, closed or {})
            options = [folded] if folded else [FieldTest(test.field, "is", v) for v in test.value]
        variants = [(*done, option) for done in variants for option in options]
    return [Condition(condition.label, condition.kind, tests) for tests in variants]


def compile_rule(
    rule: Rule, layer: int, closed: ClosedValues | None = None, hoist: bool = True
) -> list[dict[str, Any]]:
    """The durable_rules definitions of one rule (one per `in` alternative), no action,
    gated by the phase fact of its `layer` (and, with `hoist`, of its shipment's
    constant tests: see the module doc)."""
    negations = [
        {f"{variant.label}__{i}_{j}$not": compile_pattern(variant)}
        for i, cond in enumerate(rule.unless)
        for j, variant in enumerate(expand(cond, closed))
    ]
    alternatives: list[list[Condition]] = [[]]
    for cond in _ordered(rule.when):
        alternatives = [
            [*done, variant] for done in alternatives for variant in expand(cond, closed)
        ]
    return [
        {
            "all": [
                _gate(layer, when, hoist),
                *negations,
                *({c.label: compile_pattern(c)} for c in when),
            ]
        }
        for when in alternatives
    ]


def _gate(layer: int, when: list[Condition], hoist: bool) -> dict[str, Any]:
    """The phase gate of a rule: its layer, and (`hoist`) the constant tests of its
    `shipment` pattern (phase facts carry the shipment's fields, see the module doc)."""
    tests = [FieldTest("n", "is", layer)]
    shipment = next((c for c in when if c.kind == SHIPMENT), None)
    if shipment is not None and hoist:
        tests += [t for t in shipment.tests if _constant(t) and t.field not in _PHASE_FIELDS]
    return {PHASE_LABEL: compile_pattern(Condition(PHASE_LABEL, "phase", tuple(tests)))}


SHIPMENT = "shipment"  # the one fact of its kind per shipment, made from the answers
_PHASE_FIELDS = frozenset({"kind", "n", SHIPMENT_KEY})


def _constant(test: FieldTest) -> bool:
    return not test.refs()


def _flat(expression: dict[str, Any]) -> list[dict[str, Any]]:
    """The tests of a pattern as one list (nested `$and`s opened)."""
    ((operator, value),) = expression.items()
    return [t for part in value for t in _flat(part)] if operator == "$and" else [expression]


def _is_reference(test: dict[str, Any]) -> bool:
    ((operator, value),) = test.items()
    if operator.startswith("$"):
        ((_, value),) = value.items()
    return isinstance(value, dict)


def _split(tests: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A pattern's tests: the constant ones before its first reference test, the rest."""
    for n, test in enumerate(tests):
        if _is_reference(test):
            return tests[:n], tests[n:]
    return tests, []


def _keyed_patterns(definition: dict[str, Any]) -> list[tuple[str, str, list[Any], list[Any]]]:
    """Every pattern but the phase gates: (rule, label, constant tests, the rest)."""
    return [
        (name, label, *_split(_flat(pattern)))
        for name, rule in definition.items()
        for condition in rule["all"]
        for label, pattern in condition.items()
        if label != PHASE_LABEL
    ]


def sharing(definition: dict[str, Any]) -> list[int]:
    """How many patterns share each path of constant tests, most shared first, each
    count once: the thresholds `key_patterns` can group from."""
    counts = Counter(json.dumps(constant) for _, _, constant, _ in _keyed_patterns(definition))
    return sorted(set(counts.values()), reverse=True)


def key_patterns(definition: dict[str, Any], group_from: int | None = 1) -> dict[str, Any]:
    """The definition with every pattern but the phase gate ending with the shipment
    key, and an always-true group test before the first reference test of each pattern
    whose constant tests at least `group_from` patterns share (None: no group tests):
    the patterns of such a path are grouped by the square root of their number, so a
    fact reaching them keeps about twice that root on durable_rules' stack, not all of
    them (module doc)."""
    patterns = _keyed_patterns(definition)
    shared = Counter(json.dumps(constant) for _, _, constant, _ in patterns)
    size = {path: max(1, math.isqrt(n)) for path, n in shared.items()}
    seen: Counter[str] = Counter()
    keyed: dict[str, Any] = {
        name: {"all": [c for c in rule["all"] if PHASE_LABEL in c]}
        for name, rule in definition.items()
    }
    for name, label, constant, rest in patterns:
        path = json.dumps(constant)
        grouped = group_from is not None and shared[path] >= group_from
        group = [{"$neq": {SHIPMENT_KEY: -1 - seen[path] // size[path]}}] if grouped else []
        seen[path] += 1
        key = {SHIPMENT_KEY: {PHASE_LABEL: SHIPMENT_KEY}}
        keyed[name]["all"].append({label: {"$and": [*constant, *group, *rest, key]}})
    return keyed


BRANCHES = 8  # tests a fact may pass at one alpha node before `group_branches` groups them


def _equality(test: dict[str, Any]) -> bool:
    """Whether a test is a constant equality (of those on one field a fact passes one)."""
    ((operator, value),) = test.items()
    return not operator.startswith("$") and not isinstance(value, dict)


def group_branches(definition: dict[str, Any]) -> dict[str, Any]:
    """The definition with an always-true group test (`$nex` of `PART_FIELD`, a
    negative part) before each test that follows an alpha node with more than `BRANCHES`
    tests a fact may pass at once (every test but constant equalities, of which a fact
    passes one per field): a node's n such tests in about the square root of n groups
    of about the square root of n, so a fact reaching it keeps about twice that root on
    durable_rules' stack, not n (the module doc). Patterns through the same test keep
    the same group test, so they still share their path; the phase gates are left as
    they are."""
    patterns = _keyed_patterns(definition)
    following: dict[str, dict[str, None]] = {}
    for _, _, constant, _ in patterns:
        for n in range(1, len(constant)):
            if not _equality(constant[n]):
                following.setdefault(json.dumps(constant[:n]), {})[json.dumps(constant[n])] = None
    group: dict[tuple[str, str], dict[str, Any]] = {}
    parts = count(1)
    for parent, after in following.items():
        if len(after) > BRANCHES:
            size = math.isqrt(len(after) - 1) + 1
            numbers = [-next(parts) for _ in range(0, len(after), size)]
            for n, test in enumerate(after):
                group[parent, test] = {"$nex": {PART_FIELD: numbers[n // size]}}
    grouped: dict[str, Any] = {
        name: {"all": [c for c in rule["all"] if PHASE_LABEL in c]}
        for name, rule in definition.items()
    }
    for name, label, constant, rest in patterns:
        tests = constant[:1]
        for n in range(1, len(constant)):
            found = group.get((json.dumps(constant[:n]), json.dumps(constant[n])))
            tests += [found, constant[n]] if found else [constant[n]]
        grouped[name]["all"].append({label: {"$and": [*tests, *rest]}})
    return grouped


@dataclass(frozen=True)
class CompiledRules:
    """A rule base as one durable_rules ruleset definition (no actions), the rule behind
    each compiled name, the phase fact to assert for each layer, in order, and whether
    every pattern joins on the shipment key."""

    definition: dict[str, Any]
    rules: dict[str, Rule]
    phases: tuple[dict[str, Any], ...]
    keyed: bool = False

    def phase_facts(self, facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The phase facts to assert, in order, for a shipment whose initial facts are
        `facts`: each carries the fields of its `shipment` fact, which the gates test."""
        shipments = [f for f in facts if f["kind"] == SHIPMENT]
        if len(shipments) > 1:
            raise ValueError("a shipment's facts hold one `shipment` fact, not several")
        carried = {k: v for k, v in (shipments or [{}])[0].items() if k not in _PHASE_FIELDS}
        return [{**carried, **phase} for phase in self.phases]


def keyed(
    compiled: CompiledRules, group_from: int | None = 1, branches: bool = False
) -> CompiledRules:
    """The same rules with every pattern joining on the shipment key; the group tests on
    the paths shared by at least `group_from` patterns (`key_patterns`) and, with
    `branches`, on the widest alpha nodes (`group_branches`)."""
    # Every keyed pattern but the (already split) gate ends on its own reference test:
    # no alpha node gathers more joins than in the plain definition.
    definition = key_patterns(compiled.definition, group_from)
    if branches:
        definition = group_branches(definition)
    return CompiledRules(definition, compiled.rules, compiled.phases, keyed=True)


def compile_ruleset(graph: RuleGraph, closed: ClosedValues | None = None) -> CompiledRules:
    """All rules as one ruleset definition, every compiled rule gated by its layer's
    phase fact; `in` tests on `closed` fields folded, patterns shared by too many rules
    split (see the module doc)."""
    definition: dict[str, Any] = {}
    names: dict[str, Rule] = {}
    # Gates test the shipment's fields only while no rule can conclude a `shipment`.
    hoist = not any(spec.kind == SHIPMENT for rule in graph.rules for spec in rule.facts)
    for rule in graph.rules:
        layer = graph.layer(rule)
        for index, compiled in enumerate(compile_rule(rule, layer, closed, hoist)):
            name = rule.id if index == 0 else f"{rule.id}__alt{index}"
            definition[name] = compiled
            names[name] = rule
    split_shared_paths(definition)
    layers = graph.layer_count if graph.rules else 0
    phases = tuple({"kind": "phase", "n": layer} for layer in range(1, layers + 1))
    return CompiledRules(definition, names, phases)
