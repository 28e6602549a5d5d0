"""Table model of the agenda: open tasks with their bucket (overdue / today / this week / later)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from crm_desktop.gui.list_model import ListTableModel
from crm_desktop.services import tasks, touches
from crm_desktop.services.tasks import AgendaItem

DISPLAY = Qt.ItemDataRole.DisplayRole.value
TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
TASK_ID_ROLE = Qt.ItemDataRole.UserRole.value
BUCKET_ROLE = Qt.ItemDataRole.UserRole.value + 1
CLIENT_NO_ROLE = Qt.ItemDataRole.UserRole.value + 2
SORT_ROLE = Qt.ItemDataRole.UserRole.value + 3

# Overdue in red, today in the accent colour; readable on light and dark themes.
BUCKET_COLOURS = {"overdue": "#d62728", "today": "#1f77b4"}


class Col(IntEnum):
    BUCKET = 0
    DUE = 1
    CLIENT_NO = 2
    CLIENT = 3
    GRADE = 4
    TYPE = 5
    SOURCE = 6
    MANAGER = 7


def _headers() -> dict[Col, str]:
    return {
        Col.BUCKET: QCoreApplication.translate("AgendaModel", "When"),
        Col.DUE: QCoreApplication.translate("AgendaModel", "Due"),
        Col.CLIENT_NO: QCoreApplication.translate("AgendaModel", "Client no"),
        Col.CLIENT: QCoreApplication.translate("AgendaModel", "Client"),
        Col.GRADE: QCoreApplication.translate("AgendaModel", "Grade"),
        Col.TYPE: QCoreApplication.translate("AgendaModel", "Task"),
        Col.SOURCE: QCoreApplication.translate("AgendaModel", "Why"),
        Col.MANAGER: QCoreApplication.translate("AgendaModel", "Manager"),
    }


class AgendaModel(ListTableModel[AgendaItem]):
    def __init__(self, parent: Any = None) -> None:
        titles = _headers()
        super().__init__([titles[c] for c in Col], parent)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        it = self._rows[index.row()]
        col = Col(index.column())
        if role == DISPLAY:
            return self._display(it, col)
        if role == SORT_ROLE:
            if col in (Col.BUCKET, Col.DUE):
                return it.due_date.toordinal()
            return self._display(it, col)
        if role == FOREGROUND and col in (Col.BUCKET, Col.DUE) and it.bucket in BUCKET_COLOURS:
            return QBrush(QColor(BUCKET_COLOURS[it.bucket]))
        if role == TOOLTIP and it.note:
            return it.note
        if role == TASK_ID_ROLE:
            return it.task_id
        if role == BUCKET_ROLE:
            return it.bucket
        if role == CLIENT_NO_ROLE:
            return it.client_no
        return None

    @staticmethod
    def _display(it: AgendaItem, col: Col) -> str:
        if col is Col.BUCKET:
            return tasks.bucket_label(it.bucket)
        if col is Col.DUE:
            return it.due_date.isoformat()
        if col is Col.CLIENT_NO:
            return it.client_no
        if col is Col.CLIENT:
            return it.client_name
        if col is Col.GRADE:
            return it.grade or "—"
        if col is Col.TYPE:
            return touches.type_label(it.task_type)
        if col is Col.SOURCE:
            return tasks.source_label(it.source)
        return it.manager_login or ""


class BucketFilter(QSortFilterProxyModel):
    """Shows one bucket (or all) and sorts by the underlying values, not the display text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._bucket: str | None = None
        self.setSortRole(SORT_ROLE)

    def set_bucket(self, bucket: str | None) -> None:
        # begin/endFilterChange replace invalidateFilter from Qt 6.9 on (pyproject allows older Qt).
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._bucket = bucket
            self.endFilterChange()
        else:
            self._bucket = bucket
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self._bucket is None:
            return True
        return bool(self.sourceModel().index(row, 0, parent).data(BUCKET_ROLE) == self._bucket)
