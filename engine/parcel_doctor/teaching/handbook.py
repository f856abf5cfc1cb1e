"""The printable handbook: `handbook.md` and a self-contained `handbook.html`.

Both are written from the knowledge base alone (situations, advice, rules, countries),
so the handout always matches the tool. The HTML has inline CSS and an inline SVG
diagram and names no external resource: it opens and prints offline.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parcel_doctor import __version__
from parcel_doctor.diagnosis.templates import fill_template
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.rules.model import Rule
from parcel_doctor.rules.vocabulary import BASE_KINDS, CONCLUSION_KINDS
from parcel_doctor.teaching.explain import BASE_ORIGIN, location

# --------------------------------------------------------------------------- content


@dataclass
class SituationPage:
    id: str
    title: str
    summary: str
    recognise: str
    urgency: int
    advice: list[tuple[str, str]]  # (id, title), in the report's order
    rules: list[Rule]
    sources: list[str]


def situation_pages(kb: KnowledgeBase) -> list[SituationPage]:
    """Every situation, most pressing first, with the advice and rules behind it."""
    pages = []
    for sid, entry in sorted(kb.situations.items(), key=lambda i: (i[1]["urgency"], i[0])):
        rules = kb.graph.concluders("situation", sid)
        advice = {a for r in rules for a in r.advice}
        for rule, part in kb.graph.testers("situation", sid):
            if part == "when":
                advice |= set(rule.advice)
        ordered = sorted(advice, key=lambda a: (kb.advice[a]["order"], a))
        pages.append(
            SituationPage(
                sid,
                entry["title"],
                entry["summary"],
                entry.get("recognise", ""),
                entry["urgency"],
                [(a, kb.advice[a]["title"]) for a in ordered],
                rules,
                list(entry.get("sources", [])),
            )
        )
    return pages


def advice_text(entry: dict[str, Any]) -> str:
    """An advice template with its fallbacks filled in, as a handout reads it."""
    return fill_template(entry["text"], {})


def country_rows(kb: KnowledgeBase) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for code, c in sorted(kb.countries.items()):
        site = c.get("tracking_site", "")
        host = site.split("/")[2] if site.startswith("https://") else ""
        rows.append(
            (
                code,
                c["name"],
                c["upu_status"],
                ", ".join(c.get("upu_via", [])),
                c.get("postal_operator", "unknown"),
                c.get("tracking_exchange", "unknown"),
                host,
            )
        )
    return rows


COUNTRY_HEADER = ("code", "name", "UPU", "via", "postal operator", "events shared", "tracking site")


# --------------------------------------------------------------------------- diagram


@dataclass
class Diagram:
    columns: list[tuple[str, list[str]]]  # (heading, node names)
    edges: set[tuple[str, str]]  # (from node, to node); nodes are "kind:name"


def diagram(kb: KnowledgeBase) -> Diagram:
    """Facts -> derived facts -> situations -> advice, with one edge per rule link."""
    derived = sorted({f.kind for r in kb.rules for f in r.facts})
    situations = sorted(kb.situations, key=lambda s: (kb.situations[s]["urgency"], s))
    advice = sorted(kb.advice, key=lambda a: (kb.advice[a]["order"], a))
    edges: set[tuple[str, str]] = set()
    for rule in kb.rules:
        sources: list[str] = []
        for kind, names in kb.graph.needs(rule):
            if kind == "situation":
                sources += [f"situation:{n}" for n in sorted(names or kb.situations)]
            elif kind not in CONCLUSION_KINDS:
                sources.append(f"fact:{kind}")
        targets = [f"fact:{f.kind}" for f in rule.facts]
        targets += [f"situation:{s}" for s in rule.situations]
        if rule.situations:
            edges |= {
                (f"situation:{s}", f"advice:{a}") for s in rule.situations for a in rule.advice
            }
        else:
            targets += [f"advice:{a}" for a in rule.advice]
        edges |= {(s, t) for s in sources for t in targets if s != t}
    return Diagram(
        [
            ("Facts given", [f"fact:{k}" for k in BASE_KINDS]),
            ("Facts derived", [f"fact:{k}" for k in derived]),
            ("Situations", [f"situation:{s}" for s in situations]),
            ("Advice", [f"advice:{a}" for a in advice]),
        ],
        edges,
    )


def svg(kb: KnowledgeBase) -> str:
    """The diagram as an inline SVG (no fonts or scripts from outside)."""
    d = diagram(kb)
    col_x = [10, 200, 430, 760]
    widths = [150, 150, 280, 280]
    row_h, top = 26, 46
    height = top + row_h * max(len(nodes) for _, nodes in d.columns) + 10
    place: dict[str, tuple[int, int, int]] = {}
    parts = []
    for index, (title, nodes) in enumerate(d.columns):
        x, w = col_x[index], widths[index]
        offset = top + (row_h * (max(len(n) for _, n in d.columns) - len(nodes))) // 2
        parts.append(
            f'<text x="{x + w // 2}" y="22" class="col" text-anchor="middle">{title}</text>'
        )
        for row, node in enumerate(nodes):
            y = offset + row * row_h
            place[node] = (x, y, w)
    for src, dst in sorted(d.edges):
        if src not in place or dst not in place:
            continue
        x1, y1, w1 = place[src]
        x2, y2, _ = place[dst]
        if x2 <= x1:
            continue
        a, b = x1 + w1, x2
        mid, ya, yb = (a + b) // 2, y1 + 10, y2 + 10
        parts.append(f'<path class="edge" d="M{a},{ya} C{mid},{ya} {mid},{yb} {b},{yb}"/>')
    for node, (x, y, w) in place.items():
        kind, name = node.split(":", 1)
        label = _node_label(kb, kind, name)
        parts.append(
            f'<g class="node {kind}"><title>{html.escape(node)}</title>'
            f'<rect x="{x}" y="{y}" width="{w}" height="20" rx="4"/>'
            f'<text x="{x + 6}" y="{y + 14}">{html.escape(label)}</text></g>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1050 {height}" '
        f'width="100%" role="img" aria-label="How facts lead through rules to situations '
        f'and advice">{"".join(parts)}</svg>'
    )


def _node_label(kb: KnowledgeBase, kind: str, name: str) -> str:
    if kind == "fact":
        return name
    title = kb.situations[name]["title"] if kind == "situation" else kb.advice[name]["title"]
    return title if len(title) <= 44 else title[:42] + "…"


# --------------------------------------------------------------------------- markdown


def markdown(kb: KnowledgeBase) -> str:
    out = [
        "# parcel-doctor handbook",
        "",
        f"What to do when a parcel's tracking goes quiet abroad. Written from the "
        f"knowledge base (parcel-doctor {__version__}): {len(kb.situations)} situations, "
        f"{len(kb.advice)} pieces of advice, {len(kb.rules)} rules, "
        f"{len(kb.countries)} countries and territories.",
        "",
        "## Situations",
        "",
        "Most pressing first. Each comes with how to recognise it, what to do, and the "
        "rules that conclude it.",
        "",
    ]
    for page in situation_pages(kb):
        out += [f"### {page.title}", "", f"`{page.id}` · urgency {page.urgency}", ""]
        out += [page.summary, "", f"**How to recognise it.** {page.recognise}", ""]
        out += ["**What to do.**", ""]
        out += [f"{i}. {title} (`{aid}`)" for i, (aid, title) in enumerate(page.advice, 1)]
        out += ["", "**Rules behind it.**", ""]
        for rule in page.rules:
            out.append(
                f"- `{rule.id}`: {rule.explanation} *Source: {rule.source}* ({location(rule)})"
            )
        out += ["", "**Sources.**", ""]
        out += [f"- {s}" for s in page.sources]
        out.append("")
    out += ["## Advice catalogue", ""]
    for aid, entry in sorted(kb.advice.items(), key=lambda i: (i[1]["order"], i[0])):
        out += [f"### {entry['title']}", "", f"`{aid}`", "", advice_text(entry), ""]
        out += [f"- {s}" for s in entry.get("sources", [])]
        out.append("")
    out += ["## How facts lead to situations and advice", ""]
    d = diagram(kb)
    out += [
        "Facts given (" + ", ".join(f"`{k}`: {BASE_ORIGIN[k]}" for k in BASE_KINDS) + ") feed "
        "rules that derive facts ("
        + ", ".join(f"`{n.split(':')[1]}`" for n in d.columns[1][1])
        + "); rules on those conclude situations, which call for advice. "
        "The HTML handbook draws this as a diagram.",
        "",
        "## All rules",
        "",
        "| rule | title | layer | source | file |",
        "|---|---|---|---|---|",
    ]
    for rule in kb.rules:
        out.append(
            f"| `{rule.id}` | {_cell(rule.title)} | {kb.graph.layer(rule)} | "
            f"{_cell(rule.source)} | {location(rule)} |"
        )
    out += ["", "## Countries and territories", ""]
    out.append("| " + " | ".join(COUNTRY_HEADER) + " |")
    out.append("|" + "---|" * len(COUNTRY_HEADER))
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in country_rows(kb)]
    out.append("")
    return "\n".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


# --------------------------------------------------------------------------- html

CSS = """
body { font: 15px/1.45 Georgia, 'DejaVu Serif', serif; color: #1d1d1d; margin: 0 auto;
  max-width: 1080px; padding: 24px; }
h1, h2, h3 { font-family: 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif; }
h1 { border-bottom: 3px solid #1f4e79; padding-bottom: 6px; }
h2 { color: #1f4e79; margin-top: 2em; border-bottom: 1px solid #c8d3df; }
section.situation { border-left: 4px solid #e0a100; padding: 2px 14px; margin: 18px 0;
  break-inside: avoid; }
section.situation.u1, section.situation.u2, section.situation.u3 { border-color: #c0392b; }
section.situation.u8, section.situation.u9, section.situation.u10 { border-color: #2e8b57; }
.meta { color: #666; font-size: 13px; }
code { background: #f2f4f7; padding: 0 3px; border-radius: 3px; font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 12px; }
th, td { border-bottom: 1px solid #ddd; padding: 3px 6px; text-align: left;
  vertical-align: top; }
th { background: #eef2f6; }
nav ol { columns: 2; }
figure { margin: 0; }
svg .col { font: bold 14px Arial, 'DejaVu Sans', sans-serif; fill: #1f4e79; }
svg .node text { font: 11px Arial, 'DejaVu Sans', sans-serif; fill: #111; }
svg .node rect { stroke: #555; stroke-width: 0.6; }
svg .fact rect { fill: #dbe8f5; }
svg .situation rect { fill: #fde9b6; }
svg .advice rect { fill: #d5efdd; }
svg .edge { fill: none; stroke: #5b6b7b; stroke-opacity: 0.28; stroke-width: 1; }
@media print { body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-before: page; } nav { display: none; } }
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def html_page(kb: KnowledgeBase) -> str:
    body = [
        "<h1>parcel-doctor handbook</h1>",
        f"<p>What to do when a parcel's tracking goes quiet abroad. Written from the knowledge "
        f"base (parcel-doctor {_e(__version__)}): {len(kb.situations)} situations, "
        f"{len(kb.advice)} pieces of advice, {len(kb.rules)} rules, {len(kb.countries)} "
        "countries and territories.</p>",
        '<nav><ol><li><a href="#diagram">How facts lead to situations and advice</a></li>'
        '<li><a href="#situations">Situations</a></li><li><a href="#advice">Advice '
        'catalogue</a></li><li><a href="#rules">All rules</a></li><li><a href="#countries">'
        "Countries and territories</a></li></ol></nav>",
        '<h2 id="diagram">How facts lead to situations and advice</h2>',
        "<p>Facts given at the start (the seller's answers, the tracking number's analysis, "
        "time limits, suspensions) feed rules that derive facts; rules on those conclude "
        "situations, which call for advice. Each line is a rule linking the two.</p>",
        f"<figure>{svg(kb)}</figure>",
        '<h2 id="situations">Situations</h2>',
        "<p>Most pressing first.</p>",
    ]
    for page in situation_pages(kb):
        body.append(f'<section class="situation u{page.urgency}" id="s-{_e(page.id)}">')
        body.append(f"<h3>{_e(page.title)}</h3>")
        body.append(f'<p class="meta"><code>{_e(page.id)}</code> · urgency {page.urgency}</p>')
        body.append(f"<p>{_e(page.summary)}</p>")
        body.append(f"<p><strong>How to recognise it.</strong> {_e(page.recognise)}</p>")
        body.append("<p><strong>What to do.</strong></p><ol>")
        body += [f"<li>{_e(t)} <code>{_e(a)}</code></li>" for a, t in page.advice]
        body.append("</ol><p><strong>Rules behind it.</strong></p><ul>")
        body += [
            f"<li><code>{_e(r.id)}</code>: {_e(r.explanation)} <em>Source: {_e(r.source)}</em> "
            f'<span class="meta">({_e(location(r))})</span></li>'
            for r in page.rules
        ]
        body.append("</ul><p><strong>Sources.</strong></p><ul>")
        body += [f"<li>{_e(s)}</li>" for s in page.sources]
        body.append("</ul></section>")
    body.append('<h2 id="advice">Advice catalogue</h2>')
    for aid, entry in sorted(kb.advice.items(), key=lambda i: (i[1]["order"], i[0])):
        body.append(f'<h3 id="a-{_e(aid)}">{_e(entry["title"])}</h3>')
        body.append(f'<p class="meta"><code>{_e(aid)}</code></p><p>{_e(advice_text(entry))}</p>')
        body.append(
            '<ul class="meta">' + "".join(f"<li>{_e(s)}</li>" for s in entry["sources"]) + "</ul>"
        )
    body.append(
        '<h2 id="rules">All rules</h2><table><tr><th>rule</th><th>title</th>'
        "<th>layer</th><th>source</th><th>file</th></tr>"
    )
    body += [
        f"<tr><td><code>{_e(r.id)}</code></td><td>{_e(r.title)}</td><td>{kb.graph.layer(r)}</td>"
        f"<td>{_e(r.source)}</td><td>{_e(location(r))}</td></tr>"
        for r in kb.rules
    ]
    body.append("</table>")
    body.append('<h2 id="countries">Countries and territories</h2><table><tr>')
    body += [f"<th>{_e(h)}</th>" for h in COUNTRY_HEADER]
    body.append("</tr>")
    body += [
        "<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in country_rows(kb)
    ]
    body.append("</table>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>parcel-doctor handbook</title>"
        f"<style>{CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def write(kb: KnowledgeBase, out: Path) -> list[Path]:
    """Write handbook.md and handbook.html into `out` (created if missing)."""
    out.mkdir(parents=True, exist_ok=True)
    md, page = out / "handbook.md", out / "handbook.html"
    md.write_text(markdown(kb), encoding="utf-8")
    page.write_text(html_page(kb), encoding="utf-8")
    return [md, page]
