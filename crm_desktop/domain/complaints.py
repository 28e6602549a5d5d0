"""Complaint (投诉) rules, pure: working-day deadlines, overdue flags, and the yearly summary figures."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any


@dataclass(frozen=True)
class Calendar:
    """Working days: Monday to Friday, minus public holidays, plus the weekend days worked in lieu (调休)."""

    holidays: frozenset[date] = frozenset()
    extra_workdays: frozenset[date] = frozenset()

    def is_working_day(self, d: date) -> bool:
        if d in self.extra_workdays:
            return True
        return d.weekday() < 5 and d not in self.holidays

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (the day received does not count, as in the rules' reckoning)."""
        if n < 0:
            raise ValueError("n must not be negative")
        d = start
        left = n
        while left > 0:
            d += timedelta(days=1)
            if self.is_working_day(d):
                left -= 1
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
        n, d = 0, start
        while d < end:
            d += timedelta(days=1)
            n += self.is_working_day(d)
        return n


@dataclass(frozen=True)
class ComplaintSettings:
    acknowledge_working_days: int = 2
    resolve_working_days: int = 15
    calendar: Calendar = field(default_factory=Calendar)


def parse_settings(data: Mapping[str, Any]) -> ComplaintSettings:
    """Settings from the config's parsed TOML. Raises ValueError naming what is wrong."""
    deadlines = dict(data.get("deadlines") or {})
    ack = int(deadlines.get("acknowledge_working_days", 2))
    res = int(deadlines.get("resolve_working_days", 15))
    if ack < 1 or res < ack:
        raise ValueError(
            "deadlines: acknowledge_working_days must be at least 1 and resolve_working_days at least as long"
        )
    cal = dict(data.get("calendar") or {})

    def days(key: str) -> frozenset[date]:
        out = set()
        for v in cal.get(key, []):
            out.add(v if isinstance(v, date) else date.fromisoformat(str(v)))
        return frozenset(out)

    return ComplaintSettings(ack, res, Calendar(days("holidays"), days("extra_workdays")))


@dataclass(frozen=True)
class Deadlines:
    acknowledge_by: date
    resolve_by: date


def deadlines(received: date, settings: ComplaintSettings) -> Deadlines:
    cal = settings.calendar
    return Deadlines(
        cal.add_working_days(received, settings.acknowledge_working_days),
        cal.add_working_days(received, settings.resolve_working_days),
    )


def overdue(
    today: date,
    acknowledge_by: date,
    resolve_by: date,
    acknowledged_on: date | None,
    resolved_on: date | None,
) -> bool:
    """A deadline passed without its step: not acknowledged / not resolved by then (late steps stay overdue)."""
    # A resolution tells the client the complaint was received, so it also meets the acknowledgement.
    ack_done = acknowledged_on or resolved_on
    ack_late = today > acknowledge_by if ack_done is None else ack_done > acknowledge_by
    res_late = (resolved_on is None and today > resolve_by) or (
        resolved_on is not None and resolved_on > resolve_by
    )
    return bool(ack_late or res_late)


@dataclass(frozen=True)
class YearRow:
    """One complaint as the yearly report reads it."""

    category: str
    channel: str
    received: date
    resolved: date | None
    overdue: bool


@dataclass
class YearSummary:
    total: int = 0
    resolved: int = 0
    overdue: int = 0
    by_category: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)
    # working days from receipt to resolution: count, mean, longest
    resolve_days: list[int] = field(default_factory=list)

    @property
    def mean_resolve_days(self) -> float | None:
        return sum(self.resolve_days) / len(self.resolve_days) if self.resolve_days else None


def year_summary(rows: Iterable[YearRow], calendar: Calendar) -> YearSummary:
    s = YearSummary()
    for r in rows:
        s.total += 1
        s.by_category[r.category] = s.by_category.get(r.category, 0) + 1
        s.by_channel[r.channel] = s.by_channel.get(r.channel, 0) + 1
        s.overdue += r.overdue
        if r.resolved is not None:
            s.resolved += 1
            s.resolve_days.append(calendar.working_days_between(r.received, r.resolved))
    return s
