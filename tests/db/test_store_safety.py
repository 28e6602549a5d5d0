"""Another application's SQLite file, or an empty file, is refused and left byte-identical unless
`crm init-db` is run on it explicitly."""

from __future__ import annotations

import io
import sqlite3
import sys
from pathlib import Path

import pytest

from crm_desktop.cli.main import main
from crm_desktop.db import migrate
from crm_desktop.db.store import open_store
from crm_desktop.errors import StoreError


def _foreign(path: Path) -> bytes:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices VALUES (1, 9.5)")
    conn.commit()
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize("kind", ["foreign", "empty"])
def test_not_a_crm_store_is_refused_untouched(
    tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "other.db"
    if kind == "foreign":
        before = _foreign(path)
    else:
        path.write_bytes(b"")
        before = b""
    url = f"sqlite:///{path}"
    with pytest.raises(StoreError) as info:
        open_store(url)
    assert "init-db" in info.value.message and "未被改动" in info.value.message
    monkeypatch.setenv("CRM_PASSWORD", "x")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["--db", url, "tasks", "list", "--as-user", "admin"]) == 6
    assert main(["--db", url, "score", "--as-user", "admin"]) == 6
    err = capsys.readouterr().err
    assert "init-db" in err and "SELECT" not in err
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    # Explicitly: crm init-db turns it into a store (and keeps the other tables).
    assert main(["--db", url, "init-db"]) == 0
    store = open_store(url)
    try:
        assert migrate.is_at_head(store.engine)
    finally:
        store.dispose()


def test_a_crm_store_still_opens(sqlite_url: str) -> None:
    open_store(sqlite_url, upgrade=True).dispose()
    open_store(sqlite_url).dispose()
