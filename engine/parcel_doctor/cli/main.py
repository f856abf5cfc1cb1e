"""The `parcel-doctor` command: a thin Typer layer over functions the tests call directly.

Exit codes (also in the README): 0 success; 1 a negative answer (an invalid tracking
number, an unknown country, knowledge-base problems found by `facts check`, batch rows
with errors); 2 unusable input (bad option, unknown answer key or value, unreadable
file, broken knowledge base); 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import importlib
import importlib.util
import json
import os
import select
import sys
from collections.abc import Callable, Mapping
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

from parcel_doctor import __version__, terminal
from parcel_doctor.cli import events as cli_events
from parcel_doctor.cli import render_text
from parcel_doctor.cli.common import (
    AsJson,
    FactsDir,
    RulesDir,
    Today,
    emit_json,
    fail,
    knowledge,
    say_error,
    today_from,
)
from parcel_doctor.exit_codes import ExitCode

# The order a newcomer needs the commands in; the help lists them so.
COMMAND_ORDER = (
    "diagnose", "track", "batch", "explain", "quiz", "handbook", "cases", "rules", "facts",
)  # fmt: skip


# Commands defined in other modules, imported only when one of them is run.
LAZY_COMMANDS = {
    "batch": "parcel_doctor.cli.batch",
    "explain": "parcel_doctor.cli.trainer",
    "quiz": "parcel_doctor.cli.trainer",
    "handbook": "parcel_doctor.cli.trainer",
    "cases": "parcel_doctor.cli.trainer",
    "rules": "parcel_doctor.cli.trainer",
}


class CommandGroup(TyperGroup):
    """The root command. `diagnose`, `track` and `facts` are defined here; the batch and
    trainers' commands (LAZY_COMMANDS) are imported only when one of them is run, so a
    diagnosis does not pay for their imports. The help lists them with their help texts
    kept in the user's cache (keyed by their modules' source), so it need not import
    them either. Commands are listed in COMMAND_ORDER."""

    _all_loaded = False
    _listing = False
    _helps: dict[str, str] | None = None

    def invoke(self, ctx: Any) -> Any:  # typer vendors click in some releases
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # a Ctrl-C (or a batch's SIGTERM) no command handled
            typer.echo("\ninterrupted.", err=True)  # typer would exit 130 without a word
            raise typer.Exit(ExitCode.INTERRUPTED) from None

    def load_all(self) -> None:
        """Import and add every lazy command."""
        if self._all_loaded:
            return
        more = typer.Typer()
        for module in dict.fromkeys(LAZY_COMMANDS.values()):
            importlib.import_module(module).register(more)
        for name, command in typer.main.get_group(more).commands.items():
            self.commands.setdefault(name, command)
        self._all_loaded = True

    def lazy_helps(self) -> dict[str, str]:
        """The help text of each lazy command, from the cache or from the commands."""
        if self._helps is not None:
            return self._helps
        from parcel_doctor import user_cache

        specs = [importlib.util.find_spec(m) for m in dict.fromkeys(LAZY_COMMANDS.values())]
        sources = [Path(spec.origin) for spec in specs if spec and spec.origin]
        try:
            name = f"commands-{user_cache.content_key(sources)}.json"
            kept = json.loads(user_cache.read(name) or b"null")
        except (OSError, ValueError):
            name, kept = "", None
        if isinstance(kept, dict) and set(kept) == set(LAZY_COMMANDS):
            self._helps = {str(k): str(v) for k, v in kept.items()}
            return self._helps
        self.load_all()
        self._helps = {n: self.commands[n].help or "" for n in LAZY_COMMANDS if n in self.commands}
        if name:
            user_cache.write(name, json.dumps(self._helps).encode(), "commands-")
        return self._helps

    def list_commands(self, ctx: Any) -> list[str]:
        rank = {name: index for index, name in enumerate(COMMAND_ORDER)}
        names = {*self.commands, *LAZY_COMMANDS}
        return sorted(names, key=lambda name: (rank.get(name, len(rank)), name))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands:
            if self._listing and cmd_name in self.lazy_helps() and cmd_name not in self.commands:
                return TyperCommand(cmd_name, help=self.lazy_helps()[cmd_name])
            self.load_all()
        return super().get_command(ctx, cmd_name)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


app = typer.Typer(
    cls=CommandGroup,
    help="Diagnose parcels whose tracking went quiet after leaving the country, and teach "
    "the procedures. Exit codes: 0 ok, 1 negative result, 2 bad input, 130 interrupted, "
    "141 output closed.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: no Markdown parser to import, no markup read
)
facts_app = typer.Typer(
    help="Check and browse the knowledge base (facts/ and rules/).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(facts_app, name="facts")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"parcel-doctor {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """parcel-doctor: what to do when a parcel's tracking goes quiet abroad."""


# ----------------------------------------------------------------------------- facts


@facts_app.command("check")
def facts_check(facts: FactsDir = None, rules: RulesDir = None) -> None:
    """Check every fact and rule file; print every problem (exit 1) or a summary (exit 0)."""
    from parcel_doctor.batch.presets import preset_problems
    from parcel_doctor.diagnosis.diagnose import concluded_situations, limit_values
    from parcel_doctor.inference.limits import check_engine_limits
    from parcel_doctor.knowledge.exclusions import check_exclusions
    from parcel_doctor.knowledge.loader import check, default_dirs
    from parcel_doctor.toml_source import Problem

    facts_dir, rules_dir = default_dirs(facts, rules)
    kb, problems = check(facts_dir, rules_dir)
    problems = [*problems, *preset_problems(kb)] if "questions" in kb.tables else problems
    if not problems:  # only a rule base that loads cleanly can be compiled
        problems = check_engine_limits(kb)
    warnings: list[Problem] = []
    if not problems:  # situations that exclude each other: the rules must run for it
        run = functools.partial(concluded_situations, kb)
        problems, warnings = check_exclusions(kb, limit_values(kb), run)
    if problems:
        for problem in problems:
            typer.echo(str(problem))
        typer.echo(f"{len(problems)} problem(s) found.", err=True)
        raise typer.Exit(ExitCode.NEGATIVE)
    counts = ", ".join(
        f"{len(kb.tables[t])} {t}"
        for t in ("countries", "carriers", "services", "situations", "advice", "questions")
    )
    typer.echo(
        f"ok: {counts}, {len(kb.rules)} rules in {kb.graph.layer_count} layers "
        f"({facts_dir}, {rules_dir})."
    )
    for warning in warnings:  # pairs the check could not decide (see knowledge.exclusions)
        typer.echo(f"warning: {warning}")


@facts_app.command("schema")
def facts_schema(
    out: Annotated[
        Path,
        typer.Option("--out", help="Write the schemas into this folder.", metavar="DIR"),
    ],
) -> None:
    """Write a JSON Schema of every facts file (for an editor; see facts/README.md)."""
    from parcel_doctor.knowledge.json_schema import write_schemas

    try:
        paths = write_schemas(out)
    except OSError as error:
        fail(f"--out: {out} cannot be written: {error.strerror}")
    typer.echo(f"wrote {len(paths)} schemas to {out}")


_PAGES = ("tracking_site", "contact_page", "claim_page")
"""The pages a country or carrier may have on record (facts/README.md)."""

NOT_ON_RECORD = "not on record"


def _show(found: str, entry: Mapping[str, Any], as_json: bool) -> None:
    """One country or carrier as JSON or as aligned text, saying which pages are not on
    record: each page key is always there (null / "not on record"), and
    `pages_not_on_record` lists the missing ones. A `tracking_page` (where the number is
    typed in) is shown as written, not again as the tracking_site the rules take it for."""
    if "tracking_page" in entry:
        entry = {**entry, "tracking_site": None}
    missing = [key for key in _PAGES if not entry.get(key)]
    shown = {k: v for k, v in entry.items() if k not in (*_PAGES, "sources")}
    shown.update({key: entry.get(key) for key in _PAGES}, pages_not_on_record=missing)
    shown["sources"] = entry.get("sources", [])
    if as_json:
        emit_json(shown)
        return
    shown.update(dict.fromkeys(missing, NOT_ON_RECORD))
    shown["pages_not_on_record"] = ", ".join(missing) or "none (every page is on record)"
    render_text.record(render_text.console(), f"{entry['name']} ({found})", shown)


@facts_app.command("country")
def facts_country(
    code_or_name: Annotated[str, typer.Argument(help="An ISO code or a name, in any case.")],
    as_json: AsJson = False,
    facts: FactsDir = None,
    rules: RulesDir = None,
) -> None:
    """Show what the knowledge base says about one country or territory (exit 1 if unknown)."""
    kb = knowledge(facts, rules)
    code = _found(kb.find_country, code_or_name)
    entry = dict(kb.countries[code])
    entry.setdefault("upu_via", [])
    elsewhere = kb.about_country(code)
    if as_json:
        entry["on_record_elsewhere"] = {t: [dict(r) for r in rs] for t, rs in elsewhere.items()}
    else:  # a line per table: what each record is, `facts/<file>` holds the rest
        entry.update({f"{t} ({len(rs)})": [_label(r) for r in rs] for t, rs in elsewhere.items()})
    _show(code, entry, as_json)


def _label(record: Mapping[str, Any]) -> str:
    """A record in a few words: its id, or its operator (and dates, for a disruption:
    "bpost 2025-08-23 to 2025-12-07", or "from 2025-08-29" while no end is on record)."""
    if "id" in record:
        return str(record["id"])
    name = str(record.get("operator") or record.get("name") or record.get("what", "record"))
    end = record.get("until") or record.get("confirmed_on")
    if "from" not in record:
        return name
    return f"{name} {record['from']} to {end}" if end else f"{name} from {record['from']}"


@facts_app.command("carrier")
def facts_carrier(
    carrier_id: Annotated[str, typer.Argument(metavar="ID", help="A carrier id or name.")],
    as_json: AsJson = False,
    facts: FactsDir = None,
    rules: RulesDir = None,
) -> None:
    """Show what the knowledge base says about one carrier (exit 1 if unknown)."""
    kb = knowledge(facts, rules)
    cid = _found(kb.find_carrier, carrier_id)
    _show(cid, kb.carriers[cid], as_json)


def _found(find: Callable[[str], str], given: str, option: str | None = None) -> str:
    """The id `find` gives for a name; else the closest names, exit 1 for the name asked
    about (`facts country X`), or exit 2 (bad input) saying which option gave it."""
    from parcel_doctor.knowledge.loader import UnknownName

    try:
        return find(given)
    except UnknownName as error:
        if option is None:
            fail(str(error), ExitCode.NEGATIVE)
        fail(f"{option}: {error}")


class Listing(str, Enum):
    countries = "countries"
    carriers = "carriers"
    services = "services"


_LIST_COLUMNS = {
    "countries": ("code", "name", "upu_status", "postal_operator"),
    "carriers": ("id", "name", "kind", "service_class"),
    "services": ("id", "name", "tracking_reach"),
}


@facts_app.command("list")
def facts_list(
    what: Annotated[Listing, typer.Argument(help="What to list.")],
    as_json: AsJson = False,
    facts: FactsDir = None,
    rules: RulesDir = None,
) -> None:
    """List the countries, carriers or service classes."""
    kb = knowledge(facts, rules)
    entries = list(kb.tables[what.value].values())
    if as_json:
        emit_json(entries)
        return
    columns = _LIST_COLUMNS[what.value]
    render_text.table(
        render_text.console(), (tuple(str(e.get(c, "")) for c in columns) for e in entries), columns
    )


# ----------------------------------------------------------------------------- track


@app.command()
def track(
    number: Annotated[str, typer.Argument(help="The tracking number, spaces and dashes allowed.")],
    to: Annotated[
        str | None,
        typer.Option("--to", help="Destination country (code or name).", metavar="COUNTRY"),
    ] = None,
    carrier: Annotated[
        str | None,
        typer.Option(
            "--carrier",
            help="The carrier the label names (id, name or alias): its format is read first.",
            metavar="CARRIER",
        ),
    ] = None,
    as_json: AsJson = False,
    events: cli_events.EventsFile = None,
    date_order: cli_events.DateOrder = None,
    today: Today = None,
    facts: FactsDir = None,
    rules: RulesDir = None,
) -> None:
    """Check a tracking number and say where to track it (exit 0 valid, 1 not valid,
    3 format not known or not confirmed); with --events, also show what its tracking
    history says."""
    from parcel_doctor.diagnosis.diagnose import analyse_number
    from parcel_doctor.knowledge.numbers import not_the_carriers
    from parcel_doctor.tracking.formats import NOT_A_NUMBER

    kb = knowledge(facts, rules)
    destination = None if to is None else _found(kb.find_country, to, "--to")
    named = None if carrier is None else _found(kb.find_carrier, carrier, "--carrier")
    analysis = analyse_number(kb, number, destination, named)
    if not analysis.number:
        fail(f"no tracking number given ({NOT_A_NUMBER})")
    if named is not None and (other := not_the_carriers(kb, analysis, named)):
        analysis.notes.append(other)
    given = {"origin": analysis.origin, "destination": destination}  # where events happened
    history = (
        cli_events.history_from(events, kb, today_from(today), date_order, given)
        if events
        else None
    )
    if as_json:
        emit_json({**analysis.to_json(), **({"history": history.to_json()} if history else {})})
    else:
        render_text.number(render_text.console(), analysis)
        if history is not None:
            render_text.console().print()
            cli_events.show(render_text.console(), history, [])
    if analysis.valid is None:
        raise typer.Exit(ExitCode.UNKNOWN_FORMAT)
    raise typer.Exit(ExitCode.OK if analysis.valid else ExitCode.NEGATIVE)


# ----------------------------------------------------------------------------- diagnose


def gather_answers(
    answers_file: Path | None, number: str | None, to: str | None, assignments: list[str]
) -> dict[str, Any]:
    """Answers from a file, the positional number, `--to` and `--set`, later ones winning
    over the file; two different values for one answer in the command are an error."""
    from parcel_doctor.diagnosis.answers import parse_assignments, read_answers_file

    raw: dict[str, Any] = read_answers_file(answers_file) if answers_file else {}
    typed: dict[str, tuple[str, str]] = {}  # an answer given twice in the command is an error
    if number is not None:
        raw["tracking_number"] = number
        typed["tracking_number"] = (number, "the NUMBER argument")
    if to is not None:
        raw["destination"] = to
        typed["destination"] = (to, "--to")
    raw.update(parse_assignments(assignments, typed))
    return raw


@app.command()
def diagnose(
    number: Annotated[
        str | None, typer.Argument(metavar="NUMBER", help="The tracking number, if at hand.")
    ] = None,
    to: Annotated[
        str | None,
        typer.Option("--to", help="Destination country (code or name).", metavar="COUNTRY"),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            help="An answers file (TOML, or JSON by its .json suffix); in a terminal, "
            "what it leaves open is asked.",
            metavar="FILE",
            dir_okay=False,
        ),
    ] = None,
    assignments: Annotated[
        list[str] | None,
        typer.Option(
            "--set", help="Add or override one answer: key=value (repeatable).", metavar="KEY=VALUE"
        ),
    ] = None,
    ask: Annotated[
        bool | None,
        typer.Option(
            "--ask/--no-ask",
            help="Ask for what is still needed, or never ask. Default: ask in a terminal; "
            "with no terminal only when nothing but the tracking number is given.",
            show_default=False,
        ),
    ] = None,
    today: Today = None,
    as_json: AsJson = False,
    trace: Annotated[
        bool, typer.Option("--trace", help="Also show every rule that fired, by id.")
    ] = False,
    messages: Annotated[
        bool,
        typer.Option(
            "--messages",
            help="Also show a ready-to-send message (to the carrier, the recipient or "
            "customs) under each step that asks you to write to someone.",
        ),
    ] = False,
    save: Annotated[
        Path | None,
        typer.Option(
            "--save",
            help="Write the answers to FILE (TOML, or JSON by its .json suffix), also "
            "when the interview is cut short; `--answers FILE --save FILE` goes on with it.",
            metavar="FILE",
            dir_okay=False,
        ),
    ] = None,
    events: cli_events.EventsFile = None,
    date_order: cli_events.DateOrder = None,
    facts: FactsDir = None,
    rules: RulesDir = None,
) -> None:
    """Diagnose one shipment and say what to do, asking for what is still needed.

    Exit 0; 1 end of input during the interview; 2 bad input; 130 Ctrl-C.
    """
    from parcel_doctor.dates import locale_order
    from parcel_doctor.diagnosis.answers import AnswerError
    from parcel_doctor.diagnosis.diagnose import diagnose as run_diagnosis
    from parcel_doctor.events.history import History
    from parcel_doctor.events.read import merge as merge_history
    from parcel_doctor.interview import conversation, prompts, saving, state

    kb = knowledge(facts, rules)
    day = today_from(today)
    only_number = answers is None and to is None and not assignments and events is None
    interviewing = ask if ask is not None else (prompts.is_terminal() or only_number)
    interviewing = interviewing and events != "-"  # standard input holds the history
    skipped: set[str] = set()
    history: History | None = None
    differ: list[str] = []
    ended = False  # the end of input cut the interview short
    try:
        raw = gather_answers(answers, number, to, assignments or [])
        if events is not None:
            history = cli_events.history_from(events, kb, day, date_order, raw)
            raw, differ = merge_history(raw, history)
        if interviewing:
            order = date_order or locale_order(os.environ)
            session = state.Interview(kb, day, raw, order, trace, page_order=date_order)
        else:
            result = run_diagnosis(kb, raw, day)
    except AnswerError as error:
        for key, message in error.errors.items():
            say_error(f"{key}: {message}")
        raise typer.Exit(ExitCode.BAD_INPUT) from None
    if interviewing:
        if history is not None and not as_json:  # what the file says, before the questions
            cli_events.show(render_text.console(), history, differ)
            render_text.console().print()
        try:
            result = conversation.run_interview(session, prompts.prompter_for(as_json))
        except KeyboardInterrupt:
            message = "interrupted"
            if save is not None:
                try:
                    saving.save(save, kb, session.current(), day, session.skipped)
                    message += f"; the answers so far are in {save}"
                except OSError as error:
                    message += f"; {save} cannot be written: {error.strerror}"
            _say_after_report(f"{message}.")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except EOFError:  # as `quit` does: the report on the answers given so far; exit 1
            result = session.diagnosis()
            ended = True
        skipped = session.skipped
        if not as_json and session.asked:
            render_text.console().print()
    if as_json:
        emit_json({**result.to_json(), **({"history": history.to_json()} if history else {})})
    else:
        out = render_text.console()
        if history is not None and not interviewing:
            cli_events.show(out, history, differ)
        render_text.diagnosis(
            out, kb, result, trace=trace, set_hints=not interviewing, messages=messages
        )
        if interviewing and result.missing and save is not None:
            later = f"parcel-doctor diagnose --answers {save} --save {save}"
            terminal.hang(out, "  ", f"To answer them later: {later}", style="dim")
    if save is not None:
        try:
            saving.save(save, kb, {**result.inputs, **result.worded}, day, skipped)
        except OSError as error:
            fail(f"--save: {save} cannot be written: {error.strerror}")
    if ended:
        kept = f" (also saved in {save})" if save is not None else ""
        _say_after_report(
            "end of input before the interview was over: the report uses the answers "
            f"given so far{kept}."
        )
        raise typer.Exit(ExitCode.NEGATIVE)


def _say_after_report(message: str) -> None:
    """Why the interview ended early, on standard error after a blank line."""
    errors = terminal.console(stderr=True)
    errors.print()
    terminal.hang(errors, "", message)


_CANNOT_WRITE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS}
# typer vendors click in some releases: find click's exception base through typer.
_ClickException: type[Any] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)


def _text_arguments(argv: list[str]) -> list[str]:
    """The arguments with bytes that are not UTF-8 (which Python keeps as lone
    surrogates) shown as U+FFFD, so they print and are judged like any text; a path
    that exists under its undecodable name is kept as it is."""
    fixed = []
    for arg in argv:
        if any("\udc80" <= c <= "\udcff" for c in arg) and not os.path.lexists(arg):
            arg = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        fixed.append(arg)
    return fixed


def _silence(stream_fd: int) -> None:
    """Point a standard stream at nothing, so the exit flush cannot fail again."""
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream_fd)


def _reader_gone() -> bool:
    """Whether standard output is a pipe whose reader has gone away."""
    try:
        poll = select.poll()
        poll.register(sys.__stdout__.fileno(), select.POLLOUT)  # type: ignore[union-attr]
        return any(event & select.POLLERR for _, event in poll.poll(0))
    except (AttributeError, OSError, ValueError):
        return False


def main() -> None:
    """Console entry point. Never a traceback: usage errors and every failure are one
    plain line; Ctrl-C leaves with 130, a closed pipe (`| head`) quietly with 141, an
    output that cannot be written (disk full) with 74, a bug with 70 (its traceback
    only with PARCEL_DOCTOR_DEBUG=1)."""
    sys.argv = _text_arguments(sys.argv)
    try:
        result = app(standalone_mode=False)
        code = result if isinstance(result, int) else ExitCode.OK
        sys.stdout.flush()
    except (KeyboardInterrupt, typer.Abort) as stop:
        reason = "end of input" if isinstance(stop.__cause__, EOFError) else "interrupted"
        sys.stderr.write(f"\n{reason}.\n")
        code = ExitCode.NEGATIVE if reason == "end of input" else ExitCode.INTERRUPTED
    except _ClickException as error:  # usage errors: a bad option or argument
        error.show()
        code = error.exit_code
    except BrokenPipeError:
        _silence(sys.stdout.fileno())
        code = ExitCode.BROKEN_PIPE
    except SystemExit as stop:  # typer turns a closed pipe met while parsing into exit 1
        code = ExitCode.BROKEN_PIPE if _reader_gone() else int(stop.code or 0)
    except OSError as error:
        if error.errno not in _CANNOT_WRITE:
            raise
        _silence(sys.stdout.fileno())
        say_error(f"the output cannot be written: {error.strerror}")
        code = ExitCode.CANNOT_WRITE
    except Exception as error:
        if os.environ.get("PARCEL_DOCTOR_DEBUG"):
            raise
        say_error(
            f"internal error ({type(error).__name__}: {error}). This is a bug in "
            "parcel-doctor; run again with PARCEL_DOCTOR_DEBUG=1 to see where."
        )
        code = ExitCode.INTERNAL_ERROR
    raise SystemExit(code)
