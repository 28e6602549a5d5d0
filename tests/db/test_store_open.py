"""Opening stores: defaults, pragmas, and every kind of bad store giving a clear message, untouched."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from crm_desktop.db import migrate
from crm_desktop.db.store import open_store, resolve_url
from crm_desktop.errors import StoreError
from crm_desktop.paths import default_sqlite_path


def test_default_store_is_sqlite_in_user_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    url = resolve_url(None)
    assert url.get_backend_name() == "sqlite"
    assert Path(url.database or "") == default_sqlite_path()
    assert str(tmp_path) in url.database  # the test isolates CRM_DATA_DIR
    store = open_store(None)
    try:
        assert default_sqlite_path().exists()
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert migrate.is_at_head(store.engine)
    finally:
        store.dispose()


def test_env_url_and_explicit_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CRM_DATABASE_URL", f"sqlite:///{tmp_path}/env.sqlite3")
    assert resolve_url(None).database == f"{tmp_path}/env.sqlite3"
    assert resolve_url(f"sqlite:///{tmp_path}/x.sqlite3").database == f"{tmp_path}/x.sqlite3"
    assert resolve_url("postgresql://u@h/db").drivername == "postgresql+psycopg"


def test_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_bytes(b"this is a text file, not SQLite\n" * 100)
    before = bogus.read_bytes()
    with pytest.raises(StoreError, match="不是 CRM 的 SQLite 数据库"):
        open_store(f"sqlite:///{bogus}")
    assert bogus.read_bytes() == before


def test_store_from_a_newer_build_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "newer.sqlite3"
    store = open_store(f"sqlite:///{db}")
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    store.dispose()
    before = db.read_bytes()
    with pytest.raises(StoreError, match="9999_future"):
        open_store(f"sqlite:///{db}")
    assert db.read_bytes() == before


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0,
    reason="root ignores directory permissions; Windows has no POSIX directory modes",
)
def test_read_only_location_gives_clear_message(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(stat.S_IRUSR | stat.S_IXUSR)
    with pytest.raises(StoreError, match=r"只读|没有权限"):
        open_store(f"sqlite:///{ro}/crm.sqlite3")


def test_unwritable_location_gives_clear_message() -> None:
    # /proc refuses new directories even for root, so this runs everywhere.
    with pytest.raises(StoreError, match=r"无法在 .* 创建或写入数据库"):
        open_store("sqlite:////proc/crm-test/crm.sqlite3")


def test_unreachable_server_gives_clear_message() -> None:
    with pytest.raises(StoreError, match="无法连接数据库服务器") as info:
        open_store("postgresql+psycopg://crm:topsecret@127.0.0.1:1/crm")
    assert "topsecret" not in str(info.value)


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(StoreError, match="不支持的数据库类型"):
        resolve_url("mysql://u@h/db")


def test_postgres_store_needs_init_db_before_use(pg_url: str) -> None:
    with pytest.raises(StoreError, match="crm init-db"):
        open_store(pg_url)
    open_store(pg_url, upgrade=True).dispose()
    open_store(pg_url).dispose()


def test_stores_have_friendly_names_and_the_demo_store_is_known(tmp_path: Path) -> None:
    """Seen in the app: the raw URL in the login dialog and every status bar."""
    from crm_desktop.paths import demo_sqlite_path

    default = open_store(f"sqlite:///{default_sqlite_path()}")
    demo = open_store(f"sqlite:///{demo_sqlite_path()}")
    other = open_store(f"sqlite:///{tmp_path / 'branch-copy.sqlite3'}")
    try:
        assert default.friendly_name() == "本机数据库" and not default.is_demo
        assert demo.friendly_name() == "演示数据" and demo.is_demo
        assert other.friendly_name() == "本机数据库（branch-copy.sqlite3）" and not other.is_demo
    finally:
        for s in (default, demo, other):
            s.dispose()


def test_a_server_store_is_named_without_credentials(pg_url: str) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from crm_desktop.db.store import Store

    url = make_url(pg_url).set(username="crm", password="s3cret-pw")
    store = Store(create_engine(url))
    name = store.friendly_name()
    assert name.startswith("营业部服务器 ") and "s3cret" not in name and "crm@" not in name
    store.dispose()
