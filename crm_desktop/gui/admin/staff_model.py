"""Table model of staff accounts."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from crm_desktop.gui.list_model import ListTableModel
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


class StaffModel(ListTableModel[StaffInfo]):
    def __init__(self) -> None:
        super().__init__(_headers())

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not self._valid(index):
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
                return (
                    QCoreApplication.translate("StaffModel", "Active")
                    if s.active
                    else QCoreApplication.translate("StaffModel", "Disabled")
                )
        elif role == USER:
            return s.login
        return None
