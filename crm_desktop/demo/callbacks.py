"""Demo call-backs and complaints: a call-back officer (cb01), a year of call-backs, a handful of complaints
and one red flag, so the call-back screens, the compliance figures and the manager scores have data.

Deterministic for a given store and date (the random stream is seeded from ``as_of``). Written before the
demo's scoring run, because call-back satisfaction feeds the manager capability score. Skipped when the
store already has call-backs (a demo loaded again keeps what is there).
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta, timezone

from sqlalchemy import func, select

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
from crm_desktop.demo import stories
from crm_desktop.domain import callbacks as rules
from crm_desktop.domain import complaints as complaint_rules
from crm_desktop.services import audit, staff
from crm_desktop.services.auth import login
from crm_desktop.services.callback_config import load_complaint_settings

OFFICER = "cb01"
CST = timezone(timedelta(hours=8))
UNREACHABLE_SHARE = 0.21  # about a fifth of the call-backs never reach the client
REFUSED_SHARE = 0.03
RED_FLAGS_PER_CLIENT = 0.001  # about one red-flag call-back per 1,000 clients
FLAG_EVERY = 60  # ... i.e. about one in 60 reached sample calls (10 % sample, ~78 % reached)
COMPLAINTS_PER_CLIENT = 0.005  # registered complaints a year; complaint touches add about as many again
CLEAN = {
    "identity": "yes",
    "knows_account_changes": "yes",
    "proxy_trading": "no",
    "full_mandate": "no",
    "promised_returns": "no",
    "risk_disclosed": "yes",
}
COMMENTS = ("服务及时，满意", "希望多提供研报", "经理很专业", "交易软件偶尔卡顿", "佣金希望再优惠一些", "")
COMPLAINTS = (  # channel, category, summary, days ago, resolved after n working days (None: still open)
    ("phone", "service", "经理长时间未回复客户电话", 300, 6),
    ("online", "system", "行情软件开盘时登录失败", 220, 3),
    ("letter", "fees", "佣金费率高于开户时的约定", 150, 18),
    ("visit", "trading", "条件单未按设定价格触发", 80, 9),
    ("regulator_referral", "misconduct", "客户反映曾被推荐超出风险等级的产品", 40, None),
    ("phone", "other", "营业部停车位不足", 6, None),
)


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=CST).astimezone(UTC)


def add_demo_callbacks(store: Store, as_of: date, password: str) -> int:
    """Add the officer and the call-back history; returns how many call-back records were written."""
    with store.read() as session:
        if session.scalar(select(func.count()).select_from(CallbackRecord)):
            return 0
        bm = session.scalar(select(Staff).where(Staff.role == Role.BRANCH_MANAGER.value))
        if bm is None or bm.branch is None:  # not a demo store
            return 0
        branch_code, branch_id = bm.branch.code, bm.branch_id
        has_officer = session.scalar(select(Staff.id).where(Staff.login == OFFICER)) is not None
    if not has_officer:
        admin = login(store, "admin", password)
        staff.add_user(
            store,
            admin,
            OFFICER,
            role=Role.CALLBACK_OFFICER.value,
            display_name="周晓岚",
            branch_code=branch_code,
            password=password,
            hire_date=as_of - timedelta(days=900),
            qualifications=["securities_practitioner"],
            phone="13901680099",
        )
    rng = random.Random(as_of.toordinal())
    settings = load_complaint_settings()
    with store.transaction() as session:
        officer_id = session.scalar(select(Staff.id).where(Staff.login == OFFICER))
        assert officer_id is not None and branch_id is not None
        clients = session.execute(
            select(Client.id, Client.manager_id, Client.open_date, Client.status).where(
                Client.branch_id == branch_id
            )
        ).all()
        # The red-flag story client (docs/demo.md) is the one flagged call-back when the demo has it.
        story_cid = session.scalar(select(Client.id).where(Client.client_no == stories.RED_FLAG.client_no))
        records = 0
        flagged = False
        extra_flags = max(0, round(len(clients) * RED_FLAGS_PER_CLIENT) - (1 if story_cid is not None else 0))
        eligible = 0

        def want_flag() -> bool:
            """Small demos without the story: the first eligible call; large ones: one in FLAG_EVERY."""
            nonlocal extra_flags, eligible
            if story_cid is None and not flagged:
                return True
            eligible += 1
            if extra_flags > 0 and eligible % FLAG_EVERY == 0:
                extra_flags -= 1
                return True
            return False

        def call(
            cid: int,
            mid: int | None,
            reason: str,
            due: date,
            first_try: date,
            key: str,
            sample_id: int | None = None,
            quarter: int | None = None,
            flag: bool = False,
        ) -> CallbackItem:
            nonlocal records, flagged
            item = CallbackItem(
                client_id=cid,
                branch_id=branch_id,
                manager_id=mid,
                reason=reason,
                due_date=due,
                status="open",
                dedupe_key=key,
                sample_id=sample_id,
                sample_quarter=quarter,
            )
            session.add(item)
            session.flush()
            if first_try > as_of - timedelta(days=2):
                return item  # still waiting in the pool
            draw = 1.0 if flag else rng.random()
            if draw < UNREACHABLE_SHARE:
                days = [first_try + timedelta(days=d) for d in (0, 1, 3)]
                for n, day in enumerate(d for d in days if d <= as_of):
                    session.add(
                        CallbackRecord(
                            item_id=item.id,
                            client_id=cid,
                            officer_id=officer_id,
                            manager_id=mid,
                            outcome="unreachable",
                            answers={},
                            occurred_at=_at(day, 9 + n),
                            attempt_no=n + 1,
                            comment="无人接听" if n else "关机",
                        )
                    )
                    records += 1
                if days[-1] <= as_of:
                    item.status, item.outcome, item.closed_at = "done", "unreachable", _at(days[-1], 11)
                return item
            outcome = "refused" if draw < UNREACHABLE_SHARE + REFUSED_SHARE else "reached"
            answers: dict[str, object] = {}
            sat = None
            if outcome == "reached":
                answers = dict(CLEAN)
                sat = rng.choices((5, 4, 3, 2, 1), weights=(45, 35, 13, 5, 2))[0]
                answers["satisfaction"] = sat
                comment = rng.choice(COMMENTS)
                if comment:
                    answers["comment"] = comment
                generic = reason == "sample" and first_try < as_of - timedelta(days=20)
                if flag or (generic and want_flag()):
                    answers["proxy_trading"] = "yes"
                    answers["comment"] = "客户称经理曾代为下单"
            rec = CallbackRecord(
                item_id=item.id,
                client_id=cid,
                officer_id=officer_id,
                manager_id=mid,
                outcome=outcome,
                answers=answers,
                satisfaction=sat,
                comment=answers.get("comment") if isinstance(answers.get("comment"), str) else None,
                recording_ref=f"REC-{first_try:%Y%m%d}-{item.id:05d}",
                occurred_at=_at(first_try, 10 + rng.randrange(6)),
                attempt_no=1,
            )
            session.add(rec)
            session.flush()
            records += 1
            item.status, item.outcome, item.closed_at, item.closed_by_record_id = (
                "done",
                outcome,
                rec.occurred_at,
                rec.id,
            )
            if answers.get("proxy_trading") == "yes":
                flagged = True
                session.add(
                    AlertCase(
                        client_id=cid,
                        branch_id=branch_id,
                        manager_id=mid,
                        record_id=rec.id,
                        kind="proxy_trading",
                        status="open",
                        opened_at=rec.occurred_at,
                    )
                )
            return item

        # New accounts of the last year, each called within a few working days of opening.
        for cid, mid, opened, status in clients:
            if status != "closed" and as_of - timedelta(days=365) < opened <= as_of:
                call(
                    cid,
                    mid,
                    "new_account",
                    rules.add_months(opened, 1),
                    opened + timedelta(days=rng.randrange(2, 12)),
                    f"new_account:{cid}",
                )
        # This year's sample, quarter by quarter; the current quarter's calls spread up to today.
        population = [(cid, mid) for cid, mid, _o, status in clients if status == "active"]
        sample = CallbackSample(
            branch_id=branch_id,
            year=as_of.year,
            seed=as_of.year * 7919 % 2**31,
            rate=0.10,
            picks=[],
            population=len(population),
        )
        session.add(sample)
        session.flush()
        picks = rules.draw_sample(population, sample.rate, sample.seed, {}, 1)
        manager_of = dict(population)
        if story_cid in manager_of:
            # In the sample, called about a month ago in the quarter of that day (or the first quarter).
            called = max(as_of - timedelta(days=30), date(as_of.year, 1, 1))
            picks[story_cid] = (called.month - 1) // 3 + 1
        sample.picks = [[cid, manager_of.get(cid), q] for cid, q in sorted(picks.items())]
        for cid, q in sorted(picks.items()):
            start, end = rules.quarter_start(as_of.year, q), rules.quarter_end(as_of.year, q)
            if start > as_of:
                continue
            span = (min(end, as_of) - start).days
            story = cid == story_cid
            call(
                cid,
                manager_of.get(cid),
                "sample",
                end,
                called if story else start + timedelta(days=rng.randrange(max(span, 1) + 1)),
                f"sample:{as_of.year}:{cid}",
                sample.id,
                q,
                flag=story,
            )
        # A handful of complaints; the branch manager handles them.
        bm_id = session.scalar(
            select(Staff.id).where(Staff.branch_id == branch_id, Staff.role == Role.BRANCH_MANAGER.value)
        )
        active = [(cid, mid) for cid, mid in population if mid is not None]
        # The six examples, and in a large demo more of the same kinds spread over the year.
        extra = max(0, round(len(active) * COMPLAINTS_PER_CLIENT) - len(COMPLAINTS))
        more = []
        for k in range(extra):
            channel, category, summary, _ago, _took = COMPLAINTS[k % len(COMPLAINTS)]
            ago = rng.randrange(3, 360)
            took = None if ago < 20 else rng.choice((3, 5, 6, 9, 12, 18))
            more.append((channel, category, summary, ago, took))
        picked = rng.sample(range(len(active)), min(extra, len(active))) if extra else []
        for n, (channel, category, summary, ago, took) in enumerate([*COMPLAINTS, *more]):
            cid, mid = (
                active[(n * 37) % len(active)] if n < len(COMPLAINTS) else active[picked[n - len(COMPLAINTS)]]
            )
            received = as_of - timedelta(days=ago)
            due = complaint_rules.deadlines(received, settings)
            c = Complaint(
                client_id=cid,
                branch_id=branch_id,
                received_at=_at(received, 14),
                channel=channel,
                category=category,
                summary=summary,
                registered_by_id=bm_id,
                about_manager_id=mid if category in ("service", "trading", "misconduct") else None,
                handler_id=bm_id,
                assigned_at=_at(received, 16),
                acknowledge_by=due.acknowledge_by,
                due_date=due.resolve_by,
                acknowledged_at=_at(received + timedelta(days=1), 10),
                status="assigned",
            )
            if took is not None:
                done = settings.calendar.add_working_days(received, took)
                c.status, c.resolution, c.accepted = "resolved", "已向客户说明情况并采取改进措施", took <= 15
                c.resolved_at, c.resolved_by_id = _at(done, 15), bm_id
            session.add(c)
        audit.record(
            session,
            None,
            "demo.callbacks",
            "callback_item",
            None,
            as_of=as_of.isoformat(),
            records=records,
            sample=len(picks),
            complaints=len(COMPLAINTS) + extra,
        )
        return records
