"""JSON Schema of every facts file, generated from the declarations in
`knowledge.schema` (declared once), so that a trainer's editor (VS Code's Even Better
TOML, any editor using taplo) completes keys and marks wrong types and values while the
file is written. `facts check` remains the full check: references between files,
templates and rules are beyond what a schema says.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from parcel_doctor.knowledge.records import Field, key_specs
from parcel_doctor.knowledge.schema import TABLES

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_TYPES: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    list: {"type": "array"},
    dict: {"type": "object"},
    dt.date: {"type": "string", "format": "date"},  # how taplo shows a TOML date
}


def field_schema(spec: Field) -> dict[str, Any]:
    """The schema of one key's value."""
    types = spec.type if isinstance(spec.type, tuple) else (spec.type,)
    options = [dict(_TYPES[t]) for t in types]
    out: dict[str, Any] = options[0] if len(options) == 1 else {"anyOf": options}
    if spec.choices is not None:
        out = {"enum": list(spec.choices)}
    if list in types:
        item: dict[str, Any] = (
            entry_schema(key_specs(spec.record))
            if spec.record
            else dict(_TYPES.get(spec.items, {}))
        )
        out["items"] = item
        if spec.nonempty:
            out["minItems"] = 1
    if spec.least is not None:
        out["minimum"] = spec.least
    if dict in types and spec.items is not None:
        out["additionalProperties"] = dict(_TYPES[spec.items])
    if spec.ref is not None:
        target = TABLES[spec.ref]
        extra = f" (or {', '.join(spec.extra_refs)})" if spec.extra_refs else ""
        out["description"] = f"an id of {target.file} [[{target.array}]]{extra}"
    if str in types and spec.choices is None and spec.ref is None:
        out["minLength"] = 1
    return out


def entry_schema(fields: dict[str, Field]) -> dict[str, Any]:
    """The schema of one `[[array]]` entry."""
    return {
        "type": "object",
        "properties": {name: field_schema(spec) for name, spec in fields.items()},
        "required": [name for name, spec in fields.items() if spec.required],
        "additionalProperties": False,
    }


def file_schemas() -> dict[str, dict[str, Any]]:
    """Every facts file's schema, by file name (`countries.toml`: ...)."""
    out: dict[str, dict[str, Any]] = {}
    for table in TABLES.values():
        schema = out.setdefault(
            table.file,
            {
                "$schema": DRAFT,
                "title": f"parcel-doctor facts/{table.file}",
                "type": "object",
                "properties": {},
                "additionalProperties": False,
            },
        )
        schema["properties"][table.array] = {"type": "array", "items": entry_schema(table.fields)}
    return out


def write_schemas(folder: Path) -> list[Path]:
    """Write `<file>.schema.json` for every facts file into `folder`; the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in sorted(file_schemas().items()):
        path = folder / f"{Path(name).stem}.schema.json"
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
