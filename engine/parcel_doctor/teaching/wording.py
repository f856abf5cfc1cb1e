"""Rules and advice templates in words, for trainers and learners.

`rules show`, `explain` and the handbook say "the days since posting are more than the
service's longest normal transit time" instead of `days_since_shipped_on is more than
$window.max_days`. Titles come from `facts/wording.toml` (fact kinds and fields) and
from the knowledge base itself (stage titles, choice labels, situation titles); a field
with no title is read from its name, so a trainer's new field still reads sensibly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from parcel_doctor.diagnosis.diagnose import Diagnosis
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.knowledge.schema import TABLES
from parcel_doctor.rules.model import Condition, FieldTest, Offset, Ref, Rule
from parcel_doctor.templates import PLACEHOLDER

# How each test reads; {v} is the value in words. Tests a trainer's language may add
# later read with their own name ("is before") rather than failing.
_PHRASES = {
    "is": "is {v}",
    "not": "is not {v}",
    "in": "is one of {v}",
    "not_in": "is none of {v}",
    "more_than": "is more than {v}",
    "at_least": "is at least {v}",
    "less_than": "is less than {v}",
    "at_most": "is at most {v}",
    "before": "is before {v}",
    "on_or_before": "is on or before {v}",
    "after": "is after {v}",
    "on_or_after": "is on or after {v}",
}
_CONCLUSION_TABLES = {"situation": "situations", "advice": "advice", "question": "questions"}


def humanise(name: str) -> str:
    """`days_since_shipped_on` -> `days since shipped on`."""
    return re.sub(r"[_-]+", " ", name).strip()


def possessive(title: str) -> str:
    """`the parcel mood` -> `the parcel mood's`; a plural title ending in s (`the seller's
    answers`, `the time limits`) takes the apostrophe alone: `the time limits'`."""
    return f"{title}'" if title.endswith("s") and not title.endswith("ss") else f"{title}'s"


def route(kb: KnowledgeBase, diagnosis: Diagnosis) -> str:
    """A case's route in words ("from the United States to Thailand"), for a heading that
    does not give its outcome away as a case's title does; "" when neither end is known.
    The origin is the one answered, or the one its tracking number names (...CN)."""
    number_origin = diagnosis.number.origin if diagnosis.number else None
    ends = {
        "from": diagnosis.inputs.get("origin") or number_origin,
        "to": diagnosis.inputs.get("destination"),
    }
    return " ".join(
        f"{word} {kb.countries[code]['common_name']}"
        for word, code in ends.items()
        if code in kb.countries
    )


def known(kb: KnowledgeBase, answers: Mapping[str, Any]) -> list[str]:
    """What a case's seller knows, answer by answer in words ("what the recipient says:
    “They received it damaged or with items missing”"): a quiz or an exercise asks what
    follows from these, so the learner must see them, not only the story."""
    words = Wording(kb)
    return [
        f"{words.field_title('shipment', name)}: {words.value('shipment', name, value, {})}"
        for name, value in answers.items()
    ]


class Wording:
    """Reads rules of one knowledge base aloud."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.kinds: dict[str, Mapping[str, Any]] = kb.tables.get("wording", {})

    # ----------------------------------------------------------------- names

    def kind_title(self, kind: str) -> str:
        entry = self.kinds.get(kind)
        return str(entry["title"]) if entry else f"the {humanise(kind)}"

    def field_title(self, kind: str, name: str) -> str:
        fields = (self.kinds.get(kind) or {}).get("fields") or {}
        if name in fields:
            return str(fields[name])
        if name.startswith("days_since_"):
            return f"the days since {self.field_title(kind, name[len('days_since_') :])}"
        return f"{possessive(self.kind_title(kind))} {humanise(name)}"

    def value(self, kind: str, name: str, value: Any, labels: dict[str, str]) -> str:
        """A tested value in words: a referenced field's title, a stage's or situation's
        title, a choice's label, or the value itself."""
        if isinstance(value, list):
            return ", ".join(self.value(kind, name, v, labels) for v in value)
        if isinstance(value, Offset):
            return self.offset(kind, name, value, labels)
        if isinstance(value, Ref):
            return self.field_title(labels.get(value.label, value.label), value.field)
        if isinstance(value, bool):
            return "yes" if value else "no"
        if kind in _CONCLUSION_TABLES and name == "name":
            entry = self.kb.tables[_CONCLUSION_TABLES[kind]].get(str(value), {})
            label = entry.get("title") or entry.get("text")
            return f"“{label}”" if label else str(value)
        if kind == "shipment" and name in self.kb.questions:
            question = self.kb.questions[name]
            for choice in self.kb.choices(question):
                if choice["value"] == value:
                    return f"“{choice['label']}”"
        if value == "today":
            return "today"
        if kind == "shipment" and name in ("origin", "destination") and value in self.kb.countries:
            return str(self.kb.countries[value]["common_name"])
        if kind == "shipment" and name == "carrier" and value in self.kb.carriers:
            return str(self.kb.carriers[value]["name"])
        if kind == "shipment" and name == "service" and value in self.kb.services:
            return f"“{self.kb.services[value]['name']}”"
        if kind == "service" and name == "key" and value in self.kb.services:
            return f"“{self.kb.services[value]['name']}”"
        if name == "stage" and value in self.kb.stages:
            return f"“{self.kb.stages[value]['title']}”"
        if isinstance(value, int) and (name.startswith("days") or name.endswith("_days")):
            return f"{value} day{'' if value == 1 else 's'}"
        return f"“{value}”" if isinstance(value, str) else str(value)

    def offset(self, kind: str, name: str, offset: Offset, labels: dict[str, str]) -> str:
        """`$shipment.shipped_on + $window.lost_after_days` -> "the posting date plus the
        days after which the service's items are given up"; `today - 30` -> "30 days
        before today"."""
        days = offset.days
        amount = (
            f"{days} day{'' if days == 1 else 's'}"
            if isinstance(days, int)
            else self.value(kind, name, days, labels)
        )
        base = "today" if offset.base == "today" else self.value(kind, name, offset.base, labels)
        if isinstance(days, int):
            return f"{amount} {'after' if offset.sign > 0 else 'before'} {base}"
        return f"{base} {'plus' if offset.sign > 0 else 'minus'} {amount}"

    # ----------------------------------------------------------------- conditions

    def test(self, cond: Condition, test: FieldTest, labels: dict[str, str]) -> str:
        subject = self.field_title(cond.kind, test.field)
        verb = "are" if subject.startswith("the days") else "is"
        if test.op == "known":
            return f"{subject} {verb} {'known' if test.value else 'not known'}"
        if test.op in ("is", "not") and isinstance(test.value, bool):
            return subject if test.value == (test.op == "is") else f"{subject}: no"
        phrase = _PHRASES.get(test.op, f"{humanise(test.op)} {{v}}")
        if verb == "are":
            phrase = phrase.replace("is ", "are ", 1)
        return f"{subject} {phrase.format(v=self.value(cond.kind, test.field, test.value, labels))}"

    def condition(self, cond: Condition, labels: dict[str, str] | None = None) -> str:
        """One `when` or `unless` pattern as a sentence."""
        labels = labels or {}
        test = cond.tests[0] if len(cond.tests) == 1 else None
        if (
            cond.kind in _CONCLUSION_TABLES
            and test
            and test.field == "name"
            and test.op
            in (
                "is",
                "in",
            )
        ):
            shown = self.value(cond.kind, "name", test.value, labels)
            state = "is still open" if cond.kind == "question" else "was concluded"
            if test.op == "is":
                return f"the {cond.kind} {shown} {state}"
            return f"one of the {cond.kind}s {shown} {state}"
        if not cond.tests:
            return f"{self.kind_title(cond.kind)} is known"
        return " and ".join(self.test(cond, t, labels) for t in cond.tests)

    def labels(self, rule: Rule) -> dict[str, str]:
        return {c.label: c.kind for c in rule.when}

    def when(self, rule: Rule) -> list[str]:
        labels = self.labels(rule)
        return [self.condition(c, labels) for c in rule.when]

    def unless(self, rule: Rule) -> list[str]:
        labels = self.labels(rule)
        return [self.condition(c, labels) for c in rule.unless]

    # ----------------------------------------------------------------- conclusions

    def conclusions(self, rule: Rule) -> list[str]:
        labels = self.labels(rule)
        out = [
            f"conclude: {self.kb.situations[s]['title']}"
            for s in rule.situations
            if s in self.kb.situations
        ]
        out += [f"advise: {self.kb.advice[a]['title']}" for a in rule.advice if a in self.kb.advice]
        out += [f"ask: {self.kb.questions[q]['text']}" for q in rule.ask if q in self.kb.questions]
        for spec in rule.facts:
            what = self.kind_title(spec.kind)
            if spec.table is not None:
                out.append(f"look up {what} in facts/{self.kb_file(spec.table)}")
            else:
                parts = [
                    f"{self.field_title(spec.kind, n)} = {self.value(spec.kind, n, v, labels)}"
                    for n, v in spec.fields.items()
                ]
                out.append(f"note {what}: " + "; ".join(parts))
        if rule.due is not None:
            start = self.value("", "", rule.due.start, labels)
            days = self.value("", "days", rule.due.days, labels)
            months = self.value("", "months", rule.due.months, labels)
            plus = f"{days} days" + (f" and {months} calendar months" if rule.due.months else "")
            latest = " (the latest it can be)" if rule.due.latest else ""
            out.append(f"date the advice: {start} plus {plus}{latest}")
        return out

    @staticmethod
    def kb_file(table: str) -> str:
        return TABLES[table].file if table in TABLES else table

    # ----------------------------------------------------------------- templates

    def template(self, text: str) -> str:
        """An advice template as a reader sees it: each placeholder by its fallback or
        by the title of the fact it names, in brackets."""

        def fill(match: re.Match[str]) -> str:
            kind, field, fallback = match.group(1), match.group(2), match.group(3)
            if fallback:
                return f"[{fallback}]"
            if kind == "due":
                return "[the date the rule attaches]"
            if kind == "number":
                return "[the tracking number]"
            return f"[{self.field_title(kind, field) if field else self.kind_title(kind)}]"

        return " ".join(PLACEHOLDER.sub(fill, text).split())
