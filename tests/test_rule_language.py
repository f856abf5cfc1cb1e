"""The readable forms of the rule language (rules/README.md): date tests, `id` and
`kind` in derived facts, and `unless_situation` mean exactly what the long forms do."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from parcel_doctor.inference.compiler import compile_test
from parcel_doctor.knowledge import loader
from parcel_doctor.rules.model import Condition, FieldTest, Ref
from parcel_doctor.rules.parser import parse_rule_files
from parcel_doctor.teaching import scenarios

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = [
    *scenarios.load_folder(ROOT / "tests" / "scenarios"),
    *scenarios.load_folder(ROOT / "cases"),
]

# Long form -> readable form; each must apply somewhere in the shipped rules.
DATE = {"at_least": "on_or_before", "at_most": "on_or_after", "more_than": "before"}
READABLE = [
    (  # days_since_A = { at_least = "$x.days_since_B" }  ->  A = { on_or_before = "$x.B" }
        re.compile(
            r'\bdays_since_(\w+) = \{ (at_least|at_most|more_than) = "\$(\w+)\.days_since_(\w+)" \}'
        ),
        lambda m: f'{m[1]} = {{ {DATE[m[2]]} = "${m[3]}.{m[4]}" }}',
    ),
    (  # days_since_A = { at_least = 0 }  ->  A = { on_or_before = "today" }
        re.compile(r"\bdays_since_(\w+) = \{ (at_least|more_than) = 0 \}"),
        lambda m: f'{m[1]} = {{ {DATE[m[2]]} = "today" }}',
    ),
    (  # unless.closed = { fact = "situation", name = ... }  ->  unless_situation = ...
        re.compile(
            r'^unless\.\w+ = \{ fact = "situation", name = '
            r'(?:\{ in = )?(\[[^]]*\]|"[^"]*")(?: \})? \}$',
            re.M,
        ),
        lambda m: f"unless_situation = {m[1]}",
    ),
    (  # a record's key and type are its id and kind
        re.compile(r"^(when\.\w+ = \{.*?)\b(key|type) = ", re.M),
        lambda m: f"{m[1]}{ {'key': 'id', 'type': 'kind'}[m[2]] } = ",
    ),
    (re.compile(r"^type = ", re.M), lambda m: "kind = "),
    (
        re.compile(r'"\$(\w+)\.(key|type)"'),
        lambda m: f'"${m[1]}.{ {"key": "id", "type": "kind"}[m[2]] }"',
    ),
]


def _readable_copy(tmp_path: Path) -> tuple[Path, dict[int, int]]:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    applied = dict.fromkeys(range(len(READABLE)), 0)
    for path in rules.glob("*.toml"):
        text = path.read_text()
        for number, (pattern, replace) in enumerate(READABLE):
            text, count = pattern.subn(replace, text)
            applied[number] += count
        path.write_text(text)
    return rules, applied


def test_readable_rules_diagnose_every_golden_case_as_the_long_forms(tmp_path):
    rules, applied = _readable_copy(tmp_path)
    assert all(applied.values()), applied  # every readable form is exercised
    shipped = loader.load(ROOT / "facts", ROOT / "rules")
    readable = loader.load(ROOT / "facts", rules)
    assert len(readable.rules) == len(shipped.rules)
    for case in GOLDEN:
        expected, _ = scenarios.run_scenario(shipped, case)
        got, _ = scenarios.run_scenario(readable, case)
        assert json.dumps(got.to_json(), sort_keys=True) == json.dumps(
            expected.to_json(), sort_keys=True
        ), case.id


@pytest.mark.parametrize(
    ("test", "compiled"),
    [
        (
            FieldTest("from", "on_or_before", Ref("shipment", "shipped_on")),
            {"$gte": {"days_since_from": {"shipment": "days_since_shipped_on"}}},
        ),
        (
            FieldTest("until", "before", Ref("shipment", "shipped_on")),
            {"$gt": {"days_since_until": {"shipment": "days_since_shipped_on"}}},
        ),
        (FieldTest("until", "after", "today"), {"$lt": {"days_since_until": 0}}),
        (FieldTest("until", "on_or_after", "today"), {"$lte": {"days_since_until": 0}}),
    ],
)
def test_date_tests_compile_to_day_counts(test, compiled):
    assert compile_test(test) == [compiled]


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (
            'when.shipment = { last_event = { before = "today" } }',
            "`before` tests a date, and shipment.last_event is not one",
        ),
        (
            'when.shipment = { shipped_on = { before = "2026-01-01" } }',
            '`before` compares with another date field ($fact.field) or "today"',
        ),
        (
            'when.shipment = { shipped_on = { before = "$shipment.last_event" } }',
            "$shipment.last_event: shipment.last_event is not a date",
        ),
    ],
)
def test_date_tests_need_dates(kb_copy, when, message):
    facts, rules = kb_copy
    (rules / "70-mine.toml").write_text(
        '[[rule]]\nid = "mine"\ntitle = "Mine"\nexplanation = "e"\nsource = "s"\n'
        f'{when}\nthen.situation = "delivered"\n'
    )
    _, problems = loader.check(facts, rules)
    assert any(message in str(p) for p in problems), problems


@pytest.mark.parametrize(
    ("written", "test"),
    [
        ('"delivered"', FieldTest("name", "is", "delivered")),
        ('["delivered", "likely-lost"]', FieldTest("name", "in", ["delivered", "likely-lost"])),
    ],
)
def test_unless_situation_is_a_negated_situation(tmp_path, written, test):
    (tmp_path / "mine.toml").write_text(
        '[[rule]]\nid = "mine"\ntitle = "Mine"\nexplanation = "e"\nsource = "s"\n'
        f'when.shipment = {{ last_event = "export" }}\nunless_situation = {written}\n'
        'then.advice = "contact-recipient"\n'
    )
    problems: list = []
    (rule,) = parse_rule_files(tmp_path, problems).rules
    assert problems == []
    assert rule.unless == (Condition("unless_situation", "situation", (test,)),)


def test_id_and_kind_are_the_engines_key_and_type(tmp_path):
    (tmp_path / "mine.toml").write_text(
        '[[rule]]\nid = "mine"\ntitle = "Mine"\nexplanation = "e"\nsource = "s"\n'
        'when.carrier = { id = "dhl", kind = { in = ["express-courier"] } }\n'
        'then.fact.seen = { id = "$carrier.id", kind = "$carrier.kind" }\n'
    )
    problems: list = []
    (rule,) = parse_rule_files(tmp_path, problems).rules
    assert problems == []
    assert [t.field for t in rule.when[0].tests] == ["key", "type"]
    assert rule.facts[0].fields == {"key": Ref("carrier", "key"), "type": Ref("carrier", "type")}


def test_the_examples_in_rules_readme_pass_facts_check(tmp_path):
    """Every ```toml example of rules/README.md, added to the shipped rules (with an id
    and title of its own), passes facts check."""
    readme = (ROOT / "rules" / "README.md").read_text()
    examples = re.findall(r"```toml\n(.*?)```", readme, re.S)
    assert len(examples) >= 2
    for number, example in enumerate(examples):
        rules = tmp_path / f"rules-{number}"
        shutil.copytree(ROOT / "rules", rules)
        example = re.sub(r'^id = "[^"]*"', f'id = "example-{number}"', example, flags=re.M)
        example = re.sub(r'^title = "[^"]*"', f'title = "Example {number}"', example, flags=re.M)
        (rules / "99-example.toml").write_text(example)
        _, problems = loader.check(ROOT / "facts", rules)
        assert problems == [], (number, problems)
