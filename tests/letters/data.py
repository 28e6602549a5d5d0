"""Account data with hand-checked figures for letter tests (services + CLI + GUI share it)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from crm_desktop.db.models import AssetSnapshot, ClientScore, Holding, ScoreRun, Security, ServiceTask, Trade
from crm_desktop.db.types import utcnow
from tests.factories import Seed

AS_OF = date(2026, 10, 15)
PERIOD = (date(2026, 7, 1), date(2026, 9, 30))
MAIN_CLIENT = "001000"  # im1's, with the figures below
OTHER_CLIENT = "001001"  # im1's too; none of its data may appear in MAIN_CLIENT's letter

# Figures of MAIN_CLIENT over 2026 Q3, worked out by hand:
#   start 500,000.00 (2026-06-30) -> end 580,000.00; net inflow 50,000 - 20,000 = 30,000.00
#   P&L = 580,000 - 500,000 - 30,000 = 50,000.00; average assets (550k + 570k + 580k) / 3 = 566,666.67
#   return 50,000 / 566,666.67 = 8.82%; turnover (120,000 + 30,000) / 566,666.67 = 26.47%
EXPECTED: dict[str, str] = {
    "start": "500,000.00",
    "end": "580,000.00",
    "inflow": "30,000.00",
    "pnl": "+50,000.00",
    "return": "+8.82%",
    "buy": "120,000.00",
    "sell": "30,000.00",
    "commission": "45.00",
    "turnover": "26.47%",
    "trades": "2",
}

SECURITIES = [
    ("600519", "贵州茅台", "食品饮料", "main"),
    ("300750", "宁德时代", "电力设备", "chinext"),
    ("688981", "中芯国际", "电子", "star"),
    ("000002", "万科Ａ", "房地产", "main"),
]


def _d(v: str | int) -> Decimal:
    return Decimal(str(v))


def add_account_data(seed: Seed) -> None:
    main, other = seed.clients[MAIN_CLIENT], seed.clients[OTHER_CLIENT]
    with seed.store.transaction() as s:
        for code, name, industry, board in SECURITIES:
            s.add(Security(code=code, name=name, industry=industry, board=board))
        s.flush()
        for day, cash, sec, inflow in [
            (date(2026, 6, 15), 90_000, 380_000, 0),
            (date(2026, 6, 30), 100_000, 400_000, 0),
            (date(2026, 7, 15), 150_000, 400_000, 50_000),
            (date(2026, 8, 31), 150_000, 420_000, 0),
            (date(2026, 9, 30), 130_000, 450_000, -20_000),
            (date(2026, 10, 9), 130_000, 460_000, 0),  # after the period: must not count
        ]:
            s.add(
                AssetSnapshot(
                    client_id=main,
                    date=day,
                    cash=_d(cash),
                    securities_value=_d(sec),
                    total_assets=_d(cash + sec),
                    net_inflow=_d(inflow),
                )
            )
        for code, qty, cost, mv in [
            ("600519", 100, 150_000, 180_000),
            ("300750", 500, 120_000, 110_000),
            ("688981", 1000, 100_000, 160_000),
        ]:
            s.add(
                Holding(
                    client_id=main,
                    date=date(2026, 9, 30),
                    code=code,
                    quantity=_d(qty),
                    cost=_d(cost),
                    market_value=_d(mv),
                )
            )
        s.add(
            Holding(
                client_id=main,
                date=date(2026, 6, 30),
                code="000002",
                quantity=_d(10),
                cost=_d(1),
                market_value=_d(1),
            )
        )
        for i, (day, code, side, amount, fee) in enumerate(
            [
                (date(2026, 6, 10), "600519", "buy", 99_999, 30),  # before the period
                (date(2026, 7, 20), "300750", "buy", 120_000, 36),
                (date(2026, 8, 10), "600519", "sell", 30_000, 9),
            ]
        ):
            s.add(
                Trade(
                    trade_id=f"T{i}",
                    trade_date=day,
                    client_id=main,
                    code=code,
                    side=side,
                    quantity=_d(100),
                    price=_d(1),
                    amount=_d(amount),
                    commission=_d(fee),
                )
            )
        # The other client: large, distinctive numbers that must never leak into the main letter.
        for day in (date(2026, 6, 30), date(2026, 9, 30)):
            s.add(
                AssetSnapshot(
                    client_id=other,
                    date=day,
                    cash=_d("1234.56"),
                    securities_value=_d("9876543.21"),
                    total_assets=_d("9877777.77"),
                    net_inflow=_d(0),
                )
            )
        s.add(
            Holding(
                client_id=other,
                date=date(2026, 9, 30),
                code="000002",
                quantity=_d(777_777),
                cost=_d(1),
                market_value=_d("9876543.21"),
            )
        )
        s.add(
            Trade(
                trade_id="O1",
                trade_date=date(2026, 8, 1),
                client_id=other,
                code="000002",
                side="buy",
                quantity=_d(1),
                price=_d(1),
                amount=_d("4444444.44"),
                commission=_d(1),
            )
        )


def add_score(
    seed: Seed, client_no: str, *, grade: str = "V4", churn: str = "high", mismatch: bool = True
) -> None:
    with seed.store.transaction() as s:
        run = ScoreRun(
            as_of=AS_OF,
            engine_version="test",
            config_hash="0" * 64,
            config_text="",
            finished_at=utcnow(),
            client_count=1,
        )
        s.add(run)
        s.flush()
        s.add(
            ClientScore(
                run_id=run.id,
                client_id=seed.clients[client_no],
                grade=grade,
                value_score=_d(80),
                avg_assets=_d(1),
                latest_assets=_d(1),
                commission_12m=_d(1),
                turnover=1.0,
                activity="low",
                churn_risk=churn,
                risk_style="aggressive",
                suitability_mismatch=mismatch,
                trading_ability="average",
                win_rate=0.5,
                realized_pnl=_d(0),
                avg_holding_days=10.0,
                securitization_ratio=0.5,
                top_industry=None,
                top_industry_share=0.0,
                new_listing_share=0.0,
                largest_position_share=0.4,
                lifecycle="mature",
                reasons=[],
            )
        )


def add_letter_task(seed: Seed, client_no: str, due: date, manager_id: int | None = None) -> int:
    with seed.store.transaction() as s:
        t = ServiceTask(
            client_id=seed.clients[client_no],
            manager_id=manager_id or seed.im1.id,
            task_type="review_letter",
            source="recurring",
            due_date=due,
            dedupe_key=f"letter:{client_no}:{due.isoformat()}",
        )
        s.add(t)
        s.flush()
        return t.id


def pdf_text(pdf: bytes) -> str:
    """All text of the PDF, whitespace removed (layout spaces vary between extractors)."""
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "".join(page.extract_text() or "" for page in doc.pages)
    return "".join(text.split())
