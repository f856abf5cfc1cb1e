"""The shipment bound through the phase gate: one pattern fewer for most rules.

A compiled rule's phase gate already tests everything its `shipment` pattern tests
against constants, and each phase fact carries every field of the shipment's one
`shipment` fact (`inference.compiler`: hoisting). When that pattern has no reference
test, matching it again adds nothing: the gate passes exactly when it would. So
`bind_through_gate` drops it from the compiled rule, and a reference to it from
another pattern (`destination = "$shipment.destination"`) reads the same field of the
phase fact instead (`$phase__.destination`). The session runner binds the label to the
shipment fact itself when the rule fires (`gate_bound`), as durable_rules would have
returned it, so conclusions, the trace and the advice are the same.

Why: the `shipment` fact no longer enters the join memory of every such pattern, and
each phase fact no longer joins with it in every rule whose gate passes:
`Engine.infer` 595 -> 533 us a row on the batch benchmark's rows (82 of 148 compiled
rules bound so), same firings and output (benchmarks/dump.py;
tests/inference/test_session.py against durable_rules' Host on the unbound rules).

A pattern stays where this does not hold:
- its rule has another pattern on `shipment` (two labels for one fact), or the
  gate did not take every one of its tests (no hoisting: a rule concludes a shipment;
  a test on a field the phase fact keeps for itself, `n`);
- a test of it compares with another fact (`$limits.x`): the gate comes first and
  cannot;
- none of its tests needs the shipment to be there (only `known = false` tests, or
  none): without a shipment fact the gate alone would pass, where the
  pattern failed (every diagnosis has one; a hand-made fact list might not);
- another pattern refers to a field the phase fact does not carry (`kind`, `n`, the
  shipment key), or names the label in a form not known here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from parcel_doctor.inference.compiler import (
    PHASE_LABEL,
    SHIPMENT,
    SHIPMENT_KEY,
    CompiledRules,
    _flat,
    _is_reference,
)

_NOT_CARRIED = frozenset({"kind", "n", SHIPMENT_KEY})  # fields a phase fact keeps for itself
# The one test that passes on a fact without the field (durable_rules 2.0.28: `$neq`
# and the comparisons fail there; tests/inference/test_gate_binding.py pins it).
_NEEDS_NO_FIELD = frozenset({"$nex"})


def bind_through_gate(compiled: CompiledRules) -> CompiledRules:
    """The compiled rules with each `shipment` pattern the gate makes redundant dropped
    (module doc); `gate_bound` says which."""
    definition = {
        name: _bound(body, [c.label for c in rule.when if c.kind == SHIPMENT])
        for name, body in compiled.definition.items()
        for rule in [compiled.rules[name]]
    }
    return dataclasses.replace(compiled, definition=definition)


def gate_bound(compiled: CompiledRules) -> dict[str, str]:
    """Compiled rule name -> the label of its `shipment` pattern, for the rules that
    match the shipment through their gate (a `when` label without a pattern)."""
    out: dict[str, str] = {}
    for name, body in compiled.definition.items():
        present = {label for condition in body["all"] for label in condition}
        missing = [c.label for c in compiled.rules[name].when if c.label not in present]
        if missing:
            (out[name],) = missing  # only a shipment pattern is ever dropped
    return out


def _bound(body: Mapping[str, Any], shipments: list[str]) -> dict[str, Any]:
    """One compiled rule with its shipment pattern dropped, where it may be."""
    if len(shipments) != 1:
        return dict(body)
    (label,) = shipments
    conditions: list[dict[str, Any]] = body["all"]
    gate = next((c[PHASE_LABEL] for c in conditions if PHASE_LABEL in c), None)
    pattern = next((c[label] for c in conditions if label in c), None)
    if gate is None or pattern is None:
        return dict(body)
    tests = [t for t in _flat(pattern) if t != {"kind": SHIPMENT}]
    hoisted = _flat(gate)
    if any(_reference(t) or t not in hoisted for t in tests):
        return dict(body)
    if all(next(iter(t)) in _NEEDS_NO_FIELD for t in tests):
        return dict(body)
    rest = [c for c in conditions if label not in c]
    referred = [f for c in rest for p in c.values() for f in _referenced(p, label)]
    if any(field in _NOT_CARRIED for field in referred):
        return dict(body)
    redirected = [{name: _redirected(p, label) for name, p in c.items()} for c in rest]
    if _mentions(redirected, label):  # a reference in a form not known here: keep it all
        return dict(body)
    return {**body, "all": redirected}


def _mentions(expression: Any, label: str) -> bool:
    """Whether `{label: text}` occurs anywhere (a reference, or a test on a field of
    that name: either way, not safe to drop the pattern)."""
    if isinstance(expression, dict):
        if isinstance(expression.get(label), str):
            return True
        return any(_mentions(value, label) for value in expression.values())
    if isinstance(expression, list):
        return any(_mentions(value, label) for value in expression)
    return False


def _reference(test: dict[str, Any]) -> bool:
    """Whether a test compares with another fact (or is an `$or`: not looked into)."""
    return next(iter(test)) in ("$and", "$or") or _is_reference(test)


def _referenced(expression: Mapping[str, Any], label: str) -> list[str]:
    """The fields of `label` a pattern's tests compare with."""
    ((operator, value),) = expression.items()
    if operator in ("$and", "$or"):
        return [f for part in value for f in _referenced(part, label)]
    if operator.startswith("$"):
        ((_, value),) = value.items()
    return _fields(value, label)


def _fields(operand: Any, label: str) -> list[str]:
    """The fields of `label` in an operand: `{label: field}`, or inside arithmetic."""
    if not isinstance(operand, dict):
        return []
    if list(operand) == [label] and isinstance(operand[label], str):
        return [operand[label]]
    if all(key.startswith("$") for key in operand):
        return [f for value in operand.values() for f in _fields(value, label)]
    return []


def _redirected(expression: dict[str, Any], label: str) -> dict[str, Any]:
    """A pattern with every comparison with `label`'s fields reading the phase fact's."""
    ((operator, value),) = expression.items()
    if operator in ("$and", "$or"):
        return {operator: [_redirected(part, label) for part in value]}
    if operator.startswith("$"):
        ((field, operand),) = value.items()
        return {operator: {field: _swapped(operand, label)}}
    return {operator: _swapped(value, label)}


def _swapped(operand: Any, label: str) -> Any:
    if not isinstance(operand, dict):
        return operand
    if list(operand) == [label] and isinstance(operand[label], str):
        return {PHASE_LABEL: operand[label]}
    if all(key.startswith("$") for key in operand):
        return {key: _swapped(value, label) for key, value in operand.items()}
    return operand
