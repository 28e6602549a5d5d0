"""Readable reasons: the engine stores structured reasons, this module renders them per language.

A reason is ``{"code": "grade_assets", "params": {"avg_assets": 3250000.0, "threshold": 3000000, "grade": "V4"}}``
and renders as ``日均资产 3,250,000 ≥ 3,000,000 → V4`` (Chinese, the default) or
``average daily assets 3,250,000 ≥ 3,000,000 → V4`` (English). Run warnings, manager and matching reasons use
that shape. A client's reasons (over a million per 100,000-client run) use the compact positional form
``("grade_assets", 3250000.0, 3000000.0, "V4")`` (a JSON array once stored), whose values are named by
:data:`FIELDS`; :func:`reason_code` and :func:`reason_params` read either form.

Other areas (client book, letters, dashboard) call :func:`render_reasons` and :func:`label`.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from crm_desktop.domain.labels import label_of
from crm_desktop.domain.vocabulary import BY_NAME

ZH = "zh_CN"
EN = "en"


def label(kind: str, value: str, lang: str = ZH) -> str:
    """Display name of a coded value (``label("grade", "V4")`` -> ``V4 白金``); unknown values pass through.

    ``kind`` is the vocabulary's name of the enumeration (``grade``, ``tier``, ``churn_risk`` …); the
    names themselves live in the domain's one catalogue.
    """
    enum = BY_NAME.get(kind)
    return str(value) if enum is None else label_of(enum, value, lang)


# {name:m} money, {name:p} percent, {name:n} plain number, {name:i} integer, {name:L<kind>} a label.
TEMPLATES: dict[str, tuple[str, str]] = {
    "grade_assets": (
        "日均资产 {avg_assets:m} ≥ {threshold:m} → {grade}",
        "average daily assets {avg_assets:m} ≥ {threshold:m} → {grade}",
    ),
    "grade_commission": (
        "近12个月佣金 {commission:m} ≥ {threshold:m} → {grade}",
        "commission over 12 months {commission:m} ≥ {threshold:m} → {grade}",
    ),
    "grade_base": (
        "日均资产 {avg_assets:m} < {asset_threshold:m} 且近12个月佣金 {commission:m} < "
        "{commission_threshold:m} → {grade}",
        "average daily assets {avg_assets:m} < {asset_threshold:m} and commission over 12 months "
        "{commission:m} < {commission_threshold:m} → {grade}",
    ),
    "no_snapshots": (
        "窗口期内没有资产快照：日均资产、证券化率按 0 计",
        "no asset snapshots in the window: average assets and securitization count as 0",
    ),
    "no_trades": (
        "窗口期内没有成交：佣金、换手率按 0 计",
        "no trades in the window: commission and turnover count as 0",
    ),
    "churn_outflow": (
        "近{days:i}日净流出{outflow:w}，占{days:i}日前资产{a90:w}的{share:p}，超过{ratio:p}的警戒线，流失风险高",
        "{outflow:w} left the account in the last {days:i} days, {share:p} of the {a90:w} it held {days:i} days "
        "ago and above the {ratio:p} alert line: high churn risk",
    ),
    "churn_no_recent_trade": (
        "近{days:i}日没有成交（上次成交在{last_trade}），流失风险中",
        "no trade in the last {days:i} days (the last one on {last_trade}): medium churn risk",
    ),
    "churn_assets_drop": (
        "总资产从{days:i}日前的{a90:w}降到{latest:w}，在原来的{ratio:p}以下，流失风险中",
        "total assets fell from {a90:w} {days:i} days ago to {latest:w}, at or below {ratio:p} of what they were: "
        "medium churn risk",
    ),
    "churn_low": (
        "近{days:i}日净流出{outflow:w}，总资产由{a90:w}变为{latest:w}，流失风险低",
        "{outflow:w} left the account in the last {days:i} days and total assets went from {a90:w} to "
        "{latest:w}: low churn risk",
    ),
    # churn_low with a negative outflow (money came in) is worded as an inflow
    "churn_low_inflow": (
        "近{days:i}日净流入{inflow:w}，总资产由{a90:w}变为{latest:w}，流失风险低",
        "{inflow:w} came into the account in the last {days:i} days and total assets went from {a90:w} to "
        "{latest:w}: low churn risk",
    ),
    "churn_likely_trading_results": (
        "最可能的流失原因：交易结果不佳——资产从{a90:w}降到{latest:w}，已实现亏损{pnl:W}，客户可能渐渐失去兴趣；"
        "建议寄送账户分析报告并约一次投资咨询",
        "most likely reason: poor trading results — assets fell from {a90:w} to {latest:w} with realised losses "
        "of {pnl:W}, so the client may be losing interest; send an account review letter and offer an advice "
        "session",
    ),
    "churn_likely_price_or_service_elsewhere": (
        "最可能的流失原因：他处佣金更低或服务更好——佣金费率万{rate:n}，同活跃度客户的中位数为万{median:n}；"
        "建议提交佣金费率复核申请，由营业部负责人审批",
        "most likely reason: a cheaper price or better service elsewhere — commission rate {rate:n} bp against "
        "a median of {median:n} bp for clients this active; request a commission-rate review for the branch "
        "manager to approve or reject",
    ),
    "churn_likely_service_here": (
        "最可能的流失原因：本处服务不佳——近期投诉 {complaints:i} 次，最低回访满意度 {satisfaction:n}；"
        "建议由营业部负责人亲自致电做服务补救",
        "most likely reason: poor service here — {complaints:i} complaint(s) recently, lowest call-back "
        "satisfaction {satisfaction:n}; the branch manager should make a service-recovery call",
    ),
    "churn_signal_price": (
        "佣金费率万{rate:n}，达到同活跃度客户中位数（万{median:n}）的{ratio:n}倍，客户可能被他处低价吸引",
        "pays {rate:n} bp commission, {ratio:n} times the median {median:n} bp of clients this active or more: "
        "a cheaper broker may tempt the client",
    ),
    "churn_signal_trading": (
        "资产从{a90:w}降到{latest:w}，已实现亏损{pnl:W}，客户可能对交易失去信心",
        "assets fell from {a90:w} to {latest:w} with realised losses of {pnl:W}: the client may be losing heart",
    ),
    "churn_signal_service": (
        "近期投诉{complaints:i}次，回访满意度最低{satisfaction:n}分，客户对服务不满",
        "{complaints:i} complaint(s) recently and a lowest call-back satisfaction of {satisfaction:n}: the client "
        "is unhappy with the service",
    ),
    "churn_bank_changed": (
        "近期变更了三方存管银行，可能准备转户",
        "changed the custody bank recently and may be preparing to move",
    ),
    "churn_transfer_pending": (
        "正在办理转托管转出，流失风险高",
        "a transfer-out is in progress: high churn risk",
    ),
    "churn_no_data": (
        "没有资产快照，也没有近期成交，无从判断，暂按流失风险低处理",
        "no asset snapshots and no recent trades to judge by, so churn risk counts as low for now",
    ),
    "style_growth_board": (
        "创业板/科创板/北交所市值占比 {share:p} ≥ {threshold:p} → 激进型",
        "ChiNext/STAR/BSE share of securities value {share:p} ≥ {threshold:p} → aggressive",
    ),
    "style_concentration": (
        "单一持仓占比 {share:p} ≥ {threshold:p} → 激进型",
        "largest single position {share:p} ≥ {threshold:p} of securities value → aggressive",
    ),
    "style_turnover": (
        "换手率 {turnover:n} ≥ {threshold:n} → 激进型",
        "turnover {turnover:n} ≥ {threshold:n} → aggressive",
    ),
    "style_conservative": (
        "证券化率 {securitization:p} < {sec_threshold:p} 且换手率 {turnover:n} < {turnover_threshold:n} "
        "→ 保守型",
        "securitization ratio {securitization:p} < {sec_threshold:p} and turnover {turnover:n} < "
        "{turnover_threshold:n} → conservative",
    ),
    "style_balanced": (
        "证券化率 {securitization:p}，换手率 {turnover:n}，未达激进或保守条件 → 稳健型",
        "securitization ratio {securitization:p}, turnover {turnover:n}, neither aggressive nor "
        "conservative → balanced",
    ),
    "suitability_mismatch": (
        "{style:Lrisk_style}交易通常对应风险等级 {required} 及以上，客户测评为 {declared} → "
        "行为与测评不一致（服务提示，不是违规）",
        "{style:Lrisk_style} behaviour usually goes with risk level {required} or above, the "
        "client's assessment is {declared} → behaviour differs from the assessment (a service "
        "hint, not a violation)",
    ),
    "suitability_ok": (
        "{style:Lrisk_style}交易通常对应风险等级 {required} 及以上，客户测评为 {declared} → 行为与测评一致",
        "{style:Lrisk_style} behaviour usually goes with risk level {required} or above, the "
        "client's assessment is {declared} → behaviour matches the assessment",
    ),
    "suitability_unknown_level": (
        "风险等级 {declared} 无法识别（应为 C1–C5）→ 视为行为与测评不一致，请与适当性系统核对",
        "risk level {declared} is not recognised (C1–C5 expected) → treated as differing "
        "from the behaviour; check it against the suitability system",
    ),
    "trading": (
        "已平仓 {round_trips:i} 笔，胜率 {win_rate:p}，已实现盈亏 {pnl:m} → 交易能力{ability:Ltrading_ability}",
        "{round_trips:i} closed round trips, win rate {win_rate:p}, realized P&L {pnl:m} → trading ability "
        "{ability:Ltrading_ability}",
    ),
    "unmatched_sells": (
        "有 {quantity:n} 股卖出找不到窗口期前的买入（可能是更早的持仓），未计入交易能力",
        "{quantity:n} shares sold without a matching earlier buy (probably older holdings); not "
        "counted in trading ability",
    ),
    # run warnings
    "unknown_security": (
        "成交中有 {count:i} 笔的证券代码不在证券主数据中：{codes}",
        "{count:i} trades have security codes missing from the securities master: {codes}",
    ),
    "unknown_client": (
        "{table}中有 {count:i} 行的客户不存在，已忽略",
        "{count:i} rows of {table} refer to unknown clients and were ignored",
    ),
    "unknown_side": (
        "成交中有 {count:i} 笔买卖方向无法识别（应为 buy/sell），已忽略：{values}",
        "{count:i} trades have an unknown side (buy/sell expected) and were ignored: {values}",
    ),
    "bad_quantity": (
        "成交中有 {count:i} 笔数量不为正，未参与配对",
        "{count:i} trades have a non-positive quantity and were left out of matching",
    ),
    "unknown_risk_level": (
        "{count:i} 位客户的风险等级无法识别（应为 C1–C5）",
        "{count:i} clients have an unknown risk level (C1–C5 expected)",
    ),
    "unknown_qualification": (
        "员工资格代码无法识别，未计分：{codes}",
        "unknown staff qualification codes, not scored: {codes}",
    ),
    "duplicate_snapshots": (
        "有 {count:i} 行重复的资产快照（同一客户同一天），只保留一行",
        "{count:i} duplicate asset snapshots (same client and day); one row kept",
    ),
    # manager capability
    "capability_component": (
        "{component:Lcapability_component} {value:p} × 权重 {weight:p} → {points:n} 分",
        "{component:Lcapability_component} {value:p} × weight {weight:p} → {points:n} points",
    ),
    "capability_neutral": (
        "{component:Lcapability_component}：窗口期内无可计量数据，按中性值 {value:p} 计",
        "{component:Lcapability_component}: nothing to measure in the window, neutral {value:p} used",
    ),
    "capability_not_enough_data": (
        "{component:Lcapability_component}：回访答复仅 {count:i} 条（需 {needed:i} 条），"
        "数据不足，不计分，权重分摊到其他项",
        "{component:Lcapability_component}: only {count:i} call-back answers ({needed:i} "
        "needed), not enough data; not scored, its weight spread over the rest",
    ),
    "capability_tier": ("服务能力 {score:n} 分 → {tier:Ltier}", "capability {score:n} → {tier:Ltier}"),
    # matching
    "match_grade": (
        "{grade:Lgrade} 客户应由{required:Ltier}及以上投资经理服务，当前经理为{tier:Ltier}",
        "a {grade:Lgrade} client belongs with a {required:Ltier} manager or above; the current one is "
        "{tier:Ltier}",
    ),
    "match_capacity": (
        "经理名下 {count:i} 位客户，超过{tier:Ltier}容量 {capacity:i}",
        "the manager serves {count:i} clients, above the {tier:Ltier} capacity of {capacity:i}",
    ),
    "match_no_target": ("没有符合条件且有空余容量的投资经理", "no eligible manager with room"),
}


# Names of the values of a compact client reason ``(code, value, ...)``, in order. A stored reason may carry
# more values than listed here (written by a newer engine): they are kept under their positions.
FIELDS: dict[str, tuple[str, ...]] = {
    "grade_assets": ("avg_assets", "threshold", "grade"),
    "grade_commission": ("commission", "threshold", "grade"),
    "grade_base": ("avg_assets", "asset_threshold", "commission", "commission_threshold", "grade"),
    "no_snapshots": (),
    "no_trades": (),
    "churn_outflow": ("days", "outflow", "ratio", "a90", "share"),
    "churn_no_recent_trade": ("days", "last_trade"),
    "churn_assets_drop": ("days", "latest", "ratio", "a90"),
    "churn_low": ("days", "outflow", "latest", "a90"),
    "churn_no_data": (),
    "churn_likely_trading_results": ("a90", "latest", "pnl"),
    "churn_likely_price_or_service_elsewhere": ("rate", "median"),
    "churn_likely_service_here": ("complaints", "satisfaction"),
    "churn_signal_price": ("rate", "ratio", "median"),
    "churn_signal_trading": ("a90", "latest", "pnl"),
    "churn_signal_service": ("complaints", "satisfaction"),
    "churn_bank_changed": (),
    "churn_transfer_pending": (),
    "style_growth_board": ("share", "threshold"),
    "style_concentration": ("share", "threshold"),
    "style_turnover": ("turnover", "threshold"),
    "style_conservative": ("securitization", "sec_threshold", "turnover", "turnover_threshold"),
    "style_balanced": ("securitization", "turnover"),
    "suitability_mismatch": ("style", "required", "declared"),
    "suitability_ok": ("style", "required", "declared"),
    "suitability_unknown_level": ("declared",),
    "trading": ("round_trips", "win_rate", "pnl", "ability"),
    "unmatched_sells": ("quantity",),
}


def reason_code(reason: Any) -> str:
    """The code of a reason in either form (``""`` for something that is not a reason)."""
    if isinstance(reason, Mapping):
        return str(reason.get("code", ""))
    if isinstance(reason, list | tuple) and reason:
        return str(reason[0])
    return ""


def reason_params(reason: Any) -> dict[str, Any]:
    """The named values of a reason in either form."""
    if isinstance(reason, Mapping):
        return dict(reason.get("params") or {})
    if not isinstance(reason, list | tuple) or not reason:
        return {}
    names = FIELDS.get(str(reason[0]), ())
    values = list(reason[1:])
    params = dict(zip(names, values, strict=False))
    params.update({f"_{i}": v for i, v in enumerate(values[len(names) :], start=len(names))})
    return params


def _is_en(lang: str | None) -> bool:
    return bool(lang) and str(lang).lower().startswith("en")


def _number(value: float, places: int = 2) -> str:
    text = f"{value:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _amount(value: float, lang: str) -> str:
    """``57,944,073.81`` as ``5,794.41万元`` (English: ``57.94 million yuan``); small sums in 元."""
    if _is_en(lang):
        if abs(value) >= 1_000_000:
            return f"{_number(value / 1_000_000, 2)} million yuan"
        return f"{_number(value, 0)} yuan"
    if abs(value) >= 10_000:
        return f"{_number(value / 10_000, 2)}万元"
    return f"{_number(value, 0)}元"


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("L"):
            return label(format_spec[1:], str(value), self.lang)
        if format_spec in ("m", "n", "p", "i", "w", "W") and not isinstance(value, int | float):
            return str(value)
        if format_spec == "m":
            return _number(float(value), 2)
        if format_spec in ("w", "W"):  # an amount as a manager says it: 万元 (English: yuan / million yuan)
            amount = abs(float(value)) if format_spec == "W" else float(value)
            return _amount(amount, self.lang)
        if format_spec == "n":
            return _number(float(value), 4)
        if format_spec == "p":
            return _number(float(value) * 100, 2) + "%"
        if format_spec == "i":
            return f"{int(value):,}"
        return super().format_field(value, format_spec)


def render_reason(reason: Mapping[str, Any] | Sequence[Any], lang: str = ZH) -> str:
    code = reason_code(reason)
    params = reason_params(reason)
    outflow = params.get("outflow")
    if code == "churn_low" and isinstance(outflow, int | float) and outflow < 0:
        code, params = "churn_low_inflow", {**params, "inflow": -outflow}
    pair = TEMPLATES.get(code)
    if pair is None:
        # Stored by a newer engine: show the code and its numbers rather than nothing.
        inner = ", ".join(f"{k}={v}" for k, v in sorted(params.items()))
        return f"{code}({inner})" if inner else code
    template = pair[1] if _is_en(lang) else pair[0]
    if "grade" in params and "{grade}" in template:
        params["grade"] = str(params["grade"])
    try:
        return _Formatter(lang).format(template, **params)
    except (KeyError, ValueError, IndexError):
        inner = ", ".join(f"{k}={v}" for k, v in sorted(params.items()))
        return f"{code}({inner})"


def render_reasons(reasons: Iterable[Mapping[str, Any] | Sequence[Any]] | None, lang: str = ZH) -> list[str]:
    """Render stored reasons (or run warnings) in ``lang`` (``zh_CN`` default, ``en``)."""
    return [render_reason(r, lang) for r in (reasons or [])]
