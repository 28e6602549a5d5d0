"""Service-compliance arithmetic: how tasks, new-account follow-ups and risk reassessments count.

Pure: the service reads the rows (and turns timestamps into local days); these functions classify and
count them. A task counts as *due* once its due date is inside the period and not after today;
cancelled tasks do not count. *On time*: done on or before the due day (the touch's day). The on-time rate
divides by the tasks already judged: one due today and still open has not been missed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from crm_desktop.domain.scheduling import add_years

# Task outcomes.
ON_TIME = "on_time"
LATE = "late"
OVERDUE_NOW = "overdue_now"
OPEN_DUE = "open_due"  # open, due today (the period never reaches past today)

# New-account follow-up outcomes.
COVERED = "covered"
MISSED = "missed"
PENDING = "pending"

FOLLOW_UP_DAYS = 30
RISK_REASSESSMENT_YEARS = 2  # when the branch's plan names no period
_DONE = "done"
_OPEN_STATES = ("open", "overdue")


def rate(part: int, whole: int) -> float | None:
    """``part / whole``, None when there is nothing to divide by (shown as a dash, not as 0 %)."""
    return part / whole if whole else None


def counted_until(end: date, today: date) -> date:
    """The last due date a period counts: nothing is due before its day has come."""
    return min(end, today)


def task_outcome(status: str, due: date, done_on: date | None, today: date) -> str | None:
    """How one task of the period counts; None for one that does not count (cancelled)."""
    if status == _DONE:
        return ON_TIME if done_on is not None and done_on <= due else LATE
    if status in _OPEN_STATES:
        return OVERDUE_NOW if due < today else OPEN_DUE
    return None


class _Tally:
    """Counts of outcomes: every outcome counts in ``_TOTAL`` and in the field ``_FIELDS`` names for it
    (``_OTHER`` for one it does not name, when set)."""

    _TOTAL: ClassVar[str]
    _FIELDS: ClassVar[Mapping[str | None, str]]
    _OTHER: ClassVar[str | None] = None

    def count(self, outcome: str | None) -> None:
        """Add one item with its outcome."""
        setattr(self, self._TOTAL, getattr(self, self._TOTAL) + 1)
        name = self._FIELDS.get(outcome, self._OTHER)
        if name is not None:
            setattr(self, name, getattr(self, name) + 1)


@dataclass
class TaskCounts(_Tally):
    """Counts of the tasks due in a period (one manager, one grade, or a total).

    :meth:`count` adds one task due in the period, with its :func:`task_outcome`.
    """

    _TOTAL = "due"
    _FIELDS: ClassVar[Mapping[str | None, str]] = {
        ON_TIME: "on_time",
        LATE: "late",
        OVERDUE_NOW: "overdue_now",
        OPEN_DUE: "open_due_today",
    }

    due: int = 0
    on_time: int = 0
    late: int = 0
    overdue_now: int = 0
    open_due_today: int = 0

    @property
    def judged(self) -> int:
        """Tasks whose outcome is known: a task due today and still open is not missed yet."""
        return self.due - self.open_due_today

    @property
    def on_time_rate(self) -> float | None:
        """On time among the judged tasks; None when none is judged yet (not enough data, not 0 %)."""
        return rate(self.on_time, self.judged)

    def add(self, other: TaskCounts) -> None:
        for name in (self._TOTAL, *self._FIELDS.values()):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def follow_up_deadline(opened_on: date, days: int = FOLLOW_UP_DAYS) -> date:
    return opened_on + timedelta(days=days)


def follow_up_outcome(
    opened_on: date, contact_days: Iterable[date], today: date, days: int = FOLLOW_UP_DAYS
) -> str:
    """A new account is covered by a conversation within ``days`` of opening; missed once that time
    has passed without one; pending until then."""
    limit = follow_up_deadline(opened_on, days)
    if any(opened_on <= d <= limit for d in contact_days):
        return COVERED
    return MISSED if limit < today else PENDING


@dataclass
class FollowUpCounts(_Tally):
    _TOTAL = "opened"
    _FIELDS: ClassVar[Mapping[str | None, str]] = {COVERED: "covered", MISSED: "missed"}
    _OTHER = "pending"

    opened: int = 0
    covered: int = 0
    missed: int = 0
    pending: int = 0

    @property
    def coverage(self) -> float | None:
        """Covered among the accounts already judged (the pending ones still have time)."""
        return rate(self.covered, self.covered + self.missed)


def reassessment_cutoff(today: date, years: int = RISK_REASSESSMENT_YEARS) -> date:
    """Anyone last assessed before this day is overdue for a risk reassessment."""
    return add_years(today, -years)


def reassessment_due(assessed_on: date | None, opened_on: date, years: int = RISK_REASSESSMENT_YEARS) -> date:
    """When the next assessment is due: ``years`` after the last one, else after the account opened."""
    return add_years(assessed_on or opened_on, years)


def reassessment_overdue(
    assessed_on: date | None, opened_on: date, today: date, years: int = RISK_REASSESSMENT_YEARS
) -> bool:
    return (assessed_on or opened_on) < reassessment_cutoff(today, years)
