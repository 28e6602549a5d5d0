"""The audit log: append-only, and chained so that a change behind the application's back shows.

There is deliberately no update or delete function here. Three locks keep it that way:
- in the application, the ORM guard below refuses a changed or deleted audit row, an ORM or Core
  UPDATE/DELETE aimed at the audit table, and any SQL text that would update, delete or truncate it;
- in the store, triggers (migration 0007) refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) for
  every database user, whatever tool it uses;
- each row carries the hash of the row before it and of its own content (``domain.audit_chain``), so
  a row changed or removed by someone who got past both (e.g. by dropping a trigger) breaks the
  chain, and ``crm audit verify`` names the first broken row.

Rows are chained as they are flushed: the writer takes a lock first (PostgreSQL: a transaction-level
advisory lock; SQLite: write transactions are serialised by ``BEGIN IMMEDIATE`` already), reads the
last row's hash and links the new rows to it, so two workstations writing at once never fork it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Delete, Engine, Update, event, inspect, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause

from crm_desktop.db.models import AuditLog
from crm_desktop.db.models.enums import Role
from crm_desktop.db.store import Store
from crm_desktop.db.types import utcnow
from crm_desktop.domain import audit_chain
from crm_desktop.errors import PermissionDenied
from crm_desktop.i18n import tr
from crm_desktop.services.auth import Actor

# Any key: one lock for every writer of the audit chain in the database.
CHAIN_LOCK = 0x43524D_41554454  # "CRM" "AUDT"
_REFUSED = "the audit log is append-only: audit rows are never updated or deleted"
# SQL that would rewrite the audit table: UPDATE …, DELETE FROM …, TRUNCATE [TABLE] … audit_log.
_REWRITE_SQL = re.compile(
    r"\b(?:UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+(?:ONLY\s+)?(?:\"?\w+\"?\.)?\"?audit_log\"?(?!\w)",
    re.IGNORECASE,
)


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    entity_type: str,
    entity_id: object | None = None,
    **details: Any,
) -> AuditLog:
    """Add an audit row to the caller's transaction (it commits or rolls back with the action)."""
    row = AuditLog(
        actor_id=actor.id if actor else None,
        action=action,
        entity_type=entity_type,
        entity_id=None if entity_id is None else str(entity_id),
        details=details,
    )
    session.add(row)
    return row


# ---------------------------------------------------------------- the chain


def _lock_chain(conn: Any) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHAIN_LOCK})


def _last_hash(conn: Any) -> str:
    last = conn.execute(select(AuditLog.row_hash).order_by(AuditLog.id.desc()).limit(1)).first()
    if last is None:
        return audit_chain.GENESIS
    return last[0] or audit_chain.GENESIS


def chain_values(conn: Any, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` of one audit row for a Core insert, completed with its time and links (takes the lock)."""
    _lock_chain(conn)
    out = dict(values)
    out.setdefault("at", utcnow())
    out["details"] = audit_chain.plain_details(out.get("details"))
    prev = _last_hash(conn)
    out["prev_hash"] = prev
    out["row_hash"] = audit_chain.row_hash(
        prev,
        out["at"],
        out.get("actor_id"),
        out["action"],
        out["entity_type"],
        out.get("entity_id"),
        out["details"],
    )
    return out


@event.listens_for(Session, "before_flush")
def _chain_new_rows(session: Session, _flush_context: object, _instances: object) -> None:
    new = [obj for obj in session.new if isinstance(obj, AuditLog)]
    if not new:
        return
    new.sort(key=lambda o: inspect(o).insert_order or 0)  # the order the flush inserts them in
    conn = session.connection()
    _lock_chain(conn)
    prev = _last_hash(conn)
    for row in new:
        if row.at is None:
            row.at = utcnow()
        row.details = audit_chain.plain_details(row.details)
        row.prev_hash = prev
        row.row_hash = audit_chain.row_hash(
            prev, row.at, row.actor_id, row.action, row.entity_type, row.entity_id, row.details
        )
        prev = row.row_hash


# ---------------------------------------------------------------- the guards


@event.listens_for(Session, "before_flush")
def _refuse_audit_changes(session: Session, _flush_context: object, _instances: object) -> None:
    """Append-only from the app's side: a changed or deleted audit row never reaches the store."""
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, AuditLog) and (obj in session.deleted or session.is_modified(obj)):
            raise PermissionError(_REFUSED)


def _aims_at_audit(statement: Any) -> bool:
    if isinstance(statement, Update | Delete):
        return getattr(statement.table, "name", None) == AuditLog.__tablename__
    if isinstance(statement, TextClause):
        return _REWRITE_SQL.search(statement.text) is not None
    return False


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_audit_changes(state: Any) -> None:
    """Also refuse ORM and Core UPDATE / DELETE statements and SQL texts aimed at the audit table."""
    if (
        (state.is_update or state.is_delete)
        and state.bind_mapper is not None
        and state.bind_mapper.class_ is AuditLog
    ) or _aims_at_audit(state.statement):
        raise PermissionError(_REFUSED)


@event.listens_for(Engine, "before_cursor_execute", retval=False)
def _refuse_audit_rewrites(
    _conn: Any, _cursor: Any, statement: str, _params: Any, _context: Any, _executemany: bool
) -> None:
    """The last net in the application: whatever built it, no statement that rewrites the audit table runs."""
    if _REWRITE_SQL.search(statement):
        raise PermissionError(_REFUSED)


# ---------------------------------------------------------------- verification


@dataclass(frozen=True)
class ChainReport:
    rows: int
    broken: audit_chain.Break | None

    @property
    def ok(self) -> bool:
        return self.broken is None


VERIFIERS = (Role.ADMIN.value, Role.BRANCH_MANAGER.value)


def verify_chain(store: Store, actor: Actor) -> ChainReport:
    """Walk the whole audit log in id order and report the first row whose link or content is broken."""
    if actor.role not in VERIFIERS:
        raise PermissionDenied(
            tr(
                "只有系统管理员和营业部负责人可以校验审计日志。",
                "Only administrators and branch managers may verify the audit log.",
            )
        )
    with store.read() as session:
        cols = (
            AuditLog.id,
            AuditLog.at,
            AuditLog.actor_id,
            AuditLog.action,
            AuditLog.entity_type,
            AuditLog.entity_id,
            AuditLog.details,
            AuditLog.prev_hash,
            AuditLog.row_hash,
        )
        result = session.execute(select(*cols).order_by(AuditLog.id).execution_options(yield_per=5000))
        n, broken = audit_chain.first_break(audit_chain.ChainRow(*r) for r in result)
    return ChainReport(n, broken)
