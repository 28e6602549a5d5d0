"""Alembic driven from code: upgrade, downgrade, and refusing stores from a newer build."""

from __future__ import annotations

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
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), target)


def downgrade(engine: Engine, target: str = "base") -> None:
    check_known_revision(engine)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), target)


def is_at_head(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()
