"""The human-readable renderer: diagnoses, tracking-number analyses and facts, via rich.

Colours follow the terminal; rich honours NO_COLOR and plain pipes by itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rich.console import Console
from rich.markup import escape

from parcel_doctor.diagnosis.diagnose import Diagnosis
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.tracking.numbers import NumberAnalysis


def console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def diagnosis(out: Console, kb: KnowledgeBase, result: Diagnosis, trace: bool = False) -> None:
    """The report a seller reads: situations, numbered steps, open questions."""
    if result.number is not None:
        number(out, result.number, brief=True)
    if result.situations:
        out.print("[bold]What is happening[/bold]")
        for found in result.situations:
            out.print(
                f"  [bold yellow]{escape(found.title)}[/bold yellow]  [dim]({found.id})[/dim]"
            )
            out.print(f"    {escape(found.summary)}")
            for rule_id in found.rules:
                rule = next(r for r in kb.rules if r.id == rule_id)
                tag = escape(f"[{rule.id}]")  # brackets would read as rich markup
                out.print(f"    [dim]because: {escape(rule.explanation)} {tag}[/dim]")
    else:
        out.print("[bold]What is happening[/bold]\n  Not enough is known yet to say.")
    if result.advice:
        out.print("\n[bold]What to do[/bold]")
        for index, step in enumerate(result.advice, start=1):
            due = f" [bold]by {step.due}[/bold]" if step.due else ""
            out.print(f"  {index}. [bold]{escape(step.title)}[/bold]{due}")
            out.print(f"     {escape(step.text)}")
            for url in step.urls:
                out.print(f"     {escape(url)}")
    if result.missing:
        out.print("\n[bold]Answers that would sharpen this diagnosis[/bold]")
        for qid in result.missing:
            question = kb.questions[qid]
            out.print(f"  - {escape(question['text'])}  [dim](--set {qid}=...)[/dim]")
    if trace:
        out.print("\n[bold]How the rules got there[/bold]")
        steps(out, result)


def steps(out: Console, result: Diagnosis) -> None:
    """The trace, rule by rule: what it matched and what it concluded."""
    for index, step in enumerate(result.trace, start=1):
        out.print(f"  {index}. [bold]{escape(step.rule)}[/bold]: {escape(step.title)}")
        for label, fact in step.facts.items():
            shown = ", ".join(f"{k}={v}" for k, v in fact.items())
            out.print(f"     [dim]matched {escape(label)}: {escape(shown)}[/dim]")
        for concluded in step.concluded:
            out.print(f"     -> {escape(concluded)}")


def number(out: Console, analysis: NumberAnalysis, brief: bool = False) -> None:
    """A tracking number's analysis: format, problems, what it tells, where to track."""
    status = {
        True: "[green]valid[/green]",
        False: "[red]not valid[/red]",
        None: "[yellow]format not known[/yellow]",
    }[analysis.valid]
    out.print(f"[bold]{escape(analysis.number or '(empty)')}[/bold]: {analysis.format}, {status}")
    for problem in analysis.problems:
        out.print(f"  [red]-[/red] {escape(problem)}")
    for note in analysis.notes:
        out.print(f"  [yellow]![/yellow] {escape(note)}")
    if brief:
        out.print()
        return
    if analysis.service_indicator:
        beyond = {True: "yes", False: "no", None: "unknown"}[analysis.tracked_beyond_export]
        out.print(
            f"  service indicator {analysis.service_indicator}: "
            f"{analysis.service_class or 'unknown service'}; tracked beyond export: {beyond}"
        )
    if analysis.origin:
        out.print(f"  issued in: {analysis.origin}")
    if analysis.carrier:
        out.print(f"  carrier: {analysis.carrier}")
    for site in analysis.tracking_sites:
        out.print(f"  track at {escape(site.operator)}: {escape(site.url)}")
    if len(analysis.candidates) > 1:
        out.print("  it also fits, less specific:")
        for other in analysis.candidates[1:]:
            where = "; ".join(f"{s.operator}: {s.url}" for s in other.tracking_sites)
            out.print(
                f"    {escape(other.name)} {escape(f'[{other.format}]')}"
                + (f", {escape(other.carrier)}" if other.carrier else "")
                + (f" - {escape(where)}" if where else "")
            )


def record(out: Console, title: str, entry: Mapping[str, Any]) -> None:
    """One knowledge-base entry as aligned `key: value` lines."""
    out.print(f"[bold]{escape(title)}[/bold]")
    width = max(len(k) for k in entry)
    for key, value in entry.items():
        shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        shown = "(none known)" if value is None or value == [] else shown
        out.print(f"  {key.ljust(width)}  {escape(shown)}")


def table(out: Console, rows: Iterable[tuple[str, ...]], header: tuple[str, ...]) -> None:
    from rich.table import Table

    grid = Table(*header, box=None, pad_edge=False, header_style="bold")
    for row in rows:
        grid.add_row(*(escape(str(c)) for c in row))
    out.print(grid)
