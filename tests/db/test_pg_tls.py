"""TLS for PostgreSQL connections (issue #20): sslmode=prefer by default, require (or stricter) configurable."""

from __future__ import annotations

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import make_url

from crm_desktop.db.store import SSLMODE_ENV, _pg_engine, connect, pg_sslmode
from crm_desktop.errors import StoreError


@pytest.fixture(autouse=True)
def _no_sslmode_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SSLMODE_ENV, raising=False)
    monkeypatch.delenv("PGSSLMODE", raising=False)


def test_prefer_by_default_and_what_overrides_it(monkeypatch: pytest.MonkeyPatch) -> None:
    url = make_url("postgresql+psycopg://crm@db/crm")
    assert pg_sslmode(url) == "prefer"
    monkeypatch.setenv("PGSSLMODE", "allow")
    assert pg_sslmode(url) == "allow"  # libpq's own setting is respected
    monkeypatch.setenv(SSLMODE_ENV, "Require")
    assert pg_sslmode(url) == "require"  # the CRM setting beats libpq's
    assert (
        pg_sslmode(url.update_query_dict({"sslmode": "verify-full"})) == "verify-full"
    )  # the URL beats both


class _Stop(Exception):
    pass


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("postgresql+psycopg://crm@db/crm", "prefer"),
        ("postgresql+psycopg://crm@db/crm?sslmode=require", "require"),
    ],
)
def test_the_driver_is_asked_for_it(raw: str, expected: str) -> None:
    """What psycopg receives when the engine connects (stopped before any network traffic)."""
    engine = _pg_engine(make_url(raw))
    seen: dict[str, object] = {}

    @event.listens_for(engine, "do_connect")
    def _capture(_dialect: object, _rec: object, _cargs: object, cparams: dict[str, object]) -> None:
        seen.update(cparams)
        raise _Stop

    try:
        with pytest.raises(_Stop):
            engine.connect()
    finally:
        engine.dispose()
    assert seen["sslmode"] == expected


def test_invalid_mode_is_a_clear_store_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SSLMODE_ENV, "sometimes")
    with pytest.raises(StoreError) as exc:
        pg_sslmode(make_url("postgresql+psycopg://crm@db/crm"))
    assert exc.value.exit_code == 6
    assert "sometimes" in str(exc.value) and "require" in str(exc.value)


@pytest.mark.pg
def test_prefer_connects_and_require_refuses_a_server_without_tls(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The test server has TLS off: prefer falls back to a plain connection, require refuses clearly."""
    engine = connect(make_url(pg_url))
    try:
        with engine.connect() as conn:
            server_ssl = conn.execute(text("SHOW ssl")).scalar()
            in_use = conn.execute(text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).scalar()
        assert bool(in_use) == (server_ssl == "on")  # prefer: TLS exactly when the server offers it
    finally:
        engine.dispose()
    if server_ssl == "on":
        pytest.skip("this server offers TLS: require would connect")
    monkeypatch.setenv(SSLMODE_ENV, "require")
    with pytest.raises(StoreError) as exc:
        connect(make_url(pg_url))
    assert exc.value.exit_code == 6
    assert "sslmode=require" in str(exc.value) and SSLMODE_ENV in str(exc.value)
