"""The order a manager works through the day: what is late or due today first, the most valuable
client first within it, the longest overdue next, then by how much the kind of task matters.

Pure: the agenda and the workbench both sort with :func:`priority_key`, so they never disagree.
"""

from __future__ import annotations

from datetime import date

# Higher grade, served first. Unscored clients come last among equals (they are new or not yet graded).
_GRADE_RANK = {"V5": 5, "V4": 4, "V3": 3, "V2": 2, "V1": 1}

# Among equal clients and lateness: obligations to the client and to the rules before routine contact.
TYPE_ORDER = (
    "complaint",
    "risk_disclosure",
    "retention_call",
    "risk_reassessment",
    "handover",
    "visit",
    "phone_call",
    "review_letter",
    "message",
    "greeting",
)
_TYPE_RANK = {t: i for i, t in enumerate(TYPE_ORDER)}


def days_overdue(due: date, today: date) -> int:
    """Whole days past the due date; 0 for a task due today or later."""
    return max(0, (today - due).days)


def priority_key(grade: str | None, due: date, task_type: str, today: date) -> tuple[int, int, int, int, int]:
    """Sort key, smallest first. Work that is due (overdue or today) comes before anything later;
    within it the higher grade, then the longer overdue, then the weightier type; later work by due date."""
    g = _GRADE_RANK.get(grade or "", 0)
    t = _TYPE_RANK.get(task_type, len(TYPE_ORDER))
    if due <= today:
        return (0, -g, -days_overdue(due, today), t, due.toordinal())
    return (1, due.toordinal(), -g, t, 0)
