"""A fully populated LetterData for renderer tests (no database)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from crm_desktop.letters import (
    AllocationSlice,
    BranchInfo,
    HoldingLine,
    LetterData,
    ManagerInfo,
    PeriodSummary,
    TradingSummary,
    TrendPoint,
)

NAMES = ["贵州茅台", "宁德时代", "招商银行", "中国平安", "比亚迪", "隆基绿能", "美的集团"]


def sample_letter(
    *,
    holdings: int = 25,
    comment: str | None = "三季度市场震荡，您的账户整体稳健。\n建议适度分散持仓。",
    logo_png: bytes | None = None,
) -> LetterData:
    trend = []
    day, value = date(2026, 6, 30), Decimal("1180000")
    while day <= date(2026, 9, 30):
        if day.weekday() < 5:
            trend.append(TrendPoint(day, value, value * Decimal("0.7")))
            value += Decimal("1500.25")
        day += timedelta(days=1)
    lines = tuple(
        HoldingLine(
            f"6{i:05d}",
            NAMES[i % len(NAMES)] + ("" if i < 7 else str(i)),
            "食品饮料" if i % 2 else "银行",
            Decimal(1000 * (i + 1)),
            Decimal(200000 - 5000 * i),
            Decimal("0.3") / (i + 1),
            Decimal(5000 - 900 * i),
        )
        for i in range(min(holdings, 20))
    )
    summary = PeriodSummary(Decimal("1180000"), Decimal("1234567.891"), Decimal("-50000"), Decimal("1210000"))
    return LetterData(
        branch=BranchInfo("华信证券北京金融大街营业部", "北京市西城区金融大街1号", "010-12345678", logo_png),
        client_name="张三",
        client_no_masked="00****1000",
        risk_level="C3",
        manager=ManagerInfo("李投顾", "13800001111", "li@example.com", "A0120611010001"),
        period_start=date(2026, 7, 1),
        period_end=date(2026, 9, 30),
        as_of=date(2026, 10, 8),
        summary=summary,
        trend=tuple(trend),
        allocation=(
            AllocationSlice("cash", Decimal("300000")),
            AllocationSlice("main", Decimal("600000")),
            AllocationSlice("chinext", Decimal("200000")),
            AllocationSlice("star", Decimal("134567.89")),
        ),
        allocation_date=date(2026, 9, 30),
        holdings=lines,
        holdings_date=date(2026, 9, 30),
        holdings_count=holdings,
        trading=TradingSummary(
            42, Decimal("523400.5"), Decimal("498000"), Decimal("1234.56"), Decimal("0.8445")
        ),
        risk_notes=("持仓集中度：测试提示。",),
        comment=comment,
    )
