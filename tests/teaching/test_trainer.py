"""The trainers' commands: rules, explain, cases, quiz, handbook; and every case as a
golden scenario, so a case whose expectation drifts from the rules fails the build."""

from __future__ import annotations

import json
import random
import shutil
import signal
import sys
from pathlib import Path

import pexpect
import pytest
from child_processes import HANG_AFTER
from parcel_doctor.cli.main import app
from parcel_doctor.knowledge.loader import KnowledgeBase, check
from parcel_doctor.teaching import explain, quiz, scenarios
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
CASES = scenarios.load_folder(ROOT / "cases")


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


# --------------------------------------------------------------------------- cases


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_concludes_what_it_expects(kb: KnowledgeBase, case: scenarios.Scenario):
    result, mismatches = scenarios.run_scenario(kb, case)
    assert mismatches == [], f"{case.path.name}: " + "; ".join(mismatches)
    assert [s.id for s in result.situations] == case.situations
    assert [a.id for a in result.advice] == case.advice
    assert case.story and case.teaching_notes


def test_every_situation_has_a_case(kb: KnowledgeBase):
    taught = {s for c in CASES for s in c.situations}
    assert set(kb.situations) - taught == set()


def test_cases_list_and_show():
    out = invoke("cases", "list", "--json")
    assert out.exit_code == 0, out.output
    listed = json.loads(out.stdout)
    assert {c["id"] for c in listed} == {c.id for c in CASES}
    assert {"id", "title", "situations"} <= set(listed[0])
    out = invoke("cases", "show", "customs-ems-gb")
    assert out.exit_code == 0
    assert "Story" in out.stdout and "Teaching notes" in out.stdout
    assert "Held by customs in the destination country" in out.stdout
    out = invoke("cases", "show", "customs-ems")
    assert out.exit_code == 1
    assert "customs-ems-gb" in out.stderr


def test_cases_run_replays_the_rules():
    out = invoke("cases", "run", "customs-ems-gb")
    assert out.exit_code == 0, out.output
    text = out.stdout
    assert "held-by-customs: Held by import customs" in text
    assert "matched shipment:" in text and "-> situation held-in-customs" in text
    assert text.index("held-by-customs:") < text.index("customs-holding-period:")
    assert "matches: situations, advice and rules as expected" in text


def test_cases_run_reports_a_drifted_case(tmp_path: Path):
    text = (ROOT / "cases" / "customs-ems-gb.toml").read_text()
    (tmp_path / "drift.toml").write_text(text.replace('"held-in-customs"]', '"likely-lost"]'))
    out = invoke("cases", "run", "drift", "--cases", str(tmp_path))
    assert out.exit_code == 1
    assert "expected but not concluded: likely-lost" in out.stdout


def test_a_case_file_can_be_named_by_its_path(tmp_path: Path):
    # a trainer's own case, or a file copied from cases/real/, named by its path: was
    # "unknown case 'cases/real/x.toml'" (a case of the folder named x.toml is found too)
    text = (ROOT / "cases" / "customs-ems-gb.toml").read_text()
    (tmp_path / "drift.toml").write_text(text.replace('"held-in-customs"]', '"likely-lost"]'))
    out = invoke("cases", "run", str(tmp_path / "drift.toml"))
    assert out.exit_code == 1
    assert "expected but not concluded: likely-lost" in out.stdout
    assert invoke("cases", "show", str(tmp_path / "drift.toml")).exit_code == 0
    by_name = invoke("cases", "run", "customs-ems-gb.toml")
    assert by_name.exit_code == 0 and "matches: situations, advice and rules" in by_name.stdout
    (tmp_path / "bad.toml").write_text('title = "x"\n')
    bad = invoke("cases", "run", str(tmp_path / "bad.toml"))
    assert bad.exit_code == 2 and "bad.toml" in bad.stderr and "Traceback" not in bad.output
    missing = invoke("cases", "run", str(tmp_path / "nowhere.toml"))
    assert missing.exit_code == 1 and "unknown case 'nowhere'" in missing.stderr


def test_a_broken_case_file_is_an_error_not_a_traceback(tmp_path: Path):
    (tmp_path / "bad.toml").write_text('title = "x"\n')
    out = invoke("cases", "list", "--cases", str(tmp_path))
    assert out.exit_code == 2
    assert "bad.toml" in out.stderr and "today" in out.stderr


# --------------------------------------------------------------------------- rules


def test_rules_list(kb: KnowledgeBase):
    out = invoke("rules", "list", "--json")
    assert out.exit_code == 0
    rules = json.loads(out.stdout)
    assert len(rules) == len(kb.rules)
    assert set(rules[0]) == {"id", "title", "explanation", "source", "file"}
    assert rules[0]["file"].startswith("rules/")
    text = invoke("rules", "list").stdout
    assert "moving-but-late: Late, but not yet given up" in text


def test_rules_show(kb: KnowledgeBase):
    out = invoke("rules", "show", "moving-but-late")
    assert out.exit_code == 0
    for part in (
        "When",
        "the silence is “late”",
        "Unless",
        "the situations “Delivered”, “Received, but damaged or incomplete” was concluded",
        "conclude: Later than the service's normal transit time",
    ):
        assert part in out.stdout
    rule = next(r for r in kb.rules if r.id == "moving-but-late")
    layer = kb.graph.layer(rule)  # after the rules it negates: below it, route windows
    assert layer >= 2 and f"Layer {layer}" in out.stdout
    assert "rules/40-progress.toml:" in out.stdout
    out = invoke("rules", "show", "moving-late")
    assert out.exit_code == 1 and "moving-but-late" in out.stderr


# --------------------------------------------------------------------------- explain


def test_explain_chain_reaches_the_answers(kb: KnowledgeBase):
    data = explain.explanation(kb, explain.Subject("situation", "transit-delayed"))
    chain = "\n".join(data["leads_from"])
    assert "<- moving-but-late" in chain
    assert "<- past-normal-window" in chain  # derives silence: state=late
    assert "within-normal-window" not in chain  # derives state=normal: not a way there
    assert "<- transit-window-of-service" in chain and "(the seller's answers)" in chain
    assert any("act-at-silence-limit" in line for line in data["leads_to"])


def test_explain_command_for_each_kind():
    out = invoke("explain", "file-inquiry")
    assert out.exit_code == 0
    assert "advice file-inquiry" in out.stdout and "<- inquiry-deadline" in out.stdout
    assert "given for likely-lost" in out.stdout
    both = invoke("explain", "carrier-exception")  # a rule and a situation
    assert "rule carrier-exception" in both.stdout and "situation carrier-exception" in both.stdout
    one = invoke("explain", "situation:carrier-exception", "--json")
    assert json.loads(one.stdout)["kind"] == "situation"
    rule = invoke("explain", "past-normal-window")
    assert "used by rule moving-but-late" in rule.stdout
    assert "Sources" in rule.stdout


def test_explain_unknown_id():
    out = invoke("explain", "carrier-exeption")
    assert out.exit_code == 1
    assert "carrier-exception" in out.stderr
    assert "Traceback" not in out.output


# --------------------------------------------------------------------------- quiz


def _answers(kb: KnowledgeBase, ids: list[str], seed: int, wrong: set[str]) -> str:
    """The numbered choices a learner would type: right except for cases in `wrong`."""
    rng = random.Random(seed)
    by_id = {c.id: c for c in CASES}
    chosen = quiz.pick_cases([by_id[i] for i in ids], None, rng)
    lines = []
    for case in chosen:
        for question in quiz.questions_for(kb, case, rng):
            index = question.options.index(question.right)
            if case.id in wrong:
                index = (index + 1) % len(question.options)
            lines.append(str(index + 1))
    return "\n".join(lines) + "\n"


def test_quiz_all_right_scores_full(kb: KnowledgeBase, tmp_path: Path):
    ids = ["customs-ems-gb", "likely-lost-epacket-br", "delivered-confirmed-nl"]
    typed = _answers(kb, ids, 7, set())
    results = tmp_path / "results.json"
    out = invoke(
        "quiz", "--cases", ",".join(ids), "--seed", "7", "--json", str(results), input=typed
    )
    assert out.exit_code == 0, out.output
    assert "Score: 6 of 6" in out.stdout
    assert "revisit" not in out.stdout
    data = json.loads(results.read_text())
    assert data["score"] == data["total"] == 6 and data["revisit"] == []
    questions = [line for line in out.stdout.splitlines() if line.startswith("? ")]
    assert len(questions) == 6


def test_quiz_lists_the_cases_to_revisit(kb: KnowledgeBase, tmp_path: Path):
    ids = ["customs-ems-gb", "likely-lost-epacket-br", "delivered-confirmed-nl"]
    typed = _answers(kb, ids, 7, {"likely-lost-epacket-br"})
    results = tmp_path / "results.json"
    out = invoke(
        "quiz", "--cases", ",".join(ids), "--seed", "7", "--json", str(results), input=typed
    )
    assert out.exit_code == 0, out.output
    assert "Score: 4 of 6" in out.stdout
    assert "Cases to revisit: likely-lost-epacket-br" in out.stdout
    assert "Not quite: the answer is Probably lost (likely-lost)" in out.stdout
    assert "because probably-lost:" in out.stdout
    assert json.loads(results.read_text())["revisit"] == ["likely-lost-epacket-br"]


def test_quiz_is_deterministic_and_survives_bad_input_and_eof():
    first = invoke("quiz", "--count", "2", "--seed", "11", input="x\n9\n1\n")
    second = invoke("quiz", "--count", "2", "--seed", "11", input="x\n9\n1\n")
    assert first.stdout == second.stdout
    assert "Please type a number from 1 to 4." in first.stdout
    assert first.exit_code == 1  # input ended before the last question
    assert "Score: " in first.stdout
    assert "Traceback" not in first.output


def test_quiz_wrong_options_come_from_the_knowledge_base(kb: KnowledgeBase):
    rng = random.Random(1)
    for case in CASES:
        for question in quiz.questions_for(kb, case, rng):
            assert question.right in question.options
            assert len(set(question.options)) == len(question.options) == 4
            table = kb.situations if question.kind == "situation" else kb.advice
            assert set(question.options) <= set(table)


# --------------------------------------------------------------------------- facts check


def test_facts_check_reports_unreachable_rules_situations_and_advice(
    kb_copy: tuple[Path, Path],
):
    facts, rules = kb_copy
    with (rules / "99-extra.toml").open("w") as extra:
        extra.write(
            """
[[rule]]
id = "needs-a-phantom"
title = "t"
explanation = "e"
source = "s"
when.situation = { name = "likely-lost" }
when.phantom = { fact = "nothing-derives-this", x = 1 }
then.advice = ["wait-until"]
"""
        )
    for path in rules.glob("*.toml"):
        text = path.read_text()
        text = text.replace('then.situation = "carrier-exception"\n', "")
        text = text.replace('"use-trackable-service-next-time"', '"contact-recipient"')
        path.write_text(text)
    _, problems = check(facts, rules)
    messages = [str(p) for p in problems]
    assert any(
        "rule needs-a-phantom: when.phantom" in m and "can never fire" in m for m in messages
    )
    assert any("situation carrier-exception: no rule concludes it" in m for m in messages)
    assert any(
        "advice use-trackable-service-next-time: no rule concludes it" in m for m in messages
    )
    out = invoke("facts", "check", "--facts", str(facts), "--rules", str(rules))
    assert out.exit_code == 1 and "can never fire" in out.stdout


def test_commands_honour_a_trainers_rules(kb_copy: tuple[Path, Path], tmp_path: Path):
    facts, rules = kb_copy
    path = rules / "40-progress.toml"
    path.write_text(path.read_text().replace('title = "Held by import customs"', 'title = "Zoll"'))
    out = invoke("rules", "show", "held-by-customs", "--facts", str(facts), "--rules", str(rules))
    assert "held-by-customs: Zoll" in out.stdout
    shutil.copy(ROOT / "cases" / "customs-ems-gb.toml", tmp_path / "c.toml")
    out = invoke(
        "cases", "run", "c", "--cases", str(tmp_path), "--rules", str(rules), "--facts", str(facts)
    )
    assert out.exit_code == 0 and "held-by-customs: Zoll" in out.stdout


def _class_results(kb: KnowledgeBase, tmp_path: Path) -> list[Path]:
    """Three learners over the same seeded quiz: one all right, two missing a case."""
    ids = ["customs-ems-gb", "likely-lost-epacket-br", "delivered-confirmed-nl"]
    wrong = {"Ana": set(), "Ben": {"likely-lost-epacket-br"}, "Chloé": {"likely-lost-epacket-br"}}
    files = []
    for learner, missed in wrong.items():
        path = tmp_path / f"{learner}.json"
        typed = _answers(kb, ids, 7, missed)
        args = ["quiz", "--cases", ",".join(ids), "--seed", "7", "--learner", learner]
        out = invoke(*args, "--json", str(path), input=typed)
        assert out.exit_code == 0, out.output
        assert json.loads(path.read_text())["learner"] == learner
        files.append(path)
    return files


def test_quiz_report_merges_a_class(kb: KnowledgeBase, tmp_path: Path):
    files = _class_results(kb, tmp_path)
    out = invoke("quiz", "report", *map(str, files))
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    ana = next(line for line in lines if line.startswith("Ana"))
    assert "6/6" in ana and "100 %" in ana
    ben = next(line for line in lines if line.startswith("Ben"))
    assert "4/6" in ben and "likely-lost-epacket-br" in ben
    lost = next(line for line in lines if line.startswith("likely-lost-epacket-br"))
    assert "1/3" in lost and "Ben, Chloé" in lost
    assert "Revisit with the class (most missed first): likely-lost-epacket-br" in out.stdout
    data = json.loads(invoke("quiz", "report", "--json", *map(str, files)).stdout)
    assert [x["learner"] for x in data["learners"]] == ["Ana", "Ben", "Chloé"]
    assert data["revisit"] == ["likely-lost-epacket-br"]
    by_case = {c["case"]: c for c in data["cases"]}
    assert by_case["customs-ems-gb"]["right"] == {"advice": 3, "situation": 3}


def test_quiz_report_counts_a_file_named_twice_or_copied_once(kb: KnowledgeBase, tmp_path: Path):
    # review16: `quiz report a.json a.json` counted Ana twice ("Ana", "Ana #2")
    files = _class_results(kb, tmp_path)
    copy = tmp_path / "copy-of-ben.json"
    shutil.copy(files[1], copy)
    out = invoke("quiz", "report", "--json", *map(str, files), str(files[0]), str(copy))
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert [x["learner"] for x in data["learners"]] == ["Ana", "Ben", "Chloé"]
    assert {c["case"]: c["asked"] for c in data["cases"]}["customs-ems-gb"] == {
        "advice": 3,
        "situation": 3,
    }
    assert data["notes"] == [
        f"{files[0]} is named twice: counted once",
        f"{copy} holds the same results as {files[1]}: counted once",
    ]
    assert "is named twice: counted once" in out.stderr
    # two learners' different results under one name are both kept, told apart
    other = tmp_path / "other.json"
    other.write_text(json.dumps({**json.loads(files[2].read_text()), "learner": "Ana"}))
    both = json.loads(invoke("quiz", "report", "--json", str(files[0]), str(other)).stdout)
    assert [x["learner"] for x in both["learners"]] == ["Ana", "Ana #2"] and not both["notes"]


def test_quiz_report_refuses_what_is_not_a_result(kb: KnowledgeBase, tmp_path: Path):
    good = _class_results(kb, tmp_path)[0]
    for name, text in (("broken.json", "{"), ("list.json", "[1, 2]"), ("[x].json", '{"a": 1}')):
        bad = tmp_path / name
        bad.write_text(text)
        out = invoke("quiz", "report", str(good), str(bad))
        assert out.exit_code == 2, out.output
        assert name in out.stderr and "Traceback" not in out.output
    missing = invoke("quiz", "report", str(tmp_path / "nobody.json"))
    assert missing.exit_code == 2 and "cannot be read" in missing.stderr


def test_the_right_first_step_never_asks_what_the_story_says(kb: KnowledgeBase):
    rng = random.Random(3)
    for case in CASES:
        for question in quiz.questions_for(kb, case, rng):
            if question.kind == "advice":
                assert not quiz.asks_what_is_known(kb, question.right, case.answers), case.id


def test_quiz_distractors_look_at_the_same_things_as_the_right_answer(kb: KnowledgeBase):
    """The nearest wrong options are situations whose rules test the same answers and
    facts: a learner must tell them apart by the case's details, not by the topic."""
    for right in kb.situations:
        mine = {f[:2] for f in quiz.features(kb, right)}

        def shares(sid: str, mine: set[tuple[str, ...]] = mine) -> bool:
            return bool(mine & {f[:2] for f in quiz.features(kb, sid)})

        pool, _ = quiz._situation_distractors(kb, right, {right})
        sharing = [s for s in pool if shares(s)]
        nearest = pool[: min(3, len(sharing))]
        assert all(map(shares, nearest)), (right, nearest)


def test_quiz_wrong_situations_are_ones_that_cannot_hold_together_when_there_are_enough(
    kb: KnowledgeBase,
):
    """A long-overdue parcel's wrong options never include "later than normal" (true in
    words of any overdue parcel): where facts/situations.toml names three or more
    situations that cannot hold together with the right one and look at the same things,
    the wrong options are drawn from those alone."""
    rng = random.Random(5)
    checked = 0
    for case in CASES:
        for question in quiz.questions_for(kb, case, rng):
            if question.kind != "situation":
                continue
            _, sure = quiz._situation_distractors(kb, question.right, {question.right})
            if sure >= 3:
                checked += 1
                wrong = set(question.options) - {question.right}
                assert wrong <= quiz.exclusive_with(kb, question.right), (case.id, wrong)
    assert checked >= 5
    long_overdue = quiz.exclusive_with(kb, "long-overdue")
    assert "transit-delayed" not in long_overdue and "likely-lost" in long_overdue


def test_quiz_explains_a_rule_that_fired_twice_once(kb: KnowledgeBase):
    """Two disruptions on one route fire the same rule twice: its explanation is shown
    once, with the disruption of each firing under it."""
    case = next(c for c in CASES if c.id == "strike-canada-post-2024")
    question = quiz.questions_for(kb, case, random.Random(3))[0]
    heads = [line for line in question.because if not line.startswith(" ")]
    assert len(heads) == len(set(heads)) == 1, question.because
    grounds = [line for line in question.because if line.startswith(" ")]
    assert len(grounds) == 2 and grounds[0] != grounds[1]


def test_an_interrupted_quiz_writes_what_was_answered(tmp_path: Path):
    # review12 L-R11: Ctrl-C at a question wrote no --json file, so a learner's answers
    # were lost; it is scored and written as at the end of input (marked not finished),
    # and the exit code is 130
    results = tmp_path / "ana.json"
    exe = Path(sys.executable).with_name("parcel-doctor")
    args = ["quiz", "--count", "2", "--seed", "4", "--learner", "ana", "--json", str(results)]
    child = pexpect.spawn(
        str(exe),
        args,
        encoding="utf-8",
        timeout=HANG_AFTER,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
        # Ctrl-C in a terminal: a test run started in the background (nohup, `&`)
        # ignores SIGINT, and the quiz would inherit that
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    child.expect_exact("answer 1-4: ")
    child.sendline("2")
    child.expect_exact("answer 1-4: ")
    child.sendline("1")
    child.expect_exact("answer 1-4: ")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130, child.before
    assert "Interrupted: the quiz stopped early." in child.before
    data = json.loads(results.read_text())
    assert data["learner"] == "ana" and data["finished"] is False and data["total"] == 2


def test_a_case_each_learner_stumbled_on_is_revisited_with_the_class(tmp_path: Path):
    # review12 L-R12: ana missed a case's situation and ben its advice (each question 1/2
    # right), yet the report said "No case was missed by half the class or more"; a case
    # is missed by a learner who got any of its questions wrong, and half is enough
    def result(learner: str, wrong: dict[str, str]) -> Path:
        questions = [
            {"case": case, "kind": kind, "prompt": "", "options": ["a", "b"], "right": "a",
             "answer": "b" if wrong.get(case) == kind else "a",
             "correct": wrong.get(case) != kind}
            for case in ("alpha", "beta")
            for kind in ("situation", "advice")
        ]  # fmt: skip
        data = {"format": quiz.RESULT_FORMAT, "learner": learner, "seed": 1,
                "score": sum(q["correct"] for q in questions), "total": len(questions),
                "finished": True, "revisit": sorted(wrong), "questions": questions}  # fmt: skip
        path = tmp_path / f"{learner}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        return path

    ana = result("ana", {"alpha": "situation"})
    ben = result("ben", {"alpha": "advice", "beta": "advice"})
    out = invoke("quiz", "report", "--json", str(ana), str(ben))
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["revisit"] == ["alpha", "beta"]  # both missed alpha


def test_quiz_feedback_wraps_at_words_and_says_its_grounds_in_words(tmp_path: Path):
    # review13 L-R16: in a terminal the "because" paragraphs broke mid-word ("char" /
    # "acter"), and their grounds were the engine's fields ("on limits:
    # inquiry-window=6, longest-in-network=184, ..."), none of which the rule used
    exe = Path(sys.executable).with_name("parcel-doctor")
    child = pexpect.spawn(
        str(exe),
        ["quiz", "--cases", "never-accepted-us-gb"],
        encoding="utf-8",
        timeout=HANG_AFTER,
        dimensions=(40, 60),
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "TERM": "xterm"},
    )
    child.expect_exact("answer 1-4: ")
    child.sendline("1")
    child.expect_exact("answer 1-4: ")
    child.sendline("1")
    child.expect(pexpect.EOF)
    child.close()
    shown = child.before
    assert "Traceback" not in shown
    lines = shown.replace("\r", "").split("\n")
    assert all(len(line) <= 60 for line in lines), [x for x in lines if len(x) > 60]
    start = next(i for i, line in enumerate(lines) if line.startswith("  because label-only"))
    assert lines[start + 1].startswith(" " * len("  because ")), lines[start : start + 3]
    assert "inquiry-window=" not in shown and "on limits:" not in shown
    assert "on the grace period before a first scan: 7" in shown


def test_the_quiz_tells_a_story_by_its_paragraphs_not_its_file_lines():
    # review14 L-R19: each line of the case file was wrapped on its own, so a terminal
    # showed "... to a buyer in" / "Montreal" / "on 20 November 2024. ..."
    case = next(c for c in CASES if c.id == "strike-canada-post-2024")
    assert "\n" in case.story.strip()  # the file breaks its lines
    whole = " ".join(case.story.split())
    told = invoke("quiz", "--cases", case.id, "--count", "1", input="")
    assert f"  {whole}\n" in told.stdout  # one line: a terminal wraps it at its width


def test_the_quiz_does_not_give_the_answer_away_in_a_case_s_title():
    # review19 L-R42: "Case 2 of 3: A 16 kg box from the US to Phuket: a notice signed at
    # the door, the box waiting at the customs house" headed the question "What is most
    # likely happening?": a case's title (and its id) tells the outcome. The case is
    # headed by its route; the title follows its questions.
    case = next(c for c in CASES if c.id == "customs-ems-gb")
    told = invoke("quiz", "--cases", case.id, "--count", "1", input="1\n1\n").stdout
    first_question = told.index("? ")
    assert case.title not in told[:first_question] and case.id not in told[:first_question]
    assert "Case 1 of 1: a parcel from China to the United Kingdom" in told  # ...CN: China
    # what the question is answered from: the seller's answers, in words
    assert "    - the last tracking event: “With customs in the destination country”" in told
    assert "    - the destination country: the United Kingdom" in told[:first_question]
    assert f"That was: {case.title}  ({case.id})" in told[first_question:]


def test_the_quiz_leaves_out_known_gaps_whose_right_answer_would_be_the_rules_mistake():
    # review14 L-R23: `quiz --case-dir cases/real` asked about a known gap and marked the
    # rules' own (wrong) conclusion right; the handbook already left such cases out
    real = scenarios.load_folder(ROOT / "cases" / "real")
    gap = next(c for c in real if c.source and c.source.known_gap)
    good = next(c for c in real if c.source and not c.source.known_gap)
    ids = f"{gap.id},{good.id}"
    told = CliRunner().invoke(
        app, ["quiz", "--case-dir", str(ROOT / "cases" / "real"), "--cases", ids], input=""
    )
    assert "Case 1 of 1:" in told.stdout and "Case 2" not in told.stdout
    assert " ".join(good.story.split())[:60] in told.stdout  # the story told: the good one
    assert " ".join(gap.story.split())[:60] not in told.stdout
    assert f"note: {gap.id} left out: the rules do not yet agree" in told.stderr
    alone = invoke("quiz", "--case-dir", str(ROOT / "cases" / "real"), "--cases", gap.id)
    assert alone.exit_code == 2 and "no case to quiz" in alone.output
