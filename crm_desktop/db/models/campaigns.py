"""Segments, marketing consent, campaigns with their target lists, and information pushes (issue #16)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.db.checks import enum_check
from crm_desktop.db.models.base import Base, Timestamps
from crm_desktop.db.types import MONEY, utcnow
from crm_desktop.domain.vocabulary import (
    CampaignObjective,
    CampaignResponse,
    CampaignStatus,
    ConsentSource,
    PushKind,
    TargetStatus,
)


class Segment(Timestamps, Base):
    """A saved filter over the client book (the text form of :mod:`crm_desktop.domain.segments`)."""

    __tablename__ = "segment"

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    name: Mapped[str] = mapped_column(String(100))
    filter_text: Mapped[str] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("owner_id", "name", name="uq_segment_owner_name"),)


class MarketingConsent(Timestamps, Base):
    """Whether the client may be contacted for marketing (营销联系). No row: allowed (see docs/campaigns.md)."""

    __tablename__ = "marketing_consent"

    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), primary_key=True)
    allowed: Mapped[bool]
    since: Mapped[date]
    source: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    __table_args__ = (enum_check("source", ConsentSource),)


class Campaign(Timestamps, Base):
    __tablename__ = "campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    objective: Mapped[str] = mapped_column(String(12))
    product_code: Mapped[str | None] = mapped_column(ForeignKey("product.code"))
    start_date: Mapped[date]
    end_date: Mapped[date]
    talking_points: Mapped[str] = mapped_column(Text, default="")
    # At most this many campaign contacts per client per calendar month, across all campaigns.
    contact_cap: Mapped[int] = mapped_column(default=2)
    filter_text: Mapped[str] = mapped_column(Text, default="")
    segment_name: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(10), default="draft")
    # The day the target list was built on (suitability is judged on it).
    built_on: Mapped[date]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    launched_at: Mapped[datetime | None]
    launched_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (enum_check("objective", CampaignObjective), enum_check("status", CampaignStatus))


# The foreign keys of campaign_target that a PostgreSQL store checks once per statement instead of once per row
# (migration 0014: a 100,000-client list paid about 3 s in row-level key checks). The ORM still orders its
# writes by them; SQLite keeps them as ordinary foreign keys.
SET_CHECKED_ON_POSTGRESQL = frozenset(
    {
        "fk_campaign_target_campaign_id_campaign",
        "fk_campaign_target_client_id_client",
        "fk_campaign_target_manager_id_staff",
        "fk_campaign_target_task_id_service_task",
        "fk_campaign_target_touch_id_touch",
    }
)


class CampaignTarget(Base):
    """One client of a campaign's list: targeted, or left out with the reason; the response when recorded.

    Every reference must exist: foreign keys on SQLite, set-wise checks on PostgreSQL (SET_CHECKED_ON_POSTGRESQL).
    """

    __tablename__ = "campaign_target"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), primary_key=True)
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    status: Mapped[str] = mapped_column(String(12))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("service_task.id"))
    touch_id: Mapped[int | None] = mapped_column(ForeignKey("touch.id"))
    response: Mapped[str | None] = mapped_column(String(12))
    amount: Mapped[Decimal | None] = mapped_column(MONEY)
    reason: Mapped[str | None] = mapped_column(Text)
    responded_at: Mapped[datetime | None]

    __table_args__ = (
        enum_check("status", TargetStatus),
        enum_check("response", CampaignResponse),
    )


class InfoPush(Base):
    """A note matched to clients; its send list goes to the firm's SMS or app platform (the app sends nothing)."""

    __tablename__ = "info_push"

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id"))
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    attachment: Mapped[str | None] = mapped_column(String(500))
    filter_text: Mapped[str] = mapped_column(Text, default="")
    recipients: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    __table_args__ = (enum_check("kind", PushKind),)


class PushRecipient(Base):
    __tablename__ = "push_recipient"

    push_id: Mapped[int] = mapped_column(ForeignKey("info_push.id"), primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), primary_key=True)
    touch_id: Mapped[int | None] = mapped_column(ForeignKey("touch.id"))
