"""What a rule concludes when it fires: the facts built from its `then` part.

`conclude` turns one firing (the rule and the facts it matched) into the facts it
concludes: looked-up records (`facts` with a table), plain derived facts, situations,
advice (with its due date) and questions. `fact_values` is the one encoding of a
record or of the answers as a fact that rules can test.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import itertools
from collections.abc import Mapping
from typing import Any

from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.knowledge.schema import RENAMED
from parcel_doctor.rules.model import Ref, Rule


def fact_values(record: Mapping[str, Any], today: dt.date) -> dict[str, Any]:
    """A record's testable fields as a fact: scalars only, reserved names renamed (`id`
    is `key`, `kind` is `type`), dates as ISO text with a `days_since_FIELD` companion
    computed from `today`."""
    out: dict[str, Any] = {}
    for name, value in record.items():
        if isinstance(value, dt.date):
            out[name] = value.isoformat()
            out[f"days_since_{name}"] = (today - value).days
        elif isinstance(value, (str, int, float, bool)):
            out[RENAMED.get(name, name)] = value
    return out


def due_date(rule: Rule, matched: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The ISO date the rule's advice is due by, or None when the rule sets none or the
    facts it names are missing."""
    if rule.due is None:
        return None
    start, days = _resolve(rule.due.start, matched), _resolve(rule.due.days, matched)
    months = _resolve(rule.due.months, matched)
    if isinstance(start, str) and isinstance(days, int) and isinstance(months, int):
        day = dt.date.fromisoformat(start) + dt.timedelta(days=days)
        return add_months(day, months).isoformat()
    return None


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` later, or that month's last day."""
    if not months:
        return day
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def conclude(
    kb: KnowledgeBase, rule: Rule, matched: Mapping[str, Mapping[str, Any]], today: dt.date
) -> list[dict[str, Any]]:
    """The facts `rule` concludes from the facts it `matched` (by label), in order."""
    out: list[dict[str, Any]] = []
    for spec in rule.facts:
        own = {}
        for name, value in spec.fields.items():
            if isinstance(value, Ref):
                value = matched[value.label].get(value.field)
            if value is not None:  # unknown: absent
                own[name] = value
        if spec.table is None:
            out.append({"kind": spec.kind, **own})
            continue
        if spec.where:
            wanted = {name: _resolve(v, matched) for name, v in spec.where.items()}
            records = _matching(kb, spec.table, wanted)
        else:
            record = kb.tables[spec.table].get(_resolve(spec.key, matched))
            records = [record] if record is not None else []
        out += [{"kind": spec.kind, **_record_values(r, today), **own} for r in records]
    for name in rule.situations:
        out.append({"kind": "situation", "name": name})
    if rule.advice:
        due = due_date(rule, matched)
        dated: dict[str, Any] = {}
        if due:  # `latest`: the date is only the latest the step can be due (Due.latest)
            dated = {"due": due, "latest": True} if rule.due and rule.due.latest else {"due": due}
        for name in rule.advice:
            out.append({"kind": "advice", "name": name, **dated})
    for name in rule.ask:
        out.append({"kind": "question", "name": name})
    return out


_VALUES: dict[tuple[int, dt.date], tuple[Mapping[str, Any], dict[str, Any]]] = {}


def _record_values(record: Mapping[str, Any], today: dt.date) -> dict[str, Any]:
    """`fact_values` of a knowledge-base record, encoded once per record and day (the
    same country record was encoded again at every firing; callers copy it)."""
    found = _VALUES.get((id(record), today))
    if found is None or found[0] is not record:
        if len(_VALUES) > 50_000:
            _VALUES.clear()
        found = _VALUES[(id(record), today)] = (record, fact_values(record, today))
    return found[1]


_INDEXES: dict[tuple[int, str, tuple[str, ...]], tuple[KnowledgeBase, dict[Any, list[Any]]]] = {}


def _matching(kb: KnowledgeBase, table: str, wanted: dict[str, Any]) -> list[Any]:
    """The records of `table` whose fields match `wanted`, in table order: a field equals
    the value, or, where the record holds a list (a disruption's `services`), the list
    holds it. Indexed by those fields the first time (scanning the table on every firing
    was a tenth of the cost of a session)."""
    names = tuple(wanted)
    found = _INDEXES.get((id(kb), table, names))
    if found is None or found[0] is not kb:
        index: dict[Any, list[Any]] = {}
        for record in kb.records(table):
            choices = [_items(record.get(n)) for n in names]
            for key in dict.fromkeys(itertools.product(*choices)):
                with contextlib.suppress(TypeError):  # an unhashable item matches nothing
                    index.setdefault(key, []).append(record)
        found = _INDEXES[(id(kb), table, names)] = (kb, index)
    try:
        return found[1].get(tuple(wanted.values()), [])
    except TypeError:  # an unhashable value looked up: compare one by one
        return [r for r in kb.records(table) if all(_holds(r.get(n), v) for n, v in wanted.items())]


def _items(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _holds(field: Any, value: Any) -> bool:
    return field == value or (isinstance(field, (list, tuple)) and value in field)


def _resolve(value: Any, matched: Mapping[str, Mapping[str, Any]]) -> Any:
    if isinstance(value, Ref):
        return matched[value.label].get(value.field)
    return value
