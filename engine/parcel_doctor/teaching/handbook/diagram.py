"""A small diagram per situation: only the facts and rules that lead to it.

Facts are blue, rules white, the situation amber; an arrow from a fact to a rule means
the rule needs that fact, from a rule to a fact that the rule derives it. Rows run from
the facts given at the start (top) to the situation (bottom). Labels wrap instead of
being cut, and the SVG is sized so that its text prints at about 8 pt on A4.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass, field

from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.rules.model import Rule
from parcel_doctor.rules.vocabulary import BASE_KINDS, CONCLUSION_KINDS
from parcel_doctor.teaching.wording import Wording

MAX_RULES = 12  # beyond this the chain stops expanding: `explain` shows the rest
WIDTH = 720
FONT = 11  # px in the SVG's own units; 720 units span about 180 mm on A4
LINE = 14
GAP_X, GAP_Y = 12, 34


@dataclass
class Node:
    key: str  # "fact:KIND", "rule:ID", "situation:ID"
    kind: str  # "fact", "rule", "situation"
    label: str
    depth: int = 0


@dataclass
class Diagram:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[tuple[str, str]] = field(default_factory=list)

    def add(self, key: str, kind: str, label: str) -> None:
        self.nodes.setdefault(key, Node(key, kind, label))

    def link(self, src: str, dst: str) -> None:
        if (src, dst) not in self.edges and src != dst:
            self.edges.append((src, dst))


def situation_diagram(kb: KnowledgeBase, sid: str, words: Wording) -> Diagram:
    """The rules that conclude `sid` and, recursively, those deriving what they need."""
    diagram = Diagram()
    target = f"situation:{sid}"
    diagram.add(target, "situation", kb.situations[sid]["title"])
    first = kb.graph.concluders("situation", sid)
    pending: list[tuple[Rule, str]] = [(r, target) for r in first]
    done: set[str] = set()
    while pending:
        rule, made = pending.pop(0)
        key = f"rule:{rule.id}"
        diagram.add(key, "rule", rule.title)
        diagram.link(key, made)
        if rule.id in done:
            continue
        done.add(rule.id)
        for cond in rule.when:
            if cond.kind in CONCLUSION_KINDS:
                names = sorted(cond.names() or [])
                for name in names:
                    if cond.kind == "situation" and name in kb.situations:
                        node = f"situation:{name}"
                        diagram.add(node, "situation", kb.situations[name]["title"])
                        diagram.link(node, key)
                continue
            node = f"fact:{cond.kind}"
            diagram.add(node, "fact", words.kind_title(cond.kind))
            diagram.link(node, key)
            if cond.kind in BASE_KINDS or len(done) + len(pending) >= MAX_RULES:
                continue
            pending += [(p, node) for p in kb.graph.producers(cond, exact=True) if p.id not in done]
    _layer(diagram)
    return diagram


def _layer(diagram: Diagram) -> None:
    """Longest-path rows: everything sits below all that points to it."""
    for _ in range(len(diagram.nodes)):
        changed = False
        for src, dst in diagram.edges:
            want = diagram.nodes[src].depth + 1
            if diagram.nodes[dst].depth < want:
                diagram.nodes[dst].depth = want
                changed = True
        if not changed:
            return


def svg(diagram: Diagram, title: str) -> str:
    """The diagram as an inline SVG with wrapped labels and arrowheads."""
    rows: dict[int, list[Node]] = {}
    for node in diagram.nodes.values():
        rows.setdefault(node.depth, []).append(node)
    boxes: dict[str, tuple[float, float, float, float, list[str]]] = {}
    y = 8.0
    for depth in sorted(rows):
        row = sorted(rows[depth], key=lambda n: (n.kind, n.label))
        width = min(200.0, (WIDTH - GAP_X * (len(row) + 1)) / len(row))
        chars = max(8, int(width / (FONT * 0.56)))
        wrapped = [textwrap.wrap(n.label, chars) or [""] for n in row]
        height = max(len(w) for w in wrapped) * LINE + 10
        total = len(row) * width + (len(row) - 1) * GAP_X
        x = (WIDTH - total) / 2
        for node, lines in zip(row, wrapped, strict=True):
            boxes[node.key] = (x, y, width, height, lines)
            x += width + GAP_X
        y += height + GAP_Y
    parts = [
        '<defs><marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#44546a"/></marker>'
        "</defs>"
    ]
    for src, dst in diagram.edges:
        x1, y1, w1, h1, _ = boxes[src]
        x2, y2, w2, _, _ = boxes[dst]
        a, b = (x1 + w1 / 2, y1 + h1), (x2 + w2 / 2, y2)
        mid = (a[1] + b[1]) / 2
        parts.append(
            f'<path class="edge" d="M{a[0]:.1f},{a[1]:.1f} C{a[0]:.1f},{mid:.1f} '
            f'{b[0]:.1f},{mid:.1f} {b[0]:.1f},{b[1] - 1:.1f}" marker-end="url(#arrow)"/>'
        )
    for key, (x, top, w, h, lines) in boxes.items():
        kind = diagram.nodes[key].kind
        text = "".join(
            f'<tspan x="{x + w / 2:.1f}" y="{top + 16 + i * LINE:.1f}">{html.escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        parts.append(
            f'<g class="node {kind}"><rect x="{x:.1f}" y="{top:.1f}" width="{w:.1f}" '
            f'height="{h}" rx="5"/><text text-anchor="middle">{text}</text></g>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {y - GAP_Y + 10:.0f}" '
        f'width="100%" role="img" aria-label="{html.escape(title, quote=True)}">'
        + "".join(parts)
        + "</svg>"
    )


def outline(diagram: Diagram) -> list[str]:
    """The same diagram as text lines (for Markdown): each rule with what it needs and
    what it gives, from the facts given at the start down to the situation."""
    lines = []
    for node in sorted(diagram.nodes.values(), key=lambda n: (n.depth, n.label)):
        if node.kind != "rule":
            continue
        needs = [diagram.nodes[s].label for s, d in diagram.edges if d == node.key]
        gives = [diagram.nodes[d].label for s, d in diagram.edges if s == node.key]
        lines.append(
            f"{node.label}: needs {', '.join(needs) or 'nothing'}; gives {', '.join(gives)}"
        )
    return lines
