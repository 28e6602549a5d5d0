"""Table models of the workbench: one column enum per table, rows are the service's records."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush

from crm_desktop.gui.list_model import ALIGN, DISPLAY, FOREGROUND, TOOLTIP, Index, ListTableModel
from crm_desktop.gui.theme import overdue_colour
from crm_desktop.services.workbench import (
    Activity,
    Alert,
    Approval,
    ImportEntry,
    ManagerAttention,
    RunEntry,
    WorkItem,
)

T = TypeVar("T")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def wan(value: Decimal | float | int | None, *, signed: bool = False) -> str:
    """Money in 万元 with two decimals, the unit shown next to it by the caller."""
    if value is None:
        return QCoreApplication.translate("Workbench", "Not enough data")
    v = float(value) / 10_000
    return f"{v:+,.2f}" if signed else f"{v:,.2f}"


WAN_FROM = 100_000  # smaller amounts are shown in 元: 0.05 万元 says less than 453.69 元


def money_parts(
    value: Decimal | float | int, *, signed: bool = False, big: bool | None = None
) -> tuple[str, str]:
    """(number, unit): 万元 for large amounts (or when ``big``), else 元."""
    if big is None:
        big = abs(float(value)) >= WAN_FROM
    if big:
        return wan(value, signed=signed), QCoreApplication.translate("Workbench", "10k yuan")
    v = float(value)
    return (f"{v:+,.2f}" if signed else f"{v:,.2f}"), QCoreApplication.translate("Workbench", "yuan")


def local_time(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def percent(rate: float | None) -> str:
    return QCoreApplication.translate("Workbench", "Not enough data") if rate is None else f"{rate:.0%}"


@dataclass(frozen=True)
class Column(Generic[T]):
    title: str
    text: Callable[[T], str]
    right: bool = False
    red: Callable[[T], bool] | None = None
    tip: Callable[[T], str] | None = None


class RecordModel(ListTableModel[T]):
    """Rows of one record type under columns defined once (the subclass's ``Col`` enum orders them)."""

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__([c.title for c in columns], parent)
        self._columns = list(columns)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        row = self._rows[index.row()]
        col = self._columns[index.column()]
        if role == DISPLAY:
            return col.text(row)
        if role == ALIGN and col.right:
            return RIGHT
        if role == FOREGROUND and col.red is not None and col.red(row):
            return QBrush(overdue_colour())  # the theme's red (lighter on dark)
        if role == TOOLTIP:
            return col.tip(row) if col.tip is not None else col.text(row)
        if role == ROW_ROLE:
            return row
        return None


class WorkCol(IntEnum):
    RANK = 0
    CLIENT = 1
    GRADE = 2
    TASK = 3
    DUE = 4
    OVERDUE = 5
    SOURCE = 6


class WorkModel(RecordModel[WorkItem]):
    Col = WorkCol

    def __init__(self, parent: Any = None) -> None:
        def late(w: WorkItem) -> str:
            if not w.days_overdue:
                return QCoreApplication.translate("Workbench", "due today")
            if w.days_overdue == 1:
                return QCoreApplication.translate("Workbench", "1 day")
            return QCoreApplication.translate("Workbench", "{n} days").replace("{n}", str(w.days_overdue))

        cols: dict[WorkCol, Column[WorkItem]] = {
            WorkCol.RANK: Column(
                QCoreApplication.translate("Workbench", "#"), lambda w: str(w.rank), right=True
            ),
            WorkCol.CLIENT: Column(
                QCoreApplication.translate("Workbench", "Client"), lambda w: f"{w.client_no} {w.client_name}"
            ),
            WorkCol.GRADE: Column(QCoreApplication.translate("Workbench", "Grade"), lambda w: w.grade or "-"),
            WorkCol.TASK: Column(QCoreApplication.translate("Workbench", "Task"), lambda w: w.type_label),
            WorkCol.DUE: Column(
                QCoreApplication.translate("Workbench", "Due"), lambda w: w.due_date.isoformat()
            ),
            WorkCol.OVERDUE: Column(
                QCoreApplication.translate("Workbench", "Overdue"),
                late,
                right=True,
                red=lambda w: w.days_overdue > 0,
            ),
            WorkCol.SOURCE: Column(QCoreApplication.translate("Workbench", "Why"), lambda w: w.source_label),
        }
        super().__init__([cols[c] for c in WorkCol], parent)


class AlertCol(IntEnum):
    WHAT = 0


class AlertModel(RecordModel[Alert]):
    """One column: the alert, and under it which clients or cases it is about."""

    Col = AlertCol

    def __init__(self, parent: Any = None) -> None:
        cols: dict[AlertCol, Column[Alert]] = {
            AlertCol.WHAT: Column(
                QCoreApplication.translate("Workbench", "Alert"),
                lambda a: a.title + (f"\n{a.detail}" if a.detail else ""),
                red=lambda a: a.severity >= 2,
            ),
        }
        super().__init__([cols[c] for c in AlertCol], parent)


class ActivityCol(IntEnum):
    WHEN = 0
    CLIENT = 1
    WHAT = 2


class ActivityModel(RecordModel[Activity]):
    Col = ActivityCol

    def __init__(self, parent: Any = None) -> None:
        cols: dict[ActivityCol, Column[Activity]] = {
            ActivityCol.WHEN: Column(
                QCoreApplication.translate("Workbench", "When"),
                lambda a: local_time(a.at)[5:],
                tip=lambda a: local_time(a.at),
            ),
            ActivityCol.CLIENT: Column(
                QCoreApplication.translate("Workbench", "Client"), lambda a: f"{a.client_no} {a.client_name}"
            ),
            ActivityCol.WHAT: Column(QCoreApplication.translate("Workbench", "What"), lambda a: a.text),
        }
        super().__init__([cols[c] for c in ActivityCol], parent)


class ApprovalCol(IntEnum):
    CLIENT = 0
    FROM = 1
    TO = 2
    REASON = 3
    REQUESTED = 4


class ApprovalModel(RecordModel[Approval]):
    Col = ApprovalCol

    def __init__(self, parent: Any = None) -> None:
        cols: dict[ApprovalCol, Column[Approval]] = {
            ApprovalCol.CLIENT: Column(
                QCoreApplication.translate("Workbench", "Client"), lambda a: f"{a.client_no} {a.client_name}"
            ),
            ApprovalCol.FROM: Column(
                QCoreApplication.translate("Workbench", "From"), lambda a: a.from_login or "-"
            ),
            ApprovalCol.TO: Column(QCoreApplication.translate("Workbench", "To"), lambda a: a.to_login),
            ApprovalCol.REASON: Column(
                QCoreApplication.translate("Workbench", "Reason"), lambda a: a.reason_label
            ),
            ApprovalCol.REQUESTED: Column(
                QCoreApplication.translate("Workbench", "Requested"),
                lambda a: f"{local_time(a.requested_at)} · {a.requested_by}",
            ),
        }
        super().__init__([cols[c] for c in ApprovalCol], parent)


class ManagerCol(IntEnum):
    MANAGER = 0
    OVERDUE = 1
    ON_TIME = 2
    WHY = 3


class ManagerModel(RecordModel[ManagerAttention]):
    Col = ManagerCol

    def __init__(self, parent: Any = None) -> None:
        cols: dict[ManagerCol, Column[ManagerAttention]] = {
            ManagerCol.MANAGER: Column(
                QCoreApplication.translate("Workbench", "Manager"), lambda m: f"{m.name} ({m.login})"
            ),
            ManagerCol.OVERDUE: Column(
                QCoreApplication.translate("Workbench", "Overdue tasks"),
                lambda m: str(m.overdue),
                right=True,
                red=lambda m: m.overdue > 0,
            ),
            ManagerCol.ON_TIME: Column(
                QCoreApplication.translate("Workbench", "On time this month"),
                lambda m: percent(m.on_time_rate),
                right=True,
                tip=lambda m: QCoreApplication.translate("Workbench", "{n} tasks judged").replace(
                    "{n}", str(m.judged)
                ),
            ),
            ManagerCol.WHY: Column(QCoreApplication.translate("Workbench", "Why listed"), lambda m: m.why),
        }
        super().__init__([cols[c] for c in ManagerCol], parent)


class ImportCol(IntEnum):
    STARTED = 0
    KIND = 1
    FILE = 2
    STATUS = 3
    ROWS = 4
    ERRORS = 5


class ImportModel(RecordModel[ImportEntry]):
    Col = ImportCol

    def __init__(self, parent: Any = None) -> None:
        cols: dict[ImportCol, Column[ImportEntry]] = {
            ImportCol.STARTED: Column(
                QCoreApplication.translate("Workbench", "Started"), lambda i: local_time(i.started_at)
            ),
            ImportCol.KIND: Column(QCoreApplication.translate("Workbench", "Kind"), lambda i: i.kind_label),
            ImportCol.FILE: Column(QCoreApplication.translate("Workbench", "File"), lambda i: i.file_name),
            ImportCol.STATUS: Column(
                QCoreApplication.translate("Workbench", "Status"),
                lambda i: i.status_label,
                red=lambda i: i.status == "rejected",
            ),
            ImportCol.ROWS: Column(
                QCoreApplication.translate("Workbench", "Rows (new / changed)"),
                lambda i: f"{i.rows_total:,} ({i.rows_new:,} / {i.rows_changed:,})",
                right=True,
            ),
            ImportCol.ERRORS: Column(
                QCoreApplication.translate("Workbench", "Errors"),
                lambda i: str(i.error_count),
                right=True,
                red=lambda i: i.error_count > 0,
            ),
        }
        super().__init__([cols[c] for c in ImportCol], parent)


class RunCol(IntEnum):
    RUN = 0
    AS_OF = 1
    FINISHED = 2
    CLIENTS = 3
    WARNINGS = 4


class RunModel(RecordModel[RunEntry]):
    Col = RunCol

    def __init__(self, parent: Any = None) -> None:
        cols: dict[RunCol, Column[RunEntry]] = {
            RunCol.RUN: Column(
                QCoreApplication.translate("Workbench", "Run"), lambda r: f"#{r.id} ({r.engine_version})"
            ),
            RunCol.AS_OF: Column(
                QCoreApplication.translate("Workbench", "Data as of"), lambda r: r.as_of.isoformat()
            ),
            RunCol.FINISHED: Column(
                QCoreApplication.translate("Workbench", "Finished"),
                lambda r: (
                    local_time(r.finished_at)
                    if r.finished_at
                    else QCoreApplication.translate("Workbench", "not finished")
                ),
            ),
            RunCol.CLIENTS: Column(
                QCoreApplication.translate("Workbench", "Clients / managers"),
                lambda r: f"{r.client_count:,} / {r.manager_count:,}",
                right=True,
            ),
            RunCol.WARNINGS: Column(
                QCoreApplication.translate("Workbench", "Warnings"),
                lambda r: str(r.warnings),
                right=True,
                red=lambda r: r.warnings > 0,
            ),
        }
        super().__init__([cols[c] for c in RunCol], parent)


def days_text(day: date) -> str:
    return day.isoformat()
