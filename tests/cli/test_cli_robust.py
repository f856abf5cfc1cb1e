"""No traceback from any command on any input (issue 18, the command-line part).

Each case below failed before: rich markup in user text (`[/]`), terminal control
sequences, hostile answers files, `--today` at the ends of the calendar, an argument
that is not UTF-8, a full disk, and a closed pipe (which must exit 141 for every
command). Real processes, since the entry point's own handling is under test.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.answers import AnswerError, normalise_answers, read_answers_file

EXE = Path(sys.executable).with_name("parcel-doctor")
ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-25"


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    return {**os.environ, "PARCEL_DOCTOR_CACHE": str(tmp_path_factory.mktemp("cache"))}


def run(env: dict[str, str], *args: str | bytes, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("stdin", subprocess.DEVNULL)
    kwargs.setdefault("stdout", subprocess.PIPE)
    done = subprocess.run(
        [os.fsencode(str(EXE)), *(os.fsencode(a) for a in args)],
        stderr=subprocess.PIPE,
        env=env,
        timeout=120,
        **kwargs,
    )
    done.stdout = done.stdout or b""
    assert b"Traceback" not in done.stderr + done.stdout, done.stderr.decode()
    return done


MARKUP = "[/]"
MARKUP_CASES = [
    (["track", MARKUP], 3),
    (["track", "RR123456785CN", "--to", MARKUP], 2),
    (["facts", "country", MARKUP], 1),
    (["facts", "carrier", MARKUP], 1),
    (["rules", "show", MARKUP], 1),
    (["explain", MARKUP], 1),
    (["cases", "show", MARKUP], 1),
    (["diagnose", "--no-ask", "--to", MARKUP], 2),
    (["diagnose", "--no-ask", "--today", MARKUP], 2),
    (["diagnose", "--no-ask", "--answers", f"{MARKUP}.toml"], 2),
    (["diagnose", "--no-ask", "--set", f"{MARKUP}=x"], 2),
    (["batch", f"{MARKUP}.csv"], 2),
]


@pytest.mark.parametrize(("args", "code"), MARKUP_CASES, ids=[" ".join(a) for a, _ in MARKUP_CASES])
def test_markup_in_user_text_is_printed_as_text(env, args, code):
    done = run(env, *args)
    assert done.returncode == code, done.stderr
    assert MARKUP.encode() in done.stdout + done.stderr  # shown as typed


def test_terminal_control_sequences_are_never_echoed(env):
    title = "\x1b]0;PWNED\x07"
    for args in (["track", title], ["facts", "country", title], ["diagnose", "--to", title]):
        done = run(env, *args, "--today", TODAY) if args[0] == "diagnose" else run(env, *args)
        out = done.stdout + done.stderr
        assert b"\x1b]" not in out and b"\x07" not in out
        assert b"]0;PWNED" in out  # the text stays, the control characters go


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("datetime.toml", b"shipped_on = 2026-10-01T10:22:00+01:00\n", None),
        ("latin1.json", b'{"tracking_number": "RR\xe9"}', b"not UTF-8 text"),
        ("huge.json", b'{"shipped_on": ' + b"9" * 5000 + b"}", b"cannot be used as JSON"),
        ("huge.toml", b"shipped_on = " + b"9" * 5000 + b"\n", b"Exceeds the limit"),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, b"nested too deeply"),
        ("deep.toml", b"x = " + b"[" * 100_000 + b"]" * 100_000, b"nested too deeply"),
        ("surrogate.json", b'{"tracking_number": "\\ud800"}', b"not text"),
        ("list.toml", b'destination = ["DE"]\n', b"is a list or a table"),
        ("long-int.json", b'{"tracking_number": ' + b"7" * 600 + b"}", b"more than 500 digits"),
    ],
)
def test_hostile_answers_files_are_clear_errors(env, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    done = run(env, "diagnose", "--answers", str(path), "--today", TODAY, "--no-ask")
    if message is None:
        assert done.returncode == 0, done.stderr
    else:
        assert done.returncode == 2 and message in done.stderr, done.stderr


@pytest.mark.parametrize("today", ["9999-12-31", "0001-01-01"])
def test_today_at_the_ends_of_the_calendar(env, today):
    answers = ["--set", f"shipped_on={today}", "--set", f"last_event_on={today}"]
    done = run(
        env, "diagnose", "RR123456785CN", "--to", "US", "--set", "last_event=export",
        "--set", "recipient_says=not-received", *answers, "--today", today, "--no-ask",
    )  # fmt: skip
    if today.startswith("9999"):
        assert done.returncode == 2 and b"--today: 9999-12-31 is too late" in done.stderr
    else:
        assert done.returncode == 0, done.stderr


def test_an_argument_that_is_not_utf8_is_shown_not_fatal(env):
    done = run(env, "track", b"RR\xff123456785CN", "--json")
    assert done.returncode in (1, 3)
    assert "RR\ufffd123456785CN" in done.stdout.decode("utf-8")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [["track", "RR123456785CN"], ["diagnose", "RR123456785CN", "--to", "DE", "--json"]],
)
def test_a_full_disk_is_a_clear_error(env, args):
    with open("/dev/full", "wb") as full:
        done = run(env, *args, "--today", TODAY, "--no-ask", stdout=full) if "diagnose" in args \
            else run(env, *args, stdout=full)  # fmt: skip
    assert done.returncode == 74
    assert b"the output cannot be written: No space left on device" in done.stderr


def test_save_to_a_full_disk_is_a_clear_error(env):
    done = run(env, "diagnose", "RR123456785CN", "--no-ask", "--save", "/dev/full")
    assert done.returncode == 2 and b"--save: /dev/full cannot be written" in done.stderr


def _closed_pipe_cases(tmp: Path) -> list[list[str]]:
    orders = tmp / "orders.csv"
    orders.write_text("tracking_number,destination\nRR123456785CN,DE\n")
    case = "awaiting-pickup-fi"
    return [
        ["--help"],
        ["--version"],
        ["diagnose", "RR123456785CN", "--to", "DE", "--no-ask", "--today", TODAY],
        ["diagnose", "RR123456785CN", "--to", "DE", "--no-ask", "--json", "--today", TODAY],
        ["diagnose", "--today", TODAY],  # an interview over a pipe: the first question
        ["track", "RR123456785CN"],
        ["batch", str(orders), "--today", TODAY],
        ["facts", "check"],
        ["facts", "country", "DE"],
        ["facts", "carrier", "dhl-express"],
        ["facts", "list", "countries"],
        ["rules", "list"],
        ["rules", "show", "number-fails-checks"],
        ["cases", "list"],
        ["cases", "show", case],
        ["cases", "run", case],
        ["explain", "number-fails-checks"],
        ["handbook", "--out", str(tmp / "book"), "--no-pdf"],
        ["quiz", "--count", "1", "--seed", "1"],
    ]


def test_a_closed_pipe_exits_141_for_every_command(env, tmp_path):
    for args in _closed_pipe_cases(tmp_path):
        read, write = os.pipe()
        os.close(read)  # the reader went away before the first line
        try:
            done = run(env, *args, stdout=write)
        finally:
            os.close(write)
        assert done.returncode == 141, (args, done.returncode, done.stderr)
        assert done.stderr.strip() in (b"", b"interrupted."), (args, done.stderr)


# ------------------------------------------------------------------ answers (property)

scalars = st.one_of(
    st.text(max_size=40),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.dates(),
    st.none(),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=6)


KEYS = [
    "tracking_number", "destination", "origin", "carrier", "service", "last_event", "shipped_on",
    "last_event_on", "destination_site", "recipient_says", "address_complete", "phone_given",
    "colour",
]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=st.dictionaries(st.sampled_from(KEYS), values, max_size=6))
def test_any_answers_are_normalised_or_refused_key_by_key(kb, answers):
    try:
        out = normalise_answers(kb, answers, dt.date(2026, 11, 25))
    except AnswerError as error:
        assert error.errors and set(error.errors) <= set(answers)
    else:  # None is an answer not given, as JSON's null
        assert set(out) == {key for key, value in answers.items() if value is not None}


@settings(max_examples=100, deadline=None)
@given(content=st.binary(max_size=200), suffix=st.sampled_from([".toml", ".json"]))
def test_any_bytes_as_an_answers_file_read_or_refused(tmp_path_factory, content, suffix):
    path = tmp_path_factory.mktemp("answers") / f"a{suffix}"
    path.write_bytes(content)
    try:
        data = read_answers_file(path)
    except AnswerError as error:
        assert "--answers" in error.errors
    else:
        assert isinstance(data, dict)
