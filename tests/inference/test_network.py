"""`inference.network` predicts durable_rules 2.0.28's limits from a definition: each
prediction is checked against the C core itself, on both sides of the limit."""

from __future__ import annotations

import copy
import itertools
import json
from typing import Any

import pytest
from parcel_doctor.inference import network
from parcel_doctor.inference.durable_core import Error, Ruleset
from parcel_doctor.inference.limits import check_engine_limits
from parcel_doctor.knowledge.loader import KnowledgeBase
from reference_engine import multiplied

_NAMES = itertools.count()


def codes(definition: dict[str, Any]) -> set[int]:
    return {limit.code for limit in network.problems(definition)}


def compiles(definition: dict[str, Any]) -> bool:
    try:
        Ruleset(f"network_test_{next(_NAMES)}", definition)
    except Error as error:
        assert "error code: 10" in str(error)
        return False
    return True


def shared(n: int) -> dict[str, Any]:
    """n rules whose first pattern is the same (like a phase gate), then one of 300 kinds."""
    gate = {"g": {"$and": [{"kind": "phase"}, {"n": 1}]}}
    return {f"r{i}": {"all": [gate, {"m": {"kind": f"k{i % 300}"}}]} for i in range(n)}


@pytest.mark.parametrize("n", [256, 257])
def test_more_than_256_patterns_on_one_test_is_error_108(n: int):
    predicted = 108 in codes(shared(n))
    assert predicted == (n > network.BETA_LIST)
    assert compiles(shared(n)) is not predicted


@pytest.mark.parametrize("n", [128, 129])
def test_more_than_128_known_false_tests_under_one_test_is_error_107(n: int):
    rules = {
        f"r{i}": {"all": [{"m": {"$and": [{"kind": "x"}, {"$nex": {f"f{i}": 1}}]}}]}
        for i in range(n)
    }
    predicted = 107 in codes(rules)
    assert predicted == (n > network.NEXT_LIST)
    assert compiles(rules) is not predicted


@pytest.mark.parametrize("n", [64, 65])
def test_more_than_64_reference_tests_a_fact_reaches_is_error_303_when_asserted(n: int):
    rules = {
        f"r{i}": {
            "all": [{"a": {"kind": "a"}}, {"m": {"$and": [{"kind": "x"}, {"v": {"a": "v"}}]}}]
        }
        for i in range(n)
    }
    predicted = 303 in codes(rules)
    assert predicted == (n > network.STACK)
    session = Ruleset(f"network_test_{next(_NAMES)}", rules).session()
    try:
        session.assert_facts([{"kind": "a", "v": 1}])
        if predicted:
            with pytest.raises(Error, match="error code: 303"):
                session.assert_facts([{"kind": "x", "v": 1}])
        else:
            session.assert_facts([{"kind": "x", "v": 1}])
            assert len(list(session.activations())) == n
    finally:
        session.close()


def test_the_stack_bound_counts_one_equality_per_field_and_every_other_test():
    tests = [{"s": "a"}, {"s": "b"}, {"$gt": {"d": 1}}, {"$lt": {"d": 9}}, {"$nex": {"s": 1}}]
    rules = {
        f"r{i}": {"all": [{"m": {"$and": [{"kind": "x"}, test]}}]} for i, test in enumerate(tests)
    }
    depth, node = network.stack_bound(network.build(rules))
    assert (depth, node.prop) == (3, "kind")  # s = a or s = b, d > 1, d < 9


def test_splitting_keeps_every_test_under_the_limit_and_every_rule_firing():
    rules = shared(600)
    small = shared(network.SHARE)
    unchanged = copy.deepcopy(small)
    network.split_shared_paths(small)
    assert small == unchanged  # within the limit: compiled as before
    network.split_shared_paths(rules)
    assert codes(rules) == set()
    assert max(len(node.joins) for node in network.build(rules).under()) == network.SHARE
    assert json.dumps(rules).count(network.PART_FIELD) == 400
    session = Ruleset(f"network_test_{next(_NAMES)}", rules).session()
    try:
        session.assert_facts([{"kind": "phase", "n": 1}])
        session.assert_facts([{"kind": f"k{i}"} for i in range(300)])
        assert sorted(name for name, _ in session.activations()) == sorted(rules)
    finally:
        session.close()


def test_the_shipped_rule_base_fits():
    from parcel_doctor.knowledge.loader import load

    assert check_engine_limits(load()) == []


def test_a_rule_base_many_times_larger_is_reported_with_its_rules(kb: KnowledgeBase):
    for times in (16, 24, 32):  # the smallest multiple past the limits depends on the rules
        found = check_engine_limits(multiplied(kb, times))
        if found:
            break
    assert found
    located = [p for p in found if p.line and p.file.endswith(".toml")]
    assert located and all("--copy" in p.message for p in located)
    assert any("error 303" in p.message or "error 106" in p.message for p in found)
