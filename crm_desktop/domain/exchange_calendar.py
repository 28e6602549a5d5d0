"""Trading days of the Shanghai and Shenzhen exchanges, from the non-trading weekdays they publish.

The exchanges close on weekends and on the public-holiday weekdays announced each year (the State
Council's holiday schedule, which the exchanges follow without the make-up working weekends). The
closures are kept as data (``resources/data/sse_holidays.csv``, one row per closed weekday); this module
is the pure part: parse the rows, answer questions about days. A year that the data does not cover is
an error, never a guess, so a demo built in a new year cannot trade through its Spring Festival.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr

PUBLISHED = "published"
PROVISIONAL = "provisional"  # derived from the statutory holidays before the year's schedule is announced


@dataclass(frozen=True)
class ExchangeCalendar:
    closures: dict[date, str]  # closed weekday -> holiday name
    years: frozenset[int]  # years the data covers (closures of other years are unknown)
    provisional: frozenset[int]  # covered years whose closures are not yet the published schedule

    @property
    def first_year(self) -> int:
        return min(self.years)

    @property
    def last_year(self) -> int:
        return max(self.years)

    def covers(self, year: int) -> bool:
        return year in self.years

    def require(self, year: int) -> None:
        if year not in self.years:
            raise InvalidInput(
                tr(
                    "交易日历没有 {y} 年的休市安排（现有 {a}–{b} 年）：请按交易所公告补充 "
                    "resources/data/sse_holidays.csv。",
                    "The exchange calendar has no closures for {y} (it covers {a}–{b}): add the exchanges' "
                    "published non-trading days to resources/data/sse_holidays.csv.",
                    y=year,
                    a=self.first_year,
                    b=self.last_year,
                )
            )

    def is_trading_day(self, day: date) -> bool:
        self.require(day.year)
        return day.weekday() < 5 and day not in self.closures

    def holiday(self, day: date) -> str | None:
        """The holiday a weekday closure belongs to, or None."""
        return self.closures.get(day)

    def trading_days(self, start: date, end: date) -> list[date]:
        """Trading days in [start, end], in order."""
        for year in range(start.year, end.year + 1):
            self.require(year)
        out = []
        day = start
        one = timedelta(days=1)
        while day <= end:
            if day.weekday() < 5 and day not in self.closures:
                out.append(day)
            day += one
        return out

    def last_trading_day_on_or_before(self, day: date) -> date:
        while not self.is_trading_day(day):
            day -= timedelta(days=1)
        return day

    def next_trading_day_after(self, day: date) -> date:
        day += timedelta(days=1)
        while not self.is_trading_day(day):
            day += timedelta(days=1)
        return day


def parse(lines: Iterable[str]) -> ExchangeCalendar:
    """Rows ``date,holiday,status`` (header first). Every year between the first and the last row counts
    as covered; a weekend date or an unknown status is an error in the data."""
    closures: dict[date, str] = {}
    statuses: dict[int, set[str]] = {}
    for n, row in enumerate(csv.DictReader(lines), start=2):
        try:
            day = date.fromisoformat(row["date"].strip())
        except (KeyError, ValueError, AttributeError):
            raise InvalidInput(
                tr("交易日历第 {n} 行日期无效。", "Exchange calendar line {n}: invalid date.", n=n)
            ) from None
        status = (row.get("status") or "").strip()
        if day.weekday() >= 5 or status not in (PUBLISHED, PROVISIONAL) or day in closures:
            raise InvalidInput(
                tr(
                    "交易日历第 {n} 行无效：{d}（只列休市的工作日，状态为 published 或 provisional，不重复）。",
                    "Exchange calendar line {n} is invalid: {d} (list closed weekdays once each, with status "
                    "published or provisional).",
                    n=n,
                    d=day.isoformat(),
                )
            )
        closures[day] = (row.get("holiday") or "").strip()
        statuses.setdefault(day.year, set()).add(status)
    if not closures:
        raise InvalidInput(tr("交易日历为空。", "The exchange calendar is empty."))
    years = frozenset(range(min(statuses), max(statuses) + 1))
    provisional = frozenset(y for y, s in statuses.items() if PROVISIONAL in s)
    return ExchangeCalendar(closures, years, provisional)


__all__ = ["PROVISIONAL", "PUBLISHED", "ExchangeCalendar", "parse"]
