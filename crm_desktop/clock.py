"""The one source of "now" and "today" for every layer below the views.

Business rules depend on the calendar (due dates, horizons, validity periods), so the date is an
input, not something each function looks up. Services, the CLI and the GUI ask this module; tests
install a :class:`FixedClock` so that a suite passes on any day. Nothing else in the package calls
``date.today()`` or ``datetime.now()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware in UTC."""
        ...

    def today(self) -> date:
        """The workstation's calendar date (local time), the date a user means by "today"."""
        ...


class SystemClock:
    """The wall clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return date.today()


class FixedClock:
    """A clock that stands still until moved; local time is taken to be UTC+8 (China Standard Time)."""

    LOCAL_OFFSET = timedelta(hours=8)

    def __init__(self, at: datetime | date) -> None:
        self._now = self._aware(at)

    @classmethod
    def _aware(cls, at: datetime | date) -> datetime:
        if isinstance(at, datetime):
            if at.tzinfo is None:
                raise ValueError("FixedClock needs an aware datetime (or a date)")
            return at.astimezone(UTC)
        # a date means 10:00 local on that day: inside working hours, far from midnight on either side
        return datetime.combine(at, time(10, 0), tzinfo=UTC) - cls.LOCAL_OFFSET

    def now(self) -> datetime:
        return self._now

    def today(self) -> date:
        return (self._now + self.LOCAL_OFFSET).date()

    def set(self, at: datetime | date) -> None:
        self._now = self._aware(at)

    def advance(self, delta: timedelta) -> None:
        self._now += delta


_current: Clock = SystemClock()


def current() -> Clock:
    return _current


def set_clock(clock: Clock) -> Clock:
    """Install ``clock`` for the process; returns the one it replaces."""
    global _current
    previous, _current = _current, clock
    return previous


@contextmanager
def using(clock: Clock) -> Iterator[Clock]:
    previous = set_clock(clock)
    try:
        yield clock
    finally:
        set_clock(previous)


def now() -> datetime:
    """Aware UTC instant from the installed clock."""
    return _current.now()


def today() -> date:
    """Local calendar date from the installed clock."""
    return _current.today()
