"""The session runner on durable_rules' C core gives exactly what durable_rules' own Host
gives (tests/reference_engine.py), and holds a rule base several times today's size.
benchmarks/compare.py runs the same comparison on thousands of random answer sets."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import durable_rules_engine as core
import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.inference import compiler, limits, network, session
from parcel_doctor.inference.compiler import SHIPMENT_KEY
from parcel_doctor.inference.durable_core import OBSERVED, Ruleset, encode_facts, with_guard
from parcel_doctor.inference.limits import check_engine_limits
from parcel_doctor.inference.session import Engine, EngineError, engine_for
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.teaching import scenarios
from reference_engine import (
    HostEngine,
    adversarial_orders,
    diagnose_with,
    multiplied,
    random_cases,
    session_facts,
)

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = [
    s for folder in ("tests/scenarios", "cases") for s in scenarios.load_folder(ROOT / folder)
]
TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def reference(kb: KnowledgeBase) -> HostEngine:
    return HostEngine(kb)


def test_golden_scenarios_and_cases_match_the_host(kb: KnowledgeBase, reference: HostEngine):
    for scenario in GOLDEN:
        new = diagnose(kb, scenario.answers, scenario.today).to_json()
        old = diagnose_with(kb, reference, scenario.answers, scenario.today).to_json()
        assert json.dumps(new) == json.dumps(old), scenario.id


def test_random_answer_sets_match_the_host(kb: KnowledgeBase, reference: HostEngine):
    shared = Engine(kb)
    assert shared.shared  # 300 shipments cross many shared sessions' boundaries
    situations = set()
    for answers in random_cases(kb, 300, seed=5, today=TODAY):
        new = diagnose(kb, answers, TODAY, infer=shared.infer)
        old = diagnose_with(kb, reference, answers, TODAY)
        assert json.dumps(new.to_json()) == json.dumps(old.to_json()), answers
        situations |= {s.id for s in new.situations}
    assert len(situations) >= len(kb.situations) // 2  # the sample reaches many situations


@pytest.mark.parametrize("times", [5, 6])
def test_a_rule_base_several_times_larger_compiles_and_concludes_the_same(
    kb: KnowledgeBase, times: int
):
    bigger = multiplied(kb, times)
    engine = Engine(bigger)
    assert engine.shared  # the keyed ruleset fits: grouped key tests (compiler.key_patterns)
    assert _grouped(engine._compiled.definition)
    definition = json.dumps(
        compiler.compile_ruleset(bigger.graph, bigger.answer_values()).definition
    )
    assert network.PART_FIELD in definition  # patterns shared by too many rules were split
    assert check_engine_limits(bigger) == []
    for scenario in GOLDEN:
        one = diagnose(kb, scenario.answers, scenario.today)
        facts = session_facts(kb, scenario.answers, scenario.today)
        result = engine.infer(facts, scenario.today)
        expected = engine_for(kb).infer(facts, scenario.today).conclusions
        assert {(f["kind"], f["name"]) for f, _ in result.conclusions} == {
            (f["kind"], f["name"]) for f, _ in expected
        }
        fired = {f.rule.id.split("--")[0] for f in result.firings}
        assert fired == {step.rule for step in one.trace}, scenario.id


def test_group_tests_on_the_widest_alpha_nodes_change_no_result(
    kb: KnowledgeBase, reference: HostEngine, monkeypatch: pytest.MonkeyPatch
):
    """The engine's last keyed form (every path and the widest alpha nodes grouped,
    `compiler.group_branches`), forced on today's rules: every golden scenario and case
    and 200 random answer sets give what durable_rules' own Host gives."""
    branched = compiler.keyed(limits.engine_rules(kb, share=False), 1, branches=True)
    assert f'"$nex": {{"{network.PART_FIELD}": -1}}' in json.dumps(branched.definition)
    monkeypatch.setattr(session, "engine_rules", lambda kb, share=True: branched)
    engine = Engine(kb)
    assert engine.shared
    runs = [(s.answers, s.today) for s in GOLDEN]
    runs += [(answers, TODAY) for answers in random_cases(kb, 200, seed=31, today=TODAY)]
    for answers, today in runs:
        new = diagnose_with(kb, engine, answers, today).to_json()
        old = diagnose_with(kb, reference, answers, today).to_json()
        assert json.dumps(new) == json.dumps(old), answers


def test_grouping_the_widest_alpha_nodes_makes_room_for_a_rule_base_eight_times_larger(
    kb: KnowledgeBase,
):
    """Measured 2026-11-28 on 304 rules: with every path's key tests grouped, a fact of
    the rule base 6 times over may visit 59 alpha tests at once (durable_rules keeps 64),
    8 times over 65 (error 303: the engine would fall back to a session per shipment,
    which does not fit either); with the widest nodes grouped too, 38 and 38, and 42 at
    11 times (README, "How the rules run")."""
    bigger = multiplied(kb, 8)
    plain = limits.engine_rules(bigger, share=False)
    assert 303 in {p.code for p in network.problems(with_guard(compiler.keyed(plain).definition))}
    engine = Engine(bigger)
    assert engine.shared
    assert f'"{network.PART_FIELD}": -1}}' in json.dumps(engine._compiled.definition)
    assert limits.limit_problems(engine._compiled) == []
    for scenario in GOLDEN[::10]:
        facts = session_facts(kb, scenario.answers, scenario.today)
        result = engine.infer(facts, scenario.today)
        expected = engine_for(kb).infer(facts, scenario.today)
        assert {f.rule.id.split("--")[0] for f in result.firings} == {
            f.rule.id for f in expected.firings
        }, scenario.id
        assert {(f["kind"], f["name"]) for f, _ in result.conclusions} == {
            (f["kind"], f["name"]) for f, _ in expected.conclusions
        }


def _grouped(definition: dict) -> bool:
    """Whether the keyed patterns carry the always-true group tests on the key."""
    return _group_tests(definition) > 0


def _group_tests(definition: dict) -> int:
    return json.dumps(definition).count('{"$neq": {"ship__": -1')


def test_the_key_tests_are_grouped_only_on_the_paths_that_would_not_fit_without(
    kb: KnowledgeBase,
):
    # Group tests cost every fact reaching them a test (benchmarks/key_groups.py): none
    # where the ruleset fits durable_rules' alpha stack (303) without them; today's rules
    # overflow it a little, so the engine groups only the most shared paths (from the
    # highest share count that fits, `limits.engine_rules`), not all of them. Twice today's
    # rules need more paths grouped, and are still keyed: one session serves many shipments.
    plain = limits.engine_rules(kb, share=False)
    chosen = limits.engine_rules(kb)
    assert chosen.keyed
    if network.problems(with_guard(compiler.keyed(plain, None).definition)):
        every = compiler.keyed(plain, 1)
        assert 0 < _group_tests(chosen.definition) < _group_tests(every.definition) / 2
    else:
        assert not _grouped(chosen.definition)
    assert limits.engine_rules(multiplied(kb, 2)).keyed


def test_where_the_keyed_ruleset_would_not_fit_each_shipment_gets_a_session_of_its_own(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(limits, "problems", lambda definition: ["too big"])
    assert not Engine(kb).shared
    plain = Engine(kb, share=False)
    assert not plain.shared
    for answers in [s.answers for s in GOLDEN] + random_cases(kb, 100, seed=8, today=TODAY):
        today = TODAY
        new = diagnose_with(kb, plain, answers, today).to_json()
        assert json.dumps(new) == json.dumps(diagnose(kb, answers, today).to_json()), answers


def test_without_the_split_the_larger_rule_base_does_not_compile_and_the_error_says_why(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
):
    # 13x or a little more: gates that test the shipment's fields spread a layer's rules
    # over many alpha tests, so durable_rules' 256 joins per test are reached later than
    # at 5x (where exactly moves with the shipped rules: 14x once the disruption rules
    # matched `limits` too)
    monkeypatch.setattr(network, "SHARE", 10_000)
    with pytest.raises(EngineError, match=r"error code: 108 .*rule [\w-]+: when: .*error 108"):
        for times in range(13, 21):
            Engine(multiplied(kb, times))


def test_shipments_never_meet(kb: KnowledgeBase):
    """The engine diagnoses use gives each shipment what it gets alone. In a session
    shared by shipments in turn, a Canada Post parcel diagnosed eighth (key 7) made a US
    DHL Express parcel diagnosed sixteenth (key 15) lose its courier service and get the
    postal inquiry (found by the golden tests' order, 2026-11-27): durable_rules took the
    DHL `carrier` fact for the Canadian `origin` fact, their ids' hashes being equal
    (`inference.durable_core`), and refused it, so service-from-carrier never fired.
    Those two facts are made from the shipped knowledge: the next test does not depend
    on it."""
    today = dt.date(2026, 11, 20)
    base = {
        "shipped_on": dt.date(2026, 10, 1),
        "last_event": "in-destination-network",
        "last_event_on": dt.date(2026, 10, 3),
        "recipient_says": "not-received",
    }
    canadian = base | {"origin": "CA", "destination": "CA", "service": "postal-parcel"}
    other = base | {"origin": "FR", "destination": "DE"}
    courier = base | {"origin": "US", "destination": "US", "carrier": "dhl-express"}
    alone = json.dumps(diagnose(kb, courier, today).to_json())
    engine_for(kb).close()  # a session shared by shipments would start again at key 0
    for n in range(15):
        diagnose(kb, canadian if n == 7 else other, today)
    assert json.dumps(diagnose(kb, courier, today).to_json()) == alone


def test_a_fact_that_durable_rules_would_take_for_another_shipment_s_is_not_lost(
    kb: KnowledgeBase,
):
    """Two shipments whose `shipment` facts, as a shared session sends them (the second
    with the next key), durable_rules 2.0.28 would take for one fact (the hashes of the
    ids it makes from their fields meet; the values of `x`, which no rule reads, were
    found by search): the second shipment still gets what it gets alone."""
    shipment = {
        "kind": "shipment", "today": "2026-11-25", "destination": "DE", "origin": "CN",
        "service": "postal-parcel", "last_event": "export", "shipped_on": "2026-10-01",
        "days_since_shipped_on": 55,
    }  # fmt: skip
    first, second = shipment | {"x": 53297}, shipment | {"x": 44610}
    sent = [encode_facts([fact | {SHIPMENT_KEY: key}]) for key, fact in enumerate((first, second))]
    handle = Ruleset("session_test_met", {"r": {"all": [{"m": {"kind": "shipment"}}]}}).handle
    (first_code, offset), (second_code, _) = [core.assert_facts(handle, t) for t in sent]
    core.start_action_for_state(handle, offset)  # an action started: safe to delete
    core.delete_state(handle, None)
    assert (first_code, second_code) == (0, OBSERVED)  # without the session's ids: lost
    limits = session_facts(kb, {"origin": "CN"}, TODAY)[1]
    engine = Engine(kb)
    assert engine.shared
    engine.infer([first, limits], TODAY)  # key 0
    shared = engine.infer([second, limits], TODAY)  # key 1
    alone = Engine(kb, share=False).infer([second, limits], TODAY)
    assert [(f.rule.id, f.facts) for f in shared.firings] == [
        (f.rule.id, f.facts) for f in alone.firings
    ]


def test_a_shared_session_gives_what_a_session_of_its_own_gives_in_any_order(
    kb: KnowledgeBase,
):
    """Every golden scenario and case and 200 random answer sets through one engine
    sharing sessions, in orders meant to make shipments meet (`adversarial_orders`),
    against a session each: diagnose()'s JSON byte for byte."""
    runs = [(s.answers, s.today) for s in GOLDEN]
    runs += [(answers, TODAY) for answers in random_cases(kb, 200, seed=23, today=TODAY)]
    own = Engine(kb, share=False)
    alone = [json.dumps(diagnose(kb, a, day, infer=own.infer).to_json()) for a, day in runs]
    shared = Engine(kb)
    assert shared.shared
    for _, order in adversarial_orders([answers for answers, _ in runs]):
        for n in order:
            answers, day = runs[n]
            got = json.dumps(diagnose(kb, answers, day, infer=shared.infer).to_json())
            assert got == alone[n], answers
