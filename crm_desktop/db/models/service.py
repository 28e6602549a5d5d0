"""The standardized service flow: plan versions, tasks and touches."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.db.checks import enum_check
from crm_desktop.db.models.base import Base, Timestamps
from crm_desktop.db.types import utcnow
from crm_desktop.domain.vocabulary import Channel, TaskSource, TaskStatus, TouchStatus, TouchType


class ServicePlan(Base):
    """One version of a branch's service plan. Edits add a version; the newest is in force."""

    __tablename__ = "service_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id"), index=True)
    version_no: Mapped[int]
    # {"recurring": [{"grade": "V5", "type": "phone_call", "interval_days": 30}, ...],
    #  "events": {"new_account": {"type": "phone_call", "due_days": 30}, ...}}
    rules: Mapped[dict[str, Any]] = mapped_column(default=dict)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class ServiceTask(Timestamps, Base):
    __tablename__ = "service_task"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"))
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    task_type: Mapped[str] = mapped_column(String(30))  # a TouchType value
    source: Mapped[str] = mapped_column(String(30))
    due_date: Mapped[date]
    status: Mapped[str] = mapped_column(String(20), default="open")
    # Makes generation idempotent: the same trigger on the same client never yields a second task.
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    plan_version: Mapped[int | None]
    note: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[datetime | None]
    # No FK: touch and task reference each other; touch.task_id carries the enforced link.
    completed_touch_id: Mapped[int | None]
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        Index("ix_service_task_manager_status_due", "manager_id", "status", "due_date"),
        Index("ix_service_task_client_status", "client_id", "status"),
        enum_check("task_type", TouchType),
        enum_check("source", TaskSource),
        enum_check("status", TaskStatus),
    )


class Touch(Timestamps, Base):
    """A service contact. Edits after 24 hours create a new revision; rows are never deleted."""

    __tablename__ = "touch"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"))
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("service_task.id"))
    touch_type: Mapped[str] = mapped_column(String(30))
    channel: Mapped[str] = mapped_column(String(20))
    occurred_at: Mapped[datetime]
    summary: Mapped[str] = mapped_column(Text, default="")
    # {"identity_verified": true, "needs_asked": true, "content_given": "...", "risk_disclosed": true, ...}
    checklist: Mapped[dict[str, Any]] = mapped_column(default=dict)
    satisfaction: Mapped[int | None]
    next_step: Mapped[str | None] = mapped_column(Text)
    follow_up_date: Mapped[date | None]
    backdate_reason: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="active")
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    # Revisions: the first row of a touch has root_id = its own id; later revisions point at it.
    root_id: Mapped[int | None] = mapped_column(ForeignKey("touch.id"))
    revision: Mapped[int] = mapped_column(default=1)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        Index("ix_touch_client_occurred", "client_id", "occurred_at"),
        Index("ix_touch_manager_occurred", "manager_id", "occurred_at"),
        enum_check("touch_type", TouchType),
        enum_check("channel", Channel),
        enum_check("status", TouchStatus),
    )


class ClientNote(Base):
    """A short free-text note kept with a client (快速备注). Not a service touch: it closes no task and
    counts for no compliance figure. Notes are never edited or deleted; a correction is a new note."""

    __tablename__ = "client_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_client_note_client_created", "client_id", "created_at"),)
