"""durable_rules 2.0.28's alpha network as its C core builds it from a ruleset
definition, and the fixed limits that network must fit.

The C core (`rete.c`) turns every pattern of every rule into a path of alpha nodes,
one per test, from one shared root; a node is shared by every pattern whose path
starts with the same tests, except reference tests (`{"$label": "field"}`), which are
never shared (it compares their string-pool offsets). The pattern's join (beta) node
hangs off the last node of its path. Fixed arrays bound that network (`rules.h`,
`rete.c`, `events.c`):

- `BETA_LIST`: at most 256 joins hang off one alpha node (error 108 when compiled);
- `NEXT_LIST`: at most 128 "field missing" (`$nex`) tests under one node (error 107);
- `NEXT_BUCKET`: at most 511 other tests under one node (a 512-entry table: full, it
  makes every look-up of a field it lacks loop for ever; past it compiling hangs);
- `ACTIONS`: at most 4,096 rules in a ruleset (error 106);
- `STACK`: asserting a fact walks the nodes it matches depth first with a 64-entry
  stack (`handleAlpha`, error 303 when the fact is asserted, not when the rules are
  compiled): every reference test under a node the fact reaches is pushed, and every
  constant test the fact passes.

`problems` predicts these failures from a definition, naming the rules involved;
`stack_bound` is an upper bound (it assumes the worst order and that a fact passes
every test it could pass at once), so it may warn where the C core would not fail,
never the other way round. `split_shared_paths` keeps joins per node under the
limit by giving patterns past `SHARE` on one path an always-true test of their own.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import count
from typing import Any

BETA_LIST = 256
NEXT_LIST = 128
NEXT_BUCKET = 511
ACTIONS = 4096
STACK = 64
SHARE = 200  # patterns sharing one path before split_shared_paths gives them their own
PART_FIELD = "part__"  # the field of the always-true `$nex` test that splits a path

_OPERATORS = frozenset({"$gt", "$gte", "$lt", "$lte", "$neq", "$ex", "$nex"})
_REFERENCES = count()


@dataclass
class Node:
    """One alpha node: its test (property, operator), what hangs off it."""

    prop: str = ""
    op: str = ""
    reference: bool = False
    children: dict[tuple[Any, ...], Node] = field(default_factory=dict)
    joins: list[tuple[str, int]] = field(default_factory=list)  # (rule, pattern) ending here

    def under(self) -> Iterator[Node]:
        """This node and every node below it."""
        yield self
        for child in self.children.values():
            yield from child.under()

    def rules(self) -> list[str]:
        """The rules with a pattern through this node, in definition order, once each."""
        return list(dict.fromkeys(name for node in self.under() for name, _ in node.joins))


def _typed(value: Any) -> tuple[str, Any]:
    """A constant as the C core compares it: the JSON type matters (1 is not 1.0)."""
    return (type(value).__name__, value)


def tests(expression: Mapping[str, Any]) -> list[tuple[str, str, Any]]:
    """A pattern's tests in the order the C core links them: (field, operator, value),
    the value None for a reference test. `$and` nests are flattened; `$or` and the
    array operators are not compiled here (ValueError)."""
    ((key, value),) = expression.items()
    if key == "$and":
        return [test for part in value for test in tests(part)]
    if key.startswith("$"):
        if key not in _OPERATORS:
            raise ValueError(f"{key} is not modelled")
        ((name, operand),) = value.items()
        return [(name, key, None if isinstance(operand, dict) else operand)]
    return [(key, "$eq", None if isinstance(value, dict) else value)]


def _patterns(rule: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    for condition in rule.get("all", []):
        ((_, pattern),) = condition.items()
        yield pattern


def build(definition: Mapping[str, Any]) -> Node:
    """The alpha network of a ruleset definition (rule name -> {"all": [...]})."""
    root = Node()
    for name, rule in definition.items():
        for index, pattern in enumerate(_patterns(rule)):
            node = root
            for name_, op, value in tests(pattern):
                reference = value is None and op not in ("$ex", "$nex")
                key = (name_, op, ("ref", next(_REFERENCES)) if reference else _typed(value))
                if key not in node.children:
                    node.children[key] = Node(name_, op, reference)
                node = node.children[key]
            node.joins.append((name, index))
    return root


def pushes(node: Node) -> int:
    """The most children of `node` one fact can match at once: per field, one equality
    (values differ), every other constant test and every reference test, or else (the
    field missing) every `$nex` test on it."""
    present: dict[str, int] = {}
    equal: set[str] = set()
    missing: dict[str, int] = {}
    for child in node.children.values():
        if child.op == "$nex":
            missing[child.prop] = missing.get(child.prop, 0) + 1
        elif child.op == "$eq" and not child.reference:
            equal.add(child.prop)
        else:
            present[child.prop] = present.get(child.prop, 0) + 1
    fields = set(present) | equal | set(missing)
    return sum(max(missing.get(f, 0), present.get(f, 0) + (1 if f in equal else 0)) for f in fields)


def stack_bound(node: Node, below: int = 0) -> tuple[int, Node]:
    """An upper bound of the C core's alpha stack while a fact walks from `node`, with
    `below` entries already on it, and the node whose children reach that bound."""
    here = pushes(node)
    best = (below + here, node)
    for child in node.children.values():
        deeper = stack_bound(child, below + here - 1)
        if deeper[0] > best[0]:
            best = deeper
    return best


@dataclass(frozen=True)
class Limit:
    """A limit of durable_rules' C core a definition exceeds, and the rules involved."""

    code: int
    message: str
    rules: tuple[str, ...]


def _shown(rules: list[str], most: int = 8) -> str:
    more = f" and {len(rules) - most} more" if len(rules) > most else ""
    return ", ".join(rules[:most]) + more


def _where(node: Node) -> str:
    return f"`{node.prop} {node.op} ...`" if node.prop else "the root"


def problems(definition: Mapping[str, Any]) -> list[Limit]:
    """Every limit of durable_rules 2.0.28 the definition exceeds (see module doc)."""
    found: list[Limit] = []
    if len(definition) > ACTIONS:
        found.append(Limit(106, f"{len(definition)} compiled rules, more than {ACTIONS}", tuple()))
    root = build(definition)
    for node in root.under():
        if len(node.joins) > BETA_LIST:
            names = list(dict.fromkeys(name for name, _ in node.joins))
            found.append(
                Limit(
                    108,
                    f"{len(node.joins)} patterns end on the same test {_where(node)}, "
                    f"more than {BETA_LIST}: {_shown(names)}",
                    tuple(names),
                )
            )
        nex = sum(1 for child in node.children.values() if child.op == "$nex")
        other = len(node.children) - nex
        for code, many, limit, what in (
            (107, nex, NEXT_LIST, "`known = false` tests"),
            (106, other, NEXT_BUCKET, "different tests"),  # no code: the C core hangs
        ):
            if many > limit:
                names = node.rules()
                found.append(
                    Limit(
                        code,
                        f"{many} {what} follow {_where(node)}, more than {limit}: {_shown(names)}",
                        tuple(names),
                    )
                )
    depth, widest = stack_bound(root)
    if depth > STACK:
        names = widest.rules()
        found.append(
            Limit(
                303,
                f"a fact may have to visit {depth} tests at once, more than durable_rules' "
                f"{STACK}: too many patterns test facts of one kind with a reference "
                f"($label.field) or different constant tests, under {_where(widest)}: "
                f"{_shown(names)}",
                tuple(names),
            )
        )
    return found


def split_shared_paths(definition: dict[str, Any]) -> None:
    """Give every pattern past the first `SHARE` ending on one alpha node an always-true
    test of its own (`{"$nex": {PART_FIELD: k}}`, one k per `SHARE` patterns), in place,
    so no node holds more than `SHARE` joins. A definition within the limit is left as
    it is."""
    share = SHARE
    for node in build(definition).under():
        for position, (name, index) in enumerate(node.joins[share:], start=share):
            conditions = definition[name]["all"] = list(definition[name]["all"])
            ((label, pattern),) = conditions[index].items()
            items = pattern["$and"] if set(pattern) == {"$and"} else [pattern]
            part = {"$nex": {PART_FIELD: position // share}}
            conditions[index] = {label: {"$and": [*items, part]}}
