"""FIFO round trips: partial fills, sells before any buy, the T+1 order on one day, the look-back."""

from __future__ import annotations

import numpy as np
import pytest

from crm_desktop.scoring import fifo
from crm_desktop.scoring.reasons import render_reasons
from tests.scoring.helpers import Book, codes


def test_partial_fills_split_lots() -> None:
    # buy 1000 @10 (day 20), buy 500 @12 (day 19), sell 700 @11 (day 16), sell 800 @13 (day 15)
    book = (
        Book()
        .client(1)
        .snap(1, 0, 100_000)
        .trade(1, 20, "buy", 1000, 10)
        .trade(1, 19, "buy", 500, 12)
        .trade(1, 16, "sell", 700, 11)
        .trade(1, 15, "sell", 800, 13)
    )
    row = book.row()
    # pieces: 700 of lot 1 (+700, 4 days), 300 of lot 1 (+900, 5 days), 500 of lot 2 (+500, 4 days)
    assert row["round_trips"] == 3
    assert row["realized_pnl"] == 2100.0
    assert row["win_rate"] == 1.0
    assert row["avg_holding_days"] == pytest.approx((700 * 4 + 300 * 5 + 500 * 4) / 1500)


def test_commissions_are_part_of_cost_and_proceeds() -> None:
    book = (
        Book()
        .client(1)
        .snap(1, 0, 100_000)
        .trade(1, 20, "buy", 1000, 10, commission=5)
        .trade(1, 10, "sell", 400, 10, commission=5)
        .trade(1, 9, "sell", 600, 10.02, commission=5)
    )
    row = book.row()
    # cost 10.005 per share; piece 1: 400 x (3995/400 - 10.005) = -7.0; piece 2: 600 x (6007/600 - 10.005) = 4.0
    assert row["realized_pnl"] == -3.0
    assert row["win_rate"] == 0.5 and row["round_trips"] == 2


def test_sells_before_any_buy_are_unmatched_and_never_matched_later() -> None:
    book = (
        Book()
        .client(1)
        .snap(1, 0, 100_000)
        .trade(1, 30, "sell", 500, 20)  # shares from before the data: no round trip
        .trade(1, 20, "buy", 1000, 10)
        .trade(1, 10, "sell", 1500, 11)
    )  # 1000 match, 500 oversold
    row = book.row()
    assert row["round_trips"] == 1 and row["realized_pnl"] == 1000.0
    assert "unmatched_sells" in codes(row["reasons"])
    assert "有 1,000 股卖出找不到窗口期前的买入（可能是更早的持仓），未计入交易能力" in render_reasons(
        row["reasons"]
    )


def test_same_day_sell_comes_before_buy() -> None:
    # T+1: a buy cannot be sold the same day, so the sell finds no open lot; the next day's sell matches.
    book = (
        Book()
        .client(1)
        .snap(1, 0, 1)
        .trade(1, 10, "buy", 100, 10)
        .trade(1, 10, "sell", 100, 12)
        .trade(1, 9, "sell", 100, 11)
    )
    row = book.row()
    assert row["round_trips"] == 1 and row["realized_pnl"] == 100.0 and row["avg_holding_days"] == 1.0


def test_lots_bought_before_the_window_are_matched_but_only_closes_in_the_window_count() -> None:
    book = (
        Book()
        .client(1)
        .snap(1, 0, 1)
        .trade(1, 500, "buy", 100, 10)  # within the 365-day look-back before W
        .trade(1, 400, "sell", 50, 20)  # closed before W: matched, not counted
        .trade(1, 100, "sell", 50, 30)
    )  # closed in W: counted, 400 days held
    row = book.row()
    assert row["round_trips"] == 1 and row["realized_pnl"] == 1000.0 and row["avg_holding_days"] == 400.0


def test_securities_are_matched_separately() -> None:
    book = (
        Book()
        .client(1)
        .snap(1, 0, 1)
        .trade(1, 20, "buy", 100, 10, code="600000")
        .trade(1, 10, "sell", 100, 9, code="600001")
    )
    row = book.row()
    assert row["round_trips"] == 0 and row["realized_pnl"] == 0.0


def _round_trips(book: Book, wins: int, losses: int) -> Book:
    for i in range(wins + losses):
        price = 11 if i < wins else 9
        book.trade(1, 100 - 2 * i, "buy", 100, 10).trade(1, 99 - 2 * i, "sell", 100, price)
    return book


@pytest.mark.parametrize(
    ("wins", "losses", "ability"),
    [
        (3, 1, "insufficient_data"),  # 4 round trips
        (3, 2, "skilled"),  # 60%, P&L +100
        (11, 9, "skilled"),  # exactly 55%, P&L +200
        (10, 10, "average"),  # 50%, P&L 0
        (2, 3, "average"),  # exactly 40% is not below 40%
        (1, 4, "weak"),  # 20%, P&L -300
    ],
)
def test_trading_ability_boundaries(wins: int, losses: int, ability: str) -> None:
    row = _round_trips(Book().client(1).snap(1, 0, 1), wins, losses).row()
    assert row["trading_ability"] == ability
    assert row["win_rate"] == round(wins / (wins + losses), 4)


def test_win_rate_needs_positive_pnl_to_be_skilled() -> None:
    book = Book().client(1).snap(1, 0, 1)
    _round_trips(book, 3, 0)
    for i in range(2):  # two big losses: win rate 60% but P&L negative
        book.trade(1, 50 - 2 * i, "buy", 100, 10).trade(1, 49 - 2 * i, "sell", 100, 5)
    row = book.row()
    assert row["win_rate"] == 0.6 and row["realized_pnl"] == -700.0 and row["trading_ability"] == "average"


def test_match_function_directly_on_arrays() -> None:
    # client 0: buy 3 then sell 5 (2 unmatched); client 1: nothing to match
    trips = fifo.match(
        client=np.array([0, 0, 1]),
        security=np.array([0, 0, 0]),
        day=np.array([1, 2, 1]),
        is_buy=np.array([True, False, False]),
        quantity=np.array([300, 500, 100]),
        amount=np.array([3000, 5000, 1000]),
        commission=np.zeros(3, dtype=np.int64),
        n_clients=2,
        since_day=0,
    )
    assert trips.quantity.tolist() == [300]
    assert trips.unmatched_qty.tolist() == [200, 100]
    assert trips.pnl_cents.tolist() == pytest.approx([0.0])
