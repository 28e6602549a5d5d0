"""Migrations on SQLite and PostgreSQL: round trips, agreement with the models, one head."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from crm_desktop.db import migrate
from crm_desktop.db.models import Base
from crm_desktop.db.store import connect, open_store, resolve_url


def test_single_head() -> None:
    heads = migrate.script_directory().get_heads()
    assert len(heads) == 1


def test_empty_to_head_to_base_to_head(db_url: str) -> None:
    engine = connect(resolve_url(db_url))
    try:
        assert migrate.current_revision(engine) is None
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision()
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        migrate.downgrade(engine, "base")
        assert migrate.current_revision(engine) is None
        leftover = set(inspect(engine).get_table_names()) - {"alembic_version"}
        assert leftover == set()
        migrate.upgrade(engine)
        assert migrate.is_at_head(engine)
    finally:
        engine.dispose()


def test_models_and_migrations_agree(db_url: str) -> None:
    store = open_store(db_url, upgrade=True)
    try:
        with store.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(ctx, Base.metadata)
        assert diff == []
    finally:
        store.dispose()
