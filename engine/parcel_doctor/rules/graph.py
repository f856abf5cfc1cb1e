"""The rule graph: which rules produce, need and test which facts, situations, advice and
questions, and the layer each rule runs in.

Built once per knowledge base (`KnowledgeBase.graph`); stratification, `explain`, the
interview's "why", the quiz's distractors and the handbook's diagram all read it, so
they agree on what depends on what.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from parcel_doctor.rules.model import Condition, FactSpec, Rule
from parcel_doctor.rules.vocabulary import CONCLUSION_KINDS

Produced = tuple[str, "str | None"]  # (kind, name); name None for derived facts


@dataclass(frozen=True)
class RuleGraph:
    """The relations between the rules of one rule set, and their layers.

    A rule *produces* the situations, advice, questions and derived facts in its `then`;
    it *needs* the facts its `when` patterns match and *tests* those of `when` and
    `unless`. A rule runs in a layer after every rule producing what it needs (same
    layer or lower) or negates (strictly lower): durable_rules has no truth
    maintenance, so a negated fact must be complete before it is tested.
    """

    rules: tuple[Rule, ...]
    layers: dict[str, int]
    cycle: tuple[str, ...] = ()  # rules whose negations form a cycle (no sound order)
    _by_id: dict[str, Rule] = field(default_factory=dict, repr=False, compare=False)
    _produced: dict[str, frozenset[Produced]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def build(cls, rules: Iterable[Rule]) -> RuleGraph:
        ordered = tuple(rules)
        produced = {r.id: frozenset(r.produces()) for r in ordered}
        layers, cycle = _stratify(ordered, produced)
        return cls(ordered, layers, cycle, {r.id: r for r in ordered}, produced)

    # ------------------------------------------------------------------ look-ups

    def rule(self, rule_id: str) -> Rule:
        return self._by_id[rule_id]

    def layer(self, rule: Rule) -> int:
        return self.layers[rule.id]

    @property
    def layer_count(self) -> int:
        return max(self.layers.values(), default=1)

    def produces(self, rule: Rule) -> frozenset[Produced]:
        return self._produced[rule.id]

    # ------------------------------------------------------------------ relations

    def producers(self, cond: Condition, *, exact: bool = False) -> list[Rule]:
        """The rules that can assert a fact `cond` matches. With `exact`, a derived fact
        whose fixed fields contradict the condition (`silence: state=normal` for
        `state = "late"`) does not count."""
        return _producers(self.rules, self._produced, cond, exact)

    def concluders(self, kind: str, name: str) -> list[Rule]:
        """The rules that conclude this situation, give this advice or ask this question."""
        return [r for r in self.rules if (kind, name) in self._produced[r.id]]

    def askers(self, qid: str) -> list[Rule]:
        return self.concluders("question", qid)

    def testers(
        self, kind: str, name: str | None, *, named: bool = False
    ) -> list[tuple[Rule, str]]:
        """Rules whose conditions match this conclusion: (rule, "when" or "unless"). A
        condition listing the name in `not_in` never matches it; with `named`, only a
        condition naming it counts (`name = ...` or `in`), not one any name fits."""
        out = []
        for rule in self.rules:
            for part, conds in (("when", rule.when), ("unless", rule.unless)):
                for cond in conds:
                    if cond.kind != kind or (name is not None and cond.excludes(name)):
                        continue
                    names = cond.names() if cond.kind in CONCLUSION_KINDS else None
                    fits = name in names if names is not None else not named
                    if name is None or fits:
                        out.append((rule, part))
                        break
        return out

    def needs(self, rule: Rule) -> list[tuple[str, set[str] | None]]:
        """What the rule's `when` matches: (kind, names) per pattern; names only for
        conclusion kinds that name them (None: any)."""
        return [(c.kind, c.names() if c.kind in CONCLUSION_KINDS else None) for c in rule.when]

    def downstream(self, seed: Callable[[Rule], bool]) -> list[Rule]:
        """The rules `seed` picks and, transitively, those whose `when` needs a derived
        fact or a named situation such a rule produces; in the order they were found."""
        kinds: set[str] = set()
        situations: set[str] = set()
        found: dict[str, Rule] = {}
        changed = True
        while changed:
            changed = False
            for rule in self.rules:
                if rule.id in found:
                    continue
                hit = seed(rule) or any(
                    cond.kind in kinds
                    or (cond.kind == "situation" and bool((cond.names() or set()) & situations))
                    for cond in rule.when
                )
                if hit:
                    found[rule.id] = rule
                    kinds |= {f.kind for f in rule.facts}
                    situations |= set(rule.situations)
                    changed = True
        return list(found.values())


def _fits(spec: FactSpec, cond: Condition) -> bool:
    if spec.kind != cond.kind:
        return False
    for test in cond.tests:
        value = spec.fields.get(test.field)
        if not isinstance(value, (str, int, bool)):
            continue
        if test.op == "is" and isinstance(test.value, (str, int, bool)) and value != test.value:
            return False
        if test.op == "in" and value not in test.value:
            return False
    return True


def _producers(
    rules: tuple[Rule, ...],
    produced: dict[str, frozenset[Produced]],
    cond: Condition,
    exact: bool,
) -> list[Rule]:
    names = cond.names() if cond.kind in CONCLUSION_KINDS else None
    dated = cond.kind == "advice" and any(
        t.field == "due" and t.op == "known" and t.value is True for t in cond.tests
    )
    return [
        r
        for r in rules
        if any(k == cond.kind and (names is None or n in names) for k, n in produced[r.id])
        and (not exact or cond.kind in CONCLUSION_KINDS or any(_fits(s, cond) for s in r.facts))
        and not (dated and r.due is None)  # only a rule with `then.due` dates its advice
    ]


def _stratify(
    rules: tuple[Rule, ...], produced: dict[str, frozenset[Produced]]
) -> tuple[dict[str, int], tuple[str, ...]]:
    """Each rule's layer (1 = first), and the rules caught in a negation cycle."""
    deps = {
        r.id: (
            [p.id for c in r.when for p in _producers(rules, produced, c, False)],
            [p.id for c in r.unless for p in _producers(rules, produced, c, False)],
        )
        for r in rules
    }
    layers = {r.id: 1 for r in rules}
    while True:
        changed = False
        for rule in rules:
            positive, negative = deps[rule.id]
            need = max([layers[p] for p in positive] + [layers[p] + 1 for p in negative] + [1])
            if need > layers[rule.id]:
                layers[rule.id] = need
                changed = True
        if not changed:
            return layers, ()
        # No sound order has more layers than rules; beyond twice that, every rule on
        # (or after) a negation cycle has climbed past the bound.
        if max(layers.values()) > 2 * len(rules):
            stuck = tuple(sorted(r.id for r in rules if layers[r.id] > len(rules)))
            return layers, stuck
