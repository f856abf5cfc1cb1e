"""Batch rows whose last-event column holds the carrier's text (or a whole history):
the stage is read from it, and the row's note says from which text."""

from __future__ import annotations

import json
from pathlib import Path

from parcel_doctor.cli.main import app
from typer.testing import CliRunner

runner = CliRunner()


def rows(tmp_path: Path, csv: str) -> list[dict[str, object]]:
    path = tmp_path / "orders.csv"
    path.write_text(csv, encoding="utf-8")
    out = runner.invoke(app, ["batch", str(path), "--today", "2026-11-25", "--format", "jsonl"])
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


def test_carrier_wording_is_read_and_said(tmp_path: Path) -> None:
    result = rows(
        tmp_path,
        "Tracking Number,Country,Ship Date,Latest Checkpoint,Last Update\n"
        'RR123456785CN,DE,2026-10-01,"Departed from outward office of exchange, GUANGZHOU",'
        "2026-10-04\n"
        "RR123456785CN,DE,2026-10-01,【广州】已出口直封,2026-10-04\n"
        "RR123456785CN,DE,2026-10-01,export,2026-10-04\n",
    )
    assert [r["situation"] for r in result] == ["transit-delayed"] * 3
    assert result[0]["note"] == [
        "Latest Checkpoint: read as export from "
        "'Departed from outward office of exchange, GUANGZHOU'"
    ]
    assert result[1]["note"] == ["Latest Checkpoint: read as export from '【广州】已出口直封'"]
    assert result[2]["note"] == []  # a stage id needs no reading


def test_a_whole_history_in_a_cell(tmp_path: Path) -> None:
    history = (
        "2026-10-20 14:02 Arrival at inward office of exchange, FRANKFURT\n"
        "2026-10-04 09:12 Departed from outward office of exchange, GUANGZHOU"
    )
    result = rows(
        tmp_path,
        "Tracking Number,Country,Ship Date,Tracking History,Last Update\n"
        f'RR123456785CN,DE,2026-10-01,"{history}",2026-10-20\n',
    )
    assert result[0]["note"] == [
        "Tracking History: read as arrived-destination from the history's line 1: "
        "2026-10-20 14:02 Arrival at inward office of exchange, FRANKFURT"
    ]


def test_wording_that_names_no_stage_is_noted_and_the_row_diagnosed(tmp_path: Path) -> None:
    """A plain export's last-event column is soft, as a preset's status column is: words
    that name no stage are said in the note, the row is diagnosed from its dates and its
    first step asks to read that event (before: the row was an error, undiagnosed)."""
    result = rows(
        tmp_path,
        "Tracking Number,Country,Ship Date,Last Event,Last Update\n"
        "RR123456785CN,DE,2026-10-01,In transit,2026-10-04\n",
    )
    assert result[0]["error"] in ("", None)
    assert result[0]["situation"] == "status-unknown"
    assert result[0]["note"] == [
        "Last Event 'In transit' not used: its wording names no stage parcel-doctor can tell"
    ]


def test_a_status_that_asks_to_pay_says_so_in_a_row_too(tmp_path: Path) -> None:
    """review14 E-R24: PostNL's "Verzoek tot betaling kosten voor zending verstuurd" (a
    request to pay sent: ha-postnl) pasted with --events sets customs_notice = fee-to-pay;
    as a row's status cell it gave only the customs stage ("Held by customs", no pay
    step). The row now takes the answer its wording suggests, and says so; a history in a
    cell likewise; a column for the key wins."""
    fee = "Verzoek tot betaling kosten voor zending verstuurd"
    history = f"2026-11-05 09:10 {fee}\n2026-10-28 08:00 Arrived at destination country"
    result = rows(
        tmp_path,
        "Tracking Number,Country,Ship Date,Latest Checkpoint,Last Update,Customs Notice\n"
        f"LP00100000000008,NL,2026-10-20,{fee},2026-11-05,\n"
        f'LP00100000000008,NL,2026-10-20,"{history}",2026-11-05,\n'
        f"LP00100000000008,NL,2026-10-20,{fee},2026-11-05,none\n",
    )
    assert [r["situation"] for r in result[:2]] == ["customs-charge-to-pay"] * 2
    assert (
        f"Latest Checkpoint: read as customs_notice = fee-to-pay from {fee!r}"
        in (result[0]["note"])
    )
    assert result[2]["situation"] != "customs-charge-to-pay"
