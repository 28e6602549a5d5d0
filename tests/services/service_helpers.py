"""Test data for the service flow: score runs written directly (the engine has its own tests)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from crm_desktop.db.models import ClientScore, ScoreRun, ServiceTask, Touch
from crm_desktop.db.store import Store
from crm_desktop.db.types import utcnow


def score_run(store: Store, as_of: date, scores: dict[int, tuple[str, str, bool]]) -> int:
    """A finished run with ``{client_id: (grade, churn_risk, suitability_mismatch)}``."""
    with store.transaction() as s:
        run = ScoreRun(
            as_of=as_of,
            engine_version="test",
            config_hash="0" * 64,
            config_text="",
            finished_at=utcnow(),
            client_count=len(scores),
        )
        s.add(run)
        s.flush()
        for cid, (grade, churn, mismatch) in scores.items():
            s.add(
                ClientScore(
                    run_id=run.id,
                    client_id=cid,
                    grade=grade,
                    value_score=Decimal("50"),
                    avg_assets=Decimal("1"),
                    latest_assets=Decimal("1"),
                    commission_12m=Decimal("1"),
                    turnover=1.0,
                    activity="low",
                    churn_risk=churn,
                    risk_style="balanced",
                    suitability_mismatch=mismatch,
                    trading_ability="average",
                    win_rate=0.5,
                    realized_pnl=Decimal("0"),
                    avg_holding_days=10.0,
                    securitization_ratio=0.5,
                    top_industry=None,
                    top_industry_share=0.0,
                    new_listing_share=0.0,
                    largest_position_share=0.1,
                    lifecycle="mature",
                    reasons=[],
                )
            )
        return run.id


def add_touch(
    store: Store, client_id: int, manager_id: int | None, touch_type: str, day: date, channel: str = "phone"
) -> int:
    """A touch as if recorded on ``day`` (bypassing the no-backdating rule, which has its own tests)."""
    with store.transaction() as s:
        t = Touch(
            client_id=client_id,
            manager_id=manager_id,
            touch_type=touch_type,
            channel=channel,
            occurred_at=datetime(day.year, day.month, day.day, 2, tzinfo=UTC),
            summary="历史记录",
            status="active",
            created_by_id=manager_id,
        )
        s.add(t)
        s.flush()
        t.root_id = t.id
        return t.id


def add_task(
    store: Store,
    client_id: int,
    manager_id: int | None,
    task_type: str,
    due: date,
    key: str,
    *,
    source: str = "recurring",
    status: str = "open",
) -> int:
    with store.transaction() as s:
        t = ServiceTask(
            client_id=client_id,
            manager_id=manager_id,
            task_type=task_type,
            source=source,
            due_date=due,
            dedupe_key=key,
            status=status,
        )
        s.add(t)
        s.flush()
        return t.id
