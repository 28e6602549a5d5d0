"""crm import: exit codes, printed errors, the report file, dry run, encodings and sheets."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crm_desktop.cli.main import main
from crm_desktop.db.models import Security, Trade
from tests.factories import PASSWORD, Seed
from tests.importing.samples import (
    SECURITIES_ROWS,
    SECURITIES_ZH,
    TRADES_ROWS,
    TRADES_ZH,
    write_csv,
    write_xlsx,
)


def crm(db: str, monkeypatch: pytest.MonkeyPatch, *args: str, user: str = "admin") -> int:
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    return main(["--db", db, "import", *args, "--as-user", user])


def _count(seed: Seed, model: type) -> int:
    with seed.store.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_import_then_reimport(
    seeded: Seed,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sec = write_csv(tmp_path / "证券.csv", SECURITIES_ZH, SECURITIES_ROWS)
    assert crm(db_url, monkeypatch, "securities", str(sec)) == 0
    assert "4 条新增，0 条变更，0 条未变" in capsys.readouterr().out
    assert crm(db_url, monkeypatch, "securities", str(sec)) == 0
    assert "0 条新增，0 条变更，4 条未变（共 4 行）" in capsys.readouterr().out
    trades = write_xlsx(tmp_path / "t.xlsx", TRADES_ZH, TRADES_ROWS, sheet="成交", extra_sheets=["说明"])
    assert (
        main(
            [
                "--lang",
                "en",
                "--db",
                db_url,
                "import",
                "trades",
                str(trades),
                "--sheet",
                "成交",
                "--as-user",
                "admin",
            ]
        )
        == 0
    )
    assert "Imported t.xlsx (trades, xlsx): 4 new, 0 changed, 0 unchanged (4 rows)" in capsys.readouterr().out


def test_errors_exit_3_first_50_printed_all_in_report(
    seeded: Seed,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = [[f"{i:06d}", f"证券{i}", "", "宇宙板", ""] for i in range(60)]
    path = write_csv(tmp_path / "sec.csv", SECURITIES_ZH, rows)
    report = tmp_path / "out" / "errors.csv"
    report.parent.mkdir()
    assert crm(db_url, monkeypatch, "securities", str(path), "--report", str(report)) == 3
    err = capsys.readouterr().err
    assert "60 处错误" in err and "第 2 行，列“板块”，值“宇宙板”" in err and "第 51 行" in err
    assert "第 52 行" not in err and "另有 10 处错误未显示" in err and str(report) in err
    with report.open(encoding="utf-8-sig") as f:
        lines = list(csv.reader(f))
    assert len(lines) == 61 and lines[-1][0] == "61"
    assert _count(seeded, Security) == 0
    # default report beside the input
    assert crm(db_url, monkeypatch, "securities", str(path)) == 3
    assert (tmp_path / "sec.errors.csv").exists()


def test_dry_run_and_forced_encoding(
    seeded: Seed,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sec = write_csv(tmp_path / "s.csv", SECURITIES_ZH, SECURITIES_ROWS, encoding="gb18030")
    assert crm(db_url, monkeypatch, "securities", str(sec), "--dry-run", "--encoding", "gbk") == 0
    out = capsys.readouterr().out
    assert "试运行" in out and "4 条新增" in out
    assert _count(seeded, Security) == 0
    assert crm(db_url, monkeypatch, "securities", str(sec), "--encoding", "utf-8") == 3
    assert "--encoding" in capsys.readouterr().err


def test_permissions_and_usage(
    seeded: Seed,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sec = write_csv(tmp_path / "s.csv", SECURITIES_ZH, SECURITIES_ROWS)
    assert crm(db_url, monkeypatch, "securities", str(sec), user="im1") == 4
    assert crm(db_url, monkeypatch, "securities", str(sec), user="bm") == 0
    assert crm(db_url, monkeypatch, "orders", str(sec)) == 2
    assert crm(db_url, monkeypatch, "trades", str(tmp_path / "missing.csv")) == 3
    assert _count(seeded, Trade) == 0
