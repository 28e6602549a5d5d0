"""Letters, notifications, import logs and the append-only audit log."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.db.checks import enum_check
from crm_desktop.db.models.base import Base
from crm_desktop.db.types import utcnow
from crm_desktop.domain.vocabulary import ImportKind, ImportStatus


class LetterRecord(Base):
    __tablename__ = "letter_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    generated_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    as_of: Mapped[date]
    period_start: Mapped[date]
    period_end: Mapped[date]
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    pages: Mapped[int]
    size_bytes: Mapped[int]
    comment: Mapped[str | None] = mapped_column(Text)
    touch_id: Mapped[int | None] = mapped_column(ForeignKey("touch.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Notification(Base):
    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    kind: Mapped[str] = mapped_column(String(40))
    # what to say, as parameters of the kind's wording (services.notifications.TEXTS), worded when read
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    related: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_notification_recipient_read", "recipient_id", "read_at"),)


class ImportLog(Base):
    __tablename__ = "import_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(20))
    rows_total: Mapped[int] = mapped_column(default=0)
    rows_new: Mapped[int] = mapped_column(default=0)
    rows_changed: Mapped[int] = mapped_column(default=0)
    rows_unchanged: Mapped[int] = mapped_column(default=0)
    error_count: Mapped[int] = mapped_column(default=0)
    warnings: Mapped[list[Any]] = mapped_column(default=list)

    __table_args__ = (enum_check("kind", ImportKind), enum_check("status", ImportStatus))


class AuditLog(Base):
    """Append-only: the services insert rows and never update or delete them."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    action: Mapped[str] = mapped_column(String(60))
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(60))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The hash chain (services.audit, domain.audit_chain): the previous row's hash and this row's own.
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    row_hash: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_audit_log_entity", "entity_type", "entity_id"),)
