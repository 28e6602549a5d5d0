"""The read-only table model most views need: a list of row objects under fixed column titles.

Subclasses give the titles once (already translated) and implement ``data``; row storage, counts,
header text and index checks live here so every table behaves the same under ``qtmodeltester``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
# The item-data roles the table models answer, named once.
DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
ALIGN = Qt.ItemDataRole.TextAlignmentRole
_ROOT = QModelIndex()


class ListTableModel(QAbstractTableModel, Generic[T]):
    def __init__(self, titles: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._titles: list[str] = list(titles)
        self._rows: list[T] = []

    def set_rows(self, rows: Iterable[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._rows_set()
        self.endResetModel()

    def _rows_set(self) -> None:
        """Hook for subclasses that derive per-row caches; runs inside the model reset."""

    @property
    def rows(self) -> list[T]:
        return self._rows

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._titles)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._titles):
            return self._titles[section]
        return None

    def _valid(self, index: Index) -> bool:
        return (
            index.isValid() and 0 <= index.row() < len(self._rows) and 0 <= index.column() < len(self._titles)
        )
