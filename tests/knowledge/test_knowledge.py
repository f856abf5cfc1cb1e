"""The loader and validator: every broken fixture gets a precise message (file, line,
key), all problems are reported at once, and a trainer's own rule takes effect."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from parcel_doctor.cli.main import app
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.knowledge import loader as knowledge
from parcel_doctor.rules.vocabulary import OPERATORS
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
    assert result.output.startswith("ok: 252 countries")


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
        (
            "stages.toml",
            'overrides = ["delivery-attempted"]',
            'overrides = ["delivery-atempted"]',
            "stage.overrides",
            "'delivery-atempted' is not a known stages id (did you mean 'delivery-attempted'?)",
        ),
        (
            "time_limits.toml",
            "typical_days = 4",
            "typical_days = -4",
            "transit.typical_days",
            "must be 1 or more, not -4",
        ),
        (
            "holding_periods.toml",
            "days = 30",
            "days = 0",
            "holding_period.days",
            "must be 1 or more, not 0",
        ),
        (
            "time_limits.toml",
            "months = 6",
            "days = 180\nmonths = 6",
            "limit.days",
            "a limit needs either days or months (one of them, not both)",
        ),
    ],
)
def test_broken_fact_is_named_with_file_line_and_key(kb_copy, file, old, new, key, message):
    facts, rules = kb_copy
    line = _replace(facts / file, old, new)
    problems = _problems(facts, rules)
    expected = f"{facts / file}:{line}: {key}: {message}"
    assert any(p.startswith(expected) for p in problems), problems


def test_a_limit_with_neither_days_nor_months_is_a_problem_not_a_crash(kb_copy):
    facts, rules = kb_copy
    _replace(facts / "time_limits.toml", "months = 6\n", "")
    result = CliRunner().invoke(
        app, ["facts", "check", "--facts", str(facts), "--rules", str(rules)]
    )
    assert result.exit_code == 1, result.output
    assert "limit.days: a limit needs either days or months" in result.output


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
        (  # a date that is only the latest needs the words for it
            'when.shipment = { last_event = "export" }\nthen.advice = ["contact-customs"]\n'
            'then.due = { from = "$shipment.last_event_on", days = 3, latest = true }',
            "latest = true: advice 'contact-customs' has no text_due_latest",
        ),
        (
            'when.shipment = { last_event = "export" }\n'
            'then.advice = ["recipient-collects-parcel"]\n'
            'then.due = { from = "$shipment.last_event_on", days = 3, latest = "yes" }',
            "then.due: must be { from",
        ),
        (
            'when.shipment = { last_event = "export" }\n'
            'unless.s = { fact = "shipment", origin = "$shipment.destination" }\n'
            'then.situation = "delivered"',
            "an `unless` pattern cannot refer to another fact",
        ),
        # issue 18: names the engine reserves or generates
        (
            'when.shipment = { last_event = "export" }\nthen.fact.note = { sid = "2" }\n'
            'then.situation = "delivered"',
            "'sid' is reserved by the engine",
        ),
        (
            'when.shipment = { sid = "1" }\nthen.situation = "delivered"',
            "'sid' is reserved by the engine",
        ),
        (
            'when.phase__ = { fact = "shipment" }\nthen.situation = "delivered"',
            "'phase__' must be letters, digits, `-` and `_`, without `__`",
        ),
        (
            'when.p = { fact = "phase", n = 2 }\nthen.situation = "delivered"',
            "the phase facts are the engine's own",
        ),
        (
            'when.shipment = { last_event = "export" }\nthen.fact.phase = { n = 1 }',
            "this kind is reserved",
        ),
        (
            'when.shipment = { last_event = "export" }\nthen.fact."a$b" = { n = 1 }',
            "the kind 'a$b' must be letters",
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
    # a postal service answered: with no carrier, service or number the post is not named
    answers = {"destination": "DE", "last_event": "export", "service": "registered-post"}
    result = diagnose(kb, answers, dt.date(2026, 11, 25))
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


# --- issue 9: `facts check` is the truth (each test failed on the code before it) ------


def test_a_misspelt_choice_key_is_one_problem_at_its_line(kb_copy):
    facts, rules = kb_copy
    text = (facts / "questions.toml").read_text()
    at = text.index('label = "It has no record of the number"')
    line = text[:at].count("\n") + 1
    (facts / "questions.toml").write_text(text[:at] + "labl" + text[at + len("label") :])
    problems = _problems(facts, rules)
    assert problems == [
        f"{facts / 'questions.toml'}:{line}: question.choice.labl: unknown key "
        "(did you mean 'label'?); known keys: value, label, wording"
    ]


def test_a_question_left_out_for_one_bad_field_is_not_unknown_to_the_rules(kb_copy):
    """Rules test the answer of a question with a problem: one problem, not one per rule."""
    facts, rules = kb_copy
    text = (facts / "questions.toml").read_text()
    at = text.index("priority", text.index('id = "destination_site"'))
    end = text.index("\n", at)
    line = text[:at].count("\n") + 1
    (facts / "questions.toml").write_text(text[:at] + 'priority = "high"' + text[end:])
    assert _problems(facts, rules) == [
        f"{facts / 'questions.toml'}:{line}: question.priority: must be a whole number, not 'high'"
    ]


def test_plain_values_where_tables_belong_do_not_crash_the_check(kb_copy):
    facts, rules = kb_copy
    (facts / "columns.toml").write_text('column = ["Tracking Number"]\n')
    problems = _problems(facts, rules)
    assert problems == [
        f"{facts / 'columns.toml'}:1: column: must be [[column]] tables, not 'Tracking Number'"
    ]


def test_an_advice_template_naming_an_unknown_fact_or_field_is_refused(kb_copy):
    facts, rules = kb_copy
    line = _replace(
        facts / "advice.toml",
        "{destination.postal_operator|the destination's postal operator}'s own",
        "{destinaton.postal_operator|the destination's postal operator}'s own",
    )
    _replace(facts / "advice.toml", "{carrier.name|the express company}", "{carrier.nme|x}")
    problems = _problems(facts, rules)
    assert len(problems) == 2, problems
    assert problems[0].startswith(
        f"{facts / 'advice.toml'}:{line}: advice.text: {{destinaton...}}: no fact 'destinaton' "
        "(did you mean 'destination'?)"
    )
    assert "{carrier.nme}: carrier has no field 'nme' (did you mean" in (problems[1])


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("Wait until {due.date}.", "{due.date}: due has no fields; write {due}"),
        ("Ask {destination}.", "{destination} names a fact, not a field"),
        ("Ask {destination.name|them.", "a `{` or `}` that is not a placeholder"),
    ],
)
def test_broken_templates(kb_copy, template, message):
    facts, rules = kb_copy
    line = _replace(facts / "advice.toml", "Ask the recipient whether", template + " Then ask")
    problems = _problems(facts, rules)
    assert problems == [f"{facts / 'advice.toml'}:{line}: advice.text: " + message] or any(
        p.startswith(f"{facts / 'advice.toml'}:{line}: advice.text: {message}") for p in problems
    ), problems
    assert len(problems) == 1, problems


@pytest.mark.parametrize(
    ("body", "at"),
    [
        (
            "when.limits = { not-scanned-grace = { known = true } }\n"
            'when.shipment = { last_event = { iss = "export" }, days_since_shipped_on = 3 }\n'
            'then.situation = "delivered"\n',
            7,
        ),
        (
            "[rule.when.shipment]\n"
            'last_event = { iss = "export" }\n'
            'recipient_says = { not = "received" }\n'
            '[rule.then]\nsituation = "delivered"\n',
            7,
        ),
    ],
)
def test_a_typo_in_a_rule_is_one_problem_at_the_typo(kb_copy, body, at):
    facts, rules = kb_copy
    line = _append(rules / "70-mine.toml", RULE + body)
    problems = _problems(facts, rules)
    assert problems == [
        f"{rules / '70-mine.toml'}:{line + at - 1}: rule.when.shipment.last_event: unknown "
        "test 'iss' (did you mean 'is'?); tests: " + ", ".join(OPERATORS)
    ]


def test_one_bad_field_does_not_make_the_entry_unknown_elsewhere(kb_copy):
    facts, rules = kb_copy
    text = (facts / "situations.toml").read_text()
    start = text.index('id = "delivered"')
    at = text.index("urgency = 10", start)
    line = text[:at].count("\n") + 1
    (facts / "situations.toml").write_text(text[:at] + 'urgency = "low"' + text[at + 12 :])
    problems = _problems(facts, rules)
    assert problems == [
        f"{facts / 'situations.toml'}:{line}: situation.urgency: must be a whole number, not 'low'"
    ]


def test_an_entry_keeps_its_other_checks_when_one_field_is_wrong(kb_copy):
    facts, rules = kb_copy
    text = (facts / "countries.toml").read_text()
    start = text.index('code = "DE"')
    for old, new in (('upu_status = "member"', 'upu_status = "x"'), ("upu_via", "upu_via")):
        at = text.index(old, start)
        text = text[:at] + new + text[at + len(old) :]
    at = text.index("tracking_exchange", start)
    text = text[:at] + 'upu_via = ["QQ"]\n' + text[at:]
    (facts / "countries.toml").write_text(text)
    problems = _problems(facts, rules)
    assert len(problems) == 2, problems
    assert "country.upu_status: 'x' is not one of" in problems[0]
    assert "country.upu_via: 'QQ' is not a known countries id" in problems[1]


@pytest.mark.parametrize(
    ("text", "key", "message"),
    [
        ("rule = 3\n", "rule", "must be [[rule]] entries"),
        ('[rule]\nid = "x"\n', "rule", "must be [[rule]] entries"),
        ("[[rule]]\nwhen = 1\n", "rule.when", "must be a table of fact patterns"),
        (RULE + 'when.shipment = ["x"]\nthen.situation = "delivered"\n', "rule.when.shipment", ""),
        (
            RULE + 'when.shipment = { last_event = { is = { a = 1 } } }\nthen.situation = "d"\n',
            "",
            "",
        ),
        (RULE + 'when.shipment = { last_event = [["x"]] }\nthen.situation = "d"\n', "", ""),
        (
            RULE + 'when.shipment = { last_event = 1979-05-27T07:32:00 }\nthen.advice = "a"\n',
            "",
            "",
        ),
        (RULE + 'when.shipment = { last_event = "export" }\nthen = "x"\n', "rule.then", ""),
        (RULE + 'when.shipment = { last_event = "export" }\nthen.fact = 3\n', "rule.then.fact", ""),
        (RULE + 'when.shipment = { last_event = "export" }\nthen.fact.x = { from = 3 }\n', "", ""),
        (RULE + 'when.shipment = { last_event = "export" }\nthen.due = [1]\n', "rule.then.due", ""),
        (RULE + 'when.x = { fact = 3 }\nthen.situation = "delivered"\n', "rule.when.x.fact", ""),
        ('[[rule]]\nid = 3\ntitle = ["x"]\n', "rule.id", "is required (text)"),
        ("[[rule]]\n[[rule]]\n", "rule.title", "is required (text)"),
    ],
)
def test_any_toml_in_a_rule_file_is_a_problem_not_a_crash(kb_copy, text, key, message):
    facts, rules = kb_copy
    (rules / "70-mine.toml").write_text(text)
    problems = _problems(facts, rules)
    mine = [p for p in problems if "70-mine.toml" in p]
    assert mine, problems
    assert any(f": {key}" in p and message in p for p in mine), mine


# --- issue 18: knowledge files are data, not a way in ---------------------------------


def _with_my_rules(kb_copy: tuple[Path, Path], text: str) -> list[str]:
    """The problems once `text` is added to a rule file of the copy."""
    facts, rules = kb_copy
    _append(rules / "70-mine.toml", text)
    return _problems(facts, rules)


def test_a_rule_id_in_the_form_of_a_compiled_variant_is_refused(kb_copy):
    problems = _with_my_rules(
        kb_copy,
        RULE.replace('"mine"', '"quiet-stretch-normal__alt1"')
        + 'when.shipment = { last_event = "export" }\nthen.situation = "delivered"\n',
    )
    assert any("rule.id: 'quiet-stretch-normal__alt1': a rule id is letters" in p for p in problems)


def test_two_rules_sharing_a_title_are_reported(kb_copy):
    problems = _with_my_rules(
        kb_copy,
        RULE.replace('"Mine"', '"Delivered"').replace('"mine"', '"mine-a"')
        + 'when.shipment = { last_event = "export" }\nthen.situation = "delivered"\n'
        + RULE.replace('"Mine"', '"delivered "').replace('"mine"', '"mine-b"')
        + 'when.shipment = { last_event = "customs" }\nthen.situation = "delivered"\n',
    )
    assert any("rule.title: rule 'mine-a' has the same title" in p for p in problems), problems


def test_a_rule_whose_join_can_explode_is_refused(kb_copy):
    """Small rules (one deriving a fact per situation concluded, others joining that
    fact with itself without a reference) made each diagnosis try millions of
    combinations before `facts check` refused them."""
    facts, rules = kb_copy
    block = RULE + 'when.s = { fact = "situation" }\nthen.fact.seen = { name = "$s.name" }\n'
    for n in range(3):
        block += (
            RULE.replace('"mine"', f'"mine-{n}"').replace('"Mine"', f'"Mine {n}"')
            + "".join(f'when.m{i} = {{ fact = "seen" }}\n' for i in range(4))
            + 'then.advice = "contact-recipient"\n'
        )
    _append(rules / "70-mine.toml", block)
    problems = _problems(facts, rules)
    assert len(problems) == 3, problems
    seen = (facts / "situations.toml").read_text().count("[[situation]]")  # one fact each
    assert f"rule mine-0: when: may try {seen**4:,} combinations" in problems[0]
    assert f"m0 ({seen}) x m1 ({seen}) x m2 ({seen}) x m3 ({seen})" in problems[0]


def test_joined_patterns_are_not_counted_as_explosive(kb_copy):
    facts, rules = kb_copy
    _append(
        rules / "70-mine.toml",
        RULE
        + 'when.s = { fact = "situation" }\nthen.fact.seen = { name = "$s.name" }\n'
        + RULE.replace('"mine"', '"mine-2"').replace('"Mine"', '"Mine 2"')
        + 'when.s = { fact = "situation" }\n'
        + "".join(f'when.m{i} = {{ fact = "seen", name = "$s.name" }}\n' for i in range(4))
        + 'then.advice = "contact-recipient"\n',
    )
    assert _problems(facts, rules) == []


def test_a_rule_reading_an_unknown_table_is_one_problem_not_a_crash(kb_copy):
    """`from = "disruptionz"`: reported where it is written (the join-cost estimate,
    which counts the table's rows, used to raise KeyError first)."""
    facts, rules = kb_copy
    path = rules / "25-disruptions.toml"
    text = path.read_text()
    at = text.index('from = "disruptions"')
    line = text[:at].count("\n") + 1
    path.write_text(text[:at] + 'from = "disruptionz"' + text[at + len('from = "disruptions"') :])
    problems = _problems(facts, rules)
    assert len(problems) == 1  # at the fact's table header, the line above `from`
    assert problems[0].startswith(f"{path}:{line - 1}: rule suspensions-for-destination: ")
    assert "unknown table 'disruptionz'" in problems[0]


def test_an_explanation_naming_a_rule_id_is_a_problem(kb_copy):
    # review13 L-R16 addendum: sellers read explanations ("because: ..." and the
    # interview's `?`), and eleven named other rules' ids ("as ask-the-recipient; ...")
    facts, rules = kb_copy
    line = _replace(
        rules / "30-time.toml",
        'explanation = "Transit windows run from the posting date."',
        'explanation = "Transit windows run from the posting date (see clock-from-last-event)."',
    )
    problems = _problems(facts, rules)
    assert problems == [
        f"{rules / '30-time.toml'}:{line}: rule clock-from-posting: explanation: names rule "
        "clock-from-last-event: sellers read explanations; say it in words, and name the "
        "rule in `source`"
    ], problems


def test_an_explanation_naming_a_review_item_is_a_problem(kb_copy):
    # review14 R-R31: 25 explanations carried asides like "(review12 R-R10: ...)", shown to
    # sellers ("because: ...") and to learners (the handbook's "Why:")
    facts, rules = kb_copy
    line = _replace(
        rules / "30-time.toml",
        'explanation = "Transit windows run from the posting date."',
        'explanation = "Transit windows run from the posting date (review12 R-R6)."',
    )
    problems = _problems(facts, rules)
    assert problems == [
        f"{rules / '30-time.toml'}:{line}: rule clock-from-posting: explanation: names review "
        "item 'review12': sellers and learners read it; keep the review's history in a TOML "
        "comment"
    ], problems


@pytest.mark.parametrize(
    ("written", "message"),
    [
        # a bare string was taken letter by letter, and the order silently kept
        ('{ last_event = "label-created" }', "last_event: write the answers as a list"),
        ('{ nosuch = ["x"] }', "'nosuch' is not a choice question"),
        ('{ last_event = ["labl-created"] }', "'labl-created' is not one of its answers"),
    ],
)
def test_after_unless_names_choice_answers_in_a_list(kb_copy, written, message):
    facts, rules = kb_copy
    _replace(
        facts / "questions.toml",
        'after_unless = { last_event = ["label-created"] }',
        f"after_unless = {written}",
    )
    problems = _problems(facts, rules)
    assert len(problems) == 1 and message in problems[0], problems
