"""Account events for the demo branch (issue #22): openings, closures, transfers out and in, a few regained
clients, custody-bank changes, dormancy and reactivation, deterministic by seed.

The events follow the demo population (an account opened on its open date; a closed account closed the day
after its last data; a dormant one went dormant) and add the monthly churn of an ordinary branch; the rates
and their reasoning are in docs/demo.md. What an event does is decided by the flow rules the account-events
import uses (:mod:`crm_desktop.domain.flow`): the status the latest event leaves, a churn record per loss,
and for a loss at most 90 days old the reason and win-back tasks. Managers record the reason of most losses
within a week (as :func:`crm_desktop.services.churn.record_reason` would), so only the last days' losses
wait for one. Runs after the bulk load and before scoring (scoring reads the statuses).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

import numpy as np
from sqlalchemy import Table, func, insert, select, update

from crm_desktop.db.models import AccountEventRecord, AssetSnapshot, ChurnRecord, Client, ServiceTask
from crm_desktop.db.store import Store
from crm_desktop.db.types import utcnow
from crm_desktop.demo import stories
from crm_desktop.domain import flow as rules
from crm_desktop.domain.vocabulary import AccountEvent, ChurnReason, ClientStatus, TaskSource, TaskStatus

E = AccountEvent

# Monthly rates, as shares of all clients (docs/demo.md gives the reasoning).
TRANSFER_OUT_PER_MONTH = 0.0045  # on top of the closures the population already has (~0.15 % a month)
TRANSFER_IN_SHARE = 0.2  # of the accounts opened in the last year, the share that came by transfer
REGAINED_PER_YEAR = 0.004
BANK_CHANGES_PER_MONTH = 0.003
REACTIVATED_PER_YEAR = 0.01
# Reasons of the demo's losses (the churn studies' three reasons most often).
REASONS = (
    (ChurnReason.TRADING_RESULTS.value, 0.34),
    (ChurnReason.PRICE_OR_SERVICE_ELSEWHERE.value, 0.30),
    (ChurnReason.SERVICE_HERE.value, 0.14),
    (ChurnReason.PERSONAL.value, 0.17),
    (ChurnReason.OTHER.value, 0.05),
)
REASON_COMMENTS = {
    ChurnReason.TRADING_RESULTS.value: "亏损后不再炒股，资金转出。",
    ChurnReason.PRICE_OR_SERVICE_ELSEWHERE.value: "他行给出更低佣金，转户。",
    ChurnReason.SERVICE_HERE.value: "客户反映联系不及时。",
    ChurnReason.PERSONAL.value: "客户购房，资金另用。",
    ChurnReason.OTHER.value: "客户未说明原因。",
}
COUNTERPARTIES = ("华泰证券", "东方财富证券", "中信证券", "国泰君安", "招商证券", "平安证券")
# A loss this many days old or older has its reason recorded; its win-back call is made after WIN_BACK_DONE.
REASON_RECORDED_AFTER = 5
WIN_BACK_DONE_AFTER = 25
# The lost-client story: transferred out this many days before as_of, its reason recorded.
LOST_STORY_DAYS = 20
LOST_STORY_COMMENT = "客户转户至他行：对方佣金万1免五；已反馈营业部并约定月底回访。"


def _at(day: date, minutes: int) -> datetime:
    return datetime.combine(day, time(1, 30), tzinfo=UTC) + timedelta(minutes=minutes)


def add_demo_flow(store: Store, as_of: date, seed: int = 20240601) -> dict[str, int]:
    """Write the demo's account events, statuses, churn records and loss tasks; returns counts by event."""
    rng = np.random.default_rng(seed + 17)
    year_ago = as_of - timedelta(days=365)
    story_nos = {s.client_no for s in stories.STORIES}
    with store.transaction() as session:
        if session.scalar(select(func.count()).select_from(AccountEventRecord)):
            return {}
        rows = session.execute(
            select(Client.id, Client.client_no, Client.open_date, Client.status, Client.manager_id).order_by(
                Client.id
            )
        ).all()
        if not rows:
            return {}
        last_day = dict(
            session.execute(
                select(AssetSnapshot.client_id, func.max(AssetSnapshot.date)).group_by(
                    AssetSnapshot.client_id
                )
            ).all()
        )
        # The day of the largest outflow in the last year: a client who moved the money away transfers then.
        outflow = dict(
            session.execute(
                select(AssetSnapshot.client_id, func.min(AssetSnapshot.net_inflow))
                .where(AssetSnapshot.date > year_ago, AssetSnapshot.net_inflow < 0)
                .group_by(AssetSnapshot.client_id)
            ).all()
        )
        events: dict[int, list[tuple[date, str, str | None]]] = defaultdict(list)
        n = len(rows)
        manager = {r.id: r.manager_id for r in rows}
        taken: set[int] = set()

        def day_between(lo: date, hi: date) -> date:
            span = max((hi - lo).days, 0)
            return lo + timedelta(days=int(rng.integers(0, span + 1)))

        for r in rows:
            if r.client_no == stories.LOST_RECORDED.client_no and n >= stories.MIN_CLIENTS:
                events[r.id].append((r.open_date, E.OPENED.value, None))
                lost = as_of - timedelta(days=LOST_STORY_DAYS)
                events[r.id].append((lost, E.TRANSFERRED_OUT.value, COUNTERPARTIES[1]))
                taken.add(r.id)
                continue
            recent = r.open_date > year_ago
            if recent and rng.random() < TRANSFER_IN_SHARE:
                events[r.id].append((r.open_date, E.TRANSFERRED_IN.value, str(rng.choice(COUNTERPARTIES))))
            else:
                events[r.id].append((r.open_date, E.OPENED.value, None))
            if r.status == ClientStatus.CLOSED.value:
                end = last_day.get(r.id)
                if end is not None:
                    day = min(end + timedelta(days=1), as_of)
                else:
                    lo = max(r.open_date + timedelta(days=60), as_of - timedelta(days=1500))
                    day = day_between(lo, max(lo, year_ago - timedelta(days=30)))
                events[r.id].append((day, E.CLOSED.value, None))
                taken.add(r.id)
            elif r.status == ClientStatus.DORMANT.value:
                lo = r.open_date + timedelta(days=400)
                events[r.id].append((day_between(lo, max(lo, year_ago)), E.DORMANT.value, None))
                taken.add(r.id)
        candidates = [
            r
            for r in rows
            if r.id not in taken
            and r.client_no not in story_nos
            and r.status == ClientStatus.ACTIVE.value
            and r.open_date < year_ago - timedelta(days=180)
        ]
        # Transfers out: first the clients who moved the most money away, then at random.
        n_out = round(TRANSFER_OUT_PER_MONTH * 12 * n)
        movers = sorted((c for c in candidates if c.id in outflow), key=lambda c: (outflow[c.id], c.id))
        k = min(len(movers), n_out * 2 // 3)
        chosen = movers[:k]
        rest = [c for c in candidates if c not in set(chosen)]
        if n_out > k and rest:
            pick = rng.choice(len(rest), size=min(n_out - k, len(rest)), replace=False)
            chosen += [rest[i] for i in sorted(pick)]
        for c in chosen:
            day = day_between(year_ago + timedelta(days=1), as_of - timedelta(days=1))
            events[c.id].append((day, E.TRANSFERRED_OUT.value, str(rng.choice(COUNTERPARTIES))))
            taken.add(c.id)
        free = [c for c in candidates if c.id not in taken]
        # A few regained: transferred out in the last year and back a month or more later.
        n_back = max(2, round(REGAINED_PER_YEAR * n))
        for i in sorted(rng.choice(len(free), size=min(n_back, len(free)), replace=False)):
            c = free[i]
            out_day = as_of - timedelta(days=int(rng.integers(200, 330)))
            back_day = out_day + timedelta(days=int(rng.integers(30, 150)))
            events[c.id].append((out_day, E.TRANSFERRED_OUT.value, str(rng.choice(COUNTERPARTIES))))
            events[c.id].append((min(back_day, as_of - timedelta(days=10)), E.TRANSFERRED_IN.value, None))
            taken.add(c.id)
        free = [c for c in free if c.id not in taken]
        n_react = round(REACTIVATED_PER_YEAR * n)
        for i in sorted(rng.choice(len(free), size=min(n_react, len(free)), replace=False)):
            c = free[i]
            woke = day_between(year_ago + timedelta(days=1), as_of - timedelta(days=5))
            slept = day_between(c.open_date + timedelta(days=200), woke - timedelta(days=200))
            events[c.id].append((slept, E.DORMANT.value, None))
            events[c.id].append((woke, E.REACTIVATED.value, None))
            taken.add(c.id)
        active = [r for r in rows if r.status == ClientStatus.ACTIVE.value and r.id not in taken]
        n_bank = round(BANK_CHANGES_PER_MONTH * 12 * n)
        for i in sorted(rng.choice(len(active), size=min(n_bank, len(active)), replace=False)):
            r = active[i]
            lo = max(year_ago + timedelta(days=1), r.open_date + timedelta(days=30))
            if lo < as_of:
                events[r.id].append((day_between(lo, as_of - timedelta(days=1)), E.BANK_CHANGED.value, None))

        now = utcnow()
        ev_rows = [
            {"client_id": cid, "date": d, "event": e, "counterparty": cp, "created_at": now}
            for cid, evs in events.items()
            for d, e, cp in sorted({(d, e): (d, e, cp) for d, e, cp in evs}.values())
        ]
        ev_table: Table = AccountEventRecord.__table__  # type: ignore[assignment]
        session.execute(insert(ev_table), ev_rows)
        status_of = {r.id: r.status for r in rows}
        cl: Table = Client.__table__  # type: ignore[assignment]
        changes: dict[str, list[int]] = defaultdict(list)
        for cid, evs in events.items():
            status = rules.status_after([(d, e) for d, e, _ in evs])
            if status is not None and status != status_of[cid]:
                changes[status].append(cid)
        for status, ids in changes.items():
            session.execute(
                update(cl)
                .where(cl.c.id.in_(ids))
                .values(status=status, version=cl.c.version + 1, updated_at=now)
            )
        story_id = next((r.id for r in rows if r.client_no == stories.LOST_RECORDED.client_no), None)
        _losses(session, events, manager, as_of, rng, now, story_id)
        counts: dict[str, int] = defaultdict(int)
        for row in ev_rows:
            counts[str(row["event"])] += 1
        return dict(counts)


def _losses(
    session: object,
    events: dict[int, list[tuple[date, str, str | None]]],
    manager: dict[int, int | None],
    as_of: date,
    rng: np.random.Generator,
    now: datetime,
    story_id: int | None,
) -> None:
    """Churn records and loss tasks, as the account-events import makes them; older losses have their
    reason recorded by the manager and their win-back call made."""
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    codes = [c for c, _ in REASONS]
    weights = np.array([w for _, w in REASONS])
    records, tasks = [], []
    for cid, evs in sorted(events.items()):
        for day, event, _cp in sorted(evs, key=lambda e: rules.event_order(e[0], e[1])):
            if event not in rules.LOSS_EVENTS:
                continue
            age = (as_of - day).days
            rec: dict[str, object] = {
                "client_id": cid,
                "lost_on": day,
                "event": event,
                "manager_id": manager[cid],
                "version": 1,
                "reason": None,
                "comment": None,
                "recorded_by_id": None,
                "recorded_at": None,
            }
            story = cid == story_id
            recorded = age <= 365 and age >= REASON_RECORDED_AFTER and manager[cid] is not None
            if recorded:
                code = (
                    ChurnReason.PRICE_OR_SERVICE_ELSEWHERE.value
                    if story
                    else str(codes[int(rng.choice(len(codes), p=weights / weights.sum()))])
                )
                when = day + timedelta(days=int(rng.integers(1, min(REASON_RECORDED_AFTER, age) + 1)))
                rec.update(
                    reason=code,
                    comment=LOST_STORY_COMMENT if story else REASON_COMMENTS[code],
                    recorded_by_id=manager[cid],
                    recorded_at=_at(min(when, as_of), int(rng.integers(0, 480))),
                )
            records.append(rec)
            for t in rules.loss_tasks(cid, day, as_of):
                done = (t.source == TaskSource.CHURN_REASON.value and recorded) or (
                    t.source == TaskSource.WIN_BACK.value and age >= WIN_BACK_DONE_AFTER
                )
                tasks.append(
                    {
                        "client_id": cid,
                        "manager_id": manager[cid],
                        "task_type": t.task_type,
                        "source": t.source,
                        "due_date": t.due,
                        "status": TaskStatus.DONE.value if done else TaskStatus.OPEN.value,
                        "completed_at": rec["recorded_at"]
                        if done and rec["recorded_at"]
                        else (now if done else None),
                        "dedupe_key": t.dedupe_key,
                        "created_at": now,
                        "updated_at": now,
                        "version": 1,
                    }
                )
    if records:
        session.execute(insert(ChurnRecord.__table__), records)  # type: ignore[arg-type]
    if tasks:
        session.execute(insert(ServiceTask.__table__), tasks)  # type: ignore[arg-type]


__all__ = ["add_demo_flow"]
