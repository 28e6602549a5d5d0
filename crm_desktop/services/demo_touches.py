"""A year of service touches for the demo clients, recorded by each client's manager."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from crm_desktop.services.demo_accounts import ACTIVE, CHURNING, DORMANT, Population

# type -> (weight, channels, summaries)
_TYPES: dict[str, tuple[float, tuple[str, ...], tuple[str, ...]]] = {
    "phone_call": (0.42, ("phone",), (
        "电话回访，客户近期交易正常，对服务表示满意。", "与客户沟通近期市场情况及持仓结构，客户暂无调整计划。",
        "提醒客户关注持仓个股的业绩披露，客户表示会跟踪。", "了解客户资金安排，客户计划近期追加资金。")),
    "message": (0.18, ("wechat", "sms"), (
        "发送每周市场观点摘要。", "推送客户关注行业的研究报告。", "提醒客户新股申购安排。")),
    "visit": (0.08, ("in_person",), (
        "客户到营业部面谈，讨论资产配置方案。", "上门拜访客户，介绍两融及理财产品，客户表示考虑。")),
    "review_letter": (0.05, ("email", "mail"), ("寄送季度账户分析报告。", "发送账户分析报告并电话解读要点。")),
    "risk_disclosure": (0.06, ("phone", "in_person"), (
        "向客户揭示创业板、科创板交易风险，客户已知悉。", "就集中持仓风险向客户作风险提示。")),
    "risk_reassessment": (0.04, ("in_person", "phone"), ("协助客户完成风险承受能力重新评估。",)),
    "retention_call": (0.04, ("phone",), (
        "客户资金转出，致电了解原因：对佣金有意见，已反馈营业部。", "客户转出部分资产，沟通后表示暂时观望。")),
    "greeting": (0.10, ("wechat", "sms"), ("节日问候。", "生日祝福。")),
    "complaint": (0.03, ("phone",), ("客户反映交易软件登录缓慢，已登记并转技术部门处理。",
                                     "客户对回访频率提出意见，已记录并调整。")),
}
_NAMES = tuple(_TYPES)
_WEIGHTS = np.array([t[0] for t in _TYPES.values()])
_SAT_P = np.array([0.02, 0.04, 0.14, 0.40, 0.40])
_NEXT_STEPS = ("下月再次回访。", "寄送相关研究报告。", "跟进客户追加资金安排。", "邀请参加季度投资策略会。")


@dataclass
class TouchRows:
    client: list[int]  # global client index
    type: list[str]
    channel: list[str]
    occurred: list[np.datetime64]  # UTC, second precision
    summary: list[str]
    satisfaction: list[int | None]
    next_step: list[str | None]
    follow_up: list[date | None]
    checklist: list[dict[str, bool]]


def touches_for_block(pop: Population, lo: int, hi: int, as_of: date, last_day_date: list[date | None],
                      seed: int, block_no: int) -> TouchRows:
    """Touch rows for clients lo..hi; ``last_day_date`` is each client's last day with data (or None)."""
    rng = np.random.default_rng([seed, 4, block_no])
    n = hi - lo
    tier = pop.tier[lo:hi]
    status = pop.status[lo:hi]
    behaviour = pop.behaviour[lo:hi]
    rate = np.array([2.0, 3.5, 6.0, 9.0, 12.0])[tier]
    # Dormant and closing accounts get few contacts; the retention call below is added on top.
    rate = np.select([status == DORMANT, status == ACTIVE], [0.4, rate], 1.0)
    counts = rng.poisson(rate)
    window_start = as_of - timedelta(days=364)
    out = TouchRows([], [], [], [], [], [], [], [], [])
    opened = pop.open_date[lo:hi].astype(object)
    for i in range(n):
        last = last_day_date[i]
        if last is None:
            continue
        start = max(opened[i], window_start)
        span = (last - start).days
        kinds: list[str] = []
        days: list[int] = []
        if opened[i] >= window_start:
            # New-account follow-up call (新开户回访) within the first weeks.
            kinds.append("phone_call")
            days.append(int(min(rng.integers(1, 25), max(span, 0))))
        if behaviour[i] == CHURNING:
            kinds.append("retention_call")
            days.append(max(span - int(rng.integers(0, 5)), 0))
        k = int(counts[i])
        if k:
            kinds.extend(_NAMES[j] for j in rng.choice(len(_NAMES), k, p=_WEIGHTS / _WEIGHTS.sum()))
            days.extend(rng.integers(0, max(span, 0) + 1, k).tolist())
        for kind, off in zip(kinds, days, strict=True):
            day = start + timedelta(days=int(off))
            while day.weekday() >= 5 and day > start:
                day -= timedelta(days=1)
            _weight, channels, texts = _TYPES[kind]
            # Office hours in Beijing (UTC+8): 09:00-17:30 local is 01:00-09:30 UTC.
            seconds = int(rng.integers(3600, 9 * 3600 + 1800))
            out.client.append(lo + i)
            out.type.append(kind)
            out.channel.append(channels[int(rng.integers(0, len(channels)))])
            out.occurred.append(np.datetime64(day, "s") + np.timedelta64(seconds, "s"))
            out.summary.append(texts[int(rng.integers(0, len(texts)))])
            sat: int | None = None
            if rng.random() > 0.15 and kind not in ("message", "greeting"):
                sat = int(rng.choice(5, p=_SAT_P)) + 1
                if kind == "complaint":
                    sat = min(sat, int(rng.integers(1, 4)))
            out.satisfaction.append(sat)
            if rng.random() < 0.3:
                out.next_step.append(_NEXT_STEPS[int(rng.integers(0, len(_NEXT_STEPS)))])
                out.follow_up.append(day + timedelta(days=int(rng.integers(7, 45))))
            else:
                out.next_step.append(None)
                out.follow_up.append(None)
            out.checklist.append({
                "identity_verified": kind not in ("message", "greeting", "review_letter"),
                "needs_asked": bool(rng.random() < 0.6),
                "risk_disclosed": kind in ("risk_disclosure", "risk_reassessment") or bool(rng.random() < 0.2),
            })
    return out
