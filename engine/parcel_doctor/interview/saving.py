"""Saving an interview's answers as a file `diagnose --answers` reads back.

`answers_text` writes TOML (or JSON, for a `.json` path), keys in catalogue order with
dates as dates; `save` replaces the file in one step, so an interview resumed with
`--answers FILE --save FILE` never leaves a half-written file behind.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from parcel_doctor.diagnosis.answers import to_plain
from parcel_doctor.knowledge.loader import KnowledgeBase


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return str(value)
    # JSON escapes are TOML escapes; TOML also refuses a raw DEL.
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


def answers_toml(
    kb: KnowledgeBase, answers: Mapping[str, Any], today: dt.date, skipped: Iterable[str] = ()
) -> str:
    """An answers file `--answers` replays: dates as TOML dates, booleans as booleans,
    keys in catalogue order, and a comment with the day the day counts were taken."""
    lines = [
        "# parcel-doctor answers, saved by the interview.",
        f"# today was {today.isoformat()}; replay with:",
        f"#   parcel-doctor diagnose --answers FILE --today {today.isoformat()}",
        "# or go on answering (in a terminal) with:",
        "#   parcel-doctor diagnose --answers FILE --save FILE",
    ]
    left_out = [q for q in kb.questions if q in set(skipped) and q not in answers]
    if left_out:
        lines.append(f"# not known (skipped): {', '.join(left_out)}")
    lines += [f"{key} = {_toml_value(answers[key])}" for key in _ordered(kb, answers)]
    return "\n".join(lines) + "\n"


def _ordered(kb: KnowledgeBase, answers: Mapping[str, Any]) -> list[str]:
    known = [q for q in kb.questions if q in answers]
    return known + [q for q in answers if q not in kb.questions]


def answers_json(kb: KnowledgeBase, answers: Mapping[str, Any]) -> str:
    plain = to_plain(answers)
    return json.dumps({k: plain[k] for k in _ordered(kb, answers)}, indent=2, ensure_ascii=False)


def save(
    path: Path,
    kb: KnowledgeBase,
    answers: Mapping[str, Any],
    today: dt.date,
    skipped: Iterable[str] = (),
) -> None:
    """Write an answers file to `path` (JSON for a `.json` name, else TOML), replacing
    it only once the new content is complete; OSError if it cannot."""
    if path.suffix.lower() == ".json":
        text = answers_json(kb, answers) + "\n"
    else:
        text = answers_toml(kb, answers, today, skipped)
    if not path.exists() or path.is_file():
        folder = path.parent
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    else:  # a device or a pipe (/dev/stdout, /dev/full): written where it is
        with path.open("w", encoding="utf-8") as out:
            out.write(text)
