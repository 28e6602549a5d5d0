"""Service tasks: generation from plans and events, the agenda, cancelling, moving, closing.

Generation is idempotent: every task carries a ``dedupe_key`` (unique in the store) naming the
trigger, and inserts skip keys that exist, so running it twice (or on two workstations at the
same moment) creates nothing new.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from crm_desktop.db.models import ServiceTask
from crm_desktop.db.models.enums import TaskStatus

OPEN_STATES = (TaskStatus.OPEN.value, TaskStatus.OVERDUE.value)


def close_task_in_session(session: Session, task_id: int, touch_id: int, completed_at: datetime) -> bool:
    """Mark an open task done by a touch. False when it was already closed (by someone else).

    A conditional UPDATE rather than a versioned ORM flush: when two workstations log the same
    task at once, PostgreSQL makes the second UPDATE wait and then re-check ``status``, so the task
    closes once and the second touch is still saved instead of failing.
    """
    result = session.execute(
        update(ServiceTask)
        .where(ServiceTask.id == task_id, ServiceTask.status.in_(OPEN_STATES))
        .values(status=TaskStatus.DONE.value, completed_at=completed_at, completed_touch_id=touch_id,
                version=ServiceTask.version + 1, updated_at=completed_at)
        .execution_options(synchronize_session=False)
    )
    closed = bool(result.rowcount)  # type: ignore[attr-defined]
    loaded = session.identity_map.get((ServiceTask, (task_id,), None)) if closed else None
    if loaded is not None:
        session.expire(loaded)
    return closed


def find_open_task_in_session(session: Session, client_id: int, task_type: str) -> ServiceTask | None:
    """The open task of this type for the client, earliest due first."""
    return session.scalar(
        select(ServiceTask)
        .where(ServiceTask.client_id == client_id, ServiceTask.task_type == task_type,
               ServiceTask.status.in_(OPEN_STATES))
        .order_by(ServiceTask.due_date, ServiceTask.id)
        .limit(1)
    )


def move_open_tasks_in_session(session: Session, client_id: int, to_manager_id: int) -> int:
    """Hand the client's open tasks to another manager (reassignment approval). Returns how many."""
    result = session.execute(
        update(ServiceTask)
        .where(ServiceTask.client_id == client_id, ServiceTask.status.in_(OPEN_STATES))
        .values(manager_id=to_manager_id, version=ServiceTask.version + 1)
        .execution_options(synchronize_session="fetch")
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
