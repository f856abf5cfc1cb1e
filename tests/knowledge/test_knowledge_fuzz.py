"""`facts check` under random damage to the shipped knowledge base (hypothesis).

Each example copies `facts/` and `rules/`, damages one to three lines or entries the
way trainers do (renamed keys, wrong types, deleted or doubled entries, plain values
where tables belong, broken templates), and checks that `facts check` either passes or
reports problems located in the damaged copy, and never raises; when it passes, every
golden scenario is diagnosed without a crash.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.answers import AnswerError
from parcel_doctor.knowledge import loader
from parcel_doctor.teaching import scenarios

ROOT = Path(__file__).resolve().parents[2]
FILES = [
    p.relative_to(ROOT) for p in sorted([*ROOT.glob("facts/*.toml"), *ROOT.glob("rules/*.toml")])
]
GOLDEN = scenarios.load_folder(ROOT / "tests" / "scenarios")

KEY_LINE = re.compile(r"^(\s*)([A-Za-z_][\w.-]*)(\s*=\s*)(.+)$")
VALUES = [
    "1",
    '"x"',
    "true",
    "[1, 2]",
    '["x"]',
    "{ a = 1 }",
    "1979-05-27",
    "2026-01-01T10:00:00",
    "3.5",
    "[]",
    "{}",
    '""',
]


def _rename(lines: list[str], at: int, draw: st.DrawFn) -> None:
    match = KEY_LINE.match(lines[at])
    if match:
        key = match[2]
        new = draw(st.sampled_from([key[:-1] or "k", key + "x", key.upper(), "x" + key]))
        lines[at] = f"{match[1]}{new}{match[3]}{match[4]}"


def _retype(lines: list[str], at: int, draw: st.DrawFn) -> None:
    match = KEY_LINE.match(lines[at])
    if match:
        lines[at] = f"{match[1]}{match[2]}{match[3]}{draw(st.sampled_from(VALUES))}"


def _plain_for_table(lines: list[str], at: int, draw: st.DrawFn) -> None:
    if lines[at].lstrip().startswith("[["):
        name = lines[at].strip().strip("[]")
        value = draw(st.sampled_from(["[1]", '"x"', '["a", "b"]']))
        lines[at] = f"{name} = {value}"
    elif "{" in lines[at]:
        lines[at] = re.sub(r"\{[^{}]*\}", draw(st.sampled_from(['"x"', "[1]", "7"])), lines[at])


def _delete_entry(lines: list[str], at: int, draw: st.DrawFn) -> None:
    heads = [i for i, line in enumerate(lines) if line.lstrip().startswith("[[")]
    if heads:
        start = draw(st.sampled_from(heads))
        end = next((i for i in heads if i > start), len(lines))
        double = draw(st.booleans())
        lines[start:end] = lines[start:end] * 2 if double else []


def _break_template(lines: list[str], at: int, draw: st.DrawFn) -> None:
    spots = [i for i, line in enumerate(lines) if "{" in line and "=" in line]
    if spots:
        i = draw(st.sampled_from(spots))
        how = draw(st.sampled_from(["name", "field", "brace"]))
        if how == "name":
            lines[i] = re.sub(r"\{(\w+)", r"{\1x", lines[i], count=1)
        elif how == "field":
            lines[i] = re.sub(r"\{(\w+)\.(\w+)", r"{\1.\2x", lines[i], count=1)
        else:
            lines[i] = lines[i].replace("}", "", 1)


MUTATIONS = [_rename, _retype, _plain_for_table, _delete_entry, _break_template]


@st.composite
def damage(draw: st.DrawFn) -> dict[Path, str]:
    """Damaged texts by file, one to three mutations."""
    out: dict[Path, str] = {}
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(FILES))
        lines = (out.get(name) or (ROOT / name).read_text()).split("\n")
        at = draw(st.integers(0, len(lines) - 1))
        draw(st.sampled_from(MUTATIONS))(lines, at, draw)
        out[name] = "\n".join(lines)
    return out


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(damage())
def test_facts_check_reports_or_passes_and_a_clean_check_diagnoses(damaged):
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        shutil.copytree(ROOT / "facts", base / "facts")
        shutil.copytree(ROOT / "rules", base / "rules")
        for name, text in damaged.items():
            (base / name).write_text(text)
        kb, problems = loader.check(base / "facts", base / "rules")  # never raises
        for problem in problems:
            assert problem.file.startswith(str(base)), problem
            # A problem with a key is located; only whole-file ones ("is not valid TOML"
            # at an unknown line, "is missing") have neither.
            assert problem.line is not None or not problem.key, problem
        if problems:
            return
        for case in GOLDEN:
            # AnswerError: the damage changed the vocabulary the case answers in.
            with contextlib.suppress(AnswerError):
                scenarios.run_scenario(kb, case)


def test_an_id_that_is_not_a_string_is_reported_in_every_file():
    """The first `id` of each knowledge file written as a list (unhashable: it once made
    the number-format check raise TypeError) is reported as a problem, never raised."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        shutil.copytree(ROOT / "facts", base / "facts")
        shutil.copytree(ROOT / "rules", base / "rules")
        damaged = 0
        for name in FILES:
            path = base / name
            text = path.read_text()
            first = re.search(r"^(id\s*=\s*)(.+)$", text, re.M)
            if first is None:
                continue
            path.write_text(text[: first.start(2)] + "[1, 2]" + text[first.end(2) :])
            _kb, problems = loader.check(base / "facts", base / "rules")
            assert any(p.file == str(path) for p in problems), name
            path.write_text(text)
            damaged += 1
        assert damaged >= 20
