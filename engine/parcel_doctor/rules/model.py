"""The rule model: immutable `Rule` objects and the conditions and conclusions they hold.

`rules.parser` builds them from `rules/*.toml`; `rules.graph` relates them (which rule
produces and needs what, and in which layer each runs); `inference.compiler` translates
them into durable_rules definitions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from parcel_doctor.rules.vocabulary import DATE_TESTS, OPERATORS


@dataclass(frozen=True)
class Ref:
    """A value taken from another fact the rule matched: `$label.field`."""

    label: str
    field: str

    def __str__(self) -> str:
        return f"${self.label}.{self.field}"


@dataclass(frozen=True)
class Offset:
    """A value some days after (`sign` 1) or before (-1) another: in a date test
    `$shipment.shipped_on + $window.lost_after_days` or `today - 30`, in a number test
    `$window.max_days + 7`. `base` is a reference or `today` (0 in a day count); `days`
    a whole number or a reference to a number."""

    base: Ref | str | int
    sign: int
    days: int | Ref

    def __str__(self) -> str:
        return f"{self.base} {'+' if self.sign > 0 else '-'} {self.days}"


Value = Any  # str | int | bool | Ref | Offset | list of those


def _day_count(value: Any) -> Any:
    """A date test's value as a day count: a date field's `days_since_` field, 0 for
    today; a later date has fewer days since it, so an offset changes sign."""
    if isinstance(value, Offset):
        base = _day_count(value.base)
        if base == 0 and isinstance(value.days, int):
            return -value.sign * value.days
        return Offset(base, -value.sign, value.days)
    if isinstance(value, Ref):
        return Ref(value.label, f"days_since_{value.field}")
    return 0


@dataclass(frozen=True)
class FieldTest:
    """One test on one field of a fact: `field <op> value`."""

    field: str
    op: str
    value: Value

    def refs(self) -> list[Ref]:
        """Every `$label.field` the test names (inside an offset too)."""
        out: list[Ref] = []
        for value in self.value if isinstance(self.value, list) else [self.value]:
            parts = [value.base, value.days] if isinstance(value, Offset) else [value]
            out += [part for part in parts if isinstance(part, Ref)]
        return out

    def in_days(self) -> FieldTest:
        """A date test as the day-count test the engine runs (every date field has a
        `days_since_` count): `x before $a.d + 3` is `days_since_x more_than
        $a.days_since_d - 3`. Other tests are returned as they are."""
        if self.op not in DATE_TESTS:
            return self
        return FieldTest(f"days_since_{self.field}", DATE_TESTS[self.op], _day_count(self.value))

    def describe(self) -> str:
        if self.op == "known":
            return f"{self.field} is {'known' if self.value else 'not known'}"
        shown = ", ".join(map(str, self.value)) if isinstance(self.value, list) else self.value
        return f"{self.field} {OPERATORS[self.op]} {shown}"


@dataclass(frozen=True)
class Condition:
    """A pattern one fact must match (in `when`) or no fact may match (in `unless`)."""

    label: str
    kind: str
    tests: tuple[FieldTest, ...]

    def describe(self) -> str:
        body = " and ".join(t.describe() for t in self.tests)
        name = self.kind if self.label == self.kind else f"{self.label} ({self.kind})"
        return f"{name}: {body}" if body else f"{name} exists"

    def names(self) -> set[str] | None:
        """For conclusion kinds: the `name` values this condition can match (None: any)."""
        for test in self.tests:
            if test.field == "name" and test.op == "is" and isinstance(test.value, str):
                return {test.value}
            if test.field == "name" and test.op == "in":
                return set(test.value)
        return None

    def excludes(self, name: str) -> bool:
        """Whether the condition can never match a conclusion of this name (`name not_in
        [...]` lists it)."""
        return any(
            t.field == "name" and t.op == "not_in" and isinstance(t.value, list) and name in t.value
            for t in self.tests
        )


@dataclass(frozen=True)
class FactSpec:
    """A fact a rule derives: fixed or referenced fields, or records looked up in a table
    (by `key`, one record; by `where`, every record whose fields match)."""

    kind: str
    fields: dict[str, Value]
    table: str | None = None
    key: Value = None
    where: dict[str, Value] = field(default_factory=dict)


@dataclass(frozen=True)
class Due:
    """The date a rule attaches to its advice: a date fact plus a number of days, then a
    number of calendar months (a month later is the same day of the month, or the
    month's last day if it has no such day)."""

    start: Ref
    days: int | Ref
    months: int | Ref = 0
    # The date is the latest the step can be due: it is counted from a day the step's own
    # date cannot come after (an event after the posting day, the longest end of a hold),
    # so the step says "at the latest" (its advice's `text_due_latest`).
    latest: bool = False


@dataclass(frozen=True)
class Rule:
    """One rule as written in a rule file. Immutable: the layer a rule runs in is a
    property of the whole rule set (`RuleGraph.layer`), not of the rule."""

    id: str
    title: str
    explanation: str
    source: str
    file: str
    line: int | None
    when: tuple[Condition, ...]
    unless: tuple[Condition, ...]
    situations: tuple[str, ...] = ()
    advice: tuple[str, ...] = ()
    ask: tuple[str, ...] = ()
    due: Due | None = None
    facts: tuple[FactSpec, ...] = ()
    places: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    """The line of each part of the rule (`when.shipment`, `then.advice`, ...)."""

    def line_of(self, key: str) -> int | None:
        """The line of `key` (a dotted path), or of the nearest part of the rule above it."""
        parts = key.split(".")
        for end in range(len(parts), 0, -1):
            line = self.places.get(".".join(parts[:end]))
            if line is not None:
                return line
        return self.line

    def produces(self) -> set[tuple[str, str | None]]:
        """(kind, name) pairs this rule can assert; name is None for derived facts."""
        made: set[tuple[str, str | None]] = {("situation", s) for s in self.situations}
        made |= {("advice", a) for a in self.advice}
        made |= {("question", q) for q in self.ask}
        made |= {(f.kind, None) for f in self.facts}
        return made

    def conclusions(self) -> list[str]:
        out = [f"situation {s}" for s in self.situations]
        out += [f"advice {a}" for a in self.advice]
        out += [f"question {q}" for q in self.ask]
        out += [f"fact {f.kind}" for f in self.facts]
        return out
