"""Compliance arithmetic on plain rows: task outcomes, follow-up coverage, reassessment dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from crm_desktop.domain.compliance import (
    COVERED,
    LATE,
    MISSED,
    ON_TIME,
    OPEN_DUE,
    OVERDUE_NOW,
    PENDING,
    FollowUpCounts,
    TaskCounts,
    counted_until,
    follow_up_outcome,
    rate,
    reassessment_cutoff,
    reassessment_due,
    reassessment_overdue,
    task_outcome,
)

TODAY = date(2026, 6, 17)
D = timedelta


@pytest.mark.parametrize(
    ("status", "due", "done_on", "outcome"),
    [
        ("done", TODAY - D(3), TODAY - D(4), ON_TIME),
        ("done", TODAY - D(3), TODAY - D(3), ON_TIME),  # on the due day
        ("done", TODAY - D(3), TODAY - D(2), LATE),
        ("done", TODAY - D(3), None, LATE),  # done without a completion time: not provably on time
        ("open", TODAY - D(1), None, OVERDUE_NOW),
        ("overdue", TODAY - D(1), None, OVERDUE_NOW),
        ("open", TODAY, None, OPEN_DUE),  # due today is not overdue yet
        ("overdue", TODAY, None, OPEN_DUE),  # a stale stored state is judged by the date
        ("cancelled", TODAY - D(1), None, None),
    ],
)
def test_task_outcome(status: str, due: date, done_on: date | None, outcome: str | None) -> None:
    assert task_outcome(status, due, done_on, TODAY) == outcome


def test_task_counts_and_rate() -> None:
    counts = TaskCounts()
    assert counts.on_time_rate is None  # nothing due: no rate, not 0 %
    for outcome in (ON_TIME, LATE, OVERDUE_NOW, OPEN_DUE):
        counts.count(outcome)
    assert (counts.due, counts.on_time, counts.late, counts.overdue_now, counts.open_due_today) == (
        4,
        1,
        1,
        1,
        1,
    )
    # the task due today and still open is not judged yet: 1 on time of 3 judged
    assert counts.judged == 3
    assert counts.on_time_rate == pytest.approx(1 / 3)
    total = TaskCounts()
    total.add(counts)
    total.add(counts)
    assert (total.due, total.on_time, total.on_time_rate) == (8, 2, pytest.approx(1 / 3))


def test_first_day_of_a_period_is_not_zero_percent() -> None:
    """Seen in the app: on the first of the month every task is due today and open; that is no data, not 0 %."""
    counts = TaskCounts()
    for _ in range(66):
        counts.count(OPEN_DUE)
    assert counts.due == 66 and counts.on_time_rate is None


@pytest.mark.parametrize(
    ("part", "whole", "expected"), [(0, 0, None), (0, 4, 0.0), (3, 4, 0.75), (4, 4, 1.0)]
)
def test_rate(part: int, whole: int, expected: float | None) -> None:
    assert rate(part, whole) == expected


@pytest.mark.parametrize(
    ("end", "expected"), [(TODAY + D(10), TODAY), (TODAY, TODAY), (TODAY - D(1), TODAY - D(1))]
)
def test_period_stops_at_today(end: date, expected: date) -> None:
    assert counted_until(end, TODAY) == expected


OPENED = TODAY - D(40)


@pytest.mark.parametrize(
    ("opened", "contacts", "outcome"),
    [
        (OPENED, [OPENED], COVERED),  # on the opening day
        (OPENED, [OPENED + D(30)], COVERED),  # on the last day
        (OPENED, [OPENED + D(31)], MISSED),
        (OPENED, [OPENED - D(1)], MISSED),  # before the account existed
        (OPENED, [OPENED - D(1), OPENED + D(5)], COVERED),
        (OPENED, [], MISSED),
        (TODAY - D(30), [], PENDING),  # the deadline is today: still time
        (TODAY - D(31), [], MISSED),
        (TODAY - D(2), [], PENDING),
    ],
)
def test_follow_up_outcome(opened: date, contacts: list[date], outcome: str) -> None:
    assert follow_up_outcome(opened, contacts, TODAY) == outcome


def test_follow_up_counts_judge_only_decided_accounts() -> None:
    counts = FollowUpCounts()
    assert counts.coverage is None
    counts.count(PENDING)
    assert counts.coverage is None and counts.opened == 1
    for outcome in (COVERED, MISSED, MISSED):
        counts.count(outcome)
    assert (counts.opened, counts.covered, counts.missed, counts.pending) == (4, 1, 2, 1)
    assert counts.coverage == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    ("assessed", "opened", "years", "due", "overdue"),
    [
        (date(2024, 6, 17), date(2020, 1, 2), 2, date(2026, 6, 17), False),  # due today: not overdue yet
        (date(2024, 6, 16), date(2020, 1, 2), 2, date(2026, 6, 16), True),
        (None, date(2024, 6, 16), 2, date(2026, 6, 16), True),  # never assessed: from the open date
        (None, date(2025, 1, 1), 2, date(2027, 1, 1), False),
        (date(2025, 6, 16), date(2020, 1, 2), 1, date(2026, 6, 16), True),
        (date(2024, 2, 29), date(2020, 1, 2), 2, date(2026, 2, 28), True),
    ],
)
def test_reassessment(assessed: date | None, opened: date, years: int, due: date, overdue: bool) -> None:
    assert reassessment_due(assessed, opened, years) == due
    assert reassessment_overdue(assessed, opened, TODAY, years) is overdue
    assert ((assessed or opened) < reassessment_cutoff(TODAY, years)) is overdue


def test_reassessment_default_is_two_years() -> None:
    assert reassessment_cutoff(TODAY) == date(2024, 6, 17)
    assert reassessment_due(None, date(2024, 2, 29)) == date(2026, 2, 28)
