"""Segments (客群): filters over the client book, compiled to SQL, counted and saved by name.

The text is parsed by :mod:`crm_desktop.domain.segments`; here each condition becomes a WHERE term
over the client book's own join (client, its manager, the latest score run's row: see
:mod:`crm_desktop.services.client_book`), limited to the clients the actor may see. Counting a
100,000-client book is one ``COUNT(*)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, not_, or_, select
from sqlalchemy.orm import Session, aliased

from crm_desktop import clock
from crm_desktop.db.models import Client, ClientScore, Holding, RiskProfile, Segment, Staff
from crm_desktop.db.store import Store
from crm_desktop.domain import segments as seg
from crm_desktop.domain.vocabulary import LOST_STATUSES, InvestorClass, Role
from crm_desktop.errors import InvalidInput, NotFound
from crm_desktop.i18n import tr
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, refresh_actor, require_role
from crm_desktop.services.client_book import latest_run_id
from crm_desktop.services.visibility import visible_clients

# Who may build segments: the people who market to clients (an admin sees masked data only).
SEGMENT_ROLES = (Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER)

_SCORE_COLUMNS = {
    "grade": ClientScore.grade,
    "value": ClientScore.value_score,
    "churn": ClientScore.churn_risk,
    "lifecycle": ClientScore.lifecycle,
    "activity": ClientScore.activity,
    "assets": ClientScore.avg_assets,
    "commission": ClientScore.commission_12m,
    "industry": ClientScore.top_industry,
    "new_listing": ClientScore.new_listing_share,
}


def may_use(actor: Actor) -> bool:
    """Whether the actor may count and save segments (front ends offer the actions only then)."""
    return actor.role in SEGMENT_ROLES


def _professional(today: date) -> ColumnElement[bool]:
    """The client's assessment in force today (the latest on or before it) says professional investor."""
    later = aliased(RiskProfile)
    return exists(
        select(RiskProfile.id).where(
            RiskProfile.client_id == Client.id,
            RiskProfile.assessed_on <= today,
            RiskProfile.investor_class == InvestorClass.PROFESSIONAL.value,
            ~exists(
                select(later.id).where(
                    later.client_id == Client.id,
                    later.assessed_on > RiskProfile.assessed_on,
                    later.assessed_on <= today,
                )
            ),
        )
    )


def _holds(codes: tuple[str, ...]) -> ColumnElement[bool]:
    """The client's latest holding snapshot has a position in one of ``codes``."""
    snap = aliased(Holding)
    latest = (
        select(func.max(snap.date)).where(snap.client_id == Client.id).correlate(Client).scalar_subquery()
    )
    return exists(
        select(Holding.code).where(
            Holding.client_id == Client.id,
            Holding.date == latest,
            Holding.code.in_(codes),
            Holding.quantity > 0,
        )
    )


def _term(c: seg.Condition, today: date) -> ColumnElement[bool]:
    field = seg.FIELDS[c.field]
    if c.field == "holds":
        hit = _holds(c.values)
        return hit if c.op == "=" else not_(hit)
    if c.field == "class":
        prof = _professional(today)
        codes = seg.allowed_codes(c)
        if codes == (InvestorClass.PROFESSIONAL.value,):
            return prof
        if codes == (InvestorClass.ORDINARY.value,):
            return not_(prof)
        return and_(prof, not_(prof)) if not codes else or_(prof, not_(prof))
    column = {"risk": Client.risk_level, "manager": Staff.login}.get(c.field, _SCORE_COLUMNS.get(c.field))
    assert column is not None, c.field
    if field.kind in (seg.ORDERED, seg.WORD):
        return column.in_(seg.allowed_codes(c))
    if field.kind == seg.TEXT:
        hit = column.in_(c.values)
        # != keeps clients without a value out too (as SQL would), so both ops agree with domain.matches
        return hit if c.op == "=" else and_(column.is_not(None), not_(hit))
    values = tuple(float(v) for v in c.values) if c.field == "new_listing" else c.values  # a float column
    if c.op == "=":
        return column.in_(values)
    if c.op == "!=":
        return and_(column.is_not(None), column.not_in(values))
    value = values[0]
    return {
        ">=": column >= value,
        "<=": column <= value,
        ">": column > value,
        "<": column < value,
    }[c.op]


def segment_select(
    actor: Actor, conditions: list[seg.Condition], run_id: int | None, today: date, *columns: object
) -> Select:
    """SELECT ``columns`` (default: the client id) of the actor's clients matching every condition."""
    stmt = select(*(columns or (Client.id,)))  # type: ignore[call-overload]
    stmt = stmt.select_from(Client)
    if any(c.field == "manager" for c in conditions) or any(
        getattr(col, "table", None) is Staff.__table__ for col in columns
    ):
        stmt = stmt.outerjoin(Staff, Staff.id == Client.manager_id)
    if any(c.field in _SCORE_COLUMNS for c in conditions) or any(
        getattr(col, "table", None) is ClientScore.__table__ for col in columns
    ):
        stmt = stmt.outerjoin(
            ClientScore,
            and_(
                ClientScore.client_id == Client.id,
                ClientScore.run_id == (run_id if run_id is not None else -1),
            ),
        )
    return stmt.where(visible_clients(actor), *(_term(c, today) for c in conditions))


def compile_filter(text: str | None) -> list[seg.Condition]:
    """Parse a filter's text (InvalidInput names the bad field, operator or value)."""
    return seg.parse(text)


def count_in_session(session: Session, actor: Actor, text: str | None, today: date | None = None) -> int:
    conditions = compile_filter(text)
    today = today or clock.today()
    stmt = segment_select(actor, conditions, latest_run_id(session), today)
    return int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)


def count(store: Store, actor: Actor, text: str | None, today: date | None = None) -> int:
    """How many of the actor's clients the filter matches (the editor's live count)."""
    require_role(actor, *SEGMENT_ROLES)
    conditions = compile_filter(text)  # a bad filter fails before the store is asked
    del conditions
    with store.read() as session:
        return count_in_session(session, actor, text, today)


@dataclass(frozen=True)
class Preview:
    """A filter's count, and how many of those are lost accounts (closed, transferred out)."""

    count: int
    lost: int  # the client book hides them; campaigns and pushes count them as left out

    @property
    def active(self) -> int:
        return self.count - self.lost


def preview(store: Store, actor: Actor, text: str | None, today: date | None = None) -> Preview:
    """The editor's live count, with the lost accounts among them (one grouped query)."""
    require_role(actor, *SEGMENT_ROLES)
    conditions = compile_filter(text)
    today = today or clock.today()
    with store.read() as session:
        stmt = segment_select(
            actor, conditions, latest_run_id(session), today, Client.status.in_(LOST_STATUSES).label("lost")
        ).subquery()
        total, lost = session.execute(
            select(func.count(), func.coalesce(func.sum(case((stmt.c.lost, 1), else_=0)), 0)).select_from(
                stmt
            )
        ).one()
        return Preview(int(total or 0), int(lost or 0))


def client_ids_in_session(session: Session, actor: Actor, text: str | None, today: date) -> list[int]:
    stmt = segment_select(actor, compile_filter(text), latest_run_id(session), today).order_by(Client.id)
    return [int(x) for x in session.scalars(stmt)]


@dataclass(frozen=True)
class SavedSegment:
    id: int
    name: str
    filter_text: str
    owner_login: str
    mine: bool
    owner_name: str = ""  # the owner's display name, for the lists people read


def save(store: Store, actor: Actor, name: str, text: str) -> SavedSegment:
    """Save (or replace) the actor's segment ``name``; the filter is stored in its canonical form."""
    require_role(actor, *SEGMENT_ROLES)
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise InvalidInput(
            tr("客群名称不能为空，且不超过 100 个字。", "A segment needs a name of at most 100 characters.")
        )
    canonical = seg.canonical(compile_filter(text))
    with store.transaction() as session:
        refresh_actor(session, actor)
        row = session.scalar(select(Segment).where(Segment.owner_id == actor.id, Segment.name == name))
        if row is None:
            row = Segment(branch_id=actor.branch_id, owner_id=actor.id, name=name, filter_text=canonical)
            session.add(row)
        else:
            row.filter_text = canonical
        session.flush()
        audit.record(session, actor, "segment.save", "segment", row.id, name=name, filter=canonical)
        return SavedSegment(row.id, name, canonical, actor.login, True, actor.display_name)


def _visible_segments(actor: Actor) -> Select:
    """The actor's own segments, then those branch managers of the actor's branch shared with it."""
    shared = and_(Segment.branch_id == actor.branch_id, Staff.role == Role.BRANCH_MANAGER.value)
    return (
        select(Segment, Staff.login, Staff.display_name)
        .join(Staff, Staff.id == Segment.owner_id)
        .where(or_(Segment.owner_id == actor.id, shared))
        .order_by((Segment.owner_id != actor.id), Segment.name)
    )


def list_segments(store: Store, actor: Actor) -> list[SavedSegment]:
    require_role(actor, *SEGMENT_ROLES)
    with store.read() as session:
        return [
            SavedSegment(s.id, s.name, s.filter_text, login, s.owner_id == actor.id, shown)
            for s, login, shown in session.execute(_visible_segments(actor))
        ]


def find_in_session(session: Session, actor: Actor, name: str) -> SavedSegment:
    for s, login, shown in session.execute(_visible_segments(actor).where(Segment.name == name.strip())):
        return SavedSegment(s.id, s.name, s.filter_text, login, s.owner_id == actor.id, shown)
    raise NotFound(
        tr(
            "找不到客群“{name}”：请先用 crm segment save 保存，或检查名称。",
            "No segment named “{name}”: save it first with crm segment save, or check the name.",
            name=name,
        )
    )
