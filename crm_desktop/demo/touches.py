"""A year of service touches for the demo clients, recorded by each client's manager."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from crm_desktop.demo import stories
from crm_desktop.demo.accounts import ACTIVE, CHURNING, CLOSED, DORMANT, Population

# type -> (weight, channels, summaries)
_TYPES: dict[str, tuple[float, tuple[str, ...], tuple[str, ...]]] = {
    "phone_call": (
        0.42,
        ("phone",),
        (
            "电话回访，客户近期交易正常，对服务表示满意。",
            "与客户沟通近期市场情况及持仓结构，客户暂无调整计划。",
            "提醒客户关注持仓个股的业绩披露，客户表示会跟踪。",
            "了解客户资金安排，客户计划近期追加资金。",
        ),
    ),
    "message": (
        0.18,
        ("wechat", "sms"),
        ("发送每周市场观点摘要。", "推送客户关注行业的研究报告。", "提醒客户新股申购安排。"),
    ),
    "visit": (
        0.08,
        ("in_person",),
        ("客户到营业部面谈，讨论资产配置方案。", "上门拜访客户，介绍两融及理财产品，客户表示考虑。"),
    ),
    "review_letter": (
        0.05,
        ("email", "mail"),
        ("寄送季度账户分析报告。", "发送账户分析报告并电话解读要点。"),
    ),
    "risk_disclosure": (
        0.06,
        ("phone", "in_person"),
        ("向客户揭示创业板、科创板交易风险，客户已知悉。", "就集中持仓风险向客户作风险提示。"),
    ),
    "risk_reassessment": (0.04, ("in_person", "phone"), ("协助客户完成风险承受能力重新评估。",)),
    "retention_call": (
        0.04,
        ("phone",),
        (
            "客户资金转出，致电了解原因：对佣金有意见，已反馈营业部。",
            "客户转出部分资产，沟通后表示暂时观望。",
        ),
    ),
    "greeting": (0.10, ("wechat", "sms"), ("节日问候。", "生日祝福。")),
    "complaint": (
        0.004,
        ("phone",),
        ("客户反映交易软件登录缓慢，已登记并转技术部门处理。", "客户对回访频率提出意见，已记录并调整。"),
    ),
}
_NAMES = tuple(_TYPES)
_WEIGHTS = np.array([t[0] for t in _TYPES.values()])
# Satisfaction 1..5 for the best and for the weakest manager; each manager's mix lies in between.
_SAT_GOOD = np.array([0.01, 0.02, 0.10, 0.37, 0.50])
_SAT_POOR = np.array([0.08, 0.15, 0.32, 0.30, 0.15])
# The branch's service plan by wealth tier (~grade V1..V5): (touch type, interval in days), as in
# resources/config/service_plan.toml. Managers keep to it, a few late (more often the weaker ones), so the
# agenda shows an ordinary day's work rather than a backlog.
_PLAN = (
    (("phone_call", 365),),
    (("phone_call", 180), ("review_letter", 365)),
    (("phone_call", 90), ("review_letter", 180)),
    (("phone_call", 60), ("review_letter", 90), ("visit", 365)),
    (("phone_call", 30), ("review_letter", 90), ("visit", 180)),
)
_NEXT_STEPS = ("下月再次回访。", "寄送相关研究报告。", "跟进客户追加资金安排。", "邀请参加季度投资策略会。")


_CHANNELS = [t[1] for t in _TYPES.values()]
_TEXTS = [t[2] for t in _TYPES.values()]
_N_CHANNELS = np.array([len(c) for c in _CHANNELS])
_N_TEXTS = np.array([len(t) for t in _TEXTS])
_NO_SATISFACTION = np.array([n in ("message", "greeting") for n in _NAMES])
_NO_IDENTITY = np.array([n in ("message", "greeting", "review_letter") for n in _NAMES])
_RISK = np.array([n in ("risk_disclosure", "risk_reassessment") for n in _NAMES])
_COMPLAINT = _NAMES.index("complaint")


def _plan_touches(
    tier: np.ndarray,
    status: np.ndarray,
    has: np.ndarray,
    quality: np.ndarray,
    start: np.ndarray,
    span: np.ndarray,
    as_of: np.datetime64,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Planned touches: the last one a random part of the interval ago (late by 1-30 days for 2-12 % of
    clients, the weaker the manager the more), earlier ones an interval apart, all inside the data."""
    out_c: list[np.ndarray] = []
    out_k: list[np.ndarray] = []
    out_o: list[np.ndarray] = []
    served = has & (status != CLOSED)
    for t, plan in enumerate(_PLAN):
        rows = np.nonzero(served & (tier == t))[0]
        if not len(rows):
            continue
        for name, interval in plan:
            late = rng.random(len(rows)) < 0.02 + 0.10 * (1 - quality[rows])
            ago = np.where(
                late,
                interval + rng.integers(1, 31, len(rows)),
                (rng.random(len(rows)) * interval).astype(np.int64),
            )
            for cycle in range(366 // interval + 1):
                days = as_of - ago - cycle * interval + rng.integers(-3, 4, len(rows)) * (cycle > 0)
                off = (days - start[rows]).astype(np.int64)
                keep = (off >= 0) & (off <= span[rows])
                out_c.append(rows[keep])
                out_k.append(np.full(int(keep.sum()), _NAMES.index(name)))
                out_o.append(off[keep])
    if not out_c:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    return np.concatenate(out_c), np.concatenate(out_k), np.concatenate(out_o)


@dataclass
class TouchRows:
    client: np.ndarray  # global client index
    kind: np.ndarray  # index into TYPE_NAMES
    channel: list[str]
    occurred: np.ndarray  # datetime64[s], UTC
    summary: list[str]
    satisfaction: list[int | None]
    next_step: list[str | None]
    follow_up: np.ndarray  # datetime64[D], NaT when none
    checklist: list[dict[str, bool]]

    @property
    def types(self) -> list[str]:
        return [_NAMES[k] for k in self.kind.tolist()]


def touches_for_block(
    pop: Population, lo: int, hi: int, as_of: date, last_day: np.ndarray, seed: int, block_no: int
) -> TouchRows:
    """Touch rows for clients lo..hi; ``last_day`` is each client's last day with data (datetime64[D], NaT
    when the account has none in the window)."""
    rng = np.random.default_rng([seed, 4, block_no])
    tier = pop.tier[lo:hi]
    status = pop.status[lo:hi]
    has = ~np.isnat(last_day)
    rate = np.array([1.0, 1.5, 2.5, 3.5, 5.0])[tier]
    # Dormant and closing accounts get few contacts; the retention call below is added on top.
    rate = np.select([status == DORMANT, status == ACTIVE], [0.4, rate], 1.0)
    quality = pop.manager_quality[pop.manager[lo:hi]]
    counts = rng.poisson(rate * (0.5 + quality)) * has
    window_start = np.datetime64(as_of - timedelta(days=364), "D")
    start = np.maximum(pop.open_date[lo:hi], window_start)
    last = np.where(has, last_day, start)
    span = np.maximum((last - start).astype(np.int64), 0)

    local = np.repeat(np.arange(hi - lo), counts)
    kind = rng.choice(len(_NAMES), len(local), p=_WEIGHTS / _WEIGHTS.sum())
    offset = (rng.random(len(local)) * (span[local] + 1)).astype(np.int64)
    # New-account follow-up call (新开户回访) within the first weeks; a retention call for churners.
    new_c = np.nonzero(has & (pop.open_date[lo:hi] >= window_start))[0]
    churn_c = np.nonzero(has & (pop.behaviour[lo:hi] == CHURNING))[0]
    local = np.concatenate([local, new_c, churn_c])
    kind = np.concatenate(
        [
            kind,
            np.full(len(new_c), _NAMES.index("phone_call")),
            np.full(len(churn_c), _NAMES.index("retention_call")),
        ]
    )
    offset = np.concatenate(
        [
            offset,
            np.minimum(rng.integers(1, 25, len(new_c)), span[new_c]),
            np.maximum(span[churn_c] - rng.integers(0, 5, len(churn_c)), 0),
        ]
    )
    plan_local, plan_kind, plan_offset = _plan_touches(
        tier, status, has, quality, start, span, np.datetime64(as_of, "D"), rng
    )
    local = np.concatenate([local, plan_local])
    kind = np.concatenate([kind, plan_kind])
    offset = np.concatenate([offset, plan_offset])
    day = start[local] + offset
    # Weekends move back to the Friday before (unless that is before the account opened).
    weekday = (day.astype(np.int64) + 3) % 7
    back = np.where(weekday >= 5, weekday - 4, 0)
    day = np.where(day - back >= start[local], day - back, day)
    # Office hours in Beijing (UTC+8): 09:00-17:30 local is 01:00-09:30 UTC.
    occurred = day.astype("datetime64[s]") + rng.integers(3600, 9 * 3600 + 1800, len(day)).astype(
        "timedelta64[s]"
    )
    order = np.lexsort((occurred, local))
    local, kind, occurred = local[order], kind[order], occurred[order]
    m = len(local)

    ch = (rng.random(m) * _N_CHANNELS[kind]).astype(np.int64)
    tx = (rng.random(m) * _N_TEXTS[kind]).astype(np.int64)
    q = quality[local][:, None]
    cum = np.cumsum(q * _SAT_GOOD + (1 - q) * _SAT_POOR, axis=1)
    sat = np.minimum((rng.random(m)[:, None] > cum).sum(axis=1), 4) + 1
    sat = np.where(kind == _COMPLAINT, np.minimum(sat, rng.integers(1, 4, m)), sat)
    no_sat = (rng.random(m) < 0.15) | _NO_SATISFACTION[kind]
    has_next = rng.random(m) < 0.3
    nxt = rng.integers(0, len(_NEXT_STEPS), m)
    follow = np.where(
        has_next, occurred.astype("datetime64[D]") + rng.integers(7, 45, m), np.datetime64("NaT")
    )
    needs = rng.random(m) < 0.6
    risk = _RISK[kind] | (rng.random(m) < 0.2)
    ident = ~_NO_IDENTITY[kind]
    kinds = kind.tolist()
    summaries = [_TEXTS[k][t] for k, t in zip(kinds, tx.tolist(), strict=True)]
    if stories.active(pop.n):
        # The churn stories' retention calls say why the client left (docs/demo.md, story clients).
        reason_of = {s.index: stories.CHURN_SUMMARIES[s.key] for s in stories.CHURN_STORIES}
        retention = _NAMES.index("retention_call")
        for j in np.nonzero((kind == retention) & np.isin(local + lo, list(reason_of)))[0].tolist():
            summaries[j] = reason_of[int(local[j]) + lo]
    return TouchRows(
        client=local + lo,
        kind=kind,
        channel=[_CHANNELS[k][c] for k, c in zip(kinds, ch.tolist(), strict=True)],
        occurred=occurred,
        summary=summaries,
        satisfaction=[None if n else v for v, n in zip(sat.tolist(), no_sat.tolist(), strict=True)],
        next_step=[
            _NEXT_STEPS[j] if h else None for j, h in zip(nxt.tolist(), has_next.tolist(), strict=True)
        ],
        follow_up=follow,
        checklist=[
            {"identity_verified": a, "needs_asked": b, "risk_disclosed": c}
            for a, b, c in zip(ident.tolist(), needs.tolist(), risk.tolist(), strict=True)
        ],
    )
