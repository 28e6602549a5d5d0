"""Migrations on SQLite and PostgreSQL: round trips, agreement with the models, one head."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from crm_desktop.db import migrate
from crm_desktop.db.models import Base
from crm_desktop.db.models.campaigns import SET_CHECKED_ON_POSTGRESQL
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


def _checked_set_wise(dialect: str):  # type: ignore[no-untyped-def]
    """On PostgreSQL campaign_target's foreign keys are statement-level checks (migration 0014), not constraints."""

    def include(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
        return not (
            dialect == "postgresql"
            and type_ == "foreign_key_constraint"
            and name in SET_CHECKED_ON_POSTGRESQL
        )

    return include


def test_models_and_migrations_agree(db_url: str) -> None:
    store = open_store(db_url, upgrade=True)
    try:
        with store.engine.connect() as conn:
            ctx = MigrationContext.configure(
                conn, opts={"compare_type": True, "include_object": _checked_set_wise(conn.dialect.name)}
            )
            diff = compare_metadata(ctx, Base.metadata)
        assert diff == []
    finally:
        store.dispose()


def test_notifications_written_as_sentences_stay_readable(db_url: str) -> None:
    """Rows from before migration 0003 hold a sentence, not parameters: they read the same after it and back."""
    from datetime import UTC, datetime

    import sqlalchemy as sa

    from crm_desktop.db.models.enums import Role
    from crm_desktop.db.types import UTCDateTime
    from crm_desktop.services.auth import Actor
    from crm_desktop.services.notifications import list_notifications

    at = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    staff = sa.table(
        "staff",
        *(sa.column(c) for c in ("id", "login", "display_name", "role", "active", "version")),
        sa.column("qualifications", sa.JSON()),
        sa.column("created_at", UTCDateTime()),
        sa.column("updated_at", UTCDateTime()),
    )
    old = sa.table(
        "notification",
        *(sa.column(c) for c in ("recipient_id", "kind", "title", "body")),
        sa.column("related", sa.JSON()),
        sa.column("created_at", UTCDateTime()),
    )
    title, body = "客户 001000 张三 已划转给您", "原经理：-；原因：经理离职"
    engine = connect(resolve_url(db_url))
    try:
        migrate.upgrade(engine, "0001")
        with engine.begin() as conn:
            conn.execute(
                sa.insert(staff).values(
                    id=1,
                    login="im1",
                    display_name="李投顾",
                    role="investment_manager",
                    active=True,
                    qualifications=[],
                    version=1,
                    created_at=at,
                    updated_at=at,
                )
            )
            conn.execute(
                sa.insert(old).values(
                    recipient_id=1,
                    kind="reassignment.received",
                    title=title,
                    body=body,
                    related={},
                    created_at=at,
                )
            )
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    store = open_store(db_url)
    try:
        [n] = list_notifications(store, Actor(1, "im1", "李投顾", Role.INVESTMENT_MANAGER, None))
        assert (n.title, n.body) == (title, body)
    finally:
        store.dispose()
    engine = connect(resolve_url(db_url))
    try:
        migrate.downgrade(engine, "0001")
        with engine.connect() as conn:
            assert tuple(conn.execute(sa.text("SELECT title, body FROM notification")).one()) == (title, body)
    finally:
        engine.dispose()
