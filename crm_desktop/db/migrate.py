"""Alembic driven from code: upgrade, downgrade, and refusing stores from a newer build."""

from __future__ import annotations

from collections.abc import Callable

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from crm_desktop.errors import StoreError
from crm_desktop.i18n import tr
from crm_desktop.paths import migrations_dir


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    heads = script_directory().get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"expected one migration head, found {heads}")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def is_known(revision: str) -> bool:
    try:
        return script_directory().get_revision(revision) is not None
    except Exception:
        return False


def check_known_revision(engine: Engine) -> str | None:
    """Raise when the store was migrated by a build newer than this one; never touch it then."""
    rev = current_revision(engine)
    if rev is not None and not is_known(rev):
        raise StoreError(
            tr(
                "数据库版本 {rev} 比本程序新（由更新版本的 CRM 创建或升级）。为避免损坏数据，本程序不会打开它。"
                "请升级本程序后再打开该数据库。",
                "The store is at revision {rev}, which this build does not know (a newer version of CRM "
                "created or upgraded it). It was left untouched. Install the newer version to open it.",
                rev=rev,
            )
        )
    return rev


def upgrade(engine: Engine, target: str = "head") -> None:
    check_known_revision(engine)
    _migrate(engine, lambda conn: command.upgrade(alembic_config(conn), target))


def downgrade(engine: Engine, target: str = "base") -> None:
    check_known_revision(engine)
    _migrate(engine, lambda conn: command.downgrade(alembic_config(conn), target))


def _migrate(engine: Engine, step: Callable[[Connection], None]) -> None:
    """Run one migration step in one transaction.

    On SQLite, Alembic's batch mode rebuilds a table (copy, drop, rename) to change its constraints; with
    foreign keys enforced, dropping a table that other rows reference fails. The pragma only takes effect
    outside a transaction, so it is switched off on the raw connection first, and the references are checked
    with ``PRAGMA foreign_key_check`` before the commit: a rebuild can never leave a dangling reference.
    """
    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            step(conn)
        return
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                step(conn)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise StoreError(
                        tr(
                            "升级数据库时发现 {n} 条失效的关联记录（例如表 {table}），已撤销升级，数据库保持原样。",
                            "Upgrading the store found {n} broken references (for example in table {table}); the "
                            "upgrade was rolled back and the store is unchanged.",
                            n=len(broken),
                            table=broken[0][0],
                        )
                    )
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def is_at_head(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()
