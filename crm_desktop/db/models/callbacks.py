"""Independent call-backs (回访), the red-flag alert cases they open, and the complaints register (投诉).

None of these rows is ever deleted: the migration adds triggers that refuse DELETE on both backends,
and call-back records (the answers) also refuse UPDATE: a wrong record is answered by a new attempt,
never rewritten. Items, alerts and complaints change state only through the audited services.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.db.checks import enum_check
from crm_desktop.db.models.base import Base, Timestamps
from crm_desktop.db.types import utcnow
from crm_desktop.domain.callbacks_vocab import (
    AlertKind,
    AlertStatus,
    CallbackOutcome,
    CallbackReason,
    CallbackStatus,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintStatus,
)


class CallbackSample(Base):
    """The yearly sample of a branch: its seed and picks are stored so the sample is reproducible."""

    __tablename__ = "callback_sample"

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    year: Mapped[int]
    seed: Mapped[int]
    rate: Mapped[float]
    # {client_id: quarter} as [[client_id, manager_id, quarter], ...]; grows only (top-ups for new books)
    picks: Mapped[list[Any]] = mapped_column(default=list)
    population: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (Index("uq_callback_sample_branch_year", "branch_id", "year", unique=True),)


class CallbackItem(Timestamps, Base):
    """A client in the call-back pool, with why and by when."""

    __tablename__ = "callback_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"))
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    # The client's servicing manager when the item was made: the sample's stratum.
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    reason: Mapped[str] = mapped_column(String(20))
    due_date: Mapped[date]
    status: Mapped[str] = mapped_column(String(10), default=CallbackStatus.OPEN.value)
    # Generation is idempotent: one trigger (an opening, a sample pick, a move, a complaint) = one key.
    dedupe_key: Mapped[str] = mapped_column(String(100), unique=True)
    sample_id: Mapped[int | None] = mapped_column(ForeignKey("callback_sample.id"))
    sample_quarter: Mapped[int | None]
    # Set when the item closes: the final outcome and the attempt that closed it.
    outcome: Mapped[str | None] = mapped_column(String(20))
    closed_by_record_id: Mapped[int | None]  # no FK: record and item reference each other
    closed_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        enum_check("reason", CallbackReason),
        enum_check("status", CallbackStatus),
        enum_check("outcome", CallbackOutcome),
        CheckConstraint("sample_quarter IS NULL OR sample_quarter BETWEEN 1 AND 4", name="sample_quarter"),
        Index("ix_callback_item_status_due", "status", "due_date"),
        Index("ix_callback_item_client", "client_id"),
    )


class CallbackRecord(Base):
    """One call-back attempt and its answers. Insert-only (the store refuses UPDATE and DELETE)."""

    __tablename__ = "callback_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("callback_item.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    # The servicing manager at the time of the call: whose service the answers judge.
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(20))
    # {question code: "yes" | "no" | 1..5 | text}, as normalised against the script in force
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    satisfaction: Mapped[int | None]
    comment: Mapped[str | None] = mapped_column(Text)
    recording_ref: Mapped[str | None] = mapped_column(String(300))
    script_version: Mapped[str | None] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempt_no: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        enum_check("outcome", CallbackOutcome),
        CheckConstraint("satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5", name="satisfaction"),
    )


class AlertCase(Timestamps, Base):
    """A red flag from a call-back answer, for the branch manager: open -> investigating -> closed."""

    __tablename__ = "alert_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("callback_record.id"))
    kind: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default=AlertStatus.OPEN.value)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    investigation_note: Mapped[str | None] = mapped_column(Text)
    conclusion: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None]
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        enum_check("kind", AlertKind),
        enum_check("status", AlertStatus),
        CheckConstraint("status <> 'closed' OR conclusion IS NOT NULL", name="closed_has_conclusion"),
    )


class Complaint(Timestamps, Base):
    """A registered complaint with its deadlines (working days, from the config in force at registration)."""

    __tablename__ = "complaint"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    received_at: Mapped[datetime]
    channel: Mapped[str] = mapped_column(String(30))
    category: Mapped[str] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(Text)
    registered_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    # The manager the complaint is about (counts in that manager's performance view), if any.
    about_manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    assigned_at: Mapped[datetime | None]
    acknowledge_by: Mapped[date]
    due_date: Mapped[date]
    acknowledged_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(20), default=ComplaintStatus.OPEN.value)
    escalation: Mapped[str | None] = mapped_column(Text)
    escalated_at: Mapped[datetime | None]
    resolution: Mapped[str | None] = mapped_column(Text)
    accepted: Mapped[bool | None]
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        enum_check("channel", ComplaintChannel),
        enum_check("category", ComplaintCategory),
        enum_check("status", ComplaintStatus),
        CheckConstraint(
            "status <> 'resolved' OR (resolution IS NOT NULL AND accepted IS NOT NULL)",
            name="resolved_complete",
        ),
        Index("ix_complaint_status_due", "status", "due_date"),
    )
