"""Trainers' commands: rules, explain, cases, quiz, handbook.

A thin layer: the reasoning is in the rules, the chains in `teaching.explain`, the quiz
in `teaching.quiz`, the handout in `teaching.handbook`; this module reads options, prints,
and exits with the README's codes.
"""

from __future__ import annotations

import json
import random
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from parcel_doctor import terminal
from parcel_doctor.cli import render_text
from parcel_doctor.cli.common import (
    AsJson,
    FactsDir,
    RulesDir,
    Today,
    emit_json,
    fail,
    knowledge,
    today_from,
)
from parcel_doctor.diagnosis.answers import AnswerError
from parcel_doctor.diagnosis.diagnose import Diagnosis
from parcel_doctor.exit_codes import ExitCode
from parcel_doctor.knowledge.loader import KnowledgeBase, UnknownName
from parcel_doctor.knowledge.shipped import shipped_dir
from parcel_doctor.teaching import explain as explaining
from parcel_doctor.teaching import handbook as handbook_module
from parcel_doctor.teaching import quiz as quiz_module
from parcel_doctor.teaching import quiz_report as report_module
from parcel_doctor.teaching.handbook import content as handbook_content
from parcel_doctor.teaching.handbook import pdf as handbook_pdf
from parcel_doctor.teaching.scenarios import (
    Scenario,
    ScenarioError,
    agreeing,
    judge,
    load_folder,
    load_scenario,
    run_scenario,
)
from parcel_doctor.teaching.wording import Wording
from parcel_doctor.text import closest, paragraphs

CasesDir = Annotated[
    Path | None,
    typer.Option(
        "--cases",
        "--case-dir",
        help="Use the case studies in DIR instead of the shipped ones.",
        metavar="DIR",
        file_okay=False,
    ),
]

rules_app = typer.Typer(help="List and show the rules.", no_args_is_help=True)
quiz_app = typer.Typer(
    help="Quiz learners on the cases; `quiz report` merges a class's results.",
    invoke_without_command=True,
)
cases_app = typer.Typer(help="The case library: list, show and replay cases.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the trainers' commands to the app."""
    app.add_typer(rules_app, name="rules")
    app.add_typer(cases_app, name="cases")
    app.command("explain")(explain)
    app.add_typer(quiz_app, name="quiz")
    app.command("handbook")(handbook)


# ----------------------------------------------------------------------------- rules


@rules_app.command("list")
def rules_list(as_json: AsJson = False, facts: FactsDir = None, rules: RulesDir = None) -> None:
    """List every rule: id, title, explanation, source, file."""
    kb = knowledge(facts, rules)
    if as_json:
        emit_json(
            [
                {
                    "id": r.id,
                    "title": r.title,
                    "explanation": r.explanation,
                    "source": r.source,
                    "file": explaining.location(r),
                }
                for r in kb.rules
            ]
        )
        return
    out = render_text.console()
    for rule in kb.rules:
        out.print(f"[bold]{escape(rule.id)}[/bold]: {escape(rule.title)}")
        out.print(f"  {escape(rule.explanation)}")
        out.print(
            f"  [dim]source: {escape(rule.source)}  ({escape(explaining.location(rule))})[/dim]"
        )


@rules_app.command("show")
def rules_show(
    rule_id: Annotated[str, typer.Argument(metavar="ID", help="A rule id (`rules list`).")],
    facts: FactsDir = None,
    rules: RulesDir = None,
) -> None:
    """Everything about one rule: conditions, conclusions, layer, source, file:line."""
    kb = knowledge(facts, rules)
    by_id = explaining.rule_by_id(kb)
    if rule_id not in by_id:
        close = closest(rule_id, by_id, n=3, cutoff=0.5)
        fail(
            f"unknown rule {rule_id!r}." + (f" Did you mean: {', '.join(close)}?" if close else ""),
            1,
        )
    rule = by_id[rule_id]
    out = render_text.console()
    out.print(f"[bold]{escape(rule.id)}[/bold]: {escape(rule.title)}")
    out.print(f"  {escape(rule.explanation)}")
    words = Wording(kb)
    out.print("[bold]When[/bold]")
    for line in words.when(rule):
        out.print(f"  - {escape(line)}")
    if rule.unless:
        out.print("[bold]Unless[/bold]")
        for line in words.unless(rule):
            out.print(f"  - {escape(line)}")
    out.print("[bold]Then[/bold]")
    for line in words.conclusions(rule):
        out.print(f"  - {escape(line)}")
    out.print(f"[bold]Layer[/bold] {kb.graph.layer(rule)}")
    out.print(f"[bold]Source[/bold] {escape(rule.source)}")
    out.print(f"[bold]File[/bold] {escape(explaining.location(rule))}")


# ----------------------------------------------------------------------------- explain


def explain(
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A rule, situation or advice id; KIND:ID (e.g. situation:carrier-exception) "
            "picks one where ids coincide.",
        ),
    ],
    as_json: AsJson = False,
    facts: FactsDir = None,
    rules: RulesDir = None,
) -> None:
    """What leads to a rule, situation or advice, what it leads to, and its sources."""
    kb = knowledge(facts, rules)
    try:
        subjects = explaining.find(kb, ident)
    except explaining.UnknownSubject as error:
        fail(str(error), ExitCode.NEGATIVE)
    found = [explaining.explanation(kb, s) for s in subjects]
    if as_json:
        emit_json(found if len(found) > 1 else found[0])
        return
    out = render_text.console()
    for index, item in enumerate(found):
        if index:
            out.print()
        out.print(f"[bold]{item['kind']} {escape(item['id'])}[/bold]: {escape(item['title'])}")
        out.print(f"  {escape(item['text'])}")
        out.print("\n[bold]What leads to it[/bold]")
        for line in item["leads_from"] or ["  (no rule concludes it)"]:
            out.print(escape(line))
        out.print("\n[bold]What it leads to[/bold]")
        for line in item["leads_to"] or ["nothing further"]:
            out.print(f"  {escape(line)}")
        out.print("\n[bold]Sources[/bold]")
        for source in item["sources"]:
            out.print(f"  - {escape(source)}")


# ----------------------------------------------------------------------------- cases


def load_cases(folder: Path | None) -> list[Scenario]:
    """The case library, or a clear error (exit 2) naming the broken file."""
    folder = folder or shipped_dir("cases")
    if not folder.is_dir():
        fail(f"the cases folder {folder} does not exist")
    try:
        cases = load_folder(folder)
    except ScenarioError as error:
        fail(str(error))
    if not cases:
        fail(f"the cases folder {folder} holds no case files (*.toml)")
    return cases


def find_case(cases: list[Scenario], case_id: str) -> Scenario:
    for case in cases:
        if case.id == case_id:
            return case
    close = closest(case_id, [c.id for c in cases], n=3, cutoff=0.5)
    fail(
        f"unknown case {case_id!r}." + (f" Did you mean: {', '.join(close)}?" if close else ""),
        ExitCode.NEGATIVE,
    )


def one_case(case_id: str, folder: Path | None) -> Scenario:
    """The case an ID names, or the case file a path names (a trainer's own case, or a
    file copied from `cases/real/`): `x.toml` is the file if it exists, else case `x`."""
    if case_id.endswith(".toml"):
        path = Path(case_id)
        if path.is_file():
            try:
                return load_scenario(path)
            except ScenarioError as error:
                fail(str(error))
        case_id = path.stem
    return find_case(load_cases(folder), case_id)


def _diagnose(kb: KnowledgeBase, case: Scenario) -> tuple[Diagnosis, list[str]]:
    try:
        return run_scenario(kb, case)
    except AnswerError as error:
        problems = "; ".join(f"{k}: {m}" for k, m in error.errors.items())
        fail(f"{case.path}: [answers] {problems}")


@cases_app.command("list")
def cases_list(
    as_json: AsJson = False, cases: CasesDir = None, facts: FactsDir = None, rules: RulesDir = None
) -> None:
    """List the cases: id, title, and the situations they teach."""
    library = load_cases(cases)
    if as_json:
        emit_json(
            [
                {"id": c.id, "title": c.title, "situations": c.situations, "advice": c.advice}
                for c in library
            ]
        )
        return
    render_text.table(
        render_text.console(),
        ((c.id, c.title, ", ".join(c.situations)) for c in library),
        ("id", "title", "situations"),
    )


@cases_app.command("show")
def cases_show(
    case_id: Annotated[
        str, typer.Argument(metavar="ID", help="A case id (`cases list`) or a case file (.toml).")
    ],
    cases: CasesDir = None,
    facts: FactsDir = None,
    rules: RulesDir = None,
) -> None:
    """A case: its story, answers, expected situations and advice, teaching notes."""
    kb = knowledge(facts, rules)
    case = one_case(case_id, cases)
    out = render_text.console()
    out.print(f"[bold]{escape(case.title)}[/bold]  [dim]({case.id}, today {case.today})[/dim]")
    out.print("\n[bold]Story[/bold]\n" + "\n\n".join(map(escape, paragraphs(case.story))))
    out.print("\n[bold]Answers[/bold]")
    for key, value in case.answers.items():
        out.print(f"  {key} = {escape(str(value))}")
    out.print("\n[bold]Expected situations[/bold]")
    for sid in case.situations:
        title = kb.situations.get(sid, {}).get("title", "?")
        out.print(f"  - {escape(title)}  [dim]({sid})[/dim]")
    out.print("\n[bold]Expected advice[/bold]")
    for aid in case.advice:
        title = kb.advice.get(aid, {}).get("title", "?")
        out.print(f"  - {escape(title)}  [dim]({aid})[/dim]")
    if case.teaching_notes:
        out.print(f"\n[bold]Teaching notes[/bold]\n{escape(case.teaching_notes)}")


@cases_app.command("run")
def cases_run(
    case_id: Annotated[
        str | None,
        typer.Argument(metavar="[ID]", help="A case id (`cases list`) or a case file (.toml)."),
    ] = None,
    run_all: Annotated[
        bool,
        typer.Option("--all", help="Judge every case in the folder and print the agreement rate."),
    ] = False,
    cases: CasesDir = None,
    facts: FactsDir = None,
    rules: RulesDir = None,
) -> None:
    """Replay the reasoning rule by rule and compare with the expectation (exit 1 if it differs).

    With --all: one line per case (agree, disagree, known gap), then the agreement rate;
    exit 1 if a case disagrees without a known-gap mark (a marked case that agrees is
    reported, so its mark can be removed).
    """
    kb = knowledge(facts, rules)
    if run_all:
        if case_id is not None:
            fail("give a case ID or --all, not both")
        _run_all(kb, load_cases(cases))
        return
    if case_id is None:
        fail("give a case ID (`parcel-doctor cases list`) or --all")
    case = one_case(case_id, cases)
    result, mismatches = _diagnose(kb, case)
    out = render_text.console()
    out.print(f"[bold]{escape(case.title)}[/bold]  [dim]({case.id}, today {case.today})[/dim]\n")
    out.print("[bold]The rules, in the order they fired[/bold]")
    render_text.steps(out, result)
    out.print()
    render_text.diagnosis(out, kb, result)
    out.print("\n[bold]Against the expectation[/bold]")
    if mismatches:
        for mismatch in mismatches:
            out.print(f"  [red]-[/red] {escape(mismatch)}")
        raise typer.Exit(ExitCode.NEGATIVE)
    out.print("  matches: situations, advice and rules as expected.")


def _run_all(kb: KnowledgeBase, library: list[Scenario]) -> None:
    """Judge every case; print each verdict and the rate; exit 1 on an unmarked disagreement."""
    verdicts = [judge(kb, case) for case in library]
    out = render_text.console()
    colour = {"agree": "green", "disagree": "red", "known gap": "yellow", "stale gap": "red"}
    for verdict in verdicts:
        status = verdict.status
        out.print(f"[{colour[status]}]{status:9}[/{colour[status]}] {escape(verdict.case.id)}")
        for reason in verdict.reasons:
            out.print(f"            - {escape(reason)}")
        if status == "known gap" and verdict.case.source:
            out.print(f"            known gap: {escape(verdict.case.source.known_gap)}")
        if status == "stale gap":
            out.print("            agrees now: remove its known_gap line")
    count = {s: sum(v.status == s for v in verdicts) for s in colour}
    agreeing = count["agree"] + count["stale gap"]
    rate = 100 * agreeing / len(verdicts)
    out.print(
        f"\n{len(verdicts)} cases: {agreeing} agree, {count['known gap']} known gaps, "
        f"{count['disagree']} disagree. Agreement: {agreeing}/{len(verdicts)} = {rate:.1f} %"
    )
    if count["disagree"]:
        raise typer.Exit(ExitCode.NEGATIVE)


# ----------------------------------------------------------------------------- quiz


@quiz_app.callback()
def quiz(
    ctx: typer.Context,
    case_ids: Annotated[
        str | None,
        typer.Option("--cases", help="Only these cases: ID,ID,...", metavar="IDS"),
    ] = None,
    count: Annotated[
        int | None, typer.Option("--count", min=1, help="Ask about N cases.", metavar="N")
    ] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Same seed, same quiz.", metavar="N")
    ] = None,
    json_file: Annotated[
        Path | None,
        typer.Option(
            "--json",
            help="Write the results to FILE for the trainer.",
            metavar="FILE",
            dir_okay=False,
        ),
    ] = None,
    learner: Annotated[
        str | None,
        typer.Option(
            "--learner",
            help="The learner's name, stored in the --json results so a class's files "
            "can be told apart.",
            metavar="NAME",
        ),
    ] = None,
    case_dir: Annotated[
        Path | None,
        typer.Option(
            "--case-dir",
            help="Use the case studies in DIR instead of the shipped ones.",
            metavar="DIR",
            file_okay=False,
        ),
    ] = None,
    facts: FactsDir = None,
    rules: RulesDir = None,
) -> None:
    """Tell each case's story and ask for the situation and the first step; score at the end.

    `parcel-doctor quiz report FILES...` merges the --json results of a class.
    """
    if ctx.invoked_subcommand is not None:
        return
    kb = knowledge(facts, rules)
    library = load_cases(case_dir)
    if case_ids:
        library = [find_case(library, c.strip()) for c in case_ids.split(",") if c.strip()]
    library, left_out = agreeing(kb, library)
    if left_out:  # a known gap's "right answer" would be the rules' mistake
        names = ", ".join(c.id for c in left_out) if case_ids else f"{len(left_out)} cases"
        terminal.hang(  # wrapped at words on a terminal, like the quiz itself
            terminal.console(stderr=True),
            "note: ",
            f"{names} left out: the rules do not yet agree with their outcome (known gaps; "
            "`parcel-doctor cases run --all` lists them).",
        )
    if not library:
        fail("no case to quiz: the rules agree with none of the cases chosen")
    rng = random.Random(seed)
    chosen = quiz_module.pick_cases(library, count, rng)

    interrupted = []  # Ctrl-C: scored and written as at the end of input, then exit 130

    def ask(question: quiz_module.Question) -> str | None:
        typer.echo(f"\n? {question.prompt}")
        for number, label in enumerate(question.labels, start=1):
            typer.echo(f"  {number}. {label}")
        while True:
            typer.echo(f"answer 1-{len(question.options)}: ", nl=False)
            try:
                line = sys.stdin.readline()
            except KeyboardInterrupt:
                interrupted.append(True)
                line = ""
            if not line:
                typer.echo()
                return None
            text = line.strip()
            if not sys.stdin.isatty():
                typer.echo(text)  # over a pipe the answer is not echoed; keep the log readable
            if text.isdigit() and 1 <= int(text) <= len(question.options):
                return question.options[int(text) - 1]
            typer.echo(f"Please type a number from 1 to {len(question.options)}.")

    if learner is not None and not learner.strip():
        fail("--learner: the name is empty")
    out = terminal.console()

    def tell(line: str) -> None:
        """A line of the quiz, wrapped at words in a terminal under its own indent (a
        "because" paragraph under its first word), whole into a pipe."""
        body = line.lstrip(" ")
        lead = line[: len(line) - len(body)]
        if body.startswith("because "):
            lead, body = lead + "because ", body[len("because ") :]
        terminal.hang(out, lead, body)

    result = quiz_module.play(kb, chosen, rng, seed, ask, tell, learner)
    tell("")
    tell(f"Score: {result.score} of {len(result.questions)}")
    if result.revisit:
        tell("Cases to revisit: " + ", ".join(result.revisit))
        tell("(`parcel-doctor cases run ID` replays the reasoning of a case.)")
    if json_file is not None:
        try:
            json_file.write_text(json.dumps(result.to_json(), indent=2) + "\n", encoding="utf-8")
        except OSError as error:
            fail(f"--json: cannot write {json_file}: {error.strerror}")
        typer.echo(f"Results written to {json_file}.")
    if interrupted:
        typer.echo("Interrupted: the quiz stopped early.", err=True)
        raise typer.Exit(ExitCode.INTERRUPTED)
    if not result.finished:
        typer.echo("End of input: the quiz stopped early.", err=True)
        raise typer.Exit(ExitCode.NEGATIVE)


@quiz_app.command("report")
def quiz_report(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILES...", help="Result files written by `quiz --learner NAME --json FILE`."
        ),
    ],
    as_json: AsJson = False,
) -> None:
    """A class's results: a line per learner, a line per case, and the cases to revisit.

    Exit 0; 2 when a file is not a quiz result (the message names it).
    """
    try:
        report = report_module.class_report(files)
    except report_module.ReportError as error:
        fail(str(error))
    for note in report.notes:
        terminal.hang(terminal.console(stderr=True), "note: ", note)
    if as_json:
        emit_json(report.to_json())
        return
    out = render_text.console()
    render_text.table(
        out,
        (
            (
                line.learner,
                f"{line.score}/{line.total}",
                f"{line.percent} %",
                "" if line.finished else "stopped early",
                ", ".join(line.revisit) or "-",
            )
            for line in report.learners
        ),
        ("learner", "score", "", "", "cases to revisit"),
    )
    out.print()
    kinds = sorted({k for c in report.cases for k in c.kinds})
    render_text.table(
        out,
        (
            (
                case.case,
                *(
                    f"{case.kinds[k][0]}/{case.kinds[k][1]}" if k in case.kinds else "-"
                    for k in kinds
                ),
                ", ".join(case.missed_by) or "-",
            )
            for case in report.cases
        ),
        ("case", *(f"{k} right" for k in kinds), "missed by"),
    )
    out.print()
    if report.revisit:
        out.print("Revisit with the class (most missed first): " + ", ".join(report.revisit))
    else:
        out.print("No case was missed by half the class or more.")


# ----------------------------------------------------------------------------- handbook


class Edition(str, Enum):
    learner = "learner"
    trainer = "trainer"


class Paper(str, Enum):
    a4 = "a4"
    letter = "letter"


def handbook(
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            help="Write handbook.md, handbook.html (and handbook.pdf) into DIR.",
            metavar="DIR",
            file_okay=False,
        ),
    ],
    edition: Annotated[
        Edition,
        typer.Option(
            "--edition",
            help="learner: exercises without answers; trainer: with the answer key, the "
            "trainer's notes and all rules.",
        ),
    ] = Edition.learner,
    paper: Annotated[Paper, typer.Option("--paper", help="Paper size for printing.")] = Paper.a4,
    countries: Annotated[
        str | None,
        typer.Option(
            "--countries",
            help="Country sheets for these countries (codes or names: CN,US,GB); default: "
            "the largest e-commerce markets (facts/markets.toml); '' for none.",
            metavar="LIST",
        ),
    ] = None,
    pdf: Annotated[
        bool,
        typer.Option(
            "--pdf/--no-pdf",
            help="Also print handbook.pdf when a Chromium browser is installed.",
            show_default="--pdf",
        ),
    ] = True,
    today: Today = None,
    cases: CasesDir = None,
    facts: FactsDir = None,
    rules: RulesDir = None,
) -> None:
    """Write the handbook to teach from: a chapter per situation with its diagram and
    exercises, country sheets, and (trainer's edition) the answer key and notes."""
    kb = knowledge(facts, rules)
    day = today_from(today)
    codes: list[str] | None = None
    notes: dict[str, list[str]] = {}  # what a name says beyond its country, on its sheet
    if countries is not None:
        codes = []
        for given in (c.strip() for c in countries.split(",")):
            if not given:
                continue
            try:
                code = kb.find_country(given)
            except UnknownName as error:
                fail(f"--countries: {error}")
            if code not in codes:  # Deutschland and DE: one sheet
                codes.append(code)
            said = kb.country_names.note(given)
            if said and f"{given}: {said}" not in notes.get(code, []):
                notes.setdefault(code, []).append(f"{given}: {said}")
    folder = cases or shipped_dir("cases")
    if not folder.is_dir():
        fail(f"the cases folder {folder} does not exist")
    try:
        library = handbook_content.case_library(folder)
    except ScenarioError as error:
        fail(str(error))
    book = handbook_content.build(
        kb,
        library,
        edition=edition.value,
        paper=paper.value,
        countries=codes,
        country_notes=notes,
        today=day,
    )
    try:
        written = handbook_module.write(book, out)
    except OSError as error:
        fail(f"--out: cannot write into {out}: {error.strerror}")
    for path in written:
        typer.echo(f"wrote {path}")
    if not pdf:
        return
    executable = handbook_pdf.browser()
    if executable is None:
        typer.echo(
            "no PDF: no Chromium browser found (apt-get install chromium); open "
            f"{written[1]} in a browser and print it ({paper.value.upper()} is set).",
            err=True,
        )
        return
    try:
        typer.echo(f"wrote {handbook_pdf.print_pdf(written[1], out / 'handbook.pdf', executable)}")
    except handbook_pdf.PdfError as error:
        fail(str(error), 1)
