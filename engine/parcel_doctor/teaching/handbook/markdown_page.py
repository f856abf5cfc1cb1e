"""The handbook as Markdown: the same content as the HTML edition, for wikis and editors.

Every text from the knowledge base or a case is escaped, so a title holding `<script>`
or `*` reads as written in any Markdown renderer instead of becoming markup.
"""

from __future__ import annotations

import html
import re

from parcel_doctor import __version__
from parcel_doctor.teaching.handbook.content import (
    EXERCISE_QUESTIONS,
    Chapter,
    Handbook,
    deciding_rules,
)
from parcel_doctor.teaching.handbook.diagram import outline

_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def md(text: object) -> str:
    """Knowledge text as literal Markdown: HTML escaped, Markdown specials backslashed,
    line breaks folded (a newline could start a heading or a list)."""
    flat = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def _chapter(hb: Handbook, chapter: Chapter) -> list[str]:
    out = [f"### {chapter.number}. {md(chapter.title)}", "", md(chapter.summary), ""]
    out += ["#### How to recognise it", "", md(chapter.recognise), ""]
    for stage, phrases in chapter.wording:
        quoted = ", ".join(f"“{md(p)}”" for p in phrases)
        out.append(f"- **{md(stage)}**{': ' + quoted if quoted else ''}")
    out += ["", "#### What to do, and why", ""]
    for index, step in enumerate(chapter.steps, start=1):
        out.append(f"{index}. **{md(step.title)}.** {md(step.text)}  ")
        out.append(f"   *Why:* {md(' '.join(step.why))}")
    out += ["", "#### How the rules reach it", ""]
    out += [f"- {md(line)}" for line in outline(chapter.diagram)]
    out.append("")
    if chapter.exercises:
        out += ["#### Exercises", ""]
        for exercise in chapter.exercises:
            case = exercise.case
            out += [f"**{md(exercise.heading)}**", "", md(case.story), ""]
            out += ["*What the seller knows:*", ""]
            out += [f"- {md(line)}" for line in exercise.known] + [""]
            out += [f"*Today is {case.today.isoformat()}.*", ""]
            out += [f"{i}. {md(q)}" for i, q in enumerate(EXERCISE_QUESTIONS, start=1)]
            out.append("")
            if hb.trainer and case.teaching_notes:
                out += [f"> **Trainer's note.** {md(case.teaching_notes)}", ""]
    out += ["*Sources:* " + "; ".join(md(s) for s in chapter.sources), ""]
    return out


def page(hb: Handbook) -> str:
    counts = hb.counts
    out = [
        "# parcel-doctor handbook",
        "",
        f"*{hb.edition.capitalize()}'s edition · parcel-doctor {__version__} · "
        f"{counts['situations']} situations, {counts['advice']} pieces of advice, "
        f"{counts['rules']} rules · {len(hb.exercises)} exercises · printed for "
        f"{hb.today.isoformat()}*",
        "",
        "## Contents",
        "",
    ]
    out += [f"{c.number}. {md(c.title)}" for c in hb.chapters]
    out += ["", "## Situations", ""]
    for chapter in hb.chapters:
        out += _chapter(hb, chapter)
    if hb.trainer:
        out += ["## Answer key", ""]
        for exercise in hb.exercises:
            result = exercise.result
            out.append(f"**Exercise {exercise.number}: {md(exercise.case.title)}**")
            out.append("")
            out.append("What is happening: " + "; ".join(md(s.title) for s in result.situations))
            out.append("")
            for index, step in enumerate(result.advice, start=1):
                due = f" ({step.by})" if step.due else ""
                out.append(f"{index}. {md(step.title)}{due}")
            out += ["", f"*Rules behind it:* {md(', '.join(deciding_rules(exercise)))}", ""]
    if hb.sheets.countries:
        out += ["## Country sheets", ""]
        if hb.sheets.common:
            shared = "; ".join(f"{md(label.lower())}: {md(v)}" for label, v in hb.sheets.common)
            out += [f"For every country below: {shared}.", ""]
        for sheet in hb.sheets.countries:
            out += [f"### {md(sheet.name)} ({sheet.code})", ""]
            out += [f"*Note:* {md(note)}" for note in sheet.notes] + ([""] if sheet.notes else [])
            out += [f"- **{md(label)}:** {md(value)}" for label, value in sheet.lines]
            out.append("")
    if hb.trainer:
        out += ["## All rules", "", "| rule | title | source |", "|---|---|---|"]
        out += [f"| {md(r.id)} | {md(r.title)} | {md(r.source)} |" for r in hb.rules]
        out.append("")
    return "\n".join(out)
