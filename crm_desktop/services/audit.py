"""The audit log: append-only. There is deliberately no update or delete function here."""

from __future__ import annotations

from typing import Any

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
