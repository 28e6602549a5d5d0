"""The market side of the demo data: the trading calendar, the bundled securities list and price paths.

Everything here is a pure function of its arguments (and the seed), so the demo is reproducible.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from crm_desktop.paths import resource

# Weekday closures of the Shanghai and Shenzhen exchanges for the public holidays, as announced for
# those years. Years not listed fall back to the fixed-date holidays below (New Year, Labour Day,
# National Day), which keeps the calendar deterministic without pretending to know the lunar ones.
_HOLIDAYS: dict[int, tuple[tuple[int, int, int, int], ...]] = {
    # (month, first day, month, last day), inclusive
    2023: ((1, 2, 1, 2), (1, 23, 1, 27), (4, 5, 4, 5), (5, 1, 5, 3), (6, 22, 6, 23), (9, 29, 10, 6)),
    2024: (
        (1, 1, 1, 1),
        (2, 9, 2, 17),
        (4, 4, 4, 5),
        (5, 1, 5, 3),
        (6, 10, 6, 10),
        (9, 16, 9, 17),
        (10, 1, 10, 7),
    ),
    2025: ((1, 1, 1, 1), (1, 28, 2, 4), (4, 4, 4, 4), (5, 1, 5, 5), (6, 2, 6, 2), (10, 1, 10, 8)),
    2026: (
        (1, 1, 1, 2),
        (2, 16, 2, 23),
        (4, 6, 4, 6),
        (5, 1, 5, 5),
        (6, 19, 6, 19),
        (9, 25, 9, 25),
        (10, 1, 10, 7),
    ),
}
_FIXED_FALLBACK = ((1, 1, 1, 1), (5, 1, 5, 3), (10, 1, 10, 7))


def _closures(year: int) -> set[date]:
    out: set[date] = set()
    for m1, d1, m2, d2 in _HOLIDAYS.get(year, _FIXED_FALLBACK):
        day, last = date(year, m1, d1), date(year, m2, d2)
        while day <= last:
            out.add(day)
            day += timedelta(days=1)
    return out


def is_trading_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _closures(day.year)


def trading_days(start: date, end: date) -> list[date]:
    """Trading days in [start, end]: weekdays minus the exchange holidays above."""
    closed: set[date] = set()
    for year in range(start.year, end.year + 1):
        closed |= _closures(year)
    out = []
    day = start
    while day <= end:
        if day.weekday() < 5 and day not in closed:
            out.append(day)
        day += timedelta(days=1)
    return out


def last_trading_day_on_or_before(day: date) -> date:
    while not is_trading_day(day):
        day -= timedelta(days=1)
    return day


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
