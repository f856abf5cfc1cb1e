"""The real-case library (cases/real/): stories from public threads, judged by agreement
with what really happened; the format's checks; and `cases run --all`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from parcel_doctor.cli.main import app
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.teaching import scenarios
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
REAL = scenarios.load_folder(ROOT / "cases" / "real")

# A story that the shipped rules handle today: a registered letter silent after export
# for far longer than the service's window.
STORY = """
title = "Registered letter silent after export"
source_url = "https://example.org/thread"
source_title = "A thread"
posted_on = 2026-01-05
today = 2026-04-01
story = "A letter left the origin on 5 January and nothing followed."
outcome = "It never arrived; the sender claimed."
best_advice = "File an inquiry."
{extra}

[answers]
tracking_number = "RR123456785CN"
destination = "DE"
last_event = "export"
shipped_on = 2026-01-04
last_event_on = 2026-01-05

[expect]
situations = [{situations}]
advice = [{advice}]
ruled_out = [{ruled_out}]
"""


def write(folder: Path, name: str, **fields: str) -> Path:
    values = {"extra": "", "situations": "", "advice": "", "ruled_out": "", **fields}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(STORY.format(**values), encoding="utf-8")
    return path


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


# --------------------------------------------------------------------------- the library


def test_the_library_has_the_promised_spread():
    assert len(REAL) >= 40
    assert all(case.real for case in REAL)
    origins = {c.answers.get("origin") for c in REAL} - {None}
    destinations = {c.answers.get("destination") for c in REAL} - {None}
    assert len(origins) >= 12 and len(destinations) >= 12
    little = [c for c in REAL if "last_event" not in c.answers and "service" not in c.answers]
    assert len(little) >= 5, [c.id for c in little]


@pytest.mark.parametrize("case", REAL, ids=[c.id for c in REAL])
def test_every_real_case_agrees_or_is_a_marked_gap(kb: KnowledgeBase, case: scenarios.Scenario):
    """Agreeing cases keep agreeing; a case the rules cannot get right says why."""
    verdict = scenarios.judge(kb, case)
    assert verdict.status != "disagree", f"{case.path.name}: " + "; ".join(verdict.reasons)


@pytest.mark.parametrize("case", REAL, ids=[c.id for c in REAL])
def test_every_real_case_says_where_it_comes_from(case: scenarios.Scenario):
    source = case.source
    assert source is not None
    assert source.url.startswith(("https://", "http://"))
    assert source.title and source.outcome and source.best_advice and case.story
    assert source.posted_on is None or isinstance(source.posted_on, dt.date)
    assert not set(case.ruled_out) & set(case.situations), "an expected situation is ruled out"


# --------------------------------------------------------------------------- judging


def test_a_real_case_agrees_when_the_outcome_is_met(kb: KnowledgeBase, tmp_path: Path):
    path = write(
        tmp_path,
        "ok",
        situations='"likely-lost"',
        advice='"file-inquiry"',
        ruled_out='"delivered"',
    )
    verdict = scenarios.judge(kb, scenarios.load_scenario(path))
    assert verdict.agrees and verdict.status == "agree", verdict.reasons


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"situations": '"held-in-customs"'}, "situation held-in-customs not concluded"),
        ({"advice": '"recipient-collects-parcel"'}, "steps not given: recipient-collects-parcel"),
        ({"ruled_out": '"likely-lost"'}, "concluded what the outcome rules out: likely-lost"),
    ],
)
def test_each_agreement_condition_can_fail(
    kb: KnowledgeBase, tmp_path: Path, fields: dict[str, str], reason: str
):
    verdict = scenarios.judge(kb, scenarios.load_scenario(write(tmp_path, "bad", **fields)))
    assert not verdict.agrees
    assert any(r.startswith(reason) for r in verdict.reasons), verdict.reasons
    assert verdict.status == "disagree"


def test_answers_that_cannot_be_expressed_disagree(kb: KnowledgeBase, tmp_path: Path):
    path = write(tmp_path, "odd")
    path.write_text(path.read_text().replace('"export"', '"teleported"'), encoding="utf-8")
    verdict = scenarios.judge(kb, scenarios.load_scenario(path))
    assert not verdict.agrees
    assert verdict.reasons[0].startswith("the answers cannot be expressed: last_event")


def test_known_gaps_are_reported_and_stale_marks_are_caught(kb: KnowledgeBase, tmp_path: Path):
    gap = 'known_gap = "the rules lack X"'
    failing = write(tmp_path, "gap", extra=gap, situations='"held-in-customs"')
    assert scenarios.judge(kb, scenarios.load_scenario(failing)).status == "known gap"
    agreeing = write(tmp_path, "stale", extra=gap, situations='"likely-lost"')
    assert scenarios.judge(kb, scenarios.load_scenario(agreeing)).status == "stale gap"


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('outcome = "It never arrived; the sender claimed."\n', "", "outcome"),
        ('"https://example.org/thread"', '"example.org/thread"', "source_url"),
        ("posted_on = 2026-01-05", 'posted_on = "last spring"', "posted_on"),
        ("ruled_out = []", "ruled_out = []\nrules_out = []", "expect"),
    ],
)
def test_a_malformed_real_case_names_its_key(tmp_path: Path, old: str, new: str, key: str):
    path = write(tmp_path, "broken")
    path.write_text(path.read_text().replace(old, new), encoding="utf-8")
    with pytest.raises(scenarios.ScenarioError, match=key):
        scenarios.load_scenario(path)


def test_ruled_out_belongs_to_real_cases(tmp_path: Path):
    path = tmp_path / "plain.toml"
    text = STORY.format(extra="", situations="", advice="", ruled_out='"delivered"')
    kept = [line for line in text.splitlines() if line.split(" = ")[0] not in scenarios._REAL_KEYS]
    path.write_text("\n".join(kept), encoding="utf-8")
    with pytest.raises(scenarios.ScenarioError, match="ruled_out"):
        scenarios.load_scenario(path)


# --------------------------------------------------------------------------- cases run --all


def test_cases_run_all_prints_each_verdict_and_the_rate(tmp_path: Path):
    write(tmp_path, "a-ok", situations='"likely-lost"', advice='"file-inquiry"')
    write(tmp_path, "b-gap", extra='known_gap = "no rule yet"', situations='"held-in-customs"')
    out = invoke("cases", "run", "--all", "--cases", str(tmp_path))
    assert out.exit_code == 0, out.output
    assert "agree     a-ok" in out.stdout
    assert "known gap b-gap" in out.stdout and "known gap: no rule yet" in out.stdout
    assert "2 cases: 1 agree, 1 known gaps, 0 disagree. Agreement: 1/2 = 50.0 %" in out.stdout


def test_cases_run_all_fails_on_an_unmarked_difference_and_reports_a_stale_mark(tmp_path: Path):
    write(tmp_path, "bad", situations='"held-in-customs"')
    out = invoke("cases", "run", "--all", "--cases", str(tmp_path))
    assert out.exit_code == 1
    assert "disagree  bad" in out.stdout and "held-in-customs not concluded" in out.stdout
    (tmp_path / "bad.toml").unlink()
    write(tmp_path, "stale", extra='known_gap = "old"', situations='"likely-lost"')
    out = invoke("cases", "run", "--all", "--cases", str(tmp_path))
    assert out.exit_code == 0
    assert "stale gap stale" in out.stdout and "remove its known_gap line" in out.stdout


def test_cases_run_needs_an_id_or_all():
    out = invoke("cases", "run")
    assert out.exit_code == 2
    assert "--all" in out.stderr
    out = invoke("cases", "run", "customs-ems-gb", "--all")
    assert out.exit_code == 2
