"""How often could a memo of rule sessions be reused on a realistic export?

For benchmarks/batch.py's realistic rows (`Shop`), counts the rows that reach the rules
and, for three keys, how many distinct ones they have (each repeat is a possible hit):

- the batch's memo (`batch.outcome.Memo`): the session's initial facts exactly (the
  tracking number's digits left out when no rule reads them);
- every answer but the dates and the tracking number's own digits: what any memo keyed
  on the answers could at best reuse if dates did not matter (they do: day counts
  decide situations and due dates), so an upper bound;
- the initial facts with each day count replaced by where it falls among the numbers
  and fields the compiled rules compare it with, every other field as it is (a key
  proposed for issue 17: rows with different dates would share one rule run, the
  answer re-rendered from the row's own facts);
- every fact of the whole run (initial, phase and concluded facts) reduced to what the
  compiled rules' tests can tell apart (`Outcomes`: per field, where a number falls
  among the constants it is compared with, a string if some test names it, whether it
  is there; per reference test and pair of facts, which side is larger): two rows equal
  here get the same firings, so this bounds any sound memo keyed on what rules test;
- the sequence of rules that fired: what a memo of firings could reuse if it knew,
  without running the rules, which rows fire alike (no key computed from the answers
  is known to give that).

    .venv/bin/python benchmarks/memo_bound.py [ROWS]
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from parcel_doctor.inference.compiler import SHIPMENT_KEY


class Outcomes:
    """What the compiled rules' tests can tell apart in a list of facts (module doc)."""

    def __init__(self, definition: dict[str, Any]) -> None:
        self.numbers: dict[tuple[str, str], list[Any]] = {}
        self.strings: dict[tuple[str, str], set[Any]] = {}
        self.relations: set[tuple[str, str, str, str]] = set()
        for rule in definition.values():
            labels = {
                label.split("$")[0]: _kind(pattern)
                for condition in rule["all"]
                for label, pattern in condition.items()
            }
            for condition in rule["all"]:
                for label, pattern in condition.items():
                    for name, operand in _tests(pattern):
                        key = (labels[label.split("$")[0]], name)
                        if isinstance(operand, dict):
                            ((other, field),) = operand.items()
                            self.relations.add((*key, labels[other], field))
                        elif isinstance(operand, (int, float)) and not isinstance(operand, bool):
                            self.numbers.setdefault(key, []).append(operand)
                        else:
                            self.strings.setdefault(key, set()).add(operand)
        self.numbers = {key: sorted(set(values)) for key, values in self.numbers.items()}

    def of(self, facts: list[dict[str, Any]], days_only: bool = False) -> tuple[Any, ...]:
        """The facts' classes, in order; with `days_only`, only day counts are classed
        (and compared with each other) and every other field is kept as it is."""
        out: list[Any] = []
        for fact in facts:
            row: list[Any] = [fact["kind"]]
            for name, value in sorted(fact.items()):
                key = (fact["kind"], name)
                if days_only and f"days_since_{name}" in fact:
                    row.append(name)  # a date: its day count stands for it
                elif days_only and not name.startswith("days_since_"):
                    row.append((name, value))
                elif key in self.numbers and isinstance(value, int):
                    places = self.numbers[key]
                    row.append((name, bisect.bisect_left(places, value), value in places))
                elif key in self.strings or key in self.numbers:
                    row.append((name, value if value in self.strings.get(key, ()) else "-"))
            out.append(tuple(row))
        for kind, name, other, field in sorted(self.relations):
            if days_only and not name.startswith("days_since_"):
                continue
            for left in (f for f in facts if f["kind"] == kind):
                for right in (f for f in facts if f["kind"] == other):
                    a, b = left.get(name), right.get(field)
                    out.append(None if a is None or b is None else (a > b) - (a < b))
        return tuple(out)


def _kind(pattern: dict[str, Any]) -> str:
    return next(t["kind"] for t in pattern["$and"] if set(t) == {"kind"})


def _tests(pattern: dict[str, Any]) -> list[tuple[str, Any]]:
    """(field, operand) of a pattern's tests, the shipment key and kind left out."""
    out = []
    for test in pattern["$and"]:
        ((operator, value),) = test.items()
        if operator.startswith("$"):
            ((name, operand),) = value.items()
        else:
            name, operand = operator, value
        if name not in ("kind", SHIPMENT_KEY):
            out.append((name, operand))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rows", nargs="?", type=int, default=5000)
    options = parser.parse_args()

    from batch import TODAY, generate, sessions_of
    from parcel_doctor.batch.outcome import Memo
    from parcel_doctor.inference.durable_core import encode_facts
    from parcel_doctor.inference.limits import engine_rules
    from parcel_doctor.inference.session import engine_for
    from parcel_doctor.knowledge.loader import load

    kb = load()
    engine, memo = engine_for(kb), Memo(kb)
    compiled = engine_rules(kb)
    outcomes = Outcomes(compiled.definition)
    exact: set[str] = set()
    answers_only: set[str] = set()
    day_intervals: set[tuple[Any, ...]] = set()
    tested: set[tuple[Any, ...]] = set()
    firings: set[tuple[str, ...]] = set()
    rows = 0
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "orders.csv"
        generate(path, options.rows)
        for answers, number, facts in sessions_of(kb, str(path)):
            rows += 1
            exact.add(encode_facts([memo._without_number(f) for f in facts]))
            said = {k: v for k, v in answers.items() if not k.endswith("_on")}
            said.pop("tracking_number", None)
            shape = {k: v for k, v in (number.fact() if number else {}).items() if k != "number"}
            answers_only.add(json.dumps([said, shape], sort_keys=True, default=str))
            masked = [memo._without_number(f) for f in facts]
            day_intervals.add(outcomes.of(masked, days_only=True))
            run = engine.infer(facts, TODAY)
            concluded = [fact for firing in run.firings for fact in firing.concluded]
            tested.add(outcomes.of([*facts, *compiled.phase_facts(facts), *concluded]))
            firings.add(tuple(f.rule.id for f in run.firings))
    print(f"{rows} rows reach the rules")
    for label, distinct in (
        ("initial facts exactly (the batch's memo)", len(exact)),
        ("answers without dates and number digits (upper bound)", len(answers_only)),
        ("initial facts, day counts by interval, the rest as is", len(day_intervals)),
        ("every fact of the run as the rules' tests tell it apart", len(tested)),
        ("sequences of rules fired", len(firings)),
    ):
        print(f"  {label:<56} {distinct:>6} distinct, {1 - distinct / rows:6.1%} repeats")


if __name__ == "__main__":
    main()
