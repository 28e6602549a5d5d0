"""Campaigns (营销活动): the target list, launching tasks, recording responses, results.

Rules (who is left out of a list and why, the contact cap, the funnel) are pure, in
:mod:`crm_desktop.domain.campaigns`; this module gathers the store's values for them and writes. A target
list is built by one INSERT ... SELECT that applies the exclusion rules per client in SQL (100,000 clients in
well under 2 s); tests/services/test_campaign_target_sql.py keeps its suitability step equal to the pure rule.

Permissions: a branch manager runs campaigns for the branch's clients; an investment manager runs a
campaign on their own book only (the segment is evaluated with the actor's visibility, so the list
holds only clients they may see) and launches only their own campaigns; a response is recorded only
by the client's manager. Results and target exports show an investment manager their own clients only.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    and_,
    bindparam,
    case,
    cast,
    exists,
    false,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    true,
)
from sqlalchemy.orm import Session, aliased

from crm_desktop import clock
from crm_desktop.db.models import (
    Campaign,
    CampaignTarget,
    Client,
    ClientScore,
    Product,
    RiskProfile,
    Security,
    ServiceTask,
    Staff,
    TradingPermission,
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
from crm_desktop.services import touches as touch_rules
from crm_desktop.services.auth import Actor, refresh_actor, require_role
from crm_desktop.services.client_book import latest_run_id
from crm_desktop.services.consent import opted_out
from crm_desktop.services.suitability import load_config
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


_LEVELS = tuple(f"C{n}" for n in range(1, 6))


def _expired_before(today: date, years: int) -> date:
    """The first assessment day still valid ``today`` under the default validity (``years``).

    A client without an assessment on record is judged on the client record's date, valid until
    ``srule.default_valid_until`` (29 February + n years = 28 February): expired exactly when assessed
    before the day returned.
    """
    day = srule.add_years(today, -years) - timedelta(days=3)
    while srule.add_years(day, years) < today:
        day += timedelta(days=1)
    return day


def _in_force_profiles(dialect: str, today: date) -> tuple[Any, ColumnElement[bool]]:
    """Each client's assessment in force ``today``: the latest on or before it, the earliest when all are later.

    The same choice as :meth:`crm_desktop.domain.suitability._Profiles.at` (one assessment per client and
    day). Returns the profile rows and the outer-join condition on the client. PostgreSQL ranks every
    assessment once (a window); SQLite seeks each client's two candidates in the (client, day) index,
    which it does five times faster than the window.
    """
    if dialect == "postgresql":
        later = case((RiskProfile.assessed_on > today, 1), else_=0)
        rank = (
            func.row_number()
            .over(
                partition_by=RiskProfile.client_id,
                order_by=(
                    later,
                    case((RiskProfile.assessed_on <= today, RiskProfile.assessed_on)).desc(),
                    RiskProfile.assessed_on,
                ),
            )
            .label("rank")
        )
        ranked = select(
            RiskProfile.client_id,
            RiskProfile.level,
            RiskProfile.lowest_category,
            RiskProfile.valid_until,
            RiskProfile.investor_class,
            rank,
        ).subquery("ranked")
        in_force = select(ranked).where(ranked.c.rank == 1).subquery("in_force")
        return in_force, in_force.c.client_id == Client.id
    table = RiskProfile.__table__
    prof, r = table.alias("in_force"), table.alias("r")
    latest = (
        select(r.c.id)
        .where(r.c.client_id == Client.id, r.c.assessed_on <= today)
        .order_by(r.c.assessed_on.desc())
        .limit(1)
        .correlate(Client)
        .scalar_subquery()
    )
    earliest = (
        select(r.c.id)
        .where(r.c.client_id == Client.id)
        .order_by(r.c.assessed_on)
        .limit(1)
        .correlate(Client)
        .scalar_subquery()
    )
    return prof, prof.c.id == func.coalesce(latest, earliest)


def _unsuitable_sql(prof: Any, product: Product, permission: str, today: date) -> ColumnElement[bool]:
    """The campaign's suitability rule (:func:`crm_desktop.domain.campaigns.unsuitable`) as a WHERE term.

    ``prof`` is :func:`_in_force_profiles` joined on the client (NULL columns: never assessed, judged at the
    client record's level as an ordinary investor). tests/services/test_campaign_target_sql.py holds the two
    equal on both backends.
    """
    rating = srule.rating_value(product.risk_rating)
    assessed = prof.c.client_id.is_not(None)
    professional = func.coalesce(prof.c.investor_class, "") == InvestorClass.PROFESSIONAL.value
    level = cast(func.substr(prof.c.level, 2, 1), Integer)
    record_level = case(
        (func.upper(Client.risk_level).in_(_LEVELS), cast(func.substr(Client.risk_level, 2, 1), Integer)),
        else_=1,
    )
    record_day = func.coalesce(Client.risk_assessed_on, Client.open_date)
    ordinary = ~professional
    on_record = or_(
        prof.c.valid_until < today,
        and_(ordinary, ~prof.c.lowest_category, level < rating),
        and_(ordinary, prof.c.lowest_category) if rating > 1 else false(),
        ordinary if product.professional_only else false(),
    )
    # never assessed: an ordinary investor at the record's level, assessed on the record's date
    on_client = or_(
        record_day < _expired_before(today, load_config().validity_years),
        record_level < rating,
        true() if product.professional_only else false(),
    )
    judged = or_(and_(assessed, on_record), and_(~assessed, on_client))
    if not permission:
        return judged
    opened = exists(
        select(TradingPermission.id).where(
            TradingPermission.client_id == Client.id,
            TradingPermission.permission == permission,
            TradingPermission.opened_on <= today,
        )
    )
    return or_(judged, ~opened)


def _capped_sql(session: Session, start: date, end: date, cap: int) -> ColumnElement[bool]:
    """WHERE term: already targeted by ``cap`` other campaigns in some month of the period (counted in the store)."""
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
    terms = [
        Client.id.in_(
            select(CampaignTarget.client_id)
            .where(
                CampaignTarget.campaign_id.in_(group),
                CampaignTarget.status == TargetStatus.TARGETED.value,
            )
            .group_by(CampaignTarget.client_id)
            .having(func.count() >= cap)
        )
        for group in rule.campaigns_by_month(others, start=start, end=end, cap=cap)
    ]
    return or_(false(), *terms)


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
        if session.get_bind().dialect.name == "postgresql":
            # One set-wise statement: compiling it to machine code (JIT) costs more than running it.
            session.execute(text("SET LOCAL jit = off"))
        # The contact cap counts the campaigns already in the store (this one is not added yet).
        capped = _capped_sql(session, start, end, contact_cap)
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
        stages.next(tr("检查适当性与联系上限…", "Checking suitability and the contact cap…"))
        # Every client of the segment with the first reason that holds (domain.campaigns.classify's order),
        # written by one INSERT ... SELECT: no client row travels through Python.
        reasons: list[tuple[ColumnElement[bool], str]] = [
            (Client.status == ClientStatus.CLOSED.value, TargetStatus.CLOSED.value),
            (opted_out(), TargetStatus.OPTED_OUT.value),
        ]
        stmt = segments.segment_select(actor, conditions, latest_run_id(session), today, Client.id)
        if prod is not None:
            prof, on = _in_force_profiles(session.get_bind().dialect.name, today)
            stmt = stmt.outerjoin(prof, on)
            reasons.append((_unsuitable_sql(prof, prod, permission, today), TargetStatus.UNSUITABLE.value))
        reasons.append((capped, TargetStatus.CONTACT_CAP.value))
        status = case(*reasons, else_=TargetStatus.TARGETED.value)
        stmt = stmt.with_only_columns(
            literal(c.id, Integer), Client.id, Client.manager_id, status, maintain_column_froms=True
        )
        session.execute(
            insert(CampaignTarget).from_select(["campaign_id", "client_id", "manager_id", "status"], stmt)
        )
        stages.next(tr("保存目标名单…", "Saving the target list…"))
        counts = dict(
            session.execute(
                select(CampaignTarget.status, func.count())
                .where(CampaignTarget.campaign_id == c.id)
                .group_by(CampaignTarget.status)
            ).all()
        )
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


# The largest amount the store keeps exactly (MONEY is NUMERIC(18, 2)).
MAX_AMOUNT = Decimal("9999999999999999.99")


def parse_amount(value: str | None) -> Decimal | None:
    """An amount in yuan, exactly as written: digits with at most two decimals (thousands commas allowed).

    Nothing is rounded: ``50000.005`` is refused rather than stored as 50000.00 or 50000.01.
    """
    if value is None or not str(value).strip():
        return None
    written = str(value).strip()
    try:
        amount = Decimal(written.replace(",", "").replace("，", ""))
    except InvalidOperation:
        raise InvalidInput(
            tr(
                "金额 {v} 不是数字：请只写数字，例如 50000 或 50000.50。",
                "The amount {v} is not a number: write digits only, e.g. 50000 or 50000.50.",
                v=written,
            )
        ) from None
    if not amount.is_finite() or amount <= 0:
        raise InvalidInput(tr("金额应大于 0（{v}）。", "The amount must be above 0 ({v}).", v=written))
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise InvalidInput(
            tr(
                "金额 {v} 的小数超过两位：金额精确到分，请不要超过两位小数。",
                "The amount {v} has more than two decimals: amounts are kept to the fen (0.01).",
                v=written,
            )
        )
    if amount > MAX_AMOUNT:
        raise InvalidInput(
            tr("金额 {v} 太大，请检查。", "The amount {v} is too large; please check it.", v=written)
        )
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
    checklist: dict[str, Any] | None = None,
    satisfaction: int | None = None,
    next_step: str | None = None,
    follow_up_date: date | None = None,
    backdate_reason: str | None = None,
) -> ResponseResult:
    """Record the client's response on a campaign touch (only by the client's manager); closes the task.

    One transaction: the touch (with what the touch form adds: the steps of the service flow that
    were done, feedback, satisfaction, next step, a follow-up date, a reason for a late entry), the
    response on the target list, the task closed, the audit. A later response replaces the earlier
    one on the list (an interested client who subscribes later); every response stays as its own touch.
    """
    require_role(actor, *CAMPAIGN_ROLES)
    flow = {k: v for k, v in (checklist or {}).items() if k in touch_rules.STEPS or k == touch_rules.ADVICE}
    if flow.pop(touch_rules.ADVICE, False):
        raise InvalidInput(
            tr(
                "营销活动反馈记录的是营销联系，不是投资建议：请取消“提供投资建议”；如提供了投资建议，"
                "请由投资顾问另行记录一次服务。",
                "A campaign response records a marketing contact, not investment advice: untick “advice "
                "given”; if advice was given, let an adviser record it as a touch of its own.",
            )
        )
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
        said = _text(summary)
        touch = record_touch_in_session(
            session,
            actor,
            client,
            touch_type=TouchType.CAMPAIGN.value,
            channel=channel,
            # the response always leads the summary, so the touch history reads it without the list
            summary=f"【{c.name}】{words}" + (tr("。{s}", ". {s}", s=said) if said else ""),
            occurred_at=occurred_at,
            task_id=target.task_id,
            checklist={
                touch_rules.CONTENT: c.talking_points or c.name,
                **flow,
                "campaign_id": c.id,
                "response": response,
                "amount": None if amount is None else str(amount),
                "reason": reason,
            },
            satisfaction=satisfaction,
            next_step=next_step,
            follow_up_date=follow_up_date,
            backdate_reason=backdate_reason,
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
