"""What an A-share trade costs the client: the broker's commission, stamp duty and the transfer fee.

Pure arithmetic on integer fen (numpy int64 arrays, one element per trade), so a generator or an import
can apply it to many trades at once and a test can check a single one.

- **Commission (佣金)**: the client's negotiated rate times the amount, at least a minimum per trade (5 yuan
  at most branches; many waive it for online or valuable clients, 免五: minimum 0).
- **Stamp duty (印花税)**: sells only; 0.1 % since 19 September 2008, halved to 0.05 % from 28 August 2023
  (Ministry of Finance and State Taxation Administration announcement 2023 No. 39).
- **Transfer fee (过户费)**, charged by China Securities Depository and Clearing on both sides: 0.002 % of
  the amount from 1 August 2015 (Shanghai and Shenzhen), lowered to 0.001 % from 29 April 2022 (Shanghai,
  Shenzhen and Beijing). Before 1 August 2015 Shanghai charged 0.6 yuan per 1,000 shares and Shenzhen
  none (it was part of the exchange handling fee).

Each fee is rounded to the fen, half up, per trade. The exchange handling fee (经手费) and the regulator's
fee (证管费) are part of the commission the broker charges, as brokers quote them.
"""

from __future__ import annotations

from datetime import date

import numpy as np

STAMP_DUTY_HALVED = date(2023, 8, 28)
STAMP_DUTY_SELL_ONLY = date(2008, 9, 19)
TRANSFER_FEE_BY_AMOUNT = date(2015, 8, 1)
TRANSFER_FEE_LOWERED = date(2022, 4, 29)
DEFAULT_MINIMUM_FEN = 500  # 5 yuan


def _round_half_up(values: np.ndarray) -> np.ndarray:
    return np.floor(np.asarray(values, dtype=np.float64) + 0.5).astype(np.int64)


def _days(days: np.ndarray | date) -> np.ndarray:
    return np.asarray(np.array(days, dtype="datetime64[D]"))


def commission(amount: np.ndarray, rate: np.ndarray, minimum: np.ndarray | int) -> np.ndarray:
    """Commission in fen: ``amount`` (fen) × ``rate`` (a fraction, e.g. 0.00025 for 万2.5), at least
    ``minimum`` fen (0 where the minimum is waived)."""
    fee = _round_half_up(np.asarray(amount, dtype=np.int64) * np.asarray(rate, dtype=np.float64))
    return np.maximum(fee, np.asarray(minimum, dtype=np.int64)).astype(np.int64)


def stamp_duty_rate(day: np.ndarray | date) -> np.ndarray:
    """Stamp duty on a sell as a fraction of the amount, by trade date."""
    d = _days(day)
    return np.where(d >= np.datetime64(STAMP_DUTY_HALVED), 0.0005, 0.001)


def stamp_duty(amount: np.ndarray, sell: np.ndarray, day: np.ndarray | date) -> np.ndarray:
    """Stamp duty in fen: sells only (buys pay none since 19 September 2008)."""
    if np.any(_days(day) < np.datetime64(STAMP_DUTY_SELL_ONLY)):
        raise ValueError("stamp duty before 2008-09-19 (charged on both sides) is not modelled")
    duty = _round_half_up(np.asarray(amount, dtype=np.int64) * stamp_duty_rate(day))
    return np.where(np.asarray(sell, dtype=bool), duty, 0).astype(np.int64)


def transfer_fee(
    amount: np.ndarray, quantity: np.ndarray, shanghai: np.ndarray, day: np.ndarray | date
) -> np.ndarray:
    """Transfer fee in fen, both sides. ``shanghai`` marks Shanghai-listed codes (only they paid the old
    per-share fee before 1 August 2015)."""
    d = _days(day)
    amt = np.asarray(amount, dtype=np.int64)
    by_amount = _round_half_up(amt * np.where(d >= np.datetime64(TRANSFER_FEE_LOWERED), 0.00001, 0.00002))
    # 0.6 yuan per 1,000 shares = 0.06 fen per share, Shanghai only.
    per_share = np.where(
        np.asarray(shanghai, dtype=bool), _round_half_up(np.asarray(quantity, dtype=np.float64) * 0.06), 0
    )
    return np.where(d >= np.datetime64(TRANSFER_FEE_BY_AMOUNT), by_amount, per_share).astype(np.int64)


def is_shanghai(codes: list[str]) -> np.ndarray:
    """Shanghai-listed A shares and funds: codes starting with 5 or 6 (600/601/603/605/688/689, 51x)."""
    return np.array([c[:1] in ("5", "6") for c in codes], dtype=bool)


__all__ = [
    "DEFAULT_MINIMUM_FEN",
    "STAMP_DUTY_HALVED",
    "TRANSFER_FEE_LOWERED",
    "commission",
    "is_shanghai",
    "stamp_duty",
    "stamp_duty_rate",
    "transfer_fee",
]
