"""The handbook as one self-contained HTML page, made to be printed.

Inline CSS and SVG, no script, no outside resource: it opens and prints offline. The
table of contents is on page 1, chapters flow without blank page ends, diagrams and
exercises are kept whole on a page, and the paper size is set for the printer.
"""

from __future__ import annotations

import html

from parcel_doctor import __version__
from parcel_doctor.teaching.handbook.content import (
    EXERCISE_QUESTIONS,
    Chapter,
    Exercise,
    Handbook,
    deciding_rules,
)
from parcel_doctor.teaching.handbook.diagram import svg

PAGE = {"a4": "A4", "letter": "letter"}

CSS = """
@page { size: %(page)s; margin: 14mm 14mm 16mm 14mm; }
body { font: 10.5pt/1.4 Georgia, 'DejaVu Serif', serif; color: #1d1d1d; margin: 0 auto;
  max-width: 190mm; padding: 8mm; }
h1, h2, h3, h4, h5, nav, figcaption, .meta, dt { font-family: Arial, 'DejaVu Sans', sans-serif; }
h1 { font-size: 22pt; margin: 0 0 2mm; color: #1f4e79; }
h2 { font-size: 15pt; color: #1f4e79; border-bottom: 1.5pt solid #1f4e79; margin: 6mm 0 3mm;
  break-after: avoid; }
h3 { font-size: 12.5pt; margin: 5mm 0 1.5mm; break-after: avoid; }
h4 { font-size: 10.5pt; margin: 3mm 0 1mm; color: #333; break-after: avoid; }
h5 { font-size: 10pt; margin: 0 0 1mm; }
p { margin: 1mm 0 2mm; }
.meta { color: #555; font-size: 8.5pt; }
code { font-size: 8.5pt; background: #f2f4f7; padding: 0 2px; border-radius: 2px;
  word-break: break-all; }
nav.toc ol { columns: 2; column-gap: 8mm; margin: 0; padding-left: 0; list-style: none;
  font-size: 9.5pt; }
nav.toc a { color: inherit; text-decoration: none; }
article.chapter { border-left: 3pt solid #e0a100; padding: 0 0 1mm 4mm; margin: 0 0 4mm; }
article.u1, article.u2, article.u3 { border-color: #c0392b; }
article.u8, article.u9, article.u10 { border-color: #2e8b57; }
ol.steps li { margin-bottom: 1.5mm; }
.why { color: #444; font-size: 9pt; }
.phrases { font-size: 9pt; }
figure { margin: 2mm 0; break-inside: avoid; }
figcaption { font-size: 8.5pt; color: #555; }
.exercise { background: #f6f8fb; border: 0.6pt solid #c8d3df; padding: 2mm 3mm;
  margin: 2mm 0; break-inside: avoid; }
.note { background: #fff7e0; border-left: 2pt solid #e0a100; padding: 1mm 3mm;
  font-size: 9pt; }
.answer { break-inside: avoid; border-bottom: 0.5pt solid #ddd; padding: 1mm 0 2mm; }
.sheets { columns: 2; column-gap: 3mm; }
.sheet { border: 0.6pt solid #c8d3df; padding: 2mm 3mm; margin-bottom: 3mm; break-inside: avoid;
  font-size: 9pt; }
.sheet h3 { margin-top: 0; font-size: 11pt; }
.sheet dl { margin: 0; display: grid; grid-template-columns: 30mm 1fr; gap: 0.5mm 2mm; }
.sheet dt { color: #555; font-size: 8pt; }
.sheet dd { margin: 0; }
table { border-collapse: collapse; width: 100%%; font-size: 8.5pt; }
th, td { border-bottom: 0.5pt solid #ddd; padding: 1mm 1.5mm; text-align: left;
  vertical-align: top; }
section.part { break-before: page; }
svg .node text { font: %(font)spx Arial, 'DejaVu Sans', sans-serif; fill: #111; }
svg .node rect { stroke: #44546a; stroke-width: 0.8; fill: #fff; }
svg .fact rect { fill: #dbe8f5; }
svg .situation rect { fill: #fde9b6; }
svg .edge { fill: none; stroke: #44546a; stroke-width: 1.1; }
@media screen { body { background: #fff; } }
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def _chapter(hb: Handbook, chapter: Chapter) -> list[str]:
    body = [
        f'<article class="chapter u{chapter.urgency}" id="s-{_e(chapter.id)}">',
        f"<h3>{chapter.number}. {_e(chapter.title)}</h3>",
        f"<p>{_e(chapter.summary)}</p>",
        "<h4>How to recognise it</h4>",
        f"<p>{_e(chapter.recognise)}</p>",
    ]
    if chapter.wording:
        body.append('<ul class="phrases">')
        for stage, phrases in chapter.wording:
            quoted = ", ".join(f"“{_e(p)}”" for p in phrases)
            body.append(f"<li><strong>{_e(stage)}</strong>{': ' + quoted if quoted else ''}</li>")
        body.append("</ul>")
    body.append('<h4>What to do, and why</h4><ol class="steps">')
    for step in chapter.steps:
        why = " ".join(step.why)
        body.append(
            f"<li><strong>{_e(step.title)}.</strong> {_e(step.text)}"
            f'<div class="why">Why: {_e(why)}</div></li>'
        )
    body.append("</ol>")
    body.append(
        f"<figure>{svg(chapter.diagram, 'How the rules reach: ' + chapter.title)}"
        "<figcaption>How the rules reach it: blue boxes are facts, white boxes rules, "
        "amber the situation; an arrow reads “is needed by” or “gives”.</figcaption></figure>"
    )
    if chapter.exercises:
        body.append("<h4>Exercises</h4>")
        body += [line for e in chapter.exercises for line in _exercise(hb, e)]
    body.append('<p class="meta">Sources: ' + "; ".join(_e(s) for s in chapter.sources) + "</p>")
    body.append("</article>")
    return body


def _exercise(hb: Handbook, exercise: Exercise) -> list[str]:
    case = exercise.case
    out = [
        '<div class="exercise">',
        f"<h5>{_e(exercise.heading)}</h5>",
        f"<p>{_e(case.story)}</p>",
        "<p>What the seller knows:</p><ul>"
        + "".join(f"<li>{_e(line)}</li>" for line in exercise.known)
        + "</ul>",
        f'<p class="meta">Today is {case.today.isoformat()}.</p>',
        "<ol>" + "".join(f"<li>{_e(q)}</li>" for q in EXERCISE_QUESTIONS) + "</ol>",
    ]
    if hb.trainer and case.teaching_notes:
        out.append(
            f'<div class="note"><strong>Trainer\'s note.</strong> {_e(case.teaching_notes)}</div>'
        )
    out.append("</div>")
    return out


def _answers(hb: Handbook) -> list[str]:
    out = [
        '<section class="part" id="answers"><h2>Answer key</h2>',
        "<p>What the rules conclude for each exercise, with the dates they give.</p>",
    ]
    for exercise in hb.exercises:
        result = exercise.result
        out.append(
            f'<div class="answer"><h5>Exercise {exercise.number}: {_e(exercise.case.title)}</h5>'
        )
        out.append(
            "<p><strong>What is happening:</strong> "
            + "; ".join(_e(s.title) for s in result.situations)
            + "</p><ol>"
        )
        for step in result.advice:
            due = f" ({_e(step.by)})" if step.due else ""
            out.append(f"<li>{_e(step.title)}{due}</li>")
        rules = _e(", ".join(deciding_rules(exercise)))
        out.append(f'</ol><p class="meta">Rules behind it: {rules}</p></div>')
    out.append("</section>")
    return out


def _sheets(hb: Handbook) -> list[str]:
    out = [
        '<section class="part" id="countries"><h2>Country sheets</h2>',
        "<p>Where to look and whom to ask, per destination. “not known” means no source "
        "was found: ask the operator rather than guess. In a tracking page, "
        "<code>{number}</code> stands for the tracking number.</p>",
    ]
    if hb.sheets.common:
        out.append("<p>For every country below: ")
        out.append(
            "; ".join(f"{_e(label.lower())}: {_e(value)}" for label, value in hb.sheets.common)
        )
        out.append(".</p>")
    out.append('<div class="sheets">')
    for sheet in hb.sheets.countries:
        out.append(f'<div class="sheet"><h3>{_e(sheet.name)} ({_e(sheet.code)})</h3>')
        out += [f'<p class="note">Note: {_e(note)}</p>' for note in sheet.notes]
        out.append("<dl>")
        for label, value in sheet.lines:
            shown = f"<code>{_e(value)}</code>" if value.startswith("https://") else _e(value)
            out.append(f"<dt>{_e(label)}</dt><dd>{shown}</dd>")
        out.append("</dl></div>")
    out.append("</div></section>")
    return out


def _rules(hb: Handbook) -> list[str]:
    out = [
        '<section class="part" id="rules"><h2>All rules</h2>',
        "<table><tr><th>rule</th><th>title</th><th>source</th></tr>",
    ]
    out += [
        f"<tr><td><code>{_e(r.id)}</code></td><td>{_e(r.title)}</td><td>{_e(r.source)}</td></tr>"
        for r in hb.rules
    ]
    out.append("</table></section>")
    return out


def page(hb: Handbook) -> str:
    toc = [f'<li><a href="#s-{_e(c.id)}">{c.number}. {_e(c.title)}</a></li>' for c in hb.chapters]
    if hb.trainer:
        toc.append('<li><a href="#answers">Answer key</a></li>')
    if hb.sheets.countries:
        toc.append('<li><a href="#countries">Country sheets</a></li>')
    if hb.trainer:
        toc.append('<li><a href="#rules">All rules</a></li>')
    counts = hb.counts
    body = [
        "<header>",
        "<h1>parcel-doctor handbook</h1>",
        f'<p class="meta">{_e(hb.edition.capitalize())}\'s edition · parcel-doctor '
        f"{_e(__version__)} · {counts['situations']} situations, {counts['advice']} pieces of "
        f"advice, {counts['rules']} rules · {len(hb.exercises)} exercises · printed for "
        f"{_e(hb.today.isoformat())}</p>",
        "<p>What to do when a parcel's tracking goes quiet after it leaves the country. "
        "Each chapter is one situation: how to recognise it on the tracking page, what to "
        "do and why, how the rules reach it, and real or realistic cases to practise on."
        + (" Answers and trainer's notes are in this edition." if hb.trainer else "")
        + "</p>",
        '<nav class="toc"><h2>Contents</h2><ol>' + "".join(toc) + "</ol></nav>",
        "</header>",
        '<section id="situations"><h2>Situations</h2>',
    ]
    for chapter in hb.chapters:
        body += _chapter(hb, chapter)
    body.append("</section>")
    if hb.trainer:
        body += _answers(hb)
    if hb.sheets.countries:
        body += _sheets(hb)
    if hb.trainer:
        body += _rules(hb)
    css = CSS % {"page": PAGE[hb.paper], "font": 11}
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{_e(hb.title)}</title><style>{css}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
