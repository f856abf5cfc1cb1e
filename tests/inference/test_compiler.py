"""The rule compiler, and the two durable_rules 2.0.28 behaviours it works around.

If a future durable_rules fixes them, the `quirk` tests fail and the work-arounds in
parcel_doctor/inference/compiler.py can be reconsidered."""

from __future__ import annotations

import contextlib
import itertools

from durable import engine as durable_engine
from parcel_doctor.inference.compiler import compile_rule, expand
from parcel_doctor.rules.model import Condition, FieldTest, Rule
from reference_engine import host

_NAMES = itertools.count()


def _fires(conditions: list[dict], facts: list[dict]) -> bool:
    """Whether a bare durable_rules rule fires. The session is not deleted, and facts go
    one at a time: with these very rule shapes, durable_rules 2.0.28 reads past the end
    of a rule's expression list when a reference comparison is false (see
    tests/inference/test_durable_core.py), and other call patterns can turn that into a crash."""
    fired: list[bool] = []
    name = f"quirk_{next(_NAMES)}"
    host().register_rulesets(
        {name: {"r": {"all": conditions, "run": lambda c: fired.append(True)}}}
    )
    for fact in facts:
        with contextlib.suppress(durable_engine.MessageNotHandledException):
            host().assert_fact(name, {**fact, "sid": "1"})
    return bool(fired)


LIMITS = {"kind": "limits", "g": 7}
SHIPMENT = {"kind": "shipment", "d": 3, "e": "a"}


def test_quirk_or_beside_a_reference_comparison_ignores_the_comparison():
    gt = {"$gt": {"d": {"l": "g"}}}
    either = {"$or": [{"e": "a"}, {"e": "b"}]}
    conditions = [{"l": {"kind": "limits"}}, {"x": {"$and": [{"kind": "shipment"}, either, gt]}}]
    assert _fires(conditions, [LIMITS, SHIPMENT])  # 3 > 7 is false, yet it fires
    plain = [{"l": {"kind": "limits"}}, {"x": {"$and": [{"kind": "shipment"}, gt]}}]
    assert not _fires(plain, [LIMITS, SHIPMENT])


def test_quirk_negation_after_a_pattern_on_the_same_kind_is_ignored():
    positive = {"s": {"$and": [{"kind": "shipment"}, {"e": "a"}]}}
    negated = {"n$not": {"$and": [{"kind": "shipment"}, {"d": 3}]}}
    assert _fires([positive, negated], [SHIPMENT])  # the negated fact exists, yet it fires
    assert not _fires([negated, positive], [SHIPMENT])


def test_in_tests_expand_into_alternatives():
    cond = Condition(
        "shipment",
        "shipment",
        (FieldTest("last_event", "in", ["export", "customs"]), FieldTest("x", "is", 1)),
    )
    variants = expand(cond)
    assert [v.tests[0].value for v in variants] == ["export", "customs"]
    assert all(v.tests[1] == FieldTest("x", "is", 1) for v in variants)


def test_compiled_rule_gates_on_its_layer_and_puts_negations_first():
    rule = Rule(
        id="r",
        title="t",
        explanation="e",
        source="s",
        file="f",
        line=1,
        when=(Condition("shipment", "shipment", (FieldTest("last_event", "in", ["a", "b"]),)),),
        unless=(Condition("closed", "situation", (FieldTest("name", "in", ["x", "y"]),)),),
    )
    compiled = compile_rule(rule, 2)
    assert len(compiled) == 2
    first = compiled[0]["all"]
    assert first[0] == {"phase__": {"$and": [{"kind": "phase"}, {"n": 2}]}}
    assert [next(iter(c)) for c in first[1:]] == ["closed__0_0$not", "closed__0_1$not", "shipment"]
    assert first[3]["shipment"] == {"$and": [{"kind": "shipment"}, {"last_event": "a"}]}
