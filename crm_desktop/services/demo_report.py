"""How a store compares with an ordinary branch: each measured figure beside its target and range.

Read-only and meant for any store (a demo, or real data to see how it differs), one read transaction.
The targets and their reasons are documented in docs/demo.md; ``crm demo --report`` prints this, and the
demo's calibration test asserts that a 1,000-client demo lands inside every range.

Figures are measured over the 365 days ending at ``as_of`` (default: the latest asset snapshot) on the
clients that are not closed, unless a figure says otherwise. Figures that need a score run (grades, win
rates) read the latest run on or before ``as_of``; without one they are reported as not measurable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from crm_desktop.db.models import (
    AccountEventRecord,
    AlertCase,
    AssetSnapshot,
    CallbackItem,
    Campaign,
    CampaignTarget,
    Client,
    ClientScore,
    Complaint,
    ScoreRun,
    Security,
    ServiceTask,
    Staff,
    SuitabilityFinding,
    Touch,
    Trade,
    TradingPermission,
)
from crm_desktop.db.models.enums import Role
from crm_desktop.db.store import Store
from crm_desktop.domain.suitability import add_years
from crm_desktop.errors import PermissionDenied
from crm_desktop.i18n import tr
from crm_desktop.services.auth import Actor

SHARE, RATE, NUMBER = "share", "rate", "number"

# Board thresholds for opening a permission (current rules): 20-trading-day average assets and 24 months of
# trading experience.
BOARD_ASSETS = {"star": 500_000, "chinext": 100_000}
EXPERIENCE_YEARS = 2
GRADES = ("V1", "V2", "V3", "V4", "V5")


@dataclass(frozen=True)
class Target:
    key: str
    zh: str
    en: str
    target: float
    lo: float
    hi: float
    kind: str = SHARE

    @property
    def label(self) -> str:
        return tr(self.zh, self.en)


TARGETS: tuple[Target, ...] = (
    Target("grade_V1", "V1 客户占比", "Share of clients graded V1", 0.70, 0.62, 0.80),
    Target("grade_V2", "V2 客户占比", "Share graded V2", 0.22, 0.15, 0.30),
    Target("grade_V3", "V3 客户占比", "Share graded V3", 0.045, 0.025, 0.08),
    Target("grade_V4", "V4 客户占比", "Share graded V4", 0.015, 0.006, 0.03),
    Target("grade_V5", "V5 客户占比", "Share graded V5", 0.005, 0.001, 0.015),
    Target(
        "millionaires",
        "日均资产 ≥ 100 万元的客户占比",
        "Clients with average assets ≥ 1 M yuan",
        0.06,
        0.04,
        0.08,
    ),
    Target("inactive_12m", "12 个月无交易的客户占比", "Clients with no trade in 12 months", 0.38, 0.30, 0.45),
    Target(
        "asset_top20", "前 20% 客户的资产占比", "Asset share of the top 20 % of clients", 0.88, 0.80, 0.93
    ),
    Target(
        "commission_top20",
        "前 20% 客户的佣金占比",
        "Commission share of the top 20 % of clients",
        0.88,
        0.80,
        0.96,
    ),
    Target(
        "commission_rate_median",
        "有交易客户的实际佣金率中位数",
        "Median effective commission rate of trading clients",
        0.00025,
        0.00015,
        0.00035,
        RATE,
    ),
    Target(
        "minimum_charged", "按 5 元最低收费的成交占比", "Trades charged the 5-yuan minimum", 0.25, 0.10, 0.40
    ),
    Target(
        "minimum_waived",
        "可见免五的有交易客户占比",
        "Trading clients with a commission below 5 yuan (minimum waived)",
        0.40,
        0.25,
        0.60,
    ),
    Target(
        "win_rate_median",
        "平仓胜率中位数（≥5 笔平仓）",
        "Median closed-trade win rate (≥ 5 round trips)",
        0.52,
        0.45,
        0.60,
    ),
    Target(
        "profit_share",
        "已实现盈利的客户占比（≥5 笔平仓）",
        "Clients with a realised profit (≥ 5 round trips)",
        0.48,
        0.35,
        0.62,
    ),
    Target("star_buyers", "买入科创板的客户占比", "Clients who bought STAR shares", 0.06, 0.02, 0.12),
    Target(
        "star_eligible",
        "科创板买入者满足 50 万元与 2 年经验的占比",
        "STAR buyers meeting 500,000 yuan and 2 years' experience",
        0.97,
        0.90,
        1.0,
    ),
    Target("chinext_buyers", "买入创业板的客户占比", "Clients who bought ChiNext shares", 0.12, 0.05, 0.25),
    Target(
        "chinext_eligible",
        "创业板买入者满足 10 万元与 2 年经验的占比",
        "ChiNext buyers meeting 100,000 yuan and 2 years' experience",
        0.97,
        0.90,
        1.0,
    ),
    Target(
        "suitability_violations",
        "有适当性违规的客户占比",
        "Clients with a suitability violation",
        0.01,
        0.002,
        0.025,
    ),
    Target(
        "over_level_warned",
        "超等级买入已作特别风险警示的占比",
        "Purchases above level with a confirmed special warning",
        0.98,
        0.90,
        1.0,
    ),
    Target(
        "assessment_expired",
        "风险测评已过期的客户占比",
        "Clients with an expired risk assessment",
        0.05,
        0.03,
        0.10,
    ),
    Target("callback_reached", "回访接通占比", "Call-backs that reached the client", 0.78, 0.70, 0.90),
    Target(
        "red_flags", "回访红旗（每千客户）", "Call-back red flags per 1,000 clients", 1.0, 0.1, 5.0, NUMBER
    ),
    Target(
        "complaint_rate", "一年内投诉的客户占比", "Clients who complained within the year", 0.01, 0.005, 0.02
    ),
    Target(
        "tasks_today_per_manager",
        "每位投资经理今日到期待办（中位数）",
        "Tasks due today per investment manager (median)",
        8.0,
        1.0,
        20.0,
        NUMBER,
    ),
    Target(
        "overdue_per_manager",
        "每位投资经理逾期待办（中位数）",
        "Overdue tasks per investment manager (median)",
        3.0,
        0.0,
        20.0,
        NUMBER,
    ),
    Target(
        "campaign_conversion",
        "已结束营销活动的转化率（中位数）",
        "Conversion of finished campaigns (median)",
        0.05,
        0.02,
        0.15,
    ),
    Target(
        "openings_per_month",
        "每月开户与转入（占客户数）",
        "Accounts opened or transferred in per month (share of clients)",
        0.009,
        0.005,
        0.015,
    ),
    Target(
        "closures_per_month",
        "每月销户（占客户数）",
        "Accounts closed per month (share of clients)",
        0.0015,
        0.0005,
        0.005,
    ),
    Target(
        "transfers_out_per_month",
        "每月转出（占客户数）",
        "Accounts transferred out per month (share of clients)",
        0.005,
        0.002,
        0.01,
    ),
    Target(
        "transfers_in_per_month",
        "每月转入（占客户数）",
        "Accounts transferred in per month (share of clients)",
        0.0015,
        0.0005,
        0.004,
    ),
    Target(
        "regained_share",
        "一年内流失客户中已挽回的占比",
        "Clients lost within the year who were regained",
        0.05,
        0.02,
        0.15,
    ),
    Target(
        "old_reassessments",
        "逾期超过 90 天的重新测评待办占逾期待办比例",
        "Overdue tasks that are reassessments over 90 days late",
        0.0,
        0.0,
        0.10,
    ),
)
TARGET_BY_KEY = {t.key: t for t in TARGETS}


@dataclass(frozen=True)
class Figure:
    target: Target
    value: float | None  # None: not measurable on this store (no score run, no such records)
    basis: int  # how many clients, trades or items the figure is measured on

    @property
    def in_range(self) -> bool | None:
        if self.value is None:
            return None
        return self.target.lo - 1e-12 <= self.value <= self.target.hi + 1e-12


@dataclass(frozen=True)
class DemoReport:
    as_of: date
    clients: int  # not closed
    figures: tuple[Figure, ...]

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.target.key == key)

    @property
    def out_of_range(self) -> list[Figure]:
        return [f for f in self.figures if f.in_range is False]


def format_value(value: float | None, kind: str) -> str:
    if value is None:
        return "—"
    if kind == SHARE:
        return f"{value * 100:.1f}%"
    if kind == RATE:
        return tr("万{v:.2f}", "{v:.2f} bp", v=value * 10_000)
    return f"{value:.1f}"


def _top20(values: np.ndarray) -> float | None:
    total = float(values.sum())
    if len(values) == 0 or total <= 0:
        return None
    k = max(1, len(values) // 5)
    return float(np.sort(values)[::-1][:k].sum() / total)


def _frame(session: Session, query: Executable, columns: list[str]) -> pd.DataFrame:
    rows = session.execute(query).all()
    return pd.DataFrame(rows, columns=columns)


def measure(store: Store, actor: Actor | None, as_of: date | None = None) -> DemoReport:
    """Measure every figure of :data:`TARGETS`. ``actor`` None is the command-line path; an actor must be
    an administrator or a branch manager (the figures cover the whole branch)."""
    if actor is not None and not (actor.is_admin or actor.is_branch_manager):
        raise PermissionDenied(
            tr(
                "只有管理员和营业部负责人可以查看全营业部的校准报告。",
                "Only administrators and branch managers may see the branch-wide calibration report.",
            )
        )
    values: dict[str, tuple[float | None, int]] = {}
    with store.read() as s:
        as_of = as_of or s.scalar(select(func.max(AssetSnapshot.date)))
        if as_of is None:  # no account history at all: nothing to measure
            return DemoReport(date.min, 0, tuple(Figure(t, None, 0) for t in TARGETS))
        start = as_of - timedelta(days=364)
        clients = _frame(
            s,
            select(Client.id, Client.status, Client.open_date, Client.risk_assessed_on),
            ["id", "status", "open_date", "assessed"],
        )
        live = clients[clients["status"] != "closed"]
        n = len(live)
        live_ids = set(live["id"].tolist())

        avg = _frame(
            s,
            select(AssetSnapshot.client_id, func.avg(AssetSnapshot.total_assets))
            .where(AssetSnapshot.date.between(start, as_of))
            .group_by(AssetSnapshot.client_id),
            ["id", "avg"],
        )
        avg = avg[avg["id"].isin(live_ids)]
        avg_by_id = dict(zip(avg["id"].tolist(), avg["avg"].astype(float).tolist(), strict=True))
        assets = np.array([avg_by_id.get(c, 0.0) for c in live["id"].tolist()])
        values["millionaires"] = (float((assets >= 1_000_000).mean()) if n else None, n)
        values["asset_top20"] = (_top20(assets), n)

        trades = _frame(
            s,
            select(
                Trade.client_id,
                func.count(),
                func.sum(Trade.amount),
                func.sum(Trade.commission),
                func.sum(case((Trade.commission == 5, 1), else_=0)),
                func.min(Trade.commission),
            )
            .where(Trade.trade_date.between(start, as_of))
            .group_by(Trade.client_id),
            ["id", "n", "amount", "commission", "at_minimum", "lowest"],
        )
        trades = trades[trades["id"].isin(live_ids)]
        traded = set(trades["id"].tolist())
        values["inactive_12m"] = (1 - len(traded) / n if n else None, n)
        com_by_id = dict(zip(trades["id"].tolist(), trades["commission"].astype(float).tolist(), strict=True))
        commission = np.array([com_by_id.get(c, 0.0) for c in live["id"].tolist()])
        values["commission_top20"] = (_top20(commission), n)
        if len(trades):
            eff = trades["commission"].astype(float) / trades["amount"].astype(float)
            values["commission_rate_median"] = (float(eff.median()), len(trades))
            total_trades = int(trades["n"].sum())
            values["minimum_charged"] = (
                float(trades["at_minimum"].astype(float).sum()) / total_trades,
                total_trades,
            )
            values["minimum_waived"] = (float((trades["lowest"].astype(float) < 5).mean()), len(trades))

        # grades and trading results from the latest score run on or before as_of
        run_id = s.scalar(
            select(ScoreRun.id)
            .where(ScoreRun.as_of <= as_of)
            .order_by(ScoreRun.as_of.desc(), ScoreRun.id.desc())
        )
        if run_id is not None:
            scores = _frame(
                s,
                select(
                    ClientScore.client_id,
                    ClientScore.grade,
                    ClientScore.win_rate,
                    ClientScore.realized_pnl,
                    ClientScore.trading_ability,
                ).where(ClientScore.run_id == run_id),
                ["id", "grade", "win_rate", "pnl", "ability"],
            )
            scores = scores[scores["id"].isin(live_ids)]
            for g in GRADES:
                values[f"grade_{g}"] = (
                    float((scores["grade"] == g).mean()) if len(scores) else None,
                    len(scores),
                )
            rated = scores[scores["ability"] != "insufficient_data"]
            if len(rated):
                values["win_rate_median"] = (float(rated["win_rate"].median()), len(rated))
                values["profit_share"] = (float((rated["pnl"].astype(float) > 0).mean()), len(rated))

        _boards(s, start, as_of, live, n, values)

        findings = _frame(
            s,
            select(SuitabilityFinding.client_id, SuitabilityFinding.kind, SuitabilityFinding.warned),
            ["id", "kind", "warned"],
        )
        violation = findings[
            findings["kind"].isin(["lowest_category", "no_permission"])
            | ((findings["kind"] == "over_level") & (findings["warned"] == False))  # noqa: E712
        ]
        values["suitability_violations"] = (violation["id"].nunique() / n if n else None, n)
        over = findings[findings["kind"] == "over_level"]
        if len(over):
            values["over_level_warned"] = (float((over["warned"] == True).mean()), len(over))  # noqa: E712

        assessed = [d for d in live["assessed"].tolist()]
        expired = sum(1 for d in assessed if d is None or add_years(d, 2) <= as_of)
        values["assessment_expired"] = (expired / n if n else None, n)

        cb = _frame(
            s,
            select(CallbackItem.outcome, func.count())
            .where(CallbackItem.status == "done")
            .group_by(CallbackItem.outcome),
            ["outcome", "n"],
        )
        done = int(cb["n"].sum()) if len(cb) else 0
        if done:
            reached = int(cb.loc[cb["outcome"] == "reached", "n"].sum())
            values["callback_reached"] = (reached / done, done)
        flags = s.scalar(select(func.count()).select_from(AlertCase)) or 0
        values["red_flags"] = (flags * 1000 / n if n else None, n)

        lo_ts, hi_ts = _utc_bounds(start, as_of)
        complainers = set(
            s.scalars(select(Complaint.client_id).where(Complaint.received_at.between(lo_ts, hi_ts)))
        ) | set(
            s.scalars(
                select(Touch.client_id).where(
                    Touch.touch_type == "complaint",
                    Touch.status == "active",
                    Touch.occurred_at.between(lo_ts, hi_ts),
                )
            )
        )
        values["complaint_rate"] = (len(complainers & live_ids) / n if n else None, n)

        _tasks(s, as_of, values)
        _campaigns(s, as_of, values)
        _flow(s, start, as_of, len(clients), values)

    figures = tuple(Figure(t, *values.get(t.key, (None, 0))) for t in TARGETS)
    return DemoReport(as_of, n, figures)


def _utc_bounds(start: date, end: date) -> tuple[object, object]:
    from datetime import UTC, datetime, time

    return datetime.combine(start, time(0), tzinfo=UTC) - timedelta(hours=8), datetime.combine(
        end, time(23, 59, 59), tzinfo=UTC
    )


def _boards(
    s: Session,
    start: date,
    as_of: date,
    live: pd.DataFrame,
    n: int,
    values: dict[str, tuple[float | None, int]],
) -> None:
    """Buyers on STAR and ChiNext in the window, and whether they met the opening thresholds: the average
    total assets of their 20 trading days before the first such buy (as far as the data reaches) and 24
    months since the account opened, counted to the permission's opening (or the first buy without one)."""
    first_q = (
        select(
            Trade.client_id.label("client_id"),
            Security.board.label("board"),
            func.min(Trade.trade_date).label("first"),
        )
        .join(Security, Security.code == Trade.code)
        .where(
            Trade.side == "buy",
            Trade.trade_date.between(start, as_of),
            Security.board.in_(list(BOARD_ASSETS)),
        )
        .group_by(Trade.client_id, Security.board)
        .subquery()
    )
    first = _frame(s, select(first_q.c.client_id, first_q.c.board, first_q.c.first), ["id", "board", "first"])
    live_ids = set(live["id"].tolist())
    first = first[first["id"].isin(live_ids)]
    if first.empty:
        for board in BOARD_ASSETS:
            values[f"{board}_buyers"] = (0.0 if n else None, n)
        return
    # Only the days that can count: before the first buy, or the first weeks of the data (a buy on the
    # data's first day is judged on its first 20 days). Joined in SQL, so a large store sends few rows.
    early = start + timedelta(days=40)
    snaps = _frame(
        s,
        select(first_q.c.client_id, first_q.c.board, AssetSnapshot.date, AssetSnapshot.total_assets)
        .join(AssetSnapshot, AssetSnapshot.client_id == first_q.c.client_id)
        .where(
            AssetSnapshot.date.between(start, as_of),
            (AssetSnapshot.date < first_q.c.first) | (AssetSnapshot.date <= early),
        ),
        ["id", "board", "date", "assets"],
    )
    perms = _frame(
        s,
        select(TradingPermission.client_id, TradingPermission.permission, TradingPermission.opened_on)
        .join(first_q, first_q.c.client_id == TradingPermission.client_id)
        .distinct(),
        ["id", "board", "opened_on"],
    )
    opened_on = {(c, b): d for c, b, d in perms.itertuples(index=False)}
    open_date = dict(zip(live["id"].tolist(), live["open_date"].tolist(), strict=True))
    for board, need in BOARD_ASSETS.items():
        mine = snaps[snaps["board"] == board]
        by_client = {c: g.sort_values("date") for c, g in mine.groupby("id")}
        rows = first[first["board"] == board]
        values[f"{board}_buyers"] = (len(rows) / n if n else None, n)
        if rows.empty:
            continue
        ok = 0
        for c, _b, d in rows.itertuples(index=False):
            g = by_client.get(c)
            window = np.zeros(0)
            if g is not None:
                dates = g["date"].to_numpy()
                assets = np.asarray(g["assets"].to_numpy(), dtype=float)
                window = assets[dates < d][-20:]
                if not len(window):  # bought on the first day of the data: its first 20 days instead
                    window = assets[:20]
            rich = bool(len(window)) and float(window.mean()) >= need
            permitted = opened_on.get((c, board), d)
            experienced = add_years(open_date[c], EXPERIENCE_YEARS) <= permitted
            ok += rich and experienced
        values[f"{board}_eligible"] = (ok / len(rows), len(rows))


def _tasks(s: Session, as_of: date, values: dict[str, tuple[float | None, int]]) -> None:
    managers = list(s.scalars(select(Staff.id).where(Staff.role == Role.INVESTMENT_MANAGER.value)))
    if not managers:
        return
    tasks = _frame(
        s,
        select(ServiceTask.manager_id, ServiceTask.task_type, ServiceTask.source, ServiceTask.due_date).where(
            ServiceTask.status.in_(["open", "overdue"])
        ),
        ["manager", "type", "source", "due"],
    )
    overdue = tasks[tasks["due"] < as_of] if len(tasks) else tasks
    today = tasks[tasks["due"] == as_of] if len(tasks) else tasks
    per_over = [int((overdue["manager"] == m).sum()) if len(overdue) else 0 for m in managers]
    per_today = [int((today["manager"] == m).sum()) if len(today) else 0 for m in managers]
    values["overdue_per_manager"] = (float(np.median(per_over)), len(managers))
    values["tasks_today_per_manager"] = (float(np.median(per_today)), len(managers))
    if len(overdue):
        old = overdue[
            (overdue["source"] == "risk_reassessment") & (overdue["due"] < as_of - timedelta(days=90))
        ]
        values["old_reassessments"] = (len(old) / len(overdue), len(overdue))
    else:
        values["old_reassessments"] = (0.0, 0)


def _campaigns(s: Session, as_of: date, values: dict[str, tuple[float | None, int]]) -> None:
    """Per finished campaign (launched, period over): subscribed or activated targets among the targets
    given to a manager; the median over those campaigns."""
    rows = s.execute(
        select(
            CampaignTarget.campaign_id,
            func.count(),
            func.sum(case((CampaignTarget.response == "subscribed", 1), else_=0)),
        )
        .join(Campaign, Campaign.id == CampaignTarget.campaign_id)
        .where(
            Campaign.status == "launched",
            Campaign.end_date < as_of,
            CampaignTarget.task_id.is_not(None),
        )
        .group_by(CampaignTarget.campaign_id)
    ).all()
    rates = [int(won or 0) / int(n) for _cid, n, won in rows if n]
    values["campaign_conversion"] = (float(np.median(rates)) if rates else None, len(rates))


def _flow(s: Session, start: date, as_of: date, n: int, values: dict[str, tuple[float | None, int]]) -> None:
    """Account events of the year, classified by the flow rules, per month as a share of all clients."""
    from collections import defaultdict

    from crm_desktop.domain import flow as rules

    by_client: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for cid, day, event in s.execute(
        select(AccountEventRecord.client_id, AccountEventRecord.date, AccountEventRecord.event).where(
            AccountEventRecord.date <= as_of
        )
    ):
        by_client[cid].append((day, event))
    if not by_client or not n:
        return
    kinds: dict[str | None, int] = defaultdict(int)
    lost: set[int] = set()
    regained: set[int] = set()
    for cid, evs in by_client.items():
        for day, _event, kind in rules.classify(evs):
            if day < start:
                continue
            kinds[kind] += 1
            if kind in (rules.CLOSED, rules.TRANSFERRED_OUT):
                lost.add(cid)
            elif kind == rules.REGAINED and cid in lost:
                regained.add(cid)
    months = 12.0
    values["openings_per_month"] = ((kinds[rules.NEW_ACCOUNT] + kinds[rules.TRANSFER_IN]) / months / n, n)
    values["closures_per_month"] = (kinds[rules.CLOSED] / months / n, n)
    values["transfers_out_per_month"] = (kinds[rules.TRANSFERRED_OUT] / months / n, n)
    values["transfers_in_per_month"] = (kinds[rules.TRANSFER_IN] / months / n, n)
    values["regained_share"] = (len(regained) / len(lost) if lost else None, len(lost))


__all__ = ["TARGETS", "DemoReport", "Figure", "Target", "format_value", "measure"]
