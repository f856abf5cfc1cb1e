"""Why a question is asked, in the seller's words: what the answer can change.

`explain(kb, qid)` says what the question is for and which conclusions and steps hang
on the answer; with `trace=True` it adds the rules that ask and test it, by id (for
trainers checking the knowledge base, not for sellers).
"""

from __future__ import annotations

from collections.abc import Iterable

from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.rules.model import Condition, Rule


def _touches(condition: Condition, fields: set[str]) -> bool:
    """Whether a shipment condition tests one of `fields`, directly or by reference."""
    for test in condition.tests:
        if condition.kind == "shipment" and test.field in fields:
            return True
        if any(ref.field in fields for ref in test.refs()):  # offsets' references too
            return True
    return False


def dependents(kb: KnowledgeBase, qid: str) -> list[Rule]:
    """The rules whose outcome can hang on one answer: those that test the shipment
    field (in `when` or `unless`), then, transitively, those whose `when` needs a fact
    or situation such a rule concludes. Question-only rules are left out."""
    fields = {qid, f"days_since_{qid}"}
    number = qid == "tracking_number"

    def seed(rule: Rule) -> bool:
        return any(_touches(c, fields) for c in [*rule.when, *rule.unless]) or (
            number and any(c.kind == "tracking_number" for c in rule.when)
        )

    return [r for r in kb.graph.downstream(seed) if r.situations or r.advice or r.facts]


def _listing(titles: Iterable[str], most: int = 6) -> str:
    unique = list(dict.fromkeys(titles))
    shown = ", ".join(unique[:most])
    return shown + (f" and {len(unique) - most} more" if len(unique) > most else "")


def explain(kb: KnowledgeBase, qid: str, trace: bool = False) -> str:
    """What a question is for and what its answer can change; rule ids only with `trace`."""
    question = kb.questions[qid]
    askers = list(kb.graph.askers(qid))
    lines = [question.get("help", "").strip()]
    reasons = list(dict.fromkeys(rule.explanation for rule in askers if rule.explanation))
    if reasons:
        lines.append(f"It matters because: {' '.join(reasons)}")
    rules = dependents(kb, qid)
    situations = [kb.situations[s]["title"] for r in rules for s in r.situations]
    advice = [kb.advice[a]["title"] for r in rules for a in r.advice]
    if situations:
        lines.append(f"Your answer can change what is happening: {_listing(situations)}.")
    if advice:
        lines.append(f"... and what to do: {_listing(advice)}.")
    if not (situations or advice or reasons):
        lines.append("Your answer makes the diagnosis more precise.")
    if trace:
        if askers:
            lines.append(f"Asked by the rules: {_listing((r.id for r in askers), 8)}.")
        tested = [r.id for r in rules if any(_touches(c, {qid}) for c in [*r.when, *r.unless])]
        if tested:
            lines.append(f"Rules that test it: {_listing(tested, 8)}.")
    return "\n".join(line for line in lines if line)
