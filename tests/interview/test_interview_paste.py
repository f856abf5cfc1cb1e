"""The interview's offer to paste the tracking history instead of picking a stage: read,
shown with the lines it came from, kept only when confirmed; in a real terminal too."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pexpect
from child_processes import HANG_AFTER
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.interview.conversation import run_interview
from parcel_doctor.interview.prompts import LinePrompter, Prompt, typed_text
from parcel_doctor.interview.state import Interview
from parcel_doctor.knowledge.loader import KnowledgeBase
from rich.console import Console

EXE = Path(sys.executable).parent / "parcel-doctor"
TODAY = dt.date(2026, 11, 25)
GIVEN = {"tracking_number": "RR123456785CN", "destination": "DE"}
HISTORY = [
    "2026-10-20 14:02 Arrival at inward office of exchange, FRANKFURT, GERMANY",
    "2026-10-04 09:12 Departed from outward office of exchange, GUANGZHOU",
    "2026-10-01 10:00 Posting/Collection, SHENZHEN, CHINA",
]


class Lines:
    """Replays replies in order; records each question and what was told."""

    def __init__(self, *replies: str) -> None:
        self.replies = list(replies)
        self.prompts: list[Prompt] = []
        self.told: list[str] = []

    def ask(self, prompt: Prompt) -> str:
        self.prompts.append(prompt)
        if not self.replies:
            raise EOFError
        return self.replies.pop(0)

    def tell(self, message: str, kind: str = "info") -> None:
        self.told.append(message)


def test_the_stage_question_offers_the_paste_after_its_stages(kb: KnowledgeBase) -> None:
    prompter = Lines("quit")
    run_interview(Interview(kb, TODAY, GIVEN), prompter)
    menu = prompter.prompts[0]
    assert menu.qid == "last_event" and "paste the tracking history" in menu.hint
    assert [o.value for o in menu.options][: len(kb.stages)] == list(kb.stages)
    assert menu.options[-1].value == "paste"


def test_pasted_history_confirmed_gives_the_menu_answers(kb: KnowledgeBase) -> None:
    session = Interview(kb, TODAY, GIVEN)
    prompter = Lines(str(len(kb.stages) + 1), *HISTORY, "", "yes", "not-received", "1")
    result = run_interview(session, prompter)
    assert session.answers["last_event"] == "arrived-destination"
    assert session.answers["last_event_on"] == dt.date(2026, 10, 20)
    assert session.answers["shipped_on"] == dt.date(2026, 10, 1)
    assert "destination" not in session.answers  # given on the command line, kept
    shown = next(t for t in prompter.told if t.startswith("Read from the tracking history"))
    assert "last_event = arrived-destination   (line 1: 2026-10-20 14:02" in shown
    menu = dict(GIVEN, **session.answers)
    same = diagnose(kb, menu, TODAY)
    assert [s.id for s in result.situations] == [s.id for s in same.situations]


def test_declined_history_goes_back_to_the_menu(kb: KnowledgeBase) -> None:
    session = Interview(kb, TODAY, GIVEN)
    prompter = Lines("paste", *HISTORY, "", "no", "quit")
    run_interview(session, prompter)
    assert "last_event" not in session.answers
    assert [p.qid for p in prompter.prompts][-1] == "last_event"


def test_back_after_a_confirmed_paste_undoes_all_it_said(kb: KnowledgeBase) -> None:
    # review14 L-R21: `back` undid only the stage; the history's dates stayed, unconfirmed,
    # and the posting date was never asked again
    session = Interview(kb, TODAY, GIVEN)
    prompter = Lines("paste", *HISTORY, "", "yes", "back", "export", "quit")
    run_interview(session, prompter)
    undone = next(t for t in prompter.told if t.startswith("Undone"))
    assert "last_event" in undone and "shipped_on" in undone and "last_event_on" in undone
    after = [p.qid for p in prompter.prompts][len(HISTORY) + 4 :]  # those after `back`
    assert after[0] == "last_event"
    assert session.answers == {"last_event": "export"}  # the history's dates are gone
    assert "shipped_on" in after or "last_event_on" in after  # and asked again
    assert session.history == [("last_event",)]


def test_unreadable_paste_says_why_and_asks_again(kb: KnowledgeBase) -> None:
    session = Interview(kb, TODAY, GIVEN)
    prompter = Lines("paste", "lorem ipsum", "dolor", "", "quit")
    run_interview(session, prompter)
    assert any(
        t.startswith("Nothing could be read from the history (line 1: no date")
        for t in prompter.told
    )
    assert session.answers == {}


def _diagnose_in_a_terminal(*args: str) -> pexpect.spawn:
    """`parcel-doctor diagnose ARGS --ask` in a real pseudo-terminal."""
    env = {"TERM": "xterm", "PATH": "/usr/bin:/bin", "NO_COLOR": "1", "PROMPT_TOOLKIT_NO_CPR": "1"}
    return pexpect.spawn(
        str(EXE), ["diagnose", *args, "--ask"], encoding="utf-8", timeout=HANG_AFTER,
        dimensions=(60, 200), env=env,
    )  # fmt: skip


def test_terminal_paste_and_confirm() -> None:
    child = _diagnose_in_a_terminal("RR123456785CN", "--to", "DE", "--today", "2026-11-25")
    child.expect_exact("What is the last event the tracking shows?")
    child.expect_exact("Paste the tracking history instead")
    child.send("paste")  # type to filter the menu down to the paste choice
    child.send("\r")
    child.expect_exact("Paste the tracking history, then press Enter on an empty line.")
    for line in HISTORY:
        child.sendline(line)
    child.sendline("")
    child.expect_exact("last_event = arrived-destination")
    # review12 L-R2: each pasted line is echoed as pasted, not under a "? …" question
    assert "…" not in child.before and HISTORY[-1] in child.before
    child.expect_exact("Use what the history says?")
    child.send("\r")  # Yes
    child.expect_exact("What does the recipient say?")
    child.send("4")
    child.send("\r")
    child.expect_exact("What does the destination country's postal operator's own tracking page")
    child.send("\r")
    child.expect_exact("What is happening")
    child.expect_exact("transit-delayed")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_a_piped_paste_with_blank_lines_is_read_whole(kb: KnowledgeBase) -> None:
    # review9 E1: pages put blank lines between events; over a pipe the paste went on
    # answering the next questions. A blank line followed by a dated line continues the
    # paste; the first undated line after it is the next question's reply.
    page = (
        "Data: 10/07/2018 15:38\nLocal: Agf Vila Pavan\nSituação: Objeto postado\n\n"
        "Data: 13/07/2018 15:54\nLocal: Cee Fortaleza\nSituação: Objeto entregue ao destinatário\n"
    )
    stdin = io.StringIO(f"paste\n{page}\nyes\nquit\n")
    session = Interview(
        kb, dt.date(2018, 7, 16), {"tracking_number": "OF767272177BR", "destination": "BR"}
    )
    run_interview(session, LinePrompter(Console(file=io.StringIO()), stdin))
    assert session.answers["last_event"] == "delivered"
    assert session.answers["last_event_on"] == dt.date(2018, 7, 13)
    assert session.answers["shipped_on"] == dt.date(2018, 7, 10)
    # "yes" confirmed the reading, "quit" ended the interview: no pasted line answered
    assert set(session.answers) == {"last_event", "last_event_on", "shipped_on"}


USPS_PAGE = (  # USPS's layout: status, date, place; a blank line between events
    "Delivered, In/At Mailbox\nNovember 4, 2026, 11:57 am\nBROOKLYN, NY 11201\n\n"
    "Out for Delivery\nNovember 4, 2026, 6:10 am\nBROOKLYN, NY 11201\n\n"
    "Arrived at Post Office\nNovember 4, 2026, 4:02 am\nBROOKLYN, NY 11201\n"
)


def test_a_status_first_page_with_blank_lines_is_read_whole(kb: KnowledgeBase) -> None:
    # review9 E1 (b): after a blank line the next event starts with its status and gives
    # its date on the line after; that status line is the page's, not the next reply
    stdin = io.StringIO(f"paste\n{USPS_PAGE}\nyes\nquit\n")
    given = {"tracking_number": "9400111899223197428497", "destination": "US"}
    session = Interview(kb, dt.date(2026, 11, 5), given)
    run_interview(session, LinePrompter(Console(file=io.StringIO()), stdin))
    assert session.answers["last_event"] == "delivered"
    assert session.answers["last_event_on"] == dt.date(2026, 11, 4)
    # "yes" confirmed the reading, "quit" ended the interview: no pasted line answered
    assert set(session.answers) == {"last_event", "last_event_on"}


def test_a_reply_that_is_not_yes_or_no_never_answers_the_confirmation(kb: KnowledgeBase) -> None:
    session = Interview(kb, TODAY, GIVEN)
    prompter = Lines("paste", *HISTORY, "", "Out for Delivery", "yes", "quit")
    run_interview(session, prompter)
    assert any("'out for delivery' is not yes or no" in t for t in prompter.told)
    assert session.answers["last_event"] == "arrived-destination"


def test_a_history_pasted_with_the_menu_choice_is_not_lost() -> None:
    # review14 L-R25: choosing "paste" and pasting at once: the menu's prompt_toolkit read
    # the history with the choice and kept it for its own next prompt, so the paste
    # prompt waited on an empty terminal (or the first line answered the next question)
    child = _diagnose_in_a_terminal("RR123456785CN", "--to", "DE", "--today", "2026-11-25")
    child.expect_exact("Paste the tracking history instead")
    child.send("paste\r" + "\r".join(HISTORY) + "\r\r")  # one write: typed ahead
    child.expect_exact("last_event = arrived-destination")
    assert HISTORY[-1] in child.before
    child.expect_exact("Use what the history says?")
    child.send("\r")  # Yes
    child.expect_exact("What does the recipient say?")
    child.close(force=True)


def test_keys_typed_ahead_are_their_text() -> None:
    from prompt_toolkit.key_binding import KeyPress
    from prompt_toolkit.keys import Keys

    keys = [KeyPress(c, c) for c in "引受 a"] + [
        KeyPress(Keys.ControlM, "\r"),
        KeyPress(Keys.Up, "\x1b[A"),  # no text
        KeyPress(Keys.BracketedPaste, "x\r\ny\rz"),
        KeyPress(Keys.ControlJ, "\n"),
    ]
    assert typed_text(keys) == "引受 a\nx\ny\nz\n"


def test_a_terminal_paste_without_bracketed_paste_is_read_whole() -> None:
    # review9 E1 (a): a terminal that delivers a paste as typed lines (no bracketed
    # paste): the blank lines inside it do not end it, since the rest is already waiting
    history = Path(__file__).parents[1] / "data/events/histories/correios-rastreiobot-23.txt"
    child = _diagnose_in_a_terminal("OF767272177BR", "--to", "BR", "--today", "2018-07-16")
    child.expect_exact("Paste the tracking history instead")
    child.send("paste")
    child.send("\r")
    child.expect_exact("Paste the tracking history, then press Enter on an empty line.")
    child.send(history.read_text(encoding="utf-8").replace("\n", "\r"))  # one paste
    child.send("\r")
    child.expect_exact("last_event_on = 2018-07-13")
    child.expect_exact("Use what the history says?")
    child.close(force=True)


def test_a_pasted_page_s_dates_are_read_in_the_page_s_order_not_the_locale_s(
    kb: KnowledgeBase,
) -> None:
    # review10 E11: a seller whose locale writes days first (date_order "dmy") pastes a
    # UPS page (MM/DD/YYYY): its dates read as --events reads them, in the page's order
    page = Path(__file__).parents[1] / "data/events/histories/ups-page.txt"
    lines = [line for line in page.read_text(encoding="utf-8").splitlines() if line.strip()]
    given = {"tracking_number": "1Z12345E0205271688", "destination": "AT"}
    session = Interview(kb, dt.date(2016, 1, 15), given, date_order="dmy")
    prompter = Lines("paste", *lines, "", "yes", "quit")
    run_interview(session, prompter)
    assert session.answers["last_event"] == "delivered"
    assert session.answers["last_event_on"] == dt.date(2016, 1, 12)
