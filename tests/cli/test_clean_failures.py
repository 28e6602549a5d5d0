"""Outages, read-only stores, malformed arguments and overflowing amounts end with a clear message and
the documented exit code (3 invalid input, 6 store unavailable), never SQL text or its parameters."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from crm_desktop.cli.main import main
from crm_desktop.errors import InvalidInput
from crm_desktop.services.importing import ImportRejected, run_import
from tests.factories import PASSWORD, Seed
from tests.importing.samples import SECURITIES_ROWS, SECURITIES_ZH, TRADES_ZH, write_csv, write_xlsx

SQL_WORDS = ("SELECT", "INSERT", "UPDATE", "[SQL", "parameters", "[parameters")


def _run(
    url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str]:
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    capsys.readouterr()
    rc = main(["--db", url, *args])
    err = capsys.readouterr().err
    assert not any(w in err for w in SQL_WORDS), err
    return rc, err


def _url(seed: Seed) -> str:
    return seed.store.url.render_as_string(hide_password=False)


@pytest.mark.parametrize("port", [1, 5999])
def test_postgresql_down_or_wrong_port_exits_6(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], port: int
) -> None:
    rc, err = _run(
        f"postgresql+psycopg://postgres@127.0.0.1:{port}/test",
        monkeypatch,
        capsys,
        "tasks",
        "list",
        "--as-user",
        "im1",
    )
    assert rc == 6 and "无法连接" in err


def test_read_only_store_exits_6(
    seeded_sqlite: Seed, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = seeded_sqlite.store.url.database
    seeded_sqlite.store.dispose()
    rc, err = _run(
        f"sqlite:///file:{path}?mode=ro&uri=true",
        monkeypatch,
        capsys,
        "tasks",
        "generate",
        "--as-user",
        "im1",
    )
    assert rc == 6 and "只读" in err


def test_id_too_large_exits_3(
    seeded: Seed, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (
        ("reassign", "approve", "99999999999999999999", "--as-user", "bm"),
        ("tasks", "cancel", "99999999999999999999", "--reason", "x", "--as-user", "im1"),
    ):
        rc, err = _run(_url(seeded), monkeypatch, capsys, *args)
        assert rc == 3, err


def test_malformed_arguments_exit_3(
    seeded_sqlite: Seed, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _url(seeded_sqlite)
    bad_utf8 = b"im1\xff".decode("utf-8", "surrogateescape")
    rc, err = _run(url, monkeypatch, capsys, "tasks", "list", "--as-user", bad_utf8)
    assert rc == 3 and "UTF-8" in err
    rc, err = _run(url, monkeypatch, capsys, "tasks", "generate", "--as-of", "2026-13-45", "--as-user", "im1")
    assert rc == 3 and "YYYY-MM-DD" in err
    rc, err = _run(url, monkeypatch, capsys, "score", "--as-of", "yesterday", "--as-user", "bm")
    assert rc == 3


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_overflowing_amount_is_a_row_error(seeded: Seed, tmp_path: Path, fmt: str) -> None:
    run_import(
        seeded.store,
        seeded.admin,
        "securities",
        write_csv(tmp_path / "sec.csv", SECURITIES_ZH, SECURITIES_ROWS),
    )
    rows = [
        ["T1", "001000", "2024-01-05", "000001", "买入", "100", "10", "1e30", "5"],
        ["T2", "001000", "2024-01-05", "000001", "买入", "1E+300", "10", "1000", "5"],
    ]
    writer = write_csv if fmt == "csv" else write_xlsx
    path = writer(tmp_path / f"t.{fmt}", TRADES_ZH, rows)
    with pytest.raises(ImportRejected) as info:
        run_import(seeded.store, seeded.admin, "trades", path)
    assert isinstance(info.value, InvalidInput) and info.value.exit_code == 3
    assert [e.row for e in info.value.result.errors] == [2, 3]
    assert all("过大" in e.reason for e in info.value.result.errors)
