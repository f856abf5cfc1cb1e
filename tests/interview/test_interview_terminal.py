"""The interview in a real terminal (pexpect, a pseudo-terminal) and from scripts with no
terminal: the carrier menu filtered by alias, written dates echoed back, a date that
reads two ways asked about, an interrupted interview resumed from its saved file, and
the README's one-shot example run by a script."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
import tomllib
from child_processes import HANG_AFTER

EXE = Path(sys.executable).with_name("parcel-doctor")
TODAY = "2026-11-25"  # a Wednesday


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    return {
        "TERM": "xterm",
        "PATH": "/usr/bin:/bin",
        "NO_COLOR": "1",
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "PARCEL_DOCTOR_CACHE": str(tmp_path / "cache"),
    }


def spawn(env: dict[str, str], *args: str, columns: int = 120) -> pexpect.spawn:
    child = pexpect.spawn(
        str(EXE),
        ["diagnose", "--today", TODAY, *args],
        encoding="utf-8",
        timeout=HANG_AFTER,
        dimensions=(40, columns),
        env=env,
    )
    child.transcript = []
    child.logfile_read = _Collect(child.transcript)
    return child


def finish(child: pexpect.spawn) -> str:
    child.expect(pexpect.EOF)
    child.close()
    return "".join(child.transcript)


def at_the_carrier_menu(env: dict[str, str], origin: str, saved: Path) -> pexpect.spawn:
    """An interview with no tracking number, so the rules ask for the carrier: at its
    menu, the answers saved to `saved`."""
    child = spawn(
        env, "--set", "destination=DE", "--set", "last_event=export", "--set",
        f"origin={origin}", "--save", str(saved),
    )  # fmt: skip
    child.expect_exact("What is the tracking number?")
    child.sendline("skip")  # no number: the rules ask for the carrier
    child.expect_exact("Which carrier or shipping line did you hand it to?")
    return child


def test_carrier_menu_filters_by_any_alias_and_groups_by_kind(tmp_path, env):
    saved = tmp_path / "case.toml"
    child = at_the_carrier_menu(env, "CN", saved)
    child.expect_exact("-- Postal operators of China --")
    child.expect_exact("-- E-commerce shipping lines --")
    child.expect_exact("-- Couriers --")
    child.send("dhl")  # DHL is three companies: all three are offered
    child.expect_exact("DHL eCommerce (formerly DHL Global Mail) [dhl-ecommerce]")
    child.expect_exact("DHL Express [dhl-express]")
    child.expect_exact("Deutsche Post / DHL Paket [deutsche-post]")
    child.send("\x7f" * 3 + "warenpost")  # an alias too long to be shown on the line
    child.expect_exact("Deutsche Post / DHL Paket [deutsche-post]")
    child.send("\r")
    child.expect_exact("?")
    child.sendcontrol("c")
    output = finish(child)
    assert child.exitstatus == 130, output
    assert tomllib.loads(saved.read_text())["carrier"] == "deutsche-post"
    assert "Traceback" not in output


def test_text_that_matches_no_choice_is_a_reply_not_choice_one(env):
    # review10 E5: in a terminal the menu filters as one types; text that matches no
    # choice brought the whole list back with the cursor on 1, and Enter took "No
    # tracking events yet". The text is now the reply, read as over a pipe.
    child = spawn(env, "2628987793", "--to", "US")
    child.expect_exact("What is the last event the tracking shows?")
    child.expect_exact("Paste the tracking history instead")
    child.send("customs releasd")
    child.send("\r")
    # the answer line echoes the text typed, not choice 1 (review10 E5's echo)
    child.expect(r"tracking shows\? (\x1b\[[0-9;]*m)*customs releasd")
    child.expect_exact("did you mean 'customs'?")
    child.expect_exact("What is the last event the tracking shows?")
    child.sendcontrol("c")
    output = finish(child)
    assert "No tracking events yet [none]\r\n? On which date" not in output
    assert not re.search(r"shows\? (\x1b\[[0-9;]*m)*1\. No tracking events yet", output)
    assert "Traceback" not in output


@pytest.mark.parametrize(
    ("typed", "answered"),
    [
        ("Sendung liegt zur Abholung bereit", "12. Waiting for the recipient to collect it"),
        ("customs releasd", "6. With customs in the destination country [customs]"),
        ("zzzz", "skip: I don't know"),
    ],
)
def test_after_a_refused_reply_enter_takes_the_suggestion_or_dont_know(env, typed, answered):
    # review15 L-R30: after "did you mean 'awaiting-pickup'?" the menu came back with its
    # pointer on "1. No tracking events yet", and the seller's second Enter ("yes, that")
    # answered it: the opposite of a parcel waiting at the post office. The pointer now
    # stands on the suggestion, or on "I don't know" when there is none.
    child = spawn(env, "2628987793", "--to", "US")
    child.expect_exact("Paste the tracking history instead")
    child.send(typed)
    child.send("\r")
    child.expect_exact(f"{typed!r} is not one of")
    child.expect_exact("quit: stop and show what is known")  # the menu put again
    child.send("\r")
    child.expect_exact("On which date")  # answered, the next question
    child.sendline("quit")
    shown = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", finish(child))
    assert f"tracking shows? {answered}" in shown and "Traceback" not in shown


def test_written_dates_are_echoed_and_a_two_way_date_is_asked_about(tmp_path, env):
    saved = tmp_path / "case.toml"
    child = spawn(
        env, "RR123456785CN", "--to", "DE", "--set", "last_event=export",
        "--set", "recipient_says=not-received", "--save", str(saved),
    )  # fmt: skip
    child.expect_exact("On which date did you send it?")
    child.expect_exact("(2026-11-22, 22 Nov, 3 days ago")  # examples from --today
    child.sendline("03/04/2026")
    child.expect_exact("Type 1 for 3 April 2026 (day first) or 2 for 4 March 2026")
    child.sendline("2")
    child.expect_exact("= 2026-03-04 (Wednesday)")
    child.sendline("back")  # undo, and write it another way
    child.expect_exact("On which date did you send it?")
    child.sendline("a month ago")
    child.expect_exact("= 2026-10-25 (Sunday)")
    child.expect_exact("On which date was that last event?")
    child.sendline("04/11/2026")  # the order picked before reads this one: 11 April
    child.expect_exact("2026-04-11 is before shipped_on 2026-10-25")
    child.sendline("Nov 3")
    child.expect_exact("= 2026-11-03 (Tuesday)")
    # The next question is a menu: Ctrl-C once it is on the screen (sent while the menu's
    # library is still starting, the key can land before the terminal is in its mode).
    child.expect_exact("quit: stop and show what is known")
    child.sendcontrol("c")
    output = finish(child)
    assert child.exitstatus == 130, output
    data = tomllib.loads(saved.read_text())
    assert data["shipped_on"] == dt.date(2026, 10, 25)
    assert data["last_event_on"] == dt.date(2026, 11, 3)


def test_an_interrupted_interview_goes_on_from_its_saved_file(tmp_path, env):
    saved = tmp_path / "case.toml"
    child = spawn(env, "RR123456785CN", "--save", str(saved))
    child.expect_exact("Which country is the parcel going to?")
    child.sendline("Deutschland")  # a native name
    child.expect_exact("What is the last event the tracking shows?")
    child.expect_exact("quit: stop and show what is known")  # the menu is up
    child.sendcontrol("c")
    finish(child)
    assert child.exitstatus == 130
    assert tomllib.loads(saved.read_text())["destination"] == "DE"

    child = spawn(env, "--answers", str(saved), "--save", str(saved))
    child.expect_exact("What is the last event the tracking shows?")  # not the number again
    child.send("left the origin")
    child.expect_exact("Left the origin country [export]")
    child.send("\r")
    child.expect_exact("On which date did you send it?")
    child.sendline("quit")
    output = finish(child)
    assert child.exitstatus == 0, output
    assert "What is the tracking number?" not in output
    assert "Answers that would sharpen this diagnosis" in output
    assert "--set" not in output  # questions in words, not command-line syntax
    assert "To answer them later: parcel-doctor diagnose --answers" in output
    assert tomllib.loads(saved.read_text()) == {
        "tracking_number": "RR123456785CN",
        "destination": "DE",
        "last_event": "export",
    }


def test_the_destination_operators_page_is_linked_for_this_number(env):
    child = spawn(
        env, "RR123456785CN", "--to", "AT", "--set", "last_event=arrived-destination",
        "--set", "shipped_on=2026-10-01", "--set", "last_event_on=2026-10-10",
        "--set", "recipient_says=not-received",
    )  # fmt: skip
    # review12 L-R9 and L-R13: the link is printed whole before the menu (a menu line is
    # cut at the terminal's width) and says it is for the next question, not part of the
    # previous answer
    link = "https://www.post.at/s/sendungsdetails?snr=RR123456785CN"
    child.expect_exact(f"For the next question, look it up here: {link}")
    child.expect_exact("What does the destination country's postal operator's own tracking")
    child.expect_exact("quit: stop and show what is known")  # the menu is up
    child.sendcontrol("c")
    finish(child)


def test_what_an_events_file_says_is_shown_before_the_questions(tmp_path, env):
    # review12 L-R9: with --events in a terminal, what the file said came only after the
    # last question, so the seller answered without seeing it
    history = tmp_path / "history.txt"
    history.write_text(
        "2026-10-02 09:12 Posting/Collection GUANGZHOU\n"
        "2026-10-03 18:40 Departure from outward office of exchange GUANGZHOU\n"
    )
    child = spawn(env, "RR123456785CN", "--events", str(history))
    child.expect_exact("Read from the tracking history")
    child.expect_exact("last_event = export")
    child.expect_exact("Which country is the parcel going to?")
    child.sendline("quit")  # stop and show what is known: the report, without the history
    child.expect_exact("What is happening")
    output = finish(child)
    assert output.count("Read from the tracking history") == 1
    assert "Traceback" not in output


def test_a_script_with_no_terminal_gets_the_one_shot_report(tmp_path):
    """The README's one-shot example, run with no terminal and nothing on standard input."""
    done = subprocess.run(
        [str(EXE), "diagnose", "RR123456785CN", "--to", "DE",
         "--set", "last_event=export", "--set", "shipped_on=2026-10-01", "--today", TODAY],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=HANG_AFTER,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "What is happening" in done.stdout and "What to do" in done.stdout
    assert not asked_in(done.stdout)
    assert "(--set " in done.stdout  # a script is told how to add the missing answers


def test_ask_forces_questions_over_a_pipe_and_no_ask_never_asks(tmp_path):
    answers = tmp_path / "case.toml"
    answers.write_text('tracking_number = "RR123456785CN"\ndestination = "DE"\n')
    asked = subprocess.run(
        [str(EXE), "diagnose", "--answers", str(answers), "--ask", "--today", TODAY],
        input="4\n2026-10-01\nquit\n", capture_output=True, text=True, timeout=HANG_AFTER,
    )  # fmt: skip
    assert asked.returncode == 0, asked.stderr
    assert "? What is the last event the tracking shows?" in asked.stdout
    assert "= " not in asked.stdout  # an ISO date is not echoed
    quiet = subprocess.run(
        [str(EXE), "diagnose", "RR123456785CN", "--no-ask", "--today", TODAY],
        input="DE\n", capture_output=True, text=True, timeout=HANG_AFTER,
    )  # fmt: skip
    assert quiet.returncode == 0 and not asked_in(quiet.stdout)


def test_terminal_arrow_keys_why_back_bad_answer_and_ctrl_c(tmp_path):
    saved = tmp_path / "so-far.toml"
    child = pexpect.spawn(
        str(EXE),
        ["diagnose", "RR123456785CN", "--today", "2026-11-25", "--save", str(saved)],
        encoding="utf-8",
        timeout=HANG_AFTER,
        dimensions=(50, 200),
        env={
            "TERM": "xterm",
            "PATH": "/usr/bin:/bin",
            "NO_COLOR": "1",
            "PROMPT_TOOLKIT_NO_CPR": "1",
        },
    )
    transcript: list[str] = []
    child.logfile_read = _Collect(transcript)
    child.expect_exact("Which country is the parcel going to?")
    child.sendline("germny")
    child.expect_exact("Did you mean: Germany (DE)")
    child.expect_exact("Which country is the parcel going to?")
    child.sendline("Germany")
    child.expect_exact("What is the last event the tracking shows?")
    child.expect_exact("16. Problem reported")
    for _ in range(3):
        child.send("\x1b[B")  # arrow down: 1 -> 4, "Left the origin country"
    child.send("\r")
    child.expect_exact("On which date did you send it?")
    child.sendline("why")
    child.expect_exact("It matters because:")
    child.expect_exact("On which date did you send it?")
    child.sendline("back")
    child.expect_exact("Undone: What is the last event the tracking shows?")
    child.expect_exact("16. Problem reported")
    child.send("5")  # type to filter: option 5, "Arrived in the destination country"
    child.send("\r")
    child.expect_exact("On which date did you send it?")
    child.sendline("2026-10-05")
    child.expect_exact("What does the recipient say?")
    child.expect_exact("quit: stop and show what is known")  # the menu is up
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    output = "".join(transcript)
    assert "interrupted; the answers so far are in" in output
    assert "Traceback" not in output
    assert tomllib.loads(saved.read_text()) == {
        "tracking_number": "RR123456785CN",
        "destination": "DE",
        "last_event": "arrived-destination",
        "shipped_on": dt.date(2026, 10, 5),
    }


def asked_in(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("? ")]


class _Collect:
    """A file-like sink for pexpect's log: keeps what the terminal showed."""

    def __init__(self, into: list[str]) -> None:
        self.into = into

    def write(self, text: str) -> None:
        self.into.append(text)

    def flush(self) -> None:
        pass


def test_a_menu_filter_takes_letters_beyond_ascii(tmp_path, env):
    # review12 L-R1: questionary binds only ASCII to a menu's filter, so "Österreichische"
    # typed at the carrier menu arrived as "sterreichische" and a German tracking line
    # lost its "ü": every printable character now reaches the filter.
    saved = tmp_path / "case.toml"
    child = at_the_carrier_menu(env, "AT", saved)
    child.send("Österreichische")
    child.expect(r"/ (\x1b\[[0-9;]*m)*Österreichische")
    child.send("\r")
    child.expect_exact("?")
    child.sendcontrol("c")
    output = finish(child)
    assert tomllib.loads(saved.read_text())["carrier"] == "austrian-post", output
    assert "Traceback" not in output


def test_a_command_word_typed_at_a_menu_is_the_command(env):
    # review12 L-R4: "back" typed at the last-event menu matched "Going back to the
    # sender" first, and Enter diagnosed a returning parcel; a command word is the
    # command at every menu that offers commands
    child = spawn(env, "RR123456785CN")
    child.expect_exact("Which country is the parcel going to?")
    child.sendline("Deutschland")
    child.expect_exact("What is the last event the tracking shows?")
    child.expect_exact("Paste the tracking history instead")
    child.send("back")
    child.send("\r")
    child.expect_exact("Undone: Which country is the parcel going to?")
    child.expect_exact("Which country is the parcel going to?")  # asked again
    child.expect_exact("> ")
    child.sendline("quit")
    output = finish(child)
    assert "Why is the parcel coming back?" not in output
    assert "Going back to the sender [returning]\r\n? Why" not in output
    assert "Traceback" not in output


RECIPIENT_MENU = (
    "RR123456785FR", "--to", "DE", "--set", "shipped_on=2026-11-01", "--set",
    "last_event=delivered", "--set", "last_event_on=2026-11-10",
)  # fmt: skip


@pytest.mark.parametrize(
    ("keys", "answered"),
    [
        ("no\r", None),  # fits two: asked which, never the first of them
        ("no\x1b[B\r", "They have not received it"),  # the cursor moved: the seller's pick
        ("received it d\r", "They received it damaged"),  # fits one: that one
    ],
)
def test_text_that_fits_several_choices_is_asked_about_not_the_first_taken(env, keys, answered):
    # review15 L-R30's addendum: "no" (has it arrived? no) at "What does the recipient
    # say?" filters to "I have not asked" and "They have not received it", and Enter took
    # the first without a word: a missing parcel answered as "not asked".
    child = spawn(env, *RECIPIENT_MENU)
    child.expect_exact("What does the recipient say?")
    child.expect_exact("quit: stop and show what is known")
    child.send(keys)
    if answered is None:
        child.expect_exact("'no' fits 2 answers")
        child.expect_exact("quit: stop and show what is known")  # the menu put again
        child.send("4\r")
        answered = "They have not received it"
    if child.expect_exact(["What has the recipient received", "What to do"]) == 0:
        child.expect_exact("quit: stop and show what is known")  # the next question
        child.send("quit\r")
    shown = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", finish(child))
    assert f"recipient say? {answered}" in shown or f". {answered}" in shown, shown
    if keys == "no\r":
        assert "'no' fits 2 answers: 1. I have not asked; 4. They have not received it." in shown
    assert "recipient say? 1. I have not asked" not in shown and "Traceback" not in shown


def test_a_word_that_one_stage_has_is_that_stage_though_the_filter_shows_two(env):
    # review21 R21-8: 'arrived' at the last-event menu leaves "Arrived in the destination
    # country" and "Moving within the destination country" (whose carrier wording says
    # "Arrived at delivery facility"); Enter was answered "'arrived' is not one of: ..."
    child = spawn(env, "LX123456785GB", "--to", "US")
    child.expect_exact("What is the last event the tracking shows?")
    child.expect_exact("quit: stop and show what is known")
    child.send("arrived\r")
    child.expect_exact("On which date did you send it?")
    child.send("quit\r")
    shown = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", finish(child))
    assert "is not one of" not in shown and "Traceback" not in shown
    assert "Arrived in the destination country" in shown


def test_ctrl_d_at_a_menu_ends_the_input_as_at_a_line(tmp_path, env):
    # review12 L-R5: Ctrl-D at a menu did nothing; at a line prompt it ends the
    # interview (exit 1) and says where the answers are
    saved = tmp_path / "case.toml"
    child = spawn(env, "RR123456785CN", "--to", "DE", "--save", str(saved))
    child.expect_exact("What is the last event the tracking shows?")
    child.expect_exact("Paste the tracking history instead")
    child.sendcontrol("d")
    output = finish(child)
    assert child.exitstatus == 1, output
    assert "end of input" in output and str(saved.name) in output
    assert tomllib.loads(saved.read_text())["destination"] == "DE"
    assert "Traceback" not in output


def test_a_menus_question_and_answer_wrap_at_words_in_a_narrow_terminal(env):
    # review12 L-R3: the answered menu line ("? question answer") was left to the
    # terminal, which broke it mid-word ("1. Not" / "hing [none]"); now it breaks at
    # words and the answer's later lines hang under the question
    child = spawn(env, "RR123456785CN", "--to", "DE", columns=44)
    child.expect_exact("Paste the tracking history")  # the last-event menu, 44 wide
    child.send("13")
    child.expect(r"/ \S*13")  # the filter shows what was typed
    child.send("\r")
    child.expect_exact("What does the recipient say?")
    child.expect_exact("quit: stop")
    child.send("quit")
    child.send("\r")
    output = finish(child)
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", output)
    answered = shown[: shown.index("? What does the recipient say?")]
    answered = answered[answered.rindex("? What is the last event") :]
    lines = [line for line in re.split(r"\r+\n", answered) if line]
    assert len(lines) >= 2, lines
    assert all(len(line) <= 43 for line in lines), lines
    assert all(line.startswith("  ") for line in lines[1:]), lines
    words = " ".join(answered.split())
    assert 'What is the last event the tracking shows? 13. Delivered [delivered] "Final' in words
