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


def messages_for(
    templates: Mapping[str, Mapping[str, Any]], advice_id: str, context: Context
) -> list[Message]:
    """The messages of one step, in the order `messages.toml` lists them."""
    return [
        Message(
            str(t["to"]), fill_template(str(t["subject"]), context), _fill_lines(t["text"], context)
        )
        for t in templates.values()
        if t["advice"] == advice_id
    ]


def _fill_lines(text: str, context: Context) -> str:
    lines = str(text).strip().splitlines()
    return "\n".join(fill_template(line, context) if line.strip() else "" for line in lines)
