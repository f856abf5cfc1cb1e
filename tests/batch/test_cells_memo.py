"""A file's memo of cells as written (`batch.cells`, `Reading.verdicts`): the same words
in the same column give the same answer, notes or error, so each is worked out once per
file. It changes nothing a run writes, and nothing it holds outlives what it was worked
out with (the knowledge base, today, the file's date order)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from parcel_doctor.batch import cells
from parcel_doctor.batch.cells import row_input
from parcel_doctor.batch.columns import map_columns
from parcel_doctor.batch.reading import Row
from parcel_doctor.diagnosis.answers import Checked
from parcel_doctor.knowledge import loader as knowledge
from test_batch_layouts import run_path

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 25)
SAMPLES = sorted(
    p
    for folder in (ROOT / "tests" / "presets", ROOT / "tests" / "batch" / "real")
    for p in folder.iterdir()
    if p.suffix != ".md"
)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_a_run_writes_what_it_writes_reading_every_cell_afresh(
    kb: knowledge.KnowledgeBase, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    worked: list[str] = []
    real = cells._verdict

    def counting(*args):  # type: ignore[no-untyped-def]
        worked.append(args[2])
        return real(*args)

    monkeypatch.setattr(cells, "_verdict", counting)
    remembered = run_path(kb, path)
    reused = len(worked)
    worked.clear()
    monkeypatch.setattr(cells, "VERDICTS_KEPT", -1)  # the memo starts over at every row
    again = run_path(kb, path)
    assert (again[0], again[1].lines()) == (remembered[0], remembered[1].lines())
    assert reused <= len(worked)


def test_the_memo_is_used_across_rows(kb: knowledge.KnowledgeBase) -> None:
    plan = map_columns(kb, ["destination", "shipped_on", "carrier"])
    rows = [Row(n, ["Deutschland", "28.10.2026", "dhl"]) for n in range(2, 6)]
    given = [row_input(kb, plan, row, TODAY) for row in rows]
    assert {(k, v) for g in given for k, v in g.answers.items()} == {
        ("destination", "DE"),
        ("shipped_on", dt.date(2026, 10, 28)),
        ("carrier", "DHL"),  # a name several carriers go by: read per row by diagnose()
    }
    assert all(type(g.answers) is Checked for g in given)  # not normalised again
    verdicts = plan.reading(kb).verdicts
    assert len(verdicts) == 1 + 3  # the stamp, and one verdict per cell as written


def test_a_verdict_follows_the_files_date_order_and_today(kb: knowledge.KnowledgeBase) -> None:
    plan = map_columns(kb, ["shipped_on"])
    row = Row(2, ["03/04/2026"])
    plan.date_order = "dmy"
    assert row_input(kb, plan, row, TODAY).answers == {"shipped_on": dt.date(2026, 4, 3)}
    plan.date_order = "mdy"
    assert row_input(kb, plan, row, TODAY).answers == {"shipped_on": dt.date(2026, 3, 4)}
    plan.date_order = None
    assert "could be 3 April 2026" in str(row_input(kb, plan, row, TODAY).error)
    undated = Row(3, ["Oct 28"])  # the latest 28 October not after today
    assert row_input(kb, plan, undated, TODAY).answers == {"shipped_on": dt.date(2026, 10, 28)}
    earlier = dt.date(2026, 10, 1)
    assert row_input(kb, plan, undated, earlier).answers == {"shipped_on": dt.date(2025, 10, 28)}


def test_a_verdict_does_not_outlive_its_knowledge_base(
    kb: knowledge.KnowledgeBase, kb_copy: tuple[Path, Path]
) -> None:
    facts, rules = kb_copy
    path = facts / "carriers.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('aliases = ["', 'aliases = ["Some Local Courier", "', 1), encoding="utf-8"
    )
    other = knowledge.load(facts, rules)
    plan = map_columns(kb, ["carrier"])
    row = Row(2, ["Some Local Courier"])
    assert row_input(kb, plan, row, TODAY).notes == [
        "carrier 'Some Local Courier' not used: unknown carrier 'Some Local Courier'."
    ]
    found = row_input(other, plan, row, TODAY)
    assert found.error is None and found.answers["carrier"] in other.carriers
    assert plan.reading(other) is not plan.reading(kb)


def test_each_file_has_a_memo_of_its_own(kb: knowledge.KnowledgeBase) -> None:
    first = map_columns(kb, ["destination"])
    second = map_columns(kb, ["destination"])
    row_input(kb, first, Row(2, ["Deutschland"]), TODAY)
    assert len(second.reading(kb).verdicts) == 0
    assert first.reading(kb).verdicts is not second.reading(kb).verdicts


def test_the_memo_is_bounded(kb: knowledge.KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cells, "VERDICTS_KEPT", 8)
    plan = map_columns(kb, ["shipped_on"])
    for day in range(1, 29):
        given = row_input(kb, plan, Row(day, [f"2026-10-{day:02d}"]), TODAY)
        assert given.answers == {"shipped_on": dt.date(2026, 10, day)}
        assert len(plan.reading(kb).verdicts) <= 8 + 2


def test_a_verdict_names_the_column_it_came_from(kb: knowledge.KnowledgeBase) -> None:
    plan = map_columns(kb, ["carrier", "Courier"], ["Courier=carrier"])
    plan.keys["carrier"] = [0, 1]  # both columns give the carrier, the first filled wins
    plan.soft_headings = frozenset({"carrier"})
    first = row_input(kb, plan, Row(2, ["Some Local Courier", ""]), TODAY)
    second = row_input(kb, plan, Row(3, ["", "Some Local Courier"]), TODAY)
    assert first.notes[0].startswith("carrier 'Some Local Courier' not used")
    assert second.notes[0].startswith("Courier 'Some Local Courier' not used")
