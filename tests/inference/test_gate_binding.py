"""The shipment matched through the phase gate (inference/gate_binding.py).

That the engine gives the same diagnoses with it as durable_rules' Host gives on the
rules as written is tests/inference/test_session.py's comparison (the Host runs the
rules without it)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

from parcel_doctor.inference.compiler import compile_ruleset
from parcel_doctor.inference.durable_core import Ruleset
from parcel_doctor.inference.gate_binding import bind_through_gate, gate_bound
from parcel_doctor.inference.session import Engine
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.rules.graph import RuleGraph
from parcel_doctor.rules.model import Condition, FactSpec, FieldTest, Ref, Rule

_NAMES = itertools.count()


def a_rule(rule_id: str, *when: Condition) -> Rule:
    return Rule(
        id=rule_id,
        title=rule_id,
        explanation="e",
        source="s",
        file="f",
        line=1,
        when=when,
        unless=(),
    )


def shipment(*tests: FieldTest) -> Condition:
    return Condition("shipment", "shipment", tests)


DISRUPTION = Condition(
    "disruption", "disruption", (FieldTest("destination", "is", Ref("shipment", "destination")),)
)
LIMITS = Condition("limits", "limits", ())


def bound(*rules: Rule) -> dict:
    return bind_through_gate(compile_ruleset(RuleGraph.build(rules))).definition


def test_a_pattern_the_gate_covers_is_dropped_and_references_read_the_phase_fact():
    definition = bound(a_rule("r", shipment(FieldTest("last_event", "is", "a")), DISRUPTION))
    conditions = definition["r"]["all"]
    assert [next(iter(c)) for c in conditions] == ["phase__", "disruption"]
    assert conditions[0]["phase__"] == {"$and": [{"kind": "phase"}, {"n": 1}, {"last_event": "a"}]}
    assert conditions[1]["disruption"] == {
        "$and": [{"kind": "disruption"}, {"destination": {"phase__": "destination"}}]
    }


def test_a_pattern_the_gate_does_not_cover_stays():
    compared = FieldTest("days_since_shipped_on", "more_than", Ref("limits", "g"))
    rules = (
        a_rule("compared", LIMITS, shipment(FieldTest("last_event", "is", "a"), compared)),
        a_rule("unknown-only", shipment(FieldTest("last_event", "known", False))),
        a_rule("untested", shipment()),
        a_rule("twice", shipment(FieldTest("last_event", "is", "a")), Condition(
            "again", "shipment", (FieldTest("service", "is", "b"),)
        )),
        a_rule("kind", shipment(FieldTest("last_event", "is", "a")), Condition(
            "d", "disruption", (FieldTest("type", "is", Ref("shipment", "kind")),)
        )),
    )  # fmt: skip
    compiled = bind_through_gate(compile_ruleset(RuleGraph.build(rules)))
    assert gate_bound(compiled) == {}
    for name, body in compiled.definition.items():
        assert any("shipment" in c for c in body["all"]), name


def test_a_rule_concluding_a_shipment_turns_it_off():
    concluding = Rule(
        id="makes", title="m", explanation="e", source="s", file="f", line=1,
        when=(LIMITS,), unless=(), facts=(FactSpec("shipment", {"x": 1}),),
    )  # fmt: skip
    rule = a_rule("r", shipment(FieldTest("last_event", "is", "a")))
    compiled = bind_through_gate(compile_ruleset(RuleGraph.build((concluding, rule))))
    assert gate_bound(compiled) == {}  # no hoisting, so the gate covers nothing


def test_not_and_comparisons_need_the_field_known_false_does_not():
    """What `_NEEDS_NO_FIELD` says of durable_rules 2.0.28: on a fact without the field,
    `$neq` and the comparisons fail and `$nex` passes."""
    tests = {
        "neq": {"$neq": {"f": "a"}},
        "gt": {"$gt": {"f": 1}},
        "lte": {"$lte": {"f": 1}},
        "nex": {"$nex": {"f": 1}},
    }
    definition = {
        name: {"all": [{"m": {"$and": [{"kind": "x"}, test]}}]} for name, test in tests.items()
    }
    session = Ruleset(f"gate_binding_{next(_NAMES)}", definition).session()
    try:
        session.assert_facts([{"kind": "x", "other": 0}])
        fired = {name for name, _ in session.activations()}
    finally:
        session.close()
    assert fired == {"nex"}


def test_the_bound_shipment_is_the_one_durable_rules_would_have_given(kb: KnowledgeBase):
    """Rules bound through the gate see the shipment fact exactly as matched before
    (with the shipment key when the session is shared): same firings, same facts."""
    today = dt.date(2026, 11, 25)
    facts = [
        {
            "kind": "shipment", "today": today.isoformat(), "destination": "DE",
            "origin": "CN", "service": "postal-parcel", "last_event": "export",
            "shipped_on": "2026-10-01", "days_since_shipped_on": 55,
        },
        {"kind": "limits", **{k: v["days"] if "days" in v else v["months"]
                              for k, v in kb.tables["limits"].items()}},
    ]  # fmt: skip
    engine = Engine(kb)
    assert gate_bound(engine._compiled)
    plain = Engine(kb, share=False)
    for run in (engine.infer(facts, today), plain.infer(facts, today)):
        names = {f.rule.id for f in run.firings}
        assert "destination-facts" in names
        for firing in run.firings:
            if "shipment" in firing.matched:
                shown = {k: v for k, v in firing.matched["shipment"].items() if k != "ship__"}
                assert shown == facts[0]
    assert [f.facts for f in engine.infer(facts, today).firings] == [
        f.facts for f in plain.infer(facts, today).firings
    ]


def test_a_reference_in_a_form_not_known_keeps_the_pattern():
    rule = a_rule("r", shipment(FieldTest("last_event", "is", "a")), DISRUPTION)
    compiled = compile_ruleset(RuleGraph.build((rule,)))
    odd = {"$and": [{"kind": "disruption"}, {"destination": {"x": {"shipment": "destination"}}}]}
    body = {"all": [*compiled.definition["r"]["all"][:-1], {"disruption": odd}]}
    changed = bind_through_gate(dataclasses.replace(compiled, definition={"r": body}))
    assert changed.definition["r"] == body
    assert gate_bound(changed) == {}
