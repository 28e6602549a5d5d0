"""The market side of the demo data: the trading calendar, the bundled securities list and price paths.

Everything here is a pure function of its arguments (and the seed), so the demo is reproducible.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy as np

from crm_desktop.domain.exchange_calendar import ExchangeCalendar, parse
from crm_desktop.paths import resource


@cache
def exchange_calendar() -> ExchangeCalendar:
    """The bundled exchange calendar (resources/data/sse_holidays.csv), read once."""
    path = resource("data", "sse_holidays.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        return parse(fh)


def is_trading_day(day: date) -> bool:
    return exchange_calendar().is_trading_day(day)


def trading_days(start: date, end: date) -> list[date]:
    """Trading days in [start, end]: weekdays minus the exchanges' published closures."""
    return exchange_calendar().trading_days(start, end)


def last_trading_day_on_or_before(day: date) -> date:
    return exchange_calendar().last_trading_day_on_or_before(day)


def month_end_indices(days: list[date]) -> list[int]:
    """Index of the last trading day of each month in ``days``, plus the final day if it is not one."""
    out = [i for i in range(len(days) - 1) if days[i + 1].month != days[i].month]
    if days:
        out.append(len(days) - 1)
    return out


@dataclass(frozen=True)
class SecurityRow:
    code: str
    name: str
    industry: str
    board: str
    list_date: date


def load_securities() -> list[SecurityRow]:
    """The bundled list of real A-share codes (resources/data/securities.csv), in code order."""
    path = resource("data", "securities.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [
            SecurityRow(
                r["code"].strip(),
                r["name"].strip(),
                r["industry"].strip(),
                r["board"].strip(),
                date.fromisoformat(r["list_date"].strip()),
            )
            for r in csv.DictReader(fh)
        ]
    return sorted(rows, key=lambda r: r.code)


# Daily price limits by board (STAR and ChiNext 20 %, Beijing 30 %, main board 10 %).
_LIMIT = {"main": 0.10, "chinext": 0.20, "star": 0.20, "bse": 0.30}
_VOL = {"main": 0.016, "chinext": 0.024, "star": 0.026, "bse": 0.030}


@dataclass
class Market:
    days: list[date]
    securities: list[SecurityRow]
    close: np.ndarray  # (S, D) int64 closing prices in fen (0.01 yuan)
    listed_from: np.ndarray  # (S,) first day index the security trades (0 when listed before the window)
    limit: np.ndarray  # (S,) daily price limit as a fraction
    board: np.ndarray  # (S,) board code: 0 main, 1 chinext, 2 star, 3 bse
    industry: np.ndarray  # (S,) index into ``industries``
    industries: list[str]


BOARDS = ("main", "chinext", "star", "bse")


def build_market(days: list[date], securities: list[SecurityRow], seed: int) -> Market:
    """Correlated random-walk closing prices within each board's daily limit, rounded to the fen."""
    rng = np.random.default_rng([seed, 2])
    n_sec, n_days = len(securities), len(days)
    industries = sorted({s.industry for s in securities})
    ind_idx = np.array([industries.index(s.industry) for s in securities], dtype=np.int64)
    board = np.array([BOARDS.index(s.board) for s in securities], dtype=np.int64)
    limit = np.array([_LIMIT[s.board] for s in securities])
    vol = np.array([_VOL[s.board] for s in securities])
    listed_from = np.searchsorted(
        np.array(days, dtype="datetime64[D]"),
        np.array([s.list_date for s in securities], dtype="datetime64[D]"),
    )
    # A-share prices cluster around 10-20 yuan with a long right tail.
    start = np.clip(np.exp(rng.normal(np.log(16.0), 0.75, n_sec)), 2.5, 600.0)
    market = rng.normal(0.0002, 0.011, n_days)
    # An ordinary year rather than whatever the seed draws: the market factor is re-centred so the
    # index ends the window about 2 % up (the daily ups and downs stay), which keeps win rates and
    # realised profits in the range of an ordinary year (docs/demo.md, calibration targets).
    market = market - market.mean() + np.log1p(0.02) / max(n_days, 1)
    sector = rng.normal(0.0, 0.008, (len(industries), n_days))
    beta = rng.uniform(0.7, 1.3, n_sec)
    drift = rng.normal(0.0, 0.0008, n_sec)
    idio = rng.normal(0.0, 1.0, (n_sec, n_days)) * vol[:, None]
    ret = drift[:, None] + beta[:, None] * market[None, :] + sector[ind_idx] + idio
    ret = np.clip(ret, -limit[:, None] * 0.98, limit[:, None] * 0.98)
    # New listings open well above the issue price, then trade more wildly for a few weeks.
    new = listed_from > 0
    for s in np.nonzero(new)[0]:
        f = int(listed_from[s])
        if f >= n_days:
            continue
        ret[s, :f] = 0.0
        ret[s, f] = rng.uniform(0.3, 1.8)
        ret[s, f + 1 : f + 20] *= 2.0
    ret[:, 0] = 0.0
    path = start[:, None] * np.exp(np.cumsum(np.log1p(ret), axis=1))
    close = np.maximum(np.rint(path * 100.0), 100).astype(np.int64)
    return Market(days, securities, close, listed_from.astype(np.int64), limit, board, ind_idx, industries)
