"""The figures of one letter. Plain, picklable dataclasses: batch rendering ships them to worker processes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class BranchInfo:
    name: str
    address: str | None = None
    phone: str | None = None
    # The branch's own logo (PNG); None uses the bundled one.
    logo_png: bytes | None = None


@dataclass(frozen=True)
class ManagerInfo:
    name: str
    phone: str | None = None
    email: str | None = None
    # 执业证书编号 of a registered investment adviser; the letter prints it beside the name.
    adviser_reg_no: str | None = None


@dataclass(frozen=True)
class PeriodSummary:
    start_assets: Decimal
    end_assets: Decimal
    net_inflow: Decimal
    # Average of the daily total assets inside the period; None when there is no snapshot in it.
    average_assets: Decimal | None

    @property
    def pnl(self) -> Decimal:
        """Investment P&L: what the market did, with the client's own deposits and withdrawals taken out."""
        return self.end_assets - self.start_assets - self.net_inflow

    @property
    def return_on_average_assets(self) -> Decimal | None:
        if not self.average_assets or self.average_assets <= 0:
            return None
        return self.pnl / self.average_assets


@dataclass(frozen=True)
class TrendPoint:
    day: date
    total_assets: Decimal
    securities_value: Decimal


@dataclass(frozen=True)
class AllocationSlice:
    key: str  # cash | main | chinext | star | bse | other
    value: Decimal


@dataclass(frozen=True)
class HoldingLine:
    code: str
    name: str
    industry: str | None
    quantity: Decimal
    market_value: Decimal
    weight: Decimal  # share of the securities value on the holdings date, 0..1
    unrealized_pnl: Decimal


@dataclass(frozen=True)
class TradingSummary:
    trades: int
    buy_amount: Decimal
    sell_amount: Decimal
    commission: Decimal
    # (buy + sell) / average assets of the period; None without an average.
    turnover: Decimal | None


@dataclass(frozen=True)
class LetterData:
    branch: BranchInfo
    client_name: str
    client_no_masked: str
    risk_level: str | None
    manager: ManagerInfo | None
    period_start: date
    period_end: date
    as_of: date
    summary: PeriodSummary
    trend: tuple[TrendPoint, ...] = ()
    allocation: tuple[AllocationSlice, ...] = ()
    allocation_date: date | None = None
    holdings: tuple[HoldingLine, ...] = ()
    holdings_date: date | None = None
    holdings_count: int = 0  # all positions, of which ``holdings`` are the largest
    trading: TradingSummary = field(
        default_factory=lambda: TradingSummary(0, Decimal(0), Decimal(0), Decimal(0), None)
    )
    risk_notes: tuple[str, ...] = ()
    comment: str | None = None
    # The suitability section: the assessment in the client's words, then the board-specific texts.
    assessment_text: str | None = None
    board_risks: tuple[str, ...] = ()
