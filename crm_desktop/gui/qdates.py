"""Qt date values taken from the application clock (never from QDate.currentDate()), so views and
services agree on what "today" is, also when a test or a demo fixes the date."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QDateTime, QTime

from crm_desktop import clock


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def today() -> QDate:
    return qdate(clock.today())


def now_local() -> QDateTime:
    """The clock's instant as a local QDateTime (what a date-time editor shows)."""
    local = clock.now().astimezone()
    return QDateTime(qdate(local.date()), QTime(local.hour, local.minute, local.second))
