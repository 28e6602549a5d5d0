"""Stored results of scoring-engine runs. Each run records the engine version and config hash."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.db.checks import enum_check
from crm_desktop.db.models.base import Base
from crm_desktop.db.types import MONEY, SCORE, utcnow
from crm_desktop.domain.vocabulary import (
    Activity,
    ChurnReason,
    ChurnRisk,
    Grade,
    Lifecycle,
    RiskStyle,
    SuggestionKind,
    SuggestionStatus,
    Tier,
    TradingAbility,
)


class ScoreRun(Base):
    __tablename__ = "score_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    as_of: Mapped[date]
    engine_version: Mapped[str] = mapped_column(String(20))
    config_hash: Mapped[str] = mapped_column(String(64))
    config_text: Mapped[str] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    client_count: Mapped[int] = mapped_column(default=0)
    manager_count: Mapped[int] = mapped_column(default=0)
    # e.g. unknown security codes met in trades, reported rather than crashed on
    warnings: Mapped[list[Any]] = mapped_column(default=list)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class ClientScore(Base):
    __tablename__ = "client_score"

    run_id: Mapped[int] = mapped_column(ForeignKey("score_run.id", ondelete="CASCADE"), primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), primary_key=True)
    grade: Mapped[str] = mapped_column(String(2))
    value_score: Mapped[Decimal] = mapped_column(SCORE)
    avg_assets: Mapped[Decimal] = mapped_column(MONEY)
    latest_assets: Mapped[Decimal] = mapped_column(MONEY)
    commission_12m: Mapped[Decimal] = mapped_column(MONEY)
    turnover: Mapped[float]
    activity: Mapped[str] = mapped_column(String(20))
    churn_risk: Mapped[str] = mapped_column(String(10))
    risk_style: Mapped[str] = mapped_column(String(20))
    suitability_mismatch: Mapped[bool]
    trading_ability: Mapped[str] = mapped_column(String(20))
    win_rate: Mapped[float]
    realized_pnl: Mapped[Decimal] = mapped_column(MONEY)
    avg_holding_days: Mapped[float]
    securitization_ratio: Mapped[float]
    top_industry: Mapped[str | None] = mapped_column(String(100))
    top_industry_share: Mapped[float]
    new_listing_share: Mapped[float]
    largest_position_share: Mapped[float]
    lifecycle: Mapped[str] = mapped_column(String(20))
    # the likely reason of a high churn risk (issue #17); None otherwise
    churn_reason: Mapped[str | None] = mapped_column(String(30))
    # Structured reasons, compact [[code, value, ...], ...] (older runs: [{"code": ..., "params": {...}}]);
    # scoring.reasons names the values and renders them per UI language.
    reasons: Mapped[list[Any]] = mapped_column(default=list)

    __table_args__ = (
        Index("ix_client_score_client", "client_id"),
        enum_check("grade", Grade),
        enum_check("activity", Activity),
        enum_check("churn_risk", ChurnRisk),
        enum_check("risk_style", RiskStyle),
        enum_check("trading_ability", TradingAbility),
        enum_check("lifecycle", Lifecycle),
        enum_check("churn_reason", ChurnReason),
    )


class ManagerScore(Base):
    __tablename__ = "manager_score"

    run_id: Mapped[int] = mapped_column(ForeignKey("score_run.id", ondelete="CASCADE"), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), primary_key=True)
    capability_score: Mapped[Decimal] = mapped_column(SCORE)
    tier: Mapped[str] = mapped_column(String(20))
    client_count: Mapped[int]
    capacity: Mapped[int]
    book_assets: Mapped[Decimal] = mapped_column(MONEY)
    # None: nothing to measure in the window (no clients held at its start, no task judged, no book at its
    # start, too few call-back answers); shown as "not enough data", never as the engine's neutral value
    retention: Mapped[float | None]
    on_time_rate: Mapped[float | None]
    satisfaction: Mapped[float | None]
    asset_growth: Mapped[float | None]
    # per-component scores and weights, so the capability score can be explained
    components: Mapped[dict[str, Any]] = mapped_column(default=dict)
    reasons: Mapped[list[Any]] = mapped_column(default=list)

    __table_args__ = (enum_check("tier", Tier),)


class MatchSuggestion(Base):
    """A grade-capability mismatch or an over-capacity book found by the engine, with a suggested target."""

    __tablename__ = "match_suggestion"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("score_run.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    from_manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    suggested_manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    reasons: Mapped[list[Any]] = mapped_column(default=list)
    # set by the branch manager's workspace
    status: Mapped[str] = mapped_column(String(20), default="open")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    decided_at: Mapped[datetime | None]

    __table_args__ = (enum_check("kind", SuggestionKind), enum_check("status", SuggestionStatus))
