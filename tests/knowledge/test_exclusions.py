"""`facts check` on situations that exclude each other (facts/situations.toml `excludes`):
a rule set that can conclude both for one shipment is reported at the rules' lines, a
rule set that cannot is not, and what the analysis proves agrees with the rules' runs."""

from __future__ import annotations

import copy
import dataclasses
import functools
import shutil
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from parcel_doctor.cli.main import app
from parcel_doctor.diagnosis.diagnose import concluded_situations, limit_values
from parcel_doctor.knowledge import loader as knowledge
from parcel_doctor.knowledge.exclusions import (
    Unfolding,
    check_exclusions,
    excluded_pairs,
    judge,
)
from parcel_doctor.rules.graph import RuleGraph
from parcel_doctor.rules.model import FieldTest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]


def extra_rule(rule_id: str, when: str, unless: str, situation: str) -> str:
    """A rule file of one test rule."""
    return f"""
[[rule]]
id = "{rule_id}"
title = "Test rule {rule_id}"
explanation = "A rule of this test."
source = "facts/time_limits.toml"
when.shipment = {{ {when} }}
{unless}
then.situation = "{situation}"
"""


# exported a few days ago: never late (no service is late so soon), never silent too
# long, never at customs or back; `unless_situation` keeps it from delivered
EARLY_IN_TRANSIT = extra_rule(
    "early-in-transit",
    'last_event = "export", days_since_shipped_on = { at_most = 5 }',
    'unless_situation = "delivered"',
    "in-international-transit",
)
# contradicts held-by-customs
CUSTOMS_AND_LOST = extra_rule(
    "customs-means-lost",
    'last_event = "customs", days_since_last_event_on = { more_than = 3 }',
    "",
    "likely-lost",
)


def run(kb: knowledge.KnowledgeBase) -> tuple[list[str], list[str]]:
    errors, warnings = check_exclusions(
        kb, limit_values(kb), functools.partial(concluded_situations, kb)
    )
    return [str(e) for e in errors], [str(w) for w in warnings]


def with_rules(kb_copy: tuple[Path, Path], text: str) -> tuple[knowledge.KnowledgeBase, int]:
    """The knowledge base with `text` added as rules/70-extra.toml; the line of its
    `then.situation`."""
    facts, rules = kb_copy
    (rules / "70-extra.toml").write_text(text)
    kb, problems = knowledge.check(facts, rules)
    assert problems == []
    line = text.splitlines().index(next(t for t in text.splitlines() if "then.situation" in t))
    return kb, line + 1


def test_the_shipped_rules_never_conclude_an_excluded_pair():
    kb = knowledge.load()
    assert len(excluded_pairs(kb)) > 30
    assert run(kb) == ([], [])


def test_a_rule_concluding_what_another_excludes_is_reported_with_both_lines(kb_copy):
    kb, line = with_rules(kb_copy, CUSTOMS_AND_LOST)
    errors, warnings = run(kb)
    customs = kb.graph.rule("held-by-customs")
    mine = [e for e in errors if f"70-extra.toml:{line}" in e and "held-by-customs" in e]
    assert len(mine) == 1
    assert f"{customs.file}:{customs.line_of('then.situation')}" in mine[0]
    assert "held-in-customs" in mine[0] and "likely-lost" in mine[0]
    assert "last_event = customs" in mine[0]  # the example shipment
    assert warnings == []


def test_facts_check_fails_on_it_and_names_the_rule(kb_copy):
    with_rules(kb_copy, CUSTOMS_AND_LOST)
    facts, rules = kb_copy
    result = CliRunner().invoke(
        app, ["facts", "check", "--facts", str(facts), "--rules", str(rules)]
    )
    assert result.exit_code == 1
    assert "customs-means-lost" in result.output and "excludes" in result.output


def test_a_rule_whose_conditions_rule_the_other_out_is_not_reported(kb_copy):
    kb, _ = with_rules(kb_copy, EARLY_IN_TRANSIT)
    assert run(kb) == ([], [])


def test_a_rule_on_a_table_without_ids_is_unfolded(kb):
    # the disruptions (`where`, no ids) once made the search fail with a KeyError
    kinds = {s.kind for r in kb.rules for s in r.facts if s.table == "disruptions"}
    for rule in kb.rules:  # and the kinds derived from them (`disrupted`)
        if any(c.kind in kinds for c in rule.when):
            kinds |= {s.kind for s in rule.facts}
    rules = [r for r in kb.rules if r.situations and any(c.kind in kinds for c in r.when)]
    assert rules
    unfolding = Unfolding(kb, limit_values(kb))
    confirm = functools.partial(concluded_situations, kb)
    for rule in rules:
        (situation, *_) = rule.situations
        assert judge(unfolding, rule, situation, rule, situation, confirm) is not None


@pytest.fixture(scope="module")
def early_kb(tmp_path_factory: pytest.TempPathFactory) -> knowledge.KnowledgeBase:
    """The shipped knowledge base plus the `early-in-transit` rule."""
    rules = tmp_path_factory.mktemp("kb") / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / "70-extra.toml").write_text(EARLY_IN_TRANSIT)
    kb, problems = knowledge.check(ROOT / "facts", rules)
    assert problems == []
    return kb


KEPT: list[knowledge.KnowledgeBase] = []  # compiled engines are cached by id(): keep them


def with_threshold(kb: knowledge.KnowledgeBase, days: int) -> knowledge.KnowledgeBase:
    """`kb` whose `early-in-transit` rule allows `days` days since posting."""
    rule = kb.graph.rule("early-in-transit")
    (shipment,) = rule.when
    tests = tuple(
        FieldTest(t.field, t.op, days) if t.field == "days_since_shipped_on" else t
        for t in shipment.tests
    )
    changed = dataclasses.replace(rule, when=(dataclasses.replace(shipment, tests=tests),))
    other = copy.copy(kb)
    other.rules = [changed if r is rule else r for r in kb.rules]
    other.graph = RuleGraph.build(other.rules)
    KEPT.append(other)
    return other


@settings(max_examples=6)
@given(days=st.integers(min_value=0, max_value=120))
@example(days=10)
@example(days=11)
def test_in_transit_and_late_together_exactly_when_the_days_allow_it(early_kb, days):
    # moving-but-late needs more days since posting than the service's normal window
    # (the shortest: express); within it, the two rules can never fire together
    kb = with_threshold(early_kb, days)
    shortest = min(t["max_days"] for t in kb.tables["transit"].values())
    verdict = judge(
        Unfolding(kb, limit_values(kb)),
        kb.graph.rule("early-in-transit"),
        "in-international-transit",
        kb.graph.rule("moving-but-late"),
        "transit-delayed",
        functools.partial(concluded_situations, kb),
    )
    if days > shortest:
        assert verdict is not None and verdict.both, verdict
    else:
        assert verdict is None
