"""How often could a memo of rule sessions be reused on a realistic export?

For benchmarks/batch.py's realistic rows (`Shop`), counts the rows that reach the rules
and, for three keys, how many distinct ones they have (each repeat is a possible hit):

- the batch's memo (`batch.outcome.Memo`): the session's initial facts exactly (the
  tracking number's digits left out when no rule reads them);
- every answer but the dates and the tracking number's own digits: what any memo keyed
  on the answers could at best reuse if dates did not matter (they do: day counts
  decide situations and due dates), so an upper bound;
- every fact of the whole run that durable_rules gets (initial and concluded; phase
  facts carry the shipment's fields) reduced to what the compiled rules' tests can tell
  apart (`replay_cache.Abstraction`: per field, its class among the constants it is
  compared with; per reference test and combination of facts, its outcome): two rows
  equal here get the same firings, so this bounds any sound memo keyed on what rules
  test (`replay_cache.py rate` measures the trace cache built on it);
- the sequence of rules that fired: what a memo of firings could reuse if it knew,
  without running the rules, which rows fire alike (no key computed from the answers
  is known to give that).

    .venv/bin/python benchmarks/memo_bound.py [ROWS]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rows", nargs="?", type=int, default=5000)
    options = parser.parse_args()

    from batch import TODAY, generate, sessions_of
    from parcel_doctor.batch.outcome import Memo
    from parcel_doctor.inference.durable_core import encode_facts
    from parcel_doctor.inference.session import engine_for
    from parcel_doctor.knowledge.loader import load
    from replay_cache import Abstraction

    kb = load()
    engine, memo = engine_for(kb), Memo(kb)
    abstraction = Abstraction(engine._compiled.definition)
    exact: set[str] = set()
    answers_only: set[str] = set()
    tested: set[tuple[object, ...]] = set()
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
            run = engine.infer(facts, TODAY)
            concluded = [fact for firing in run.firings for fact in firing.concluded]
            sent = [f for f in [*facts, *concluded] if f["kind"] in engine.matchable]
            plan = abstraction.plan(tuple(f["kind"] for f in sent))
            tested.add((*map(abstraction.fact, sent), abstraction.outcomes(plan, sent)))
            firings.add(tuple(f.rule.id for f in run.firings))
    print(f"{rows} rows reach the rules")
    for label, distinct in (
        ("initial facts exactly (the batch's memo)", len(exact)),
        ("answers without dates and number digits (upper bound)", len(answers_only)),
        ("every fact of the run as the rules' tests tell it apart", len(tested)),
        ("sequences of rules fired", len(firings)),
    ):
        print(f"  {label:<56} {distinct:>6} distinct, {1 - distinct / rows:6.1%} repeats")


if __name__ == "__main__":
    main()
