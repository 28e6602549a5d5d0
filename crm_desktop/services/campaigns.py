"""Campaigns (营销活动): the target list, launching tasks, recording responses, results.

Rules (who is left out of a list and why, the contact cap, the funnel) are pure, in
:mod:`crm_desktop.domain.campaigns`; this module gathers the store's values for them and writes.

Permissions: a branch manager runs campaigns for the branch's clients; an investment manager runs a
campaign on their own book only (the segment is evaluated with the actor's visibility, so the list
holds only clients they may see) and launches only their own campaigns; a response is recorded only
by the client's manager. Results and target exports show an investment manager their own clients only.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Date, and_, bindparam, case, func, select, text
from sqlalchemy.orm import Session, aliased

from crm_desktop import clock
from crm_desktop.db import rls
from crm_desktop.db.models import (
    Campaign,
    CampaignTarget,
    Client,
    ClientScore,
    Product,
    Security,
    ServiceTask,
    Staff,
)
from crm_desktop.db.store import Store
from crm_desktop.db.types import UTCDateTime, utcnow
from crm_desktop.domain import campaigns as rule
from crm_desktop.domain import suitability as srule
from crm_desktop.domain.labels import label_of
from crm_desktop.domain.vocabulary import (
    CampaignObjective,
    CampaignResponse,
    CampaignStatus,
    Channel,
    ClientStatus,
    Grade,
    InvestorClass,
    Role,
    TargetStatus,
    TaskSource,
    TaskStatus,
    TouchType,
)
from crm_desktop.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from crm_desktop.i18n import tr
from crm_desktop.progress import Progress, Stages
from crm_desktop.services import audit, segments
from crm_desktop.services.auth import Actor, refresh_actor, require_role
from crm_desktop.services.client_book import _fetch_columns, latest_run_id
from crm_desktop.services.consent import opted_out
from crm_desktop.services.suitability import _day_sql, _rows, load_config
from crm_desktop.services.touches import record_touch_in_session
from crm_desktop.services.visibility import get_visible_client, visible_clients

CAMPAIGN_ROLES = (Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER)
EXCLUSIONS = (
    TargetStatus.UNSUITABLE.value,
    TargetStatus.OPTED_OUT.value,
    TargetStatus.CONTACT_CAP.value,
    TargetStatus.CLOSED.value,
)
TARGET_COLUMNS = ("client_no", "manager_login", "status", "response", "amount")
RESPONSE_CHANNELS = (Channel.PHONE, Channel.IN_PERSON, Channel.WECHAT, Channel.SMS, Channel.EMAIL)
MAX_CAP = 31


# ---------------------------------------------------------------- reading campaigns


@dataclass(frozen=True)
class CampaignInfo:
    id: int
    name: str
    objective: str
    product_code: str | None
    product_name: str | None
    start_date: date
    end_date: date
    talking_points: str
    contact_cap: int
    filter_text: str
    segment_name: str | None
    status: str  # a CampaignStatus code: draft, launched (running) or finished
    built_on: date
    created_by: str
    targeted: int = 0


def shown_status(stored: str, end: date, today: date) -> str:
    if stored == CampaignStatus.LAUNCHED.value and end < today:
        return CampaignStatus.FINISHED.value
    return stored


def _info(session: Session, c: Campaign, today: date, targeted: int = 0) -> CampaignInfo:
    product_name = (
        session.scalar(select(Product.name).where(Product.code == c.product_code)) if c.product_code else None
    )
    creator = session.scalar(select(Staff.login).where(Staff.id == c.created_by_id)) or ""
    return CampaignInfo(
        c.id,
        c.name,
        c.objective,
        c.product_code,
        product_name,
        c.start_date,
        c.end_date,
        c.talking_points or "",
        c.contact_cap,
        c.filter_text or "",
        c.segment_name,
        shown_status(c.status, c.end_date, today),
        c.built_on,
        creator,
        targeted,
    )


def _campaign(session: Session, actor: Actor, campaign_id: int, *, manage: bool = False) -> Campaign:
    """The campaign if the actor may see it (their branch); ``manage``: may also launch it."""
    require_role(actor, *CAMPAIGN_ROLES)
    c = session.get(Campaign, campaign_id)
    if c is None or c.branch_id != actor.branch_id:
        raise NotFound(
            tr(
                "找不到营销活动 {id}，或它不属于您的营业部。",
                "Campaign {id} not found, or not in your branch.",
                id=campaign_id,
            )
        )
    if manage and actor.is_investment_manager and c.created_by_id != actor.id:
        raise PermissionDenied(
            tr(
                "投资经理只能启动自己创建的营销活动（针对自己的客户）。",
                "An investment manager may launch only their own campaigns (on their own book).",
            )
        )
    return c


def list_campaigns(store: Store, actor: Actor, today: date | None = None) -> list[CampaignInfo]:
    require_role(actor, *CAMPAIGN_ROLES)
    today = today or clock.today()
    with store.read() as session:
        counts = dict(
            session.execute(
                select(CampaignTarget.campaign_id, func.count())
                .join(Client, Client.id == CampaignTarget.client_id)
                .where(CampaignTarget.status == TargetStatus.TARGETED.value, visible_clients(actor))
                .group_by(CampaignTarget.campaign_id)
            ).all()
        )
        rows = session.scalars(
            select(Campaign)
            .where(Campaign.branch_id == actor.branch_id)
            .order_by(Campaign.start_date.desc(), Campaign.id.desc())
        ).all()
        return [_info(session, c, today, int(counts.get(c.id, 0))) for c in rows]


def get_campaign(store: Store, actor: Actor, campaign_id: int, today: date | None = None) -> CampaignInfo:
    today = today or clock.today()
    with store.read() as session:
        c = _campaign(session, actor, campaign_id)
        n = session.scalar(
            select(func.count())
            .select_from(CampaignTarget)
            .join(Client, Client.id == CampaignTarget.client_id)
            .where(
                CampaignTarget.campaign_id == c.id,
                CampaignTarget.status == TargetStatus.TARGETED.value,
                visible_clients(actor),
            )
        )
        return _info(session, c, today, int(n or 0))


# ---------------------------------------------------------------- building the target list


@dataclass(frozen=True)
class BuildSummary:
    campaign_id: int
    name: str
    targeted: int
    # every exclusion reason, 0 included, in EXCLUSIONS order
    excluded: dict[str, int]
    seconds: float

    @property
    def considered(self) -> int:
        return self.targeted + sum(self.excluded.values())


def _text(value: str | None) -> str:
    return (value or "").strip()


def _check_inputs(name: str, start: date, end: date, objective: str, cap: int, today: date) -> None:
    if not name or len(name) > 100:
        raise InvalidInput(
            tr("营销活动需要名称（不超过 100 个字）。", "A campaign needs a name of at most 100 characters.")
        )
    if end < start:
        raise InvalidInput(
            tr(
                "结束日期 {e} 早于开始日期 {s}。",
                "The end date {e} is before the start date {s}.",
                e=end,
                s=start,
            )
        )
    if end < today:
        raise InvalidInput(
            tr(
                "结束日期 {e} 已过：营销活动的期间须包含今天或以后的日期。",
                "The end date {e} has passed: a campaign's period must reach today or later.",
                e=end,
            )
        )
    if objective not in {o.value for o in CampaignObjective}:
        raise InvalidInput(
            tr(
                "活动目标 {o} 无效，可选：{ok}。",
                "The objective {o} is invalid; use one of {ok}.",
                o=objective,
                ok=", ".join(o.value for o in CampaignObjective),
            )
        )
    if not 1 <= cap <= MAX_CAP:
        raise InvalidInput(
            tr(
                "联系上限应为每位客户每月 1 到 {m} 次。",
                "The contact cap must be 1 to {m} contacts per client per month.",
                m=MAX_CAP,
            )
        )


def _product(session: Session, code: str) -> tuple[Product, str]:
    """The product and the board permission it needs ('' when none)."""
    product = session.get(Product, code.strip())
    if product is None:
        raise NotFound(
            tr(
                "找不到产品 {code}：请先导入产品（crm import products）。",
                "No product {code}: import it first (crm import products).",
                code=code,
            )
        )
    board = session.scalar(select(Security.board).where(Security.code == product.code))
    return product, load_config().permission_for(board) if board else ""


def _profiles(session: Session, branch_id: int, ids: np.ndarray) -> dict[str, np.ndarray]:
    """The suitability rule's profile frame for ``ids``; clients never assessed keep their record's level."""
    d = session.get_bind().dialect.name
    rows = _rows(
        session,
        (
            f"SELECT r.client_id, CAST(substr(r.level, 2, 1) AS INTEGER), r.lowest_category, "
            f"{_day_sql(d, 'r.assessed_on')}, {_day_sql(d, 'r.valid_until')}, r.investor_class "
            "FROM risk_profile r JOIN client c ON c.id = r.client_id WHERE c.branch_id = :b"
        ),
        {"b": branch_id},
    )
    cols = list(zip(*rows, strict=True)) if rows else [()] * 6
    client = np.asarray(cols[0], dtype=np.int64)
    keep = np.isin(client, ids)
    bare = _rows(
        session,
        (
            f"SELECT c.id, c.risk_level, {_day_sql(d, 'c.risk_assessed_on')}, {_day_sql(d, 'c.open_date')} "
            "FROM client c WHERE c.branch_id = :b AND NOT EXISTS (SELECT 1 FROM risk_profile r WHERE r.client_id = c.id)"
        ),
        {"b": branch_id},
    )
    if bare:
        wanted = set(ids.tolist())
        bare = [r for r in bare if r[0] in wanted]
    cfg = load_config()
    b_assessed = [int(r[2] if r[2] is not None else r[3]) for r in bare]
    b_level = [int(str(r[1] or "C1").upper()[1:]) if str(r[1] or "").upper() in _LEVELS else 1 for r in bare]
    return {
        "client_id": np.concatenate([client[keep], np.asarray([r[0] for r in bare], dtype=np.int64)]),
        "level": np.concatenate(
            [np.asarray(cols[1], dtype=np.int64)[keep], np.asarray(b_level, dtype=np.int64)]
        ),
        "lowest": np.concatenate([np.asarray(cols[2], dtype=bool)[keep], np.zeros(len(bare), bool)]),
        "assessed_on": np.concatenate(
            [np.asarray(cols[3], dtype=np.int64)[keep], np.asarray(b_assessed, np.int64)]
        ),
        "valid_until": np.concatenate(
            [
                np.asarray(cols[4], dtype=np.int64)[keep],
                np.asarray(
                    [
                        srule.day_number(srule.default_valid_until(srule.from_day_number(a), cfg))
                        for a in b_assessed
                    ],
                    dtype=np.int64,
                ),
            ]
        ),
        "professional": np.concatenate(
            [
                (np.asarray(cols[5], dtype=object) == InvestorClass.PROFESSIONAL.value)[keep].astype(bool),
                np.zeros(len(bare), bool),
            ]
        ),
    }


_LEVELS = frozenset({"C1", "C2", "C3", "C4", "C5"})


def _permissions(session: Session, permission: str) -> dict[str, np.ndarray]:
    if not permission:
        return srule.permissions_frame()
    d = session.get_bind().dialect.name
    rows = _rows(
        session,
        f"SELECT client_id, permission, {_day_sql(d, 'opened_on')} FROM trading_permission WHERE permission = :p",
        {"p": permission},
    )
    return srule.permissions_frame([tuple(r) for r in rows])


def _unsuitable(
    session: Session, product: Product, permission: str, ids: np.ndarray, branch_id: int, today: date
) -> np.ndarray:
    return rule.unsuitable(
        ids,
        _profiles(session, branch_id, ids),
        _permissions(session, permission),
        code=product.code,
        rating=srule.rating_value(product.risk_rating),
        permission=permission,
        professional_only=bool(product.professional_only),
        as_of=today,
    )


def _capped(session: Session, ids: np.ndarray, start: date, end: date, cap: int) -> np.ndarray:
    """Clients already targeted by ``cap`` other campaigns in some month of the period (counted in the store)."""
    first = date(start.year, start.month, 1)
    after = rule.month_index(end) + 1
    last = date(after // 12, after % 12 + 1, 1)
    others = [
        (int(i), s_, e)
        for i, s_, e in session.execute(
            select(Campaign.id, Campaign.start_date, Campaign.end_date).where(
                Campaign.branch_id.is_not(None), Campaign.start_date < last, Campaign.end_date >= first
            )
        )
    ]
    capped: set[int] = set()
    for group in rule.campaigns_by_month(others, start=start, end=end, cap=cap):
        capped.update(
            session.scalars(
                select(CampaignTarget.client_id)
                .where(
                    CampaignTarget.campaign_id.in_(group),
                    CampaignTarget.status == TargetStatus.TARGETED.value,
                )
                .group_by(CampaignTarget.client_id)
                .having(func.count() >= cap)
            )
        )
    return np.isin(ids, np.fromiter(capped, dtype=np.int64, count=len(capped)))


def _bulk_insert(session: Session, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Many rows in the caller's transaction: COPY on PostgreSQL; on SQLite through a temporary table and one
    INSERT ... SELECT (row-by-row inserts pay the foreign-key checks one statement at a time)."""
    if not rows:
        return
    conn = session.connection()
    driver: Any = conn.connection.driver_connection
    names = ", ".join(columns)
    if conn.dialect.name == "postgresql":
        rls.copy_rows(session, table, columns, rows)
        return
    tmp = "tmp_" + uuid.uuid4().hex[:12]
    conn.exec_driver_sql(f"CREATE TEMPORARY TABLE {tmp} ({names})")
    marks = ", ".join("?" for _ in columns)
    driver.executemany(f"INSERT INTO {tmp} VALUES ({marks})", rows)
    conn.exec_driver_sql(f"INSERT INTO {table} ({names}) SELECT {names} FROM {tmp}")
    conn.exec_driver_sql(f"DROP TABLE {tmp}")


def create_campaign(
    store: Store,
    actor: Actor,
    *,
    name: str,
    start: date,
    end: date,
    filter_text: str | None = None,
    segment: str | None = None,
    product: str | None = None,
    objective: str | None = None,
    talking_points: str = "",
    contact_cap: int = rule.DEFAULT_CONTACT_CAP,
    today: date | None = None,
    progress: Progress | None = None,
) -> BuildSummary:
    """Create a campaign and build its target list (every client of the segment, with a status)."""
    require_role(actor, *CAMPAIGN_ROLES)
    started = time.perf_counter()
    today = today or clock.today()
    name = _text(name)
    objective = _text(objective) or (
        CampaignObjective.SUBSCRIBE.value if _text(product) else CampaignObjective.EDUCATE.value
    )
    _check_inputs(name, start, end, objective, contact_cap, today)
    if (filter_text is None) == (segment is None):
        raise InvalidInput(
            tr(
                "请用 --filter 给出筛选条件，或用 --segment 指定已保存的客群（二选一）。",
                "Give either a filter (--filter) or a saved segment (--segment), not both.",
            )
        )
    stages = Stages(progress, 3)
    with store.transaction() as session:
        refresh_actor(session, actor)
        seg_name = None
        if segment is not None:
            saved = segments.find_in_session(session, actor, segment)
            seg_name, filter_text = saved.name, saved.filter_text
        conditions = segments.compile_filter(filter_text)
        prod, permission = _product(session, _text(product)) if _text(product) else (None, "")
        stages.next(tr("筛选客户…", "Selecting clients…"))
        stmt = segments.segment_select(
            actor,
            conditions,
            latest_run_id(session),
            today,
            Client.id,
            Client.manager_id,
            Client.status,
            opted_out(),
        ).order_by(Client.id)
        cols = _fetch_columns(session, stmt, 4)
        cand = pd.DataFrame(
            {
                "client_id": np.asarray(cols[0], dtype=np.int64),
                "manager_id": pd.array(cols[1], dtype="Int64"),
                "status": np.asarray(cols[2], dtype=object),
                "opted_out": np.asarray([bool(x) for x in cols[3]], dtype=bool),
            }
        )
        ids = cand["client_id"].to_numpy(np.int64)
        closed = (cand["status"] == ClientStatus.CLOSED.value).to_numpy()
        stages.next(tr("检查适当性与联系上限…", "Checking suitability and the contact cap…"))
        unsuitable = (
            _unsuitable(session, prod, permission, ids, actor.branch_id or -1, today)
            if prod is not None and len(ids)
            else np.zeros(len(ids), bool)
        )
        capped = _capped(session, ids, start, end, contact_cap)
        status = rule.classify(closed, cand["opted_out"].to_numpy(), unsuitable, capped)
        stages.next(tr("保存目标名单…", "Saving the target list…"))
        c = Campaign(
            branch_id=actor.branch_id,
            name=name,
            objective=objective,
            product_code=prod.code if prod is not None else None,
            start_date=start,
            end_date=end,
            talking_points=_text(talking_points),
            contact_cap=contact_cap,
            filter_text=segments.seg.canonical(conditions),
            segment_name=seg_name,
            status=CampaignStatus.DRAFT.value,
            built_on=today,
            created_by_id=actor.id,
        )
        session.add(c)
        session.flush()
        managers = cand["manager_id"].astype(object).where(cand["manager_id"].notna(), None).tolist()
        _bulk_insert(
            session,
            "campaign_target",
            ("campaign_id", "client_id", "manager_id", "status"),
            list(zip([c.id] * len(ids), ids.tolist(), managers, status.tolist(), strict=True)),
        )
        counts = Counter(status.tolist())
        excluded = {reason: int(counts.get(reason, 0)) for reason in EXCLUSIONS}
        targeted = int(counts.get(TargetStatus.TARGETED.value, 0))
        audit.record(
            session,
            actor,
            "campaign.create",
            "campaign",
            c.id,
            name=name,
            product=c.product_code,
            filter=c.filter_text,
            segment=seg_name,
            start=start.isoformat(),
            end=end.isoformat(),
            targeted=targeted,
            excluded=excluded,
        )
        campaign_id = c.id
    stages.done()
    return BuildSummary(campaign_id, name, targeted, excluded, time.perf_counter() - started)


# ---------------------------------------------------------------- launching


@dataclass(frozen=True)
class LaunchSummary:
    campaign_id: int
    created: int  # tasks created by this launch
    existing: int  # targeted clients that had their task already (an earlier launch)
    without_manager: int  # targeted clients without a manager: no task until one is assigned


def task_key_prefix(campaign_id: int) -> str:
    return f"campaign:{campaign_id}:"


def launch(store: Store, actor: Actor, campaign_id: int, today: date | None = None) -> LaunchSummary:
    """One open campaign task per targeted client for the client's manager, due on the last day.

    Idempotent: each task's dedupe key names the campaign and the client, so launching again creates
    only tasks still missing (for example after a manager was assigned) and never a second one.
    """
    today = today or clock.today()
    with store.transaction() as session:
        refresh_actor(session, actor)
        c = _campaign(session, actor, campaign_id, manage=True)
        if c.end_date < today:
            raise Conflict(
                tr(
                    "营销活动 {id} 已于 {e} 结束，不能再启动。",
                    "Campaign {id} ended on {e}; it cannot be launched any more.",
                    id=c.id,
                    e=c.end_date,
                )
            )
        note = f"【{c.name}】{c.talking_points}".strip()
        prefix = task_key_prefix(c.id)
        pg = session.get_bind().dialect.name == "postgresql"
        now = utcnow()
        key = "CAST(:prefix AS TEXT) || CAST(t.client_id AS TEXT)"
        inserted = session.execute(
            text(
                "INSERT INTO service_task (client_id, manager_id, task_type, source, due_date, status, dedupe_key, "
                "note, created_at, updated_at, version) "
                f"SELECT t.client_id, c.manager_id, :type, :source, :due, :open, {key}, :note, :now, :now, 1 "
                "FROM campaign_target t JOIN client c ON c.id = t.client_id "
                "WHERE t.campaign_id = :cid AND t.status = :targeted AND c.manager_id IS NOT NULL "
                f"AND NOT EXISTS (SELECT 1 FROM service_task s WHERE s.dedupe_key = {key})"
                + (" ON CONFLICT (dedupe_key) DO NOTHING" if pg else "")
            )
            .bindparams(
                type=TouchType.CAMPAIGN.value,
                source=TaskSource.CAMPAIGN.value,
                open=TaskStatus.OPEN.value,
                prefix=prefix,
                note=note,
                cid=c.id,
                targeted=TargetStatus.TARGETED.value,
            )
            .bindparams(
                bindparam("now", now, type_=UTCDateTime()),
                bindparam("due", max(c.end_date, today), type_=Date()),
            ),
        )
        created = int(inserted.rowcount or 0)  # type: ignore[attr-defined]
        # The list remembers each task and the manager it went to.
        session.execute(
            text(
                "UPDATE campaign_target SET "
                "task_id = (SELECT s.id FROM service_task s WHERE s.dedupe_key = "
                "CAST(:prefix AS TEXT) || CAST(campaign_target.client_id AS TEXT)), "
                "manager_id = (SELECT s.manager_id FROM service_task s WHERE s.dedupe_key = "
                "CAST(:prefix AS TEXT) || CAST(campaign_target.client_id AS TEXT)) "
                "WHERE campaign_id = :cid AND status = :targeted AND task_id IS NULL AND EXISTS "
                "(SELECT 1 FROM service_task s WHERE s.dedupe_key = "
                "CAST(:prefix AS TEXT) || CAST(campaign_target.client_id AS TEXT))"
            ),
            {"prefix": prefix, "cid": c.id, "targeted": TargetStatus.TARGETED.value},
        )
        targeted, with_task = session.execute(
            select(func.count(), func.count(CampaignTarget.task_id)).where(
                CampaignTarget.campaign_id == c.id, CampaignTarget.status == TargetStatus.TARGETED.value
            )
        ).one()
        first = c.status != CampaignStatus.LAUNCHED.value
        if first:
            c.status = CampaignStatus.LAUNCHED.value
            c.launched_at = now
            c.launched_by_id = actor.id
        audit.record(session, actor, "campaign.launch", "campaign", c.id, created=created, first=first)
        return LaunchSummary(c.id, created, int(with_task) - created, int(targeted) - int(with_task))


# ---------------------------------------------------------------- responses


def parse_amount(value: str | None) -> Decimal | None:
    if value is None or not str(value).strip():
        return None
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise InvalidInput(tr("金额 {v} 不是数字。", "The amount {v} is not a number.", v=value)) from None
    if not amount.is_finite() or amount <= 0:
        raise InvalidInput(tr("金额应大于 0（{v}）。", "The amount must be above 0 ({v}).", v=value))
    return amount.quantize(Decimal("0.01"))


@dataclass(frozen=True)
class ResponseResult:
    campaign_id: int
    client_no: str
    response: str
    touch_id: int
    task_closed: bool


def respond(
    store: Store,
    actor: Actor,
    campaign_id: int,
    client_no: str,
    response: str,
    *,
    amount: Decimal | None = None,
    reason: str | None = None,
    channel: str = Channel.PHONE.value,
    summary: str | None = None,
    occurred_at: datetime | None = None,
) -> ResponseResult:
    """Record the client's response on a campaign touch (only by the client's manager); closes the task.

    A later response replaces the earlier one on the list (an interested client who subscribes later);
    every response stays as its own touch.
    """
    require_role(actor, *CAMPAIGN_ROLES)
    if response not in {r.value for r in CampaignResponse}:
        raise InvalidInput(
            tr(
                "反馈 {r} 无效，可选：{ok}。",
                "The response {r} is invalid; use one of {ok}.",
                r=response,
                ok=", ".join(r.value for r in CampaignResponse),
            )
        )
    if channel not in {c.value for c in RESPONSE_CHANNELS}:
        raise InvalidInput(
            tr(
                "渠道 {c} 无效，可选：{ok}。",
                "The channel {c} is invalid; use one of {ok}.",
                c=channel,
                ok=", ".join(c.value for c in RESPONSE_CHANNELS),
            )
        )
    reason = _text(reason) or None
    with store.transaction() as session:
        refresh_actor(session, actor)
        c = _campaign(session, actor, campaign_id)
        client = get_visible_client(session, actor, client_no)
        if client.manager_id != actor.id:
            raise PermissionDenied(
                tr(
                    "只有客户 {no} 的投资经理才能记录营销反馈。",
                    "Only the manager of client {no} may record the campaign response.",
                    no=client.client_no,
                )
            )
        target = session.get(CampaignTarget, (c.id, client.id))
        if target is None or target.status != TargetStatus.TARGETED.value:
            raise InvalidInput(
                tr(
                    "客户 {no} 不在营销活动 {id} 的目标名单中{why}。",
                    "Client {no} is not on the target list of campaign {id}{why}.",
                    no=client.client_no,
                    id=c.id,
                    why=""
                    if target is None
                    else tr("（{s}）", " ({s})", s=label_of(TargetStatus, target.status)),
                )
            )
        if target.task_id is None:
            raise Conflict(
                tr(
                    "营销活动 {id} 尚未启动：请先启动（crm campaign launch）再记录反馈。",
                    "Campaign {id} is not launched yet: launch it (crm campaign launch) before recording responses.",
                    id=c.id,
                )
            )
        if response == CampaignResponse.SUBSCRIBED.value:
            if c.product_code and amount is None:
                raise InvalidInput(
                    tr("“已认购”需要填写认购金额（--amount）。", "“subscribed” needs the amount (--amount).")
                )
        elif amount is not None:
            raise InvalidInput(
                tr("只有“已认购”才填写金额。", "Only a “subscribed” response takes an amount.")
            )
        if response == CampaignResponse.DECLINED.value and not reason:
            raise InvalidInput(
                tr("“谢绝”需要填写原因（--reason）。", "“declined” needs the reason (--reason).")
            )
        words = label_of(CampaignResponse, response)
        if amount is not None:
            words += tr("，金额 {a} 元", ", amount {a} CNY", a=amount)
        if reason:
            words += tr("，原因：{r}", ", reason: {r}", r=reason)
        touch = record_touch_in_session(
            session,
            actor,
            client,
            touch_type=TouchType.CAMPAIGN.value,
            channel=channel,
            summary=_text(summary) or f"【{c.name}】{words}",
            occurred_at=occurred_at,
            task_id=target.task_id,
            checklist={
                "campaign_id": c.id,
                "response": response,
                "amount": None if amount is None else str(amount),
                "reason": reason,
                "content_given": c.talking_points or c.name,
            },
            enforce_checklist=False,
        )
        closed = session.scalar(select(ServiceTask.status).where(ServiceTask.id == target.task_id)) == "done"
        target.response = response
        target.amount = amount
        target.reason = reason
        target.touch_id = touch.id
        target.responded_at = touch.occurred_at
        audit.record(
            session,
            actor,
            "campaign.respond",
            "campaign",
            c.id,
            client_no=client.client_no,
            response=response,
            amount=None if amount is None else str(amount),
            touch_id=touch.id,
        )
        return ResponseResult(c.id, client.client_no, response, touch.id, closed)


# ---------------------------------------------------------------- results and exports


@dataclass(frozen=True)
class ResultRow:
    key: str  # a manager login or a grade code ("" = not scored / no manager)
    name: str
    funnel: rule.Funnel


@dataclass(frozen=True)
class CampaignResults:
    campaign: CampaignInfo
    total: rule.Funnel
    by_manager: list[ResultRow]
    by_grade: list[ResultRow]
    excluded: dict[str, int] = field(default_factory=dict)


def _target_frame(session: Session, actor: Actor, campaign_id: int) -> pd.DataFrame:
    run_id = latest_run_id(session)
    mgr = aliased(Staff)
    rows = session.execute(
        select(
            Client.client_no,
            mgr.login,
            mgr.display_name,
            CampaignTarget.status,
            CampaignTarget.response,
            CampaignTarget.amount,
            ClientScore.grade,
        )
        .join(Client, Client.id == CampaignTarget.client_id)
        .outerjoin(mgr, mgr.id == CampaignTarget.manager_id)
        .outerjoin(
            ClientScore,
            and_(
                ClientScore.client_id == Client.id,
                ClientScore.run_id == (run_id if run_id is not None else -1),
            ),
        )
        .where(CampaignTarget.campaign_id == campaign_id, visible_clients(actor))
        .order_by(Client.client_no)
    ).all()
    return pd.DataFrame(
        rows, columns=["client_no", "manager_login", "manager_name", "status", "response", "amount", "grade"]
    )


def _funnel_of(frame: pd.DataFrame) -> rule.Funnel:
    return rule.funnel(
        [r if isinstance(r, str) else None for r in frame["response"].tolist()],
        [None if a is None or a != a else float(a) for a in frame["amount"].tolist()],
    )


def results(store: Store, actor: Actor, campaign_id: int, today: date | None = None) -> CampaignResults:
    """The funnel (targeted, contacted, responded, converted, amount) in total, by manager and by grade."""
    today = today or clock.today()
    with store.read() as session:
        c = _campaign(session, actor, campaign_id)
        frame = _target_frame(session, actor, c.id)
        info = _info(session, c, today, int((frame["status"] == TargetStatus.TARGETED.value).sum()))
    targeted = frame[frame["status"] == TargetStatus.TARGETED.value]
    by_manager = [
        ResultRow(str(login or ""), str(group["manager_name"].iloc[0] or ""), _funnel_of(group))
        for login, group in targeted.fillna({"manager_login": ""}).groupby("manager_login", sort=True)
    ]
    by_grade = [
        ResultRow(str(g or ""), label_of(Grade, g) if g else tr("未评分", "not scored"), _funnel_of(group))
        for g, group in targeted.fillna({"grade": ""}).groupby("grade", sort=True)
    ]
    counts = Counter(frame["status"].tolist())
    return CampaignResults(
        info,
        _funnel_of(targeted),
        by_manager,
        sorted(by_grade, key=lambda r: r.key or "V0", reverse=True),
        {reason: int(counts.get(reason, 0)) for reason in EXCLUSIONS},
    )


def summaries(
    store: Store, actor: Actor, today: date | None = None
) -> list[tuple[CampaignInfo, rule.Funnel]]:
    """Every campaign of the branch with its funnel (the dashboard's card): one grouped query.

    An investment manager's figures count their own clients only.
    """
    require_role(actor, *CAMPAIGN_ROLES)
    today = today or clock.today()
    answered = list(rule.ANSWERS)
    subscribed = CampaignResponse.SUBSCRIBED.value
    with store.read() as session:
        figures = {
            int(cid): rule.Funnel(int(t), int(c or 0), int(r or 0), int(v or 0), round(float(a or 0), 2))
            for cid, t, c, r, v, a in session.execute(
                select(
                    CampaignTarget.campaign_id,
                    func.count(),
                    func.count(CampaignTarget.response),
                    func.sum(case((CampaignTarget.response.in_(answered), 1), else_=0)),
                    func.sum(case((CampaignTarget.response == subscribed, 1), else_=0)),
                    func.sum(case((CampaignTarget.response == subscribed, CampaignTarget.amount), else_=0)),
                )
                .join(Client, Client.id == CampaignTarget.client_id)
                .where(CampaignTarget.status == TargetStatus.TARGETED.value, visible_clients(actor))
                .group_by(CampaignTarget.campaign_id)
            )
        }
        rows = session.scalars(
            select(Campaign)
            .where(Campaign.branch_id == actor.branch_id)
            .order_by(Campaign.start_date.desc(), Campaign.id.desc())
        ).all()
        out = []
        for c in rows:
            f = figures.get(c.id, rule.Funnel())
            out.append((_info(session, c, today, f.targeted), f))
        return out


def target_rows(store: Store, actor: Actor, campaign_id: int) -> pd.DataFrame:
    """The list as the export's columns (``TARGET_COLUMNS``); an investment manager gets their clients only."""
    with store.read() as session:
        c = _campaign(session, actor, campaign_id)
        frame = _target_frame(session, actor, c.id)
    return pd.DataFrame(
        {
            "client_no": frame["client_no"],
            "manager_login": frame["manager_login"].fillna(""),
            "status": frame["status"],
            "response": frame["response"].fillna(""),
            "amount": [
                ("" if a is None or a != a else format(Decimal(a), "f")) for a in frame["amount"].tolist()
            ],
        },
        columns=list(TARGET_COLUMNS),
    )


def record_export(store: Store, actor: Actor, campaign_id: int, what: str, rows: int, file_name: str) -> None:
    with store.transaction() as session:
        audit.record(
            session, actor, f"campaign.export_{what}", "campaign", campaign_id, rows=rows, file=file_name
        )


__all__ = [
    "BuildSummary",
    "CampaignInfo",
    "CampaignResults",
    "LaunchSummary",
    "ResponseResult",
    "ResultRow",
    "create_campaign",
    "get_campaign",
    "launch",
    "list_campaigns",
    "respond",
    "results",
    "target_rows",
]
