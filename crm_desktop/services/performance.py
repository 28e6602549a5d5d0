"""Each manager's monthly performance (业绩, issue #17).

Per manager, for one calendar month of the branch's clients (definitions in docs/flow.md):

* ``new_accounts``: accounts opened in the month (not a return after a loss), credited to the developer
  (开发人; without a relationship row, the client's manager);
* ``net_new_assets``: the month's asset-snapshot ``net_inflow``, split by the client's shares;
* ``commission``: the month's trade commission, split by the client's shares (after shares);
* ``products_amount``: amounts subscribed through campaigns (responses ``subscribed`` recorded in the month,
  credited to the manager who recorded them); ``None`` ("not enough data", an empty cell) when no campaign of
  the branch ran during the month, never a made-up 0;
* ``lost`` / ``regained``: closures and transfers out / returns after a loss, for the servicing manager;
* ``on_time_rate``: tasks due in the month done on time over tasks due (domain.compliance rules), None
  when nothing was due;
* ``callback_satisfaction``: mean satisfaction (1-5) of the month's call-backs about the manager, None
  without any;
* ``complaints``: complaints about the manager received in the month.

An investment manager gets their own row only; a branch manager (or an admin) every manager of the branch,
and team totals.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal_column, select, type_coerce
from sqlalchemy.orm import Session

from crm_desktop import clock
from crm_desktop.db.models import (
    AssetSnapshot,
    CallbackRecord,
    Client,
    ClientRelationship,
    Complaint,
    ServiceTask,
    Team,
    TeamMember,
    Trade,
)
from crm_desktop.db.store import Store
from crm_desktop.db.types import MONEY
from crm_desktop.domain import flow as rules
from crm_desktop.domain.compliance import counted_until, rate
from crm_desktop.domain.vocabulary import Role, TaskStatus
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.progress import Progress, ensure
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, require_role
from crm_desktop.services.flow import ZERO, classified_events, logins, managers_in_view
from crm_desktop.services.visibility import figures_branch, in_branch

PERFORMANCE_COLUMNS = (
    "manager_login",
    "new_accounts",
    "net_new_assets",
    "commission",
    "products_amount",
    "lost",
    "regained",
    "on_time_rate",
    "callback_satisfaction",
    "complaints",
)
CENT = Decimal("0.01")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass
class PerformanceRow:
    manager_login: str
    new_accounts: int = 0
    net_new_assets: Decimal = ZERO
    commission: Decimal = ZERO
    # products subscribed through campaigns: not measurable yet (None = not enough data)
    products_amount: Decimal | None = None
    lost: int = 0
    regained: int = 0
    on_time_rate: float | None = None
    callback_satisfaction: float | None = None
    complaints: int = 0

    def cells(self) -> list[object]:
        """The row as export cells: an unmeasurable figure is an empty cell, never a number."""
        return [
            self.manager_login,
            self.new_accounts,
            self.net_new_assets,
            self.commission,
            "" if self.products_amount is None else self.products_amount,
            self.lost,
            self.regained,
            "" if self.on_time_rate is None else f"{self.on_time_rate:.4f}",
            "" if self.callback_satisfaction is None else f"{self.callback_satisfaction:.2f}",
            self.complaints,
        ]


@dataclass
class PerformanceReport:
    month: str
    start: date
    end: date
    rows: list[PerformanceRow] = field(default_factory=list)
    # team name -> (lead login, the members' rows summed; rates and satisfaction left out)
    teams: dict[str, tuple[str, PerformanceRow]] = field(default_factory=dict)


def parse_month(text: str) -> tuple[date, date]:
    m = _MONTH_RE.match((text or "").strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise InvalidInput(
            tr("月份 {m} 无效，应为 YYYY-MM。", "The month {m} is invalid; use YYYY-MM.", m=text or "-")
        )
    start = date(int(m.group(1)), int(m.group(2)), 1)
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return start, end


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The month's local days as UTC instants (timestamps are stored in UTC)."""
    lo = datetime.combine(start, datetime.min.time()).astimezone(UTC)
    hi = datetime.combine(end, datetime.max.time()).astimezone(UTC)
    return lo, hi


def performance(
    store: Store,
    actor: Actor,
    month: str,
    *,
    progress: Progress | None = None,
    branch_id: int | None = None,
) -> PerformanceReport:
    """The month's figures of the actor's branch (an investment manager: their own row); head office
    reads the branch it chooses, or every branch with ``branch_id=None``."""
    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER, Role.ADMIN, Role.HEAD_OFFICE)
    start, end = parse_month(month)
    chosen = figures_branch(actor, branch_id)
    p = ensure(progress)
    with store.read() as session:
        branch: ColumnElement[bool] = in_branch(Client.branch_id, chosen)
        rows: dict[int | None, PerformanceRow] = defaultdict(lambda: PerformanceRow(""))
        for staff_id in managers_in_view(session, actor, branch_id):
            rows[staff_id]
        p.step(0, 6, tr("正在统计账户事件", "Counting account events"))
        _events(session, branch, start, end, rows)
        p.check()
        shares = _shares(session, branch)
        p.step(1, 6, tr("正在统计佣金", "Summing commission"))
        for key, amount in _split_sums(
            session, branch, Trade, Trade.commission, Trade.trade_date, start, end, shares
        ):
            rows[key].commission += amount
        p.check()
        p.step(2, 6, tr("正在统计净新增资产", "Summing net new assets"))
        for key, amount in _split_sums(
            session, branch, AssetSnapshot, AssetSnapshot.net_inflow, AssetSnapshot.date, start, end, shares
        ):
            rows[key].net_new_assets += amount
        p.check()
        p.step(3, 6, tr("正在统计服务按时率", "Counting on-time service"))
        _on_time(session, branch, start, end, rows)
        p.step(4, 6, tr("正在统计回访与投诉", "Counting call-backs and complaints"))
        _callbacks_and_complaints(session, branch, start, end, rows)
        _products(session, chosen, branch, start, end, rows)
        names = logins(session, rows)
        teams = _team_members(session, chosen)
    for ref, r in rows.items():
        r.manager_login = names.get(ref, str(ref))
    ordered = sorted(rows.values(), key=lambda r: r.manager_login)
    report = PerformanceReport(month.strip(), start, end)
    if actor.role is Role.INVESTMENT_MANAGER:
        report.rows = [r for r in ordered if r.manager_login == actor.login]
    else:
        report.rows = ordered
        by_login = {r.manager_login: r for r in ordered}
        for name, (lead, members) in teams.items():
            report.teams[name] = (lead, _team_total(name, [by_login[m] for m in members if m in by_login]))
    p.step(6, 6, tr("完成", "Done"))
    return report


def _events(
    session: Session,
    branch: ColumnElement[bool],
    start: date,
    end: date,
    rows: dict[int | None, PerformanceRow],
) -> None:
    evs = [e for e in classified_events(session, branch, end) if e[3] is not None and e[1] >= start]
    if not evs:
        return
    ids = {e[0] for e in evs}
    manager_of = dict(session.execute(select(Client.id, Client.manager_id).where(Client.id.in_(ids))).all())
    developer_of = dict(
        session.execute(
            select(ClientRelationship.client_id, ClientRelationship.developer_id).where(
                ClientRelationship.client_id.in_(ids), ClientRelationship.developer_id.is_not(None)
            )
        ).all()
    )
    for cid, _day, _event, kind in evs:
        if kind == rules.NEW_ACCOUNT:
            rows[developer_of.get(cid, manager_of.get(cid))].new_accounts += 1
        elif kind in (rules.CLOSED, rules.TRANSFERRED_OUT):
            rows[manager_of.get(cid)].lost += 1
        elif kind == rules.REGAINED:
            rows[manager_of.get(cid)].regained += 1


def _shares(session: Session, branch: ColumnElement[bool]) -> dict[int, dict[int, Decimal]]:
    out = {}
    for cid, shares in session.execute(
        select(ClientRelationship.client_id, ClientRelationship.shares)
        .join(Client, Client.id == ClientRelationship.client_id)
        .where(branch)
    ):
        if shares:
            out[cid] = {int(k): Decimal(str(v)) for k, v in shares.items()}
    return out


def _split_sums(
    session: Session,
    branch: ColumnElement[bool],
    table: Any,
    value: Any,
    day: Any,
    start: date,
    end: date,
    shares: dict[int, dict[int, Decimal]],
) -> Iterable[tuple[int | None, Decimal]]:
    """Sums of ``value`` in the period per manager: a client without shares whole to its manager (one
    GROUP BY in SQL), a client with shares split by them."""
    # Per client first (for snapshots on the covering partial index of the days money moved), then per
    # manager: the join to the client then runs once per client, not once per row.
    per = (
        select(table.client_id.label("client_id"), func.sum(value).label("v"))
        .where(day >= start, day <= end, value != literal_column("0"))
        .group_by(table.client_id)
        .subquery()
    )
    # One pass: clients without shares summed per manager, clients with shares kept apart (one row each).
    rel = ClientRelationship.__table__
    shared_cid = case((rel.c.client_id.is_not(None), per.c.client_id), else_=None).label("shared_cid")
    stmt = (
        select(Client.manager_id, shared_cid, type_coerce(func.sum(per.c.v), MONEY))
        .select_from(per)
        .join(Client, Client.id == per.c.client_id)
        .outerjoin(rel, rel.c.client_id == per.c.client_id)
        .where(branch)
        .group_by(Client.manager_id, shared_cid)
    )
    for mid, cid, amount in session.execute(stmt):
        if cid is None or not shares.get(cid):
            yield mid, _money(amount)
            continue
        yield from rules.split(_money(amount), shares[cid]).items()


def _on_time(
    session: Session,
    branch: ColumnElement[bool],
    start: date,
    end: date,
    rows: dict[int | None, PerformanceRow],
) -> None:
    """Tasks due in the month (up to today) done by their due date over tasks due: the rules of
    :func:`domain.compliance.task_outcome` (done on time / late, open or overdue count as due, cancelled
    not at all), applied column-wise: a month of a large branch is a hundred thousand tasks."""
    today = clock.today()
    last = counted_until(end, today)
    if last < start:
        return
    # Local days at the machine's UTC offset now (China keeps no daylight saving); summed in SQL per manager.
    offset = clock.now().astimezone().utcoffset()
    seconds = int(offset.total_seconds()) if offset is not None else 0
    if session.get_bind().dialect.name == "sqlite":
        done_day = f"date(service_task.completed_at, '{seconds:+d} seconds')"
    else:
        done_day = (
            f"CAST((service_task.completed_at AT TIME ZONE 'UTC') + INTERVAL '{seconds} seconds' AS DATE)"
        )
    done = ServiceTask.status == TaskStatus.DONE.value
    counted = ServiceTask.status.in_((TaskStatus.DONE.value, TaskStatus.OPEN.value, TaskStatus.OVERDUE.value))
    in_time = (
        done & ServiceTask.completed_at.is_not(None) & (literal_column(done_day) <= ServiceTask.due_date)
    )
    stmt = (
        select(
            ServiceTask.manager_id,
            func.sum(case((counted, 1), else_=0)),
            func.sum(case((in_time, 1), else_=0)),
        )
        .join(Client, Client.id == ServiceTask.client_id)
        .where(branch, ServiceTask.due_date >= start, ServiceTask.due_date <= last)
        .group_by(ServiceTask.manager_id)
    )
    for mid, n_due, n_on_time in session.execute(stmt):
        rows[mid].on_time_rate = rate(int(n_on_time or 0), int(n_due or 0))


def _callbacks_and_complaints(
    session: Session,
    branch: ColumnElement[bool],
    start: date,
    end: date,
    rows: dict[int | None, PerformanceRow],
) -> None:
    lo, hi = _bounds(start, end)
    for mid, avg in session.execute(
        select(CallbackRecord.manager_id, func.avg(CallbackRecord.satisfaction))
        .join(Client, Client.id == CallbackRecord.client_id)
        .where(
            branch,
            CallbackRecord.satisfaction.is_not(None),
            CallbackRecord.occurred_at >= lo,
            CallbackRecord.occurred_at <= hi,
        )
        .group_by(CallbackRecord.manager_id)
    ):
        if mid is not None and avg is not None:
            rows[mid].callback_satisfaction = float(avg)
    for mid, n in session.execute(
        select(Complaint.about_manager_id, func.count())
        .join(Client, Client.id == Complaint.client_id)
        .where(
            branch,
            Complaint.about_manager_id.is_not(None),
            Complaint.received_at >= lo,
            Complaint.received_at <= hi,
        )
        .group_by(Complaint.about_manager_id)
    ):
        rows[mid].complaints += int(n)


def _products(
    session: Session,
    branch_id: int | None,
    branch: ColumnElement[bool],
    start: date,
    end: date,
    rows: dict[int | None, PerformanceRow],
) -> None:
    from crm_desktop.db.models import Campaign, CampaignTarget

    ran = select(Campaign.id).where(Campaign.start_date <= end, Campaign.end_date >= start)
    if branch_id is not None:
        ran = ran.where(Campaign.branch_id == branch_id)
    if session.scalar(ran.limit(1)) is None:
        return  # no campaign in the month: nothing to measure, the cells stay "not enough data"
    for r in rows.values():
        r.products_amount = ZERO
    lo, hi = _bounds(start, end)
    for mid, total in session.execute(
        select(CampaignTarget.manager_id, func.sum(CampaignTarget.amount))
        .join(Client, Client.id == CampaignTarget.client_id)
        .where(
            branch,
            CampaignTarget.response == "subscribed",
            CampaignTarget.responded_at >= lo,
            CampaignTarget.responded_at <= hi,
        )
        .group_by(CampaignTarget.manager_id)
    ):
        if mid is not None:
            rows[mid].products_amount = _money(total)


def _team_members(session: Session, branch_id: int | None) -> dict[str, tuple[str, list[str]]]:
    from crm_desktop.db.models import Staff

    if branch_id is None:
        return {}
    names = dict(session.execute(select(Staff.id, Staff.login)).all())
    out: dict[str, tuple[str, list[str]]] = {}
    for team in session.scalars(select(Team).where(Team.branch_id == branch_id).order_by(Team.name)):
        members = session.scalars(select(TeamMember.staff_id).where(TeamMember.team_id == team.id)).all()
        out[team.name] = (names[team.lead_id], sorted(names[m] for m in members))
    return out


def _team_total(name: str, rows: list[PerformanceRow]) -> PerformanceRow:
    t = PerformanceRow(name)
    for r in rows:
        t.new_accounts += r.new_accounts
        t.net_new_assets += r.net_new_assets
        t.commission += r.commission
        t.lost += r.lost
        t.regained += r.regained
        t.complaints += r.complaints
        if r.products_amount is not None:
            t.products_amount = (t.products_amount or ZERO) + r.products_amount
    return t


def _money(v: object) -> Decimal:
    return ZERO if v is None else Decimal(str(v)).quantize(CENT)


def record_export(store: Store, actor: Actor, month: str, file_name: str, rows: int) -> None:
    """Performance figures leave the app for payroll: the export is audited."""
    with store.transaction() as session:
        audit.record(session, actor, "performance.export", "performance", month, file=file_name, rows=rows)
