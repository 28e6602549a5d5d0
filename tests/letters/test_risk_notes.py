"""Risk notes are written for the client: engine findings turn into courteous advice, never labels."""

from __future__ import annotations

from decimal import Decimal

from crm_desktop.letters.model import HoldingLine, PeriodSummary
from crm_desktop.letters.risk_notes import EngineFindings, client_risk_notes

INTERNAL = (
    "churn",
    "流失",
    "mismatch",
    "high",
    "medium",
    "aggressive",
    "suitability",
    "风险高",
    "高风险客户",
)


def _h(code: str, weight: str, industry: str = "银行") -> HoldingLine:
    return HoldingLine(
        code, f"证券{code}", industry, Decimal(100), Decimal(1000), Decimal(weight), Decimal(0)
    )


def _summary(start: int = 100_000, inflow: int = 0) -> PeriodSummary:
    return PeriodSummary(Decimal(start), Decimal(start + inflow), Decimal(inflow), Decimal(start))


def test_every_finding_becomes_a_plain_note_without_internal_labels() -> None:
    notes = client_risk_notes(
        summary=_summary(inflow=-40_000),
        holdings=[_h("600000", "0.45"), _h("600001", "0.35"), _h("600002", "0.20", "医药")],
        risk_level="C2",
        findings=EngineFindings(
            churn_risk="high", suitability_mismatch=True, risk_style="aggressive", largest_position_share=0.45
        ),
    )
    text = "".join(notes)
    assert any(n.startswith("持仓集中度") and "45.00%" in n for n in notes)
    assert any(n.startswith("行业集中度") and "银行" in n and "80.00%" in n for n in notes)
    # The behaviour hint stays internal: no note about it, and never an invitation to re-test.
    assert not any("风险匹配" in n or "重新" in n or "评估" in n for n in notes)
    assert any(n.startswith("资金变动") and "40,000.00 元" in n for n in notes)
    for word in INTERNAL:
        assert word not in text.lower(), word


def test_medium_churn_without_outflow_is_a_gentle_reminder() -> None:
    notes = client_risk_notes(
        summary=_summary(),
        holdings=[_h("600000", "0.1"), _h("600001", "0.1", "医药")],
        risk_level="C3",
        findings=EngineFindings(churn_risk="medium"),
    )
    assert len(notes) == 1 and notes[0].startswith("账户关注")


def test_small_withdrawal_and_calm_engine_leave_a_reassuring_note() -> None:
    notes = client_risk_notes(
        summary=_summary(inflow=-1_000),
        holdings=[_h("600000", "0.1"), _h("600001", "0.1", "医药")],
        risk_level="C3",
        findings=EngineFindings(churn_risk="low"),
    )
    assert notes == ("本期未发现需要特别提示的账户风险事项。市场变化难以预料，请您继续保持理性投资。",)


def test_no_scores_yet_still_reports_what_the_letter_itself_shows() -> None:
    notes = client_risk_notes(
        summary=_summary(), holdings=[_h("600000", "1")], risk_level="C3", findings=None
    )
    assert len(notes) == 1 and notes[0].startswith("持仓集中度")


def test_assessment_stated_as_a_fact_in_the_clients_words() -> None:
    from datetime import date

    from crm_desktop.letters.risk_notes import assessment_text, board_risk_texts

    text = assessment_text(level="C3", assessed_on=date(2026, 1, 10), valid_until=date(2028, 1, 10))
    assert text is not None and "稳健型" in text and "2026年1月10日" in text and "2028年1月10日" in text
    assert "C3" not in text and "重新" not in text
    pro = assessment_text(level="C1", assessed_on=None, valid_until=date(2027, 1, 1), professional=True)
    assert pro is not None and "专业投资者" in pro
    texts = board_risk_texts(["main", "star", "chinext"], risk_warning=True)
    assert [t.split("：")[0] for t in texts] == ["创业板", "科创板", "风险警示股票"]
    assert board_risk_texts(["main"], risk_warning=False) == ()
