"""The session runner on durable_rules' C core gives exactly what durable_rules' own Host
gives (tests/reference_engine.py), and holds a rule base several times today's size.
benchmarks/compare.py runs the same comparison on thousands of random answer sets."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.inference import compiler, limits, network
from parcel_doctor.inference.durable_core import with_guard
from parcel_doctor.inference.limits import check_engine_limits
from parcel_doctor.inference.session import Engine, EngineError, engine_for
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.teaching import scenarios
from reference_engine import HostEngine, diagnose_with, multiplied, random_cases, session_facts

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
    # overflow it a little, so the engine groups only the most shared paths (their three
    # top counts), not all of them. Twice today's rules need every path grouped, and are
    # still keyed: one session serves many shipments.
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
    """The engine diagnoses use gives each shipment what it gets alone: in a session
    shared by shipments in turn, a Canada Post parcel diagnosed eighth (key 7) made a US
    DHL Express parcel diagnosed sixteenth (key 15) lose its courier service (the
    `unless` of service-from-carrier saw the Canadian parcel's service) and get the
    postal inquiry (found by the golden tests' order, 2026-11-27)."""
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
