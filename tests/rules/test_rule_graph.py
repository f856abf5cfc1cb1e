"""The rule graph: one per knowledge base, immutable rules, layers that make negation
sound, and relations (producers, concluders, testers, downstream) read off the rules."""

from __future__ import annotations

import dataclasses

import pytest
from parcel_doctor.rules.graph import RuleGraph
from parcel_doctor.rules.model import Condition, Due, FactSpec, FieldTest, Ref, Rule


def _rule(rule_id, when, unless=(), **then):
    return Rule(rule_id, rule_id, "e", "s", "f", 1, tuple(when), tuple(unless), **then)


def _situation(name):
    return Condition("s", "situation", (FieldTest("name", "is", name),))


SHIPMENT = Condition("shipment", "shipment", ())


def test_rules_are_immutable(kb):
    with pytest.raises(dataclasses.FrozenInstanceError):
        kb.rules[0].title = "changed"  # type: ignore[misc]


def test_a_negated_conclusion_is_complete_before_it_is_tested():
    late = _rule("late", [SHIPMENT], facts=(FactSpec("silence", {"state": "late"}),))
    lost = _rule("lost", [Condition("silence", "silence", ())], situations=("lost",))
    wait = _rule("wait", [SHIPMENT], [_situation("lost")], advice=("wait",))
    graph = RuleGraph.build([wait, lost, late])
    assert graph.layers == {"late": 1, "lost": 1, "wait": 2}
    assert graph.layer_count == 2
    assert graph.cycle == ()


def test_a_negation_cycle_is_named():
    one = _rule("one", [SHIPMENT], [_situation("b")], situations=("a",))
    two = _rule("two", [SHIPMENT], [_situation("a")], situations=("b",))
    assert RuleGraph.build([one, two]).cycle == ("one", "two")


def test_only_a_dated_rule_gives_the_dated_advice_an_undated_one_negates():
    """One advice id, dated where a rule can date it (courier-claim-deadline): the undated
    rule's `unless` on the dated advice is not negating its own conclusion (R24)."""
    dated_advice = Condition(
        "dated",
        "advice",
        (FieldTest("name", "is", "claim"), FieldTest("due", "known", True)),
    )
    due = Due(Ref("shipment", "shipped_on"), 30)
    dated = _rule("dated", [SHIPMENT], advice=("claim",), due=due)
    undated = _rule("undated", [SHIPMENT], [dated_advice], advice=("claim",))
    graph = RuleGraph.build([undated, dated])
    assert graph.cycle == ()
    assert graph.layers == {"dated": 1, "undated": 2}
    assert [r.id for r in graph.producers(dated_advice)] == ["dated"]


def test_relations():
    normal = _rule("normal", [SHIPMENT], facts=(FactSpec("silence", {"state": "normal"}),))
    late = _rule("late", [SHIPMENT], facts=(FactSpec("silence", {"state": "late"}),))
    want_late = Condition("silence", "silence", (FieldTest("state", "is", "late"),))
    lost = _rule("lost", [want_late], situations=("lost",), ask=("phone",))
    wait = _rule("wait", [SHIPMENT], [_situation("lost")], advice=("wait",))
    after = _rule("after", [_situation("lost")], advice=("claim",))
    graph = RuleGraph.build([normal, late, lost, wait, after])
    assert [r.id for r in graph.producers(want_late)] == ["normal", "late"]
    assert [r.id for r in graph.producers(want_late, exact=True)] == ["late"]
    assert [r.id for r in graph.concluders("situation", "lost")] == ["lost"]
    assert [r.id for r in graph.askers("phone")] == ["lost"]
    assert [(r.id, part) for r, part in graph.testers("situation", "lost")] == [
        ("wait", "unless"),
        ("after", "when"),
    ]
    assert graph.needs(after) == [("situation", {"lost"})]
    # downstream follows `when` only: `wait` negates `lost`, so it is not reached.
    assert [r.id for r in graph.downstream(lambda r: r.id == "late")] == ["late", "lost", "after"]


def test_the_shipped_graph_orders_every_negation(kb):
    graph = kb.graph
    for rule in kb.rules:
        for cond in rule.unless:
            for producer in graph.producers(cond):
                assert graph.layer(producer) < graph.layer(rule), (producer.id, rule.id)
        for cond in rule.when:
            for producer in graph.producers(cond):
                assert graph.layer(producer) <= graph.layer(rule), (producer.id, rule.id)


def test_a_condition_listing_a_name_in_not_in_never_tests_it():
    # review16 L-R36: a rule for "any situation but these" was listed as testing the very
    # situations it leaves out (the handbook taught its step in their chapters)
    others = Condition("s", "situation", (FieldTest("name", "not_in", ["seized", "lost"]),))
    generic = _rule("generic", [SHIPMENT, others], advice=("ask",))
    named = _rule("named", [SHIPMENT, _situation("late")], advice=("wait",))
    graph = RuleGraph.build([generic, named])
    assert [r.id for r, _ in graph.testers("situation", "seized")] == []
    assert [r.id for r, _ in graph.testers("situation", "late")] == ["generic", "named"]
    assert [r.id for r, _ in graph.testers("situation", "late", named=True)] == ["named"]
    assert [r.id for r, _ in graph.testers("situation", None)] == ["generic", "named"]
