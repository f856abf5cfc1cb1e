"""`parcel-doctor facts schema --out DIR`: a JSON Schema per facts file, generated from
`knowledge/schema.py`, that the shipped facts pass and typical mistakes fail."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import tomllib
from parcel_doctor.cli.main import app
from parcel_doctor.knowledge.json_schema import file_schemas
from parcel_doctor.knowledge.schema import TABLES
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = file_schemas()


def _as_editor_sees(value: Any) -> Any:
    """TOML dates as the text an editor's schema check compares (taplo: strings)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees(v) for v in value]
    return value


def _errors(name: str, text: str) -> list[str]:
    data = _as_editor_sees(tomllib.loads(text))
    validator = jsonschema.Draft202012Validator(SCHEMAS[name])
    return [e.message for e in validator.iter_errors(data)]


def test_one_schema_per_facts_file():
    assert set(SCHEMAS) == {t.file for t in TABLES.values()}


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "facts").glob("*.toml")))
def test_the_shipped_facts_pass_their_schema(name):
    assert _errors(name, (ROOT / "facts" / name).read_text()) == []


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        (
            "countries.toml",
            'upu_status = "member"',
            'upu_status = "memeber"',
            "'memeber' is not one of",
        ),
        (
            "countries.toml",
            'postal_operator = "Deutsche Post"',
            'postal_operater = "x"',
            "'postal_operater' was unexpected",
        ),
        (
            "time_limits.toml",
            "typical_days = 4",
            'typical_days = "four"',
            "'four' is not of type 'integer'",
        ),
        (  # a domestic transit window (`[[domestic]]`) with a misspelt key
            "time_limits.toml",
            'operator = "Deutsche Post / DHL Paket"',
            'operater = "Deutsche Post / DHL Paket"',
            "'operater' was unexpected",
        ),
        (
            "time_limits.toml",
            "typical_days = 4",
            "typical_days = 0",
            "0 is less than the minimum of 1",
        ),
        (
            "questions.toml",
            'label = "It has no record of the number"',
            'labl = "x"',
            "'labl' was unexpected",
        ),
        ("columns.toml", 'key = "tracking_number"', "key = 3", "3 is not of type 'string'"),
    ],
)
def test_typical_mistakes_fail_the_schema(name, old, new, message):
    text = (ROOT / "facts" / name).read_text()
    assert old in text
    errors = _errors(name, text.replace(old, new, 1))
    assert any(message in e for e in errors), errors


def test_the_command_writes_the_schemas(tmp_path):
    result = CliRunner().invoke(app, ["facts", "schema", "--out", str(tmp_path / "schemas")])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert written == sorted(f"{Path(n).stem}.schema.json" for n in SCHEMAS)
    loaded = json.loads((tmp_path / "schemas" / "countries.schema.json").read_text())
    assert loaded == SCHEMAS["countries.toml"]


def test_an_unwritable_folder_is_a_clear_error(tmp_path):
    (tmp_path / "file").write_text("")
    result = CliRunner().invoke(app, ["facts", "schema", "--out", str(tmp_path / "file")])
    assert result.exit_code == 2
    assert "cannot be written" in result.output
