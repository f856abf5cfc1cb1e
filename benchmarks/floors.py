"""The floors the benchmarks compare parcel-doctor with, measured in the same run.

- durable_rules on the real ruleset: a session created by asserting a shipment's
  initial facts into every rule compiled as `diagnose()` compiles them, then deleted,
  no rule run: what durable_rules costs per shipment before any rule fires.
"""

from __future__ import annotations

import itertools
from typing import Any

import durable_rules_engine as core
from parcel_doctor.inference.compiler import compile_ruleset
from parcel_doctor.inference.durable_core import Ruleset, encode_facts
from parcel_doctor.inference.limits import engine_rules
from parcel_doctor.inference.session import engine_for
from parcel_doctor.knowledge.loader import KnowledgeBase

_NAMES = itertools.count(1)


class DurableFloor:
    """The real ruleset compiled once more, its one session slot initialised by a
    session that ran an action (see durable_core), so that sessions in which nothing
    runs can be deleted without `Session.close`'s guard."""

    def __init__(self, kb: KnowledgeBase, written: bool = False) -> None:
        """The plain ruleset (a session per shipment, as here) as the engine compiles
        it; `written`: as the compiler writes it, every pattern kept (the floor of the
        sessions before 6, before `inference.gate_binding` dropped redundant ones)."""
        plain = compile_ruleset(kb.graph, kb.answer_values())
        definition = plain.definition if written else engine_rules(kb, share=False).definition
        ruleset = Ruleset(f"bench_floor_{next(_NAMES)}", definition)
        session = ruleset.session()
        session.assert_facts([{"kind": "shipment"}])
        session.close()
        self.handle = ruleset.handle
        self.matchable = engine_for(kb).matchable

    def encode(self, facts: list[dict[str, Any]]) -> str:
        """The initial facts as `diagnose()` sends them."""
        return encode_facts([f for f in facts if f["kind"] in self.matchable])

    def run(self, encoded: str) -> None:
        """Create a session with these facts and delete it."""
        core.assert_facts(self.handle, encoded)
        core.delete_state(self.handle, None)
