"""Issue 20: formulas and control characters in client data never reach an export live, on both backends."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from crm_desktop.cli.main import main
from crm_desktop.db.models import Client
from crm_desktop.domain.cells import FORMULA_STARTS, clean_imported, neutralise
from tests.factories import PASSWORD, Seed
from tests.workspace_data import add_workspace_data

HOSTILE = {
    "001000": "=cmd|' /C calc'!A0",
    "001001": '=HYPERLINK("http://evil.example/x","点我")',
    "001002": "+1",
    "001003": "@SUM(1)",
    "001004": "钱\x01七\x0b\x1f",
    "001005": "-2+3",
}


def test_neutralise_rules() -> None:
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("+1") == "'+1"
    assert neutralise("-2") == "'-2"
    assert neutralise("@SUM(1)") == "'@SUM(1)"
    assert neutralise("\tx") == "'\tx"
    assert neutralise("\rx") == "'\rx"
    assert neutralise("张三") == "张三"
    assert neutralise("a\x00b\x1fc") == "abc"
    assert neutralise("'=x") == "'=x"  # idempotent
    assert neutralise(-5) == -5 and neutralise(-2.5) == -2.5 and neutralise(None) is None
    assert clean_imported("a\tb\x01c\n") == "a bc "


def _csv_cells(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def _assert_csv_safe(path: Path) -> None:
    for row in _csv_cells(path):
        for cell in row:
            assert not (cell and cell[0] in FORMULA_STARTS), (path.name, cell)
            assert not any(ord(ch) < 32 and ch not in "\t\r\n" for ch in cell), (path.name, cell)


def _assert_xlsx_safe(path: Path) -> None:
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (path.name, ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    # a text cell is never a formula in a workbook; what matters is that none starts with =
                    assert not cell.value.startswith("="), (path.name, cell.value)
                    assert not any(ord(ch) < 32 and ch not in "\t\r\n" for ch in cell.value)


@pytest.fixture
def hostile(seeded: Seed, monkeypatch: pytest.MonkeyPatch) -> Seed:
    add_workspace_data(seeded)
    with seeded.store.transaction() as s:
        for no, name in HOSTILE.items():
            s.execute(update(Client).where(Client.client_no == no).values(name=name))
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    return seeded


def test_every_export_kind_is_spreadsheet_safe(hostile: Seed, tmp_path: Path) -> None:
    url = hostile.store.url.render_as_string(hide_password=False)

    def cli(*args: str) -> int:
        return main(["--db", url, *args])

    assert (
        cli(
            "complaints",
            "add",
            "--client",
            "001000",
            "--channel",
            "phone",
            "--category",
            "service",
            "--summary",
            '=HYPERLINK("http://evil.example")',
            "--as-user",
            "bm",
        )
        == 0
    )
    csv_kinds = ["clients", "scores", "tasks", "touches", "callbacks", "complaints", "alerts", "suitability"]
    for kind in csv_kinds:
        out = tmp_path / f"{kind}.csv"
        assert cli("export", kind, "--out", str(out), "--as-user", "bm") == 0, kind
        _assert_csv_safe(out)
    clients = {r[0]: r[1] for r in _csv_cells(tmp_path / "clients.csv")[1:]}
    assert clients["001000"] == "'=cmd|' /C calc'!A0"
    assert clients["001002"] == "'+1"
    assert clients["001004"] == "钱七"
    touches = (tmp_path / "touches.csv").read_text(encoding="utf-8-sig")
    assert "'=cmd|" in touches
    for kind in ("clients", "dashboard", "compliance"):
        out = tmp_path / f"{kind}.xlsx"
        assert cli("export", kind, "--out", str(out), "--as-user", "bm") == 0, kind
        _assert_xlsx_safe(out)
    report = tmp_path / "complaints.xlsx"
    assert cli("complaints", "report", "--year", "2026", "--out", str(report), "--as-user", "bm") == 0
    _assert_xlsx_safe(report)
    values = [
        c.value
        for ws in load_workbook(tmp_path / "clients.xlsx").worksheets
        for r in ws.iter_rows()
        for c in r
    ]
    assert "'=cmd|' /C calc'!A0" in values and "钱七" in values
    # real numbers stay numbers
    assert any(isinstance(v, float | int) and not isinstance(v, bool) for v in values)


def test_control_characters_are_stripped_on_import() -> None:
    from crm_desktop.importing import values

    assert values.cell_text(" 张\x01三\x7f ") == "张三"
    assert values.make_text(100, required=True)("李\x00四\t五") == "李四 五"
    assert values.make_code(32, required=True)("00\x1b1000") == "001000"
