"""the audit log holds: insert-only triggers on both backends and a hash chain (prev_hash, row_hash)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 07:40:00
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from crm_desktop.domain import audit_chain

revision = "0007"
# The lead re-chains this onto the head of main at merge time.
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("row_hash", sa.String(length=64), nullable=True))
    _chain_existing_rows()
    _insert_only()


def _moment(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _chain_existing_rows() -> None:
    """Link the rows written before this revision, in id order (before the triggers forbid UPDATE).

    Runs on the driver's own cursor: the application's guard refuses audit rewrites on every
    SQLAlchemy connection, and this one-time link-up is the only rewrite there ever is.
    """
    bind = op.get_bind()
    raw = bind.connection.dbapi_connection
    assert raw is not None
    mark = "?" if bind.dialect.name == "sqlite" else "%s"
    read = raw.cursor()
    read.execute(
        "SELECT id, at, actor_id, action, entity_type, entity_id, details FROM audit_log ORDER BY id"
    )
    rows = read.fetchall()
    read.close()
    prev = audit_chain.GENESIS
    links = []
    for rid, at, actor_id, action, entity_type, entity_id, details in rows:
        if isinstance(details, str):
            details = json.loads(details)
        digest = audit_chain.row_hash(prev, _moment(at), actor_id, action, entity_type, entity_id, details)
        links.append((prev, digest, rid))
        prev = digest
    if links:
        write = raw.cursor()
        write.executemany(
            f"UPDATE audit_log SET prev_hash = {mark}, row_hash = {mark} WHERE id = {mark}", links
        )
        write.close()


def _insert_only() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION crm_audit_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION 'the audit log is insert-only: % on audit_log is refused', TG_OP; END $$"
        )
        for what in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{what.lower()} BEFORE {what} ON audit_log "
                "FOR EACH ROW EXECUTE FUNCTION crm_audit_insert_only()"
            )
        op.execute(
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION crm_audit_insert_only()"
        )
        return
    for what in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_log_no_{what.lower()} BEFORE {what} ON audit_log "
            f"BEGIN SELECT RAISE(ABORT, 'the audit log is insert-only: {what} on audit_log is refused'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for what in ("update", "delete", "truncate"):
            op.execute(f"DROP TRIGGER IF EXISTS audit_log_no_{what} ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS crm_audit_insert_only()")
    else:
        for what in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS audit_log_no_{what}")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("row_hash")
        batch_op.drop_column("prev_hash")
