"""How questions are put to a seller: the `Prompt` shown, and the two real prompters.

`TerminalPrompter` serves a terminal: menus picked with the arrow keys or by typing to
filter (questionary), other answers typed on a line with editing (readline), the text
wrapped to the terminal's width with hanging indents. questionary (prompt_toolkit) is
the slowest import of the interview, so it is loaded in the background while the
seller types the first answer, and the first question appears at once. `LinePrompter`
serves pipes and scripts: one reply per line, each echoed so a log reads well. Tests
drive the interview with their own prompter through the same two-method interface.
"""

from __future__ import annotations

import select
import sys
import threading
from dataclasses import dataclass, replace
from typing import Any, Protocol, TextIO, runtime_checkable

from rich.console import Console

from parcel_doctor import terminal

PASTE_WAIT = 0.2  # seconds a paste's next line may take to arrive after a blank line


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    wording: tuple[str, ...] = ()  # carrier wording of a stage, or a carrier's aliases
    group: str = ""  # the heading the option is listed under ("" for none)

    @property
    def title(self) -> str:
        """`label [value]` plus the wording it covers, cut to fit one line."""
        text = f"{self.label} [{self.value}]"
        seen: list[str] = []
        for words in self.wording:
            if words.casefold() not in (w.casefold() for w in seen):
                seen.append(words)
        quoted = [f'"{w}"' for w in seen]
        shown = quoted[:1]
        for words in quoted[1:]:
            if len(", ".join([*shown, words])) > 60:
                break
            shown.append(words)
        if shown:
            more = ", ..." if len(shown) < len(quoted) else ""
            text += f"  {', '.join(shown)}{more}"
        return text


@dataclass(frozen=True)
class Prompt:
    """One question as shown: its text, a hint on the form of the answer, its options,
    and a link to open before answering (the destination operator's page)."""

    qid: str
    text: str
    kind: str
    hint: str = ""
    options: tuple[Option, ...] = ()
    link: str = ""
    commands: bool = True  # whether skip, ?, back and quit are offered
    pointed: str = ""  # the value a menu's pointer starts at ("": the first option)

    @property
    def offers_dont_know(self) -> bool:
        """Whether one of the options already means "I don't know"."""
        return any(o.value == "unknown" for o in self.options)

    def asked_again(self, suggested: str = "") -> Prompt:
        """The menu put again after a reply it could not take: its pointer on the choice
        the reply suggested, else on "I don't know" (never on the first option, which a
        second Enter, meant as "yes, that", would silently answer: review15 L-R30)."""
        values = {o.value for o in self.options}
        if suggested not in values:
            suggested = "unknown" if self.offers_dont_know else "skip" if self.commands else ""
        return replace(self, pointed=suggested)


class Prompter(Protocol):
    """The two halves of a conversation. `ask` returns the reply as typed (or the value
    picked) and lets KeyboardInterrupt (Ctrl-C) and EOFError (end of input) through."""

    def ask(self, prompt: Prompt) -> str: ...

    def tell(self, message: str, kind: str = "info") -> None: ...


COMMANDS = {"?": "why", "why": "why", "back": "back", "skip": "skip", "quit": "quit"}

_STYLES = {"info": "dim", "error": "red", "note": "yellow", "echo": "green"}


def tell(console: Console, message: str, kind: str = "info") -> None:
    """A message under the question, indented, wrapped with a hanging indent."""
    for line in message.splitlines():
        terminal.hang(console, "  ", line, style=_STYLES.get(kind, ""))


def _question(console: Console, prompt: Prompt) -> None:
    """The question above its answer; a prompt with no text (each line of a pasted
    history) has none, so a pasted page reads as pasted, not a question a line."""
    if not prompt.text:
        return
    hint = f"  ({prompt.hint})" if prompt.hint else ""
    terminal.hang(console, "? ", prompt.text + hint, style="bold")
    _link(console, prompt)


def _link(console: Console, prompt: Prompt) -> None:
    if prompt.link:
        terminal.hang(console, "  ", f"Look it up here: {prompt.link}", style="cyan")


def _groups(prompt: Prompt) -> list[tuple[str, list[tuple[int, Option]]]]:
    """The options in their groups, numbered in the order shown."""
    groups: dict[str, list[tuple[int, Option]]] = {}
    for index, option in enumerate(prompt.options, start=1):
        groups.setdefault(option.group, []).append((index, option))
    return list(groups.items())


@runtime_checkable
class Rewinds(Protocol):
    """A prompter that can put a reply back, to be the next question's, and say whether
    more input is already waiting: the pasted history (interview/paste.py) reads a few
    lines past a blank line to know whether the paste goes on, and a terminal says
    whether the paste is still arriving."""

    def unread(self, reply: str) -> None: ...

    def pending(self) -> bool: ...


class LinePrompter:
    """One reply per line: for pipes and scripts. Echoes each reply so logs read well."""

    def __init__(self, console: Console, stdin: TextIO) -> None:
        self.console = console
        self.stdin = stdin
        self.put_back: list[str] = []

    def unread(self, reply: str) -> None:
        self.put_back.append(reply)

    def pending(self) -> bool:
        """A pipe or a script: its next line is read when asked (the end of input ends
        the paste)."""
        return True

    def ask(self, prompt: Prompt) -> str:
        _question(self.console, prompt)
        for group, options in _groups(prompt):
            if group:
                terminal.hang(self.console, "  ", f"{group}:", style="bold")
            for index, option in options:
                terminal.hang(self.console, f"  {index:>2}. ", option.title)
        line = self.put_back.pop() if self.put_back else self.stdin.readline()
        if not line:
            raise EOFError
        reply = line.strip()
        terminal.hang(self.console, "> ", reply, style="dim")
        return reply

    def tell(self, message: str, kind: str = "info") -> None:
        tell(self.console, message, kind)


class _Searchable(str):
    """A menu line shown as it is, but found by typing any of `hidden` as well: the
    menu's filter matches `title.lower()`, and a line shows only the aliases that fit."""

    hidden: str

    def __new__(cls, shown: str, hidden: str) -> _Searchable:
        line = super().__new__(cls, shown)
        line.hidden = hidden
        return line

    def lower(self) -> str:
        return f"{self} {self.hidden}".lower()


def _load_menus() -> None:
    import questionary  # noqa: F401
    from prompt_toolkit.output import create_output  # noqa: F401


def menu_entries(prompt: Prompt) -> list[tuple[str, str]]:
    """A menu's lines as (title, value): the options under their group headings, then
    the commands; a heading or separator has the value "". One "don't know" only: the
    `skip` command is left out when an option already means it."""
    entries: list[tuple[str, str]] = []
    for group, options in _groups(prompt):
        if group:
            entries.append((f"-- {terminal.clean(group)} --", ""))
        entries += [
            (_Searchable(f"{index}. {terminal.clean(o.title)}", " ".join(o.wording)), o.value)
            for index, o in options
        ]
    if prompt.commands:
        entries.append(("-" * 15, ""))
        if not prompt.offers_dont_know:
            entries.append(("skip: I don't know", "skip"))
        entries += [
            ("? what does my answer change", "why"),
            ("back: undo the previous answer", "back"),
            ("quit: stop and show what is known", "quit"),
        ]
    return entries


class TerminalPrompter:
    """A terminal: menus picked with arrow keys (or by typing a number or some words to
    filter), other answers typed on an edited line; colours follow NO_COLOR."""

    def __init__(self, console: Console, stream: TextIO) -> None:
        self.console = console
        self.stream = stream
        self._loading: threading.Thread | None = None
        self.put_back: list[str] = []
        self._menu_input: Any = None  # the last menu's input, where its type-ahead waits
        self._typed: list[str] = []  # lines typed while a menu closed, not shown yet
        self._partial = ""  # and the start of the next one

    def unread(self, reply: str) -> None:
        self.put_back.append(reply)

    def pending(self) -> bool:
        """Whether typed input is already waiting (a paste that arrives as typed lines,
        where the terminal does not mark pastes): the rest of it comes at once."""
        self._take_typeahead()
        if self.put_back or self._typed:
            return True
        try:
            ready, _, _ = select.select([sys.stdin], [], [], PASTE_WAIT)
        except (OSError, ValueError):  # no descriptor to wait on
            return False
        return bool(ready)

    def ask(self, prompt: Prompt) -> str:
        if self.put_back:  # a line read past a paste, already shown by the terminal
            return self.put_back.pop()
        if not prompt.options:  # a menu takes prompt_toolkit's type-ahead itself
            self._take_typeahead()
        if self._typed:  # typed as a menu closed (review14 L-R25): this prompt's reply
            if prompt.options:
                _question(self.console, prompt)
            reply = self._typed.pop(0)
            terminal.hang(self.console, "> ", reply, style="dim")
            return reply
        if prompt.options:
            if self._partial:  # the start of a line, typed ahead: the menu's filter
                from prompt_toolkit.input.typeahead import store_typeahead
                from prompt_toolkit.key_binding import KeyPress

                store_typeahead(self._menu_input, [KeyPress(c, c) for c in self._partial])
                self._partial = ""
            return self._menu(prompt)
        _question(self.console, prompt)
        if self._loading is None:  # load the menus while the seller types
            self._loading = threading.Thread(target=_load_menus, name="load-menus", daemon=True)
            self._loading.start()
        import readline

        self.stream.write("> ")
        self.stream.flush()
        partial, self._partial = self._partial, ""
        if partial:  # on the line to edit, as typed
            readline.set_startup_hook(lambda: readline.insert_text(partial))
        try:
            return input()
        finally:
            readline.set_startup_hook()

    def _take_typeahead(self) -> None:
        """Keys typed while a menu closed, which prompt_toolkit read from the terminal with
        the menu's answer and keeps for ITS next prompt; `input()` never sees them (a
        history pasted right after choosing "paste" was lost, review14 L-R25). Whole lines
        become the next replies, the rest starts the next line."""
        if self._menu_input is None:
            return
        from prompt_toolkit.input.typeahead import get_typeahead

        text = typed_text(get_typeahead(self._menu_input))
        if text:
            *lines, self._partial = (self._partial + text).split("\n")
            self._typed += lines

    def _menu(self, prompt: Prompt) -> str:
        import questionary
        from prompt_toolkit.output import create_output

        choices: list[Any] = [
            questionary.Choice(title, value=value) if value else questionary.Separator(title)
            for title, value in menu_entries(prompt)
        ]
        if prompt.link:  # whole, before the menu (a menu line is cut at the terminal's
            # width), and said to be the next question's, not the previous answer's
            terminal.hang(
                self.console, "  ", f"For the next question, look it up here: {prompt.link}",
                style="cyan",
            )  # fmt: skip
        # The question, its instruction and, once answered, the answer follow "? " on
        # one line that questionary leaves the terminal to break: wrapped here at words.
        output = create_output(stdout=self.stream)
        width = output.get_size().columns - 1
        message, used = terminal.wrap_after(2, terminal.clean(prompt.text), width, "  ")
        instruction, _ = terminal.wrap_after(used + 1, _MENU_INSTRUCTION, width, "  ")
        pointed = next(
            (c for c in choices if prompt.pointed and getattr(c, "value", None) == prompt.pointed),
            None,
        )
        question = questionary.select(
            message,
            choices,
            default=pointed,
            qmark="?",
            use_jk_keys=False,
            use_search_filter=True,
            instruction=instruction,
            output=output,
        )
        from questionary.prompts.common import InquirerControl

        menus = [
            w.content
            for w in question.application.layout.find_all_windows()
            if isinstance(w.content, InquirerControl)
        ]
        if menus:
            _note_moves(menus[0])
            _echo_the_answer(menus[0], questionary.Choice, prompt.commands, (used + 1, width))
            _menu_keys(question.application.key_bindings, menus[0])
        answer = question.unsafe_ask()
        self._menu_input = question.application.input
        if answer is None:  # questionary's way of saying the prompt was aborted
            raise KeyboardInterrupt
        if menus and _typed_is_the_reply(menus[0], prompt.commands):
            # text that matches no choice ("skip", a typo, a pasted line) shows the whole
            # list again with the cursor on choice 1, a command word ("back") may match a
            # choice's words ("Going back to the sender"), and text that fits several
            # choices points at the first of them though the seller picked none: the
            # text, not that choice, is the reply, read as over a pipe (a command, a
            # choice's wording, or asked again with the choices it fits)
            return str(menus[0].search_filter)
        return str(answer)

    def tell(self, message: str, kind: str = "info") -> None:
        tell(self.console, message, kind)


def typed_text(keys: list[Any]) -> str:
    """The text of prompt_toolkit key presses: characters and pastes as typed, Enter as
    a new line; other keys (arrows, function keys) have no text."""
    from prompt_toolkit.keys import Keys

    parts: list[str] = []
    for key in keys:
        if key.key in (Keys.ControlM, Keys.ControlJ):
            parts.append("\n")
        elif key.key == Keys.BracketedPaste:
            parts.append(key.data.replace("\r\n", "\n").replace("\r", "\n"))
        elif isinstance(key.key, str) and not isinstance(key.key, Keys) and key.data.isprintable():
            parts.append(key.data)
    return "".join(parts)


def _typed_is_the_reply(menu: Any, commands: bool) -> bool:
    """Whether the text typed at a menu, rather than the choice under the cursor, is
    the reply: it matched no choice, it is a command word where commands are offered,
    or it fits several choices and the seller did not move the cursor to one of them
    ("no" at "What does the recipient say?" fits "I have not asked" and "They have
    not received it": Enter took the first, review15 L-R30's addendum)."""
    typed = menu.search_filter
    if not typed:
        return False
    if not menu.found_in_search or (commands and typed.strip().lower() in COMMANDS):
        return True
    fits = [c for c in menu.filtered_choices if not c.disabled]
    return len(fits) > 1 and not menu.moved


def _note_moves(menu: Any) -> None:
    """Keep in `menu.moved` whether the cursor was moved (arrow keys) since the filter
    last changed: only a moved cursor picks one of several choices a filter fits."""
    menu.moved = False
    for name, moves in (
        ("select_next", True), ("select_previous", True), ("add_search_character", False),
    ):  # fmt: skip
        original = getattr(menu, name)

        def watched(*args: Any, _original: Any = original, _moves: bool = moves) -> None:
            _original(*args)
            menu.moved = _moves

        setattr(menu, name, watched)


_MENU_INSTRUCTION = "(arrow keys, or type a number or a name to filter; Enter)"


def _echo_the_answer(menu: Any, choice: Any, commands: bool, place: tuple[int, int]) -> None:
    """After Enter, the menu's answer line shows what was typed when that text is the
    reply ("skip" at a menu without a skip line, a typo, "back"), not the choice where
    the cursor stood (`TerminalPrompter._menu`); either wrapped at words after the
    question, `place` being the column it starts at and the line's width."""
    pointed = menu.get_pointed_at

    def shown() -> Any:
        at = pointed()
        if not menu.is_answered:
            return at
        typed = _typed_is_the_reply(menu, commands)
        answer = str(menu.search_filter) if typed else str(at.title)
        return choice(terminal.wrap_after(place[0], answer, place[1], "    ")[0], value=at.value)

    menu.get_pointed_at = shown


def _menu_keys(bindings: Any, menu: Any) -> None:
    """Keys questionary's menus lack. Every printable character typed reaches the
    filter: questionary binds only ASCII (`string.printable`) and swallows the rest, so
    "Österreichische Post", "顺丰" or a German tracking line's "für" arrived mangled or
    empty; a binding for any key added last wins over questionary's catch-all, and keys
    it binds itself (ASCII letters, arrows, Enter) stay its own. Ctrl-D ends the input
    as it does at a line prompt (the interview stops and says where its answers are)."""
    from prompt_toolkit.keys import Keys

    @bindings.add(Keys.Any, eager=True)
    def _letter(event: Any) -> None:
        text = event.data
        if text.isprintable() and not text.isascii():
            menu.add_search_character(text)

    @bindings.add(Keys.ControlD, eager=True)
    def _end_of_input(event: Any) -> None:
        event.app.exit(exception=EOFError())


def prompter_for(to_stderr: bool = False) -> Prompter:
    """The terminal prompter when standard input and the output are terminals, else lines.

    With `--json` the questions go to standard error, so standard output stays JSON.
    """
    console = terminal.console(stderr=to_stderr)
    stream = sys.stderr if to_stderr else sys.stdout
    if is_terminal(stream):
        return TerminalPrompter(console, stream)
    return LinePrompter(console, sys.stdin)


def is_terminal(stream: TextIO | None = None) -> bool:
    """Whether a seller sits at a terminal: standard input and `stream` are both ttys."""
    stream = stream or sys.stdout
    try:
        return sys.stdin.isatty() and stream.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False
