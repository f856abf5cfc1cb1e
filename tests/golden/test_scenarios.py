"""Golden scenarios: each file in tests/scenarios/ is a shipment with the situations and
advice the rules must conclude, run through `diagnose()`, the command's own code path."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from parcel_doctor.cli.main import app
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.teaching import scenarios
from typer.testing import CliRunner

FOLDER = Path(__file__).resolve().parents[1] / "scenarios"
ALL = scenarios.load_folder(FOLDER)


@pytest.mark.parametrize("scenario", ALL, ids=[s.id for s in ALL])
def test_scenario_concludes_what_it_expects(kb: KnowledgeBase, scenario: scenarios.Scenario):
    result, mismatches = scenarios.run_scenario(kb, scenario)
    assert mismatches == [], f"{scenario.path.name}: " + "; ".join(mismatches)
    fired = [step.rule for step in result.trace]
    for situation in result.situations:
        assert situation.rules, situation.id
        assert set(situation.rules) <= set(fired)
    for step in result.advice:
        assert set(step.rules) <= set(fired)


def test_every_situation_and_advice_is_produced_by_some_scenario(kb: KnowledgeBase):
    situations: set[str] = set()
    advice: set[str] = set()
    for scenario in ALL:
        result, _ = scenarios.run_scenario(kb, scenario)
        situations |= {s.id for s in result.situations}
        advice |= {a.id for a in result.advice}
    assert set(kb.situations) - situations == set()
    assert set(kb.advice) - advice == set()


def test_the_command_gives_the_scenario_result(kb: KnowledgeBase, tmp_path: Path):
    scenario = next(s for s in ALL if s.id == "late-after-export")
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(scenario.answers, default=str))
    args = ["diagnose", "--json", "--today", scenario.today.isoformat(), "--answers", str(answers)]
    out = CliRunner().invoke(app, args)
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert [s["id"] for s in data["situations"]] == scenario.situations
    assert [a["id"] for a in data["advice"]] == scenario.advice
    assert {"rule", "title", "facts"} <= set(data["trace"][0])
    wait = next(a for a in data["advice"] if a["id"] == "wait-until")
    assert wait["due"] == "2026-12-04"
    site = next(a for a in data["advice"] if a["id"] == "check-destination-operator-site")
    assert "Deutsche Post" in site["text"]
    assert site["urls"] == [
        "https://www.deutschepost.de/de/s/sendungsverfolgung.html?piececode=RR123456785CN"
    ]
    assert data["missing"] == []
    assert data["inputs"]["destination"] == "DE"


def test_confirmed_receipt_closes_the_case(kb: KnowledgeBase):
    """Stratification: `likely-lost` negates `delivered`, which another rule derives."""
    silent = {
        "tracking_number": "RR135724682CN",
        "destination": "BR",
        "last_event": "export",
        "shipped_on": "2026-08-01",
        "last_event_on": "2026-08-06",
    }
    today = dt.date(2026, 11, 25)
    lost = diagnose(kb, silent, today)
    assert "likely-lost" in [s.id for s in lost.situations]
    closed = diagnose(kb, {**silent, "recipient_says": "received"}, today)
    assert [s.id for s in closed.situations] == ["delivered"]
    assert not {"file-inquiry", "decide-reship-or-refund"} & {a.id for a in closed.advice}
