"""Churn signals and the likely reason (issue #17): one client built for each of the three reasons, and a
buy-and-hold client with stable assets who is low risk."""

from __future__ import annotations

import pandas as pd

from crm_desktop.domain.flow import retention_answer
from crm_desktop.scoring import render_reasons, score
from tests.scoring.helpers import Book, codes

BUY_HOLD, TRADING, PRICE, SERVICE, PENDING = 1, 2, 3, 4, 5
PEERS = (6, 7, 8)


def _book() -> Book:
    b = Book()
    for cid in range(1, 9):
        b.client(cid)
    # buy and hold: bought long ago, no trade in the last 90 days, assets stable
    for d in (300, 200, 120, 90, 60, 30, 0):
        b.snap(BUY_HOLD, d, 1_000_000, 900_000)
    b.trade(BUY_HOLD, 200, "buy", 1000, 10)
    # trading results: a losing round trip, then money taken out and assets down
    b.snap(TRADING, 300, 1_000_000, 500_000).snap(TRADING, 90, 1_000_000, 500_000)
    b.snap(TRADING, 40, 700_000, 300_000, inflow=-300_000).snap(TRADING, 0, 600_000, 200_000)
    b.trade(TRADING, 150, "buy", 1000, 10).trade(TRADING, 100, "sell", 1000, 8)
    b.trade(TRADING, 20, "buy", 100, 10).trade(TRADING, 10, "sell", 100, 9)
    # price, service, pending and their peers: stable assets, a trade a month ago
    for cid in (PRICE, SERVICE, PENDING, *PEERS):
        for d in (300, 90, 0):
            b.snap(cid, d, 500_000, 250_000)
        b.trade(cid, 30, "buy", 100, 10, commission=5)
    return b


def _run(b: Book) -> pd.DataFrame:
    data = b.data()
    rates = {PRICE: 0.0006}
    data.clients["commission_rate"] = [rates.get(c, 0.00025) for c in data.clients["client_id"]]
    data.signals = pd.DataFrame(
        [
            {
                "client_id": PRICE,
                "bank_changed": True,
                "transfer_out_pending": False,
                "complaints": 0,
                "min_satisfaction": None,
            },
            {
                "client_id": SERVICE,
                "bank_changed": True,
                "transfer_out_pending": False,
                "complaints": 1,
                "min_satisfaction": 1.0,
            },
            {
                "client_id": PENDING,
                "bank_changed": False,
                "transfer_out_pending": True,
                "complaints": 0,
                "min_satisfaction": None,
            },
        ]
    )
    return score(data).clients.set_index("client_id")


def test_buy_and_hold_with_stable_assets_is_low_risk() -> None:
    r = _run(_book())
    assert r.loc[BUY_HOLD, "churn_risk"] == "low"
    assert r.loc[BUY_HOLD, "churn_reason"] is None
    assert "churn_no_recent_trade" not in codes(r.loc[BUY_HOLD, "reasons"])
    for cid in PEERS:
        assert r.loc[cid, "churn_risk"] == "low"


def test_each_reason_is_detected_with_its_evidence_and_answer() -> None:
    r = _run(_book())
    expected = {
        TRADING: ("trading_results", "review_and_advice", "交易结果不佳"),
        PRICE: ("price_or_service_elsewhere", "commission_review", "万6"),
        SERVICE: ("service_here", "service_recovery", "投诉 1 次"),
    }
    for cid, (reason, answer, words) in expected.items():
        assert r.loc[cid, "churn_risk"] == "high", cid
        assert r.loc[cid, "churn_reason"] == reason, cid
        assert retention_answer(reason) == answer
        assert f"churn_likely_{reason}" in codes(r.loc[cid, "reasons"])
        text = " ".join(render_reasons(r.loc[cid, "reasons"]))
        assert words in text, text
    price_en = " ".join(render_reasons(r.loc[PRICE, "reasons"], "en"))
    assert "commission rate 6 bp against a median of 2.5 bp" in price_en
    assert "changed the custody bank recently" in price_en
    assert r.loc[PENDING, "churn_risk"] == "high"
    assert "churn_transfer_pending" in codes(r.loc[PENDING, "reasons"])
