"""Risk notes written for the client.

The engine's findings (churn risk, suitability mismatch, concentration) are internal working labels;
a client reads them as plain, courteous advice. Nothing here ever prints an engine code or grade
of churn risk.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from crm_desktop.letters import numbers
from crm_desktop.letters.model import HoldingLine, PeriodSummary

# A single security above this share of the securities value is worth a word to the client.
SINGLE_POSITION_SHARE = Decimal("0.30")
INDUSTRY_SHARE = Decimal("0.50")
# Net withdrawals above this share of the starting assets are mentioned even when the engine is calm.
OUTFLOW_SHARE = Decimal("0.20")

STYLE_WORDS = {"aggressive": "积极进取", "balanced": "稳健", "conservative": "保守"}


@dataclass(frozen=True)
class EngineFindings:
    """What the latest scoring run found for this client (see ClientScore)."""

    churn_risk: str | None = None  # low | medium | high
    suitability_mismatch: bool = False
    risk_style: str | None = None
    largest_position_share: float | None = None


def client_risk_notes(
    *,
    summary: PeriodSummary,
    holdings: Sequence[HoldingLine],
    risk_level: str | None,
    findings: EngineFindings | None,
) -> tuple[str, ...]:
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

    if findings and findings.suitability_mismatch:
        style = STYLE_WORDS.get(findings.risk_style or "", "")
        level = f"（{risk_level}）" if risk_level else ""
        style_text = f"偏{style}的" if style else "近期的"
        notes.append(
            f"风险匹配：根据近期的持仓与交易情况，您账户{style_text}投资方式所对应的风险水平，"
            f"可能高于您目前的风险承受能力评估结果{level}。为保护您的权益，建议您重新进行风险承受能力评估，"
            "或与投资经理一起调整投资配置。"
        )

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
