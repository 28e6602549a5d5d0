"""Why clients left (issue #17): the manager records the reason of a loss; the branch sees the split.

A loss (closed or transferred out, from the account-events import) has a churn record and a task for the
client's manager to record the reason within 7 days; recording it closes that task.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from crm_desktop.db.models import ChurnRecord, Client, ServiceTask
from crm_desktop.db.store import Store
from crm_desktop.db.types import utcnow
from crm_desktop.domain.labels import label_of
from crm_desktop.domain.vocabulary import ChurnReason, Role, TaskSource, TaskStatus
from crm_desktop.errors import Conflict, InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, refresh_actor, require_role
from crm_desktop.services.flow import check_period
from crm_desktop.services.visibility import figures_clients, get_visible_client, visible_clients

MAX_COMMENT = 2000
UNRECORDED = ""


@dataclass(frozen=True)
class RecordedReason:
    client_no: str
    lost_on: date
    reason: str
    tasks_closed: int


def _check_reason(reason: str) -> str:
    code = (reason or "").strip()
    if code not in {r.value for r in ChurnReason}:
        raise InvalidInput(
            tr(
                "流失原因 {r} 无效，可选：{known}。",
                "The churn reason {r} is invalid; choose one of {known}.",
                r=code or "-",
                known=", ".join(f"{r.value}（{label_of(ChurnReason, r)}）" for r in ChurnReason),
            )
        )
    return code


def record_reason(
    store: Store, actor: Actor, client_no: str, reason: str, comment: str | None = None
) -> RecordedReason:
    """Record why a lost client left (the latest loss without a reason) and close its reason task."""
    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER)
    code = _check_reason(reason)
    text = (comment or "").strip() or None
    if text is not None and len(text) > MAX_COMMENT:
        raise InvalidInput(
            tr(
                "说明太长（最多 {n} 个字符）。",
                "The comment is too long (at most {n} characters).",
                n=MAX_COMMENT,
            )
        )
    with store.transaction() as session:
        refresh_actor(session, actor)
        client = get_visible_client(session, actor, client_no)
        records = session.scalars(
            select(ChurnRecord).where(ChurnRecord.client_id == client.id).order_by(ChurnRecord.lost_on.desc())
        ).all()
        if not records:
            raise InvalidInput(
                tr(
                    "客户 {no} 没有销户或转出记录：只有流失的客户才记录流失原因（先导入账户事件）。",
                    "Client {no} has no closure or transfer-out on record: only a lost client gets a churn "
                    "reason (import the account events first).",
                    no=client.client_no,
                )
            )
        open_records = [r for r in records if r.reason is None]
        if not open_records:
            raise Conflict(
                tr(
                    "客户 {no} 于 {d} 流失的原因已记录为“{r}”。",
                    "The reason for client {no}'s loss on {d} is already recorded as “{r}”.",
                    no=client.client_no,
                    d=records[0].lost_on,
                    r=label_of(ChurnReason, records[0].reason),
                )
            )
        rec = open_records[0]
        now = utcnow()
        rec.reason, rec.comment, rec.recorded_by_id, rec.recorded_at = code, text, actor.id, now
        tasks = session.scalars(
            select(ServiceTask).where(
                ServiceTask.client_id == client.id,
                ServiceTask.source == TaskSource.CHURN_REASON.value,
                ServiceTask.dedupe_key == f"churn_reason:{client.id}:{rec.lost_on.isoformat()}",
                ServiceTask.status.in_((TaskStatus.OPEN.value, TaskStatus.OVERDUE.value)),
            )
        ).all()
        for t in tasks:
            t.status, t.completed_at = TaskStatus.DONE.value, now
        try:
            session.flush()
        except StaleDataError as exc:
            raise Conflict(
                tr(
                    "记录已被其他人修改，请刷新后重试。",
                    "Someone else changed this record; refresh and try again.",
                )
            ) from exc
        audit.record(
            session,
            actor,
            "churn.reason",
            "churn_record",
            rec.id,
            client_no=client.client_no,
            reason=code,
            lost_on=rec.lost_on.isoformat(),
        )
        return RecordedReason(client.client_no, rec.lost_on, code, len(tasks))


@dataclass(frozen=True)
class ReasonSplit:
    """Losses in a period by reason (``""``: not recorded yet), overall and per month (the trend)."""

    start: date
    end: date
    total: dict[str, int]
    by_month: dict[str, dict[str, int]]


def reason_split(
    store: Store, actor: Actor, start: date, end: date, *, branch_id: int | None = None
) -> ReasonSplit:
    """Why clients left, counted (head office: of the branch it chose, every branch with None)."""
    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER, Role.ADMIN, Role.HEAD_OFFICE)
    check_period(start, end)
    where = figures_clients(actor, branch_id)
    with store.read() as session:
        rows = session.execute(
            select(ChurnRecord.lost_on, ChurnRecord.reason)
            .join(Client, Client.id == ChurnRecord.client_id)
            .where(where, ChurnRecord.lost_on >= start, ChurnRecord.lost_on <= end)
        ).all()
    total: Counter[str] = Counter()
    months: dict[str, Counter[str]] = {}
    for lost_on, reason in rows:
        key = reason or UNRECORDED
        total[key] += 1
        months.setdefault(lost_on.strftime("%Y-%m"), Counter())[key] += 1
    order = [*(r.value for r in ChurnReason), UNRECORDED]
    return ReasonSplit(
        start,
        end,
        {k: total[k] for k in order},
        {m: {k: c[k] for k in order} for m, c in sorted(months.items())},
    )


@dataclass(frozen=True)
class RetentionProposal:
    """What the latest score run says about one client's churn risk and the one-to-one answer to it."""

    client_no: str
    churn_risk: str | None
    reason: str | None
    answer: str | None
    evidence: list[str]


def retention_proposal(
    store: Store, actor: Actor, client_no: str, lang: str | None = None
) -> RetentionProposal:
    """The likely reason of a high churn risk with its evidence (worded now, in ``lang``), and the answer
    the retention task proposes: trading results -> account review letter and advice session; price ->
    a commission-rate review request (``crm churn rate-review``, decided by the branch manager); service
    here -> a service-recovery call by the branch manager."""
    from crm_desktop.db.models import ClientScore, ScoreRun
    from crm_desktop.domain.flow import retention_answer
    from crm_desktop.i18n import language
    from crm_desktop.scoring.reasons import reason_code, render_reason

    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER)
    with store.read() as session:
        client = get_visible_client(session, actor, client_no)
        run_id = session.scalar(
            select(ScoreRun.id).where(ScoreRun.finished_at.is_not(None)).order_by(ScoreRun.id.desc()).limit(1)
        )
        row = (
            session.execute(
                select(ClientScore.churn_risk, ClientScore.churn_reason, ClientScore.reasons).where(
                    ClientScore.run_id == run_id, ClientScore.client_id == client.id
                )
            ).first()
            if run_id is not None
            else None
        )
    if row is None:
        return RetentionProposal(client.client_no, None, None, None, [])
    risk, reason, reasons = row
    chosen = lang or language()
    evidence = [render_reason(r, chosen) for r in reasons or [] if reason_code(r).startswith("churn_")]
    return RetentionProposal(client.client_no, risk, reason, retention_answer(reason), evidence)


@dataclass(frozen=True)
class LostClient:
    client_no: str
    lost_on: date
    event: str
    counterparty: str | None
    manager_login: str | None
    reason: str | None
    regained: bool


def lost_clients(store: Store, actor: Actor, start: date, end: date) -> list[LostClient]:
    """The clients lost in a period (newest first), with the other broker, the reason when recorded, and
    whether they have come back since."""
    from crm_desktop.db.models import AccountEventRecord, Staff
    from crm_desktop.domain.flow import RETURN_EVENTS

    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER, Role.ADMIN)
    check_period(start, end)
    with store.read() as session:
        rows = session.execute(
            select(ChurnRecord, Client.client_no, Staff.login)
            .join(Client, Client.id == ChurnRecord.client_id)
            .outerjoin(Staff, Staff.id == ChurnRecord.manager_id)
            .where(visible_clients(actor), ChurnRecord.lost_on >= start, ChurnRecord.lost_on <= end)
            .order_by(ChurnRecord.lost_on.desc(), Client.client_no)
        ).all()
        ids = [r[0].client_id for r in rows]
        events = session.execute(
            select(
                AccountEventRecord.client_id,
                AccountEventRecord.date,
                AccountEventRecord.event,
                AccountEventRecord.counterparty,
            ).where(AccountEventRecord.client_id.in_(ids))
        ).all()
    out = []
    for rec, no, login in rows:
        mine = [e for e in events if e[0] == rec.client_id]
        counterparty = next((e[3] for e in mine if e[1] == rec.lost_on and e[2] == rec.event), None)
        back = any(e[1] > rec.lost_on and e[2] in RETURN_EVENTS for e in mine)
        out.append(LostClient(no, rec.lost_on, rec.event, counterparty, login, rec.reason, back))
    return out
