"""Issue 18: any rule set `facts check` accepts diagnoses every golden scenario without a
crash. Hypothesis writes rule files of its own on top of the shipped rules (patterns on
every kind of fact, references, date tests, negations, derived facts, due dates); when
`facts check` accepts them, every golden scenario is diagnosed."""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.answers import AnswerError
from parcel_doctor.knowledge import loader
from parcel_doctor.teaching import scenarios

ROOT = Path(__file__).resolve().parents[2]
KB = loader.load(ROOT / "facts", ROOT / "rules")
GOLDEN = scenarios.load_folder(ROOT / "tests" / "scenarios")
CHOICES = {
    qid: [c["value"] for c in KB.choices(q)]
    for qid, q in KB.questions.items()
    if q["kind"] == "choice"
}
DATES = [qid for qid, q in KB.questions.items() if q["kind"] == "date"]
DERIVED = ["g0", "g1", "g2"]


def _toml(value: object) -> str:
    return json.dumps(value) if not isinstance(value, bool) else str(value).lower()


@st.composite
def pattern(draw: st.DrawFn, label: str, bound: list[str], negated: bool) -> str:
    kind = draw(st.sampled_from(["shipment", "tracking_number", "limits", "situation", *DERIVED]))
    tests: list[str] = []
    if kind == "shipment":
        for _ in range(draw(st.integers(1, 2))):
            how = draw(st.sampled_from(["choice", "in", "known", "date", "days"]))
            if how in ("choice", "in"):
                qid = draw(st.sampled_from(sorted(CHOICES)))
                values = draw(st.lists(st.sampled_from(CHOICES[qid]), min_size=1, max_size=3))
                test = _toml(values[0]) if how == "choice" else f"{{ in = {_toml(values)} }}"
                tests.append(f"{qid} = {test}")
            elif how == "known":
                qid, known = draw(st.sampled_from(sorted(CHOICES))), draw(st.booleans())
                tests.append(f"{qid} = {{ known = {_toml(known)} }}")
            elif how == "date":
                op = draw(st.sampled_from(["before", "on_or_before", "after", "on_or_after"]))
                tests.append(f'{draw(st.sampled_from(DATES))} = {{ {op} = "today" }}')
            else:
                op = draw(st.sampled_from(["more_than", "at_most"]))
                other = (
                    '"$limits.not-scanned-grace"'
                    if "limits" in bound and not negated
                    else str(draw(st.integers(0, 90)))
                )
                tests.append(f"days_since_{draw(st.sampled_from(DATES))} = {{ {op} = {other} }}")
    elif kind == "tracking_number":
        tests.append(f"valid = {_toml(draw(st.booleans()))}")
    elif kind == "limits":
        tests.append("not-scanned-grace = { known = true }")
    elif kind == "situation":
        names = draw(st.lists(st.sampled_from(sorted(KB.situations)), min_size=1, max_size=2))
        tests.append(f"name = {{ in = {_toml(names)} }}")
    else:
        tests.append(f"v = {{ at_least = {draw(st.integers(0, 3))} }}")
    body = ", ".join([f'fact = "{kind}"', *tests])
    return f"{'unless' if negated else 'when'}.{label} = {{ {body} }}"


@st.composite
def rule(draw: st.DrawFn, number: int) -> str:
    lines = [
        "[[rule]]",
        f'id = "gen-{number}"',
        f'title = "Generated rule {number}"',
        'explanation = "Written by the test."',
        'source = "tests/rules/test_generated_rules.py"',
    ]
    bound: list[str] = []
    for i in range(draw(st.integers(1, 3))):
        lines.append(draw(pattern(f"p{i}", bound, False)))
        bound.append(lines[-1].split('fact = "')[1].split('"')[0])
    what = draw(st.sampled_from(["situation", "advice", "fact", "due"]))
    if what == "due":
        lines.append('when.sh = { fact = "shipment", shipped_on = { known = true } }')
    if draw(st.booleans()):
        lines.append(draw(pattern("n0", bound, True)))
    if what == "situation":
        lines.append(f"then.situation = {_toml(draw(st.sampled_from(sorted(KB.situations))))}")
    elif what in ("advice", "due"):
        lines.append(f"then.advice = {_toml(draw(st.sampled_from(sorted(KB.advice))))}")
        if what == "due":
            lines.append('then.due = { from = "$sh.shipped_on", days = 3 }')
    else:
        kind, value = draw(st.sampled_from(DERIVED)), draw(st.integers(0, 3))
        lines.append(f"then.fact.{kind} = {{ v = {value} }}")
    return "\n".join(lines) + "\n"


# One rule deriving each kind the generated rules may test, so that they can fire.
PRODUCERS = "".join(
    f'[[rule]]\nid = "make-{kind}"\ntitle = "Make {kind}"\nexplanation = "e"\n'
    f'source = "tests/rules/test_generated_rules.py"\n'
    f"when.shipment = {{ today = {{ known = true }} }}\n"
    f"then.fact.{kind} = {{ v = 1 }}\n\n"
    for kind in DERIVED
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.lists(st.integers(0, 1_000), min_size=1, max_size=6, unique=True).flatmap(
        lambda numbers: st.tuples(*(rule(n) for n in numbers))
    )
)
def test_any_rule_set_facts_check_accepts_diagnoses_every_golden_scenario(rules):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "rules"
        shutil.copytree(ROOT / "rules", folder)
        (folder / "99-generated.toml").write_text(PRODUCERS + "\n".join(rules))
        kb, problems = loader.check(ROOT / "facts", folder)
        if problems:
            return
        for case in GOLDEN:
            with contextlib.suppress(AnswerError):
                scenarios.run_scenario(kb, case)
