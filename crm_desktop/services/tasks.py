"""Service tasks: generation from plans and events, the agenda, cancelling, moving, closing.

Generation is idempotent: every task carries a ``dedupe_key`` (unique in the store) naming its
trigger, and inserts skip keys that exist, so running it twice (or on two workstations at the same
moment) creates nothing new. Keys:

- ``recurring:{client}:{type}:{due}`` – the plan's cycle, due ``interval`` days after the last touch
  of that type (else after the assignment or open date). A touch moves the due date, so the open
  recurring task whose key no longer matches is cancelled and the new one created.
- ``new_account:{client}``, ``risk_reassessment:{client}:{assessed_on}``, ``birthday:{client}:{year}``,
  ``churn_high|mismatch|grade_change:{client}:{run}`` – events (the last three compare the latest
  two score runs), ``follow_up:{touch}:{due}`` – a follow-up date set while recording a touch.

The rules deciding what is due and when live in :mod:`crm_desktop.domain.scheduling`; this module
reads the store, asks them once per client and writes their answer.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast

import pandas as pd
from sqlalchemy import (
    ARRAY,
    ColumnElement,
    String,
    Table,
    and_,
    any_,
    bindparam,
    case,
    func,
    or_,
    select,
    text,
    true,
    update,
)
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session, aliased

from crm_desktop import clock
from crm_desktop.db.models import Client, ClientScore, ScoreRun, ServiceTask, Staff, Touch
from crm_desktop.db.store import Store
from crm_desktop.db.types import UTCDateTime, utcnow
from crm_desktop.domain.labels import label_of
from crm_desktop.domain.priority import days_overdue, priority_key
from crm_desktop.domain.scheduling import (
    BIRTHDAY,
    BUCKETS,
    NEW_ACCOUNT,
    RECURRING,
    REPLACED_BY_GRADE,
    REPLACED_BY_SCHEDULE,
    RISK_REASSESSMENT,
    ClientFacts,
    DueTask,
    OpenRecurring,
    Scheduler,
    ScoreFacts,
    bucket_of,
    week_end,
)
from crm_desktop.domain.visibility import may_act_on_task, sees_own_work_only
from crm_desktop.domain.vocabulary import LOST_STATUSES, RetentionAnswer, Role, TaskSource, TaskStatus
from crm_desktop.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from crm_desktop.i18n import tr
from crm_desktop.progress import Progress
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, require_role
from crm_desktop.services.batch_dates import refuse_future
from crm_desktop.services.service_plans import Plan, current_plan_in_session
from crm_desktop.services.visibility import may_see_personal_data, visible_clients, work_clients

OPEN_STATES = (TaskStatus.OPEN.value, TaskStatus.OVERDUE.value)
# Marks recurring tasks the generator itself replaced, so they are not read as "the person skipped
# this cycle" when the next due date is worked out.
AUTO_REPLACED = "auto:replaced"
SOURCES = tuple(s.value for s in TaskSource)
_CHUNK = 900  # under SQLite's bound-parameter limit for IN lists


def source_label(source: str) -> str:
    return label_of(TaskSource, source)


def status_label(status: str) -> str:
    return label_of(TaskStatus, status)


# ---------------------------------------------------------------- closing and moving (used by touches)


def close_task_in_session(session: Session, task_id: int, touch_id: int, completed_at: datetime) -> bool:
    """Mark an open task done by a touch. False when it was already closed (by someone else).

    A conditional UPDATE rather than a versioned ORM flush: when two workstations log the same
    task at once, PostgreSQL makes the second UPDATE wait and then re-check ``status``, so the task
    closes once and the second touch is still saved instead of failing.
    """
    task = session.identity_map.get((ServiceTask, (task_id,), None))
    result = session.execute(
        update(ServiceTask)
        .where(ServiceTask.id == task_id, ServiceTask.status.in_(OPEN_STATES))
        .values(
            status=TaskStatus.DONE.value,
            completed_at=completed_at,
            completed_touch_id=touch_id,
            version=ServiceTask.version + 1,
            updated_at=utcnow(),
        )
        # the change feed (crm_desktop.db.changes) names the task's client rather than "many"
        .execution_options(synchronize_session=False, crm_change_clients=(task.client_id,) if task else None)
    )
    closed = bool(result.rowcount)  # type: ignore[attr-defined]
    if closed and task is not None:
        session.expire(task)
    return closed


def find_open_task_in_session(session: Session, client_id: int, task_type: str) -> ServiceTask | None:
    """The open task of this type for the client, earliest due first."""
    return session.scalar(
        select(ServiceTask)
        .where(
            ServiceTask.client_id == client_id,
            ServiceTask.task_type == task_type,
            ServiceTask.status.in_(OPEN_STATES),
        )
        .order_by(ServiceTask.due_date, ServiceTask.id)
        .limit(1)
    )


def move_open_tasks_in_session(session: Session, client_id: int, to_manager_id: int) -> int:
    """Hand the client's open tasks to another manager (reassignment approval). Returns how many."""
    result = session.execute(
        update(ServiceTask)
        .where(ServiceTask.client_id == client_id, ServiceTask.status.in_(OPEN_STATES))
        .values(manager_id=to_manager_id, version=ServiceTask.version + 1, updated_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


# ---------------------------------------------------------------- generation


@dataclass
class GenerationSummary:
    as_of: date
    clients: int
    created: int
    replaced: int
    marked_overdue: int
    created_by_source: dict[str, int] = field(default_factory=dict)
    scored: bool = False
    plan_versions: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0


def _local_day(moment: datetime | None) -> date | None:
    return None if moment is None else moment.astimezone().date()


def _score_runs(session: Session) -> tuple[ScoreRun | None, int | None]:
    """The latest finished run (through the scoring service) and the id of the one before it."""
    from crm_desktop.services.scoring import latest_run_id

    latest = latest_run_id(session)
    if latest is None:
        return None, None
    prev = session.scalar(
        select(func.max(ScoreRun.id)).where(ScoreRun.finished_at.is_not(None), ScoreRun.id < latest)
    )
    return session.get(ScoreRun, latest), prev


def _scores(session: Session, run_id: int | None, where: ColumnElement[bool]) -> dict[int, ScoreFacts]:
    # Three columns instead of whole ClientScore objects: 100,000 clients load in a fraction of the time.
    if run_id is None:
        return {}
    rows = session.connection().execute(
        select(
            ClientScore.client_id, ClientScore.grade, ClientScore.churn_risk, ClientScore.suitability_mismatch
        )
        .join(Client, Client.id == ClientScore.client_id)
        .where(ClientScore.run_id == run_id, where)
    )
    return {cid: ScoreFacts(grade, churn, bool(mis)) for cid, grade, churn, mis in rows}


def _insert_ignoring_duplicates(
    session: Session, candidates: list[tuple[Any, ...]]
) -> list[tuple[int, str, str]]:
    """Insert task rows, skipping dedupe keys that exist (also ones a parallel run just added).

    A candidate is ``(client_id, manager_id, task_type, source, due_date, dedupe_key, plan_version, status)``;
    a task already past due is inserted as overdue, sparing a second write of the same row.
    """
    if not candidates:
        return []
    names = (
        "client_id",
        "manager_id",
        "task_type",
        "source",
        "due_date",
        "dedupe_key",
        "plan_version",
        "status",
    )
    rows = [dict(zip(names, c, strict=True)) for c in candidates]
    # Most candidates exist already (every start of day recomputes the same keys): filter them out
    # with indexed lookups, so only new rows go to the insert.
    keys = [r["dedupe_key"] for r in rows]
    dialect = session.get_bind().dialect.name
    conn = session.connection()
    existing: set[str] = set()
    if dialect == "postgresql":
        # One array parameter instead of thousands of bound values (psycopg parses every query's text).
        existing.update(
            conn.execute(
                select(ServiceTask.dedupe_key).where(
                    ServiceTask.dedupe_key == any_(bindparam("keys", type_=ARRAY(String)))
                ),
                {"keys": keys},
            ).scalars()
        )
    else:
        for i in range(0, len(keys), _CHUNK):
            existing.update(
                conn.execute(
                    select(ServiceTask.dedupe_key).where(ServiceTask.dedupe_key.in_(keys[i : i + _CHUNK]))
                ).scalars()
            )
    seen: set[str] = set()
    fresh = []
    for r in rows:
        if r["dedupe_key"] not in existing and r["dedupe_key"] not in seen:
            seen.add(r["dedupe_key"])
            fresh.append(r)
    if not fresh:
        return []
    now = utcnow()
    created: list[tuple[int, str, str]] = []
    # ON CONFLICT DO NOTHING still guards against a generation running at the same moment elsewhere;
    # RETURNING tells which rows this run really added.
    if dialect == "postgresql":
        for i in range(0, len(fresh), 20000):
            part = fresh[i : i + 20000]
            params: dict[str, Any] = {n: [r[n] for r in part] for n in names}
            params["now"] = now
            created.extend((int(a), str(b), str(c)) for a, b, c in conn.execute(_PG_INSERT, params).all())
        return created
    table = cast(Table, ServiceTask.__table__)
    stmt = (
        sqlite.insert(table)
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(table.c.id, table.c.source, table.c.status)
    )
    for i in range(0, len(fresh), 5000):
        part_rows = [
            {
                **r,
                "created_at": now,
                "updated_at": now,
                "version": 1,
                "note": None,
                "completed_at": None,
                "completed_touch_id": None,
                "cancel_reason": None,
            }
            for r in fresh[i : i + 5000]
        ]
        created.extend((int(a), str(b), str(c)) for a, b, c in conn.execute(stmt, part_rows).all())
    return created


# PostgreSQL: one INSERT ... SELECT FROM unnest(arrays) per batch; the statement text stays tiny.
_PG_INSERT = text(
    "INSERT INTO service_task (client_id, manager_id, task_type, source, due_date, dedupe_key, plan_version, "
    "status, created_at, updated_at, version) "
    "SELECT u.client_id, u.manager_id, u.task_type, u.source, u.due_date, u.dedupe_key, u.plan_version, "
    "u.status, :now, :now, 1 "
    "FROM unnest(CAST(:client_id AS integer[]), CAST(:manager_id AS integer[]), CAST(:task_type AS text[]), "
    "CAST(:source AS text[]), CAST(:due_date AS date[]), CAST(:dedupe_key AS text[]), "
    "CAST(:plan_version AS integer[]), CAST(:status AS text[])) "
    "AS u(client_id, manager_id, task_type, source, due_date, dedupe_key, plan_version, status) "
    "ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, source, status"
).bindparams(bindparam("now", type_=UTCDateTime()))


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


def generate_in_session(
    session: Session, actor: Actor | None, as_of: date, progress: Progress | None = None
) -> GenerationSummary:
    """Generate the tasks due by ``as_of`` + the plan horizon for the clients the actor may see."""
    started = time.perf_counter()
    where: ColumnElement[bool] = work_clients(actor) if actor is not None else true()
    # Plain Core rows for the bulk reads: the ORM's per-row bookkeeping would dominate at 100,000 clients.
    conn = session.connection()
    clients = conn.execute(
        select(
            Client.id,
            Client.branch_id,
            Client.manager_id,
            Client.open_date,
            Client.assigned_on,
            Client.birth_date,
            Client.risk_assessed_on,
        ).where(where, Client.status.not_in(LOST_STATUSES))
    ).all()
    run, prev_id = _score_runs(session)
    # The day grading started is when the service schedule started: a client never served before is
    # due then at the latest, not decades ago counted from an old open date.
    service_start: date | None = session.scalar(select(func.min(ScoreRun.as_of)))
    current = _scores(session, run.id if run else None, where)
    previous = _scores(session, prev_id, where)

    last_touch: dict[int, dict[str, date]] = defaultdict(dict)
    for cid, ttype, at in conn.execute(
        select(Touch.client_id, Touch.touch_type, func.max(Touch.occurred_at))
        .join(Client, Client.id == Touch.client_id)
        .where(where, Touch.status == "active")
        .group_by(Touch.client_id, Touch.touch_type)
    ):
        last_touch[cid][ttype] = _local_day(at)  # type: ignore[assignment]
    # A recurring task done by a touch of another type, or skipped by a person, still ends its cycle.
    cycle_end: dict[int, dict[str, date]] = defaultdict(dict)
    for cid, ttype, done_at, skipped_due in conn.execute(
        select(
            ServiceTask.client_id,
            ServiceTask.task_type,
            func.max(case((ServiceTask.status == TaskStatus.DONE.value, ServiceTask.completed_at))),
            func.max(
                case(
                    (
                        and_(
                            ServiceTask.status == TaskStatus.CANCELLED.value,
                            or_(ServiceTask.note.is_(None), ServiceTask.note != AUTO_REPLACED),
                        ),
                        ServiceTask.due_date,
                    )
                )
            ),
        )
        .join(Client, Client.id == ServiceTask.client_id)
        .where(
            where,
            ServiceTask.source == "recurring",
            ServiceTask.status.in_((TaskStatus.DONE.value, TaskStatus.CANCELLED.value)),
        )
        .group_by(ServiceTask.client_id, ServiceTask.task_type)
    ):
        done_day = _local_day(done_at) if isinstance(done_at, datetime) else _parse_day(done_at)
        ends = [d for d in (done_day, _parse_day(skipped_due)) if d is not None]
        if ends:
            cycle_end[cid][ttype] = max(ends)
    open_recurring: dict[int, list[OpenRecurring]] = defaultdict(list)
    for tid, cid, ttype, key in conn.execute(
        select(ServiceTask.id, ServiceTask.client_id, ServiceTask.task_type, ServiceTask.dedupe_key)
        .join(Client, Client.id == ServiceTask.client_id)
        .where(where, ServiceTask.source == "recurring", ServiceTask.status.in_(OPEN_STATES))
    ):
        open_recurring[cid].append(OpenRecurring(tid, ttype, _recurring_cycle(key, cid, ttype)))

    plans: dict[int, Plan] = {}
    schedulers: dict[int, Scheduler] = {}
    rows: list[tuple[int, int | None, str, str, date, str, int, str]] = []
    replaced: dict[str, list[int]] = {REPLACED_BY_GRADE: [], REPLACED_BY_SCHEDULE: []}
    run_id = run.id if run is not None else None
    no_dates: dict[str, date] = {}
    total = len(clients)
    for n, (cid, branch_id, manager_id, open_date, assigned_on, birth_date, assessed_on) in enumerate(
        clients
    ):
        if progress is not None and n % 5000 == 0:
            progress.step(n, total, "")
            progress.check()
        scheduler = schedulers.get(branch_id)
        if scheduler is None:
            plan = plans[branch_id] = current_plan_in_session(session, branch_id)
            scheduler = schedulers[branch_id] = Scheduler(
                plan, as_of, service_start=service_start, run_as_of=run.as_of if run is not None else None
            )
        decided = scheduler.client(
            ClientFacts(open_date, assigned_on, birth_date, assessed_on),
            current.get(cid),
            previous.get(cid),
            last_touch=last_touch.get(cid, no_dates),
            cycle_end=cycle_end.get(cid, no_dates),
            open_recurring=open_recurring.get(cid, ()),
        )
        version_no = scheduler.plan.version_no
        for t in decided.tasks:
            rows.append(
                (
                    cid,
                    manager_id,
                    t.task_type,
                    t.source,
                    t.due,
                    _dedupe_key(cid, t, run_id),
                    version_no,
                    t.status,
                )
            )
        for r in decided.replace:
            replaced[r.reason].append(r.task_id)

    if progress is not None:
        progress.step(total, total, "")
    now = utcnow()
    for code, ids in replaced.items():
        reason = _replace_reason(code)
        for part in _chunks(ids):
            session.execute(
                update(ServiceTask)
                .where(ServiceTask.id.in_(part), ServiceTask.status.in_(OPEN_STATES))
                .values(
                    status=TaskStatus.CANCELLED.value,
                    cancel_reason=reason,
                    note=AUTO_REPLACED,
                    version=ServiceTask.version + 1,
                    updated_at=now,
                )
                .execution_options(synchronize_session=False)
            )
    created = _insert_ignoring_duplicates(session, rows)
    _propose_retention_answers(
        session, [i for i, src, _st in created if src == TaskSource.CHURN_HIGH.value], run
    )
    # Overdue is a derived state, stored so exports and other tools read it directly; it does not
    # bump the version (it is not a person's edit and must not make their open form stale).
    visible_ids = select(Client.id).where(where).scalar_subquery()
    overdue = session.execute(
        update(ServiceTask)
        .where(
            ServiceTask.status == TaskStatus.OPEN.value,
            ServiceTask.due_date < as_of,
            ServiceTask.client_id.in_(visible_ids) if actor is not None else true(),
        )
        .values(status=TaskStatus.OVERDUE.value)
        .execution_options(synchronize_session=False)
    ).rowcount  # type: ignore[attr-defined]
    by_source = Counter(src for _id, src, _st in created)
    created_overdue = sum(1 for _id, _src, st in created if st == TaskStatus.OVERDUE.value)
    summary = GenerationSummary(
        as_of=as_of,
        clients=total,
        created=len(created),
        replaced=sum(len(ids) for ids in replaced.values()),
        marked_overdue=int(overdue or 0) + created_overdue,
        created_by_source=dict(by_source),
        scored=run is not None,
        plan_versions={b: p.version_no for b, p in plans.items()},
        seconds=time.perf_counter() - started,
    )
    audit.record(
        session,
        actor,
        "tasks.generate",
        "service_task",
        None,
        as_of=as_of.isoformat(),
        clients=total,
        created=summary.created,
        replaced=summary.replaced,
        marked_overdue=summary.marked_overdue,
        by_source=summary.created_by_source,
        score_run_id=run.id if run else None,
    )
    return summary


def _parse_day(value: Any) -> date | None:
    # SQLite returns MAX(date) as text; PostgreSQL as a date.
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


RETENTION_NOTE = "retention_answer:"


def _propose_retention_answers(session: Session, task_ids: list[int], run: ScoreRun | None) -> None:
    """Each new retention task carries the answer that matches the likely reason of the risk (issue #17):
    trading results -> review letter and advice; price -> commission-rate review; service here -> a
    service-recovery call, which the branch manager makes, so the task goes to them."""
    from crm_desktop.domain.flow import retention_answer

    if not task_ids or run is None:
        return
    for part in _chunks(task_ids):
        rows = session.execute(
            select(ServiceTask.id, ClientScore.churn_reason, Client.branch_id)
            .join(Client, Client.id == ServiceTask.client_id)
            .join(ClientScore, and_(ClientScore.client_id == Client.id, ClientScore.run_id == run.id))
            .where(ServiceTask.id.in_(part))
        ).all()
        heads: dict[int, int | None] = {}
        for task_id, reason, branch_id in rows:
            answer = retention_answer(reason)
            if answer is None:
                continue
            values: dict[str, Any] = {"note": RETENTION_NOTE + answer}
            if answer == RetentionAnswer.SERVICE_RECOVERY.value:
                if branch_id not in heads:
                    heads[branch_id] = session.scalar(
                        select(Staff.id)
                        .where(
                            Staff.branch_id == branch_id,
                            Staff.role == Role.BRANCH_MANAGER.value,
                            Staff.active.is_(True),
                        )
                        .order_by(Staff.id)
                        .limit(1)
                    )
                if heads[branch_id] is not None:
                    values["manager_id"] = heads[branch_id]
            session.execute(
                update(ServiceTask)
                .where(ServiceTask.id == task_id)
                .values(**values)
                .execution_options(synchronize_session=False)
            )


def note_text(note: str | None) -> str | None:
    """A task's note as shown: a proposed retention answer in the current language, other notes as written."""
    if note and note.startswith(RETENTION_NOTE):
        code = note[len(RETENTION_NOTE) :]
        return tr("建议：{a}", "Proposed: {a}", a=label_of(RetentionAnswer, code))
    return note


def _dedupe_key(client_id: int, task: DueTask, run_id: int | None) -> str:
    """The key that makes generation idempotent: it names the trigger, so a rerun finds its own tasks."""
    if task.source == RECURRING:
        return f"recurring:{client_id}:{task.task_type}:{task.due.isoformat()}"
    if task.source == NEW_ACCOUNT:
        return f"new_account:{client_id}"
    if task.source == RISK_REASSESSMENT:
        assert task.basis is not None
        return f"risk_reassessment:{client_id}:{task.basis.isoformat()}"
    if task.source == BIRTHDAY:
        return f"birthday:{client_id}:{task.due.year}"
    return f"{task.source}:{client_id}:{run_id}"


def _recurring_cycle(key: str, client_id: int, task_type: str) -> date | None:
    """The due date a recurring task's key names, None when the key is not this client's cycle of this
    type (such a task is replaced, as any key the schedule would not make)."""
    prefix = f"recurring:{client_id}:{task_type}:"
    if not key.startswith(prefix):
        return None
    text_ = key[len(prefix) :]
    try:
        day = date.fromisoformat(text_)
    except ValueError:
        return None
    return day if day.isoformat() == text_ else None


def _replace_reason(code: str) -> str:
    if code == REPLACED_BY_GRADE:
        return tr("客户等级变化，按新的服务计划替换。", "Grade changed; replaced by the new plan.")
    return tr(
        "到期日因最近的服务记录或服务计划调整而改变。", "Due date moved by a recent touch or a plan change."
    )


def generate_tasks(
    store: Store, actor: Actor | None, as_of: date | None = None, progress: Progress | None = None
) -> GenerationSummary:
    """Generate today's (or ``as_of``'s) tasks in one transaction.

    Scope: the clients the actor may see (a manager's own book, a branch manager's branch);
    ``actor=None`` is the batch job over the whole store.
    """
    if actor is not None:
        require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER, Role.ADMIN)
    as_of = as_of or clock.today()
    refuse_future(as_of)
    with store.transaction() as session:
        return generate_in_session(session, actor, as_of, progress)


# ---------------------------------------------------------------- agenda


def bucket_label(bucket: str) -> str:
    return {
        "overdue": tr("逾期", "Overdue"),
        "today": tr("今天", "Today"),
        "this_week": tr("本周", "This week"),
        "later": tr("以后", "Later"),
    }.get(bucket, bucket)


@dataclass(frozen=True)
class AgendaItem:
    task_id: int
    client_no: str
    client_name: str
    grade: str | None
    task_type: str
    source: str
    due_date: date
    status: str
    bucket: str
    manager_id: int | None
    manager_login: str | None
    note: str | None
    version: int
    days_overdue: int = 0
    # 1 = do first: position in the day's priority order (domain.priority), the agenda's default order
    priority: int = 0


@dataclass
class Agenda:
    today: date
    manager_id: int | None
    items: list[AgendaItem]

    def bucket(self, name: str) -> list[AgendaItem]:
        return [i for i in self.items if i.bucket == name]

    def counts(self) -> dict[str, int]:
        c = Counter(i.bucket for i in self.items)
        return {b: c.get(b, 0) for b in BUCKETS}


def _manager_scope(session: Session, actor: Actor, manager_id: int | None) -> ColumnElement[bool]:
    """Which tasks the agenda shows: a manager's own; a branch manager's pick (or the whole branch)."""
    if sees_own_work_only(actor):
        if manager_id not in (None, actor.id):
            raise PermissionDenied(
                tr("投资经理只能查看自己的待办。", "An investment manager sees only their own agenda.")
            )
        return ServiceTask.manager_id == actor.id
    require_role(actor, Role.BRANCH_MANAGER)
    if manager_id is None:
        return true()
    staff = session.get(Staff, manager_id)
    if staff is None or staff.branch_id != actor.branch_id:
        raise NotFound(
            tr("找不到该经理，或他不在您的营业部。", "That manager does not exist or is not in your branch.")
        )
    return ServiceTask.manager_id == manager_id


def agenda(store: Store, actor: Actor, manager_id: int | None = None, today: date | None = None) -> Agenda:
    """Open tasks grouped overdue / today / this week / later, in priority order (domain.priority):
    overdue and due today first, higher grade and longer overdue first, then by type; later work by date."""
    today = today or clock.today()
    with store.read() as session:
        scope = _manager_scope(session, actor, manager_id)
        from crm_desktop.services.scoring import latest_run_id

        run_id = latest_run_id(session)
        mgr = aliased(Staff)
        q = (
            select(
                ServiceTask.id,
                Client.client_no,
                Client.name,
                ServiceTask.task_type,
                ServiceTask.source,
                ServiceTask.due_date,
                ServiceTask.status,
                ServiceTask.manager_id,
                mgr.login,
                ServiceTask.note,
                ServiceTask.version,
                ClientScore.grade,
            )
            .join(Client, Client.id == ServiceTask.client_id)
            .outerjoin(mgr, mgr.id == ServiceTask.manager_id)
            .outerjoin(ClientScore, and_(ClientScore.client_id == Client.id, ClientScore.run_id == run_id))
            .where(scope, visible_clients(actor), ServiceTask.status.in_(OPEN_STATES))
            .order_by(ServiceTask.due_date, Client.client_no, ServiceTask.id)
        )
        rows = list(session.execute(q).all())
    # Rank before building the items: one frozen object per task, not two (2,000 tasks, every refresh).
    rows.sort(key=lambda r: priority_key(r[11], r[5], r[3], today))
    items = [
        AgendaItem(
            tid,
            no,
            name,
            grade,
            ttype,
            src,
            due,
            TaskStatus.OVERDUE.value if due < today else status,
            bucket_of(due, today),
            mid,
            login,
            note,
            ver,
            days_overdue(due, today),
            rank,
        )
        for rank, (tid, no, name, ttype, src, due, status, mid, login, note, ver, grade) in enumerate(
            rows, start=1
        )
    ]
    return Agenda(
        today,
        manager_id if manager_id is not None else (actor.id if sees_own_work_only(actor) else None),
        items,
    )


def today_counts(store: Store, actor: Actor, today: date | None = None) -> dict[str, int]:
    """今日待办: counts per bucket of the actor's own open tasks (a branch manager: the branch's)."""
    today = today or clock.today()
    last_of_week = week_end(today)
    with store.read() as session:
        scope = _manager_scope(session, actor, None)
        due = ServiceTask.due_date
        row = session.execute(
            select(
                func.count(case((due < today, 1))),
                func.count(case((due == today, 1))),
                func.count(case((and_(due > today, due <= last_of_week), 1))),
                func.count(case((due > last_of_week, 1))),
            )
            .join(Client, Client.id == ServiceTask.client_id)
            .where(scope, visible_clients(actor), ServiceTask.status.in_(OPEN_STATES))
        ).one()
        return dict(zip(BUCKETS, (int(v) for v in row), strict=True))


def branch_managers(store: Store, actor: Actor) -> list[tuple[int, str, str]]:
    """(id, login, name) of the managers a branch manager may pick in the agenda."""
    require_role(actor, Role.BRANCH_MANAGER)
    with store.read() as session:
        rows = session.execute(
            select(Staff.id, Staff.login, Staff.display_name)
            .where(
                Staff.branch_id == actor.branch_id,
                Staff.active.is_(True),
                Staff.role.in_((Role.INVESTMENT_MANAGER.value, Role.BRANCH_MANAGER.value)),
            )
            .order_by(Staff.login)
        ).all()
        return [(int(a), str(b), str(c)) for a, b, c in rows]


# ---------------------------------------------------------------- cancelling and exporting


def cancel_task(store: Store, actor: Actor, task_id: int, *, reason: str, expected_version: int) -> None:
    """Cancel an open task with a reason (the client is abroad, a duplicate…); audited."""
    reason = _cancel_reason(reason)
    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER)
    with store.transaction() as session:
        _cancel_in_session(session, actor, task_id, expected_version, reason)


def cancel_tasks(store: Store, actor: Actor, tasks: Sequence[tuple[int, int]], *, reason: str) -> int:
    """Cancel several open tasks, each ``(task_id, expected_version)``, with one reason: all or none.

    Branch managers only: clearing a pile of work is a decision about the branch's service, not a
    manager's own housekeeping. Each task gets its own audit entry. Returns how many were cancelled.
    """
    reason = _cancel_reason(reason)
    require_role(actor, Role.BRANCH_MANAGER)
    if not tasks:
        raise InvalidInput(tr("没有选中任何任务。", "No task is selected."))
    with store.transaction() as session:
        for task_id, version in tasks:
            _cancel_in_session(session, actor, task_id, version, reason, bulk=len(tasks))
    return len(tasks)


def _cancel_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(tr("取消任务需要填写原因。", "Cancelling a task needs a reason."))
    return reason


def _changed_meanwhile(task_id: int) -> Conflict:
    return Conflict(
        tr(
            "任务 {id} 已被完成、取消或修改。请刷新后再试。",
            "Task {id} was completed, cancelled or changed meanwhile. Refresh and try again.",
            id=task_id,
        )
    )


def _cancel_in_session(
    session: Session, actor: Actor, task_id: int, expected_version: int, reason: str, *, bulk: int = 0
) -> None:
    row = session.execute(
        select(ServiceTask, Client)
        .join(Client, Client.id == ServiceTask.client_id)
        .where(ServiceTask.id == task_id, visible_clients(actor))
    ).first()
    if row is None:
        raise NotFound(
            tr(
                "找不到任务 {id}，或它不在您的权限范围内。",
                "Task {id} not found, or not yours to see.",
                id=task_id,
            )
        )
    task = row[0]
    if not may_act_on_task(actor, task.manager_id):
        raise PermissionDenied(tr("只能取消自己的任务。", "You may cancel only your own tasks."))
    if task.status not in OPEN_STATES or task.version != expected_version:
        raise _changed_meanwhile(task_id)
    result = session.execute(
        update(ServiceTask)
        .where(
            ServiceTask.id == task_id,
            ServiceTask.version == expected_version,
            ServiceTask.status.in_(OPEN_STATES),
        )
        .values(
            status=TaskStatus.CANCELLED.value,
            cancel_reason=reason,
            version=ServiceTask.version + 1,
            updated_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        raise _changed_meanwhile(task_id)
    extra = {"bulk": bulk} if bulk else {}
    audit.record(session, actor, "task.cancel", "service_task", task_id, reason=reason, **extra)


AGENDA_EXPORT_COLUMNS = (
    "priority",
    "client_no",
    "client_name",
    "grade",
    "type",
    "source",
    "due_date",
    "days_overdue",
    "status",
    "manager_login",
)


def agenda_export_frame(actor: Actor, items: Sequence[AgendaItem]) -> pd.DataFrame:
    """The agenda rows the user is looking at, as the table an export writes."""
    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER)
    return pd.DataFrame(
        [
            {
                "priority": i.priority,
                "client_no": i.client_no,
                "client_name": i.client_name,
                "grade": i.grade or "",
                "type": i.task_type,
                "source": i.source,
                "due_date": i.due_date.isoformat(),
                "days_overdue": i.days_overdue,
                "status": i.status,
                "manager_login": i.manager_login or "",
            }
            for i in items
        ],
        columns=list(AGENDA_EXPORT_COLUMNS),
    )


TASK_EXPORT_COLUMNS = (
    "client_no",
    "client_name",
    "type",
    "source",
    "due_date",
    "status",
    "manager_login",
    "completed_at",
    "cancel_reason",
)


def task_rows(store: Store, actor: Actor, *, today: date | None = None) -> list[dict[str, Any]]:
    """Every task of the clients the actor may see (an investment manager: only their own tasks)."""
    today = today or clock.today()
    with store.read() as session:
        mgr = aliased(Staff)
        q = (
            select(ServiceTask, Client.client_no, Client.name, mgr.login)
            .join(Client, Client.id == ServiceTask.client_id)
            .outerjoin(mgr, mgr.id == ServiceTask.manager_id)
            .where(visible_clients(actor))
            .order_by(ServiceTask.due_date, Client.client_no, ServiceTask.id)
        )
        if sees_own_work_only(actor):
            q = q.where(ServiceTask.manager_id == actor.id)
        out = []
        personal = may_see_personal_data(actor)
        for t, no, name, login in session.execute(q):
            if not personal:
                # Administrators manage data but are never given client personal data (names included).
                from crm_desktop.services.client_book import mask_name

                name = mask_name(name)
            status = TaskStatus.OVERDUE.value if t.status in OPEN_STATES and t.due_date < today else t.status
            out.append(
                {
                    "client_no": no,
                    "client_name": name,
                    "type": t.task_type,
                    "source": t.source,
                    "due_date": t.due_date.isoformat(),
                    "status": status,
                    "manager_login": login or "",
                    "completed_at": t.completed_at.astimezone().isoformat(timespec="minutes")
                    if t.completed_at
                    else "",
                    "cancel_reason": t.cancel_reason or "",
                }
            )
        return out
