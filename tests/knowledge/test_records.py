"""Typed, immutable records (knowledge/records.py, declared in knowledge/schema.py): every
converted table holds records of its declared type, which cannot be changed, read like
the mappings they replace, survive the knowledge-base cache (pickle), and whose key specs
(what `facts check` and `facts schema` read) come from the one declaration."""

from __future__ import annotations

import pickle
from typing import Annotated, Literal

import msgspec
import pytest
from msgspec import UNSET, UnsetType
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.knowledge.records import NONEMPTY, Field, Record, Ref, build, key_specs
from parcel_doctor.knowledge.schema import TABLES

TYPED = list(TABLES)


@pytest.mark.parametrize("name", TYPED)
def test_every_entry_of_a_typed_table_is_an_immutable_record(kb: KnowledgeBase, name: str):
    records = kb.records(name)
    assert records or TABLES[name].optional
    for record in records:
        assert type(record) is TABLES[name].record
        first = next(iter(record))
        attribute = first if first != "from" else "from_"
        with pytest.raises(AttributeError):
            setattr(record, attribute, "changed")


def test_a_record_reads_like_the_mapping_it_replaces(kb: KnowledgeBase):
    germany = kb.countries["DE"]
    assert germany["name"] == "Germany"
    assert "claim_page" not in germany or germany["claim_page"].startswith("https://")
    assert "no such key" not in germany
    assert germany.get("no such key", 7) == 7
    with pytest.raises(KeyError):
        germany["no such key"]
    plain = dict(germany)
    assert list(plain) == list(germany) == germany.keys()
    assert plain["sources"] == germany["sources"]
    assert isinstance(germany["sources"], tuple)  # lists are tuples: nothing to append to


def test_records_survive_the_cache(kb: KnowledgeBase):
    kept = pickle.loads(pickle.dumps(kb, pickle.HIGHEST_PROTOCOL))
    for name in TYPED:
        assert kept.records(name) == kb.records(name)


class Example(Record, frozen=True, kw_only=True):
    id: str
    kind: Literal["a", "b"]
    flag: bool | Literal["unknown"] | UnsetType = UNSET
    country: Annotated[str, Ref("countries", ("*",))]
    from_: int = msgspec.field(name="from")
    tags: tuple[Annotated[str, Ref("carriers")], ...] | UnsetType = UNSET
    sources: Annotated[tuple[str, ...], NONEMPTY]
    weights: dict[str, int] | UnsetType = UNSET


def test_key_specs_are_read_off_the_declaration():
    specs = key_specs(Example)
    assert list(specs) == ["id", "kind", "flag", "country", "from", "tags", "sources", "weights"]
    assert specs["id"] == Field(str)
    assert specs["kind"] == Field(str, choices=("a", "b"))
    assert specs["flag"] == Field((bool, str), False, (True, False, "unknown"))
    assert specs["country"] == Field(str, ref="countries", extra_refs=("*",))
    assert specs["from"] == Field(int)
    assert specs["tags"] == Field(list, False, ref="carriers", items=str)
    assert specs["sources"] == Field(list, items=str, nonempty=True)
    assert specs["weights"] == Field(dict, False, items=int)


def test_absent_keys_stay_absent_and_renamed_keys_read_by_their_file_name():
    record = build(Example, {"id": "x", "kind": "a", "country": "*", "from": 3, "sources": ["s"]})
    assert record["from"] == 3
    assert dict(record) == {"id": "x", "kind": "a", "country": "*", "from": 3, "sources": ("s",)}
    assert "tags" not in record and record.get("tags", []) == []
    with pytest.raises(msgspec.ValidationError):
        build(Example, {"id": "x", "kind": "c", "country": "*", "from": 3, "sources": ["s"]})
