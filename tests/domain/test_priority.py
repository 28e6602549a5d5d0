"""Priority order of the day's work."""

from __future__ import annotations

from datetime import date, timedelta

from crm_desktop.domain.priority import days_overdue, priority_key

TODAY = date(2026, 6, 15)


def _order(tasks: list[tuple[str, str | None, int, str]]) -> list[str]:
    return [
        name
        for name, *_ in sorted(
            tasks, key=lambda t: priority_key(t[1], TODAY - timedelta(days=t[2]), t[3], TODAY)
        )
    ]


def test_due_work_first_then_grade_then_lateness_then_type() -> None:
    tasks = [
        ("later_v5", "V5", -3, "phone_call"),  # due in three days: after everything due
        ("today_v2", "V2", 0, "phone_call"),
        ("late_v2", "V2", 9, "phone_call"),
        ("late_v5", "V5", 1, "greeting"),
        ("late_v5_call", "V5", 1, "phone_call"),
        ("late_unscored", None, 30, "complaint"),
        ("tomorrow_v1", "V1", -1, "visit"),
    ]
    assert _order(tasks) == [
        "late_v5_call",  # V5, a call before a greeting on the same day
        "late_v5",
        "late_v2",  # V2: nine days late before due today
        "today_v2",
        "late_unscored",
        "tomorrow_v1",  # later work by due date
        "later_v5",
    ]


def test_days_overdue() -> None:
    assert days_overdue(TODAY - timedelta(days=3), TODAY) == 3
    assert days_overdue(TODAY, TODAY) == 0
    assert days_overdue(TODAY + timedelta(days=2), TODAY) == 0
