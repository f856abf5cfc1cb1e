"""The human-readable renderer: diagnoses, tracking-number analyses and facts, via rich.

Colours follow the terminal; rich honours NO_COLOR and plain pipes by itself. Lines
wrap to a terminal's width with hanging indents, and do not wrap into a pipe. Every
text from a user or a knowledge file goes through `terminal.clean` and is never read
as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.text import Text

from parcel_doctor.terminal import clean, console, hang, safe

if TYPE_CHECKING:
    from parcel_doctor.diagnosis.diagnose import Diagnosis
    from parcel_doctor.knowledge.loader import KnowledgeBase
    from parcel_doctor.tracking.numbers import NumberAnalysis

__all__ = ["console", "diagnosis", "number", "record", "steps", "table"]


def _styled(*parts: tuple[object, str] | str) -> Text:
    """Plain text in styles: each part is text, or (text, style)."""
    return Text.assemble(
        *((clean(p[0]), p[1]) if isinstance(p, tuple) else clean(p) for p in parts)
    )


def diagnosis(
    out: Console,
    kb: KnowledgeBase,
    result: Diagnosis,
    trace: bool = False,
    set_hints: bool = True,
    messages: bool = False,
) -> None:
    """The report a seller reads: situations, numbered steps, open questions.

    `set_hints` shows how to give each open answer on the command line (`--set key=...`);
    after an interview the questions are listed in words only.
    """
    if result.number is not None:
        number(out, result.number, brief=True)
    for note in result.notes:  # how an answer was read: which carrier "DHL" means
        hang(out, "Note: ", note)
    if result.notes:
        out.print()
    out.print(Text("What is happening", style="bold"))
    if not result.situations:
        out.print("  Not enough is known yet to say.")
    for found in result.situations:
        hang(out, "  ", _styled((found.title, "bold yellow"), "  ", (f"({found.id})", "dim")))
        hang(out, "    ", found.summary)
        for rule_id in found.rules:
            rule = next(r for r in kb.rules if r.id == rule_id)
            hang(out, "    ", _styled((f"because: {rule.explanation} [{rule.id}]", "dim")))
    if result.advice:
        out.print()
        out.print(Text("What to do", style="bold"))
    for index, step in enumerate(result.advice, start=1):
        lead = f"  {index}. "
        due = ("", "") if not step.due else (f" {step.by}", "bold")
        hang(out, lead, _styled((step.title, "bold"), due))
        indent = " " * len(lead)
        hang(out, indent, step.text)
        for url in step.urls:
            hang(out, indent, url)
        if step.pages_not_known:
            pages = " or ".join(step.pages_not_known)
            hang(
                out,
                indent,
                f"(No {pages} is on record for them: look for it on their own website.)",
            )
        if messages:
            for message in step.messages:
                _message(out, indent, message)
    if result.missing:
        out.print()
        out.print(Text("Answers that would sharpen this diagnosis", style="bold"))
    for qid in result.missing:
        hint = ("", "") if not set_hints else (f"  (--set {qid}=...)", "dim")
        hang(out, "  - ", _styled(kb.questions[qid]["text"], hint))
    if trace:
        out.print()
        out.print(Text("How the rules got there", style="bold"))
        steps(out, result)


def steps(out: Console, result: Diagnosis) -> None:
    """The trace, rule by rule: what it matched and what it concluded."""
    for index, step in enumerate(result.trace, start=1):
        lead = f"  {index}. "
        indent = " " * len(lead)
        hang(out, lead, _styled((step.rule, "bold"), f": {step.title}"))
        for label, fact in step.facts.items():
            shown = ", ".join(f"{k}={v}" for k, v in fact.items())
            hang(out, indent, _styled((f"matched {label}: {shown}", "dim")))
        for concluded in step.concluded:
            hang(out, indent, f"-> {concluded}")


_ADDRESSEES = {"carrier": "the carrier", "recipient": "the recipient", "customs": "customs"}


def _message(out: Console, indent: str, message: Any) -> None:
    """A ready-to-send message under its step: whom to, subject, then the text as is."""
    out.print(
        Text(f"{indent}Message to {_ADDRESSEES.get(message.to, message.to)}: ", style="bold")
        + Text(message.subject)
    )
    for line in message.text.splitlines():
        out.print(Text(f"{indent}  | {line}" if line else f"{indent}  |"), soft_wrap=True)


def number(out: Console, analysis: NumberAnalysis, brief: bool = False) -> None:
    """A tracking number's analysis: format, problems, what it tells, where to track."""
    status = {
        True: ("valid", "green"),
        False: ("not valid", "red"),
        None: ("not confirmed" if analysis.known else "format not known", "yellow"),
    }[analysis.valid]
    out.print(_styled((analysis.number or "(empty)", "bold"), f": {analysis.format}, ", status))
    for problem in analysis.problems:
        hang(out, "  - ", problem)
    for note in analysis.notes:
        hang(out, "  ! ", note)
    if brief:
        out.print()
        return
    if analysis.service_indicator:
        beyond = {True: "yes", False: "no", None: "unknown"}[analysis.tracked_beyond_export]
        hang(
            out,
            "  ",
            f"service indicator {analysis.service_indicator}: "
            f"{analysis.service_class or 'unknown service'}; tracked beyond export: {beyond}",
        )
    if analysis.origin:
        hang(out, "  ", f"issued in: {analysis.origin}")
    if analysis.carrier:
        hang(out, "  ", f"carrier: {analysis.carrier}")
    for site in analysis.tracking_sites:
        typed = " (type the number in there)" if site.typed_in else ""
        hang(out, "  ", f"track at {site.operator}: {site.url}{typed}")
    if len(analysis.candidates) > 1:
        hang(out, "  ", "it also fits, less specific:")
        for other in analysis.candidates[1:]:
            where = "; ".join(f"{s.operator}: {s.url}" for s in other.tracking_sites)
            carrier = f", {other.carrier}" if other.carrier else ""
            hang(
                out,
                "    ",
                f"{other.name} [{other.format}]{carrier}" + (f" - {where}" if where else ""),
            )


def record(out: Console, title: str, entry: Mapping[str, Any]) -> None:
    """One knowledge-base entry as aligned `key: value` lines."""
    out.print(_styled((title, "bold")))
    width = max(len(k) for k in entry)
    for key, value in entry.items():
        shown = ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
        shown = "(none known)" if value is None or value in ([], ()) else shown
        hang(out, f"  {clean(key).ljust(width)}  ", shown)


_ROOM_PER_COLUMN = 16
"""Characters a grid leaves each column after the first before it stacks the rows."""


def table(out: Console, rows: Iterable[tuple[str, ...]], header: tuple[str, ...]) -> None:
    """`rows` under `header`. The first column holds what a reader copies into the next
    command (a case, rule or country id, a learner), so it is never cut: into a pipe every
    row is one line, its columns padded; on a terminal a grid when the longest first cell
    leaves room for the rest, else each row's first cell on a line of its own and its other
    cells under it, one a line, each after its heading."""
    from rich.table import Column, Table

    cells = [tuple(clean(str(c)) for c in row) for row in rows]
    first = max((len(row[0]) for row in cells if row), default=0)
    if out.soft_wrap:
        widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(header)]
        for line in (header, *cells):
            padded = "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True))
            out.print(Text(padded.rstrip(), style="bold" if line is header else ""))
        return
    if first + _ROOM_PER_COLUMN * (len(header) - 1) <= out.width:
        lead = Column(header[0], no_wrap=True, min_width=max(first, len(header[0])))
        grid = Table(lead, *header[1:], box=None, pad_edge=False, header_style="bold")
        for row in cells:
            grid.add_row(*(safe(c) for c in row))
        out.print(grid)
        return
    for row in cells:
        out.print(Text(row[0], style="bold"), soft_wrap=True)
        label = max((len(h) for h in header[1:]), default=0)
        for name, cell in zip(header[1:], row[1:], strict=True):
            if cell:
                hang(out, f"  {name.ljust(label)}  ", cell)
