"""Ready-to-send messages (`facts/messages.toml`) filled with a shipment's facts.

A step that asks the seller to write to the carrier, the recipient or customs can carry
a short message to copy. The templates are filled like advice texts (`templates.py`),
line by line, so the message keeps its paragraphs.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from parcel_doctor.diagnosis.per_table import per_table
from parcel_doctor.templates import Context, fill_template, lookup


@dataclass(frozen=True)
class Message:
    """One filled message: whom it is for, its subject and its text."""

    to: str  # carrier | recipient | customs
    subject: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {"to": self.to, "subject": self.subject, "text": self.text}


Templates = Mapping[str, Mapping[str, Any]]


def messages_for(
    templates: Templates, advice_id: str, context: Context, situations: Collection[str] = ()
) -> list[Message]:
    """The messages of one step, in the order `messages.toml` lists them: to each
    addressee the messages written for this diagnosis (a concluded situation in their
    `situations`, their `when` facts' values; of those, the ones with the most
    conditions) if any, else the general ones. The templates are filled line by line,
    so a message keeps its paragraphs."""
    prepared = _by_advice(templates).get(advice_id, ())
    concluded = set(situations)
    fitting = [p for p in prepared if p.specific and p.fits(concluded, context)]
    best: dict[str, int] = {}  # per addressee: the most conditions a fitting message has
    for p in fitting:
        best[p.to] = max(best.get(p.to, 0), p.conditions)
    chosen = [
        p
        for p in prepared
        if (p in fitting and p.conditions == best[p.to] if p.to in best else not p.specific)
    ]
    return [
        Message(
            p.to,
            fill_template(p.subject, context),
            "\n".join(fill_template(line, context) if line else "" for line in p.lines),
        )
        for p in chosen
    ]


class _Prepared(NamedTuple):
    to: str  # carrier | recipient | customs
    subject: str
    lines: tuple[str, ...]  # the text's lines, blank ones empty
    situations: frozenset[str]  # empty: any situation
    when: tuple[tuple[str, str, str], ...]  # (fact, field, value): all must hold

    @property
    def conditions(self) -> int:
        """How many conditions choose it (0: the general message): where several fit,
        the one with the most is written for this diagnosis."""
        return bool(self.situations) + len(self.when)

    @property
    def specific(self) -> bool:
        """Written for some diagnoses only (in place of the general message)."""
        return self.conditions > 0

    def fits(self, concluded: set[str], context: Context) -> bool:
        return (not self.situations or bool(self.situations & concluded)) and all(
            lookup(context, name, field) == value for name, field, value in self.when
        )


def _by_advice(templates: Templates) -> dict[str, list[_Prepared]]:
    """The templates by advice id, in file order, cut into lines, built once per table
    (looking through every template for each step of every diagnosis was a sixth of
    assembling one)."""
    return per_table(templates, _index)


def _index(templates: Templates) -> dict[str, list[_Prepared]]:
    index: dict[str, list[_Prepared]] = {}
    for t in templates.values():
        lines = tuple(line if line.strip() else "" for line in str(t["text"]).strip().splitlines())
        when = tuple(_condition(path, value) for path, value in t.get("when", {}).items())
        index.setdefault(t["advice"], []).append(
            _Prepared(
                str(t["to"]), str(t["subject"]), lines, frozenset(t.get("situations", ())), when
            )
        )
    return index


def _condition(path: str, value: object) -> tuple[str, str, str]:
    """`"route.scope" = "domestic"` as (fact, field, value)."""
    name, _, field = str(path).partition(".")
    return name, field, str(value)
