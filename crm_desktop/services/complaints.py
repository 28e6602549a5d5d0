"""The complaints register (投诉登记): registration, assignment, acknowledgement, resolution, escalation.

Any staff member registers a complaint about a client of their branch; the branch manager assigns a
handler; the handler (or the branch manager) acknowledges, resolves or escalates it. Deadlines are
working days from the config in force when the complaint was received and are stored on the row, so
a later config change never moves an existing deadline. Complaints are never deleted (the store
refuses it); every change is an audited call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, extract, or_, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from crm_desktop import clock
from crm_desktop.db.models import Client, Complaint, Staff
from crm_desktop.db.models.enums import Role
from crm_desktop.db.store import Store
from crm_desktop.db.types import utcnow
from crm_desktop.domain import complaints as rules
from crm_desktop.domain.callbacks_vocab import (
    CallbackReason,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintStatus,
    codes,
)
from crm_desktop.domain.labels import label_of
from crm_desktop.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from crm_desktop.i18n import tr
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, refresh_actor, refuse_head_office, require_role
from crm_desktop.services.callback_config import load_complaint_settings, load_script

# Categories that are about the person serving the client: counted in that manager's performance view.
ABOUT_MANAGER = frozenset(
    {ComplaintCategory.SERVICE.value, ComplaintCategory.MISCONDUCT.value, ComplaintCategory.TRADING.value}
)
CLOCK_SKEW = timedelta(minutes=2)


def _local_day(moment: datetime) -> date:
    return moment.astimezone().date()


@dataclass(frozen=True)
class ComplaintView:
    id: int
    client_no: str
    client_name: str
    channel: str
    category: str
    summary: str
    received_at: datetime
    acknowledge_by: date
    due_date: date
    status: str
    handler_login: str | None
    about_login: str | None
    registered_by_login: str | None
    acknowledged_at: datetime | None
    resolution: str | None
    accepted: bool | None
    escalation: str | None
    resolved_at: datetime | None
    overdue: bool
    version: int

    @property
    def channel_label(self) -> str:
        return label_of(ComplaintChannel, self.channel)

    @property
    def category_label(self) -> str:
        return label_of(ComplaintCategory, self.category)

    @property
    def status_label(self) -> str:
        return label_of(ComplaintStatus, self.status)


def _is_overdue(c: Complaint, today: date) -> bool:
    return rules.overdue(
        today,
        c.acknowledge_by,
        c.due_date,
        _local_day(c.acknowledged_at) if c.acknowledged_at else None,
        _local_day(c.resolved_at) if c.resolved_at else None,
    )


def _staff_in_branch(session: Session, actor: Actor, login: str) -> Staff:
    staff = session.scalar(select(Staff).where(Staff.login == login.strip()))
    if staff is None or staff.branch_id != actor.branch_id or not staff.active:
        raise InvalidInput(
            tr(
                "本营业部没有在职员工 {login}。",
                "No active staff member {login} in your branch.",
                login=login,
            )
        )
    return staff


def add_complaint(
    store: Store,
    actor: Actor,
    client_no: str,
    *,
    channel: str,
    category: str,
    summary: str,
    received_at: datetime | None = None,
    about_login: str | None = None,
) -> int:
    """Register a complaint; returns its id. ``about_login`` names the manager it is about ("none": nobody);
    by default a service, trading or misconduct complaint is about the client's servicing manager."""
    problems = []
    if channel not in codes(ComplaintChannel):
        problems.append(
            tr(
                "渠道 {v} 无效，可选：{ok}",
                "channel {v} is invalid; use {ok}",
                v=channel,
                ok=", ".join(codes(ComplaintChannel)),
            )
        )
    if category not in codes(ComplaintCategory):
        problems.append(
            tr(
                "类别 {v} 无效，可选：{ok}",
                "category {v} is invalid; use {ok}",
                v=category,
                ok=", ".join(codes(ComplaintCategory)),
            )
        )
    summary = (summary or "").strip()
    if not summary:
        problems.append(tr("请填写投诉内容摘要", "write a summary of the complaint"))
    now = utcnow()
    at = received_at.astimezone(UTC) if received_at is not None else now
    if at > now + CLOCK_SKEW:
        problems.append(tr("收到时间在将来", "the time received is in the future"))
    if problems:
        raise InvalidInput(
            tr("投诉未登记：", "The complaint was not registered: ") + "；".join(problems) + "。",
            details=problems,
        )
    refuse_head_office(actor)
    settings = load_complaint_settings()
    due = rules.deadlines(_local_day(at), settings)
    with store.transaction() as session:
        refresh_actor(session, actor)
        client = session.scalar(select(Client).where(Client.client_no == client_no.strip()))
        if client is None or (actor.branch_id is not None and client.branch_id != actor.branch_id):
            raise NotFound(
                tr(
                    "找不到客户 {no}，或该客户不在您的营业部。",
                    "Client {no} not found, or not in your branch.",
                    no=client_no,
                )
            )
        if about_login is None:
            about_id = client.manager_id if category in ABOUT_MANAGER else None
        elif about_login.strip().lower() == "none":
            about_id = None
        else:
            about_id = _staff_in_branch(session, actor, about_login).id
        c = Complaint(
            client_id=client.id,
            branch_id=client.branch_id,
            received_at=at,
            channel=channel,
            category=category,
            summary=summary,
            registered_by_id=actor.id,
            about_manager_id=about_id,
            acknowledge_by=due.acknowledge_by,
            due_date=due.resolve_by,
            status=ComplaintStatus.OPEN.value,
        )
        session.add(c)
        session.flush()
        audit.record(
            session,
            actor,
            "complaint.add",
            "complaint",
            c.id,
            client_no=client.client_no,
            channel=channel,
            category=category,
            received_at=at.isoformat(),
            acknowledge_by=due.acknowledge_by.isoformat(),
            due_date=due.resolve_by.isoformat(),
            about_manager_id=about_id,
        )
        return c.id


def _load(session: Session, actor: Actor, complaint_id: int, *, handler_ok: bool) -> Complaint:
    refresh_actor(session, actor)
    c = session.get(Complaint, complaint_id)
    if c is None or c.branch_id != actor.branch_id:
        raise NotFound(tr("找不到投诉 {id}。", "Complaint {id} not found.", id=complaint_id))
    if not (actor.is_branch_manager or (handler_ok and c.handler_id == actor.id)):
        raise PermissionDenied(
            tr(
                "只有营业部负责人{h}可以处理投诉 {id}。",
                "Only the branch manager{h} may act on complaint {id}.",
                h=tr("或指定的处理人", " or the assigned handler") if handler_ok else "",
                id=complaint_id,
            )
        )
    if c.status == ComplaintStatus.RESOLVED.value:
        raise Conflict(
            tr(
                "投诉 {id} 已办结并归档，不能再修改。",
                "Complaint {id} is resolved and archived; it is not changed any more.",
                id=complaint_id,
            )
        )
    return c


def _save(session: Session, complaint_id: int) -> None:
    try:
        session.flush()
    except StaleDataError as exc:
        raise Conflict(
            tr(
                "投诉 {id} 刚被其他人修改。请刷新后再试。",
                "Complaint {id} was changed by someone else just now. Refresh and try again.",
                id=complaint_id,
            )
        ) from exc


def assign(store: Store, actor: Actor, complaint_id: int, to_login: str) -> None:
    """The branch manager names (or changes) the handler."""
    require_role(actor, Role.BRANCH_MANAGER)
    with store.transaction() as session:
        c = _load(session, actor, complaint_id, handler_ok=False)
        handler = _staff_in_branch(session, actor, to_login)
        before = c.handler_id
        c.handler_id = handler.id
        c.assigned_at = utcnow()
        if c.status == ComplaintStatus.OPEN.value:
            c.status = ComplaintStatus.ASSIGNED.value
        _save(session, complaint_id)
        audit.record(
            session,
            actor,
            "complaint.assign",
            "complaint",
            complaint_id,
            before=before,
            handler=handler.login,
        )


def acknowledge(store: Store, actor: Actor, complaint_id: int) -> None:
    """The client has been told the complaint was received and who handles it."""
    with store.transaction() as session:
        c = _load(session, actor, complaint_id, handler_ok=True)
        if c.acknowledged_at is not None:
            return
        c.acknowledged_at = utcnow()
        _save(session, complaint_id)
        audit.record(
            session,
            actor,
            "complaint.acknowledge",
            "complaint",
            complaint_id,
            late=_local_day(c.acknowledged_at) > c.acknowledge_by,
        )


def escalate(store: Store, actor: Actor, complaint_id: int, note: str) -> None:
    note = (note or "").strip()
    if not note:
        raise InvalidInput(
            tr("请写明升级到哪里、为什么。", "Write where the complaint is escalated to and why.")
        )
    with store.transaction() as session:
        c = _load(session, actor, complaint_id, handler_ok=True)
        c.status = ComplaintStatus.ESCALATED.value
        c.escalation = note
        c.escalated_at = utcnow()
        _save(session, complaint_id)
        audit.record(session, actor, "complaint.escalate", "complaint", complaint_id, note=note)


def resolve(store: Store, actor: Actor, complaint_id: int, *, resolution: str, accepted: bool) -> None:
    """Close the complaint with the resolution given to the client; the client goes into the call-back pool."""
    from crm_desktop.services.callbacks import add_item_in_session

    resolution = (resolution or "").strip()
    if not resolution:
        raise InvalidInput(
            tr(
                "请填写处理结果（给客户的答复与采取的措施）。",
                "Write the resolution (the answer given to the client and what was done).",
            )
        )
    with store.transaction() as session:
        c = _load(session, actor, complaint_id, handler_ok=True)
        now = utcnow()
        c.status = ComplaintStatus.RESOLVED.value
        c.resolution = resolution
        c.accepted = accepted
        c.resolved_at = now
        c.resolved_by_id = actor.id
        _save(session, complaint_id)
        client = session.get(Client, c.client_id)
        assert client is not None
        days = load_script().script.pool.complaint_days
        add_item_in_session(
            session,
            client,
            CallbackReason.COMPLAINT,
            _local_day(now) + timedelta(days=days),
            f"complaint:{c.id}",
        )
        audit.record(
            session,
            actor,
            "complaint.resolve",
            "complaint",
            complaint_id,
            accepted=accepted,
            late=_local_day(now) > c.due_date,
        )


def _scope(actor: Actor) -> ColumnElement[bool]:
    if actor.is_branch_manager:
        return Complaint.branch_id == actor.branch_id
    return (Complaint.branch_id == actor.branch_id) & or_(
        Complaint.registered_by_id == actor.id,
        Complaint.handler_id == actor.id,
        Complaint.about_manager_id == actor.id,
    )


def list_complaints(
    store: Store,
    actor: Actor,
    *,
    overdue_only: bool = False,
    year: int | None = None,
    today: date | None = None,
) -> list[ComplaintView]:
    """The branch manager: every complaint of the branch; others: those they registered, handle or are about."""
    today = today or clock.today()
    with store.read() as session:
        handler, about, reg = aliased(Staff), aliased(Staff), aliased(Staff)
        q = (
            select(Complaint, Client.client_no, Client.name, handler.login, about.login, reg.login)
            .join(Client, Client.id == Complaint.client_id)
            .outerjoin(handler, handler.id == Complaint.handler_id)
            .outerjoin(about, about.id == Complaint.about_manager_id)
            .outerjoin(reg, reg.id == Complaint.registered_by_id)
            .where(_scope(actor))
            .order_by(Complaint.received_at.desc(), Complaint.id.desc())
        )
        if year is not None:
            q = q.where(extract("year", Complaint.received_at) == year)
        out = []
        for c, no, name, h, a, r in session.execute(q):
            late = _is_overdue(c, today)
            if overdue_only and not late:
                continue
            out.append(
                ComplaintView(
                    c.id,
                    no,
                    name,
                    c.channel,
                    c.category,
                    c.summary,
                    c.received_at,
                    c.acknowledge_by,
                    c.due_date,
                    c.status,
                    h,
                    a,
                    r,
                    c.acknowledged_at,
                    c.resolution,
                    c.accepted,
                    c.escalation,
                    c.resolved_at,
                    late,
                    c.version,
                )
            )
        return out


COMPLAINT_EXPORT_COLUMNS = (
    "id",
    "client_no",
    "channel",
    "category",
    "received_at",
    "due_date",
    "status",
    "handler_login",
    "overdue",
)


def export_rows(store: Store, actor: Actor) -> list[dict[str, Any]]:
    return [
        {
            "id": v.id,
            "client_no": v.client_no,
            "channel": v.channel,
            "category": v.category,
            "received_at": v.received_at.astimezone().isoformat(timespec="minutes"),
            "due_date": v.due_date.isoformat(),
            "status": v.status,
            "handler_login": v.handler_login or "",
            "overdue": "true" if v.overdue else "false",
        }
        for v in list_complaints(store, actor)
    ]


# ---------------------------------------------------------------- yearly report


@dataclass(frozen=True)
class YearReport:
    year: int
    branch_name: str
    summary: rules.YearSummary
    complaints: list[ComplaintView]


def year_report(store: Store, actor: Actor, year: int) -> YearReport:
    """The figures of the yearly complaint summary: by category, channel, time to resolve, overdue."""
    require_role(actor, Role.BRANCH_MANAGER)
    settings = load_complaint_settings()
    # Judged at the end of the year (or today while the year runs).
    today = min(clock.today(), date(year, 12, 31))
    views = list_complaints(store, actor, year=year, today=today)
    rows = [
        rules.YearRow(
            v.category,
            v.channel,
            _local_day(v.received_at),
            _local_day(v.resolved_at) if v.resolved_at else None,
            v.overdue,
        )
        for v in views
    ]
    with store.read() as session:
        from crm_desktop.db.models import Branch

        branch = session.get(Branch, actor.branch_id) if actor.branch_id else None
        name = branch.name if branch else ""
    return YearReport(year, name, rules.year_summary(rows, settings.calendar), views)
