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
from crm_desktop.gui.theme import OVERDUE_COLOUR
from crm_desktop.services import tasks, touches
from crm_desktop.services.tasks import AgendaItem

DISPLAY = Qt.ItemDataRole.DisplayRole.value
TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
TASK_ID_ROLE = Qt.ItemDataRole.UserRole.value
BUCKET_ROLE = Qt.ItemDataRole.UserRole.value + 1
CLIENT_NO_ROLE = Qt.ItemDataRole.UserRole.value + 2
SORT_ROLE = Qt.ItemDataRole.UserRole.value + 3
ALIGN = Qt.ItemDataRole.TextAlignmentRole.value
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

# Overdue in red, today in the accent colour; readable on light and dark themes.
BUCKET_COLOURS = {"overdue": OVERDUE_COLOUR, "today": "#1f77b4"}


class Col(IntEnum):
    PRIORITY = 0
    BUCKET = 1
    DUE = 2
    OVERDUE_DAYS = 3
    CLIENT_NO = 4
    CLIENT = 5
    GRADE = 6
    TYPE = 7
    SOURCE = 8
    MANAGER = 9


def _headers() -> dict[Col, str]:
    return {
        Col.PRIORITY: QCoreApplication.translate("AgendaModel", "Priority"),
        Col.BUCKET: QCoreApplication.translate("AgendaModel", "When"),
        Col.DUE: QCoreApplication.translate("AgendaModel", "Due"),
        Col.OVERDUE_DAYS: QCoreApplication.translate("AgendaModel", "Days overdue"),
        Col.CLIENT_NO: QCoreApplication.translate("AgendaModel", "Client no"),
        Col.CLIENT: QCoreApplication.translate("AgendaModel", "Client"),
        Col.GRADE: QCoreApplication.translate("AgendaModel", "Grade"),
        Col.TYPE: QCoreApplication.translate("AgendaModel", "Task"),
        Col.SOURCE: QCoreApplication.translate("AgendaModel", "Why"),
        Col.MANAGER: QCoreApplication.translate("AgendaModel", "Manager"),
    }


class AgendaModel(ListTableModel[AgendaItem]):
    """Sorts its own row list with a key per column (one Python pass), instead of letting a proxy compare
    rows through ``data()`` a few tens of thousands of times: that took a second at 2,000 tasks."""

    def __init__(self, parent: Any = None) -> None:
        titles = _headers()
        super().__init__([titles[c] for c in Col], parent)
        self._sort: tuple[int, Qt.SortOrder] = (int(Col.PRIORITY), Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows: Any) -> None:
        self.beginResetModel()
        self._rows = sorted(
            rows, key=self._key(self._sort[0]), reverse=self._sort[1] == Qt.SortOrder.DescendingOrder
        )
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Col):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        key = self._key(column)
        pairs = sorted(
            enumerate(self._rows), key=lambda p: key(p[1]), reverse=order == Qt.SortOrder.DescendingOrder
        )
        self._rows = [r for _, r in pairs]
        persistent = self.persistentIndexList()
        if persistent:
            new_row = {old: new for new, (old, _) in enumerate(pairs)}
            self.changePersistentIndexList(
                persistent, [self.index(new_row.get(i.row(), i.row()), i.column()) for i in persistent]
            )
        self.layoutChanged.emit()

    @staticmethod
    def _key(column: int) -> Any:
        col = Col(column)
        if col in (Col.BUCKET, Col.DUE):
            return lambda it: (it.due_date, it.priority)
        if col is Col.PRIORITY:
            return lambda it: it.priority
        if col is Col.OVERDUE_DAYS:
            return lambda it: (it.days_overdue, -it.priority)
        return lambda it: (AgendaModel._display(it, col), it.priority)

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
            if col is Col.PRIORITY:
                return it.priority
            if col is Col.OVERDUE_DAYS:
                return it.days_overdue
            return self._display(it, col)
        if (
            role == FOREGROUND
            and col in (Col.BUCKET, Col.DUE, Col.OVERDUE_DAYS)
            and it.bucket in BUCKET_COLOURS
        ):
            return QBrush(QColor(BUCKET_COLOURS[it.bucket]))
        if role == ALIGN and col in (Col.PRIORITY, Col.OVERDUE_DAYS):
            return RIGHT
        if role == TOOLTIP and it.note:
            return tasks.note_text(it.note)
        if role == TASK_ID_ROLE:
            return it.task_id
        if role == BUCKET_ROLE:
            return it.bucket
        if role == CLIENT_NO_ROLE:
            return it.client_no
        return None

    @staticmethod
    def _display(it: AgendaItem, col: Col) -> str:
        if col is Col.PRIORITY:
            return str(it.priority)
        if col is Col.OVERDUE_DAYS:
            return str(it.days_overdue) if it.days_overdue else ""
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
            if it.note and it.note.startswith(tasks.RETENTION_NOTE):
                # the proposed retention answer belongs with the reason, where the manager reads it
                return f"{tasks.source_label(it.source)} · {tasks.note_text(it.note)}"
            return tasks.source_label(it.source)
        return it.manager_login or ""


class BucketFilter(QSortFilterProxyModel):
    """Filters by bucket, task type, grade, source and a search text (client number or name), and sorts
    by the underlying values, not the display text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._bucket: str | None = None
        self._type: str | None = None
        self._grade: str | None = None
        self._source: str | None = None
        self._text = ""
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The source model keeps its rows sorted; the proxy only filters and follows its order.
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def _change(self, name: str, value: Any) -> None:
        # begin/endFilterChange replace invalidateFilter from Qt 6.9 on (pyproject allows older Qt).
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            setattr(self, name, value)
            self.endFilterChange()
        else:
            setattr(self, name, value)
            self.invalidateFilter()

    def set_bucket(self, bucket: str | None) -> None:
        self._change("_bucket", bucket)

    def set_task_type(self, task_type: str | None) -> None:
        self._change("_type", task_type)

    def set_grade(self, grade: str | None) -> None:
        self._change("_grade", grade)

    def set_source(self, source: str | None) -> None:
        self._change("_source", source)

    def set_text(self, text: str) -> None:
        self._change("_text", text.strip().casefold())

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, AgendaModel):
            return True
        it = model.row_at(row)
        if self._bucket is not None and it.bucket != self._bucket:
            return False
        if self._type is not None and it.task_type != self._type:
            return False
        if self._grade is not None and (it.grade or "") != self._grade:
            return False
        if self._source is not None and it.source != self._source:
            return False
        return (
            not self._text or self._text in it.client_no.casefold() or self._text in it.client_name.casefold()
        )

    def visible_items(self) -> list[AgendaItem]:
        """The rows shown, in the order shown (what an export writes)."""
        model = self.sourceModel()
        assert isinstance(model, AgendaModel)
        return [model.row_at(self.mapToSource(self.index(r, 0)).row()) for r in range(self.rowCount())]
