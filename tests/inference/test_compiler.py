"""The rule compiler, and the two durable_rules 2.0.28 behaviours it works around.

If a future durable_rules fixes them, the `quirk` tests fail and the work-arounds in
parcel_doctor/inference/compiler.py can be reconsidered."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from parcel_doctor.inference.compiler import (
    CompiledRules,
    compile_pattern,
    compile_rule,
    compile_test,
    expand,
)
from parcel_doctor.inference.durable_core import Ruleset
from parcel_doctor.rules.model import Condition, FieldTest, Offset, Ref, Rule

_NAMES = itertools.count()

_CHILD = """
import contextlib, json, sys
from durable import engine
conditions, facts = json.loads(sys.argv[1])
fired = []
host = engine.Host()
host.register_rulesets({"quirk": {"r": {"all": conditions, "run": lambda c: fired.append(1)}}})
for fact in facts:
    with contextlib.suppress(engine.MessageNotHandledException):
        host.assert_fact("quirk", {**fact, "sid": "1"})
print(json.dumps(bool(fired)))
"""


def _fires(conditions: list[dict], facts: list[dict]) -> bool:
    """Whether a bare durable_rules rule fires (through its own Host, facts one at a
    time, the session never deleted), asked in a child process: with these very rule
    shapes durable_rules 2.0.28 reads past the end of a rule's expression list when a
    reference comparison is false (see tests/inference/test_durable_core.py), which now
    and then crashes the process that asks (it once took a whole test run with it; driven
    through the C core directly it crashes every time). A child killed by a signal is
    asked again, at most three times."""
    for _ in range(3):
        child = subprocess.run(
            [sys.executable, "-c", _CHILD, json.dumps([conditions, facts])],
            capture_output=True,
            text=True,
        )
        if child.returncode >= 0:
            break
    assert child.returncode == 0, child.stderr
    return bool(json.loads(child.stdout))


def _fires_in_core(conditions: list[dict], facts: list[dict]) -> bool:
    """Whether a rule fires when run the way the engine runs it (inference/durable_core)."""
    session = Ruleset(f"core_{next(_NAMES)}", {"r": {"all": conditions}}).session()
    try:
        session.assert_facts(facts)
        return any(name == "r" for name, _ in session.activations())
    finally:
        session.close()


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


def a_rule(when: tuple[Condition, ...], unless: tuple[Condition, ...] = ()) -> Rule:
    return Rule(
        id="r", title="t", explanation="e", source="s", file="f", line=1, when=when, unless=unless
    )


def test_compiled_rule_gates_on_its_layer_and_puts_negations_first():
    rule = a_rule(
        when=(Condition("shipment", "shipment", (FieldTest("last_event", "in", ["a", "b"]),)),),
        unless=(Condition("closed", "situation", (FieldTest("name", "in", ["x", "y"]),)),),
    )
    compiled = compile_rule(rule, 2)
    assert len(compiled) == 2
    first = compiled[0]["all"]
    # the shipment pattern's constant tests are also the gate's (phase facts carry them)
    assert first[0] == {"phase__": {"$and": [{"kind": "phase"}, {"n": 2}, {"last_event": "a"}]}}
    assert [next(iter(c)) for c in first[1:]] == ["closed__0_0$not", "closed__0_1$not", "shipment"]
    assert first[3]["shipment"] == {"$and": [{"kind": "shipment"}, {"last_event": "a"}]}


def test_a_gate_tests_only_the_shipments_constant_tests_and_phase_facts_carry_its_fields():
    rule = a_rule(
        when=(
            Condition("w", "window", (FieldTest("days", "at_least", 3),)),
            Condition(
                "shipment",
                "shipment",
                (
                    FieldTest("service", "known", True),
                    FieldTest("days_since_shipped_on", "more_than", Ref("w", "days")),
                ),
            ),
        ),
    )
    (gate, *_), *_ = (c["all"] for c in compile_rule(rule, 1))
    assert gate == {"phase__": {"$and": [{"kind": "phase"}, {"n": 1}, {"$ex": {"service": 1}}]}}
    (plain, *_), *_ = (c["all"] for c in compile_rule(rule, 1, hoist=False))
    assert plain == {"phase__": {"$and": [{"kind": "phase"}, {"n": 1}]}}
    compiled = CompiledRules({}, {}, ({"kind": "phase", "n": 1}, {"kind": "phase", "n": 2}))
    shipment = {"kind": "shipment", "service": "x", "n": 9, "ship__": 4}
    assert compiled.phase_facts([{"kind": "limits"}, shipment]) == [
        {"service": "x", "kind": "phase", "n": 1},
        {"service": "x", "kind": "phase", "n": 2},
    ]
    with pytest.raises(ValueError, match="one `shipment` fact"):
        compiled.phase_facts([shipment, shipment])


def test_not_in_beside_a_reference_comparison_is_one_flat_and():
    """compile_pattern splices `not_in`'s tests into the pattern's own `$and`: nested,
    durable_rules 2.0.28 skips the reference comparison beside it, as beside an `$or`
    (the rules run through the engine agree with the Host: tests/inference/test_session.py)."""
    cond = Condition(
        "x",
        "shipment",
        (FieldTest("e", "not_in", ["b", "c"]), FieldTest("d", "more_than", Ref("l", "g"))),
    )
    pattern = compile_pattern(cond)
    assert pattern == {
        "$and": [
            {"kind": "shipment"},
            {"$neq": {"e": "b"}},
            {"$neq": {"e": "c"}},
            {"$gt": {"d": {"l": "g"}}},
        ]
    }


STAGES = {("shipment", "last_event"): frozenset({"a", "b", "c", "d"})}


def test_in_on_a_closed_field_is_one_pattern_of_the_other_values():
    cond = Condition("s", "shipment", (FieldTest("last_event", "in", ["b", "a"]),))
    assert expand(cond, STAGES) == [
        Condition("s", "shipment", (FieldTest("last_event", "not_in", ["c", "d"]),))
    ]
    every = Condition("s", "shipment", (FieldTest("last_event", "in", ["a", "b", "c", "d"]),))
    assert expand(every, STAGES)[0].tests == (FieldTest("last_event", "known", True),)
    # a value outside the closed set, or a field that is not closed, still expands
    stray = Condition("s", "shipment", (FieldTest("last_event", "in", ["a", "zz"]),))
    assert len(expand(stray, STAGES)) == 2
    other = Condition("s", "shipment", (FieldTest("service", "in", ["a", "b"]),))
    assert len(expand(other, STAGES)) == 2


@given(
    st.sets(st.sampled_from("abcd"), min_size=1),
    st.one_of(st.none(), st.sampled_from("abcd")),
)
def test_a_folded_in_test_matches_exactly_the_facts_the_expanded_one_matches(listed, value):
    """Both compiled forms through durable_rules itself, for every value a closed
    field can hold and for a fact without the field."""
    cond = Condition("s", "shipment", (FieldTest("last_event", "in", sorted(listed)),))
    fact = {"kind": "shipment"} if value is None else {"kind": "shipment", "last_event": value}
    folded = _fires_in_core([{"s": compile_pattern(expand(cond, STAGES)[0])}], [fact])
    expanded = any(_fires_in_core([{"s": compile_pattern(v)}], [fact]) for v in expand(cond))
    assert folded == expanded == (value in listed)


@pytest.mark.parametrize(
    ("test", "compiled"),
    [
        (  # the disruption began before posting plus the limit
            FieldTest("from", "before", Offset(Ref("s", "shipped_on"), 1, Ref("l", "reach"))),
            {
                "$gt": {
                    "days_since_from": {
                        "$sub": {"$l": {"s": "days_since_shipped_on"}, "$r": {"l": "reach"}}
                    }
                }
            },
        ),
        (
            FieldTest("from", "on_or_after", Offset(Ref("s", "shipped_on"), -1, 3)),
            {
                "$lte": {
                    "days_since_from": {"$add": {"$l": {"s": "days_since_shipped_on"}, "$r": 3}}
                }
            },
        ),
        (  # a number test with an offset: the same arithmetic, no day counts
            FieldTest("days", "more_than", Offset(Ref("w", "max_days"), 1, 7)),
            {"$gt": {"days": {"$add": {"$l": {"w": "max_days"}, "$r": 7}}}},
        ),
        (FieldTest("x", "on_or_before", Offset("today", -1, 30)), {"$gte": {"days_since_x": 30}}),
        (FieldTest("x", "after", Offset("today", 1, 3)), {"$lt": {"days_since_x": -3}}),
        (
            FieldTest("x", "after", Offset("today", 1, Ref("l", "n"))),
            {"$lt": {"days_since_x": {"$sub": {"$l": 0, "$r": {"l": "n"}}}}},
        ),
    ],
)
def test_an_offset_compiles_to_durable_rules_arithmetic_on_day_counts(test, compiled):
    """`$add`/`$sub` with `$l`/`$r` operands (durable.lang's own form for `c.s.d - c.w.n`);
    what they do in the engine is proven end to end at the edges of every disruption
    window (tests/golden/test_disruption_reach.py) and by the long forms of the shipped
    rules (tests/rules/test_rule_language.py)."""
    assert compile_test(test) == compiled


def test_a_pattern_comes_after_the_facts_its_offset_names():
    offset = Offset(Ref("s", "shipped_on"), 1, Ref("l", "reach"))
    rule = a_rule(
        when=(
            Condition("d", "disruption", (FieldTest("from", "before", offset),)),
            Condition("l", "limits", ()),
            Condition("s", "shipment", ()),
        )
    )
    (compiled,) = compile_rule(rule, 1)
    assert [next(iter(c)) for c in compiled["all"][1:]] == ["l", "s", "d"]


@pytest.mark.parametrize("offset", [0, 3, -3])
@pytest.mark.parametrize("gap", [-1, 0, 1])
def test_a_field_compared_with_a_field_of_the_same_fact(offset: int, gap: int):
    """`when.shipment = { last_event_on = { on_or_after = "$shipment.shipped_on + 3" } }`
    names the pattern's own fact: compiled as `{"$m": field}` (durable.lang's `m.b`); the
    pattern's own label instead made durable_rules refuse every fact (error 305, an
    internal error from `diagnose` and `facts check`)."""
    value = Ref("s", "shipped_on") if offset == 0 else Offset(Ref("s", "shipped_on"), 1, offset)
    cond = Condition("s", "shipment", (FieldTest("last_event_on", "on_or_after", value),))
    shipped = 10  # days since posting; the last event `offset + gap` days after it
    fact = {
        "kind": "shipment",
        "days_since_shipped_on": shipped,
        "days_since_last_event_on": shipped - offset - gap,
    }
    assert _fires_in_core([{"s": compile_pattern(cond)}], [fact]) == (gap >= 0)
