"""Independent call-backs (客户回访): the pool, recording from the script, and the red flags they raise.

Who may do what (checked here, not in the views):
- a call-back officer sees the branch's pool and records call-backs, but never for a client they
  served, developed or touched in the last ``independence_months`` (exit 4);
- an investment manager never records a call-back; they see that their clients' call-backs happened
  and the outcome, not the answers;
- a branch manager supervises: the pool, the answers and the alert cases of the branch.
Records are insert-only (the store refuses UPDATE and DELETE on them).
"""

from __future__ import annotations

import secrets
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from crm_desktop import clock
from crm_desktop.db.models import (
    AlertCase,
    AssignmentHistory,
    CallbackItem,
    CallbackRecord,
    CallbackSample,
    Client,
    Complaint,
    Notification,
    Staff,
    Touch,
)
from crm_desktop.db.models.enums import ClientStatus, Role
from crm_desktop.db.store import Store
from crm_desktop.db.types import utcnow
from crm_desktop.domain import callbacks as rules
from crm_desktop.domain.callbacks_vocab import (
    AlertKind,
    CallbackOutcome,
    CallbackReason,
    CallbackStatus,
    ComplaintStatus,
)
from crm_desktop.domain.labels import label_of
from crm_desktop.domain.vocabulary import LOST_STATUSES
from crm_desktop.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from crm_desktop.i18n import tr
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, refresh_actor, require_role
from crm_desktop.services.batch_dates import refuse_future
from crm_desktop.services.callback_config import load_script

OFFICER = Role.CALLBACK_OFFICER


def _local_day(moment: datetime) -> date:
    return moment.astimezone().date()


def _branch_scope(actor: Actor | None, column: Any) -> ColumnElement[bool]:
    if actor is None or (actor.is_admin and actor.branch_id is None):
        return true()
    return column == actor.branch_id


# ---------------------------------------------------------------- the pool


@dataclass
class PoolSummary:
    as_of: date
    created: int
    created_by_reason: dict[str, int] = field(default_factory=dict)
    open_items: int = 0
    sample_target: int = 0
    sample_population: int = 0
    seconds: float = 0.0


def generate_pool(store: Store, actor: Actor | None, as_of: date | None = None) -> PoolSummary:
    """Fill the call-back pool for ``as_of`` (default today). Idempotent: a second run adds nothing.

    ``actor=None`` is the batch job over every branch; a person fills their own branch's pool.
    """
    if actor is not None:
        require_role(actor, Role.BRANCH_MANAGER, OFFICER, Role.ADMIN)
    as_of = as_of or clock.today()
    refuse_future(as_of)
    with store.transaction() as session:
        return generate_in_session(session, actor, as_of)


def generate_in_session(session: Session, actor: Actor | None, as_of: date) -> PoolSummary:
    started = time.perf_counter()
    settings = load_script().script.pool
    branches = (
        [actor.branch_id]
        if actor is not None and actor.branch_id is not None
        else list(session.scalars(select(Client.branch_id).distinct()))
    )
    summary = PoolSummary(as_of, 0)
    for branch_id in branches:
        candidates, sample = _candidates(session, branch_id, as_of, settings)
        summary.sample_target += sample.target
        summary.sample_population += sample.population
        created = _insert(session, branch_id, candidates, sample.id)
        summary.created += len(created)
        for c in created:
            summary.created_by_reason[c.reason.value] = summary.created_by_reason.get(c.reason.value, 0) + 1
    summary.open_items = int(
        session.scalar(
            select(func.count())
            .select_from(CallbackItem)
            .where(
                CallbackItem.status == CallbackStatus.OPEN.value, _branch_scope(actor, CallbackItem.branch_id)
            )
        )
        or 0
    )
    summary.seconds = time.perf_counter() - started
    audit.record(
        session,
        actor,
        "callbacks.generate",
        "callback_item",
        None,
        as_of=as_of.isoformat(),
        created=summary.created,
        by_reason=summary.created_by_reason,
        sample_target=summary.sample_target,
        sample_population=summary.sample_population,
    )
    return summary


def _candidates(
    session: Session, branch_id: int, as_of: date, settings: rules.PoolSettings
) -> tuple[list[rules.Candidate], _SampleState]:
    clients = session.execute(
        select(Client.id, Client.manager_id, Client.open_date, Client.status).where(
            Client.branch_id == branch_id, Client.status.not_in(LOST_STATUSES)
        )
    ).all()
    manager_of = {cid: mid for cid, mid, _o, _s in clients}
    reached = set(
        session.scalars(
            select(CallbackRecord.client_id)
            .join(Client, Client.id == CallbackRecord.client_id)
            .where(Client.branch_id == branch_id, CallbackRecord.outcome == CallbackOutcome.REACHED.value)
        )
    )
    out = rules.new_account_candidates(
        ((cid, mid, opened) for cid, mid, opened, _s in clients), as_of, settings, reached
    )
    lookback = max(settings.reassignment_days, settings.complaint_days) + 1
    since = datetime.combine(as_of, datetime.min.time()).astimezone(UTC) - timedelta(days=lookback)
    moves = session.execute(
        select(
            AssignmentHistory.id,
            AssignmentHistory.client_id,
            AssignmentHistory.to_manager_id,
            AssignmentHistory.effective_at,
            AssignmentHistory.reason,
        )
        .join(Client, Client.id == AssignmentHistory.client_id)
        .where(
            Client.branch_id == branch_id,
            AssignmentHistory.request_id.is_not(None),
            AssignmentHistory.effective_at >= since,
        )
    ).all()
    out += rules.move_candidates(
        (
            (hid, cid, mid, _local_day(at), reason == "departure")
            for hid, cid, mid, at, reason in moves
            if cid in manager_of
        ),
        as_of,
        settings,
    )
    resolved = session.execute(
        select(Complaint.id, Complaint.client_id, Complaint.resolved_at).where(
            Complaint.branch_id == branch_id,
            Complaint.status == ComplaintStatus.RESOLVED.value,
            Complaint.resolved_at >= since,
        )
    ).all()
    out += rules.complaint_candidates(
        ((comp, cid, manager_of.get(cid), _local_day(at)) for comp, cid, at in resolved if at is not None),
        as_of,
        settings,
    )

    # The yearly sample: drawn from the clients who are neither dormant nor closed, book by book.
    population = [(cid, mid) for cid, mid, _o, status in clients if status == ClientStatus.ACTIVE.value]
    sample = session.scalar(
        select(CallbackSample).where(CallbackSample.branch_id == branch_id, CallbackSample.year == as_of.year)
    )
    if sample is None:
        # The seed is stored: the same population always yields the same sample.
        sample = CallbackSample(
            branch_id=branch_id,
            year=as_of.year,
            seed=secrets.randbelow(2**31),
            rate=settings.sample_rate,
            picks=[],
            population=0,
        )
        session.add(sample)
        session.flush()
    chosen = {int(c): int(q) for c, _m, q in sample.picks}
    stratum = {int(c): (None if m is None else int(m)) for c, m, _q in sample.picks}
    new = rules.draw_sample(population, sample.rate, sample.seed, chosen, rules.quarter_of(as_of))
    if new:
        sample.picks = [*sample.picks, *([cid, manager_of.get(cid), q] for cid, q in sorted(new.items()))]
        chosen.update(new)
        stratum.update({cid: manager_of.get(cid) for cid in new})
    if len(population) != sample.population:
        sample.population = len(population)
    out += [
        c for c in rules.sample_candidates(chosen, stratum, as_of.year, as_of) if c.client_id in manager_of
    ]
    target = sum(rules.stratum_target(n, sample.rate) for n in _book_sizes(population).values())
    return out, _SampleState(sample.id, target, len(population))


@dataclass(frozen=True)
class _SampleState:
    id: int
    target: int
    population: int


def _book_sizes(population: list[tuple[int, int | None]]) -> dict[int | None, int]:
    sizes: dict[int | None, int] = defaultdict(int)
    for _cid, mid in population:
        sizes[mid] += 1
    return sizes


def _insert(
    session: Session, branch_id: int, candidates: list[rules.Candidate], sample_id: int
) -> list[rules.Candidate]:
    if not candidates:
        return []
    keys = [c.dedupe_key for c in candidates]
    existing: set[str] = set()
    for i in range(0, len(keys), 900):
        existing.update(
            session.scalars(
                select(CallbackItem.dedupe_key).where(CallbackItem.dedupe_key.in_(keys[i : i + 900]))
            )
        )
    fresh: list[rules.Candidate] = []
    for c in candidates:
        if c.dedupe_key not in existing:
            existing.add(c.dedupe_key)
            fresh.append(c)
    for c in fresh:
        session.add(
            CallbackItem(
                client_id=c.client_id,
                branch_id=branch_id,
                manager_id=c.manager_id,
                reason=c.reason.value,
                due_date=c.due_date,
                status=CallbackStatus.OPEN.value,
                dedupe_key=c.dedupe_key,
                sample_id=sample_id if c.reason is CallbackReason.SAMPLE else None,
                sample_quarter=c.sample_quarter,
            )
        )
    try:
        session.flush()
    except IntegrityError as exc:
        raise Conflict(
            tr(
                "另一台电脑正在生成回访池。请稍后再试。",
                "Another workstation is filling the call-back pool right now. Try again in a moment.",
            )
        ) from exc
    return fresh


def add_item_in_session(
    session: Session, client: Client, reason: CallbackReason, due: date, key: str
) -> None:
    """Put one client in the pool from another use case (a resolved complaint), unless already there."""
    if session.scalar(select(CallbackItem.id).where(CallbackItem.dedupe_key == key)) is None:
        session.add(
            CallbackItem(
                client_id=client.id,
                branch_id=client.branch_id,
                manager_id=client.manager_id,
                reason=reason.value,
                due_date=due,
                status=CallbackStatus.OPEN.value,
                dedupe_key=key,
            )
        )


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class ItemView:
    id: int
    client_no: str
    client_name: str
    reason: str
    due_date: date
    status: str
    outcome: str | None
    officer_login: str | None  # who made the last attempt
    recorded_at: datetime | None  # when the last attempt was made
    attempts: int
    manager_login: str | None
    version: int

    @property
    def reason_label(self) -> str:
        return label_of(CallbackReason, self.reason)

    @property
    def status_label(self) -> str:
        return label_of(CallbackStatus, self.status)

    @property
    def outcome_label(self) -> str:
        return label_of(CallbackOutcome, self.outcome) if self.outcome else ""


def _item_scope(actor: Actor) -> ColumnElement[bool]:
    if actor.role is Role.INVESTMENT_MANAGER:
        return Client.manager_id == actor.id
    require_role(actor, Role.BRANCH_MANAGER, OFFICER, Role.INVESTMENT_MANAGER)
    return CallbackItem.branch_id == actor.branch_id


def list_items(store: Store, actor: Actor, *, status: str | None = None) -> list[ItemView]:
    """The pool (open items earliest due first, then done ones), as far as the actor may see it."""
    if status is not None and status not in {s.value for s in CallbackStatus}:
        raise InvalidInput(
            tr("状态 {s} 无效，可选：open、done。", "Status {s} is invalid; use open or done.", s=status)
        )
    with store.read() as session:
        mgr = aliased(Staff)
        q = (
            select(CallbackItem, Client.client_no, Client.name, mgr.login)
            .join(Client, Client.id == CallbackItem.client_id)
            .outerjoin(mgr, mgr.id == Client.manager_id)
            .where(_item_scope(actor))
        )
        if status is not None:
            q = q.where(CallbackItem.status == status)
        q = q.order_by(CallbackItem.status.desc(), CallbackItem.due_date, CallbackItem.id)
        rows = session.execute(q).all()
        last = _last_attempts(session, [r[0].id for r in rows])
        return [
            ItemView(
                i.id,
                no,
                name,
                i.reason,
                i.due_date,
                i.status,
                i.outcome,
                *last.get(i.id, (None, None, 0)),
                login,
                i.version,
            )
            for i, no, name, login in rows
        ]


def _last_attempts(session: Session, ids: list[int]) -> dict[int, tuple[str | None, datetime | None, int]]:
    out: dict[int, tuple[str | None, datetime | None, int]] = {}
    for i in range(0, len(ids), 900):
        part = ids[i : i + 900]
        rows = session.execute(
            select(CallbackRecord.item_id, CallbackRecord.id, Staff.login, CallbackRecord.occurred_at)
            .join(Staff, Staff.id == CallbackRecord.officer_id)
            .where(CallbackRecord.item_id.in_(part))
            .order_by(CallbackRecord.item_id, CallbackRecord.id)
        ).all()
        for item_id, _rid, login, at in rows:
            n = out.get(item_id, (None, None, 0))[2]
            out[item_id] = (login, at, n + 1)
    return out


@dataclass(frozen=True)
class RecordView:
    id: int
    item_id: int
    outcome: str
    officer_login: str
    occurred_at: datetime
    attempt_no: int
    answers: dict[str, Any]
    satisfaction: int | None
    comment: str | None
    recording_ref: str | None


def item_records(store: Store, actor: Actor, item_id: int) -> list[RecordView]:
    """Every attempt on an item with its answers: for the officers and the branch manager only."""
    require_role(actor, Role.BRANCH_MANAGER, OFFICER)
    with store.read() as session:
        item = session.get(CallbackItem, item_id)
        if item is None or item.branch_id != actor.branch_id:
            raise NotFound(tr("找不到回访 {id}。", "Call-back {id} not found.", id=item_id))
        rows = session.execute(
            select(CallbackRecord, Staff.login)
            .join(Staff, Staff.id == CallbackRecord.officer_id)
            .where(CallbackRecord.item_id == item_id)
            .order_by(CallbackRecord.id)
        ).all()
        return [
            RecordView(
                r.id,
                r.item_id,
                r.outcome,
                login,
                r.occurred_at,
                r.attempt_no,
                dict(r.answers or {}),
                r.satisfaction,
                r.comment,
                r.recording_ref,
            )
            for r, login in rows
        ]


# ---------------------------------------------------------------- recording


@dataclass(frozen=True)
class RecordResult:
    record_id: int
    item_id: int
    item_status: str
    attempt_no: int
    alert_ids: list[int]


def _refuse_non_officer(actor: Actor) -> None:
    if actor.role is Role.INVESTMENT_MANAGER:
        raise PermissionDenied(
            tr(
                "投资经理不能记录回访：回访必须由独立于营销和服务人员的回访专员完成。",
                "An investment manager may not record call-backs: they are made by call-back officers, independent "
                "of the people who market to or serve the client.",
            )
        )
    if actor.role is not OFFICER:
        raise PermissionDenied(
            tr(
                "只有回访专员可以记录回访（营业部负责人负责督导）。",
                "Only call-back officers record call-backs (the branch manager supervises).",
            )
        )


def _independence(
    session: Session, officer: Actor, client: Client, as_of: date, settings: rules.PoolSettings
) -> str | None:
    history = session.execute(
        select(AssignmentHistory.to_manager_id, AssignmentHistory.effective_at)
        .where(AssignmentHistory.client_id == client.id)
        .order_by(AssignmentHistory.effective_at, AssignmentHistory.id)
    ).all()
    periods: list[rules.ServicePeriod] = []
    for n, (mid, at) in enumerate(history):
        end = _local_day(history[n + 1][1]) if n + 1 < len(history) else None
        if mid is not None:
            periods.append(rules.ServicePeriod(mid, _local_day(at), end))
    if client.manager_id is not None:
        periods.append(rules.ServicePeriod(client.manager_id, client.assigned_on or client.open_date, None))
    touched = [
        (sid, _local_day(at))
        for a, b, at in session.execute(
            select(Touch.manager_id, Touch.created_by_id, Touch.occurred_at).where(
                Touch.client_id == client.id,
                or_(Touch.manager_id == officer.id, Touch.created_by_id == officer.id),
            )
        )
        for sid in (a, b)
        if sid is not None
    ]
    return rules.independence_problem(officer.id, as_of, periods, touched, settings)


def record_callback(
    store: Store,
    actor: Actor,
    item_id: int,
    *,
    outcome: str,
    answers: dict[str, str] | None = None,
    satisfaction: int | None = None,
    comment: str | None = None,
    recording_ref: str | None = None,
) -> RecordResult:
    """Record one attempt on a pool item; closes the item when the rules say so; opens red-flag alerts."""
    _refuse_non_officer(actor)
    if outcome not in {o.value for o in CallbackOutcome}:
        raise InvalidInput(
            tr(
                "结果 {o} 无效，可选：reached（已接通）、unreachable（未接通）、refused（拒绝）。",
                "Outcome {o} is invalid; use reached, unreachable or refused.",
                o=outcome,
            )
        )
    loaded = load_script()
    settings = loaded.script.pool
    try:
        normal = rules.normalize_answers(loaded.script, outcome, answers or {}, satisfaction, comment)
    except rules.AnswerError as exc:
        raise InvalidInput(
            tr(
                "回访答案不完整或不符合话术，请改正后再保存：",
                "The answers are incomplete or do not fit the script; correct them and save again:",
            ),
            details=exc.problems,
        ) from exc
    with store.transaction() as session:
        refresh_actor(session, actor)
        item = session.get(CallbackItem, item_id)
        if item is None or item.branch_id != actor.branch_id:
            raise NotFound(
                tr(
                    "找不到回访 {id}，或它不属于您的营业部。",
                    "Call-back {id} not found, or not in your branch.",
                    id=item_id,
                )
            )
        if item.status != CallbackStatus.OPEN.value:
            raise Conflict(
                tr(
                    "回访 {id} 已经完成（{o}），不能再记录。",
                    "Call-back {id} is already done ({o}); nothing more is recorded on it.",
                    id=item_id,
                    o=label_of(CallbackOutcome, item.outcome or ""),
                )
            )
        client = session.get(Client, item.client_id)
        assert client is not None
        now = utcnow()
        today = _local_day(now)
        problem = _independence(session, actor, client, today, settings)
        if problem is not None:
            raise PermissionDenied(
                tr(
                    "您在过去 {m} 个月内曾服务或开发客户 {no}（或为其记录过服务），不能为该客户做回访；请由其他回访专员完成。",
                    "You served or developed client {no} (or recorded a touch for them) in the last {m} months, so "
                    "you may not call them back; another call-back officer must do it.",
                    m=settings.independence_months,
                    no=client.client_no,
                )
            )
        earlier = session.execute(
            select(CallbackRecord.outcome, CallbackRecord.occurred_at).where(
                CallbackRecord.item_id == item.id
            )
        ).all()
        unreachable_days = [_local_day(at) for o, at in earlier if o == CallbackOutcome.UNREACHABLE.value]
        if outcome == CallbackOutcome.UNREACHABLE.value:
            unreachable_days.append(today)
        rec = CallbackRecord(
            item_id=item.id,
            client_id=client.id,
            officer_id=actor.id,
            manager_id=client.manager_id,
            outcome=outcome,
            answers=normal,
            satisfaction=normal.get("satisfaction") if isinstance(normal.get("satisfaction"), int) else None,
            comment=normal.get("comment"),
            recording_ref=(recording_ref or "").strip() or None,
            script_version=loaded.version,
            occurred_at=now,
            attempt_no=len(earlier) + 1,
        )
        session.add(rec)
        session.flush()
        closes = rules.closes_item(outcome, unreachable_days, settings)
        if closes:
            item.status = CallbackStatus.DONE.value
            item.outcome = outcome
            item.closed_by_record_id = rec.id
            item.closed_at = now
            try:
                session.flush()
            except StaleDataError as exc:
                raise Conflict(
                    tr(
                        "回访 {id} 刚被其他人记录。请刷新后查看。",
                        "Someone else recorded call-back {id} just now. Refresh and look.",
                        id=item_id,
                    )
                ) from exc
        alert_ids = [_open_alert(session, actor, client, rec, kind) for kind in rules.red_flags(normal)]
        audit.record(
            session,
            actor,
            "callback.record",
            "callback_item",
            item.id,
            record_id=rec.id,
            client_no=client.client_no,
            outcome=outcome,
            attempt=rec.attempt_no,
            closed=closes,
            alerts=alert_ids,
            recording_ref=rec.recording_ref,
        )
        return RecordResult(rec.id, item.id, item.status, rec.attempt_no, alert_ids)


def _open_alert(session: Session, actor: Actor, client: Client, rec: CallbackRecord, kind: AlertKind) -> int:
    alert = AlertCase(
        client_id=client.id,
        branch_id=client.branch_id,
        manager_id=client.manager_id,
        record_id=rec.id,
        kind=kind.value,
        status="open",
        opened_at=rec.occurred_at,
    )
    session.add(alert)
    session.flush()
    audit.record(
        session,
        actor,
        "alert.open",
        "alert_case",
        alert.id,
        kind=kind.value,
        client_no=client.client_no,
        record_id=rec.id,
    )
    for bm_id in session.scalars(
        select(Staff.id).where(
            Staff.branch_id == client.branch_id,
            Staff.active.is_(True),
            Staff.role == Role.BRANCH_MANAGER.value,
        )
    ):
        session.add(
            Notification(
                recipient_id=bm_id,
                kind="alert.opened",
                params={"no": client.client_no, "alert_kind": kind.value, "id": alert.id},
                related={"alert_id": alert.id, "client_no": client.client_no},
            )
        )
    return alert.id


# ---------------------------------------------------------------- export and satisfaction


CALLBACK_EXPORT_COLUMNS = (
    "id",
    "client_no",
    "reason",
    "due_date",
    "status",
    "outcome",
    "officer_login",
    "recorded_at",
)


def export_rows(store: Store, actor: Actor) -> list[dict[str, Any]]:
    return [
        {
            "id": v.id,
            "client_no": v.client_no,
            "reason": v.reason,
            "due_date": v.due_date.isoformat(),
            "status": v.status,
            "outcome": v.outcome or "",
            "officer_login": v.officer_login or "",
            "recorded_at": v.recorded_at.astimezone().isoformat(timespec="minutes") if v.recorded_at else "",
        }
        for v in list_items(store, actor)
    ]


def satisfaction_by_manager(
    session: Session, start: date, end: date, branch_id: int | None = None
) -> dict[int, rules.Satisfaction]:
    """Call-back satisfaction per servicing manager over [start, end] (too few answers: not enough data)."""
    from crm_desktop.services.scoring import load_config

    needed = load_config().config.capability.satisfaction_min_answers
    lo = datetime.combine(start, datetime.min.time()).astimezone(UTC)
    hi = datetime.combine(end, datetime.max.time()).astimezone(UTC)
    q = select(CallbackRecord.manager_id, CallbackRecord.satisfaction).where(
        CallbackRecord.outcome == CallbackOutcome.REACHED.value,
        CallbackRecord.satisfaction.is_not(None),
        CallbackRecord.manager_id.is_not(None),
        and_(CallbackRecord.occurred_at >= lo, CallbackRecord.occurred_at <= hi),
    )
    if branch_id is not None:
        q = q.join(Client, Client.id == CallbackRecord.client_id).where(Client.branch_id == branch_id)
    scores: dict[int, list[int]] = defaultdict(list)
    for mid, sat in session.execute(q):
        if mid is not None and sat is not None:
            scores[int(mid)].append(int(sat))
    return {mid: rules.satisfaction_of(v, needed) for mid, v in scores.items()}
