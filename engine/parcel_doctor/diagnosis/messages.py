"""Ready-to-send messages (`facts/messages.toml`) filled with a shipment's facts.

A step that asks the seller to write to the carrier, the recipient or customs can carry
a short message to copy. The templates are filled like advice texts (`templates.py`),
line by line, so the message keeps its paragraphs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

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


def messages_for(templates: Templates, advice_id: str, context: Context) -> list[Message]:
    """The messages of one step, in the order `messages.toml` lists them."""
    return [
        Message(
            str(t["to"]), fill_template(str(t["subject"]), context), _fill_lines(t["text"], context)
        )
        for t in _by_advice(templates).get(advice_id, ())
    ]


_INDEXES: dict[int, tuple[Templates, int, dict[str, list[Mapping[str, Any]]]]] = {}


def _by_advice(templates: Templates) -> dict[str, list[Mapping[str, Any]]]:
    """The templates by advice id, in file order, built once per table (looking through
    every template for each step of every diagnosis was a sixth of assembling one)."""
    built = _INDEXES.get(id(templates))
    if built is None or built[0] is not templates or built[1] != len(templates):
        index: dict[str, list[Mapping[str, Any]]] = {}
        for template in templates.values():
            index.setdefault(template["advice"], []).append(template)
        built = _INDEXES[id(templates)] = (templates, len(templates), index)
    return built[2]


def _fill_lines(text: str, context: Context) -> str:
    lines = str(text).strip().splitlines()
    return "\n".join(fill_template(line, context) if line.strip() else "" for line in lines)
