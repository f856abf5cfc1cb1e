"""The readable forms of the rule language (rules/README.md): date tests, `id` and
`kind` in derived facts, and `unless_situation` mean exactly what the long forms do."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import tomllib
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.inference.compiler import compile_test
from parcel_doctor.knowledge import loader
from parcel_doctor.rules.model import Condition, FieldTest, Ref
from parcel_doctor.rules.parser import parse_rule_files
from parcel_doctor.teaching import scenarios

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = [
    *scenarios.load_folder(ROOT / "tests" / "scenarios"),
    *scenarios.load_folder(ROOT / "cases"),
]

# The shipped rules are written in the readable forms; the test writes a copy in the long
# forms the engine compiles them to (day counts, a negated situation pattern, key and
# type) and checks that both diagnose alike. Each form must occur in the shipped rules.
DAYS = {
    "before": "more_than",
    "on_or_before": "at_least",
    "after": "less_than",
    "on_or_after": "at_most",
}
ENGINE = {"id": "key", "kind": "type"}


def _ref(value: object, used: Counter[str]) -> object:
    if isinstance(value, str) and re.fullmatch(r"\$[\w-]+\.(id|kind)", value):
        used["id/kind"] += 1
        label, _, name = value.partition(".")
        return f"{label}.{ENGINE[name]}"
    if isinstance(value, list):
        return [_ref(v, used) for v in value]
    return value


def _day_count(date: str, used: Counter[str]) -> object:
    """A date test's value as the day count it compares with: `$a.d + $b.n` is
    `$a.days_since_d - $b.n` (a later date has fewer days since it)."""
    base, _, offset = date.partition(" ")
    days = 0 if base == "today" else _ref(base, used).replace(".", ".days_since_", 1)
    if not offset:
        return days
    used["date offset"] += 1
    sign, amount = offset.split()
    flipped = {"+": "-", "-": "+"}[sign]
    if days == 0:  # today - N is N days since; today - $b.n is $b.n days since
        if amount.isdigit():
            return int(flipped + amount)
        assert flipped == "+", date  # no shipped rule dates anything after today
        return _ref(amount, used)
    return f"{days} {flipped} {_ref(amount, used)}"


def _long_tests(tests: dict[str, Any], used: Counter[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, spec in tests.items():
        if name == "fact":
            out[name] = spec
            continue
        if isinstance(spec, dict) and spec and set(spec) <= set(DAYS):
            used["date test"] += 1
            out[f"days_since_{name}"] = {DAYS[op]: _day_count(v, used) for op, v in spec.items()}
            continue
        if name in ENGINE:
            used["id/kind"] += 1
        spec = {op: _ref(v, used) for op, v in spec.items()} if isinstance(spec, dict) else spec
        out[ENGINE.get(name, name)] = _ref(spec, used)
    return out


def _long_rule(rule: dict[str, Any], used: Counter[str]) -> dict[str, Any]:
    out = dict(rule)
    out["when"] = {label: _long_tests(p, used) for label, p in rule["when"].items()}
    unless = {label: _long_tests(p, used) for label, p in rule.get("unless", {}).items()}
    if "unless_situation" in rule:
        used["unless_situation"] += 1
        names = rule.pop("unless_situation")
        out.pop("unless_situation")
        unless["long_form"] = {
            "fact": "situation",
            "name": {"in": names} if isinstance(names, list) else names,
        }
    if unless:
        out["unless"] = unless
    then = dict(rule["then"])
    if "fact" in then:
        then["fact"] = {
            kind: {
                ENGINE.get(f, f) if f not in ("from", "key", "where") else f: _ref(v, used)
                for f, v in spec.items()
            }
            for kind, spec in then["fact"].items()
        }
    out["then"] = then
    return out


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, (dt.date, int, float)):
        return str(value)
    return json.dumps(value)


def _long_copy(tmp_path: Path) -> tuple[Path, Counter[str]]:
    rules = tmp_path / "rules"
    rules.mkdir()
    used: Counter[str] = Counter()
    for path in sorted((ROOT / "rules").glob("*.toml")):
        entries = tomllib.loads(path.read_text())["rule"]
        text = "".join(
            "[[rule]]\n"
            + "".join(f"{key} = {_toml(value)}\n" for key, value in _long_rule(r, used).items())
            for r in entries
        )
        (rules / path.name).write_text(text)
    return rules, used


def test_readable_rules_diagnose_every_golden_case_as_the_long_forms(tmp_path):
    rules, used = _long_copy(tmp_path)
    assert set(used) == {"date test", "date offset", "unless_situation", "id/kind"}, (
        used
    )  # each form is used
    shipped = loader.load(ROOT / "facts", ROOT / "rules")
    long = loader.load(ROOT / "facts", rules)
    assert len(long.rules) == len(shipped.rules)
    for case in GOLDEN:
        expected, _ = scenarios.run_scenario(shipped, case)
        got, _ = scenarios.run_scenario(long, case)
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
    assert compile_test(test) == compiled


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
        # malformed offsets: each a problem at the rule's line, never a crash
        (
            'when.shipment = { shipped_on = { before = "$shipment.last_event_on + lots" } }',
            'optionally plus or minus days ("$fact.date + 30", "today - $fact.days"), '
            "not '$shipment.last_event_on + lots'",
        ),
        (
            'when.shipment = { shipped_on = { before = "$shipment.last_event_on+3" } }',
            "not '$shipment.last_event_on+3'",
        ),
        (
            'when.shipment = { shipped_on = { before = "$shipment.last_event_on * 2" } }',
            "not '$shipment.last_event_on * 2'",
        ),
        (
            'when.shipment = { shipped_on = { before = "today + $limits.origin-idle" } }',
            "$limits.origin-idle names 'limits', which is not a fact matched in `when`",
        ),
        (
            "when.limits = { origin-idle = { known = true } }\n"
            'when.shipment = { shipped_on = { before = "$shipment.last_event_on + '
            '$limits.orign-idle" } }',
            "$limits.orign-idle: limits has no field 'orign-idle'",
        ),
        (
            'when.shipment = { shipped_on = { before = "$shipment.last_event_on + '
            '$shipment.shipped_on" } }',
            "$shipment.shipped_on: shipment.shipped_on is a date, not a number of days",
        ),
        (
            'when.shipment = { shipped_on = { before = "$shipment.last_event + 3" } }',
            "$shipment.last_event: shipment.last_event is not a date",
        ),
        (
            'when.shipment = { days_since_shipped_on = { more_than = "today + 3" } }',
            "`more_than` compares numbers; 'today' is a date ('today + 3')",
        ),
        (
            "when.shipment = { shipped_on = { known = true } }\n"
            'unless.old = { fact = "shipment", '
            'last_event_on = { before = "$shipment.shipped_on - 3" } }',
            "an `unless` pattern cannot refer to another fact",
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


@pytest.mark.parametrize(
    "when",
    [
        # a pattern may name a `when` fact written after it (the compiler orders them)
        'when.origin = { code = "$shipment.destination" }\nwhen.shipment = { destination = "DE" }',
        # or a field of its own fact
        'when.shipment = { destination = "DE", last_event_on = { on_or_after = '
        '"$shipment.shipped_on + 3" } }',
    ],
)
def test_a_reference_to_any_fact_of_when_loads_and_fires(kb_copy, when):
    facts, rules = kb_copy
    (rules / "70-mine.toml").write_text(
        '[[rule]]\nid = "mine"\ntitle = "Mine"\nexplanation = "e"\nsource = "s"\n'
        f'{when}\nthen.situation = "delivered"\n'
    )
    kb, problems = loader.check(facts, rules)
    assert problems == []
    answers = {
        "origin": "DE",
        "destination": "DE",
        "shipped_on": dt.date(2026, 11, 1),
        "last_event": "in-destination-network",
        "last_event_on": dt.date(2026, 11, 4),
    }
    fired = {f.rule.id for f in diagnose(kb, answers, dt.date(2026, 11, 5)).firings}
    assert "mine" in fired
