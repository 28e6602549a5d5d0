"""Shared fixtures: stores on SQLite and on a real PostgreSQL, and a small seeded branch.

PostgreSQL tests use CRM_TEST_PG_URL (default: the server on 127.0.0.1:5432, database ``test``); each
test gets its own schema so parallel runs never collide. Without a server they skip, except under
CI=true, where a missing server fails the run.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CRM_LANG", "zh_CN")

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from crm_desktop.clock import FixedClock, set_clock
from crm_desktop.db.store import Store, open_store
from crm_desktop.i18n import set_language
from tests.factories import Seed, seed_branch
from tests.fixed_clock import TODAY

PG_URL = os.environ.get("CRM_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() == "true"

_pg_ok: bool | None = None


def pg_available() -> bool:
    global _pg_ok
    if _pg_ok is None:
        try:
            eng = create_engine(PG_URL, connect_args={"connect_timeout": 3})
            with eng.connect() as conn:
                conn.execute(text("SELECT 1"))
            eng.dispose()
            _pg_ok = True
        except Exception:
            _pg_ok = False
    return _pg_ok


def require_pg() -> None:
    if not pg_available():
        if IN_CI:
            pytest.fail(f"CI=true but no PostgreSQL answers at {make_url(PG_URL).render_as_string()}")
        pytest.skip(
            f"no PostgreSQL server answers at {make_url(PG_URL).render_as_string()} (set CRM_TEST_PG_URL)"
        )


@pytest.fixture(autouse=True)
def _isolate_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test touches the real user data dir, the real keyring, the developer's database or the real date."""
    monkeypatch.setenv("CRM_DATA_DIR", str(tmp_path / "userdata"))
    monkeypatch.delenv("CRM_DATABASE_URL", raising=False)
    monkeypatch.delenv("CRM_PASSWORD", raising=False)
    monkeypatch.delenv("CRM_AS_USER", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    # personal data at rest: each test's stores get a fresh key in a key file of their own (subprocesses too)
    # (next to tmp_path, not in it: tests that list their tmp_path see only their own files)
    monkeypatch.setenv("CRM_PII_KEY_FILE", str(tmp_path.parent / f"{tmp_path.name}.pii.key"))
    set_language("zh_CN")
    previous = set_clock(FixedClock(TODAY))
    yield
    set_clock(previous)
    set_language("zh_CN")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL to a fresh, empty schema on the test PostgreSQL server; dropped afterwards."""
    require_pg()
    schema = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'crm.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Parametrises a test over both backends."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'crm.sqlite3'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite store migrated to head per test process; each test's store starts as a copy of it.

    Migrating a new file costs about a second, and most tests need an empty store at head: the copy is the
    same file the migrations write (an empty store holds no sealed data, so no key travels with it).
    Tests about migrating or opening files build their own from ``sqlite_url``."""
    path = tmp_path_factory.mktemp("template") / "crm.sqlite3"
    saved = {k: os.environ.get(k) for k in ("CRM_PII_KEY_FILE", "PYTHON_KEYRING_BACKEND", "CRM_DATA_DIR")}
    os.environ["CRM_PII_KEY_FILE"] = str(path.with_suffix(".pii.key"))
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    os.environ["CRM_DATA_DIR"] = str(path.parent / "userdata")
    try:
        open_store(f"sqlite:///{path}", upgrade=True).dispose()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    assert not path.with_name(path.name + "-wal").exists(), "the template must be closed and checkpointed"
    return path


def _open_fresh(url: str, template: Path) -> Store:
    if url.startswith("sqlite:///"):
        target = Path(url.removeprefix("sqlite:///"))
        if not target.exists():
            shutil.copyfile(template, target)
    return open_store(url, upgrade=True)


@pytest.fixture
def store(db_url: str, _sqlite_template: Path) -> Iterator[Store]:
    """An upgraded, empty store on each backend."""
    s = _open_fresh(db_url, _sqlite_template)
    yield s
    s.dispose()


@pytest.fixture
def sqlite_store(sqlite_url: str, _sqlite_template: Path) -> Iterator[Store]:
    s = _open_fresh(sqlite_url, _sqlite_template)
    yield s
    s.dispose()


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    s = open_store(pg_url, upgrade=True)
    yield s
    s.dispose()


@pytest.fixture
def seeded(store: Store) -> Seed:
    """A small branch on each backend: admin, branch manager, two investment managers, six clients."""
    return seed_branch(store)


@pytest.fixture
def seeded_sqlite(sqlite_store: Store) -> Seed:
    return seed_branch(sqlite_store)
