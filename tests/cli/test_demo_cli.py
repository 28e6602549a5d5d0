"""crm demo: output, determinism through the CLI, refusal on a store with data, exit codes; both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from crm_desktop.cli.main import main
from crm_desktop.db.models import AssetSnapshot, Client, Staff, Trade
from crm_desktop.db.store import open_store


def _counts(url: str) -> tuple[int, int, int, int]:
    store = open_store(url, upgrade=False)
    try:
        with store.read() as s:
            return (
                s.scalar(select(func.count()).select_from(Client)) or 0,
                s.scalar(select(func.count()).select_from(Staff)) or 0,
                s.scalar(select(func.count()).select_from(AssetSnapshot)) or 0,
                s.scalar(select(func.sum(Trade.commission))) or 0,
            )
    finally:
        store.dispose()


def test_demo_fills_an_empty_store(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db_url, "init-db"]) == 0
    capsys.readouterr()
    assert main(["--db", db_url, "demo", "--clients", "160", "--seed", "11", "--as-of", "2025-06-30"]) == 0
    out = capsys.readouterr().out
    assert "160 位客户" in out and "截止 2025-06-30" in out and "种子 11" in out
    assert "demo1234" in out and "admin" in out and "im001 … im002" in out and "cb01" in out
    clients, staff, snaps, _ = _counts(db_url)
    assert (clients, staff) == (160, 5) and snaps > 160 * 200  # admin, bm, cb01, two managers

    # a second run refuses (conflict) and changes nothing
    assert main(["--db", db_url, "demo", "--clients", "10", "--as-of", "2025-06-30"]) == 5
    err = capsys.readouterr().err
    assert "已有数据" in err and "客户 160" in err
    assert _counts(db_url)[:3] == (clients, staff, snaps)


def test_same_seed_same_data_through_the_cli(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    other = sqlite_url.replace("crm.sqlite3", "again.sqlite3")
    third = sqlite_url.replace("crm.sqlite3", "third.sqlite3")
    args = ["demo", "--clients", "120", "--as-of", "2025-03-31", "--quiet"]
    assert main(["--db", sqlite_url, *args, "--seed", "5"]) == 0
    assert main(["--db", other, *args, "--seed", "5"]) == 0
    assert main(["--db", third, *args, "--seed", "6"]) == 0
    assert _counts(sqlite_url) == _counts(other)
    assert _counts(sqlite_url) != _counts(third)


def test_bad_arguments(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", sqlite_url, "demo", "--clients", "0"]) == 3
    assert "客户数 0 无效" in capsys.readouterr().err
    assert main(["--db", sqlite_url, "demo", "--as-of", "2025-02-30"]) == 3
    assert "截止日期 2025-02-30 无效" in capsys.readouterr().err
    assert main(["--db", sqlite_url, "demo", "--as-of", "2099-01-02"]) == 3
    assert main(["--db", sqlite_url, "demo", "--clients", "many"]) == 2
    assert main(["--lang", "en", "--db", sqlite_url, "demo", "--clients", "-5"]) == 3
    assert "Client count -5 is invalid" in capsys.readouterr().err


def test_english_summary(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "--db", sqlite_url, "demo", "--clients", "40", "--as-of", "2025-06-30"]) == 0
    out = capsys.readouterr().out
    assert "Demo data loaded: branch SH0108, 40 clients, as of 2025-06-30" in out
    assert "investment managers (2)" in out
