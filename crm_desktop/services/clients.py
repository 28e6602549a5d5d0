"""The client workspace: the book (see :mod:`client_book`), one client's 360° view, and audited reveal.

Every path opens a client through :func:`services.visibility.get_visible_client` (the 360° view, which
only reads, through :func:`~services.visibility.get_readable_client`: shared, developed and team clients
too), so a manager cannot open another manager's client by number. Personal data leaves this module masked; the clear
value of one field is returned only by :func:`reveal_field`, which needs a reason and is audited.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from crm_desktop import clock
from crm_desktop.db.models import (
    AssetSnapshot,
    AssignmentHistory,
    Branch,
    Client,
    ClientScore,
    Holding,
    LetterRecord,
    ScoreRun,
    Security,
    ServiceTask,
    Staff,
    Touch,
)
from crm_desktop.db.store import Store
from crm_desktop.errors import InvalidInput, PermissionDenied
from crm_desktop.i18n import language, tr
from crm_desktop.masking import mask_address, mask_email, mask_id_number, mask_phone
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, role_label
from crm_desktop.services.client_book import (
    EXPORT_COLUMNS,
    OPEN_TASK_STATUSES,
    ClientBook,
    export_frame,
    latest_run_id,
    load_book,
    mask_name,
)
from crm_desktop.services.notes import NoteView, notes_in_session
from crm_desktop.services.visibility import get_readable_client, get_visible_client, may_see_personal_data

__all__ = [
    "EXPORT_COLUMNS",
    "PERSONAL_FIELDS",
    "ClientBook",
    "ClientView",
    "export_frame",
    "load_book",
    "load_client_view",
    "reveal_field",
]

# Fields that are masked by default and can be revealed one at a time with a reason.
PERSONAL_FIELDS = ("id_number", "phone", "email", "address", "birth_date")
MIN_REASON = 4
TOUCH_LIMIT = 200


@dataclass(frozen=True)
class Profile:
    client_no: str
    name: str
    client_type: str
    # Masked for display; "" when the client has none.
    id_number: str
    phone: str
    email: str
    address: str
    birth_date: str
    open_date: date
    risk_level: str
    risk_assessed_on: date | None
    status: str
    branch_name: str
    manager_login: str
    manager_name: str
    assigned_on: date | None
    # False for admins: they see no personal data, not even masked, and cannot reveal.
    may_reveal: bool


@dataclass(frozen=True)
class HoldingRow:
    code: str
    name: str
    board: str
    industry: str
    quantity: float
    cost: float
    market_value: float
    weight: float  # share of securities value, 0..1

    @property
    def pnl(self) -> float:
        return self.market_value - self.cost


@dataclass(frozen=True)
class TouchRow:
    occurred_at: datetime
    touch_type: str
    channel: str
    summary: str
    manager_name: str
    satisfaction: int | None
    next_step: str


@dataclass(frozen=True)
class TaskRow:
    id: int
    due_date: date
    task_type: str
    source: str
    status: str
    note: str
    overdue: bool


@dataclass(frozen=True)
class LetterRow:
    created_at: datetime
    period_start: date
    period_end: date
    file_name: str
    pages: int
    generated_by: str


@dataclass(frozen=True)
class AssignmentRow:
    effective_at: datetime
    from_manager: str
    to_manager: str
    reason: str
    note: str


@dataclass(frozen=True)
class ClientView:
    profile: Profile
    # Latest scoring run's figures for this client ({} = not scored yet) and its readable reasons.
    score: dict[str, Any]
    reasons: list[str]
    run_as_of: date | None
    # (date, total assets, cash, securities value) for the 12 months up to the latest snapshot.
    asset_series: list[tuple[date, float, float, float]]
    # board code (main/chinext/star/bse) or "cash" -> value, from the latest holdings and snapshot.
    allocation: dict[str, float]
    holdings_date: date | None
    holdings: list[HoldingRow]
    touches: list[TouchRow]
    open_tasks: list[TaskRow]
    letters: list[LetterRow]
    assignments: list[AssignmentRow]
    today: date = field(default_factory=clock.today)
    # Client notes (services/notes.py), newest first.
    notes: list[NoteView] = field(default_factory=list)


def _render_reasons(reasons: list[Any], lang: str) -> list[str]:
    try:
        from crm_desktop.scoring.reasons import render_reasons
    except ImportError:
        return []
    return render_reasons(reasons, lang)


def load_client_view(
    store: Store, actor: Actor, client_no: str, *, today: date | None = None, lang: str | None = None
) -> ClientView:
    """Everything the 360° view shows about one client the actor may see (NotFound otherwise)."""
    today = today or clock.today()
    with store.read() as session:
        client = get_readable_client(session, actor, client_no)
        return _load_view(session, actor, client, today, lang or language())


def _staff_names(session: Session) -> dict[int, tuple[str, str]]:
    return {
        i: (lo, n) for i, lo, n in session.execute(select(Staff.id, Staff.login, Staff.display_name)).all()
    }


def _profile(session: Session, actor: Actor, c: Client, staff: dict[int, tuple[str, str]]) -> Profile:
    personal = may_see_personal_data(actor)
    branch = session.get(Branch, c.branch_id)
    mgr = staff.get(c.manager_id or -1, ("", ""))
    return Profile(
        client_no=c.client_no,
        name=c.name if personal else mask_name(c.name),
        client_type=c.client_type,
        id_number=mask_id_number(c.id_number) if personal else "",
        phone=mask_phone(c.phone) if personal else "",
        email=mask_email(c.email) if personal else "",
        address=mask_address(c.address) if personal else "",
        birth_date=(f"{c.birth_date.year}-**-**" if c.birth_date else "") if personal else "",
        open_date=c.open_date,
        risk_level=c.risk_level,
        risk_assessed_on=c.risk_assessed_on,
        status=c.status,
        branch_name=branch.name if branch else "",
        manager_login=mgr[0],
        manager_name=mgr[1],
        assigned_on=c.assigned_on,
        may_reveal=personal,
    )


def _score(session: Session, client_id: int, lang: str) -> tuple[dict[str, Any], list[str], date | None]:
    run_id = latest_run_id(session)
    if run_id is None:
        return {}, [], None
    row = session.get(ClientScore, (run_id, client_id))
    as_of = session.scalar(select(ScoreRun.as_of).where(ScoreRun.id == run_id))
    if row is None:
        return {}, [], as_of
    cols = [c.key for c in ClientScore.__table__.columns if c.key not in ("run_id", "client_id", "reasons")]
    data = {k: getattr(row, k) for k in cols}
    for k, v in data.items():
        if hasattr(v, "as_integer_ratio") and not isinstance(v, int | float):
            data[k] = float(v)  # Decimal -> float for display
    return data, _render_reasons(list(row.reasons or []), lang), as_of


def _asset_series(session: Session, client_id: int) -> list[tuple[date, float, float, float]]:
    last = session.scalar(select(func.max(AssetSnapshot.date)).where(AssetSnapshot.client_id == client_id))
    if last is None:
        return []
    start = last - timedelta(days=365)
    rows = session.execute(
        select(
            AssetSnapshot.date, AssetSnapshot.total_assets, AssetSnapshot.cash, AssetSnapshot.securities_value
        )
        .where(AssetSnapshot.client_id == client_id, AssetSnapshot.date > start)
        .order_by(AssetSnapshot.date)
    ).all()
    return [(d, float(t), float(c), float(s)) for d, t, c, s in rows]


def _holdings(session: Session, client_id: int) -> tuple[date | None, list[HoldingRow]]:
    hdate = session.scalar(select(func.max(Holding.date)).where(Holding.client_id == client_id))
    if hdate is None:
        return None, []
    rows = session.execute(
        select(
            Holding.code,
            Security.name,
            Security.board,
            Security.industry,
            Holding.quantity,
            Holding.cost,
            Holding.market_value,
        )
        .outerjoin(Security, Security.code == Holding.code)
        .where(Holding.client_id == client_id, Holding.date == hdate)
        .order_by(Holding.market_value.desc())
    ).all()
    total = sum(float(r[6]) for r in rows) or 1.0
    return hdate, [
        HoldingRow(
            code,
            name or code,
            board or "main",
            industry or "",
            float(q),
            float(cost),
            float(mv),
            float(mv) / total,
        )
        for code, name, board, industry, q, cost, mv in rows
    ]


def _allocation(session: Session, client_id: int, holdings: list[HoldingRow]) -> dict[str, float]:
    out: dict[str, float] = {}
    for h in holdings:
        out[h.board] = out.get(h.board, 0.0) + h.market_value
    cash = session.scalar(
        select(AssetSnapshot.cash)
        .where(AssetSnapshot.client_id == client_id)
        .order_by(AssetSnapshot.date.desc())
        .limit(1)
    )
    if cash is not None and float(cash) > 0:
        out["cash"] = float(cash)
    return out


def _load_view(session: Session, actor: Actor, c: Client, today: date, lang: str) -> ClientView:
    staff = _staff_names(session)

    def name_of(sid: int | None) -> str:
        return staff.get(sid, ("", ""))[1] if sid is not None else ""

    score, reasons, as_of = _score(session, c.id, lang)
    hdate, holdings = _holdings(session, c.id)
    touches = [
        TouchRow(
            t.occurred_at,
            t.touch_type,
            t.channel,
            t.summary or "",
            name_of(t.manager_id),
            t.satisfaction,
            t.next_step or "",
        )
        for t in session.scalars(
            select(Touch)
            .where(Touch.client_id == c.id, Touch.status == "active")
            .order_by(Touch.occurred_at.desc())
            .limit(TOUCH_LIMIT)
        )
    ]
    tasks = [
        TaskRow(
            t.id,
            t.due_date,
            t.task_type,
            t.source,
            t.status,
            t.note or "",
            t.status == "overdue" or t.due_date < today,
        )
        for t in session.scalars(
            select(ServiceTask)
            .where(ServiceTask.client_id == c.id, ServiceTask.status.in_(OPEN_TASK_STATUSES))
            .order_by(ServiceTask.due_date, ServiceTask.id)
        )
    ]
    letters = [
        LetterRow(
            lr.created_at, lr.period_start, lr.period_end, lr.file_name, lr.pages, name_of(lr.generated_by_id)
        )
        for lr in session.scalars(
            select(LetterRecord)
            .where(LetterRecord.client_id == c.id)
            .order_by(LetterRecord.created_at.desc())
        )
    ]
    frm, to = aliased(Staff), aliased(Staff)
    assignments = [
        AssignmentRow(at, f or "", t or "", reason, note or "")
        for at, f, t, reason, note in session.execute(
            select(
                AssignmentHistory.effective_at,
                frm.display_name,
                to.display_name,
                AssignmentHistory.reason,
                AssignmentHistory.note,
            )
            .outerjoin(frm, frm.id == AssignmentHistory.from_manager_id)
            .outerjoin(to, to.id == AssignmentHistory.to_manager_id)
            .where(AssignmentHistory.client_id == c.id)
            .order_by(AssignmentHistory.effective_at.desc(), AssignmentHistory.id.desc())
        ).all()
    ]
    return ClientView(
        profile=_profile(session, actor, c, staff),
        score=score,
        reasons=reasons,
        run_as_of=as_of,
        asset_series=_asset_series(session, c.id),
        allocation=_allocation(session, c.id, holdings),
        holdings_date=hdate,
        holdings=holdings,
        touches=touches,
        open_tasks=tasks,
        letters=letters,
        assignments=assignments,
        today=today,
        notes=notes_in_session(session, c.id, limit=TOUCH_LIMIT),
    )


def reveal_field(store: Store, actor: Actor, client_no: str, field_name: str, reason: str) -> str:
    """The clear value of one personal field, for a stated reason; writes a ``client.reveal`` audit entry."""
    if field_name not in PERSONAL_FIELDS:
        raise InvalidInput(tr("字段 {f} 不能查看明文。", "The field {f} cannot be revealed.", f=field_name))
    if not may_see_personal_data(actor):
        raise PermissionDenied(
            tr(
                "您的角色（{role}）不能查看客户个人信息。",
                "Your role ({role}) may not see client personal data.",
                role=role_label(actor.role),
            )
        )
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise InvalidInput(
            tr(
                "请填写查看原因（至少 {n} 个字），例如“回访前核对联系方式”。",
                "Give a reason for revealing (at least {n} characters), e.g. "
                '"checking contact details before a call".',
                n=MIN_REASON,
            )
        )
    with store.transaction() as session:
        client = get_visible_client(session, actor, client_no)
        value = getattr(client, field_name)
        audit.record(
            session, actor, "client.reveal", "client", client.client_no, field=field_name, reason=reason
        )
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)
