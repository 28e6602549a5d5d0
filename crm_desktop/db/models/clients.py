"""Clients, the securities master, and the account data imported from the back office."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, event, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm_desktop.db.checks import enum_check
from crm_desktop.db.models.base import Base, Timestamps
from crm_desktop.db.models.org import Branch, Staff
from crm_desktop.db.types import MONEY, PRICE, QUANTITY, RATE, EncryptedText
from crm_desktop.domain.vocabulary import Board, ClientStatus, ClientType, RiskLevel, Side


class Client(Timestamps, Base):
    __tablename__ = "client"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_no: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    client_type: Mapped[str] = mapped_column(String(20), default="individual")
    # Personal data sealed with the store's key (db/pii.py, issue #20): plain values in Python, tokens on disk.
    id_number: Mapped[str | None] = mapped_column(EncryptedText())
    phone: Mapped[str | None] = mapped_column(EncryptedText())
    email: Mapped[str | None] = mapped_column(EncryptedText())
    # 联系地址: optional, from the client file; sealed like the three above (migration 0014)
    address: Mapped[str | None] = mapped_column(EncryptedText())
    # Keyed hashes of the last four digits (search by tail) and the phone as shown masked (138****5678):
    # kept in step with the values by pii_columns(), so lists and search never decrypt.
    phone_tail: Mapped[str | None] = mapped_column(String(32), index=True)
    id_tail: Mapped[str | None] = mapped_column(String(32))
    phone_masked: Mapped[str | None] = mapped_column(String(40))
    birth_date: Mapped[date | None]
    open_date: Mapped[date]
    risk_level: Mapped[str] = mapped_column(String(2), default="C3")
    risk_assessed_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="active")
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"), index=True)
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    # When the current manager took the client over; service schedules count from it.
    assigned_on: Mapped[date | None]
    # 佣金费率 as a fraction of the traded amount (0.00025 = 万2.5); price is the most common reason to leave
    commission_rate: Mapped[Decimal | None] = mapped_column(RATE)
    version: Mapped[int] = mapped_column(default=1)

    branch: Mapped[Branch] = relationship()
    manager: Mapped[Staff | None] = relationship()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        enum_check("client_type", ClientType),
        enum_check("risk_level", RiskLevel),
        enum_check("status", ClientStatus),
    )


class Security(Base):
    __tablename__ = "security"

    # Text: codes such as 000001 keep their leading zeros.
    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    industry: Mapped[str | None] = mapped_column(String(100))
    board: Mapped[str] = mapped_column(String(10), default="main")
    list_date: Mapped[date | None]

    __table_args__ = (enum_check("board", Board),)


class AssetSnapshot(Base):
    """End-of-day account totals, one row per client and trading day."""

    __tablename__ = "asset_snapshot"

    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), primary_key=True)
    date: Mapped[date] = mapped_column(primary_key=True)
    cash: Mapped[Decimal] = mapped_column(MONEY)
    securities_value: Mapped[Decimal] = mapped_column(MONEY)
    total_assets: Mapped[Decimal] = mapped_column(MONEY)
    net_inflow: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0"))

    __table_args__ = (
        # by day, carrying what branch figures add up, so a day's sum reads the index alone (migration 0010)
        Index("ix_asset_snapshot_date_client", "date", "client_id", "total_assets", "net_inflow"),
        # The days money moved (a small share of all days), covering: flow and performance sum them (issue #17).
        Index(
            "ix_asset_snapshot_inflow",
            "date",
            "client_id",
            "net_inflow",
            sqlite_where=text("net_inflow <> 0"),
            postgresql_where=text("net_inflow <> 0"),
        ),
    )


class Trade(Base):
    __tablename__ = "trade"

    id: Mapped[int] = mapped_column(primary_key=True)
    trade_id: Mapped[str] = mapped_column(String(40))
    trade_date: Mapped[date]
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"))
    code: Mapped[str] = mapped_column(ForeignKey("security.code"))
    side: Mapped[str] = mapped_column(String(4))
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    price: Mapped[Decimal] = mapped_column(PRICE)
    amount: Mapped[Decimal] = mapped_column(MONEY)
    commission: Mapped[Decimal] = mapped_column(MONEY)

    __table_args__ = (
        Index("uq_trade_date_trade_id", "trade_date", "trade_id", unique=True),
        Index("ix_trade_client_date", "client_id", "trade_date"),
        enum_check("side", Side),
    )


class Holding(Base):
    """Position snapshot (month-end in the demo data, any date from imports)."""

    __tablename__ = "holding"

    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), primary_key=True)
    date: Mapped[date] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(ForeignKey("security.code"), primary_key=True)
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    cost: Mapped[Decimal] = mapped_column(MONEY)
    market_value: Mapped[Decimal] = mapped_column(MONEY)


@event.listens_for(Client, "before_insert")
@event.listens_for(Client, "before_update")
def _pii_derived(_mapper: object, _conn: object, client: Client) -> None:
    """Keep the tail hashes and masked phone in step with the plain values the ORM writes."""
    from crm_desktop.db import pii

    for name, value in pii.derived_columns(client.id_number, client.phone).items():
        setattr(client, name, value)
