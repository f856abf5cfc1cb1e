"""Checks on a rule set by itself, before it meets the facts: ids must be unique.
(`knowledge.rule_checks` checks the rules against the facts; `RuleGraph` reports
negation cycles.)"""

from __future__ import annotations

from parcel_doctor.rules.model import Rule
from parcel_doctor.toml_source import Problem


def unique_rules(rules: list[Rule], problems: list[Problem]) -> list[Rule]:
    """The rules with a duplicated id reported and left out (the first one is kept)."""
    seen: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in seen:
            first = seen[rule.id]
            problems.append(
                Problem(
                    rule.file,
                    rule.line,
                    "rule.id",
                    f"duplicate rule id {rule.id!r} (first at {first.file}:{first.line})",
                )
            )
        else:
            seen[rule.id] = rule
    return list(seen.values())
