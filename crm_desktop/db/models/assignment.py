"""Who serves a client, and requests to change that."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.db.checks import enum_check
from crm_desktop.db.models.base import Base
from crm_desktop.db.types import utcnow
from crm_desktop.domain.vocabulary import AssignmentReason, ReassignReason, RequestStatus


class AssignmentHistory(Base):
    __tablename__ = "assignment_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    from_manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    to_manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    effective_at: Mapped[datetime] = mapped_column(default=utcnow)
    reason: Mapped[str] = mapped_column(String(30))
    note: Mapped[str | None] = mapped_column(Text)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("reassignment_request.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    __table_args__ = (enum_check("reason", AssignmentReason),)


class ReassignmentRequest(Base):
    __tablename__ = "reassignment_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Requests submitted together (one form, one departure) share a batch id.
    batch_id: Mapped[str | None] = mapped_column(String(40), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"))
    from_manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    to_manager_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    reason: Mapped[str] = mapped_column(String(30))
    comment: Mapped[str | None] = mapped_column(Text)
    handover_note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    decided_at: Mapped[datetime | None]
    decision_comment: Mapped[str | None] = mapped_column(Text)
    override_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        # At most one pending request per client, enforced by the store itself.
        Index(
            "uq_reassignment_request_pending_client",
            "client_id",
            unique=True,
            sqlite_where=text("status = 'pending'"),
            postgresql_where=text("status = 'pending'"),
        ),
        Index("ix_reassignment_request_status", "status"),
        enum_check("reason", ReassignReason),
        enum_check("status", RequestStatus),
    )
