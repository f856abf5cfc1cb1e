"""Situations that exclude each other, checked on the rules themselves (`facts check`).

`facts/situations.toml` says which situations cannot hold together (`excludes`). For
every such pair, each rule concluding one side is taken with each rule concluding the
other, and the question is: can one shipment make both rules fire? The conditions of
both are unfolded down to the answers:

- a test on an answer (`shipment`), the tracking number or a limit narrows that value:
  a set of values ("not known" is one of them) and, for day counts, a range;
- a pattern on a derived fact (`silence`, `window`, `clock`, ...) becomes the conditions
  of a rule producing it (each producing rule an alternative), and the fact's fields
  what that rule writes: an answer, a limit, a record of a facts table (the records a
  test leaves stay candidates, so a table of 250 countries is not 250 alternatives);
- a pattern on a situation becomes the conditions of a rule concluding it;
- `unless` on an answer negates its tests; `unless` on a derived fact or a situation
  forbids it: every such fact the unfolding makes must fail the pattern, and at the end
  no rule may still be able to produce a matching one;
- day counts are compared as differences: `quiet.days` more than the window's
  `lost_after_days`, a last event never before posting (`after` in facts/questions.toml),
  no date after today; the day count of a facts record's date (a disruption's `from`) is
  its count on `TODAY` plus how many days today is after `TODAY` (`TODAY_SHIFT`, any);
- two fields compared with each other (`code = "$from.code"`, `{ not = ... }`), each a
  record's field or an answer with a closed list of values, are a `Link`: each side
  keeps the values some value of the other side passes every test with (propagated
  whenever either side narrows), and an alternative counts only if one value can be
  fixed for every link in turn (`settle`), so origin = destination is one alternative,
  not 250 x 250 country pairs; a derived fact's field copied from such a record field
  is a reference to it (`Term.ref`), and a `where` on one is a link too;
- a rule that must not fire fails when a `when` pattern matches nothing; a pattern
  comparing with facts of kinds with one fact fails when those match their own patterns
  and no fact matches it with their values (`fails`).

A derived kind that at most one fact can have (each rule producing it matches only such
facts and writes one fact, and no two of those rules can fire together) is one fact in
every pattern naming it: `silence` is `late` for one rule and `too-long` for the other
only if one fact can be both.

Each pair of rules is `disjoint` (proven: nothing is reported), `both` (answers exist
that satisfy both rules' conditions, with every `unless` proven to hold: an error, with
those answers as the example) or `undecided` (both fire in the unfolding only if some
rule that could conclude what an `unless` forbids does not fire, which the unfolding
cannot prove, or the search was cut off: a warning naming the pair and the reason).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.knowledge.schema import RENAMED
from parcel_doctor.rules.model import Condition, FactSpec, FieldTest, Offset, Ref, Rule
from parcel_doctor.rules.vocabulary import BASE_KINDS, CONCLUSION_KINDS
from parcel_doctor.toml_source import Problem

UNKNOWN = "(not known)"  # the value of an absent field
# Unfolding steps for one question before it is given up as undecided. One pair of the
# shipped rules (early-in-transit against silent-through-a-disruption) took 48,331 steps
# in session 17, so one more disruption record tipped 50,000; a decided pair costs
# microseconds a step, and only a pair that would have been cut off takes longer.
BUDGET = 200_000
DEPTH = 10  # how many derived facts deep a chain is unfolded
EXISTS = "tracking_number.__exists"  # is there a tracking number at all
TODAY_SHIFT = "today.shift"  # today less `TODAY`, in days, for records' dates


# ----------------------------------------------------------------------------- values


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass(frozen=True)
class Var:
    """What one answer can still be: a finite set (None: an open domain), values it
    cannot be, and for numbers a range (`UNKNOWN` stands for "not known")."""

    allowed: frozenset[Any] | None = None
    banned: frozenset[Any] = frozenset()
    lo: int | None = None
    hi: int | None = None

    def can_be(self, value: Any) -> bool:
        if value in self.banned or (self.allowed is not None and value not in self.allowed):
            return False
        if value == UNKNOWN or (self.lo is None and self.hi is None):
            return True
        low, high = self.lo, self.hi
        return _number(value) and (low is None or value >= low) and (high is None or value <= high)

    def possible(self) -> bool:
        if self.allowed is not None:
            return any(self.can_be(v) for v in self.allowed)
        if self.lo is not None and self.hi is not None:
            return self.can_be(UNKNOWN) or any(
                self.can_be(v) for v in range(self.lo, min(self.hi, self.lo + 1000) + 1)
            )
        return True

    @property
    def known(self) -> bool:
        """The value cannot be unknown."""
        return not self.can_be(UNKNOWN)

    def example(self) -> Any:
        if self.allowed is not None:
            return next((v for v in sorted(self.allowed, key=str) if self.can_be(v)), None)
        return (
            UNKNOWN
            if self.can_be(UNKNOWN)
            else "any value but " + ", ".join(sorted(map(str, self.banned - {UNKNOWN})))
        )


def narrow(var: Var, op: str, value: Any, negated: bool = False) -> list[Var]:
    """`var` narrowed by one test against a constant, or by its negation; several
    results are alternatives."""
    if negated:
        if op == "is":
            return [replace(var, banned=var.banned | {value})]
        if op == "in":
            return [replace(var, banned=var.banned | frozenset(value))]
        if op == "not":
            return narrow(var, "in", [value, UNKNOWN])
        if op == "not_in":
            return narrow(var, "in", [*value, UNKNOWN])
        if op == "known":
            return narrow(var, "known", not value)
        return [*narrow(var, "is", UNKNOWN), *narrow(var, _OPPOSITE[op], value)]
    if op in ("is", "in"):
        values = frozenset([value] if op == "is" else value)
        return [replace(var, allowed=values if var.allowed is None else var.allowed & values)]
    if op in ("not", "not_in"):
        values = frozenset([value] if op == "not" else value)
        return [replace(var, banned=var.banned | values | {UNKNOWN})]
    if op == "known":
        return (
            [replace(var, banned=var.banned | {UNKNOWN})] if value else narrow(var, "is", UNKNOWN)
        )
    if not _number(value):
        return [var]  # compared with a text or an absent field: left open
    lo, hi = var.lo, var.hi
    if op == "more_than":
        lo = _max(lo, math.floor(value) + 1)
    elif op == "at_least":
        lo = _max(lo, math.ceil(value))
    elif op == "less_than":
        hi = _min(hi, math.ceil(value) - 1)
    else:
        hi = _min(hi, math.floor(value))
    return [replace(var, banned=var.banned | {UNKNOWN}, lo=lo, hi=hi)]


def _max(a: int | None, b: int) -> int:
    return b if a is None else max(a, b)


def _min(a: int | None, b: int) -> int:
    return b if a is None else min(a, b)


_OPPOSITE = {"more_than": "at_most", "at_most": "more_than", "at_least": "less_than"}
_OPPOSITE["less_than"] = "at_least"
_MIRROR = {"more_than": "less_than", "less_than": "more_than", "at_least": "at_most"}
_MIRROR["at_most"] = "at_least"


def holds(value: Any, op: str, wanted: Any) -> bool | None:
    """One test on a constant, as the engine evaluates it (None: left open, a number
    compared with a text)."""
    if op == "known":
        return (value != UNKNOWN) == bool(wanted)
    if value == UNKNOWN:
        return False
    if op in ("is", "not"):
        return (value == wanted) == (op == "is")
    if op in ("in", "not_in"):
        return (value in wanted) == (op == "in")
    if not (_number(value) and _number(wanted)):
        return None
    return {
        "more_than": value > wanted,
        "at_least": value >= wanted,
        "less_than": value < wanted,
        "at_most": value <= wanted,
    }[op]


def day_test(test: FieldTest) -> FieldTest:
    """A date test as the day-count test the compiler makes of it."""
    return test.in_days()


# ----------------------------------------------------------------------------- state


@dataclass(frozen=True)
class Term:
    """A field's value in an unfolding: a constant, an answer (a variable), or a field
    of another instance's candidate records (`ref`, read when a test needs it)."""

    value: Any = UNKNOWN
    var: str | None = None
    ref: tuple[str, str] | None = None  # (instance, field)


@dataclass(frozen=True)
class Instance:
    """One derived fact or conclusion in an unfolding: the fields its rule wrote and,
    for a record of a facts table, the records (key, fields) it can still be."""

    kind: str
    fields: tuple[tuple[str, Term], ...] = ()
    records: tuple[tuple[Any, tuple[tuple[str, Any], ...]], ...] | None = None
    key: str | None = None  # the variable the records are looked up by

    def written(self, name: str) -> Term | None:
        return dict(self.fields).get(name)


@dataclass(frozen=True)
class End:
    """One side of a comparison of two facts' fields: field `name` of instance `iid`
    (the values of its candidate records), or the answer `name` (`iid` None)."""

    iid: str | None
    name: str


@dataclass(frozen=True)
class Link:
    """Tests between two sides with a finite set of values each, `left op right` or its
    negation, kept as one constraint rather than split into one alternative per value
    (origin and destination would otherwise be 250 x 250 country pairs, each
    multiplying the rest of the search). Every test between the same two sides is in
    one link, so a side keeps a value only if one value of the other passes them all."""

    left: End
    right: End
    tests: tuple[tuple[str, bool, bool], ...]  # op ("is" or "not"), negated, right op left

    def holds(self, left: Any, right: Any) -> bool:
        return all(
            holds(*((right, op, left) if swapped else (left, op, right))) != negated
            for op, negated, swapped in self.tests
        )

    def supported(self, value: Any, others: frozenset[Any], on_left: bool) -> bool:
        """Whether `value` on one side passes every test with some value of the other.
        A test only asks whether each value is known and whether the two are equal, so
        one value of the other side per answer to those questions is enough."""
        if value == UNKNOWN:
            tried = [UNKNOWN, next((o for o in others if o != UNKNOWN), UNKNOWN)]
        else:
            tried = [value, UNKNOWN, next((o for o in others if o not in (value, UNKNOWN)), value)]
        return any(
            self.holds(value, other) if on_left else self.holds(other, value)
            for other in tried
            if other in others
        )


@dataclass(frozen=True)
class State:
    """One alternative of an unfolding: what the answers can be, the facts it made,
    the patterns no fact may match, and why it may not be a real shipment."""

    vars: tuple[tuple[str, Var], ...] = ()
    diffs: frozenset[tuple[str, str, int]] = frozenset()  # a - b <= c
    made: tuple[tuple[str, Instance], ...] = ()
    forbidden: tuple[Condition, ...] = ()
    unsure: tuple[str, ...] = ()
    fresh: int = 0
    closed: bool = False  # every answer not named in `vars` is not known
    settled: int = 0  # how many of `forbidden` have been followed up (`absent`)
    links: tuple[Link, ...] = ()  # comparisons of two facts' fields, kept whole

    def instance(self, iid: str) -> Instance | None:
        return dict(self.made).get(iid)

    def with_instance(self, iid: str, inst: Instance) -> State:
        return replace(self, made=tuple({**dict(self.made), iid: inst}.items()))


class OutOfBudget(Exception):
    """The unfolding needed more steps than `BUDGET`."""


Env = dict[str, str]  # a rule's labels -> instance ids
Goal = tuple[Any, ...]


# ----------------------------------------------------------------------------- the analysis


class Unfolding:
    """The rules of a knowledge base, unfolded down to the answers."""

    def __init__(self, kb: KnowledgeBase, limits: dict[str, Any]) -> None:
        self.kb = kb
        self.limits = limits
        self.rules = list(kb.rules)
        self.steps = 0
        self.domains: dict[str, frozenset[Any]] = {}
        self.dates: set[str] = set()
        # (date, the date it is never before, unless one of these answers is given)
        self.order: list[tuple[str, str, dict[str, list[Any]]]] = []
        for qid, question in kb.questions.items():
            kind = question.get("kind")
            if kind == "choice":
                values = {c.get("value") for c in kb.choices(question)} - {None}
                self.domains[f"shipment.{qid}"] = frozenset(values | {UNKNOWN})
            elif kind == "yes-no":
                self.domains[f"shipment.{qid}"] = frozenset({True, False, UNKNOWN})
            elif kind in ("country", "carrier"):
                table = kb.tables["countries" if kind == "country" else "carriers"]
                self.domains[f"shipment.{qid}"] = frozenset({*table, UNKNOWN})
            elif kind == "date":
                self.dates.add(qid)
                if isinstance(question.get("after"), str):
                    self.order.append((qid, question["after"], question.get("after_unless", {})))
        self.domains["tracking_number.valid"] = frozenset({True, False, UNKNOWN})
        self.domains[EXISTS] = frozenset({True, False})
        self._records: dict[str, list[tuple[Any, tuple[tuple[str, Any], ...]]]] = {}
        self.single: set[str] = set()
        self.single = self._single_kinds()

    # ------------------------------------------------------------ variables

    def var(self, state: State, name: str) -> Var:
        found = dict(state.vars).get(name)
        if found is not None:
            return found
        if state.closed:
            return (
                Var(banned=frozenset({UNKNOWN}))
                if name == "shipment.today"
                else Var(frozenset({UNKNOWN}))
            )
        if name == TODAY_SHIFT:  # any day a date can be
            usual = TODAY.toordinal()
            return Var(
                banned=frozenset({UNKNOWN}), lo=1 - usual, hi=dt.date.max.toordinal() - usual
            )
        if name.startswith("shipment.days_since_") or name == "shipment.today":
            return Var(
                lo=0, banned=frozenset({UNKNOWN}) if name == "shipment.today" else frozenset()
            )
        return Var(allowed=self.domains.get(name))

    def set_var(self, state: State, name: str, var: Var) -> State | None:
        after = self._set_var(state, name, var)
        if after is None or not any(self.touches(after, link, name) for link in after.links):
            return after
        return self.propagate(after)

    def _set_var(self, state: State, name: str, var: Var) -> State | None:
        if not var.possible():
            return None
        if name.startswith("tracking_number.") and name != EXISTS and var.known:
            exists = self.var(state, EXISTS)
            if not exists.can_be(True):
                return None
            state = replace(
                state, vars=tuple({**dict(state.vars), EXISTS: Var(frozenset({True}))}.items())
            )
        return replace(state, vars=tuple({**dict(state.vars), name: var}.items()))

    def narrowed(
        self, state: State, name: str, op: str, value: Any, negated: bool = False
    ) -> Iterator[State]:
        for var in narrow(self.var(state, name), op, value, negated):
            after = self.set_var(state, name, var)
            if after is not None:
                yield after

    def consistent(self, state: State) -> dict[str, int] | None:
        """Day counts that satisfy every range and difference (Bellman-Ford), or None."""
        edges = set(state.diffs)
        for later, earlier, unless in self.order:
            a, b = f"shipment.days_since_{later}", f"shipment.days_since_{earlier}"
            if any(
                self.var(state, f"shipment.{other}").can_be(value)
                for other, values in unless.items()
                for value in values
            ):
                continue  # the order need not hold: no constraint
            if self.var(state, a).known and self.var(state, b).known:
                edges.add((a, b, 0))
        nodes = {"0"}
        for a, b, _ in edges:
            nodes |= {a, b}
        for name, var in state.vars:
            if var.lo is not None or var.hi is not None:
                nodes.add(name)
        arcs = [(b, a, c) for a, b, c in edges]
        for name in nodes - {"0"}:
            var = self.var(state, name)
            if var.lo is not None:
                arcs.append((name, "0", -var.lo))
            if var.hi is not None:
                arcs.append(("0", name, var.hi))
        dist = dict.fromkeys(nodes, 0)
        for _ in range(len(nodes) + 1):
            changed = False
            for u, v, w in arcs:
                if dist[u] + w < dist[v]:
                    dist[v] = dist[u] + w
                    changed = True
            if not changed:
                return {n: dist[n] - dist["0"] for n in nodes if n != "0"}
        return None

    # ------------------------------------------------------------ kinds with one fact

    def records(self, table: str) -> list[tuple[Any, tuple[tuple[str, Any], ...]]]:
        """A facts table's records by key (a table without ids, such as `disruptions`,
        by position), encoded as the engine encodes them."""
        if table not in self._records:
            keyed = self.kb.tables.get(table)
            found = keyed.items() if keyed is not None else enumerate(self.kb.records(table))
            self._records[table] = [(k, _encoded(r)) for k, r in found]
        return self._records[table]

    def producers(self, kind: str) -> list[tuple[Rule, FactSpec]]:
        return [(r, s) for r in self.rules for s in r.facts if s.kind == kind]

    def concluders(self, kind: str, name: str) -> list[Rule]:
        return self.kb.graph.concluders(kind, name)

    def _single_kinds(self) -> set[str]:
        """Derived kinds at most one fact can have, found bottom-up: every rule writing
        one matches only such facts and writes one fact (no `where`), and no two rules
        writing different facts can fire together."""
        single: set[str] = set()
        kinds = {s.kind for r in self.rules for s in r.facts}
        changed = True
        while changed:
            changed = False
            for kind in sorted(kinds - single):
                makers = self.producers(kind)
                if all(self._fires_once(r, s, single) for r, s in makers) and all(
                    self.never_together([a, b])
                    for i, (a, _) in enumerate(makers)
                    for b, _ in makers[i + 1 :]
                ):
                    single.add(kind)
                    self.single = set(single)
                    changed = True
        return single

    def _fires_once(self, rule: Rule, spec: FactSpec, single: set[str]) -> bool:
        if spec.where or sum(1 for s in rule.facts if s.kind == spec.kind) > 1:
            return False
        for cond in rule.when:
            if cond.kind in BASE_KINDS or cond.kind in single:
                continue
            names = cond.names() if cond.kind in ("situation", "question") else None
            if names is None or len(names) > 1:  # (advice can come twice, with two dates)
                return False
        return True

    def never_together(self, rules: list[Rule]) -> bool:
        """No shipment makes all these rules fire (a sound over-approximation: the
        `unless` of facts not made in the unfolding is not followed up)."""
        self.steps = 0
        try:
            return next(self.solve(State(), [("rule", r, 0) for r in rules]), None) is None
        except OutOfBudget:
            return False

    # ------------------------------------------------------------ unfolding

    def solve(self, state: State, goals: list[Goal]) -> Iterator[State]:
        """Every alternative in which all the goals hold (day counts consistent)."""
        self.steps += 1
        if self.steps > BUDGET:
            raise OutOfBudget
        if not goals:
            if self.consistent(state) is None or (state.links and self.settle(state) is None):
                return
            if not self.complete or state.settled == len(state.forbidden):
                yield state
                return
            cond = state.forbidden[state.settled]
            for option, added in self.absent(replace(state, settled=state.settled + 1), cond):
                yield from self.solve(option, added)
            return
        goal, rest = goals[0], goals[1:]
        what = goal[0]
        if what == "rule":
            state, env = self.bind(state, goal[1])
            rule, depth = goal[1], goal[2]
            # what the rule forbids first, its patterns after the other goals: a fact one
            # goal makes is then refused at once, not after every way of making the rest
            unless: list[Goal] = [("unless", c, env) for c in rule.unless]
            patterns: list[Goal] = [("pattern", c, env, depth) for c in _ordered(rule.when)]
            yield from self.solve(state, unless + rest + patterns)
            return
        if what == "pattern":
            options = self.pattern(state, goal[1], goal[2], goal[3])
        elif what == "make":
            options = self.make(state, goal[1], goal[2], goal[3])
        elif what == "tests":
            options = self.tests(state, goal[1], goal[2], goal[3])
        elif what == "fails":
            options = self.fails(state, goal[1], goal[2])
        else:
            options = self.unless(state, goal[1])
        for option, added in options:
            yield from self.solve(option, added + rest)

    complete = False  # follow every `unless` on a derived fact or situation up (`absent`)

    def absent(self, state: State, cond: Condition) -> Options:
        """No fact matches `cond` (an `unless` on a derived fact or a conclusion), beyond
        the facts already made (which `unless` and `check_forbidden` test): for a
        conclusion, every rule concluding a name it matches fails; for a kind with one
        fact, that fact is made and fails the pattern, or every rule writing it fails.
        (For other kinds nothing more is required: an over-approximation.)"""
        if cond.kind in CONCLUSION_KINDS:
            goals: list[Goal] = []
            for name in self.names(cond):
                if state.instance(f"{cond.kind}:{name}") is None:
                    goals += [("fails", rule, 0) for rule in self.concluders(cond.kind, name)]
            yield state, goals
            return
        if cond.kind not in self.single or state.instance(cond.kind) is not None:
            yield state, []
            return
        yield state, [("pattern", Condition(cond.kind, cond.kind, ()), {cond.kind: cond.kind}, 0)]
        yield state, [("fails", rule, 0) for rule, _ in self.producers(cond.kind)]

    def fails(self, state: State, rule: Rule, depth: int) -> Options:
        """`rule` does not fire: one of its `when` patterns matches nothing, or a fact
        matches one of its `unless` patterns. A `when` pattern comparing with other
        patterns' facts of kinds with one fact each (`destination` with `$from.code`)
        fails when those facts match their own patterns and no fact matches it with
        their values; with any other fact it is not negated (left open: an
        over-approximation)."""
        if depth > DEPTH:
            yield state, []
            return
        patterns = {c.label: c for c in rule.when}
        for cond in rule.when:
            named = {r.label for t in cond.tests for r in t.refs()} - {"limits"}
            if not named:
                yield state, [("unless", cond, {})]
            elif cond.label not in named and all(self._one_fact(patterns.get(n)) for n in named):
                env = {label: patterns[label].kind for label in sorted(named)}
                goals: list[Goal] = [("pattern", patterns[n], env, depth + 1) for n in env]
                yield state, [*goals, ("unless", _bound(cond, env), {})]
            else:
                yield state, []
        for cond in rule.unless:
            state2, env = self.bind_one(state, cond)
            yield state2, [("pattern", cond, env, depth + 1)]

    def _one_fact(self, cond: Condition | None) -> bool:
        """A `when` pattern on a kind with one fact that names no other fact."""
        return (
            cond is not None
            and (cond.kind in BASE_KINDS or cond.kind in self.single)
            and not any(r.label != "limits" for t in cond.tests for r in t.refs())
        )

    def bind_one(self, state: State, cond: Condition) -> tuple[State, Env]:
        if cond.kind in BASE_KINDS or cond.kind in self.single:
            return state, {cond.label: cond.kind}
        return replace(state, fresh=state.fresh + 1), {cond.label: f"{cond.kind}#{state.fresh + 1}"}

    def names(self, cond: Condition) -> list[str]:
        """The names of a conclusion kind a pattern can match."""
        table = {"situation": "situations", "advice": "advice", "question": "questions"}[cond.kind]
        names = sorted(self.kb.tables[table])
        for test in cond.tests:
            if test.field == "name" and not isinstance(test.value, Ref):
                names = [n for n in names if holds(n, test.op, test.value) is not False]
        return names

    def bind(self, state: State, rule: Rule) -> tuple[State, Env]:
        """Instance ids for the labels of a rule's `when` patterns."""
        env: Env = {}
        fresh = state.fresh
        for cond in rule.when:
            if cond.kind in BASE_KINDS or cond.kind in self.single:
                env[cond.label] = cond.kind
            else:
                fresh += 1
                env[cond.label] = f"{cond.kind}#{fresh}"
        return replace(state, fresh=fresh), env

    Options = Iterator[tuple[State, list[Goal]]]

    def pattern(self, state: State, cond: Condition, env: Env, depth: int) -> Options:
        """A fact matching `cond` exists."""
        iid = env.get(cond.label, cond.kind)
        if cond.kind == "tracking_number":
            for after in self.narrowed(state, EXISTS, "is", True):
                yield after, [("tests", iid, cond.tests, env)]
            return
        if cond.kind in BASE_KINDS:
            yield state, [("tests", iid, cond.tests, env)]
            return
        if cond.kind in CONCLUSION_KINDS:
            yield from self.conclusion(state, cond, env, depth)
            return
        if state.instance(iid) is not None:
            yield state, [("tests", iid, cond.tests, env)]
            return
        if depth > DEPTH:
            yield replace(state, unsure=(*state.unsure, f"{cond.kind} too deep")), []
            return
        for rule, spec in self.producers(cond.kind):
            state2, env2 = self.bind(state, rule)
            goals: list[Goal] = [("unless", c, env2) for c in rule.unless]
            goals += [("pattern", c, env2, depth + 1) for c in _ordered(rule.when)]
            goals += [("make", iid, spec, env2), ("tests", iid, cond.tests, env)]
            yield state2, goals

    def conclusion(self, state: State, cond: Condition, env: Env, depth: int) -> Options:
        for name in self.names(cond):
            iid = f"{cond.kind}:{name}"
            env[cond.label] = iid
            if state.instance(iid) is not None:
                yield state, []
                continue
            if depth > DEPTH:
                yield replace(state, unsure=(*state.unsure, f"{cond.kind} {name} too deep")), []
                continue
            made = self.check_forbidden(state, iid, Instance(cond.kind, (("name", Term(name)),)))
            for after, goals in made:
                for rule in self.concluders(cond.kind, name):
                    yield after, [("rule", rule, depth + 1), *goals]

    def make(self, state: State, iid: str, spec: FactSpec, env: Env) -> Options:
        """The fact `spec` writes, as instance `iid`."""
        for state2, fields in self.resolve_all(state, spec.fields, env, lazy=True):
            # an unknown value is absent: a record's own field then stays
            written = tuple(
                (k, t) for k, t in fields.items() if spec.table is None or t != Term(UNKNOWN)
            )
            if spec.table is None:
                yield from self.check_forbidden(state2, iid, Instance(spec.kind, written))
                continue
            records = self.records(spec.table)
            if spec.where:
                yield from self.make_where(state2, iid, spec, env, records, written)
                continue
            end = self.ref_end(state2, spec.key, env)
            if end is not None and end.iid is not None:  # one alternative per record it can be
                values = self.values(state2, end)
                for k, r in records:
                    after = self.restrict(state2, end, frozenset([k]).__contains__)
                    after = self.propagate(after) if k in values and after is not None else None
                    if after is not None:
                        yield from self.check_forbidden(
                            after, iid, Instance(spec.kind, written, ((k, r),))
                        )
                continue
            for state3, resolved in self.resolve_all(state2, {"key": spec.key}, env):
                key = resolved["key"]
                if key.var is None:
                    kept = [(k, r) for k, r in records if k == key.value]
                    if kept:
                        yield from self.check_forbidden(
                            state3, iid, Instance(spec.kind, written, tuple(kept))
                        )
                    continue
                var = self.var(state3, key.var)
                kept = [(k, r) for k, r in records if var.can_be(k)]
                after = self.set_var(
                    state3, key.var, replace(var, allowed=frozenset(k for k, _ in kept))
                )
                if kept and after is not None:
                    inst = Instance(spec.kind, written, tuple(kept), key.var)
                    yield from self.check_forbidden(after, iid, inst)

    def make_where(
        self,
        state: State,
        iid: str,
        spec: FactSpec,
        env: Env,
        records: list[tuple[Any, tuple[tuple[str, Any], ...]]],
        written: tuple[tuple[str, Term], ...],
    ) -> Options:
        """One fact per matching record: here, one of them (any). A value from a field of
        finitely many values is linked to the record's field, not split by value."""
        linked = {}
        for name, value in spec.where.items():
            end = self.ref_end(state, value, env)
            if end is not None:
                linked[name] = end
        if linked:
            allowed = {name: self.values(state, end) for name, end in linked.items()}
            records = [
                (k, r)
                for k, r in records
                if all(dict(r).get(n, UNKNOWN) in allowed[n] for n in linked)
            ]
            spec = replace(spec, where={n: v for n, v in spec.where.items() if n not in linked})
            if not records:
                return
        for state2, wanted in self.resolve_all(state, spec.where, env):
            options = [(state2, records)]
            for name, term in wanted.items():
                nxt = []
                for st, recs in options:
                    if term.var is None:
                        nxt.append(
                            (
                                st,
                                [
                                    (k, r)
                                    for k, r in recs
                                    if dict(r).get(name, UNKNOWN) == term.value
                                ],
                            )
                        )
                        continue
                    for value in {dict(r).get(name, UNKNOWN) for _, r in recs}:
                        for st2 in self.narrowed(st, term.var, "is", value):
                            nxt.append(
                                (
                                    st2,
                                    [
                                        (k, r)
                                        for k, r in recs
                                        if dict(r).get(name, UNKNOWN) == value
                                    ],
                                )
                            )
                options = nxt
            for st, recs in options:
                if not recs:
                    continue
                made: State | None = st.with_instance(
                    iid, Instance(spec.kind, written, tuple(recs))
                )
                for name, end in linked.items():
                    if made is not None:
                        made = self.propagate(self.linked(made, End(iid, name), "is", False, end))
                inst = made.instance(iid) if made is not None else None
                if made is not None and inst is not None:
                    yield from self.check_forbidden(made, iid, inst)

    def resolve_all(
        self, state: State, values: dict[str, Any], env: Env, lazy: bool = False
    ) -> Iterator[tuple[State, dict[str, Term]]]:
        """The terms of written values (constants or `$label.field`), per alternative;
        `lazy`: a field of candidate records stays a reference to it."""
        options: list[tuple[State, dict[str, Term]]] = [(state, {})]
        for name, value in values.items():
            nxt = []
            for st, done in options:
                end = self.ref_end(st, value, env) if lazy else None
                if end is not None and end.iid is not None:
                    nxt.append((st, {**done, name: Term(ref=(end.iid, end.name))}))
                elif isinstance(value, Ref):
                    for st2, term in self.term(st, env.get(value.label, value.label), value.field):
                        nxt.append((st2, {**done, name: term}))
                else:
                    nxt.append((st, {**done, name: Term(value)}))
            options = nxt
        yield from options

    def term(self, state: State, iid: str, name: str) -> Iterator[tuple[State, Term]]:
        """The value of field `name` of instance `iid`: alternatives by record."""
        if iid == "shipment":
            if name in self.dates:
                name = f"days_since_{name}"  # a date is known when its day count is
            yield state, Term(var=f"shipment.{name}")
            return
        if iid == "tracking_number":
            yield state, Term(var=f"tracking_number.{name}")
            return
        if iid == "limits":
            yield state, Term(self.limits.get(name, UNKNOWN))
            return
        inst = state.instance(iid)
        if inst is None:
            yield (
                replace(state, unsure=(*state.unsure, f"{iid}.{name} unbound")),
                Term(var=f"{iid}.{name}"),
            )
            return
        written = inst.written(name)
        if written is not None and written.ref is not None:
            yield from self.term(state, *written.ref)
            return
        if written is not None or inst.records is None:
            yield state, written or Term(UNKNOWN)
            return
        groups: dict[Any, list[Any]] = {}
        for key, record in inst.records:
            groups.setdefault(dict(record).get(name, UNKNOWN), []).append((key, record))
        for value, recs in groups.items():
            after = self.keep_records(state, iid, inst, recs)
            if after is None:
                continue
            if isinstance(value, _DateValue) and name.startswith("days_since_"):
                yield from self.dated(after, f"{iid}.{name}", value)
            elif isinstance(value, _DateValue):
                after = replace(after, unsure=(*after.unsure, f"dates in {inst.kind}"))
                yield after, Term(var=f"{iid}.{name}")
            else:
                yield after, Term(value)

    def dated(self, state: State, name: str, date: str) -> Iterator[tuple[State, Term]]:
        """The day count since a record's date, as a variable: `TODAY`'s count plus the
        days today is after `TODAY` (`TODAY_SHIFT`, any day; `close` prefers 0)."""
        usual = (TODAY - dt.date.fromisoformat(date)).days
        since = {(name, TODAY_SHIFT, usual), (TODAY_SHIFT, name, -usual)}
        for st in self.narrowed(state, name, "known", True):
            for st2 in self.narrowed(st, TODAY_SHIFT, "known", True):
                yield replace(st2, diffs=st2.diffs | since), Term(var=name)

    def keep_records(self, state: State, iid: str, inst: Instance, recs: list[Any]) -> State | None:
        after = self._keep_records(state, iid, inst, recs)
        names = (iid, inst.key or iid)
        if after is None or not any(self.touches(after, k, n) for k in after.links for n in names):
            return after
        return self.propagate(after)

    def _keep_records(
        self, state: State, iid: str, inst: Instance, recs: list[Any]
    ) -> State | None:
        state = state.with_instance(iid, replace(inst, records=tuple(recs)))
        if inst.key is None:
            return state
        var = self.var(state, inst.key)
        return self._set_var(
            state,
            inst.key,
            replace(
                var,
                allowed=frozenset(k for k, _ in recs)
                & (var.allowed or frozenset(k for k, _ in recs)),
            ),
        )

    # ------------------------------------------------------------ two facts' fields

    def end(self, state: State, iid: str, name: str) -> End | None:
        """Field `name` of instance `iid` as one side of a link: an answer with a finite
        set of values, or a field of candidate records (not dates: their day counts
        depend on today); None when it is a constant or open."""
        if iid in ("shipment", "tracking_number"):
            if iid == "shipment" and (name in self.dates or name.startswith("days_since_")):
                return None
            name = f"{iid}.{name}"
            return End(None, name) if self.var(state, name).allowed is not None else None
        inst = state.instance(iid)
        if inst is None:
            return None
        written = inst.written(name)
        if written is not None and written.ref is not None:
            return self.end(state, *written.ref)
        if written is not None:
            if written.var is None or self.var(state, written.var).allowed is None:
                return None
            return End(None, written.var)
        if inst.records is None or any(
            isinstance(dict(r).get(name), _DateValue) for _, r in inst.records
        ):
            return None
        return End(iid, name)

    def ref_end(self, state: State, value: Any, env: Env) -> End | None:
        """`$label.field` as one side of a link (`end`), else None."""
        if not isinstance(value, Ref):
            return None
        return self.end(state, env.get(value.label, value.label), value.field)

    def live_records(self, state: State, iid: str) -> list[tuple[Any, Any]]:
        """The candidate records of instance `iid` its key's answer still allows."""
        inst = state.instance(iid)
        assert inst is not None and inst.records is not None
        if inst.key is None:
            return list(inst.records)
        var = self.var(state, inst.key)
        return [(k, r) for k, r in inst.records if var.can_be(k)]

    def values(self, state: State, end: End) -> frozenset[Any]:
        """The values one side of a link can still take."""
        if end.iid is None:
            var = self.var(state, end.name)
            return frozenset(v for v in var.allowed or () if var.can_be(v))
        return frozenset(
            dict(r).get(end.name, UNKNOWN) for _, r in self.live_records(state, end.iid)
        )

    def restrict(self, state: State, end: End, keep: Callable[[Any], bool]) -> State | None:
        """One side of a link kept to the values `keep` accepts (the same state when
        nothing changes; None when no value is left)."""
        if end.iid is None:
            var = self.var(state, end.name)
            allowed = frozenset(v for v in var.allowed or () if var.can_be(v) and keep(v))
            if allowed == var.allowed:
                return state
            return self._set_var(state, end.name, replace(var, allowed=allowed))
        inst = state.instance(end.iid)
        assert inst is not None and inst.records is not None
        recs = [
            (k, r)
            for k, r in self.live_records(state, end.iid)
            if keep(dict(r).get(end.name, UNKNOWN))
        ]
        if len(recs) == len(inst.records):
            return state
        return self._keep_records(state, end.iid, inst, recs) if recs else None

    def touches(self, state: State, link: Link, name: str) -> bool:
        """Whether a change to answer or instance `name` may change a side of `link`
        (an instance's records follow its key's answer)."""
        for end in (link.left, link.right):
            inst = state.instance(end.iid) if end.iid is not None else None
            if name in (end.iid, end.name if end.iid is None else None):
                return True
            if inst is not None and inst.key == name:
                return True
        return False

    def linked(self, state: State, left: End, op: str, negated: bool, right: End) -> State:
        """`state` with the test `left op right` (or its negation) among its links."""
        for i, link in enumerate(state.links):
            if {link.left, link.right} == {left, right}:
                test = (op, negated, link.left != left)
                changed = replace(link, tests=(*link.tests, test))
                return replace(state, links=(*state.links[:i], changed, *state.links[i + 1 :]))
        return replace(state, links=(*state.links, Link(left, right, ((op, negated, False),))))

    def propagate(self, state: State) -> State | None:
        """Every link's sides kept to values that hold with some value of the other side,
        until nothing changes (None: a side has no value left, no shipment)."""
        changed = True
        while changed:
            changed = False
            for link in state.links:
                for end, other, left in (
                    (link.left, link.right, True),
                    (link.right, link.left, False),
                ):
                    others, mine = self.values(state, other), self.values(state, end)
                    kept = frozenset(v for v in mine if link.supported(v, others, left))
                    if kept == mine:
                        continue
                    after = self.restrict(state, end, kept.__contains__)
                    if after is None:
                        return None
                    state, changed = after, True
        return state

    def settle(self, state: State, start: int = 0) -> State | None:
        """Each link from `start` on with its left side fixed to one value consistent
        with the others (tried in order), so one shipment can be built from the state."""
        if start == len(state.links):
            return state
        link = state.links[start]
        for value in sorted(self.values(state, link.left), key=str):
            after = self.restrict(state, link.left, frozenset([value]).__contains__)
            after = self.propagate(after) if after is not None else None
            after = self.settle(after, start + 1) if after is not None else None
            if after is not None:
                return after
        return None

    def tests(
        self, state: State, iid: str, tests: tuple[FieldTest, ...], env: Env, negated: bool = False
    ) -> Options:
        """Every test holds on instance `iid` (negated: one of them fails)."""
        if negated:
            for test in tests:
                for after in self.test(state, iid, day_test(test), env, True):
                    yield after, []
            return
        options = [state]
        for test in tests:
            options = [
                after for st in options for after in self.test(st, iid, day_test(test), env, False)
            ]
        for option in options:
            yield option, []

    def test(
        self, state: State, iid: str, test: FieldTest, env: Env, negated: bool
    ) -> Iterator[State]:
        inst = state.instance(iid)
        written = inst.written(test.field) if inst is not None else None
        if written is not None and written.ref is not None:  # a test on the record's field
            ref_iid, name = written.ref
            yield from self.test(state, ref_iid, replace(test, field=name), env, negated)
            return
        if (
            inst is not None
            and inst.records is not None
            and inst.written(test.field) is None
            and not isinstance(test.value, (Ref, Offset))
            and not _dated(inst, test.field)
        ):  # filter the candidate records instead of splitting them
            recs = [
                (k, r)
                for k, r in inst.records
                if holds(dict(r).get(test.field, UNKNOWN), test.op, test.value)
                in (None, not negated)
            ]
            if recs:
                after = self.keep_records(state, iid, inst, recs)
                if after is not None:
                    yield after
            return
        if isinstance(test.value, Ref) and test.op in ("is", "not"):
            mine = self.end(state, iid, test.field)
            other = self.end(state, env.get(test.value.label, test.value.label), test.value.field)
            if mine is not None and other is not None:  # kept whole, not split by value
                after = self.propagate(self.linked(state, mine, test.op, negated, other))
                if after is not None:
                    yield after
                return
        if isinstance(test.value, Offset):
            yield from self.shifted(state, iid, test, env, negated)
            return
        for st, left in self.term(state, iid, test.field):
            if isinstance(test.value, Ref):
                pairs = list(
                    self.term(st, env.get(test.value.label, test.value.label), test.value.field)
                )
            else:
                pairs = [(st, Term(test.value))]
            for st2, right in pairs:
                yield from self.compare(st2, left, test.op, right, negated)

    def shifted(
        self, state: State, iid: str, test: FieldTest, env: Env, negated: bool
    ) -> Iterator[State]:
        """`field op base + days` (or `- days`): the comparison with the base, shifted by
        the days when they are a number (written, a limit, a record's field); with days
        from an answer, left open."""
        offset = test.value
        for st, left in self.term(state, iid, test.field):
            for st2, base in self.operand(st, offset.base, env):
                for st3, days in self.operand(st2, offset.days, env):
                    if days.var is None and _number(days.value):
                        shift = offset.sign * days.value
                        yield from self.compare(st3, left, test.op, base, negated, shift)
                    else:
                        yield replace(st3, unsure=(*st3.unsure, f"{test.field} {offset}"))

    def operand(self, state: State, value: Any, env: Env) -> Iterator[tuple[State, Term]]:
        """A constant, or the value of `$label.field` (alternatives by record)."""
        if isinstance(value, Ref):
            yield from self.term(state, env.get(value.label, value.label), value.field)
        else:
            yield state, Term(value)

    def compare(
        self, state: State, left: Term, op: str, right: Term, negated: bool, shift: int = 0
    ) -> Iterator[State]:
        """`left op right + shift` (or its negation; a shift only with an order test)."""
        if shift and op not in _MIRROR:
            yield replace(state, unsure=(*state.unsure, f"{op} with days added"))
            return
        if shift:
            right = replace(right, value=_plus(right.value, shift))
        if left.var is None and right.var is None:
            if holds(left.value, op, right.value) in (None, not negated):
                yield state
            return
        if right.var is None:
            yield from self.narrowed(state, left.var or "", op, right.value, negated)
            return
        if left.var is None:
            if op in _MIRROR:
                value = _plus(left.value, -shift)
                yield from self.narrowed(state, right.var, _MIRROR[op], value, negated)
            elif op == "is":
                yield from self.narrowed(state, right.var, "is", left.value, negated)
            else:
                yield replace(state, unsure=(*state.unsure, f"{op} against {right.var}"))
            return
        if op not in _MIRROR or negated:
            yield replace(state, unsure=(*state.unsure, f"{left.var} {op} {right.var}"))
            return
        if negated:
            return
        a, b = left.var, right.var
        diff = {
            "more_than": (b, a, -1 - shift),
            "at_least": (b, a, -shift),
            "less_than": (a, b, shift - 1),
            "at_most": (a, b, shift),
        }[op]
        for st in self.narrowed(state, a, "known", True):
            for st2 in self.narrowed(st, b, "known", True):
                yield replace(st2, diffs=st2.diffs | {diff})

    def unless(self, state: State, cond: Condition) -> Options:
        """No fact matches `cond`."""
        if cond.kind == "tracking_number":
            yield from ((s, []) for s in self.narrowed(state, EXISTS, "is", False))
            for after in self.narrowed(state, EXISTS, "is", True):
                yield from self.tests(after, "tracking_number", cond.tests, {}, negated=True)
            return
        if cond.kind in BASE_KINDS:
            yield from self.tests(state, cond.kind, cond.tests, {}, negated=True)
            return
        state = replace(state, forbidden=(*state.forbidden, cond))
        made = [iid for iid, inst in state.made if inst.kind == cond.kind]
        yield from self.refuse(state, [(iid, cond) for iid in made])

    def check_forbidden(self, state: State, iid: str, inst: Instance) -> Options:
        """Instance `iid` made, and failing every pattern an `unless` forbids."""
        state = state.with_instance(iid, inst)
        yield from self.refuse(state, [(iid, c) for c in state.forbidden if c.kind == inst.kind])

    def refuse(self, state: State, pairs: list[tuple[str, Condition]]) -> Options:
        """Each instance fails its pattern."""
        options = [state]
        for iid, cond in pairs:
            options = [o for st in options for o, _ in self.tests(st, iid, cond.tests, {}, True)]
        for option in options:
            yield option, []

    # ------------------------------------------------------------ verdicts

    def close(self, state: State) -> State | None:
        """One shipment of the alternative: every answer it names fixed to one value
        (day counts as the differences allow), every other answer not known."""
        settled = self.settle(state)
        if settled is None:
            return None
        state = settled
        if TODAY_SHIFT in dict(state.vars):  # records' dates: today as close to TODAY as fits
            for years in (0, 10, 100):
                near = replace(self.var(state, TODAY_SHIFT), lo=-365 * years, hi=365 * years)
                pinned = self.set_var(state, TODAY_SHIFT, near)
                if pinned is not None and self.consistent(pinned) is not None:
                    state = pinned
                    break
        days = self.consistent(state)
        if days is None:
            return None
        fixed = {}
        for name, var in state.vars:
            value = days[name] if name in days and var.known else var.example()
            fixed[name] = Var(frozenset({value}), lo=value if _number(value) else None)
            if _number(value):
                fixed[name] = replace(fixed[name], hi=value)
        return replace(state, vars=tuple(fixed.items()), closed=True)

    def today(self, state: State) -> dt.date:
        """The day a closed state's shipment is diagnosed on."""
        shift = dict(state.vars).get(TODAY_SHIFT)
        return TODAY if shift is None else TODAY + dt.timedelta(days=shift.example())

    def facts(self, state: State, today: dt.date) -> list[dict[str, Any]]:
        """The initial facts of the shipment a closed state describes."""
        shipment: dict[str, Any] = {"kind": "shipment", "today": today.isoformat()}
        number: dict[str, Any] = {"kind": "tracking_number"}
        for name, var in state.vars:
            value = var.example()
            if value == UNKNOWN or name in (EXISTS, "shipment.today"):
                continue
            kind, key = name.split(".", 1)
            if kind == "shipment" and key.startswith("days_since_") and key[11:] in self.dates:
                shipment[key[11:]] = (today - dt.timedelta(days=value)).isoformat()
                shipment[key] = value
            elif kind == "shipment":
                shipment[key] = value
            elif kind == "tracking_number":
                number[key] = value
        out = [shipment, {"kind": "limits", **self.limits}]
        return [*out, number] if self.var(state, EXISTS).allowed == frozenset({True}) else out

    def example(self, state: State) -> str:
        """The answers of a closed state, as text (only those it names)."""
        shown = []
        for name, var in sorted(state.vars):
            value = var.example()
            if (
                name == EXISTS
                or value == UNKNOWN
                or not name.startswith(("shipment.", "tracking_number."))
            ):
                continue
            kind, key = name.split(".", 1)
            if kind == "shipment" and key.startswith("days_since_") and key[11:] in self.dates:
                shown.append(f"{key[11:]} {value} days before today")
            elif name != "shipment.today":
                shown.append(f"{'number ' if kind == 'tracking_number' else ''}{key} = {value}")
        if self.today(state) != TODAY:
            shown.append(f"today {self.today(state).isoformat()}")
        return ", ".join(shown) + " (other answers not known)"


class _DateValue(str):
    """A date of a facts record: its day count depends on today."""


def _encoded(record: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    """A record's fields as the engine encodes them (`id` is `key`), dates as days."""
    out: dict[str, Any] = {}
    for name, value in record.items():
        if hasattr(value, "isoformat"):
            out[name] = _DateValue(value.isoformat())
            out[f"days_since_{name}"] = _DateValue(value.isoformat())
        elif isinstance(value, (str, int, float, bool)):
            out[RENAMED.get(name, name)] = value
    return tuple(out.items())


def _plus(value: Any, days: int) -> Any:
    """A number `days` later; anything else is left as it is (compared, it stays open)."""
    return value + days if _number(value) else value


def _dated(inst: Instance, name: str) -> bool:
    """Whether `name` is the day count of a date of `inst`'s records (`Unfolding.dated`)."""
    return name.startswith("days_since_") and any(
        isinstance(dict(r).get(name), _DateValue) for _, r in inst.records or ()
    )


def _bound(cond: Condition, env: Env) -> Condition:
    """`cond` with its references to the labels of `env` naming those instances."""

    def bound(value: Any) -> Any:
        if isinstance(value, list):
            return [bound(v) for v in value]
        if isinstance(value, Ref) and value.label in env:
            return Ref(env[value.label], value.field)
        if isinstance(value, Offset):
            return Offset(bound(value.base), value.sign, bound(value.days))
        return value

    tests = tuple(FieldTest(t.field, t.op, bound(t.value)) for t in cond.tests)
    return Condition(cond.label, cond.kind, tests)


def _ordered(conditions: tuple[Condition, ...]) -> list[Condition]:
    """Patterns comparing with other patterns' facts after those without (one level of
    references is enough for the shipped rules; a reference to a fact not yet made is
    left open, so a deeper chain only loses precision)."""
    return sorted(conditions, key=lambda c: any(t.refs() for t in c.tests))


# ----------------------------------------------------------------------------- the check


Confirm = Callable[[list[dict[str, Any]], dt.date], set[str]]
"""Runs the rules on a shipment's initial facts; the situations concluded."""

TODAY = dt.date(2026, 1, 15)  # the day the example shipments are diagnosed on
TRIES = 40  # example shipments run through the rules per pair of rules


@dataclass(frozen=True)
class Verdict:
    """Two rules concluding excluded situations: `both` with an example shipment, or
    undecided (`both` false) with the reason."""

    both: bool
    why: str


def excluded_pairs(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """Every pair of situations one of which excludes the other, once."""
    pairs: set[tuple[str, str]] = set()
    for sid, situation in kb.situations.items():
        for other in situation.get("excludes", []) or []:
            if isinstance(other, str) and other in kb.situations and other != sid:
                pairs.add((min(sid, other), max(sid, other)))
    return sorted(pairs)


def judge(
    unfolding: Unfolding, first: Rule, a: str, second: Rule, b: str, confirm: Confirm
) -> Verdict | None:
    """None when `first` (concluding a) and `second` (concluding b) cannot both fire
    for one shipment; otherwise a shipment the rules conclude both for, or why none
    was found."""
    state = State()
    for name in (a, b):
        state = state.with_instance(
            f"situation:{name}", Instance("situation", (("name", Term(name)),))
        )
    goals: list[Goal] = [("rule", first, 0)] + (
        [("rule", second, 0)] if second is not first else []
    )
    tried = 0
    open_ends: set[str] = set()
    unfolding.steps = 0
    unfolding.complete = True
    try:
        for option in unfolding.solve(state, goals):
            closed = unfolding.close(option)
            if closed is None:
                continue
            tried += 1
            open_ends |= set(option.unsure)
            today = unfolding.today(closed)
            try:
                concluded = confirm(unfolding.facts(closed, today), today)
            except OverflowError:  # a today centuries away: dates the rules cannot add to
                concluded = set()
            if {a, b} <= concluded:
                return Verdict(True, unfolding.example(closed))
            if tried >= TRIES:
                break
    except OutOfBudget:
        return Verdict(False, f"the search was cut off after {BUDGET} steps")
    if not tried:
        return None
    return Verdict(
        False,
        f"their conditions can hold together, but in the {tried} example shipment(s) run "
        "through the rules another conclusion stopped one of them"
        + (f" (left open: {', '.join(sorted(open_ends))})" if open_ends else ""),
    )


def check_exclusions(
    kb: KnowledgeBase, limits: dict[str, Any], confirm: Confirm
) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings): rules that conclude two situations excluding each other
    for one shipment (with the shipment), and pairs of rules this cannot decide."""
    unfolding = Unfolding(kb, limits)
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for a, b in excluded_pairs(kb):
        for first in kb.graph.concluders("situation", a):
            for second in kb.graph.concluders("situation", b):
                verdict = judge(unfolding, first, a, second, b, confirm)
                if verdict is None:
                    continue
                where = f"{second.file}:{second.line_of('then.situation')}"
                line = first.line_of("then.situation")
                if verdict.both:
                    message = (
                        f"concludes {a} while rule {second.id} ({where}) concludes {b}, which "
                        f"facts/situations.toml says excludes it; for example: {verdict.why}"
                    )
                    errors.append(Problem(first.file, line, f"rule {first.id}", message))
                else:
                    message = (
                        f"may conclude {a} while rule {second.id} ({where}) concludes {b} "
                        f"(excluded): not decided, {verdict.why}"
                    )
                    warnings.append(Problem(first.file, line, f"rule {first.id}", message))
    return errors, warnings
