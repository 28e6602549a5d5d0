"""Client flow (issue #17): account events, churn reasons, who developed and who serves a client, teams,
and the requests a branch manager approves for them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.db.checks import enum_check
from crm_desktop.db.models.base import Base, Timestamps
from crm_desktop.db.types import utcnow
from crm_desktop.domain.vocabulary import AccountEvent, ChurnReason, FlowRequestKind, RequestStatus


class AccountEventRecord(Base):
    """One back-office event on an account (imported; the same event on the same day is one row)."""

    __tablename__ = "account_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"))
    event: Mapped[str] = mapped_column(String(20))
    date: Mapped[date]
    # the other broker of a transfer (对方券商), when the export names it
    counterparty: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        Index("uq_account_event_client_date_event", "client_id", "date", "event", unique=True),
        Index("ix_account_event_date", "date"),
        enum_check("event", AccountEvent),
    )


class ChurnRecord(Base):
    """A lost client (closed or transferred out) and, once the manager records it, why they left."""

    __tablename__ = "churn_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    lost_on: Mapped[date]
    # the account event that lost the client: closed or transferred_out
    event: Mapped[str] = mapped_column(String(20))
    # the servicing manager when the client was lost: whose loss it counts as
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    reason: Mapped[str | None] = mapped_column(String(30))
    comment: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    recorded_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        Index("uq_churn_record_client_lost_on", "client_id", "lost_on", unique=True),
        enum_check("event", AccountEvent),
        enum_check("reason", ChurnReason),
    )


class ClientRelationship(Timestamps, Base):
    """Who developed (开发人) and who serves (服务人) a client, their shares of the result, and a viewer (共享).

    No row means the default: the client's manager developed and serves the client and takes all of it.
    """

    __tablename__ = "client_relationship"

    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), primary_key=True)
    developer_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    servicer_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    # {"<staff id>": "0.3", ...}: exact decimal text, summing to 1
    shares: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # a second manager who may read, not change, the client
    viewer_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("flow_request.id"))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Team(Timestamps, Base):
    """A marketing team (营销团队) of one branch, with its lead."""

    __tablename__ = "team"

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    name: Mapped[str] = mapped_column(String(100))
    lead_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)

    __table_args__ = (Index("uq_team_branch_name", "branch_id", "name", unique=True),)


class TeamMember(Base):
    """A manager belongs to one team at most."""

    __tablename__ = "team_member"

    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), index=True)


class FlowRequest(Base):
    """A change a branch manager approves or rejects: a relationship change or a commission-rate review.

    ``payload`` holds what the request asks for (ids and decimal text); nobody decides their own request.
    """

    __tablename__ = "flow_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    comment: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    decided_at: Mapped[datetime | None]
    decision_comment: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        # at most one pending request of each kind per client
        Index(
            "uq_flow_request_pending",
            "client_id",
            "kind",
            unique=True,
            sqlite_where=text("status = 'pending'"),
            postgresql_where=text("status = 'pending'"),
        ),
        enum_check("kind", FlowRequestKind),
        enum_check("status", RequestStatus),
    )
