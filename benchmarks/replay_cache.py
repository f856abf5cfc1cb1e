"""A guarded trace cache for the batch, measured (issue 17, session 8): not in the product.

Rows of a real export often take the same decision with other dates and names. durable
_rules chooses what fires next from the kinds of the facts asserted so far, their order,
and the outcome of every test a compiled pattern makes on them (a field against a
constant, against another matched fact's field, perhaps with an offset); it never looks
at a value otherwise, and it is deterministic. So:

- `Abstraction` reads every test out of the ruleset definition the C core runs and maps
  a fact to its kind and, per tested field, the field's class among the constants it is
  compared with; a list of facts to that of each, plus the outcome of every reference
  test for every combination of facts it could join. Where Python's comparison might not
  be durable_rules' (a string against a number, a boolean, a float in an offset) the
  exact value is kept. A form it does not model (`$or`, `any`, other arithmetic) raises
  `Unsupported`: nothing is replayed then.
- `Replays` keeps a tree per abstraction of the initial facts: each node the firing that
  comes next (rule, and the position of each fact it matched), each edge the abstraction
  of what that firing concluded (kinds, each concluded fact durable_rules gets, every
  reference test one of them takes part in). A row walks the tree running each node's
  action (`conclusions.conclude`) on its own facts and following the edge its
  conclusions abstract to; at a leaf it has `Engine.infer`'s result, dates, names and
  due dates its own. Where no edge fits the row goes to the engine, whose run is kept
  there and grown into the tree when a later row gets there.

`python benchmarks/replay_cache.py check` compares every diagnosis (golden scenarios,
cases, real cases, random answer sets, each twice so the second is replayed) and every
batch output (realistic rows, the preset and real export samples) with the cache on and
off, byte for byte; `rate N` prints the hit rate over N realistic rows; `speed N R` runs
the batch in this process with and without it, R interleaved rounds (rows/CPU-s).
Findings (README Speed, /work/notes/issue-17.md session 8): identical output; hits 25 %
of 2,903 rows, 38 % of 4,857, 46 % of 10,000; yet the batch is 5-9 % slower with it (a
hit costs ~140 us against ~500 for the engine, but the key, the kept runs and growing
the tree cost as much again), and its memory +36-54 MiB. Not wired into the batch.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import io
import itertools
import json
import statistics
import sys
import tempfile
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parcel_doctor.inference.compiler import SHIPMENT, SHIPMENT_KEY
from parcel_doctor.inference.conclusions import conclude
from parcel_doctor.inference.session import Engine, RunResult
from parcel_doctor.rules.model import Rule

ROOT = Path(__file__).resolve().parent.parent

_EQUALITY = ("$eq", "$neq")
_ORDER = ("$gt", "$gte", "$lt", "$lte")
_PRESENCE = ("$ex", "$nex")
_LARGEST_EXACT = 2**53  # integers a double holds exactly
_OTHER = ("other",)  # a string no constant test names
_LEFT_OUT = frozenset({"kind", "n", SHIPMENT_KEY})  # fields a phase fact keeps for itself
PHASE = "phase"
_MISSING = object()


class Unsupported(ValueError):
    """The definition uses a form `Abstraction` does not model."""


@dataclass
class _Field:
    """The constant tests made on one field of one kind of fact."""

    strings: set[str] = field(default_factory=set)  # compared for equality
    numbers: set[float] = field(default_factory=set)  # compared in any way
    exact: bool = False  # some constant neither a string nor a number (kept as is)

    def encoder(self) -> Callable[[Any], Any]:
        """A function giving a value's class among this field's constants."""
        places = sorted(self.numbers)
        strings = frozenset(self.strings)
        exact = self.exact or bool(strings and places)

        def encode(value: Any) -> Any:
            if exact:
                return (type(value).__name__, value)
            if type(value) is str and not places:
                return value if value in strings else _OTHER
            if _number(value) and not strings:
                at = bisect.bisect_left(places, value)
                return (at, at < len(places) and places[at] == value)
            return (type(value).__name__, value)

        return encode


# A reference test: the own fact's kind and field, the operator, the operand (a tree
# of constants, `(kind, field)` of another matched fact, and `$add`/`$sub` nodes).
_Operand = Any


@dataclass(frozen=True)
class _Relation:
    kind: str
    field: str
    op: str
    operand: _Operand
    others: tuple[str, ...]  # the kinds the operand reads, in the order `_value` takes them


# A reference test and the positions of the facts it compares: its own, then the others.
Combination = tuple[_Relation, int, tuple[int, ...]]


class Abstraction:
    """The tests of one ruleset definition, ready to abstract lists of facts."""

    def __init__(self, definition: Mapping[str, Any]) -> None:
        fields: dict[tuple[str, str], _Field] = {}
        relations: set[_Relation] = set()
        for name, body in definition.items():
            if set(body) != {"all"}:
                raise Unsupported(f"rule {name}: only `all` conditions are modelled")
            kinds = {
                _label(label): _kind_of(name, pattern)
                for c in body["all"]
                for label, pattern in c.items()
            }
            for condition in body["all"]:
                for label, pattern in condition.items():
                    own = kinds[_label(label)]
                    for test in pattern["$and"]:
                        _read_test(name, own, test, kinds, fields, relations)
        encoders: dict[str, list[tuple[str, Callable[[Any], Any]]]] = {}
        for (kind, name), tested in sorted(fields.items()):
            encoders.setdefault(kind, []).append((name, tested.encoder()))
        self._encoders = {kind: tuple(pairs) for kind, pairs in encoders.items()}
        self.relations = sorted(relations, key=repr)
        self._touching: dict[str, set[int]] = {}  # the relations reading each kind
        for number, relation in enumerate(self.relations):
            for kind in (relation.kind, *relation.others):
                self._touching.setdefault(kind, set()).add(number)

    def fact(self, fact: Mapping[str, Any]) -> tuple[Any, ...]:
        """One fact's kind and, for each tested field it has, the field's class among
        the constants it is compared with (None: the field is missing)."""
        out: list[Any] = [fact["kind"]]
        for name, encode in self._encoders.get(fact["kind"], ()):
            value = fact.get(name, _MISSING)
            out.append(None if value is _MISSING else encode(value))
        return tuple(out)

    def plan(self, kinds: tuple[str, ...], since: int = 0) -> tuple[Combination, ...]:
        """Every reference test with the positions of facts of these kinds it compares
        (its own fact first), for the combinations with a position at or after `since`
        (the same kinds give the same plan)."""
        at: dict[str, list[int]] = {}
        for position, kind in enumerate(kinds):
            at.setdefault(kind, []).append(position)
        touched = {n for kind in set(kinds[since:]) for n in self._touching.get(kind, ())}
        combos = []
        for number in sorted(touched):
            relation = self.relations[number]
            groups = [at.get(kind, []) for kind in relation.others]
            for own in at.get(relation.kind, []):
                for others in itertools.product(*groups):
                    if own >= since or any(p >= since for p in others):
                        combos.append((relation, own, others))
        return tuple(combos)

    def outcomes(
        self, plan: tuple[Combination, ...], facts: list[Mapping[str, Any]]
    ) -> tuple[Any, ...]:
        """The outcome of each test of `plan` on `facts` (positions as planned)."""
        return tuple(
            outcome(relation, facts[own], tuple(facts[p] for p in others))
            for relation, own, others in plan
        )


def _number(value: Any) -> bool:
    return type(value) in (int, float) and -_LARGEST_EXACT < value < _LARGEST_EXACT


def _label(label: str) -> str:
    return label.split("$")[0]


def _kind_of(rule: str, pattern: Any) -> str:
    if not isinstance(pattern, dict) or list(pattern) != ["$and"]:
        raise Unsupported(f"rule {rule}: a pattern that is not a flat `$and`")
    kinds = [t["kind"] for t in pattern["$and"] if list(t) == ["kind"]]
    if len(kinds) != 1 or not isinstance(kinds[0], str):
        raise Unsupported(f"rule {rule}: a pattern without one constant kind")
    return kinds[0]


def _read_test(
    rule: str,
    own: str,
    test: Mapping[str, Any],
    kinds: Mapping[str, str],
    fields: dict[tuple[str, str], _Field],
    relations: set[_Relation],
) -> None:
    if len(test) != 1:
        raise Unsupported(f"rule {rule}: a test with several operators")
    ((operator, value),) = test.items()
    if not operator.startswith("$"):
        operator, value = "$eq", {operator: value}
    if operator not in (*_EQUALITY, *_ORDER, *_PRESENCE) or not isinstance(value, dict):
        raise Unsupported(f"rule {rule}: operator {operator}")
    if len(value) != 1:
        raise Unsupported(f"rule {rule}: a test on several fields")
    ((name, operand),) = value.items()
    if name in ("kind", SHIPMENT_KEY) or (own == PHASE and name == "n"):
        return  # the kind (exact in every abstraction), the shipment key, a layer
    if own == PHASE:
        own = SHIPMENT  # a phase fact's other fields are the shipment's
    tested = fields.setdefault((own, name), _Field())
    if operator in _PRESENCE:
        return
    if isinstance(operand, dict):
        tree, others = _tree(rule, own, operand, kinds)
        relations.add(_Relation(own, name, operator, tree, others))
    elif type(operand) is str and operator in _EQUALITY:
        tested.strings.add(operand)
    elif _number(operand):
        tested.numbers.add(operand)
    else:
        tested.exact = True


def _tree(
    rule: str, own: str, operand: Mapping[str, Any], kinds: Mapping[str, str]
) -> tuple[_Operand, tuple[str, ...]]:
    """The operand as a tree over `(position, field)` leaves; the kinds read, in order."""
    others: list[str] = []

    def walk(node: Any) -> _Operand:
        if not isinstance(node, dict):
            if not _number(node):
                raise Unsupported(f"rule {rule}: a constant {node!r} in arithmetic")
            return ("const", node)
        if set(node) in ({"$add"}, {"$sub"}):
            ((op, parts),) = node.items()
            if not isinstance(parts, dict) or set(parts) != {"$l", "$r"}:
                raise Unsupported(f"rule {rule}: arithmetic {node!r}")
            return (op, walk(parts["$l"]), walk(parts["$r"]))
        if len(node) != 1:
            raise Unsupported(f"rule {rule}: operand {node!r}")
        ((label, name),) = node.items()
        if not isinstance(name, str):
            raise Unsupported(f"rule {rule}: operand {node!r}")
        if label == "$m":
            return ("own", name)
        if label.startswith("$") or label not in kinds:
            raise Unsupported(f"rule {rule}: operand {node!r}")
        kind = kinds[label]
        if kind == PHASE:
            if name in _LEFT_OUT:
                raise Unsupported(f"rule {rule}: operand {node!r}")
            kind = SHIPMENT
        others.append(kind)
        return ("field", len(others) - 1, name)

    tree = walk(operand)
    if not isinstance(tree, tuple) or tree[0] == "const":
        raise Unsupported(f"rule {rule}: operand {operand!r}")
    return tree, tuple(others)


def _value(tree: _Operand, own: Mapping[str, Any], others: tuple[Mapping[str, Any], ...]) -> Any:
    tag = tree[0]
    if tag == "field":
        return others[tree[1]].get(tree[2], _MISSING)
    if tag == "own":
        return own.get(tree[1], _MISSING)
    if tag == "const":
        return tree[1]
    left, right = _value(tree[1], own, others), _value(tree[2], own, others)
    if left is _MISSING or right is _MISSING:
        return _MISSING
    if type(left) is not int or type(right) is not int:
        return ("exact", left, right)
    return left + right if tag == "$add" else left - right


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "$eq": lambda a, b: a == b,
    "$neq": lambda a, b: a != b,
    "$gt": lambda a, b: a > b,
    "$gte": lambda a, b: a >= b,
    "$lt": lambda a, b: a < b,
    "$lte": lambda a, b: a <= b,
}


def outcome(
    relation: _Relation, own: Mapping[str, Any], others: tuple[Mapping[str, Any], ...]
) -> Any:
    left = own.get(relation.field, _MISSING)
    right = _value(relation.operand, own, others)
    if left is _MISSING or right is _MISSING:
        return None
    if _number(left) and _number(right):
        return _COMPARE[relation.op](left, right)
    if type(left) is str and type(right) is str and relation.op in _EQUALITY:
        return _COMPARE[relation.op](left, right)
    return ("exact", left, right)


Edge = tuple[Any, ...]  # what a firing concluded, abstracted (`Replays._edge`)


@dataclass(frozen=True)
class _Step:
    """A firing: the rule, and each of its labels with its fact's position in the run."""

    rule: Rule
    labels: tuple[tuple[str, int], ...]


class _Node:
    """A point of a run: the firing that comes next (None: the run ends), the kinds of
    the facts durable_rules has by then (by position), the points each abstraction of
    that firing's conclusions leads to, and runs not yet worked out beyond it."""

    __slots__ = ("children", "kinds", "pending", "plans", "step")

    def __init__(self, step: _Step | None, kinds: tuple[str, ...]) -> None:
        self.step, self.kinds = step, kinds
        self.children: dict[Edge, _Node] = {}
        self.pending: dict[Edge, _Pending] = {}
        self.plans: dict[tuple[str, ...], tuple[Combination, ...]] = {}  # by kinds concluded


@dataclass(frozen=True)
class _Pending:
    """An engine's run kept where it left the tree, its firings from `start` on not in
    the tree yet: the initial facts, each firing as a step, and the facts each firing
    concluded that durable_rules got."""

    facts: list[dict[str, Any]]
    steps: tuple[_Step, ...]
    added: tuple[tuple[dict[str, Any], ...], ...]
    start: int


class Replays:
    """Trees of runs by the abstraction of their initial facts (at most `size` trees,
    the most recently used kept; at most `PENDING` runs kept at one node)."""

    PENDING = 4
    NODES = 200_000  # points in all trees: past this, they are dropped and grown again
    UNITS = 50_000  # facts' abstractions kept by content (then forgotten)

    def __init__(self, engine: Engine, size: int = 512) -> None:
        self.engine = engine
        try:
            self.abstraction: Abstraction | None = Abstraction(engine._compiled.definition)
        except Unsupported:
            self.abstraction = None
        self.size = size
        self.trees: OrderedDict[tuple[Any, ...], _Node | _Pending] = OrderedDict()
        self._units: dict[frozenset[tuple[str, Any]], int] = {}
        self._numbers: dict[tuple[Any, ...], int] = {}
        self._plans: dict[Any, tuple[Combination, ...]] = {}  # by kinds before, kinds added
        self._nodes = 0

    def infer(self, facts: list[dict[str, Any]], today: dt.date) -> tuple[RunResult, bool]:
        """The run of `facts` (`Engine.infer`'s), and whether it was replayed."""
        key = self._key(facts, today)
        if key is None:
            return self.engine.infer(facts, today), False
        tree = self.trees.get(key)
        if tree is None:
            result = self.engine.infer(facts, today)
            self.trees[key] = self._kept(facts, result, 0)
            if len(self.trees) > self.size or self._nodes > self.NODES:
                self.trees.popitem(last=False)
                if self._nodes > self.NODES:
                    self.clear()
            return result, False
        self.trees.move_to_end(key)
        if isinstance(tree, _Pending):
            tree = self.trees[key] = self._grown(tree)
        return self._walked(tree, facts, today)

    def clear(self) -> None:
        self.trees.clear()
        self._nodes = 0

    def _key(self, facts: list[dict[str, Any]], today: dt.date) -> tuple[Any, ...] | None:
        """The initial facts' abstraction (None: not to be replayed)."""
        abstraction = self.abstraction
        if abstraction is None or sum(f["kind"] == SHIPMENT for f in facts) != 1:
            return None
        seen = self._seen(facts)
        kinds = tuple(f["kind"] for f in seen)
        plan = self._plans.get(kinds)
        if plan is None:
            plan = self._plans[kinds] = abstraction.plan(kinds)  # (kinds, ()) never clashes
        return (
            today,
            tuple(f["kind"] for f in facts),
            *(abstraction.fact(f) for f in seen),
            abstraction.outcomes(plan, seen),
        )

    def _seen(self, facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The facts, each of a kind no rule tests (never sent) replaced by `_UNSEEN`."""
        matchable = self.engine.matchable
        return [f if f["kind"] in matchable else _UNSEEN for f in facts]

    def _walked(
        self, node: _Node, facts: list[dict[str, Any]], today: dt.date
    ) -> tuple[RunResult, bool]:
        """The run of `facts` along the tree from `node`, or the engine's where it ends."""
        kb, matchable = self.engine.kb, self.engine.matchable
        known = self._seen(facts)  # the facts durable_rules has, by position
        seen: set[frozenset[tuple[str, Any]]] = set()
        result = RunResult()
        depth = 0
        while node.step is not None:
            step = node.step
            bound = {label: known[position] for label, position in step.labels}
            concluded, new, units = [], [], []
            for fact in conclude(kb, step.rule, bound, today):
                content = frozenset(fact.items())
                if content in seen:
                    continue  # as `session.fresh` does
                seen.add(content)
                concluded.append(fact)
                if fact["kind"] in matchable:
                    new.append(fact)
                    units.append(self._unit(content, fact))
            result.record(step.rule, bound, concluded)
            depth += 1
            edge = self._edge(node, known, new, units)
            child = node.children.get(edge)
            if child is None:
                pending = node.pending.pop(edge, None)
                if pending is None:
                    run = self.engine.infer(facts, today)
                    if len(node.pending) < self.PENDING:
                        node.pending[edge] = self._kept(facts, run, depth)
                    return run, False
                child = node.children[edge] = self._grown(pending)
            node = child
        return result, True

    def _unit(self, content: frozenset[tuple[str, Any]], fact: dict[str, Any]) -> int:
        """A number for the abstraction of a fact (the same for facts alike), found by
        its content when seen before."""
        unit = self._units.get(content)
        if unit is None:
            if len(self._units) > self.UNITS:
                self._units.clear()
            abstraction = self.abstraction
            assert abstraction is not None
            unit = self._units[content] = self._numbers.setdefault(
                abstraction.fact(fact), len(self._numbers)
            )
        return unit

    def _edge(
        self, node: _Node, known: list[dict[str, Any]], new: list[dict[str, Any]], units: list[int]
    ) -> Edge:
        """The abstraction of the facts a firing concluded that durable_rules gets
        (`new`, added to `known`; `units`: `_unit` of each): their kinds, each one's
        fields, and the outcome of every reference test one of them takes part in."""
        if not new:
            return ()
        added = tuple(f["kind"] for f in new)
        known += new
        plan = node.plans.get(added)
        if plan is None:
            plan = self._plans.get((node.kinds, added))
            if plan is None:
                abstraction = self.abstraction
                assert abstraction is not None
                if len(self._plans) > self.UNITS:
                    self._plans.clear()
                plan = abstraction.plan(node.kinds + added, len(node.kinds))
                self._plans[(node.kinds, added)] = plan
            node.plans[added] = plan
        tests = tuple(
            outcome(relation, known[own], [known[p] for p in others])
            for relation, own, others in plan
        )
        return (added, *units, tests)

    def _kept(self, facts: list[dict[str, Any]], result: RunResult, start: int) -> _Pending:
        """An engine's run, to be added to the tree from its firing `start` on when a
        later row gets there (each matched fact as its position among the run's facts)."""
        matchable = self.engine.matchable
        known = self._seen(facts)
        at: dict[str, list[int]] = {}
        for position, fact in enumerate(known):
            at.setdefault(fact["kind"], []).append(position)
        steps, added = [], []
        for firing in result.firings:
            steps.append(_Step(firing.rule, tuple(_positions(firing.matched, known, at))))
            new = tuple(f for f in firing.concluded if f["kind"] in matchable)
            for position, fact in enumerate(new, len(known)):
                at.setdefault(fact["kind"], []).append(position)
            known += new
            added.append(new)
        return _Pending(facts, tuple(steps), tuple(added), start)

    def _grown(self, pending: _Pending) -> _Node:
        """The tree's points for a kept run, from its firing `start` on (the earlier
        ones are in the tree already: the same firings, concluding alike)."""
        known = self._seen(pending.facts)
        kinds = tuple(f["kind"] for f in known)
        nodes: list[_Node] = []
        edges: list[Edge] = []
        for index, (step, new) in enumerate(zip(pending.steps, pending.added, strict=True)):
            if index < pending.start:
                known += new
            else:
                nodes.append(_Node(step, kinds))
                units = [self._unit(frozenset(f.items()), f) for f in new]
                edges.append(self._edge(nodes[-1], known, list(new), units))
            kinds += tuple(f["kind"] for f in new)
        nodes.append(_Node(None, kinds))
        for index, edge in enumerate(edges):
            nodes[index].children[edge] = nodes[index + 1]
        self._nodes += len(nodes)
        return nodes[0]


_UNSEEN = {"kind": ""}  # stands for a fact durable_rules never gets (no rule tests its kind)


def _positions(
    matched: dict[str, dict[str, Any]], known: list[dict[str, Any]], at: dict[str, list[int]]
) -> list[tuple[str, int]]:
    """Each label of a firing with the position of the fact it matched (durable_rules
    gives back a copy, with the shipment key when the session is shared)."""
    out = []
    for label, fact in matched.items():
        candidates = at.get(fact["kind"], [])
        if len(candidates) != 1:
            own = {k: v for k, v in fact.items() if k != SHIPMENT_KEY}
            candidates = [p for p in candidates if known[p] == own][:1]
        if not candidates:
            raise ValueError(f"a matched {fact['kind']} fact is not among the run's facts")
        out.append((label, candidates[0]))
    return out


class ReplayMemo:
    """`Replays` in the place of the batch's memo (`batch.outcome.Memo`)."""

    def __init__(self, kb: Any) -> None:
        from parcel_doctor.inference.session import engine_for

        self.replays = Replays(engine_for(kb), size=4096)
        self.hits = 0

    def infer(self, facts: list[dict[str, Any]], today: dt.date) -> RunResult:
        result, replayed = self.replays.infer(facts, today)
        self.hits += replayed
        return result


def _batch(kb: Any, path: Path, today: dt.date, replay: bool) -> tuple[str, Any, float]:
    """The batch's output of an export (the cache in place of the memo, or not), its
    summary and the CPU seconds it took."""
    from parcel_doctor.batch import outcome, pipeline
    from parcel_doctor.batch.reading import open_source

    pipeline.Memo = ReplayMemo if replay else outcome.Memo  # type: ignore[assignment,misc]
    source, out = open_source(str(path)), io.StringIO()
    start = time.process_time()
    summary = pipeline.run_batch(kb, source, out, today, jobs=1)
    seconds = time.process_time() - start
    source.close()
    pipeline.Memo = outcome.Memo  # type: ignore[misc]
    return out.getvalue(), summary, seconds


def check(kb: Any, rows: int, random_sets: int) -> int:
    """Every diagnosis and batch output with the cache and without, compared."""
    from batch import TODAY, generate
    from parcel_doctor.diagnosis.diagnose import diagnose
    from parcel_doctor.teaching import scenarios

    sys.path.insert(0, str(ROOT / "tests"))
    from reference_engine import random_cases

    memo = ReplayMemo(kb)
    differing = compared = 0
    cases = [
        (s.answers, s.today)
        for name in ("tests/scenarios", "cases", "cases/real")
        for s in scenarios.load_folder(ROOT / name)
    ]
    today = dt.date(2026, 11, 25)
    cases += [(a, today) for a in random_cases(kb, random_sets, seed=11, today=today)]
    for answers, day in [*cases, *cases]:  # the second time round, replayed where it can
        wanted = json.dumps(diagnose(kb, answers, day).to_json())
        found = json.dumps(diagnose(kb, answers, day, memo.infer).to_json())
        compared += 1
        differing += wanted != found
    print(f"diagnoses: {compared} compared, {differing} differ, {memo.hits} replayed")
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export.csv"
        generate(export, rows)
        exports = [(export, TODAY)] + [
            (path, dt.date(2026, 11, 26))
            for place in ("tests/presets", "tests/batch/real")
            for path in sorted((ROOT / place).iterdir())
            if path.suffix in (".csv", ".txt", ".jsonl")
        ]
        for path, day in exports:
            plain, summary, _ = _batch(kb, path, day, replay=False)
            cached, again, _ = _batch(kb, path, day, replay=True)
            compared += 1
            differing += plain != cached
            print(
                f"{path.name}: {summary.rows} rows, {again.reused} replayed, "
                f"{'identical' if plain == cached else 'DIFFERENT'}"
            )
    return differing


def rate(kb: Any, rows: int) -> None:
    """The share of realistic rows replayed, as the export grows."""
    from batch import TODAY, generate, sessions_of
    from parcel_doctor.inference.session import engine_for

    replays = Replays(engine_for(kb), size=1 << 20)
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export.csv"
        generate(export, rows)
        seen = hits = 0
        for _, _, facts in sessions_of(kb, str(export)):
            seen += 1
            hits += replays.infer(facts, TODAY)[1]
            if seen % 1000 == 0:
                print(f"{seen:>7} rows reach the rules: {hits / seen:6.1%} replayed", flush=True)
    print(f"{seen:>7} rows reach the rules: {hits / seen:6.1%} replayed")


def speed(kb: Any, rows: int, rounds: int) -> None:
    """The batch in this process with the cache and without, interleaved rounds."""
    from batch import TODAY, generate
    from machine import load as machine_load

    print(f"start: {machine_load()}")
    taken: dict[bool, list[float]] = {False: [], True: []}
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export.csv"
        generate(export, rows)
        for round_ in range(rounds):
            for replay in (False, True) if round_ % 2 == 0 else (True, False):
                seconds = _batch(kb, export, TODAY, replay)[2]
                taken[replay].append(seconds)
    print(f"end: {machine_load()}")
    for replay, seconds in taken.items():
        rates = [rows / s for s in seconds]
        print(
            f"{'with' if replay else 'without':>7} the cache: "
            f"{statistics.median(rates):,.0f} rows/CPU-s (rounds: "
            f"{', '.join(f'{r:,.0f}' for r in rates)})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("check", "rate", "speed"))
    parser.add_argument("rows", nargs="?", type=int, default=5000)
    parser.add_argument("rounds", nargs="?", type=int, default=4)
    parser.add_argument("--random", type=int, default=1000, help="random answer sets (check)")
    options = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from parcel_doctor.knowledge.loader import load

    kb = load(ROOT / "facts", ROOT / "rules")
    if options.what == "check":
        sys.exit(1 if check(kb, options.rows, options.random) else 0)
    if options.what == "rate":
        rate(kb, options.rows)
    else:
        speed(kb, options.rows, options.rounds)


if __name__ == "__main__":
    main()
