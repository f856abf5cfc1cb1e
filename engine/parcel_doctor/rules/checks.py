"""Checks on a rule set by itself, before it meets the facts: ids unique and not in the
form of the names the compiler generates, titles unique. (`knowledge.rule_checks`
checks the rules against the facts; `RuleGraph` reports negation cycles.)"""

from __future__ import annotations

from parcel_doctor.rules.model import Rule
from parcel_doctor.rules.vocabulary import NAME
from parcel_doctor.toml_source import Problem


def unique_rules(rules: list[Rule], problems: list[Problem]) -> list[Rule]:
    """The rules with a duplicated id reported and left out (the first one is kept);
    ids the compiler could confuse with its own names and shared titles reported."""
    seen: dict[str, Rule] = {}
    titles: dict[str, Rule] = {}
    for rule in rules:
        if not NAME.match(rule.id) or "__" in rule.id:
            problems.append(
                Problem(
                    rule.file,
                    rule.line_of("id"),
                    "rule.id",
                    f"{rule.id!r}: a rule id is letters, digits, `-` and `_`, without `__` "
                    "(the compiler names a rule's variants ID__alt1, ID__alt2, ...)",
                )
            )
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
            continue
        seen[rule.id] = rule
        other = titles.setdefault(rule.title.strip().casefold(), rule)
        if other is not rule:
            problems.append(
                Problem(
                    rule.file,
                    rule.line_of("title"),
                    "rule.title",
                    f"rule {other.id!r} has the same title ({other.file}:{other.line}); "
                    "a title tells a rule apart",
                )
            )
    return list(seen.values())
