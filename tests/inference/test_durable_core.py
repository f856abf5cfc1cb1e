"""durable_rules' C core as `inference.durable_core` drives it, and the 2.0.28 behaviours
it relies on or works around. If a future durable_rules changes them, these fail."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import textwrap

import durable_rules_engine as core
import pytest
from parcel_doctor.inference import durable_core
from parcel_doctor.inference.durable_core import (
    FACT_IDS,
    NOT_HANDLED,
    OBSERVED,
    Error,
    Ruleset,
    encode_facts,
)

_NAMES = itertools.count()


def ruleset(definition: dict) -> Ruleset:
    return Ruleset(f"core_test_{next(_NAMES)}", definition)


ORDER = {"$and": [{"kind": "order"}, {"state": "new"}]}
CHAIN = {
    "accept": {"all": [{"o": ORDER}]},
    "ship": {"all": [{"o": {"kind": "order"}}, {"a": {"$and": [{"kind": "accepted"}]}}]},
}


def test_a_fact_no_rule_can_take_is_refused_by_return_code_and_the_others_are_taken():
    session = ruleset(CHAIN).session()
    try:
        assert session.assert_facts([{"kind": "order", "state": "new"}]) == 0
        assert session.assert_facts([{"kind": "unknown"}, {"kind": "accepted"}]) == NOT_HANDLED
        fired = [name for name, _ in session.activations()]
    finally:
        session.close()
    assert sorted(fired) == ["accept", "ship"]  # `accepted` was taken despite the refusal


def test_an_identical_fact_is_observed_not_added():
    session = ruleset(CHAIN).session()
    try:
        assert session.assert_facts([{"kind": "order", "state": "new"}]) == 0
        assert session.assert_facts([{"kind": "order", "state": "new"}]) == OBSERVED
        assert [name for name, _ in session.activations()] == ["accept"]
    finally:
        session.close()


# Two different facts whose ids as durable_rules 2.0.28 makes them (from their fields)
# have the same 32-bit hash, which is how it stores a session's facts (found by search).
MET = ({"kind": "order", "n": 17775}, {"kind": "order", "n": 24413})
ANY_ORDER = {"r": {"all": [{"m": {"kind": "order"}}]}}


def test_quirk_two_different_facts_can_be_taken_for_one():
    handle = ruleset(ANY_ORDER).handle
    first, offset = core.assert_facts(handle, encode_facts([MET[0]]))
    second, _ = core.assert_facts(handle, encode_facts([MET[1]]))
    core.start_action_for_state(handle, offset)  # an action started: safe to delete
    core.delete_state(handle, None)
    assert (first, second) == (0, OBSERVED)  # the second, different, fact was refused


def test_a_session_takes_every_different_fact_and_gives_it_back_as_sent():
    session = ruleset(ANY_ORDER).session()
    try:
        assert [session.assert_facts([fact]) for fact in MET] == [0, 0]
        matched = sorted((m["m"] for _, m in session.activations()), key=lambda f: f["n"])
    finally:
        session.close()
    assert matched == sorted(MET, key=lambda f: f["n"])  # no `id` added


def _fnv1a_32(text: str) -> int:
    """The hash durable_rules 2.0.28 stores a fact by, of its id (`storeMessage`)."""
    value = 0x811C9DC5
    for byte in text.encode():
        value = ((value ^ byte) * 16777619) % 2**32
    return value


def test_the_ids_a_session_gives_can_never_be_taken_for_one_another():
    hashes = {_fnv1a_32(str(n)) for n in range(FACT_IDS + 1)} | {_fnv1a_32("sid-0")}
    assert len(hashes) == FACT_IDS + 2  # the guard's is FACT_IDS; the session's state "sid-0"


def test_a_session_refuses_more_different_facts_than_it_has_ids(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setattr(durable_core, "FACT_IDS", 2)
    session = ruleset(ANY_ORDER).session()
    try:
        session.assert_facts([{"kind": "order", "n": 1}, {"kind": "order", "n": 2}])
        assert session.assert_facts([{"kind": "order", "n": 1}]) == OBSERVED  # no new id
        with pytest.raises(Error, match="more than 2 different facts"):
            session.assert_facts([{"kind": "order", "n": 3}])
    finally:
        session.close()


def test_a_fact_with_an_id_of_its_own_is_refused():
    session = ruleset(ANY_ORDER).session()
    with pytest.raises(ValueError, match="no `id` of its own"):
        session.assert_facts([{"kind": "order", "id": 3}])


def test_facts_asserted_during_an_activation_are_matched_before_the_next_one():
    session = ruleset(CHAIN).session()
    seen = []
    try:
        session.assert_facts([{"kind": "order", "state": "new", "n": 7}])
        for name, matched in session.activations():
            seen.append((name, sorted(matched), matched["o"]["n"]))
            if name == "accept":
                session.assert_facts([{"kind": "accepted"}])
    finally:
        session.close()
    assert seen == [("accept", ["o"], 7), ("ship", ["a", "o"], 7)]


def test_a_bad_definition_raises_the_core_error():
    with pytest.raises(Error):
        ruleset({"r": {"all": [{"m": {"$nonsense": {"a": 1}}}]}})


def test_quirk_at_most_256_rules_hang_off_one_pattern():
    gate = {"g": {"$and": [{"kind": "phase"}, {"n": 1}]}}
    rules = {f"r{i}": {"all": [gate, {"m": {"kind": f"k{i}"}}]} for i in range(257)}
    with pytest.raises(Error, match="error code: 108"):
        ruleset(rules)
    del rules["r256"]
    ruleset(rules)


_DELETE_WITHOUT_ACTION = """
import json, durable_rules_engine as core
handle = core.create_ruleset("x", json.dumps({"r": {"all": [{"m": {"kind": "a", "n": 1}}]}}))
for _ in range(3):
    core.assert_facts(handle, json.dumps([{"kind": "a", "n": 2}]))  # matches nothing
    core.delete_state(handle, None)
"""
_GUARDED = """
from parcel_doctor.inference.durable_core import Ruleset
rules = Ruleset("x", {"r": {"all": [{"m": {"kind": "a", "n": 1}}]}})
for _ in range(3):
    session = rules.session()
    session.assert_facts([{"kind": "a", "n": 2}])  # matches nothing
    session.close()
"""


def _run_with_garbage_heap(code: str) -> int:
    """Run `code` in a child whose fresh heap memory is filled with non-zero bytes."""
    env = {**os.environ, "MALLOC_PERTURB_": "165"}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env).returncode


def test_quirk_deleting_a_session_where_no_action_started_frees_garbage():
    assert _run_with_garbage_heap(_DELETE_WITHOUT_ACTION) != 0  # the process dies


def test_closing_a_session_where_no_action_started_is_safe():
    assert _run_with_garbage_heap(_GUARDED) == 0


def test_facts_cross_the_c_core_unchanged():
    """Text in any script, numbers and booleans come back as they were sent (the facts
    are encoded by msgspec, compactly, and the activations decoded by it)."""
    sent = {"kind": "order", "state": "new", "to": "Côte d'Ivoire / 中国", "w": 0.1, "n": -3}
    sent |= {"big": 12345678901234, "ok": True, "no": False}
    session = ruleset(CHAIN).session()
    try:
        session.assert_facts([sent])
        got = [matched["o"] for name, matched in session.activations() if name == "accept"]
    finally:
        session.close()
    assert len(got) == 1
    assert {k: v for k, v in got[0].items() if k not in ("id", "sid")} == sent


def test_an_activation_gives_only_the_facts_asked_for_and_those_as_they_were_sent():
    """`activations(labels)`: the facts under other labels (the engine's phase fact, two
    thirds of an activation's text) are not decoded; those asked for are whole."""
    order = {"kind": "order", "state": "new", "to": "Côte d'Ivoire / 中国", "n": -3}
    session = ruleset(CHAIN).session()
    try:
        session.assert_facts([order, {"kind": "accepted", "by": "x"}])
        got = dict(session.activations({"accept": ("o",), "ship": ("a",)}))
    finally:
        session.close()
    assert set(got) == {"accept", "ship"}
    assert list(got["ship"]) == ["a"]  # "o" was matched too, and left unread
    assert {k: v for k, v in got["ship"]["a"].items() if k not in ("id", "sid")} == {
        "kind": "accepted",
        "by": "x",
    }
    assert {k: v for k, v in got["accept"]["o"].items() if k not in ("id", "sid")} == order
