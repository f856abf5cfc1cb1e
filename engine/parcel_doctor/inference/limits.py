"""The rule base against durable_rules 2.0.28's fixed limits, before durable_rules fails.

`facts check` and the engine compile the rules as a diagnosis does (`engine_rules`:
keyed if that fits, else plain) and ask `network.problems` which limit the compiled
ruleset exceeds: a join shared by more than 256 patterns (error 108), the alpha stack
a fact walks with (64 entries, error 303), more `known = false` tests or other tests
under one test than the C core's tables hold (errors 107, 106), more than 4,096 rules.
Each limit is reported once, at the first rule involved, naming the others.
"""

from __future__ import annotations

from parcel_doctor.inference.compiler import CompiledRules, compile_ruleset, keyed, sharing
from parcel_doctor.inference.durable_core import with_guard
from parcel_doctor.inference.gate_binding import bind_through_gate
from parcel_doctor.inference.network import problems
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.toml_source import Problem


def limit_problems(compiled: CompiledRules) -> list[Problem]:
    """The limits of durable_rules the compiled rule base exceeds, as located problems."""
    found = []
    for limit in problems(with_guard(compiled.definition)):
        rules = [compiled.rules[name] for name in limit.rules if name in compiled.rules]
        first = rules[0] if rules else None
        found.append(
            Problem(
                first.file if first else "rules",
                first.line_of("when") if first else None,
                f"rule {first.id}: when" if first else "",
                f"durable_rules 2.0.28 cannot run this rule base (its error {limit.code}): "
                f"{limit.message}",
            )
        )
    return found


def engine_rules(kb: KnowledgeBase, share: bool = True) -> CompiledRules:
    """The ruleset a diagnosis runs: keyed (one session for several shipments) when
    `share` and it fits durable_rules' limits, with group tests only on the paths shared
    by the most patterns, as few as make it fit, where it does not fit without them (each
    costs the facts reaching it a test), then on the widest alpha nodes too
    (`compiler.group_branches`), else the plain one (a session per shipment); `in`
    tests on choice answers folded (compiler module doc); the shipment matched through
    the phase gate where the gate makes its pattern redundant (`gate_binding`)."""
    plain = bind_through_gate(compile_ruleset(kb.graph, kb.answer_values()))
    if not share:
        return plain
    bare = keyed(plain, None)
    if _fits(bare):
        return bare
    # The most grouped form first: group tests only take tests off the stack, so if it
    # does not fit no keyed form does (one check instead of the bisection's).
    branched = keyed(plain, 1, branches=True)
    if not _fits(branched):
        return plain
    # Group tests on the paths shared by at least one of the share counts, most shared
    # first: the highest count that fits (the fewest group tests), by bisection. Grouping
    # more paths mostly keeps fewer tests on the stack; each choice is checked, so where
    # it does not the bisection only groups more than it needs to. The lowest count
    # groups every path.
    counts = sharing(plain.definition)
    low, high, best = 0, len(counts) - 1, None
    while low <= high:
        middle = (low + high) // 2
        grouped = keyed(plain, counts[middle])
        if _fits(grouped):
            best, high = grouped, middle - 1
        else:
            low = middle + 1
    return best if best is not None else branched


def _fits(compiled: CompiledRules) -> bool:
    return not problems(with_guard(compiled.definition))


def check_engine_limits(kb: KnowledgeBase) -> list[Problem]:
    """`limit_problems` of the ruleset a diagnosis runs (`engine_rules`)."""
    return limit_problems(engine_rules(kb))
