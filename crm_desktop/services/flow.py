"""Client flow (issue #17): who came in and who left, per manager, over a period.

Counts come from the imported account events (:mod:`crm_desktop.domain.flow` classifies them); money
from the daily asset snapshots' ``net_inflow`` (资金净转入): a day with a positive value is asset inflow,
a negative one asset outflow, and net flow is inflow minus outflow. A row belongs to the client's
servicing manager (``client.manager_id``); the total row has ``manager_login`` ``*``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import String, case, func, literal_column, select, type_coerce
from sqlalchemy.orm import Session

from crm_desktop.db.models import AccountEventRecord, AssetSnapshot, Client, Staff
from crm_desktop.db.store import Store
from crm_desktop.db.types import MONEY
from crm_desktop.domain import flow as rules
from crm_desktop.domain.vocabulary import Role
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.services.auth import Actor, require_role
from crm_desktop.services.visibility import figures_branch, figures_clients

FLOW_COLUMNS = (
    "manager_login",
    "new_accounts",
    "transfers_in",
    "closed",
    "transferred_out",
    "regained",
    "asset_inflow",
    "asset_outflow",
    "net_flow",
)
TOTAL_LOGIN = "*"
# clients without a manager
NO_MANAGER_LOGIN = "-"
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
COUNT_KINDS = (rules.NEW_ACCOUNT, rules.TRANSFER_IN, rules.CLOSED, rules.TRANSFERRED_OUT, rules.REGAINED)


@dataclass
class FlowRow:
    manager_login: str
    new_accounts: int = 0
    transfers_in: int = 0
    closed: int = 0
    transferred_out: int = 0
    regained: int = 0
    asset_inflow: Decimal = ZERO
    asset_outflow: Decimal = ZERO

    @property
    def net_flow(self) -> Decimal:
        return self.asset_inflow - self.asset_outflow

    def values(self) -> tuple[object, ...]:
        return (
            self.manager_login,
            self.new_accounts,
            self.transfers_in,
            self.closed,
            self.transferred_out,
            self.regained,
            self.asset_inflow,
            self.asset_outflow,
            self.net_flow,
        )


@dataclass
class FlowReport:
    start: date
    end: date
    rows: list[FlowRow] = field(default_factory=list)

    @property
    def total(self) -> FlowRow:
        return self.rows[-1]


def check_period(start: date, end: date) -> None:
    if end < start:
        raise InvalidInput(
            tr(
                "结束日期 {e} 早于开始日期 {s}：请交换两者。",
                "The end date {e} is before the start date {s}; swap them.",
                s=start,
                e=end,
            )
        )


def classified_events(
    session: Session, where: object, end: date, client_ids: Iterable[int] | None = None
) -> list[tuple[int, date, str, str | None]]:
    """``(client_id, date, event, flow kind)`` of the visible clients' events up to ``end`` (earlier events
    decide whether a return is a regain)."""
    stmt = (
        select(AccountEventRecord.client_id, AccountEventRecord.date, AccountEventRecord.event)
        .join(Client, Client.id == AccountEventRecord.client_id)
        .where(where, AccountEventRecord.date <= end)  # type: ignore[arg-type]
    )
    by_client: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for cid, day, event in session.execute(stmt):
        by_client[cid].append((day, event))
    out = []
    for cid, evs in by_client.items():
        for day, event, kind in rules.classify(evs):
            out.append((cid, day, event, kind))
    return out


def managers_in_view(session: Session, actor: Actor, branch_id: int | None = None) -> dict[int, str]:
    """The managers whose rows a report shows even when empty: the actor alone for an investment manager,
    the active investment managers of the branch otherwise (head office: of the branch it chose, or of
    every branch)."""
    if actor.role is Role.INVESTMENT_MANAGER:
        return {actor.id: actor.login}
    stmt = select(Staff.id, Staff.login).where(
        Staff.role == Role.INVESTMENT_MANAGER.value, Staff.active.is_(True)
    )
    branch = figures_branch(actor, branch_id)
    if branch is not None:
        stmt = stmt.where(Staff.branch_id == branch)
    return dict(session.execute(stmt).all())


def logins(session: Session, ids: Iterable[int | None]) -> dict[int | None, str]:
    wanted = {i for i in ids if i is not None}
    out: dict[int | None, str] = {None: NO_MANAGER_LOGIN}
    if wanted:
        out.update(session.execute(select(Staff.id, Staff.login).where(Staff.id.in_(wanted))).all())
    return out


def flow_report(
    store: Store, actor: Actor, start: date, end: date, *, branch_id: int | None = None
) -> FlowReport:
    """One row per manager (sorted by login) and the total row, for the clients the actor may see (head
    office: of the branch it chose, every branch with ``branch_id=None``)."""
    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER, Role.ADMIN, Role.HEAD_OFFICE)
    check_period(start, end)
    with store.read() as session:
        where = figures_clients(actor, branch_id)
        manager_of = dict(
            session.execute(
                select(Client.id, Client.manager_id)
                .join(AccountEventRecord, AccountEventRecord.client_id == Client.id)
                .where(where, AccountEventRecord.date <= end)
                .distinct()
            ).all()
        )
        rows: dict[int | None, FlowRow] = {}

        def row(mid: int | None) -> FlowRow:
            if mid not in rows:
                rows[mid] = FlowRow("")
            return rows[mid]

        for mid in managers_in_view(session, actor, branch_id):
            row(mid)
        for cid, day, _event, kind in classified_events(session, where, end):
            if kind is None or day < start:
                continue
            r = row(manager_of.get(cid))
            setattr(r, kind, getattr(r, kind) + 1)
        # Per client first, on the covering partial index of the days money moved, then per manager.
        moved = AssetSnapshot.net_inflow
        per_client = (
            select(
                AssetSnapshot.client_id.label("client_id"),
                func.sum(case((moved > 0, moved), else_=0)).label("money_in"),
                func.sum(case((moved < 0, -moved), else_=0)).label("money_out"),
            )
            .where(moved != literal_column("0"), AssetSnapshot.date >= start, AssetSnapshot.date <= end)
            .group_by(AssetSnapshot.client_id)
            .subquery()
        )
        for mgr, money_in, money_out in session.execute(
            select(
                Client.manager_id,
                type_coerce(func.sum(per_client.c.money_in), MONEY),
                type_coerce(func.sum(per_client.c.money_out), MONEY),
            )
            .join(Client, Client.id == per_client.c.client_id)
            .where(where)
            .group_by(Client.manager_id)
        ):
            r = row(mgr)
            r.asset_inflow = _money(money_in)
            r.asset_outflow = _money(money_out)
        names = logins(session, rows)
    for key, r in rows.items():
        r.manager_login = names.get(key, str(key))
    ordered = sorted(rows.values(), key=lambda r: r.manager_login)
    total = FlowRow(TOTAL_LOGIN)
    for r in ordered:
        for k in COUNT_KINDS:
            setattr(total, k, getattr(total, k) + getattr(r, k))
        total.asset_inflow += r.asset_inflow
        total.asset_outflow += r.asset_outflow
    return FlowReport(start, end, [*ordered, total])


def _money(v: object) -> Decimal:
    if v is None:
        return ZERO
    return Decimal(str(v)).quantize(CENT)


# ------------------------------------------------------------------ screens (flow view)

UNGRADED = "-"


@dataclass
class FlowOverview:
    """What the flow view shows for a period: the per-manager report, the same counts and money per
    client grade (the latest score run's grade; ``-`` = not scored), and the net flow per month."""

    report: FlowReport
    by_grade: list[FlowRow]
    trend: list[tuple[str, Decimal]]


def _months(start: date, end: date) -> list[tuple[date, date]]:
    out = []
    first = start.replace(day=1)
    while first <= end:
        nxt = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        out.append((max(first, start), min(nxt - timedelta(days=1), end)))
        first = nxt
    return out


def flow_overview(
    store: Store, actor: Actor, start: date, end: date, *, branch_id: int | None = None
) -> FlowOverview:
    """The flow report plus the split per grade and the monthly net flow trend of the period."""
    from crm_desktop.db.models import ClientScore
    from crm_desktop.services.client_book import latest_run_id

    report = flow_report(store, actor, start, end, branch_id=branch_id)
    with store.read() as session:
        where = figures_clients(actor, branch_id)
        run_id = latest_run_id(session)
        grade_of: dict[int, str] = {}
        if run_id is not None:
            grade_of = dict(
                session.execute(
                    select(ClientScore.client_id, ClientScore.grade)
                    .join(Client, Client.id == ClientScore.client_id)
                    .where(where, ClientScore.run_id == run_id)
                ).all()
            )
        rows: dict[str, FlowRow] = {}

        def row(key: str) -> FlowRow:
            if key not in rows:
                rows[key] = FlowRow(key)
            return rows[key]

        for cid, day, _event, kind in classified_events(session, where, end):
            if kind is None or day < start:
                continue
            r = row(grade_of.get(cid, UNGRADED))
            setattr(r, kind, getattr(r, kind) + 1)
        moved = AssetSnapshot.net_inflow
        month_key = func.substr(func.cast(AssetSnapshot.date, String), 1, 7)
        per_month: dict[str, Decimal] = defaultdict(lambda: ZERO)
        stmt = (
            select(
                AssetSnapshot.client_id,
                month_key,
                type_coerce(func.sum(case((moved > 0, moved), else_=0)), MONEY),
                type_coerce(func.sum(case((moved < 0, -moved), else_=0)), MONEY),
            )
            .join(Client, Client.id == AssetSnapshot.client_id)
            .where(
                where, moved != literal_column("0"), AssetSnapshot.date >= start, AssetSnapshot.date <= end
            )
            .group_by(AssetSnapshot.client_id, month_key)
        )
        for cid, month, money_in, money_out in session.execute(stmt):
            r = row(grade_of.get(cid, UNGRADED))
            r.asset_inflow += _money(money_in)
            r.asset_outflow += _money(money_out)
            per_month[str(month)] += _money(money_in) - _money(money_out)
    trend = [(m.strftime("%Y-%m"), per_month[m.strftime("%Y-%m")]) for m, _e in _months(start, end)]
    by_grade = sorted(
        rows.values(), key=lambda r: (r.manager_login == UNGRADED, r.manager_login), reverse=False
    )
    # best grade first (V5 ... V1), not scored last
    by_grade.sort(key=lambda r: (r.manager_login == UNGRADED, [-ord(ch) for ch in r.manager_login]))
    return FlowOverview(report, by_grade, trend)
