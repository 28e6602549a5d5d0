"""Service compliance: are tasks done on time, are new accounts followed up, are risk tests current?

Counted per manager and per client grade (the grade of the latest score run) over a period of due
dates. A task counts as *due* once its due date is inside the period and not after today;
cancelled tasks do not count. *On time*: done on or before the due day (the touch's day). The
counting rules are in :mod:`crm_desktop.domain.compliance`; this module reads the rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from crm_desktop import clock
from crm_desktop.db.models import Branch, Client, ClientScore, ServiceTask, Staff, Touch
from crm_desktop.db.models.enums import Role, TaskStatus, TouchType
from crm_desktop.db.store import Store
from crm_desktop.domain.compliance import (
    RISK_REASSESSMENT_YEARS,
    FollowUpCounts,
    TaskCounts,
    counted_until,
    follow_up_outcome,
    reassessment_cutoff,
    reassessment_due,
    task_outcome,
)
from crm_desktop.domain.visibility import sees_own_work_only
from crm_desktop.domain.vocabulary import LOST_STATUSES
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.masking import mask_client_no, mask_name
from crm_desktop.services.auth import Actor, require_role
from crm_desktop.services.service_plans import current_plan_in_session
from crm_desktop.services.visibility import figures_branch, figures_clients, may_see_personal_data

NOT_SCORED = "-"
ALL_GRADES = "*"
# A follow-up of a new account is a conversation: a call or a visit.
FOLLOW_UP_TYPES = (TouchType.PHONE_CALL.value, TouchType.VISIT.value)


@dataclass(kw_only=True)
class ComplianceRow(TaskCounts):
    manager_id: int | None
    manager_login: str
    manager_name: str
    grade: str


@dataclass(kw_only=True)
class NewAccountRow(FollowUpCounts):
    manager_id: int | None
    manager_login: str


@dataclass(frozen=True)
class RiskOverdue:
    client_no: str
    client_name: str
    manager_login: str
    assessed_on: date | None
    due_date: date


@dataclass
class ComplianceReport:
    start: date
    end: date
    today: date
    rows: list[ComplianceRow] = field(default_factory=list)
    new_accounts: list[NewAccountRow] = field(default_factory=list)
    risk_overdue: list[RiskOverdue] = field(default_factory=list)

    def managers(self) -> list[ComplianceRow]:
        """One row per manager over all grades."""
        return [r for r in self.rows if r.grade == ALL_GRADES]

    def total(self) -> ComplianceRow:
        t = ComplianceRow(
            manager_id=None, manager_login="", manager_name=tr("合计", "Total"), grade=ALL_GRADES
        )
        for r in self.managers():
            t.add(r)
        return t


def _scope(actor: Actor, branch_id: int | None) -> ColumnElement[bool]:
    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER, Role.HEAD_OFFICE)
    return figures_clients(actor, branch_id)


def _staff(session: Session) -> dict[int, tuple[str, str]]:
    return {
        i: (login, name)
        for i, login, name in session.execute(select(Staff.id, Staff.login, Staff.display_name))
    }


def compliance_report(
    store: Store,
    actor: Actor,
    start: date,
    end: date,
    today: date | None = None,
    *,
    branch_id: int | None = None,
) -> ComplianceReport:
    """The actor's own figures (investment manager) or the whole branch's (branch manager); head office
    reads the branch it chooses, or every branch with ``branch_id=None`` (client names masked)."""
    if end < start:
        raise InvalidInput(
            tr(
                "统计期间无效：结束日期 {end} 早于开始日期 {start}。",
                "The period is invalid: the end {end} is before the start {start}.",
                start=start,
                end=end,
            )
        )
    today = today or clock.today()
    where = _scope(actor, branch_id)
    branch = figures_branch(actor, branch_id)
    own_only = sees_own_work_only(actor)
    report = ComplianceReport(start, end, today)
    with store.read() as session:
        from crm_desktop.services.scoring import latest_run_id

        staff = _staff(session)
        run_id = latest_run_id(session)
        grades: dict[int, str] = {}
        if run_id is not None:
            grades = dict(
                session.execute(
                    select(ClientScore.client_id, ClientScore.grade)
                    .join(Client, Client.id == ClientScore.client_id)
                    .where(ClientScore.run_id == run_id, where)
                ).all()
            )
        last = counted_until(end, today)
        q = (
            select(
                ServiceTask.manager_id,
                ServiceTask.client_id,
                ServiceTask.due_date,
                ServiceTask.status,
                ServiceTask.completed_at,
            )
            .join(Client, Client.id == ServiceTask.client_id)
            .where(
                where,
                ServiceTask.due_date >= start,
                ServiceTask.due_date <= last,
                ServiceTask.status != TaskStatus.CANCELLED.value,
            )
        )
        if own_only:
            q = q.where(ServiceTask.manager_id == actor.id)
        rows: dict[tuple[int | None, str], ComplianceRow] = {}

        def row(mid: int | None, grade: str) -> ComplianceRow:
            key = (mid, grade)
            if key not in rows:
                login, name = (
                    staff.get(mid, ("", tr("（未分配）", "(unassigned)")))
                    if mid
                    else ("", tr("（未分配）", "(unassigned)"))
                )
                rows[key] = ComplianceRow(manager_id=mid, manager_login=login, manager_name=name, grade=grade)
            return rows[key]

        for mid, cid, due, status, completed_at in session.execute(q):
            outcome = task_outcome(
                status, due, completed_at.astimezone().date() if completed_at else None, today
            )
            row(mid, grades.get(cid, NOT_SCORED)).count(outcome)
            row(mid, ALL_GRADES).count(outcome)
        report.rows = sorted(rows.values(), key=lambda r: (r.manager_login, r.grade != ALL_GRADES, r.grade))
        report.new_accounts = _new_accounts(session, where, own_only, actor, staff, start, end, today)
        if branch is not None:
            report.risk_overdue = _risk_overdue(session, where, own_only, actor, staff, today, branch)
        else:
            # every branch (head office, or an administrator of none): each by its own service plan
            for b in session.scalars(select(Branch.id).order_by(Branch.id)):
                report.risk_overdue += _risk_overdue(
                    session, where & (Client.branch_id == b), own_only, actor, staff, today, b
                )
            report.risk_overdue.sort(key=lambda r: (r.due_date, r.client_no))
        if not may_see_personal_data(actor):
            report.risk_overdue = [
                replace(r, client_no=mask_client_no(r.client_no), client_name=mask_name(r.client_name))
                for r in report.risk_overdue
            ]
    return report


def _new_accounts(
    session: Session,
    where: ColumnElement[bool],
    own_only: bool,
    actor: Actor,
    staff: dict[int, tuple[str, str]],
    start: date,
    end: date,
    today: date,
) -> list[NewAccountRow]:
    q = select(Client.id, Client.manager_id, Client.open_date).where(
        where, Client.open_date >= start, Client.open_date <= end
    )
    if own_only:
        q = q.where(Client.manager_id == actor.id)
    opened = session.execute(q).all()
    if not opened:
        return []
    ids = [c for c, _m, _d in opened]
    first_touch: dict[int, list[date]] = defaultdict(list)
    for i in range(0, len(ids), 900):
        for cid, at in session.execute(
            select(Touch.client_id, Touch.occurred_at).where(
                Touch.client_id.in_(ids[i : i + 900]),
                Touch.status == "active",
                Touch.touch_type.in_(FOLLOW_UP_TYPES),
            )
        ):
            first_touch[cid].append(at.astimezone().date())
    out: dict[int | None, NewAccountRow] = {}
    for cid, mid, opened_on in opened:
        r = out.get(mid)
        if r is None:
            r = out[mid] = NewAccountRow(
                manager_id=mid, manager_login=staff.get(mid, ("", ""))[0] if mid else ""
            )
        r.count(follow_up_outcome(opened_on, first_touch.get(cid, ()), today))
    return sorted(out.values(), key=lambda r: r.manager_login)


def _risk_overdue(
    session: Session,
    where: ColumnElement[bool],
    own_only: bool,
    actor: Actor,
    staff: dict[int, tuple[str, str]],
    today: date,
    branch_id: int,
) -> list[RiskOverdue]:
    years = RISK_REASSESSMENT_YEARS
    if branch_id is not None:
        rule = current_plan_in_session(session, branch_id).events.get("risk_reassessment")
        if rule is not None and rule.due_years:
            years = rule.due_years
    # Anyone assessed before this day is overdue; the SQL filter keeps 100,000-client branches quick.
    cutoff = reassessment_cutoff(today, years)
    q = select(
        Client.client_no, Client.name, Client.manager_id, Client.risk_assessed_on, Client.open_date
    ).where(
        where,
        Client.status.not_in(LOST_STATUSES),
        ((Client.risk_assessed_on.is_not(None)) & (Client.risk_assessed_on < cutoff))
        | ((Client.risk_assessed_on.is_(None)) & (Client.open_date < cutoff)),
    )
    if own_only:
        q = q.where(Client.manager_id == actor.id)
    out = [
        RiskOverdue(
            no,
            name,
            staff.get(mid, ("", ""))[0] if mid else "",
            assessed,
            reassessment_due(assessed, opened, years),
        )
        for no, name, mid, assessed, opened in session.execute(q)
    ]
    return sorted(out, key=lambda r: (r.due_date, r.client_no))
