"""The signed-in user's notifications: list them and mark them read. Nobody sees anyone else's."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update

from crm_desktop.db.models import Notification
from crm_desktop.db.store import Store
from crm_desktop.db.types import utcnow
from crm_desktop.services.auth import Actor


@dataclass(frozen=True)
class NotificationView:
    id: int
    kind: str
    title: str
    body: str
    related: dict[str, Any]
    created_at: datetime
    read_at: datetime | None


def list_notifications(store: Store, actor: Actor, *, unread_only: bool = False, limit: int = 200
                       ) -> list[NotificationView]:
    """Newest first."""
    with store.read() as session:
        q = select(Notification).where(Notification.recipient_id == actor.id)
        if unread_only:
            q = q.where(Notification.read_at.is_(None))
        q = q.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)
        return [NotificationView(n.id, n.kind, n.title, n.body, dict(n.related or {}), n.created_at, n.read_at)
                for n in session.scalars(q)]


def unread_count(store: Store, actor: Actor) -> int:
    with store.read() as session:
        return int(session.scalar(
            select(func.count()).select_from(Notification).where(
                Notification.recipient_id == actor.id, Notification.read_at.is_(None))
        ) or 0)


def mark_read(store: Store, actor: Actor, ids: Sequence[int]) -> int:
    """Mark the actor's own notifications read (ids of other people's are ignored); returns how many."""
    if not ids:
        return 0
    with store.transaction() as session:
        result = session.execute(
            update(Notification)
            .where(Notification.id.in_(list(ids)), Notification.recipient_id == actor.id,
                   Notification.read_at.is_(None))
            .values(read_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


def mark_all_read(store: Store, actor: Actor) -> int:
    with store.transaction() as session:
        result = session.execute(
            update(Notification)
            .where(Notification.recipient_id == actor.id, Notification.read_at.is_(None))
            .values(read_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]
