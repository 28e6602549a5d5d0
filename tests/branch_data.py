"""Test data for the branch manager's workspace: extra staff, score runs, tasks, snapshots."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from crm_desktop.db.models import (
    AssetSnapshot,
    ClientScore,
    ManagerScore,
    MatchSuggestion,
    ScoreRun,
    ServiceTask,
)
from crm_desktop.db.store import Store
from crm_desktop.db.types import utcnow
from crm_desktop.services import staff
from crm_desktop.services.auth import Actor, login
from tests.factories import PASSWORD, Seed
from tests.fixed_clock import TODAY


def add_staff(
    seed: Seed, login_name: str, role: str = "investment_manager", name: str | None = None
) -> Actor:
    staff.add_user(
        seed.store,
        seed.admin,
        login_name,
        role=role,
        display_name=name or login_name,
        branch_code="B001",
        password=PASSWORD,
    )
    return login(seed.store, login_name, PASSWORD)


def add_run(
    store: Store,
    managers: dict[int, tuple[str, float, int]],
    clients: dict[int, tuple[str, int | str, str]] | None = None,
    *,
    suggestions: list[tuple[int, str, int | None, int | None]] = (),  # type: ignore[assignment]
    as_of: date = date(2026, 10, 30),
) -> int:
    """A finished score run: managers {staff_id: (tier, capability, capacity)},
    clients {client_id: (grade, latest_assets, churn_risk)}, suggestions [(client_id, kind, from, to)]."""
    with store.transaction() as s:
        run = ScoreRun(
            as_of=as_of,
            engine_version="test",
            config_hash="0" * 64,
            config_text="",
            finished_at=utcnow(),
            client_count=len(clients or {}),
            manager_count=len(managers),
        )
        s.add(run)
        s.flush()
        for sid, (tier, score, cap) in managers.items():
            s.add(
                ManagerScore(
                    run_id=run.id,
                    staff_id=sid,
                    capability_score=Decimal(str(score)),
                    tier=tier,
                    client_count=0,
                    capacity=cap,
                    book_assets=Decimal(0),
                    retention=0.9,
                    on_time_rate=0.8,
                    satisfaction=4.0,
                    asset_growth=0.05,
                    components={},
                    reasons=[],
                )
            )
        for cid, (grade, assets, churn) in (clients or {}).items():
            reasons = (
                [
                    {
                        "code": "churn_outflow",
                        "params": {"days": 90, "outflow": 500000, "ratio": 0.3, "a90": 1000000, "share": 0.5},
                    }
                ]
                if churn == "high"
                else []
            )
            s.add(
                ClientScore(
                    run_id=run.id,
                    client_id=cid,
                    grade=grade,
                    value_score=Decimal("50"),
                    avg_assets=Decimal(assets),
                    latest_assets=Decimal(assets),
                    commission_12m=Decimal("1000"),
                    turnover=1.0,
                    activity="active",
                    churn_risk=churn,
                    risk_style="balanced",
                    suitability_mismatch=False,
                    trading_ability="average",
                    win_rate=0.5,
                    realized_pnl=Decimal(0),
                    avg_holding_days=30.0,
                    securitization_ratio=0.5,
                    top_industry=None,
                    top_industry_share=0.0,
                    new_listing_share=0.0,
                    largest_position_share=0.1,
                    lifecycle="mature",
                    reasons=reasons,
                )
            )
        for cid, kind, frm, to in suggestions:
            s.add(
                MatchSuggestion(
                    run_id=run.id,
                    client_id=cid,
                    kind=kind,
                    from_manager_id=frm,
                    suggested_manager_id=to,
                    reasons=[],
                )
            )
        return run.id


def add_task(store: Store, client_id: int, manager_id: int, *, status: str = "open", key: str = "t") -> int:
    with store.transaction() as s:
        t = ServiceTask(
            client_id=client_id,
            manager_id=manager_id,
            task_type="phone_call",
            source="recurring",
            due_date=TODAY + timedelta(days=3),
            status=status,
            dedupe_key=f"{key}:{client_id}:{status}",
        )
        s.add(t)
        s.flush()
        return t.id


def add_snapshots(store: Store, client_id: int, start: date, months: int, assets: int, inflow: int) -> None:
    with store.transaction() as s:
        for i in range(months):
            y, m = divmod(start.month - 1 + i, 12)
            d = date(start.year + y, m + 1, 15)
            s.add(
                AssetSnapshot(
                    client_id=client_id,
                    date=d,
                    cash=Decimal(assets // 2),
                    securities_value=Decimal(assets - assets // 2),
                    total_assets=Decimal(assets + i * 1000),
                    net_inflow=Decimal(inflow),
                )
            )
