"""What leads to a rule, a situation or a piece of advice, and what it leads to.

Trainers need to show *why* the tool concludes what it does. Everything here is read
off the rule graph (`KnowledgeBase.graph`: what each rule needs, tests and produces),
never written in Python, so an explanation changes as soon as a rule file does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.rules.model import Rule
from parcel_doctor.rules.vocabulary import BASE_KINDS
from parcel_doctor.teaching.wording import Wording
from parcel_doctor.text import closest

# Where the facts no rule derives come from: the starting facts of every session
# (documented in rules/README.md).
BASE_ORIGIN = {
    "shipment": "the seller's answers",
    "tracking_number": "the tracking number's analysis",
    "limits": "facts/time_limits.toml",
}
KINDS = ("rule", "situation", "advice")


@dataclass(frozen=True)
class Subject:
    """One thing that can be explained: a rule, a situation or an advice id."""

    kind: str
    id: str


class UnknownSubject(LookupError):
    """No rule, situation or advice has this id; carries the closest ids."""

    def __init__(self, given: str, suggestions: list[str]) -> None:
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no rule, situation or advice is called {given!r}.{hint}")
        self.suggestions = suggestions


def rule_by_id(kb: KnowledgeBase) -> dict[str, Rule]:
    return {r.id: r for r in kb.rules}


def all_ids(kb: KnowledgeBase) -> dict[str, list[str]]:
    return {
        "rule": list(rule_by_id(kb)),
        "situation": list(kb.situations),
        "advice": list(kb.advice),
    }


def find(kb: KnowledgeBase, given: str) -> list[Subject]:
    """Every subject called `given` (an id may name a rule and a situation at once);
    `KIND:ID` picks one. `UnknownSubject` with the closest ids otherwise."""
    ids = all_ids(kb)
    kind, sep, ident = given.partition(":")
    if sep and kind in ids:
        if ident in ids[kind]:
            return [Subject(kind, ident)]
        given = ident
    found = [Subject(k, given) for k in KINDS if given in ids[k]]
    if found:
        return found
    every = sorted({i for k in KINDS for i in ids[k]})
    raise UnknownSubject(given, closest(given, every, n=3, cutoff=0.5))


# ------------------------------------------------------------------------- relations


def situations_of(rule: Rule, kb: KnowledgeBase) -> list[str]:
    """The situations a rule concludes, or the ones its `when` requires (advice-only rules)."""
    if rule.situations:
        return list(rule.situations)
    out: list[str] = []
    for cond in rule.when:
        if cond.kind == "situation":
            out += sorted(cond.names() or kb.situations)
    return out


# ------------------------------------------------------------------------- chains


@dataclass
class Need:
    """One condition of a rule, and the rules that can satisfy it (none: a base fact)."""

    condition: str
    negated: bool
    origin: str | None  # for base facts: where they come from
    rules: list[Node] = field(default_factory=list)


@dataclass
class Node:
    """A rule in a chain; `seen` marks a rule already expanded higher up the chain."""

    rule: Rule
    needs: list[Need] = field(default_factory=list)
    seen: bool = False


def chain(kb: KnowledgeBase, rules: list[Rule], expanded: set[str] | None = None) -> list[Node]:
    """The rules and, recursively, the rules deriving the facts they need."""
    expanded = set() if expanded is None else expanded
    words = Wording(kb)
    nodes = []
    for rule in rules:
        if rule.id in expanded:
            nodes.append(Node(rule, seen=True))
            continue
        expanded.add(rule.id)
        node = Node(rule)
        for negated, cond in [(False, c) for c in rule.when] + [(True, c) for c in rule.unless]:
            text = words.condition(cond, words.labels(rule))
            need = Need(text, negated, BASE_ORIGIN.get(cond.kind))
            if cond.kind not in BASE_KINDS and not negated:
                need.rules = chain(kb, kb.graph.producers(cond, exact=True), expanded)
            node.needs.append(need)
        nodes.append(node)
    return nodes


def chain_lines(nodes: list[Node], indent: int = 2) -> list[str]:
    """A chain as indented plain lines: `<- rule` for a rule, `needs`/`unless` below it."""
    pad = " " * indent
    lines = []
    for node in nodes:
        rule = node.rule
        if node.seen:
            lines.append(f"{pad}<- {rule.id} (see above)")
            continue
        lines.append(f"{pad}<- {rule.id}: {rule.title}  [{location(rule)}]")
        for need in node.needs:
            word = "unless" if need.negated else "needs"
            origin = f"  ({need.origin})" if need.origin else ""
            lines.append(f"{pad}     {word} {need.condition}{origin}")
            lines += chain_lines(need.rules, indent + 7)
    return lines


def location(rule: Rule) -> str:
    """`rules/FILE.toml:LINE`: short enough to read, enough to open the file."""
    path = Path(rule.file)
    shown = f"{path.parent.name}/{path.name}"
    return f"{shown}:{rule.line}" if rule.line else shown


def leads_to(kb: KnowledgeBase, subject: Subject) -> list[str]:
    """What a subject leads to, as plain lines."""
    lines: list[str] = []
    if subject.kind == "rule":
        rule = rule_by_id(kb)[subject.id]
        lines += [f"concludes {c}" for c in rule.conclusions()]
        used: dict[str, list[str]] = {}
        for kind, name in sorted(kb.graph.produces(rule), key=lambda p: (p[0], p[1] or "")):
            if kind == "question":
                continue
            for other, part in kb.graph.testers(kind, name):
                if other.id != rule.id:
                    label = f"{kind} {name}" if name else kind
                    used.setdefault(f"{other.id} ({part} {label})", [])
        lines += [f"used by rule {u}" for u in used]
    elif subject.kind == "situation":
        advice: dict[str, list[str]] = {}
        for rule in kb.graph.concluders(subject.kind, subject.id):
            for aid in rule.advice:
                advice.setdefault(aid, []).append(rule.id)
        for rule, part in kb.graph.testers("situation", subject.id):
            if part == "when":
                for aid in rule.advice:
                    advice.setdefault(aid, []).append(rule.id)
        for aid, by in advice.items():
            lines.append(f"advice {aid}: {kb.advice[aid]['title']}  (by {', '.join(by)})")
        for rule, part in kb.graph.testers("situation", subject.id):
            verb = "enables" if part == "when" else "stops"
            lines.append(f"{verb} rule {rule.id}: {rule.title}")
    else:
        situations: dict[str, list[str]] = {}
        for rule in kb.graph.concluders(subject.kind, subject.id):
            for sid in situations_of(rule, kb) or ["(no situation)"]:
                situations.setdefault(sid, []).append(rule.id)
        for sid, by in situations.items():
            title = kb.situations[sid]["title"] if sid in kb.situations else ""
            lines.append(f"given for {sid}{': ' + title if title else ''}  (by {', '.join(by)})")
    return lines


def sources(kb: KnowledgeBase, subject: Subject) -> list[str]:
    """The subject's own sources, then those of the rules that conclude it."""
    if subject.kind == "rule":
        return [rule_by_id(kb)[subject.id].source]
    table = kb.situations if subject.kind == "situation" else kb.advice
    out = list(table[subject.id].get("sources", []))
    out += [f"rule {r.id}: {r.source}" for r in kb.graph.concluders(subject.kind, subject.id)]
    return list(dict.fromkeys(out))


def heading(kb: KnowledgeBase, subject: Subject) -> tuple[str, str]:
    """The subject's title and its one-paragraph description."""
    if subject.kind == "rule":
        rule = rule_by_id(kb)[subject.id]
        return rule.title, rule.explanation
    if subject.kind == "situation":
        entry = kb.situations[subject.id]
        return entry["title"], entry["summary"]
    entry = kb.advice[subject.id]
    return entry["title"], Wording(kb).template(entry["text"])


def explanation(kb: KnowledgeBase, subject: Subject) -> dict[str, Any]:
    """Everything `explain` shows, as data (the text and JSON forms come from this)."""
    title, text = heading(kb, subject)
    if subject.kind == "rule":
        roots = chain(kb, [rule_by_id(kb)[subject.id]])
    else:
        roots = chain(kb, kb.graph.concluders(subject.kind, subject.id))
    return {
        "kind": subject.kind,
        "id": subject.id,
        "title": title,
        "text": text,
        "leads_from": chain_lines(roots),
        "leads_to": leads_to(kb, subject),
        "sources": sources(kb, subject),
    }
