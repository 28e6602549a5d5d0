"""Trading-cost arithmetic: commission with and without the 5-yuan minimum, stamp duty, transfer fee."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from crm_desktop.domain import trading_costs as tc


def test_commission_rate_and_minimum() -> None:
    amount = np.array([1_000_000, 1_000_000, 10_000_000, 12_345_678])  # fen: 10,000 / 10,000 / 100,000 yuan
    rate = np.array([0.00025, 0.00025, 0.00025, 0.00015])
    minimum = np.array([500, 0, 500, 0])
    # 万2.5 on 10,000 yuan is 2.50 yuan: raised to 5 yuan, or kept when the minimum is waived (免五)
    assert tc.commission(amount, rate, minimum).tolist() == [500, 250, 2500, 1852]
    assert tc.commission(np.array([2_000_000]), np.array([0.0002]), tc.DEFAULT_MINIMUM_FEN).tolist() == [500]


def test_stamp_duty_on_sells_halved_in_august_2023() -> None:
    amount = np.array([10_000_000, 10_000_000, 10_000_000, 333])
    sell = np.array([True, True, False, True])
    days = np.array([date(2023, 8, 25), date(2023, 8, 28), date(2023, 8, 28), date(2024, 1, 2)])
    # 0.1 % before 28 Aug 2023, 0.05 % from that day; buys pay none; rounded half up to the fen
    assert tc.stamp_duty(amount, sell, days).tolist() == [10_000, 5_000, 0, 0]
    assert tc.stamp_duty(np.array([1_000]), np.array([True]), date(2024, 1, 2)).tolist() == [1]  # 0.5 fen
    assert tc.stamp_duty_rate(date(2010, 5, 4)).item() == 0.001
    with pytest.raises(ValueError):
        tc.stamp_duty(np.array([1]), np.array([True]), date(2008, 5, 1))


def test_transfer_fee_both_sides() -> None:
    amount = np.array([10_000_000, 10_000_000, 10_000_000, 10_000_000])
    qty = np.array([10_000, 10_000, 10_000, 10_000])
    shanghai = tc.is_shanghai(["600000", "000001", "600000", "000001"])
    assert shanghai.tolist() == [True, False, True, False]
    days = np.array([date(2022, 4, 29), date(2022, 4, 28), date(2014, 6, 3), date(2014, 6, 3)])
    # 0.001 % from 29 Apr 2022, 0.002 % before; before Aug 2015 Shanghai charged 0.6 yuan per 1,000 shares
    assert tc.transfer_fee(amount, qty, shanghai, days).tolist() == [100, 200, 600, 0]
    assert tc.is_shanghai(["688981", "300750", "830799", "510300"]).tolist() == [True, False, False, True]


def test_a_round_trip_costs_what_a_branch_quotes() -> None:
    """Buy and sell 100,000 yuan at 万2.5 without the minimum in 2026: 25 + 25 yuan commission,
    50 yuan stamp duty on the sell and 1 + 1 yuan transfer fee: 102 yuan, about 0.1 % of the amount."""
    amount = np.array([10_000_000, 10_000_000])
    sell = np.array([False, True])
    day = date(2026, 3, 2)
    com = tc.commission(amount, np.array([0.00025, 0.00025]), 0)
    duty = tc.stamp_duty(amount, sell, day)
    fee = tc.transfer_fee(amount, np.array([5_000, 5_000]), np.array([True, True]), day)
    assert int((com + duty + fee).sum()) == 10_200
