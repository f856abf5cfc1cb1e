"""Typed, immutable records: the base of every facts table's record type (declared in
`knowledge.schema`), and the key specs the checks and the JSON Schema read off them.

A record type is a frozen `msgspec.Struct`. Its annotations are the declaration: a
field's type (`str`, `int`, `bool`, `datetime.date`, a `Literal` of the allowed values,
`tuple[...]` for lists, `dict[...]` for tables, a nested record type), whether it is
required (an optional key is `X | UnsetType = UNSET`: absent stays absent), the table
its ids must come from (`Annotated[str, Ref("countries")]`) and lists that must not be
empty (`Annotated[tuple[str, ...], NONEMPTY]`). A field whose TOML key is not a Python
name is renamed (`from_: ... = field(name="from")`).

The checks in `knowledge.tables` collect every problem with its line first, reading
`key_specs()`; only an entry without problems becomes a record (`msgspec.convert`,
which checks the types once more). Records read like the mappings they replace:
`record["name"]`, `record.get("aliases", [])`, `"until" in record`, `dict(record)` (the
keys present in the file, in declared order), so the code reading the knowledge base
reads typed, immutable records without a change.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal, Union

import msgspec
from msgspec import UNSET, UnsetType

NONEMPTY = msgspec.Meta(min_length=1)
AT_LEAST_ONE = msgspec.Meta(ge=1)  # a count of days or months: never zero or negative


@dataclass(frozen=True)
class Ref:
    """The value (or each item) names an entry of `table`; `extra` values are allowed too."""

    table: str
    extra: tuple[str, ...] = ()


@dataclass(frozen=True)
class OneOf:
    """The allowed values, when they are known only at run time (not as a `Literal`)."""

    values: tuple[object, ...]


@dataclass(frozen=True)
class Field:
    """One key of an entry as the checks and the JSON Schema see it: its type, whether
    it must be there, and its allowed values.

    `ref` names the table whose ids the value (or each list item) must be; `choices`
    the allowed values; `extra_refs` values allowed besides the referenced ids;
    `record` the record type of each item of a list of tables (question choices).
    """

    type: Any  # a type, or a tuple of types
    required: bool = True
    choices: tuple[object, ...] | None = None
    ref: str | None = None
    extra_refs: tuple[str, ...] = ()
    items: type | None = None  # for lists: the type of each item; for tables: of each value
    nonempty: bool = False  # for lists: at least one item
    record: type[Record] | None = None
    least: int | None = None  # for numbers: the smallest allowed


class Record(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """An entry of a facts table: typed, immutable, and readable as a mapping of the
    keys written in the file."""

    def __getitem__(self, key: str) -> Any:
        # One C-cached look-up per read: records are read in every diagnosis's loops.
        try:
            value = getattr(self, _attributes(type(self))[key])
        except (KeyError, TypeError):  # no such field, or a key that is not text
            raise KeyError(key) from None
        if value is UNSET:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        try:
            value = getattr(self, _attributes(type(self))[key])
        except (KeyError, TypeError):
            return default
        return default if value is UNSET else value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key, UNSET) is not UNSET

    def __iter__(self) -> Iterator[str]:
        for attribute, key in _names(type(self)):
            if getattr(self, attribute) is not UNSET:
                yield key

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def keys(self) -> list[str]:
        return list(self)

    def values(self) -> list[Any]:
        return [self[key] for key in self]

    def items(self) -> list[tuple[str, Any]]:
        return [(key, self[key]) for key in self]


Mapping.register(Record)


@cache
def _names(record: type[Record]) -> tuple[tuple[str, str], ...]:
    """(attribute, key in the file) of every field, in declared order."""
    return tuple(zip(record.__struct_fields__, record.__struct_encode_fields__, strict=True))


@cache
def _attributes(record: type[Record]) -> dict[str, str]:
    return {key: attribute for attribute, key in _names(record)}


def build(record: type[Record], entry: dict[str, Any]) -> Mapping[str, Any]:
    """The record of a checked entry; `msgspec.ValidationError` if it does not fit."""
    return typing.cast(Mapping[str, Any], msgspec.convert(entry, record, strict=True))


_PLAIN: tuple[type, ...] = (str, int, bool, dt.date)


def key_specs(record: type[Record]) -> dict[str, Field]:
    """Every key of a record type as the checks see it, by the name written in the file."""
    return dict(_key_specs(record))


@cache
def _key_specs(record: type[Record]) -> tuple[tuple[str, Field], ...]:
    hints = typing.get_type_hints(record, include_extras=True)
    return tuple((key, _spec(hints[attribute])) for attribute, key in _names(record))


def _spec(hint: Any) -> Field:
    required = True
    meta: list[Any] = []
    hint, meta = _unwrap(hint, meta)
    if _origin(hint) is Union:
        members = [a for a in typing.get_args(hint) if a is not UnsetType]
        required = len(members) == len(typing.get_args(hint))
        hint = members[0] if len(members) == 1 else Union[tuple(members)]  # noqa: UP007
        hint, meta = _unwrap(hint, meta)
    ref = next((m for m in meta if isinstance(m, Ref)), Ref(""))
    one_of = next((m for m in meta if isinstance(m, OneOf)), None)
    nonempty = any(isinstance(m, msgspec.Meta) and m.min_length == 1 for m in meta)
    bounds = [m.ge for m in meta if isinstance(m, msgspec.Meta) and m.ge is not None]
    least = int(bounds[0]) if bounds else None
    choices = one_of.values if one_of else None
    origin = _origin(hint)
    if origin is tuple:  # a list in the file
        item, item_meta = _unwrap(typing.get_args(hint)[0], [])
        ref = next((m for m in item_meta if isinstance(m, Ref)), ref)
        nested = item if isinstance(item, type) and issubclass(item, Record) else None
        return Field(
            list,
            required,
            choices,
            ref.table or None,
            ref.extra,
            items=dict if nested else item,
            nonempty=nonempty,
            record=nested,
        )
    if origin is dict:
        value = typing.get_args(hint)[1]
        return Field(dict, required, items=None if value is Any else value)
    if origin is Literal:
        return Field(str, required, typing.get_args(hint), ref.table or None, ref.extra)
    if origin is Union:  # e.g. true, false or "unknown": bool | Literal["unknown"]
        values: list[object] = []
        kinds: list[type] = []
        for member in typing.get_args(hint):
            if _origin(member) is Literal:
                values += typing.get_args(member)
                kinds += [type(v) for v in typing.get_args(member)]
            else:
                values += [True, False] if member is bool else []
                kinds.append(member)
        return Field(tuple(dict.fromkeys(kinds)), required, tuple(values))
    if hint in _PLAIN:
        return Field(hint, required, choices, ref.table or None, ref.extra, least=least)
    raise TypeError(f"no key spec for the annotation {hint!r}")


def _unwrap(hint: Any, meta: list[Any]) -> tuple[Any, list[Any]]:
    while typing.get_origin(hint) is Annotated:
        meta = [*meta, *hint.__metadata__]
        hint = typing.get_args(hint)[0]
    return hint, meta


def _origin(hint: Any) -> Any:
    origin = typing.get_origin(hint)
    return Union if origin is types.UnionType else origin
