"""Table models of the campaigns area: campaigns, a funnel by manager or grade, a push's send list."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from crm_desktop.domain.campaigns import Funnel
from crm_desktop.domain.labels import label_of
from crm_desktop.domain.vocabulary import CampaignStatus
from crm_desktop.gui.list_model import ALIGN, DISPLAY, ListTableModel
from crm_desktop.services.campaigns import CampaignInfo, ResultRow
from crm_desktop.services.pushes import SendRow

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class CampaignColumn(IntEnum):
    ID = 0
    NAME = 1
    STATUS = 2
    PERIOD = 3
    PRODUCT = 4
    TARGETED = 5


class CampaignListModel(ListTableModel[CampaignInfo]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                QCoreApplication.translate("campaigns", "No."),
                QCoreApplication.translate("campaigns", "Campaign"),
                QCoreApplication.translate("campaigns", "Status"),
                QCoreApplication.translate("campaigns", "Period"),
                QCoreApplication.translate("campaigns", "Product"),
                QCoreApplication.translate("campaigns", "Targeted"),
            ],
            parent,
        )

    def data(self, index: Any, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        c = self.row_at(index.row())
        col = CampaignColumn(index.column())
        if role == ALIGN and col in (CampaignColumn.ID, CampaignColumn.TARGETED):
            return RIGHT
        if role != DISPLAY:
            return None
        return {
            CampaignColumn.ID: str(c.id),
            CampaignColumn.NAME: c.name,
            CampaignColumn.STATUS: label_of(CampaignStatus, c.status),
            CampaignColumn.PERIOD: f"{c.start_date.isoformat()} ~ {c.end_date.isoformat()}",
            CampaignColumn.PRODUCT: f"{c.product_code} {c.product_name or ''}".strip()
            if c.product_code
            else "-",
            CampaignColumn.TARGETED: f"{c.targeted:,}",
        }[col]


class FunnelColumn(IntEnum):
    KEY = 0
    TARGETED = 1
    CONTACTED = 2
    RESPONDED = 3
    CONVERTED = 4
    RATE = 5
    AMOUNT = 6


class FunnelRowsModel(ListTableModel[ResultRow]):
    def __init__(self, key_title: str, parent: Any = None) -> None:
        super().__init__(
            [
                key_title,
                QCoreApplication.translate("campaigns", "Targeted"),
                QCoreApplication.translate("campaigns", "Contacted"),
                QCoreApplication.translate("campaigns", "Responded"),
                QCoreApplication.translate("campaigns", "Converted"),
                QCoreApplication.translate("campaigns", "Conversion"),
                QCoreApplication.translate("campaigns", "Amount (CNY)"),
            ],
            parent,
        )

    def data(self, index: Any, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        r = self.row_at(index.row())
        col = FunnelColumn(index.column())
        if role == ALIGN and col is not FunnelColumn.KEY:
            return RIGHT
        if role != DISPLAY:
            return None
        f = r.funnel
        return {
            FunnelColumn.KEY: r.name or r.key or "-",
            FunnelColumn.TARGETED: f"{f.targeted:,}",
            FunnelColumn.CONTACTED: f"{f.contacted:,}",
            FunnelColumn.RESPONDED: f"{f.responded:,}",
            FunnelColumn.CONVERTED: f"{f.converted:,}",
            FunnelColumn.RATE: f"{f.conversion:.1%}",
            FunnelColumn.AMOUNT: f"{f.amount:,.0f}",
        }[col]


class SendColumn(IntEnum):
    CLIENT = 0
    PHONE = 1
    MESSAGE = 2


class SendListModel(ListTableModel[SendRow]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                QCoreApplication.translate("campaigns", "Client no."),
                QCoreApplication.translate("campaigns", "Phone (masked)"),
                QCoreApplication.translate("campaigns", "Message"),
            ],
            parent,
        )

    def data(self, index: Any, role: int = DISPLAY) -> Any:
        if not self._valid(index) or role != DISPLAY:
            return None
        r = self.row_at(index.row())
        return (r.client_no, r.masked_phone, r.message)[index.column()]


class CardColumn(IntEnum):
    NAME = 0
    STATUS = 1
    TARGETED = 2
    CONTACTED = 3
    CONVERTED = 4
    RATE = 5
    AMOUNT = 6


class CampaignCardModel(ListTableModel[tuple[CampaignInfo, Funnel]]):
    """The dashboard's campaign card: each campaign's funnel in one row."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                QCoreApplication.translate("campaigns", "Campaign"),
                QCoreApplication.translate("campaigns", "Status"),
                QCoreApplication.translate("campaigns", "Targeted"),
                QCoreApplication.translate("campaigns", "Contacted"),
                QCoreApplication.translate("campaigns", "Converted"),
                QCoreApplication.translate("campaigns", "Conversion"),
                QCoreApplication.translate("campaigns", "Amount (CNY)"),
            ],
            parent,
        )

    def data(self, index: Any, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        c, f = self.row_at(index.row())
        col = CardColumn(index.column())
        if role == ALIGN and col not in (CardColumn.NAME, CardColumn.STATUS):
            return RIGHT
        if role != DISPLAY:
            return None
        return {
            CardColumn.NAME: c.name,
            CardColumn.STATUS: label_of(CampaignStatus, c.status),
            CardColumn.TARGETED: f"{f.targeted:,}",
            CardColumn.CONTACTED: f"{f.contacted:,}",
            CardColumn.CONVERTED: f"{f.converted:,}",
            CardColumn.RATE: f"{f.conversion:.1%}",
            CardColumn.AMOUNT: f"{f.amount:,.0f}",
        }[col]
