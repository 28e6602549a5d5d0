"""Risk notes written for the client.

The engine's findings (churn risk, behaviour hints, concentration) are internal working labels;
a client reads them as plain, courteous advice. Nothing here ever prints an engine code or grade
of churn risk.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from crm_desktop.letters import numbers
from crm_desktop.letters.model import HoldingLine, PeriodSummary

# A single security above this share of the securities value is worth a word to the client.
SINGLE_POSITION_SHARE = Decimal("0.30")
INDUSTRY_SHARE = Decimal("0.50")
# Net withdrawals above this share of the starting assets are mentioned even when the engine is calm.
OUTFLOW_SHARE = Decimal("0.20")

# The client's own words for the assessment result (C1..C5), as the suitability system shows them.
LEVEL_WORDS = {"C1": "保守型", "C2": "谨慎型", "C3": "稳健型", "C4": "积极型", "C5": "激进型"}

# What a client holding stocks of these boards should know; plain facts, no advice.
BOARD_RISK_TEXTS = {
    "chinext": "创业板：您持有创业板股票。创业板企业多处于成长期，经营稳定性和业绩波动较大，"
    "股票日涨跌幅限制为20%，上市后前5个交易日不设涨跌幅限制，价格波动可能较为剧烈。",
    "star": "科创板：您持有科创板股票。科创板企业研发投入大、盈利存在较大不确定性，部分企业上市时尚未盈利，"
    "股票日涨跌幅限制为20%，上市后前5个交易日不设涨跌幅限制，退市标准更为严格。",
    "bse": "北交所：您持有北京证券交易所股票。北交所上市公司以创新型中小企业为主，经营风险和股价波动较大，"
    "股票日涨跌幅限制为30%，上市首日不设涨跌幅限制，交易可能不够活跃、存在流动性风险。",
    "risk_warning": "风险警示股票：您持有被实施风险警示（名称带有ST或*ST）的股票。这类公司存在财务状况或经营"
    "异常等情形，股价波动较大，并可能被终止上市，请您关注公司公告。",
}


@dataclass(frozen=True)
class EngineFindings:
    """What the latest scoring run found for this client (see ClientScore)."""

    churn_risk: str | None = None  # low | medium | high
    suitability_mismatch: bool = False
    risk_style: str | None = None
    largest_position_share: float | None = None


def assessment_text(
    *, level: str | None, assessed_on: date | None, valid_until: date | None, professional: bool = False
) -> str | None:
    """The client's assessment stated as a fact: date, result in words, validity. No invitation to re-test."""
    if professional:
        until = f"，有效期至{numbers.cn_date(valid_until)}" if valid_until else ""
        return f"投资者类别：您在本公司被认定为专业投资者{until}。"
    words = LEVEL_WORDS.get((level or "").upper())
    if words is None:
        return None
    when = f"于{numbers.cn_date(assessed_on)}" if assessed_on else ""
    until = f"，评估结果的有效期至{numbers.cn_date(valid_until)}" if valid_until else ""
    return (
        f"风险承受能力：您{when}在本公司适当性管理系统中完成的风险承受能力评估结果为“{words}”{until}。"
        "我们向您提供的产品和服务将与该结果相匹配。"
    )


def board_risk_texts(boards: Iterable[str], *, risk_warning: bool) -> tuple[str, ...]:
    """The specific risk text of each special board held (ChiNext, STAR, BSE, risk-warning stocks)."""
    held = set(boards)
    keys: list[str] = [b for b in ("chinext", "star", "bse") if b in held]
    if risk_warning:
        keys.append("risk_warning")
    return tuple(BOARD_RISK_TEXTS[k] for k in keys)


def client_risk_notes(
    *,
    summary: PeriodSummary,
    holdings: Sequence[HoldingLine],
    risk_level: str | None,
    findings: EngineFindings | None,
) -> tuple[str, ...]:
    del risk_level  # stated once, in the assessment text, never as a finding
    notes: list[str] = []
    if holdings:
        top = max(holdings, key=lambda h: h.weight)
        if top.weight >= SINGLE_POSITION_SHARE:
            notes.append(
                f"持仓集中度：您持有的{top.name}（{top.code}）约占证券市值的{numbers.percent(top.weight)}。"
                "单只证券占比较高时，账户净值受个股波动的影响较大，建议您结合自身情况考虑适度分散投资。"
            )
        by_industry: dict[str, Decimal] = defaultdict(Decimal)
        for h in holdings:
            if h.industry:
                by_industry[h.industry] += h.weight
        if by_industry:
            industry, share = max(by_industry.items(), key=lambda kv: (kv[1], kv[0]))
            if share >= INDUSTRY_SHARE and len(holdings) > 1:
                notes.append(
                    f"行业集中度：您的持仓中{industry}行业约占证券市值的{numbers.percent(share)}，"
                    "行业景气或政策变化可能对账户产生较为集中的影响。"
                )
    elif findings and findings.largest_position_share and findings.largest_position_share >= 0.3:
        notes.append(
            "持仓集中度：近期您的持仓较为集中于少数证券，账户净值受个股波动的影响较大，建议适度分散投资。"
        )

    # The engine's behaviour-based suitability signal is an internal service hint: a letter never
    # mentions it, and never suggests re-taking the assessment (inducing a re-test is a violation).

    outflow = -summary.net_inflow if summary.net_inflow < 0 else Decimal(0)
    notable_outflow = outflow > 0 and (
        summary.start_assets <= 0 or outflow >= OUTFLOW_SHARE * summary.start_assets
    )
    churn = findings.churn_risk if findings else None
    if notable_outflow or (churn == "high" and outflow > 0):
        notes.append(
            f"资金变动：报告期内您的账户资金净转出{numbers.yuan(outflow)}。如果您有资金安排方面的考虑，"
            "或对我们的服务有任何意见和建议，欢迎随时与您的投资经理联系，我们将尽力为您提供帮助。"
        )
    elif churn in ("high", "medium"):
        notes.append(
            "账户关注：近期您的账户资产或交易较以往有所减少。若您希望了解市场动态、调整投资计划，"
            "或对我们的服务有任何需要，欢迎随时与您的投资经理联系。"
        )

    if not notes:
        notes.append("本期未发现需要特别提示的账户风险事项。市场变化难以预料，请您继续保持理性投资。")
    return tuple(notes)
