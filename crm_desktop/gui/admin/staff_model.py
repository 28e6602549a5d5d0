"""Table model of staff accounts."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from crm_desktop.services.auth import role_label
from crm_desktop.services.staff import StaffInfo

DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
USER = Qt.ItemDataRole.UserRole


class Col(IntEnum):
    LOGIN = 0
    NAME = 1
    ROLE = 2
    BRANCH = 3
    ACTIVE = 4


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("StaffModel", "Login"),
        QCoreApplication.translate("StaffModel", "Name"),
        QCoreApplication.translate("StaffModel", "Role"),
        QCoreApplication.translate("StaffModel", "Branch"),
        QCoreApplication.translate("StaffModel", "Status"),
    ]


class StaffModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[StaffInfo] = []
        self._headers = _headers()

    def set_rows(self, rows: list[StaffInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> StaffInfo:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Col)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(Col):
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        s = self._rows[index.row()]
        col = index.column()
        if role == DISPLAY:
            if col == Col.LOGIN:
                return s.login
            if col == Col.NAME:
                return s.display_name
            if col == Col.ROLE:
                return role_label(s.role)
            if col == Col.BRANCH:
                return s.branch_code or "—"
            if col == Col.ACTIVE:
                return (QCoreApplication.translate("StaffModel", "Active") if s.active
                        else QCoreApplication.translate("StaffModel", "Disabled"))
        elif role == USER:
            return s.login
        return None
