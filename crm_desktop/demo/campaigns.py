"""Campaigns for the demo branch: two finished ones with their responses and one running, by seed.

Built through the campaign services (the target lists are real: suitability, consent and the
contact cap apply), then the managers' responses are written in bulk as if recorded during each
period: the better the grade, the likelier a subscription (a few percent of V1-V2 clients, a few
tens of percent of V5). A finished campaign's tasks that nobody worked are cancelled; the running
campaign leaves its open tasks in the managers' agendas. Runs after scoring (segments read grades)
and after the suitability records (the products and the assessments).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
from sqlalchemy import Table, and_, bindparam, insert, select, update

from crm_desktop.db.models import (
    Campaign,
    CampaignTarget,
    Client,
    ClientScore,
    Product,
    ServiceTask,
    Staff,
    Touch,
)
from crm_desktop.db.store import Store
from crm_desktop.db.types import utcnow
from crm_desktop.demo import stories
from crm_desktop.domain.vocabulary import CampaignResponse, Channel, Role, TaskStatus, TouchType
from crm_desktop.services import campaigns
from crm_desktop.services.auth import Actor
from crm_desktop.services.client_book import latest_run_id

# (name, product or None, objective, filter, start and end as days before as_of, talking points)
CAMPAIGNS: tuple[tuple[str, str | None, str, str, int, int, str], ...] = (
    (
        "稳盈365天理财认购",
        "WM2026A",
        "subscribe",
        "grade>=V3",
        120,
        91,
        "一年期稳健理财，R2 风险等级；说明业绩比较基准不代表收益承诺，提示流动性安排。",
    ),
    (
        "沉睡客户唤醒",
        None,
        "activate",
        "lifecycle=dormant,declining;churn>=medium",
        60,
        32,
        "问候近况，介绍新版交易软件与费率政策；不做收益承诺。",
    ),
    (
        "多元配置FOF推介",
        "FOF001",
        "subscribe",
        "grade>=V2;risk>=C3",
        10,
        -20,
        "多元资产配置，R3 风险等级；结合客户持仓集中度说明分散配置的作用并揭示风险。",
    ),
)
# Chance of a subscription among reached clients, by grade; the rest interested or declined.
SUBSCRIBE = {"V5": 0.42, "V4": 0.28, "V3": 0.14, "V2": 0.06, "V1": 0.03}
REACHED = 0.82  # of the clients a manager tried
DECLINE_REASONS = ("资金另有安排", "风险偏好不匹配", "近期不考虑", "已在他行购买同类产品", "对收益不满意")


def _manager(store: Store) -> Actor:
    with store.read() as s:
        bm = s.scalars(
            select(Staff).where(Staff.role == Role.BRANCH_MANAGER.value).order_by(Staff.id)
        ).first()
        if bm is None:
            raise RuntimeError("the demo branch has no branch manager")
        return Actor.from_staff(bm)


def add_demo_campaigns(store: Store, as_of: date, seed: int = 20240601) -> list[int]:
    """Create, launch and answer the demo campaigns; returns their ids (finished ones first)."""
    rng = np.random.default_rng(seed + 16)
    bm = _manager(store)
    with store.read() as s:
        products = set(s.scalars(select(Product.code)))
    ids = []
    for name, product, objective, text, start_ago, end_ago, points in CAMPAIGNS:
        start, end = as_of - timedelta(days=start_ago), as_of - timedelta(days=end_ago)
        built = campaigns.create_campaign(
            store,
            bm,
            name=name,
            product=product if product in products else None,
            objective=objective,
            filter_text=text,
            start=start,
            end=end,
            talking_points=points,
            today=start,
        )
        campaigns.launch(store, bm, built.campaign_id, today=start)
        _answer(store, built.campaign_id, start, min(end, as_of), end < as_of, rng, product is not None)
        ids.append(built.campaign_id)
    return ids


def _answer(
    store: Store,
    campaign_id: int,
    start: date,
    last: date,
    finished: bool,
    rng: np.random.Generator,
    amounts: bool,
) -> None:
    now = utcnow()
    with store.transaction() as session:
        run_id = latest_run_id(session)
        name = session.scalar(select(Campaign.name).where(Campaign.id == campaign_id))
        story_id = session.scalar(select(Client.id).where(Client.client_no == stories.CAMPAIGN.client_no))
        rows = session.execute(
            select(
                CampaignTarget.client_id,
                CampaignTarget.manager_id,
                CampaignTarget.task_id,
                ClientScore.grade,
                ClientScore.avg_assets,
            )
            .outerjoin(
                ClientScore,
                and_(ClientScore.client_id == CampaignTarget.client_id, ClientScore.run_id == run_id),
            )
            .where(CampaignTarget.campaign_id == campaign_id, CampaignTarget.task_id.is_not(None))
            .order_by(CampaignTarget.client_id)
        ).all()
        n = len(rows)
        if n == 0:
            return
        span_days = max((last - start).days, 0)
        # The running campaign is partly worked; a finished one almost entirely.
        tried = rng.random(n) < (0.9 if finished else 0.35)
        if not finished:  # the campaign story: its call still waits in the manager's agenda
            tried &= np.array([cid != story_id for cid, *_ in rows], dtype=bool)
        reached = rng.random(n) < REACHED
        u = rng.random(n)
        days = rng.integers(0, span_days + 1, n)
        minutes = rng.integers(90, 540, n)  # 09:30-18:00 Beijing time, as UTC
        share = rng.uniform(0.05, 0.3, n)
        reasons = rng.integers(0, len(DECLINE_REASONS), n)
        if finished:
            # A finished campaign shows the whole funnel: when nobody subscribed by chance, the reached client
            # with the most assets did.
            p_all = np.array([SUBSCRIBE.get(r[3] or "V1", 0.03) for r in rows])
            worked = tried & reached
            if worked.any() and not (worked & (u < p_all)).any():
                assets_of = np.array([float(r[4] or 0) for r in rows])
                u[int(np.argmax(np.where(worked, assets_of, -1.0)))] = 0.0
        touches: list[dict[str, Any]] = []
        answers: list[tuple[int, int | None, str, Decimal | None, str | None, datetime]] = []
        for i, (cid, mid, tid, grade, assets) in enumerate(rows):
            if not tried[i]:
                continue
            p_sub = SUBSCRIBE.get(grade or "V1", 0.03)
            if not reached[i]:
                response = CampaignResponse.NOT_REACHED.value
            elif u[i] < p_sub:
                response = CampaignResponse.SUBSCRIBED.value
            elif u[i] < p_sub + 0.25:
                response = CampaignResponse.INTERESTED.value
            else:
                response = CampaignResponse.DECLINED.value
            amount = None
            if response == CampaignResponse.SUBSCRIBED.value and amounts:
                base = float(assets or 0) * float(share[i])
                amount = Decimal(max(10_000, round(base / 1000.0) * 1000))
            reason = DECLINE_REASONS[int(reasons[i])] if response == CampaignResponse.DECLINED.value else None
            day = start + timedelta(days=int(days[i]))
            at = datetime.combine(day, time(1, 0), tzinfo=UTC) + timedelta(minutes=int(minutes[i]))
            words = {
                "subscribed": "已认购",
                "interested": "有意向",
                "declined": "谢绝",
                "not_reached": "未联系上",
            }
            summary = (
                f"【{name}】{words[response]}"
                + (f"，金额 {amount} 元" if amount else "")
                + (f"，原因：{reason}" if reason else "")
            )
            touches.append(
                {
                    "client_id": cid,
                    "manager_id": mid,
                    "task_id": tid,
                    "touch_type": TouchType.CAMPAIGN.value,
                    "channel": Channel.PHONE.value,
                    "occurred_at": at,
                    "summary": summary,
                    "checklist": {
                        "campaign_id": campaign_id,
                        "response": response,
                        "amount": None if amount is None else str(amount),
                        "reason": reason,
                    },
                    "status": "active",
                    "revision": 1,
                    "created_by_id": mid,
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            answers.append((cid, tid, response, amount, reason, at))
        table: Table = Touch.__table__  # type: ignore[assignment]
        made: list[int] = []
        for i in range(0, len(touches), 5000):
            result = session.execute(
                insert(table).returning(table.c.id, sort_by_parameter_order=True), touches[i : i + 5000]
            )
            made.extend(int(r[0]) for r in result.all())
        conn = session.connection()
        if made:
            conn.execute(
                update(table).where(table.c.id == bindparam("tid")).values(root_id=bindparam("tid")),
                [{"tid": t} for t in made],
            )
            tasks: Table = ServiceTask.__table__  # type: ignore[assignment]
            conn.execute(
                update(tasks)
                .where(tasks.c.id == bindparam("task"))
                .values(
                    status=TaskStatus.DONE.value,
                    completed_at=bindparam("at"),
                    completed_touch_id=bindparam("touch"),
                    version=tasks.c.version + 1,
                    updated_at=now,
                ),
                [{"task": a[1], "at": a[5], "touch": t} for a, t in zip(answers, made, strict=True)],
            )
            targets: Table = CampaignTarget.__table__  # type: ignore[assignment]
            conn.execute(
                update(targets)
                .where(targets.c.campaign_id == campaign_id, targets.c.client_id == bindparam("cid"))
                .values(
                    response=bindparam("resp"),
                    amount=bindparam("amt"),
                    reason=bindparam("why"),
                    touch_id=bindparam("touch"),
                    responded_at=bindparam("at"),
                ),
                [
                    {"cid": a[0], "resp": a[2], "amt": a[3], "why": a[4], "touch": t, "at": a[5]}
                    for a, t in zip(answers, made, strict=True)
                ],
            )
        if finished:
            # Nobody worked these before the campaign ended: cancelled, so no agenda shows them overdue.
            session.execute(
                update(ServiceTask)
                .where(
                    ServiceTask.source == "campaign",
                    ServiceTask.dedupe_key.like(f"{campaigns.task_key_prefix(campaign_id)}%"),
                    ServiceTask.status == TaskStatus.OPEN.value,
                )
                .values(
                    status=TaskStatus.CANCELLED.value,
                    cancel_reason="营销活动已结束",
                    version=ServiceTask.version + 1,
                    updated_at=now,
                )
                .execution_options(synchronize_session=False)
            )
