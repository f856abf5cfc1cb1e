"""The loader and validator: every broken fixture gets a precise message (file, line,
key), all problems are reported at once, and a trainer's own rule takes effect."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from parcel_doctor.cli.main import app
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader as knowledge
from typer.testing import CliRunner


def _problems(facts: Path, rules: Path) -> list[str]:
    _, problems = knowledge.check(facts, rules)
    return [str(p) for p in problems]


def _replace(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in the file; return the 1-based line where it stood."""
    text = path.read_text()
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old) :])
    return text[:at].count("\n") + 1


def _append(path: Path, block: str) -> int:
    """Append a block (creating the file if need be); return its first line's number."""
    text = path.read_text() if path.exists() else ""
    path.write_text(text + "\n" + block)
    return text.count("\n") + 2 if text else 2


def test_shipped_knowledge_base_is_clean():
    result = CliRunner().invoke(app, ["facts", "check"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: 250 countries")


@pytest.mark.parametrize(
    ("file", "old", "new", "key", "message"),
    [
        (
            "countries.toml",
            'postal_operator = "Deutsche Post"',
            'postal_operater = "x"',
            "country.postal_operater",
            "unknown key (did you mean 'postal_operator'?)",
        ),
        (
            "countries.toml",
            'upu_status = "member"',
            'upu_status = "memeber"',
            "country.upu_status",
            "'memeber' is not one of: member, covered, observer, non-member",
        ),
        (
            "time_limits.toml",
            "typical_days = 4",
            'typical_days = "four"',
            "transit.typical_days",
            "must be a whole number, not 'four'",
        ),
        (
            "countries.toml",
            'upu_via = ["CN"]',
            'upu_via = ["QQ"]',
            "country.upu_via",
            "'QQ' is not a known countries id",
        ),
        (
            "carriers.toml",
            'id = "fedex"',
            'id = "dhl-express"',
            "carrier.id",
            "duplicate id 'dhl-express' (first at line",
        ),
        (
            "questions.toml",
            'kind = "yes-no"',
            'kind = "yesno"',
            "question.kind",
            "'yesno' is not one of: choice, yes-no",
        ),
    ],
)
def test_broken_fact_is_named_with_file_line_and_key(kb_copy, file, old, new, key, message):
    facts, rules = kb_copy
    line = _replace(facts / file, old, new)
    problems = _problems(facts, rules)
    expected = f"{facts / file}:{line}: {key}: {message}"
    assert any(p.startswith(expected) for p in problems), problems


def test_malformed_toml_names_the_line(kb_copy):
    facts, rules = kb_copy
    line = _append(facts / "carriers.toml", '[[carrier]]\nid = "x"\nname = \n')
    problems = _problems(facts, rules)
    assert f"{facts / 'carriers.toml'}:{line + 2}: is not valid TOML: Invalid value" in problems


def test_a_fact_without_sources_is_refused(kb_copy):
    facts, rules = kb_copy
    text = (facts / "stages.toml").read_text()
    start = text.index("sources = [", text.index('id = "customs"'))
    end = text.index("]", start) + 1
    (facts / "stages.toml").write_text(text[:start] + "sources = []" + text[end:])
    problems = _problems(facts, rules)
    assert any("stage.sources: must list at least one source" in p for p in problems), problems


def test_every_problem_is_reported_not_just_the_first(kb_copy):
    facts, rules = kb_copy
    _replace(facts / "countries.toml", 'upu_status = "member"', 'upu_status = "x"')
    _replace(facts / "carriers.toml", 'kind = "express-courier"', 'kind = "courier"')
    _replace(rules / "40-progress.toml", 'last_event = "customs"', 'last_event = "custom"')
    result = CliRunner().invoke(
        app, ["facts", "check", "--facts", str(facts), "--rules", str(rules)]
    )
    assert result.exit_code == 1
    assert "country.upu_status" in result.output
    assert "carrier.kind" in result.output
    assert "'custom' is not a value shipment.last_event can take (did you mean 'customs'?)" in (
        result.output
    )


RULE = """[[rule]]
id = "mine"
title = "Mine"
explanation = "A trainer's rule."
source = "a test"
"""


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            'when.shipmnt = { last_event = "export" }\nthen.situation = "delivered"',
            "unknown fact kind 'shipmnt' (did you mean 'shipment'?)",
        ),
        (
            'when.shipment = { last_evnt = "export" }\nthen.situation = "delivered"',
            "shipment has no field 'last_evnt' (did you mean 'last_event'?)",
        ),
        (
            'when.shipment = { last_event = "export" }\nthen.situation = "deliverd"',
            "unknown situation 'deliverd' (did you mean 'delivered'?)",
        ),
        (
            'when.shipment = { last_event = "export" }\nthen.advice = ["wait"]',
            "unknown advice 'wait'",
        ),
        (
            'when.shipment = { last_event = "export" }\nthen.ask = ["colour"]',
            "unknown question 'colour'",
        ),
        ('when.hunch = { level = 3 }\nthen.situation = "delivered"', "unknown fact kind 'hunch'"),
        (
            'when.done = { fact = "situation", name = "delivered" }\n'
            'when.x = { fact = "situation", name = "likely-lost" }\nthen.advice = ["wait-until"]\n'
            'then.due = { from = "$clock.since", days = 3 }',
            "$clock.since names 'clock', which is not a fact matched in `when`",
        ),
        (
            'when.shipment = { last_event = { between = [1, 2] } }\nthen.situation = "delivered"',
            "unknown test 'between'",
        ),
        (
            'when.shipment = { last_event = "export" }\n'
            'unless.s = { fact = "shipment", origin = "$shipment.destination" }\n'
            'then.situation = "delivered"',
            "an `unless` pattern cannot refer to another fact",
        ),
    ],
)
def test_broken_rule_is_named(kb_copy, body, message):
    facts, rules = kb_copy
    _append(rules / "70-mine.toml", RULE + body + "\n")
    problems = _problems(facts, rules)
    assert any(message in p and "70-mine.toml" in p for p in problems), problems


def test_rule_that_can_never_fire_and_unreached_conclusions(kb_copy):
    facts, rules = kb_copy
    _append(
        rules / "70-mine.toml",
        RULE + 'when.mood = { fact = "gloom" }\nthen.situation = "delivered"\n',
    )
    _append(
        facts / "situations.toml",
        '[[situation]]\nid = "orphan"\ntitle = "O"\n'
        'summary = "S"\nrecognise = "R"\nurgency = 5\nsources = ["test"]\n',
    )
    problems = _problems(facts, rules)
    assert any("unknown fact kind 'gloom'" in p for p in problems)
    assert any(p.endswith("situation orphan: no rule concludes it") for p in problems), problems


def test_condition_on_a_conclusion_no_rule_makes_can_never_fire(kb_copy):
    facts, rules = kb_copy
    _append(
        facts / "situations.toml",
        '[[situation]]\nid = "orphan"\ntitle = "O"\n'
        'summary = "S"\nrecognise = "R"\nurgency = 5\nsources = ["test"]\n',
    )
    _append(
        rules / "70-mine.toml",
        RULE + 'when.situation = { name = "orphan" }\nthen.advice = ["wait-until"]\n',
    )
    problems = _problems(facts, rules)
    assert any(
        "when.situation: can never fire: no rule concludes situation orphan" in p for p in problems
    ), problems


def test_negation_cycle_is_reported(kb_copy):
    facts, rules = kb_copy
    _append(
        rules / "70-mine.toml",
        RULE + 'when.shipment = { last_event = "export" }\n'
        'unless.s = { fact = "situation", name = "delivered" }\nthen.situation = "likely-lost"\n'
        + RULE.replace('"mine"', '"mine-2"')
        + 'when.shipment = { last_event = "export" }\n'
        'unless.s = { fact = "situation", name = "likely-lost" }\nthen.situation = "delivered"\n',
    )
    problems = _problems(facts, rules)
    assert any(
        "negate each other's conclusions in a cycle" in p and "mine" in p for p in problems
    ), problems


def test_a_trainers_new_rule_takes_effect(kb_copy):
    """A rule added in a temporary rules folder is compiled and its conclusion shows."""
    facts, rules = kb_copy
    _append(
        rules / "70-mine.toml",
        RULE + 'when.destination = { code = "DE" }\n'
        'when.shipment = { last_event = "export" }\n'
        'then.advice = ["contact-destination-operator"]\n',
    )
    kb = knowledge.load(facts, rules)
    result = diagnose(kb, {"destination": "DE", "last_event": "export"}, dt.date(2026, 11, 25))
    step = next(a for a in result.advice if a.id == "contact-destination-operator")
    assert step.rules == ["mine"]
    assert step.text.startswith("Contact Deutsche Post")
    assert "mine" in [t.rule for t in result.trace]


def test_missing_folder_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["facts", "check", "--facts", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "the facts folder does not exist" in result.output


def test_country_lookup_takes_names_in_any_case_and_suggests(kb):
    assert kb.find_country("hong kong") == "HK"
    assert kb.find_country("de") == "DE"
    assert kb.find_country("Türkiye") == "TR"
    with pytest.raises(knowledge.UnknownName) as error:
        kb.find_country("Germny")
    assert "Germany (DE)" in str(error.value)
