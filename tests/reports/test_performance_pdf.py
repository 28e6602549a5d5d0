"""The printable performance summary (汇总报表打印) and the payroll workbook of the hand-computed branch."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from crm_desktop.cli.main import main
from crm_desktop.reports import performance as report
from crm_desktop.services import performance, teams
from tests.factories import PASSWORD, Seed
from tests.flow_data import build_performance


def _text(pdf: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)


def test_pdf_summary_from_the_cli(
    db_url: str, seeded: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_performance(seeded, tmp_path)
    teams.add_team(seeded.store, seeded.bm, "一组", "im1", ["im1", "im2"])
    out = tmp_path / "perf.pdf"
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    args = ["--db", db_url, "performance", "--month", "2026-11", "--out", str(out), "--as-user", "bm"]
    assert main(args) == 0
    assert out.read_bytes().startswith(b"%PDF")
    text = _text(out)
    # hand-computed figures (tests/flow_data.py), printed; unmeasurable ones as 数据不足, never 0
    for figure in ("业绩汇总报表", "2026-11", "90,000.50", "-49,000.00", "70.00", "80.00", "33.3%", "4.50"):
        assert figure in text, figure
    assert text.count("数据不足") >= 3  # products for each row, im2's satisfaction
    assert "一组" in text and "团队合计" in text
    # the old suffixes still work; another one is refused with the accepted ones named
    assert main([*args[:-4], "--out", str(tmp_path / "perf.txt"), "--as-user", "bm"]) == 3


def test_workbook_keeps_unmeasurable_cells_empty(seeded: Seed, tmp_path: Path) -> None:
    build_performance(seeded, tmp_path)
    rep = performance.performance(seeded.store, seeded.bm, "2026-11")
    out = tmp_path / "p.xlsx"
    report.write_xlsx(rep, out)
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][0] == "manager_login" and [r[0] for r in rows[1:]] == ["im1", "im2"]
    assert rows[2][4] in (None, "") and rows[2][8] in (None, "")


def test_pdf_page_renders(seeded: Seed, tmp_path: Path) -> None:
    if subprocess.run(["which", "pdftoppm"], capture_output=True).returncode:
        pytest.skip("pdftoppm not installed")
    build_performance(seeded, tmp_path)
    teams.add_team(seeded.store, seeded.bm, "一组", "im1", ["im1", "im2"])
    rep = performance.performance(seeded.store, seeded.bm, "2026-11")
    out = tmp_path / "p.pdf"
    report.write_pdf(rep, out, branch_name="测试营业部")
    # a page for a person to look at, in ./screenshots (git-ignored) like the GUI screenshots
    shots = Path(__file__).resolve().parents[2] / "screenshots"
    shots.mkdir(exist_ok=True)
    prefix = shots / "performance_summary"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(out), str(prefix)],
        check=True,
    )
    assert prefix.with_suffix(".png").stat().st_size > 0
