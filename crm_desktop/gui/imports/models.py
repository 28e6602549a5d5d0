"""Table models of the import wizard: the file preview and the validation errors."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from crm_desktop.domain import ImportStatus, label_of
from crm_desktop.gui.list_model import ALIGN, DISPLAY, FOREGROUND, TOOLTIP
from crm_desktop.importing.kinds import KINDS, column_label
from crm_desktop.importing.preview import Preview
from crm_desktop.importing.rows import RowError

# The row number as in the file (header = row 1), for the preview's vertical header and the errors.
ROW_NO_ROLE = Qt.ItemDataRole.UserRole + 1

_IGNORED = QColor("#9e9e9e")


class PreviewModel(QAbstractTableModel):
    """The first rows of the file as read; columns the import will ignore are greyed out."""

    def __init__(self) -> None:
        super().__init__()
        self._headers: list[str] = []
        self._rows: list[tuple[int, list[str]]] = []
        self._mapping: dict[str, str | None] = {}

    def set_preview(self, preview: Preview | None, mapping: dict[str, str | None] | None = None) -> None:
        self.beginResetModel()
        self._headers = list(preview.headers) if preview else []
        self._rows = list(preview.rows) if preview else []
        self._mapping = dict(mapping or {})
        self.endResetModel()

    def set_mapping(self, mapping: dict[str, str | None]) -> None:
        self._mapping = dict(mapping)
        if self._headers:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(self._headers) - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def _ignored(self, col: int) -> bool:
        return bool(self._mapping) and self._mapping.get(self._headers[col]) is None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        row_no, cells = self._rows[index.row()]
        col = index.column()
        if role == DISPLAY:
            return cells[col] if col < len(cells) else ""
        if role == FOREGROUND and self._ignored(col):
            return QBrush(_IGNORED)
        if role == ROW_NO_ROLE:
            return row_no
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == DISPLAY and 0 <= section < len(self._rows):
                return str(self._rows[section][0])
            return None
        if not 0 <= section < len(self._headers):
            return None
        header = self._headers[section]
        if role == DISPLAY:
            if not self._mapping:
                return header
            field = self._mapping.get(header)
            if field:
                return f"{header}\n→ {column_label(field)}"
            return header + "\n" + QCoreApplication.translate("ImportModels", "(ignored)")
        if role == TOOLTIP and self._mapping:
            field = self._mapping.get(header)
            if field:
                return QCoreApplication.translate("ImportModels", "Imported as {field}").replace(
                    "{field}", column_label(field)
                )
            return QCoreApplication.translate("ImportModels", "Not a column of this kind; it will be ignored")
        if role == FOREGROUND and self._ignored(section):
            return QBrush(_IGNORED)
        return None


class ErrorCol(IntEnum):
    ROW = 0
    COLUMN = 1
    VALUE = 2
    REASON = 3


class ErrorModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._errors: list[RowError] = []
        self._headers = [
            QCoreApplication.translate("ImportModels", "Row"),
            QCoreApplication.translate("ImportModels", "Column"),
            QCoreApplication.translate("ImportModels", "Value"),
            QCoreApplication.translate("ImportModels", "Reason"),
        ]

    def set_errors(self, errors: list[RowError]) -> None:
        self.beginResetModel()
        self._errors = list(errors)
        self.endResetModel()

    def error_at(self, row: int) -> RowError:
        return self._errors[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._errors)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ErrorCol)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        e = self._errors[index.row()]
        col = ErrorCol(index.column())
        if role in (DISPLAY, TOOLTIP):
            return {
                ErrorCol.ROW: str(e.row),
                ErrorCol.COLUMN: e.column,
                ErrorCol.VALUE: e.value,
                ErrorCol.REASON: e.reason,
            }[col]
        if role == ALIGN and col is ErrorCol.ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_NO_ROLE:
            return e.row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(ErrorCol):
            return self._headers[section]
        return None


class HistoryCol(IntEnum):
    WHEN = 0
    USER = 1
    KIND = 2
    FILE = 3
    STATUS = 4
    NEW = 5
    CHANGED = 6
    UNCHANGED = 7
    ERRORS = 8


def _status_label(status: str) -> str:
    return label_of(ImportStatus, status)


class HistoryModel(QAbstractTableModel):
    """The latest imports (``services.importing.import_history``), newest first."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[dict[str, Any]] = []
        self._headers = [
            QCoreApplication.translate("ImportModels", "When"),
            QCoreApplication.translate("ImportModels", "By"),
            QCoreApplication.translate("ImportModels", "Kind"),
            QCoreApplication.translate("ImportModels", "File"),
            QCoreApplication.translate("ImportModels", "Result"),
            QCoreApplication.translate("ImportModels", "New"),
            QCoreApplication.translate("ImportModels", "Changed"),
            QCoreApplication.translate("ImportModels", "Unchanged"),
            QCoreApplication.translate("ImportModels", "Errors"),
        ]

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HistoryCol)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = HistoryCol(index.column())
        if role == DISPLAY:
            if col is HistoryCol.WHEN:
                return r["started_at"].astimezone().strftime("%Y-%m-%d %H:%M") if r["started_at"] else ""
            if col is HistoryCol.STATUS:
                return _status_label(r["status"])
            if col is HistoryCol.KIND:
                spec = KINDS.get(r["kind"])
                return spec.label if spec else r["kind"]
            key = {
                HistoryCol.USER: "user",
                HistoryCol.KIND: "kind",
                HistoryCol.FILE: "file_name",
                HistoryCol.NEW: "rows_new",
                HistoryCol.CHANGED: "rows_changed",
                HistoryCol.UNCHANGED: "rows_unchanged",
                HistoryCol.ERRORS: "error_count",
            }[col]
            value = r[key]
            return "" if value is None else str(value)
        if role == TOOLTIP and col is HistoryCol.FILE:
            return f"{r['file_name']}\nSHA-256 {r['sha256']}"
        if role == ALIGN and col >= HistoryCol.NEW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(HistoryCol):
            return self._headers[section]
        return None
