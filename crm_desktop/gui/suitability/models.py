"""The findings table shared by the register and the 360° panel."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from crm_desktop.domain.labels import label_of
from crm_desktop.domain.vocabulary import FindingKind
from crm_desktop.gui.list_model import Index, ListTableModel
from crm_desktop.services.suitability import FindingRow

DISPLAY = Qt.ItemDataRole.DisplayRole.value
FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
ROW_ROLE = Qt.ItemDataRole.UserRole.value
_UNWARNED = QColor("#b3261e")


class Col(IntEnum):
    CLIENT = 0
    NAME = 1
    MANAGER = 2
    KIND = 3
    CODE = 4
    PRODUCT_LEVEL = 5
    CLIENT_LEVEL = 6
    TRADE_DATE = 7
    WARNED = 8


def warned_text(warned: bool | None) -> str:
    if warned is None:
        return ""
    return (
        QCoreApplication.translate("SuitabilityFindings", "warned")
        if warned
        else QCoreApplication.translate("SuitabilityFindings", "not warned")
    )


class FindingsModel(ListTableModel[FindingRow]):
    """One finding per row; violations nobody warned the client about are drawn in red."""

    def __init__(self, parent: Any = None, *, with_client: bool = True) -> None:
        titles = [
            QCoreApplication.translate("SuitabilityFindings", "Client no."),
            QCoreApplication.translate("SuitabilityFindings", "Name"),
            QCoreApplication.translate("SuitabilityFindings", "Manager"),
            QCoreApplication.translate("SuitabilityFindings", "Kind"),
            QCoreApplication.translate("SuitabilityFindings", "Product"),
            QCoreApplication.translate("SuitabilityFindings", "Product rating"),
            QCoreApplication.translate("SuitabilityFindings", "Client level"),
            QCoreApplication.translate("SuitabilityFindings", "Trade date"),
            QCoreApplication.translate("SuitabilityFindings", "Special risk warning"),
        ]
        self.columns = (
            list(Col) if with_client else [c for c in Col if c not in (Col.CLIENT, Col.NAME, Col.MANAGER)]
        )
        super().__init__([titles[c] for c in self.columns], parent)

    def text(self, r: FindingRow, col: Col) -> str:
        if col is Col.CLIENT:
            return r.client_no
        if col is Col.NAME:
            return r.client_name
        if col is Col.MANAGER:
            return r.manager
        if col is Col.KIND:
            return label_of(FindingKind, r.kind)
        if col is Col.CODE:
            return r.code
        if col is Col.PRODUCT_LEVEL:
            return r.product_level
        if col is Col.CLIENT_LEVEL:
            return r.client_level
        if col is Col.TRADE_DATE:
            return (
                r.trade_date.isoformat()
                if r.trade_date
                else (QCoreApplication.translate("SuitabilityFindings", "holding") if r.code else "")
            )
        return warned_text(r.warned)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        r = self._rows[index.row()]
        col = self.columns[index.column()]
        if role == DISPLAY:
            return self.text(r, col)
        if role == FOREGROUND and r.warned is not True and r.kind != FindingKind.ASSESSMENT_EXPIRED.value:
            return QBrush(_UNWARNED)
        if role == ROW_ROLE:
            return r
        return None
