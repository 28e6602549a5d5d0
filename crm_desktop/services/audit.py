"""The audit log: append-only. There is deliberately no update or delete function here."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from crm_desktop.db.models import AuditLog
from crm_desktop.services.auth import Actor


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


@event.listens_for(Session, "before_flush")
def _refuse_audit_changes(session: Session, _flush_context: object, _instances: object) -> None:
    """Append-only from the app's side: a changed or deleted audit row never reaches the store."""
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, AuditLog) and (obj in session.deleted or session.is_modified(obj)):
            raise PermissionError("the audit log is append-only: audit rows are never updated or deleted")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_audit_changes(state: Any) -> None:
    """Also refuse ORM-enabled bulk UPDATE / DELETE statements aimed at the audit table."""
    if (
        (state.is_update or state.is_delete)
        and state.bind_mapper is not None
        and state.bind_mapper.class_ is AuditLog
    ):
        raise PermissionError("the audit log is append-only: audit rows are never updated or deleted")
