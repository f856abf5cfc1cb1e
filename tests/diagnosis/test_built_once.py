"""What `diagnose()` builds once, or only when it is read, gives what building it every
time gave: the messages of a step (filled when first read), what is read from a facts
table (`per_table`: limits, advice, messages, the order of the dates), the allowed
values of a choice question."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st
from parcel_doctor.batch.outcome import Memo
from parcel_doctor.diagnosis import diagnose as diagnosis_module
from parcel_doctor.diagnosis.answers import AnswerError, Checked, normalise_answers
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.diagnosis.per_table import per_table
from parcel_doctor.knowledge import loader as knowledge
from parcel_doctor.teaching import scenarios

ROOT = Path(__file__).resolve().parents[2]
KB = knowledge.load(ROOT / "facts", ROOT / "rules")
SCENARIOS = scenarios.load_folder(ROOT / "tests" / "scenarios")
TODAY = dt.date(2026, 11, 25)


def test_messages_are_filled_only_when_read(monkeypatch: pytest.MonkeyPatch) -> None:
    filled: list[str] = []
    real = diagnosis_module.messages_for

    def counting(templates, advice_id, context, situations):  # type: ignore[no-untyped-def]
        filled.append(advice_id)
        return real(templates, advice_id, context, situations)

    monkeypatch.setattr(diagnosis_module, "messages_for", counting)
    result = diagnose(KB, SCENARIOS[0].answers, SCENARIOS[0].today)
    assert result.advice and filled == []
    first = result.advice[0].messages
    assert filled == [result.advice[0].id]
    assert result.advice[0].messages is first  # filled once
    result.to_json()
    assert sorted(filled) == sorted(step.id for step in result.advice)


def test_messages_read_late_are_the_messages_read_at_once() -> None:
    """Each step keeps its own facts (its own due date): reading its messages after
    every other scenario has been diagnosed, through a memo that hands the same session
    result to identical sessions, gives what reading them at once gave."""
    memo = Memo(KB)
    at_once = [diagnose(KB, s.answers, s.today, memo.infer).to_json()["advice"] for s in SCENARIOS]
    late = [diagnose(KB, s.answers, s.today, memo.infer) for s in SCENARIOS]
    for scenario in SCENARIOS:  # more diagnoses, sharing the memo's results
        diagnose(KB, scenario.answers, scenario.today, memo.infer)
    assert [d.to_json()["advice"] for d in late] == at_once
    # Each step fills its own due date into its messages (facts/messages.toml `{due}`).
    citing = {t["advice"] for t in KB.tables["messages"].values() if "{due|" in t["text"]}
    checked = 0
    for steps in at_once:
        for step in steps:
            if step["id"] in citing and step["due"]:
                assert any(step["due"] in m["text"] for m in step["messages"]), step
                checked += 1
    assert checked


def _with_table(name: str, table: dict) -> knowledge.KnowledgeBase:  # type: ignore[type-arg]
    return dataclasses.replace(KB, tables={**KB.tables, name: table})


def test_choice_values_follow_the_table_they_are_drawn_from() -> None:
    answers = {"last_event": "export"}
    assert normalise_answers(KB, answers, TODAY) == answers
    stages = {k: v for k, v in KB.stages.items() if k != "export"}
    with pytest.raises(AnswerError):
        normalise_answers(_with_table("stages", stages), answers, TODAY)
    assert normalise_answers(KB, answers, TODAY) == answers  # the shipped table again


def test_the_date_order_follows_the_questions_table() -> None:
    answers = {"shipped_on": "2026-10-05", "last_event_on": "2026-10-01"}
    with pytest.raises(AnswerError, match="out of order"):
        normalise_answers(KB, answers, TODAY)
    question = msgspec.structs.replace(KB.questions["last_event_on"], after=msgspec.UNSET)
    unordered = _with_table("questions", {**KB.questions, "last_event_on": question})
    assert normalise_answers(unordered, answers, TODAY)["last_event_on"] == dt.date(2026, 10, 1)


@given(st.text(max_size=12), st.text(max_size=12))
def test_text_with_a_lone_surrogate_is_refused_and_only_that(before: str, after: str) -> None:
    for text in (before + after, before + "\ud800" + after, before + "\udfff" + after):
        surrogate = any("\ud800" <= c <= "\udfff" for c in text)
        try:
            normalise_answers(KB, {"tracking_number": text}, TODAY)
        except AnswerError as error:
            assert ("lone surrogate" in error.errors["tracking_number"]) is surrogate
        else:
            assert not surrogate


def test_what_is_built_from_a_table_is_built_again_for_another_table() -> None:
    built: list[dict[str, int]] = []

    def build(table: dict[str, int]) -> int:
        built.append(table)
        return sum(table.values())

    first = {"a": 1}
    assert per_table(first, build) == per_table(first, build) == 1
    assert built == [first]  # built once
    assert per_table({"a": 2}, build) == 2  # an equal-length table of its own
    first["b"] = 5
    assert per_table(first, build) == 6  # a table that grew
    assert len(built) == 3


def test_advice_texts_follow_the_advice_table() -> None:
    scenario = SCENARIOS[0]
    shipped = diagnose(KB, scenario.answers, scenario.today)
    step = shipped.advice[0]
    renamed = msgspec.structs.replace(KB.advice[step.id], title="Renamed", text="Do {number}.")
    kb = _with_table("advice", {**KB.advice, step.id: renamed})
    again = diagnose(kb, scenario.answers, scenario.today).advice[0]
    number = shipped.inputs.get("tracking_number", "unknown")
    assert (again.id, again.title, again.text) == (step.id, "Renamed", f"Do {number}.")
    assert diagnose(KB, scenario.answers, scenario.today).advice[0].title == step.title


def _normal_forms() -> dict[str, list[object]]:
    """For each answer key, values as sellers write them: every choice's value and label,
    every carrier's id, name and aliases, every country's code and name, dates, yes/no."""
    forms: dict[str, list[object]] = {}
    for key, question in KB.questions.items():
        kind = question["kind"]
        if kind == "choice":
            forms[key] = [w for c in KB.choices(question) for w in (c["value"], c["label"])]
        elif kind == "carrier":
            forms[key] = [
                w for cid, c in KB.carriers.items() for w in (cid, c["name"], *c.get("aliases", []))
            ]
        elif kind == "country":
            forms[key] = [w for code, c in KB.countries.items() for w in (code, c["name"])]
        elif kind == "date":
            forms[key] = ["2026-10-01", "1 Oct 2026", dt.date(2026, 9, 30), "yesterday"]
        elif kind == "yes-no":
            forms[key] = ["yes", "N", True, False]
        else:
            forms[key] = [" rr 123 456 785 cn ", "1Z999AA10123456784"]
    return forms


def test_a_normalised_answer_normalises_to_itself() -> None:
    """What `Checked` answers rely on (a batch row's answers are not normalised twice):
    for every value the knowledge base names, normalising its answer again changes
    nothing, so checking it once gives what checking it twice gave."""
    for key, values in _normal_forms().items():
        for value in values:
            once = normalise_answers(KB, {key: value}, TODAY)
            assert normalise_answers(KB, once, TODAY) == once, (key, value)


def test_checked_answers_are_only_checked_for_their_dates_order() -> None:
    for scenario in SCENARIOS:
        once = normalise_answers(KB, scenario.answers, scenario.today)
        checked = diagnose(KB, Checked(once), scenario.today).to_json()
        assert checked == diagnose(KB, scenario.answers, scenario.today).to_json()
    out_of_order = {"shipped_on": dt.date(2026, 10, 5), "last_event_on": dt.date(2026, 10, 1)}
    with pytest.raises(AnswerError, match="out of order") as error:
        normalise_answers(KB, Checked(out_of_order), TODAY)
    assert list(error.value.errors) == ["last_event_on"]
    result = normalise_answers(KB, Checked({"last_event": "export"}), TODAY)
    assert type(result) is dict and result == {"last_event": "export"}


def test_checked_answers_are_not_normalised_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from parcel_doctor.diagnosis import answers

    seen: list[str] = []
    real = answers._one

    def counting(kb, question, value, today):  # type: ignore[no-untyped-def]
        seen.append(value)
        return real(kb, question, value, today)

    monkeypatch.setattr(answers, "_one", counting)
    normalise_answers(KB, Checked({"destination": "DE", "last_event": "export"}), TODAY)
    assert seen == []
    normalise_answers(KB, {"destination": "DE", "last_event": "export"}, TODAY)
    assert seen == ["DE", "export"]


def test_a_steps_words_are_filled_only_when_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """A step's text, links and missing pages are filled when first read (a batch row
    reads only its first step's); read late they are what they were read at once
    (`test_messages_read_late_are_the_messages_read_at_once` compares the whole JSON)."""
    filled: list[str] = []
    real = diagnosis_module.fill_template

    def counting(template, context):  # type: ignore[no-untyped-def]
        filled.append(template)
        return real(template, context)

    monkeypatch.setattr(diagnosis_module, "fill_template", counting)
    scenario = max(SCENARIOS, key=lambda s: len(diagnose(KB, s.answers, s.today).advice))
    filled.clear()
    result = diagnose(KB, scenario.answers, scenario.today)
    assert len(result.advice) > 1 and filled == []
    first = result.advice[0]
    assert first.text and filled == [KB.advice[first.id]["text"]]
    _ = first.urls, first.pages_not_known, first.text
    assert len(filled) == 1  # filled once
    result.to_json()
    assert len(filled) == len(result.advice)
