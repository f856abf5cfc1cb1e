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
from parcel_doctor.templates import Context, fill_template


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
    addressee the messages written for a concluded situation (`situations`) if any, else
    the general ones. The templates are filled line by line, so a message keeps its
    paragraphs."""
    prepared = _by_advice(templates).get(advice_id, ())
    concluded = set(situations)
    specific = {p.to for p in prepared if p.situations & concluded}
    chosen = [
        p for p in prepared if (p.situations & concluded if p.to in specific else not p.situations)
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


def _by_advice(templates: Templates) -> dict[str, list[_Prepared]]:
    """The templates by advice id, in file order, cut into lines, built once per table
    (looking through every template for each step of every diagnosis was a sixth of
    assembling one)."""
    return per_table(templates, _index)


def _index(templates: Templates) -> dict[str, list[_Prepared]]:
    index: dict[str, list[_Prepared]] = {}
    for t in templates.values():
        lines = tuple(line if line.strip() else "" for line in str(t["text"]).strip().splitlines())
        index.setdefault(t["advice"], []).append(
            _Prepared(str(t["to"]), str(t["subject"]), lines, frozenset(t.get("situations", ())))
        )
    return index
