"""Suitability records (投资者适当性): product ratings, risk profiles, trading permissions, special
risk warnings, and the findings of the latest check. Rules live in ``crm_desktop.domain.suitability``."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.db.models.base import Base, Timestamps
from crm_desktop.db.types import utcnow
from crm_desktop.domain.vocabulary import (
    FindingKind,
    InvestorClass,
    Permission,
    ProductRating,
    ProductType,
    WarningChannel,
    WarningSubject,
)


def _in(column: str, values: object) -> str:
    return f"{column} IN ({', '.join(repr(str(v)) for v in values)})"  # type: ignore[attr-defined]


RISK_LEVEL_CHECK = "level IN ('C1', 'C2', 'C3', 'C4', 'C5')"


class Product(Timestamps, Base):
    """A product or service with its risk rating; listed funds and stocks are also securities."""

    __tablename__ = "product"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    product_type: Mapped[str] = mapped_column(String(12))
    risk_rating: Mapped[str] = mapped_column(String(2))
    # Offered to professional investors only (专业投资者专属); campaigns leave ordinary investors out.
    professional_only: Mapped[bool] = mapped_column(default=False)

    __table_args__ = (
        CheckConstraint(_in("product_type", ProductType), name="product_type"),
        CheckConstraint(_in("risk_rating", ProductRating), name="risk_rating"),
    )


class RiskProfile(Timestamps, Base):
    """One assessment from the firm's suitability system; the latest on or before a day is in force."""

    __tablename__ = "risk_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"))
    level: Mapped[str] = mapped_column(String(2))
    lowest_category: Mapped[bool] = mapped_column(default=False)
    assessed_on: Mapped[date]
    valid_until: Mapped[date]
    investor_class: Mapped[str] = mapped_column(String(12), default="ordinary")
    # Set only by an administrator's correction; imports from the suitability system leave it empty.
    correction_reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("client_id", "assessed_on", name="uq_risk_profile_client_assessed"),
        CheckConstraint(RISK_LEVEL_CHECK, name="level"),
        CheckConstraint(_in("investor_class", InvestorClass), name="investor_class"),
    )


class TradingPermission(Timestamps, Base):
    __tablename__ = "trading_permission"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"))
    permission: Mapped[str] = mapped_column(String(12))
    opened_on: Mapped[date]

    __table_args__ = (
        UniqueConstraint("client_id", "permission", name="uq_trading_permission_client_permission"),
        CheckConstraint(_in("permission", Permission), name="permission"),
    )


class RiskWarning(Base):
    """A special risk warning (特别风险警示) the client confirmed, with its evidence. Never edited."""

    __tablename__ = "risk_warning"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"))
    subject_kind: Mapped[str] = mapped_column(String(10))
    # a product code, or a permission name when subject_kind is "permission"
    subject: Mapped[str] = mapped_column(String(20))
    confirmed_on: Mapped[date]
    channel: Mapped[str] = mapped_column(String(20))
    evidence: Mapped[str] = mapped_column(String(200))
    touch_id: Mapped[int | None] = mapped_column(ForeignKey("touch.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        UniqueConstraint("client_id", "subject_kind", "subject", "confirmed_on", name="uq_risk_warning_key"),
        CheckConstraint(_in("subject_kind", WarningSubject), name="subject_kind"),
        CheckConstraint(_in("channel", WarningChannel), name="channel"),
    )


class SuitabilityFinding(Base):
    """What the latest check found; replaced as a whole by each check."""

    __tablename__ = "suitability_finding"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"))
    kind: Mapped[str] = mapped_column(String(24))
    code: Mapped[str] = mapped_column(String(20), default="")
    product_level: Mapped[str | None] = mapped_column(String(2))
    client_level: Mapped[str | None] = mapped_column(String(2))
    trade_date: Mapped[date | None]
    warned: Mapped[bool | None]
    as_of: Mapped[date]

    __table_args__ = (
        Index("ix_suitability_finding_client", "client_id"),
        CheckConstraint(_in("kind", FindingKind), name="kind"),
    )
