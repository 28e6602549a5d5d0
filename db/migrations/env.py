"""Alembic environment. The app passes an open connection in ``config.attributes['connection']``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from crm_desktop.db.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Migrations move every branch's rows: under row-level security (0014) they need the firm scope,
            # for this transaction only (the connection goes back to the application's pool afterwards).
            connection.exec_driver_sql(
                "SELECT set_config('app.scope', 'firm', true), set_config('app.branch_id', '', true)"
            )
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = engine_from_config(
        config.get_section(config.config_ini_section) or {}, prefix="sqlalchemy.", poolclass=pool.NullPool
    )
    with engine.connect() as conn:
        _run(conn)


if context.is_offline_mode():
    context.configure(
        url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata, literal_binds=True
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
