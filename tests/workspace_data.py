"""Account data, a scoring run, touches, tasks and letters for the seeded branch (client workspace tests)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from crm_desktop import clock
from crm_desktop.db.models import (
    AssetSnapshot,
    AssignmentHistory,
    ClientScore,
    Holding,
    LetterRecord,
    ScoreRun,
    Security,
    ServiceTask,
    Touch,
)
from tests.factories import Seed
from tests.fixed_clock import TODAY

# Relative to the real date: the views compute overdue and "last 12 months" from today.

SECURITIES = [
    ("600519", "贵州茅台", "食品饮料", "main"),
    ("000001", "平安银行", "银行", "main"),
    ("300750", "宁德时代", "电力设备", "chinext"),
    ("688981", "中芯国际", "电子", "star"),
]

# client_no -> (grade, value score, avg assets, commission, churn, mismatch, lifecycle)
SCORES = {
    "001000": ("V5", "92.5", "8200000", "61000", "low", False, "mature"),
    "001001": ("V3", "55.0", "650000", "4200", "high", True, "declining"),
    "001002": ("V1", "12.0", "30000", "150", "medium", False, "new"),
    "001004": ("V4", "77.0", "3100000", "21000", "low", False, "growing"),
}


def _at(day: date) -> datetime:
    """Mid-morning UTC, the same calendar day in China and in UTC."""
    return datetime(day.year, day.month, day.day, 2, 30, tzinfo=UTC)


def add_workspace_data(seed: Seed, today: date = TODAY) -> None:
    """Scores for 4 of the 6 clients (001003 and 001005 unscored), history for 001000, tasks and touches."""
    s_ids = seed.clients
    with seed.store.transaction() as s:
        for code, name, industry, board in SECURITIES:
            s.add(Security(code=code, name=name, industry=industry, board=board))
        run = ScoreRun(
            as_of=today,
            engine_version="test",
            config_hash="0" * 64,
            config_text="",
            finished_at=clock.now(),
            client_count=4,
        )
        s.add(run)
        s.flush()
        for no, (grade, vs, avg, comm, churn, mism, life) in SCORES.items():
            s.add(
                ClientScore(
                    run_id=run.id,
                    client_id=s_ids[no],
                    grade=grade,
                    value_score=Decimal(vs),
                    avg_assets=Decimal(avg),
                    latest_assets=Decimal(avg),
                    commission_12m=Decimal(comm),
                    turnover=2.5,
                    activity="active",
                    churn_risk=churn,
                    risk_style="balanced",
                    suitability_mismatch=mism,
                    trading_ability="average",
                    win_rate=0.55,
                    realized_pnl=Decimal("12000"),
                    avg_holding_days=35.0,
                    securitization_ratio=0.8,
                    top_industry="银行",
                    top_industry_share=0.4,
                    new_listing_share=0.0,
                    largest_position_share=0.3,
                    lifecycle=life,
                    reasons=[
                        {
                            "code": "grade_assets",
                            "params": {"avg_assets": float(avg), "threshold": 3000000, "grade": grade},
                        }
                    ],
                )
            )
        c0 = s_ids["001000"]
        d = today - timedelta(days=400)
        value = 7_000_000.0
        while d <= today:
            if d.weekday() < 5:
                value *= 1.0006
                cash = 1_500_000.0
                s.add(
                    AssetSnapshot(
                        client_id=c0,
                        date=d,
                        cash=Decimal(f"{cash:.2f}"),
                        securities_value=Decimal(f"{value - cash:.2f}"),
                        total_assets=Decimal(f"{value:.2f}"),
                    )
                )
            d += timedelta(days=1)
        for code, qty, cost, mv in (
            ("600519", 2000, 2_800_000, 3_100_000),
            ("000001", 100000, 1_100_000, 1_200_000),
            ("300750", 5000, 900_000, 1_000_000),
            ("688981", 8000, 500_000, 450_000),
        ):
            s.add(
                Holding(
                    client_id=c0,
                    date=today,
                    code=code,
                    quantity=Decimal(qty),
                    cost=Decimal(cost),
                    market_value=Decimal(mv),
                )
            )
        for i, (tt, ch, summ) in enumerate(
            (
                ("phone_call", "phone", "季度回访，客户关注白酒板块"),
                ("visit", "in_person", "面谈：调整资产配置建议"),
            )
        ):
            s.add(
                Touch(
                    client_id=c0,
                    manager_id=seed.im1.id,
                    touch_type=tt,
                    channel=ch,
                    summary=summ,
                    occurred_at=_at(today - timedelta(days=50 - i * 20)),
                    satisfaction=5,
                    created_by_id=seed.im1.id,
                )
            )
        s.add(
            Touch(
                client_id=s_ids["001004"],
                manager_id=seed.im2.id,
                touch_type="phone_call",
                channel="phone",
                summary="其他经理的回访",
                occurred_at=_at(today - timedelta(days=29)),
            )
        )
        s.add(
            ServiceTask(
                client_id=c0,
                manager_id=seed.im1.id,
                task_type="review_letter",
                source="recurring",
                due_date=today + timedelta(days=10),
                dedupe_key="t1",
            )
        )
        s.add(
            ServiceTask(
                client_id=s_ids["001001"],
                manager_id=seed.im1.id,
                task_type="retention_call",
                source="churn_high",
                due_date=today - timedelta(days=3),
                status="overdue",
                dedupe_key="t2",
            )
        )
        s.add(
            ServiceTask(
                client_id=s_ids["001001"],
                manager_id=seed.im1.id,
                task_type="phone_call",
                source="recurring",
                due_date=today - timedelta(days=30),
                status="done",
                dedupe_key="t3",
            )
        )
        s.add(
            LetterRecord(
                client_id=c0,
                manager_id=seed.im1.id,
                generated_by_id=seed.im1.id,
                as_of=today - timedelta(days=60),
                period_start=today - timedelta(days=150),
                period_end=today - timedelta(days=60),
                file_name="001000_2025Q1.pdf",
                sha256="a" * 64,
                pages=4,
                size_bytes=120000,
                created_at=_at(today - timedelta(days=58)),
            )
        )
        s.add(
            AssignmentHistory(
                client_id=c0,
                from_manager_id=None,
                to_manager_id=seed.im1.id,
                effective_at=datetime(2020, 1, 2, tzinfo=UTC),
                reason="initial",
            )
        )
