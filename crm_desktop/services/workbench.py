"""The workbench (工作台): what the signed-in user should look at first, per role, as plain data.

- Investment manager: today's work (open tasks overdue or due today) in priority order, key figures of
  their book, alerts, their recent activity.
- Branch manager: the branch's figures, requests waiting for approval, this month's compliance at a
  glance, alerts, the managers needing attention.
- Administrator: the last imports, the last scoring runs, the health of the store.

The parts reuse the services that own them (tasks.agenda, compliance, complaints, alerts, notifications,
reassignment); the figures are a few aggregate queries. A figure that cannot be measured (no account
data for the period) is None with a reason, never 0. :func:`search` is the command bar's lookup.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, case, func, or_, select, text
from sqlalchemy.orm import Session, aliased

from crm_desktop import clock
from crm_desktop.db.models import (
    AssetSnapshot,
    Client,
    ClientScore,
    ImportLog,
    LetterRecord,
    ReassignmentRequest,
    ScoreRun,
    ServiceTask,
    Staff,
    Touch,
    Trade,
)
from crm_desktop.db.models.enums import Role, TaskStatus
from crm_desktop.db.store import Store
from crm_desktop.domain.callbacks_vocab import ComplaintStatus
from crm_desktop.domain.compliance import (
    RISK_REASSESSMENT_YEARS,
    counted_until,
    reassessment_cutoff,
    task_outcome,
)
from crm_desktop.domain.labels import label_of
from crm_desktop.domain.visibility import may_see_personal_data, sees_own_work_only
from crm_desktop.domain.vocabulary import (
    ImportKind,
    ImportStatus,
    RequestStatus,
    TouchType,
)
from crm_desktop.i18n import tr
from crm_desktop.services import alerts as alert_cases
from crm_desktop.services import complaints, compliance, notifications, reassignment, tasks
from crm_desktop.services.auth import Actor, require_role
from crm_desktop.services.client_book import mask_name
from crm_desktop.services.service_plans import current_plan_in_session
from crm_desktop.services.visibility import visible_clients

# Grades, most valuable first; a client not scored yet comes after V1.
GRADE_ORDER = ("V5", "V4", "V3", "V2", "V1")
# Among equally urgent tasks: what regulation asks for first, then keeping clients, then routine service.
TYPE_ORDER = (
    TouchType.RISK_REASSESSMENT.value,
    TouchType.RISK_DISCLOSURE.value,
    TouchType.COMPLAINT.value,
    TouchType.RETENTION_CALL.value,
    TouchType.HANDOVER.value,
    TouchType.VISIT.value,
    TouchType.PHONE_CALL.value,
    TouchType.REVIEW_LETTER.value,
    TouchType.MESSAGE.value,
    TouchType.GREETING.value,
)
EXPIRY_DAYS = 30  # a risk assessment expiring within this many days is an alert
MIN_JUDGED = 10  # an on-time rate over fewer judged tasks says too little to single a manager out
ATTENTION = 5  # managers listed per reason
ACTIVITY = 10  # recent activity entries

IM, BM, ADMIN = "investment_manager", "branch_manager", "admin"


def not_measured_text() -> str:
    return tr("数据不足", "Not enough data")


# ---------------------------------------------------------------------------------------------- data


@dataclass(frozen=True)
class WorkItem:
    """One open task of today's work; ``rank`` is its place in the priority order (1 = first)."""

    rank: int
    task_id: int
    client_no: str
    client_name: str
    grade: str | None
    task_type: str
    source: str
    due_date: date
    days_overdue: int
    manager_login: str | None
    version: int

    @property
    def type_label(self) -> str:
        return label_of(TouchType, self.task_type)

    @property
    def source_label(self) -> str:
        return tasks.source_label(self.source)


@dataclass(frozen=True)
class Figure:
    """A key figure: this period against the previous one. ``value`` None = could not be measured (see
    ``note``); ``previous`` None = nothing to compare with."""

    key: str
    value: Decimal | int | None
    previous: Decimal | int | None = None
    unit: str = ""  # "yuan" or "clients"
    note: str = ""

    @property
    def label(self) -> str:
        return {
            "clients": tr("客户数", "Clients"),
            "assets": tr("总资产", "Total assets"),
            "net_inflow": tr("本月净流入", "Net inflow this month"),
            "commission": tr("本月佣金", "Commission this month"),
            "open_tasks": tr("未完成待办", "Open tasks"),
            "overdue": tr("逾期待办", "Overdue tasks"),
        }.get(self.key, self.key)

    @property
    def measured(self) -> bool:
        return self.value is not None

    @property
    def change(self) -> Decimal | int | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


@dataclass(frozen=True)
class Alert:
    """Something to look at: ``area`` is where it is dealt with, ``client_no`` set when it is one client."""

    kind: str
    count: int
    title: str
    detail: str = ""
    area: str = ""
    client_no: str | None = None
    severity: int = 1  # 2 = act now, 1 = look today, 0 = for information


@dataclass(frozen=True)
class Activity:
    at: datetime
    kind: str  # "touch" or "letter"
    client_no: str
    client_name: str
    text: str


@dataclass(frozen=True)
class Approval:
    request_id: int
    client_no: str
    client_name: str
    from_login: str | None
    to_login: str
    reason: str
    requested_at: datetime
    requested_by: str

    @property
    def reason_label(self) -> str:
        return reassignment.reason_label(self.reason)


@dataclass(frozen=True)
class ComplianceGlance:
    start: date
    today: date
    due: int
    on_time: int
    late: int
    overdue_now: int
    open_due_today: int
    on_time_rate: float | None  # None: nothing judged yet this month
    risk_overdue: int


@dataclass(frozen=True)
class ManagerAttention:
    manager_id: int
    login: str
    name: str
    overdue: int
    on_time_rate: float | None
    judged: int
    why: str


@dataclass(frozen=True)
class ImportEntry:
    id: int
    kind: str
    file_name: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    rows_total: int
    rows_new: int
    rows_changed: int
    error_count: int
    user_login: str | None

    @property
    def kind_label(self) -> str:
        return label_of(ImportKind, self.kind)

    @property
    def status_label(self) -> str:
        return label_of(ImportStatus, self.status)


@dataclass(frozen=True)
class RunEntry:
    id: int
    as_of: date
    started_at: datetime
    finished_at: datetime | None
    client_count: int
    manager_count: int
    warnings: int
    engine_version: str


@dataclass(frozen=True)
class StoreHealth:
    backend: str
    name: str
    revision: str | None
    counts: dict[str, int]
    latest_snapshot: date | None
    latest_trade: date | None
    last_backup: datetime | None  # not recorded by this version: None = unknown


@dataclass
class Workbench:
    role: str
    today: date
    generated_at: datetime
    seconds: float = 0.0
    work: list[WorkItem] = field(default_factory=list)
    work_counts: dict[str, int] = field(default_factory=dict)  # overdue / today
    figures: list[Figure] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    activity: list[Activity] = field(default_factory=list)
    approvals: list[Approval] = field(default_factory=list)
    compliance: ComplianceGlance | None = None
    managers: list[ManagerAttention] = field(default_factory=list)
    imports: list[ImportEntry] = field(default_factory=list)
    runs: list[RunEntry] = field(default_factory=list)
    health: StoreHealth | None = None
    # parts that failed to load, by name: the rest of the page is still shown
    problems: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MyPerformance:
    """An investment manager's figures of ``month`` (so far) and of ``last_month``; ``None`` rows when the
    service returned none. Unmeasurable figures stay ``None`` (shown as 数据不足, never 0)."""

    month: str
    last_month: str
    this: Any
    previous: Any


# ---------------------------------------------------------------------------------------------- build


T = TypeVar("T")


def build_workbench(store: Store, actor: Actor, today: date | None = None) -> Workbench:
    """The actor's workbench for ``today`` (the clock's day by default)."""
    today = today or clock.today()
    started = time.perf_counter()
    wb = Workbench(role=actor.role.value, today=today, generated_at=clock.now())
    if actor.role is Role.INVESTMENT_MANAGER:
        _investment_manager(store, actor, wb)
    elif actor.role is Role.BRANCH_MANAGER:
        _branch_manager(store, actor, wb)
    elif actor.role is Role.ADMIN:
        _administrator(store, actor, wb)
    else:  # call-back officers work from their pool: what waits there, and their notifications
        wb.alerts = [*_callback_pool_alerts(store, actor, today), *_notification_alerts(store, actor)]
    wb.seconds = time.perf_counter() - started
    return wb


def _investment_manager(store: Store, actor: Actor, wb: Workbench) -> None:
    wb.work, wb.work_counts = todays_work(store, actor, wb.today)
    with store.read() as session:
        scope = visible_clients(actor)
        wb.figures = book_figures(session, scope, wb.today)
        found = [*_churn_turned_high(session, scope), *_assessments_expiring(session, actor, scope, wb.today)]
        wb.activity = _recent_activity(session, actor)
    wb.alerts = sorted(
        [*found, *_complaint_alerts(store, actor, wb.today), *_notification_alerts(store, actor)],
        key=lambda a: -a.severity,
    )


def my_performance(store: Store, actor: Actor, today: date) -> MyPerformance:
    """The actor's own performance row for the month of ``today`` and for the month before.

    Not part of :func:`build_workbench`: the performance figures sum the whole branch's month (seconds
    on a large store), so the page loads this card on its own after the rest is shown."""
    from crm_desktop.services import performance

    month = f"{today.year:04d}-{today.month:02d}"
    last = _month_start(today) - timedelta(days=1)
    last_month = f"{last.year:04d}-{last.month:02d}"

    def mine(m: str) -> Any:
        rows = performance.performance(store, actor, m).rows
        return next((r for r in rows if r.manager_login == actor.login), None)

    return MyPerformance(month, last_month, mine(month), mine(last_month))


def _branch_manager(store: Store, actor: Actor, wb: Workbench) -> None:
    with store.read() as session:
        scope = visible_clients(actor)
        of_scope = client_filter(session, scope)
        wb.figures = book_figures(session, scope, wb.today, of_scope)
        overdue = _overdue_by_manager(session, of_scope, wb.today)
        found = [*_churn_turned_high(session, scope), *_assessments_expiring(session, actor, scope, wb.today)]
        wb.approvals = _pending_approvals(session, actor)
    wb.figures.append(Figure("overdue", sum(overdue.values()), unit="tasks"))
    with store.read() as session:
        wb.compliance, per_manager = compliance_glance(session, actor, wb.today, of_scope)
    wb.managers = _managers_needing_attention(per_manager, overdue, store, actor)
    red_flags = alert_cases.list_alerts(store, actor, open_only=True)
    flag_alerts = (
        [
            Alert(
                "red_flags",
                len(red_flags),
                tr("{n} 个回访红旗待调查", "{n} call-back red flag(s) to investigate", n=len(red_flags)),
                "、".join(f"{a.client_no} {a.kind_label}" for a in red_flags[:3]),
                "callbacks",
                severity=2,
            )
        ]
        if red_flags
        else []
    )
    if wb.approvals:
        flag_alerts.append(
            Alert(
                "approvals",
                len(wb.approvals),
                tr("{n} 个划转申请待审批", "{n} reassignment request(s) to decide", n=len(wb.approvals)),
                area="approvals",
                severity=1,
            )
        )
    wb.alerts = sorted(
        [
            *flag_alerts,
            *_complaint_alerts(store, actor, wb.today),
            *found,
            *_notification_alerts(store, actor),
        ],
        key=lambda a: -a.severity,
    )


def _administrator(store: Store, actor: Actor, wb: Workbench) -> None:
    require_role(actor, Role.ADMIN)
    with store.read() as session:
        wb.imports = _last_imports(session)
        wb.runs = _last_runs(session)
        wb.health = _health(session, store)
    wb.alerts = _notification_alerts(store, actor)
    failed = [i for i in wb.imports if i.status == ImportStatus.REJECTED.value]
    if wb.imports and failed and failed[0] is wb.imports[0]:
        wb.alerts.insert(
            0,
            Alert(
                "import_failed",
                1,
                tr(
                    "最近一次导入被拒绝：{file}",
                    "The last import was rejected: {file}",
                    file=failed[0].file_name,
                ),
                area="imports",
                severity=2,
            ),
        )
    if not wb.runs:
        wb.alerts.append(
            Alert(
                "never_scored",
                1,
                tr("尚未运行过评分", "No scoring run yet"),
                tr(
                    "客户等级和流失风险要等第一次评分后才有。",
                    "Grades and churn risk appear after the first run.",
                ),
                area="imports",
                severity=1,
            )
        )


# ---------------------------------------------------------------------------------------------- today's work


def _grade_rank(grade: str | None) -> int:
    return GRADE_ORDER.index(grade) if grade in GRADE_ORDER else len(GRADE_ORDER)


def _type_rank(task_type: str) -> int:
    return TYPE_ORDER.index(task_type) if task_type in TYPE_ORDER else len(TYPE_ORDER)


def priority_key(grade: str | None, days_overdue: int, task_type: str, client_no: str) -> tuple[Any, ...]:
    """Most valuable client first; among equal grades the longest overdue; then by type of task."""
    return (_grade_rank(grade), -days_overdue, _type_rank(task_type), client_no)


def todays_work(
    store: Store, actor: Actor, today: date | None = None
) -> tuple[list[WorkItem], dict[str, int]]:
    """Open tasks overdue or due today, in priority order, with the count of each."""
    today = today or clock.today()
    items = [i for i in tasks.agenda(store, actor, today=today).items if i.due_date <= today]
    items.sort(key=lambda i: priority_key(i.grade, (today - i.due_date).days, i.task_type, i.client_no))
    work = [
        WorkItem(
            n,
            i.task_id,
            i.client_no,
            i.client_name,
            i.grade,
            i.task_type,
            i.source,
            i.due_date,
            max(0, (today - i.due_date).days),
            i.manager_login,
            i.version,
        )
        for n, i in enumerate(items, start=1)
    ]
    overdue = sum(1 for w in work if w.days_overdue > 0)
    return work, {"overdue": overdue, "today": len(work) - overdue}


# ---------------------------------------------------------------------------------------------- figures


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _same_day_last_month(day: date) -> date:
    first = _month_start(day)
    last_month_end = first - timedelta(days=1)
    return last_month_end.replace(day=min(day.day, last_month_end.day))


IDS_INLINE = 5_000  # up to this many clients, account rows are looked up by client id (one book)


def client_filter(session: Session, scope: ColumnElement[bool]) -> Callable[[Any], ColumnElement[bool]]:
    """How to keep the rows (account data, tasks) of the clients in ``scope``, given their client id column.

    A scope that covers every client of the store (the usual single-branch store seen by its branch
    manager) needs no filter: every such row belongs to one of them. A book of a few thousand clients is
    looked up by their ids (the account tables' keys lead with the client); anything else by a sub-query.
    """
    in_scope, total = session.execute(
        select(func.count(case((scope, 1))), func.count()).select_from(Client)
    ).one()
    if in_scope == total:
        return lambda _column: true_()
    if in_scope <= IDS_INLINE:
        ids = session.scalars(select(Client.id).where(scope)).all()
        return lambda column: column.in_(ids)
    return lambda column: column.in_(select(Client.id).where(scope))


def book_figures(
    session: Session,
    scope: ColumnElement[bool],
    today: date,
    of_scope: Callable[[Any], ColumnElement[bool]] | None = None,
) -> list[Figure]:
    """Clients, assets, net inflow and commission of the clients in ``scope``.

    Flows compare the month so far with the same days of the previous month (1 December–4 December
    against 1 November–4 November), so an early day of the month is not set against a whole month.
    Assets: the latest day with account data against the last such day of the previous month.
    """
    live = Client.status != "closed"
    clients, previous_clients = (
        int(n or 0)
        for n in session.execute(
            select(
                func.count(case((live, 1))),
                func.count(case((and_(live, Client.open_date < _month_start(today)), 1))),
            ).where(scope)
        ).one()
    )
    figures = [Figure("clients", clients, previous_clients, unit="clients")]

    latest = session.scalar(select(func.max(AssetSnapshot.date)).where(AssetSnapshot.date <= today))
    month = _month_start(today)
    if latest is None:
        why = tr("尚未导入资产数据", "No account data imported yet")
        return [
            *figures,
            Figure("assets", None, note=why, unit="yuan"),
            Figure("net_inflow", None, note=why, unit="yuan"),
            Figure("commission", None, note=why, unit="yuan"),
        ]
    before = session.scalar(select(func.max(AssetSnapshot.date)).where(AssetSnapshot.date < month))
    of_scope = of_scope or client_filter(session, scope)

    def assets_on(day: date | None) -> Decimal | None:
        if day is None:
            return None
        n, total = session.execute(
            select(func.count(), func.sum(AssetSnapshot.total_assets)).where(
                of_scope(AssetSnapshot.client_id), AssetSnapshot.date == day
            )
        ).one()
        return Decimal(total or 0) if n else None

    assets = assets_on(latest)
    figures.append(
        Figure(
            "assets",
            assets,
            assets_on(before) if assets is not None else None,
            unit="yuan",
            note=""
            if assets is not None
            else tr("最近一天没有这些客户的资产数据", "No account data on the latest day"),
        )
    )

    def flows(start: date, end: date) -> tuple[Decimal | None, Decimal | None]:
        n, inflow = session.execute(
            select(func.count(), func.sum(AssetSnapshot.net_inflow)).where(
                of_scope(AssetSnapshot.client_id), AssetSnapshot.date >= start, AssetSnapshot.date <= end
            )
        ).one()
        if not n:  # no account data for the period: neither inflow nor commission can be told
            return None, None
        commission = session.scalar(
            select(func.sum(Trade.commission)).where(
                of_scope(Trade.client_id), Trade.trade_date >= start, Trade.trade_date <= end
            )
        )
        return Decimal(inflow or 0), Decimal(commission or 0)

    end = min(today, latest)
    inflow, commission = flows(month, end) if latest >= month else (None, None)
    if latest >= month:
        prev_inflow, prev_commission = flows(
            _month_start(month - timedelta(days=1)), _same_day_last_month(end)
        )
    else:
        prev_inflow = prev_commission = None
    why = (
        tr(
            "本月尚无资产数据（最近一天 {day}）",
            "No account data this month yet (latest day {day})",
            day=latest.isoformat(),
        )
        if latest < month
        else tr("本月没有这些客户的资产数据", "No account data for these clients this month")
    )
    figures.append(
        Figure("net_inflow", inflow, prev_inflow, unit="yuan", note="" if inflow is not None else why)
    )
    figures.append(
        Figure(
            "commission", commission, prev_commission, unit="yuan", note="" if commission is not None else why
        )
    )
    return figures


# ---------------------------------------------------------------------------------------------- alerts


def _runs(session: Session) -> tuple[int | None, int | None]:
    ids = session.scalars(
        select(ScoreRun.id).where(ScoreRun.finished_at.is_not(None)).order_by(ScoreRun.id.desc()).limit(2)
    ).all()
    return (ids[0] if ids else None, ids[1] if len(ids) > 1 else None)


def _churn_turned_high(session: Session, scope: ColumnElement[bool]) -> list[Alert]:
    """Clients whose churn risk is high in the latest run and was not in the one before."""
    latest, previous = _runs(session)
    if latest is None or previous is None:
        return []
    before = aliased(ClientScore)
    rows = session.execute(
        select(Client.client_no, Client.name, ClientScore.latest_assets)
        .join(ClientScore, ClientScore.client_id == Client.id)
        .outerjoin(before, and_(before.client_id == Client.id, before.run_id == previous))
        .where(
            scope,
            ClientScore.run_id == latest,
            ClientScore.churn_risk == "high",
            or_(before.churn_risk.is_(None), before.churn_risk != "high"),
        )
        .order_by(ClientScore.latest_assets.desc(), Client.client_no)
    ).all()
    if not rows:
        return []
    return [
        Alert(
            "churn_high",
            len(rows),
            tr("{n} 位客户流失风险转为高", "{n} client(s) turned high churn risk", n=len(rows)),
            "、".join(f"{no} {name}" for no, name, _a in rows[:3]),
            "clients",
            rows[0][0] if len(rows) == 1 else None,
            severity=2,
        )
    ]


def _reassessment_years(session: Session, actor: Actor) -> int:
    if actor.branch_id is not None:
        rule = current_plan_in_session(session, actor.branch_id).events.get("risk_reassessment")
        if rule is not None and rule.due_years:
            return int(rule.due_years)
    return RISK_REASSESSMENT_YEARS


def _assessments_expiring(
    session: Session, actor: Actor, scope: ColumnElement[bool], today: date
) -> list[Alert]:
    """Risk assessments that fall due within EXPIRY_DAYS (the overdue ones are tasks already)."""
    years = _reassessment_years(session, actor)
    first, last = (
        reassessment_cutoff(today, years),
        reassessment_cutoff(today + timedelta(days=EXPIRY_DAYS), years),
    )
    basis = func.coalesce(Client.risk_assessed_on, Client.open_date)
    rows = session.execute(
        select(Client.client_no, Client.name)
        .where(scope, Client.status != "closed", basis >= first, basis <= last)
        .order_by(basis, Client.client_no)
    ).all()
    if not rows:
        return []
    return [
        Alert(
            "assessment_expiring",
            len(rows),
            tr(
                "{n} 位客户的风险测评将在 {d} 天内到期",
                "{n} client risk assessment(s) expire within {d} days",
                n=len(rows),
                d=EXPIRY_DAYS,
            ),
            "、".join(f"{no} {name}" for no, name in rows[:3]),
            "clients",
            rows[0][0] if len(rows) == 1 else None,
            severity=1,
        )
    ]


def _complaint_alerts(store: Store, actor: Actor, today: date) -> list[Alert]:
    open_ = [
        c
        for c in complaints.list_complaints(store, actor, today=today)
        if c.status != ComplaintStatus.RESOLVED.value
    ]
    if not open_:
        return []
    late = sum(1 for c in open_ if c.overdue)
    return [
        Alert(
            "complaints",
            len(open_),
            tr("{n} 件投诉未办结", "{n} complaint(s) open", n=len(open_))
            + (tr("，其中 {k} 件已超期", ", {k} past the deadline", k=late) if late else ""),
            "、".join(f"{c.client_no} {c.client_name}" for c in open_[:3]),
            "complaints",
            severity=2 if late else 1,
        )
    ]


def _callback_pool_alerts(store: Store, actor: Actor, today: date) -> list[Alert]:
    """A call-back officer's pool: the call-backs waiting, and how many are past their due day."""
    from crm_desktop.services import callbacks

    waiting = callbacks.list_items(store, actor, status="open")
    if not waiting:
        return [
            Alert(
                "callbacks_none",
                0,
                tr("回访池中没有待回访的客户", "No call-back is waiting in the pool"),
                area="callbacks",
                severity=0,
            )
        ]
    late = sum(1 for i in waiting if i.due_date < today)
    due_today = sum(1 for i in waiting if i.due_date == today)
    return [
        Alert(
            "callbacks",
            len(waiting),
            tr("{n} 位客户待回访", "{n} call-back(s) waiting", n=len(waiting))
            + (tr("，其中 {k} 位已超期", ", {k} past the due day", k=late) if late else "")
            + (tr("，{t} 位今天到期", ", {t} due today", t=due_today) if due_today else ""),
            "、".join(f"{i.client_no} {i.reason_label}" for i in waiting[:3]),
            "callbacks",
            severity=2 if late else 1,
        )
    ]


DECIDED_KINDS = (
    "reassignment.approved",
    "reassignment.rejected",
    "reassignment.received",
    "reassignment.moved_away",
)


def _notification_alerts(store: Store, actor: Actor) -> list[Alert]:
    unread = notifications.list_notifications(store, actor, unread_only=True, limit=100)
    if not unread:
        return []
    out: list[Alert] = []
    decided = [n for n in unread if n.kind in DECIDED_KINDS]
    if decided:
        out.append(
            Alert(
                "requests_decided",
                len(decided),
                tr("{n} 个划转申请有了结果", "{n} reassignment decision(s)", n=len(decided)),
                "；".join(n.title for n in decided[:3]),
                "approvals",
                severity=1,
            )
        )
    out.append(
        Alert(
            "notifications",
            len(unread),
            tr("{n} 条未读通知", "{n} unread notification(s)", n=len(unread)),
            unread[0].title,
            "approvals" if actor.role in (Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER) else "",
            severity=0,
        )
    )
    return out


# ---------------------------------------------------------------------------------------------- activity


def _recent_activity(session: Session, actor: Actor) -> list[Activity]:
    """The actor's last touches and letters, newest first."""
    touches = session.execute(
        select(Touch.occurred_at, Touch.touch_type, Touch.summary, Client.client_no, Client.name)
        .join(Client, Client.id == Touch.client_id)
        .where(Touch.manager_id == actor.id, Touch.status == "active")
        .order_by(Touch.occurred_at.desc(), Touch.id.desc())
        .limit(ACTIVITY)
    ).all()
    letters = session.execute(
        select(LetterRecord.created_at, LetterRecord.period_end, Client.client_no, Client.name)
        .join(Client, Client.id == LetterRecord.client_id)
        .where(LetterRecord.generated_by_id == actor.id)
        .order_by(LetterRecord.created_at.desc(), LetterRecord.id.desc())
        .limit(ACTIVITY)
    ).all()
    out = [
        Activity(
            at, "touch", no, name, label_of(TouchType, ttype) + (tr("：", ": ") + summary if summary else "")
        )
        for at, ttype, summary, no, name in touches
    ] + [
        Activity(
            at,
            "letter",
            no,
            name,
            tr("服务报告（截至 {d}）", "Service report (to {d})", d=period_end.isoformat()),
        )
        for at, period_end, no, name in letters
    ]
    out.sort(key=lambda a: _aware(a.at), reverse=True)
    return out[:ACTIVITY]


def _aware(moment: datetime) -> datetime:
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# ---------------------------------------------------------------------------------------------- branch manager


def compliance_glance(
    session: Session,
    actor: Actor,
    today: date,
    of_scope: Callable[[Any], ColumnElement[bool]] | None = None,
) -> tuple[ComplianceGlance, list[compliance.ComplianceRow]]:
    """This month's service compliance of the actor's branch, and one row per manager.

    Counted with the rules of :mod:`crm_desktop.domain.compliance` exactly as
    :func:`services.compliance.compliance_report` counts them (a task due today and still open is not
    missed), without the per-grade breakdown and the lists the full report builds, which the workbench does
    not show and which cost seconds on a 100,000-client branch.
    """
    require_role(actor, Role.BRANCH_MANAGER)
    start = today.replace(day=1)
    scope = visible_clients(actor)
    last = counted_until(today, today)
    of_scope = of_scope or client_filter(session, scope)
    rows: dict[int | None, compliance.ComplianceRow] = {}

    def row(mid: int | None) -> compliance.ComplianceRow:
        if mid not in rows:
            rows[mid] = compliance.ComplianceRow(
                manager_id=mid, manager_login="", manager_name="", grade=compliance.ALL_GRADES
            )
        return rows[mid]

    period = (
        of_scope(ServiceTask.client_id),
        ServiceTask.due_date >= start,
        ServiceTask.due_date <= last,
        ServiceTask.status != TaskStatus.CANCELLED.value,
    )
    # Tasks not done count by due day and status alone: counted per group (tens of thousands on a large
    # branch); done ones need their completion day, one by one.
    for mid, due, status, n in session.execute(
        select(ServiceTask.manager_id, ServiceTask.due_date, ServiceTask.status, func.count())
        .where(*period, ServiceTask.status != TaskStatus.DONE.value)
        .group_by(ServiceTask.manager_id, ServiceTask.due_date, ServiceTask.status)
    ):
        outcome = task_outcome(status, due, None, today)
        target = row(mid)
        for _ in range(int(n)):
            target.count(outcome)
    for mid, due, status, completed_at in session.execute(
        select(
            ServiceTask.manager_id, ServiceTask.due_date, ServiceTask.status, ServiceTask.completed_at
        ).where(*period, ServiceTask.status == TaskStatus.DONE.value)
    ):
        row(mid).count(
            task_outcome(status, due, completed_at.astimezone().date() if completed_at else None, today)
        )
    total = compliance.ComplianceRow(
        manager_id=None, manager_login="", manager_name="", grade=compliance.ALL_GRADES
    )
    for r in rows.values():
        total.add(r)
    years = _reassessment_years(session, actor)
    cutoff = reassessment_cutoff(today, years)
    risk_overdue = int(
        session.scalar(
            select(func.count())
            .select_from(Client)
            .where(
                scope,
                Client.status != "closed",
                func.coalesce(Client.risk_assessed_on, Client.open_date) < cutoff,
            )
        )
        or 0
    )
    glance = ComplianceGlance(
        start,
        today,
        total.due,
        total.on_time,
        total.late,
        total.overdue_now,
        total.open_due_today,
        total.on_time_rate,
        risk_overdue,
    )
    return glance, [r for r in rows.values() if r.manager_id is not None]


def _pending_approvals(session: Session, actor: Actor) -> list[Approval]:
    src, dst, who = aliased(Staff), aliased(Staff), aliased(Staff)
    rows = session.execute(
        select(
            ReassignmentRequest.id,
            Client.client_no,
            Client.name,
            src.login,
            dst.login,
            ReassignmentRequest.reason,
            ReassignmentRequest.requested_at,
            who.login,
        )
        .join(Client, Client.id == ReassignmentRequest.client_id)
        .outerjoin(src, src.id == ReassignmentRequest.from_manager_id)
        .join(dst, dst.id == ReassignmentRequest.to_manager_id)
        .join(who, who.id == ReassignmentRequest.requested_by_id)
        .where(Client.branch_id == actor.branch_id, ReassignmentRequest.status == RequestStatus.PENDING.value)
        .order_by(ReassignmentRequest.requested_at, ReassignmentRequest.id)
    ).all()
    return [Approval(*r) for r in rows]


def _overdue_by_manager(
    session: Session, of_scope: Callable[[Any], ColumnElement[bool]], today: date
) -> dict[int, int]:
    """Open tasks past their due day, per manager, of the clients ``of_scope`` keeps."""
    rows = session.execute(
        select(ServiceTask.manager_id, func.count())
        .where(
            of_scope(ServiceTask.client_id),
            ServiceTask.status.in_(("open", "overdue")),
            ServiceTask.due_date < today,
            ServiceTask.manager_id.is_not(None),
        )
        .group_by(ServiceTask.manager_id)
    ).all()
    return {int(m): int(n) for m, n in rows if m is not None}


def _managers_needing_attention(
    rows: list[compliance.ComplianceRow], overdue: dict[int, int], store: Store, actor: Actor
) -> list[ManagerAttention]:
    """The managers with the most overdue tasks and those with the lowest on-time rate this month (only
    rates over at least MIN_JUDGED judged tasks)."""
    with store.read() as session:
        staff = {
            i: (login, name)
            for i, login, name in session.execute(
                select(Staff.id, Staff.login, Staff.display_name).where(Staff.branch_id == actor.branch_id)
            )
        }
    rates = {r.manager_id: r for r in rows if r.manager_id is not None}
    picked: dict[int, str] = {}
    for mid, n in sorted(overdue.items(), key=lambda kv: (-kv[1], staff.get(kv[0], ("", ""))[0]))[:ATTENTION]:
        if n > 0:
            picked[mid] = tr("逾期 {n} 项", "{n} overdue", n=n)
    measured = [r for r in rates.values() if r.judged >= MIN_JUDGED and r.on_time_rate is not None]
    for low in sorted(measured, key=lambda r: (r.on_time_rate or 0.0, r.manager_login))[:ATTENTION]:
        if low.manager_id is None or (low.on_time_rate or 0.0) >= 0.9:
            continue
        why = tr("本月按时率 {p:.0%}", "on time {p:.0%} this month", p=low.on_time_rate or 0.0)
        picked[low.manager_id] = f"{picked[low.manager_id]}；{why}" if low.manager_id in picked else why
    out = []
    for mid, why in picked.items():
        r = rates.get(mid)
        login, name = staff.get(mid, ("", ""))
        out.append(
            ManagerAttention(
                mid,
                login,
                name,
                overdue.get(mid, 0),
                r.on_time_rate if r is not None and r.judged >= MIN_JUDGED else None,
                r.judged if r is not None else 0,
                why,
            )
        )
    return sorted(
        out, key=lambda m: (-m.overdue, m.on_time_rate if m.on_time_rate is not None else 2.0, m.login)
    )


# ---------------------------------------------------------------------------------------------- administrator


def _last_imports(session: Session, limit: int = 8) -> list[ImportEntry]:
    rows = session.execute(
        select(ImportLog, Staff.login)
        .outerjoin(Staff, Staff.id == ImportLog.user_id)
        .order_by(ImportLog.started_at.desc(), ImportLog.id.desc())
        .limit(limit)
    ).all()
    return [
        ImportEntry(
            i.id,
            i.kind,
            i.file_name,
            i.status,
            i.started_at,
            i.finished_at,
            i.rows_total,
            i.rows_new,
            i.rows_changed,
            i.error_count,
            login,
        )
        for i, login in rows
    ]


def _last_runs(session: Session, limit: int = 5) -> list[RunEntry]:
    runs = session.scalars(select(ScoreRun).order_by(ScoreRun.id.desc()).limit(limit)).all()
    return [
        RunEntry(
            r.id,
            r.as_of,
            r.started_at,
            r.finished_at,
            r.client_count,
            r.manager_count,
            len(r.warnings or []),
            r.engine_version,
        )
        for r in runs
    ]


HEALTH_TABLES: tuple[tuple[str, Any], ...] = (
    ("clients", Client),
    ("staff", Staff),
    ("tasks", ServiceTask),
    ("touches", Touch),
    ("score_runs", ScoreRun),
    ("imports", ImportLog),
)


def _health(session: Session, store: Store) -> StoreHealth:
    try:
        revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:
        revision = None
    counts = {
        key: int(session.scalar(select(func.count()).select_from(model)) or 0) for key, model in HEALTH_TABLES
    }
    return StoreHealth(
        store.dialect,
        store.friendly_name(),
        str(revision) if revision else None,
        counts,
        session.scalar(select(func.max(AssetSnapshot.date))),
        session.scalar(select(func.max(Trade.trade_date))),
        None,
    )


# ---------------------------------------------------------------------------------------------- search


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "client", "task", "request"
    key: str  # client number, task id or request id
    title: str
    detail: str
    client_no: str | None = None
    task_type: str | None = None  # a task's type, for the touch form that closes it


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search(
    store: Store, actor: Actor, query: str, *, limit: int = 8, today: date | None = None
) -> list[SearchHit]:
    """Clients by number, name or phone tail (only the clients the actor may see; someone who may not see
    personal data finds by number only and sees names masked), open tasks and pending requests of those
    clients."""
    q = (query or "").strip()
    if not q:
        return []
    today = today or clock.today()
    personal = may_see_personal_data(actor)
    pattern = _like(q)
    match: ColumnElement[bool] = Client.client_no.like(pattern + "%", escape="\\")
    if personal:
        match = or_(match, Client.name.like("%" + pattern + "%", escape="\\"))
        if q.isdigit() and 3 <= len(q) <= 4:
            # the phone is sealed (db/pii.py): its masked form keeps the last four digits in clear
            match = or_(match, Client.phone_masked.like("%" + pattern, escape="\\"))
    scope = visible_clients(actor)
    hits: list[SearchHit] = []
    with store.read() as session:
        rows = session.execute(
            select(Client.client_no, Client.name, Client.status, Staff.login)
            .outerjoin(Staff, Staff.id == Client.manager_id)
            .where(scope, match)
            .order_by((Client.client_no == q).desc(), Client.client_no)
            .limit(limit)
        ).all()
        for no, name, status, mgr in rows:
            shown = name if personal else mask_name(name)
            detail = tr("经理 {m}", "manager {m}", m=mgr) if mgr and not sees_own_work_only(actor) else ""
            if status == "closed":
                detail = (detail + " · " if detail else "") + tr("已销户", "closed")
            hits.append(SearchHit("client", no, f"{no} {shown}", detail, no))
        if actor.role in (Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER):
            task_scope = ServiceTask.manager_id == actor.id if sees_own_work_only(actor) else true_()
            for tid, no, name, ttype, due in session.execute(
                select(
                    ServiceTask.id, Client.client_no, Client.name, ServiceTask.task_type, ServiceTask.due_date
                )
                .join(Client, Client.id == ServiceTask.client_id)
                .where(scope, match, task_scope, ServiceTask.status.in_(("open", "overdue")))
                .order_by(ServiceTask.due_date, Client.client_no)
                .limit(limit)
            ):
                late = (today - due).days
                when = (
                    tr("逾期 {n} 天", "{n} days overdue", n=late)
                    if late > 0
                    else tr("到期 {d}", "due {d}", d=due.isoformat())
                )
                hits.append(
                    SearchHit(
                        "task", str(tid), f"{label_of(TouchType, ttype)} · {no} {name}", when, no, ttype
                    )
                )
            req = select(
                ReassignmentRequest.id, Client.client_no, Client.name, ReassignmentRequest.reason
            ).join(Client, Client.id == ReassignmentRequest.client_id)
            id_match = match
            if q.lstrip("#").isdigit():
                id_match = or_(match, ReassignmentRequest.id == int(q.lstrip("#")))
            req = req.where(
                Client.branch_id == actor.branch_id,
                ReassignmentRequest.status == RequestStatus.PENDING.value,
                id_match,
            )
            if sees_own_work_only(actor):
                req = req.where(
                    or_(
                        ReassignmentRequest.requested_by_id == actor.id,
                        ReassignmentRequest.from_manager_id == actor.id,
                        ReassignmentRequest.to_manager_id == actor.id,
                    )
                )
            for rid, no, name, reason in session.execute(req.order_by(ReassignmentRequest.id).limit(limit)):
                hits.append(
                    SearchHit(
                        "request",
                        str(rid),
                        tr(
                            "划转申请 #{id} · {no} {name}",
                            "Request #{id} · {no} {name}",
                            id=rid,
                            no=no,
                            name=name,
                        ),
                        reassignment.reason_label(reason),
                        no,
                    )
                )
    return hits


def true_() -> ColumnElement[bool]:
    from sqlalchemy import true

    return true()


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    """``fn()`` and the seconds it took (for the benchmark)."""
    started = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - started
