"""Call-back and complaint figures of the compliance view, by manager and month.

- new-account coverage: accounts opened in the month, reached by a call-back within one month of opening
  (covered), not reached and past that month (missed), or still inside it (pending);
- the yearly sample: the target per manager's book (at least the sample rate, one client at least) and how
  many sample call-backs are done (reached, refused, or unreachable after the attempts the script requires);
- red flags: alert cases opened in the month and not closed; complaints: received in the month, about the
  manager, and overdue now;
- call-back satisfaction per manager with the number of answers ("not enough data" below the minimum).
An investment manager sees their own rows; the branch manager the branch.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import select

from crm_desktop import clock
from crm_desktop.db.models import (
    AlertCase,
    CallbackItem,
    CallbackRecord,
    CallbackSample,
    Client,
    Complaint,
    Staff,
)
from crm_desktop.db.models.enums import Role
from crm_desktop.db.store import Store
from crm_desktop.domain import callbacks as rules
from crm_desktop.domain import complaints as complaint_rules
from crm_desktop.domain.callbacks_vocab import (
    AlertStatus,
    CallbackOutcome,
    CallbackReason,
    CallbackStatus,
)
from crm_desktop.i18n import tr
from crm_desktop.services.auth import Actor, require_role


@dataclass
class MonthRow:
    manager_login: str
    month: str  # YYYY-MM
    opened: int = 0
    covered: int = 0
    missed: int = 0
    pending: int = 0
    sample_done: int = 0
    red_flags_open: int = 0
    complaints_overdue: int = 0

    @property
    def coverage(self) -> float | None:
        judged = self.covered + self.missed
        return self.covered / judged if judged else None


@dataclass
class SampleRow:
    manager_login: str
    book: int
    target: int
    done: int
    open: int

    @property
    def achieved(self) -> bool:
        return self.done >= self.target


@dataclass
class SatisfactionRow:
    manager_login: str
    answers: int
    mean: float | None  # None: not enough data


@dataclass
class CallbackCompliance:
    start: date
    end: date
    today: date
    months: list[MonthRow] = field(default_factory=list)
    sample: list[SampleRow] = field(default_factory=list)
    satisfaction: list[SatisfactionRow] = field(default_factory=list)

    def total(self) -> MonthRow:
        t = MonthRow(tr("合计", "Total"), "")
        for r in self.months:
            for k in (
                "opened",
                "covered",
                "missed",
                "pending",
                "sample_done",
                "red_flags_open",
                "complaints_overdue",
            ):
                setattr(t, k, getattr(t, k) + getattr(r, k))
        return t


def _month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _day(moment: datetime) -> date:
    return moment.astimezone().date()


def callback_compliance(
    store: Store, actor: Actor, start: date, end: date, today: date | None = None
) -> CallbackCompliance:
    require_role(actor, Role.INVESTMENT_MANAGER, Role.BRANCH_MANAGER)
    from crm_desktop.services.callbacks import satisfaction_by_manager

    today = today or clock.today()
    own = actor.role is Role.INVESTMENT_MANAGER
    report = CallbackCompliance(start, end, today)
    with store.read() as session:
        logins: dict[int | None, str] = {i: lg for i, lg in session.execute(select(Staff.id, Staff.login))}
        rows: dict[tuple[int | None, str], MonthRow] = {}

        def row(mid: int | None, day: date) -> MonthRow:
            key = (mid, _month(day))
            if key not in rows:
                rows[key] = MonthRow(logins.get(mid, "-") if mid is not None else "-", key[1])
            return rows[key]

        def mine(mid: int | None) -> bool:
            return not own or mid == actor.id

        reached_first: dict[int, date] = {}
        for cid, at in session.execute(
            select(CallbackRecord.client_id, CallbackRecord.occurred_at)
            .join(Client, Client.id == CallbackRecord.client_id)
            .where(
                Client.branch_id == actor.branch_id, CallbackRecord.outcome == CallbackOutcome.REACHED.value
            )
        ):
            day = _day(at)
            reached_first[cid] = min(day, reached_first.get(cid, day))
        for cid, mid, opened in session.execute(
            select(Client.id, Client.manager_id, Client.open_date).where(
                Client.branch_id == actor.branch_id, Client.open_date >= start, Client.open_date <= end
            )
        ):
            if not mine(mid):
                continue
            r = row(mid, opened)
            r.opened += 1
            limit = rules.add_months(opened, 1)
            called = reached_first.get(cid)
            if called is not None and called <= limit:
                r.covered += 1
            elif limit < today:
                r.missed += 1
            else:
                r.pending += 1
        lo = datetime.combine(start, datetime.min.time()).astimezone(UTC)
        hi = datetime.combine(end, datetime.max.time()).astimezone(UTC)
        for mid, closed in session.execute(
            select(CallbackItem.manager_id, CallbackItem.closed_at).where(
                CallbackItem.branch_id == actor.branch_id,
                CallbackItem.reason == CallbackReason.SAMPLE.value,
                CallbackItem.status == CallbackStatus.DONE.value,
                CallbackItem.closed_at >= lo,
                CallbackItem.closed_at <= hi,
            )
        ):
            if mine(mid) and closed is not None:
                row(mid, _day(closed)).sample_done += 1
        for mid, at in session.execute(
            select(AlertCase.manager_id, AlertCase.opened_at).where(
                AlertCase.branch_id == actor.branch_id,
                AlertCase.status != AlertStatus.CLOSED.value,
                AlertCase.opened_at >= lo,
                AlertCase.opened_at <= hi,
            )
        ):
            if mine(mid):
                row(mid, _day(at)).red_flags_open += 1
        for c in session.scalars(
            select(Complaint).where(
                Complaint.branch_id == actor.branch_id,
                Complaint.received_at >= lo,
                Complaint.received_at <= hi,
            )
        ):
            late = complaint_rules.overdue(
                today,
                c.acknowledge_by,
                c.due_date,
                _day(c.acknowledged_at) if c.acknowledged_at else None,
                _day(c.resolved_at) if c.resolved_at else None,
            )
            if late and mine(c.about_manager_id):
                row(c.about_manager_id, _day(c.received_at)).complaints_overdue += 1
        report.months = sorted(rows.values(), key=lambda r: (r.manager_login, r.month))

        # The yearly sample of the year the period ends in.
        sample = session.scalar(
            select(CallbackSample).where(
                CallbackSample.branch_id == actor.branch_id, CallbackSample.year == end.year
            )
        )
        if sample is not None:
            books: dict[int | None, int] = defaultdict(int)
            for (mid,) in session.execute(
                select(Client.manager_id).where(
                    Client.branch_id == actor.branch_id, Client.status == "active"
                )
            ):
                books[mid] += 1
            done: dict[int | None, int] = defaultdict(int)
            waiting: dict[int | None, int] = defaultdict(int)
            for mid, status in session.execute(
                select(CallbackItem.manager_id, CallbackItem.status).where(
                    CallbackItem.sample_id == sample.id
                )
            ):
                (done if status == CallbackStatus.DONE.value else waiting)[mid] += 1
            for mid in sorted(
                set(books) | set(done) | set(waiting), key=lambda m: logins.get(m, "") if m else ""
            ):
                if mine(mid):
                    report.sample.append(
                        SampleRow(
                            logins.get(mid, "-") if mid is not None else "-",
                            books[mid],
                            rules.stratum_target(books[mid], sample.rate),
                            done[mid],
                            waiting[mid],
                        )
                    )
        sat = satisfaction_by_manager(session, start, end, actor.branch_id)
        for mid, s in sorted(sat.items(), key=lambda kv: logins.get(kv[0], "")):
            if mine(mid):
                report.satisfaction.append(SatisfactionRow(logins.get(mid, "-"), s.answers, s.mean))
    return report
