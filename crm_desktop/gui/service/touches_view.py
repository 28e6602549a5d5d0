"""Recent touches of the clients the user may see: change (in place or as a revision), cancel, history."""

from __future__ import annotations

from datetime import timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop import clock
from crm_desktop.domain import TouchStatus, label_of
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.list_model import ListTableModel
from crm_desktop.gui.service.cancelling import ask_reason, change_in_background
from crm_desktop.gui.service.touch_form import TouchDialog
from crm_desktop.gui.workers import Requester
from crm_desktop.services import touches
from crm_desktop.services.touches import TouchView

DISPLAY = Qt.ItemDataRole.DisplayRole.value
TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
TOUCH_ID_ROLE = Qt.ItemDataRole.UserRole.value
SORT_ROLE = Qt.ItemDataRole.UserRole.value + 1
DAYS_SHOWN = 90


class Col(IntEnum):
    AT = 0
    CLIENT_NO = 1
    CLIENT = 2
    TYPE = 3
    CHANNEL = 4
    SUMMARY = 5
    SATISFACTION = 6
    REVISION = 7
    STATUS = 8
    RECORDED_BY = 9


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("TouchesModel", "Time"),
        QCoreApplication.translate("TouchesModel", "Client no"),
        QCoreApplication.translate("TouchesModel", "Client"),
        QCoreApplication.translate("TouchesModel", "Type"),
        QCoreApplication.translate("TouchesModel", "Channel"),
        QCoreApplication.translate("TouchesModel", "Summary"),
        QCoreApplication.translate("TouchesModel", "Satisfaction"),
        QCoreApplication.translate("TouchesModel", "Revision"),
        QCoreApplication.translate("TouchesModel", "Status"),
        QCoreApplication.translate("TouchesModel", "Recorded by"),
    ]


def status_text(status: str) -> str:
    return label_of(TouchStatus, status)


class TouchesModel(ListTableModel[TouchView]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(_headers(), parent)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        v = self._rows[index.row()]
        col = Col(index.column())
        if role == DISPLAY:
            values = {
                Col.AT: v.occurred_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                Col.CLIENT_NO: v.client_no,
                Col.CLIENT: v.client_name,
                Col.TYPE: touches.type_label(v.touch_type),
                Col.CHANNEL: touches.channel_label(v.channel),
                Col.SUMMARY: v.summary.replace("\n", " "),
                Col.SATISFACTION: "" if v.satisfaction is None else str(v.satisfaction),
                Col.REVISION: str(v.revision),
                Col.STATUS: status_text(v.status),
                Col.RECORDED_BY: v.created_by_login or "",
            }
            return values[col]
        if role == TOOLTIP and col is Col.SUMMARY:
            return v.summary + (f"\n({v.cancel_reason})" if v.cancel_reason else "")
        if role == TOUCH_ID_ROLE:
            return v.id
        return None


def _table(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setSectionResizeMode(Col.SUMMARY, QHeaderView.ResizeMode.Stretch)
    return view


class HistoryDialog(QDialog):
    """Every revision of one touch, oldest first."""

    def __init__(self, rows: list[TouchView], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("History of the touch"))
        self.model = TouchesModel(self)
        self.model.set_rows(rows)
        layout = QVBoxLayout(self)
        layout.addWidget(_table(self.model))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 300)


class TouchesView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("touchesView")
        self.loaded = False
        self._requester = Requester(ctx.pool)
        self.model = TouchesModel(self)
        self.table = _table(self.model)
        self.table.setObjectName("touchesTable")
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.edit_button = QPushButton(self.tr("Change…"))
        self.cancel_button = QPushButton(self.tr("Cancel touch…"))
        self.history_button = QPushButton(self.tr("History…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.history_button.clicked.connect(self.show_history)
        bottom = QHBoxLayout()
        for b in (self.edit_button, self.cancel_button, self.history_button):
            b.setEnabled(False)
            bottom.addWidget(b)
        bottom.addStretch(1)
        self.status = QLabel()
        bottom.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Touches of the last {n} days").replace("{n}", str(DAYS_SHOWN))))
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        ctx.bus.refresh_requested.connect(self.reload)
        ctx.bus.data_changed.connect(
            lambda area: self.reload() if area in ("tasks", "touches", "*") else None
        )
        self.reload()

    def reload(self) -> None:
        store, actor = self.ctx.store, self.ctx.actor
        since = clock.today() - timedelta(days=DAYS_SHOWN)
        self._requester.submit(
            lambda _c: touches.list_touches(store, actor, since=since, limit=2000),
            on_done=self._loaded,
            on_error=lambda exc: show_error(self, exc),
        )

    def _loaded(self, rows: list[TouchView]) -> None:
        self.model.set_rows(rows)
        self.loaded = True
        self.status.setText(self.tr("{n} touches").replace("{n}", str(len(rows))))
        self._selection_changed()

    def selected(self) -> TouchView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        v = self.selected()
        editable = v is not None and v.channel != "system"
        # a campaign response is not changed: the client's new answer is recorded as a new response
        campaign = v is not None and v.touch_type == "campaign"
        self.edit_button.setEnabled(editable and not campaign)
        self.edit_button.setToolTip(
            self.tr("A campaign response is not changed: record the client's new answer as a new response.")
            if campaign
            else ""
        )
        self.cancel_button.setEnabled(editable)
        self.history_button.setEnabled(v is not None)

    def edit_selected(self) -> TouchDialog | None:
        v = self.selected()
        if v is None or v.channel == "system":
            return None
        dialog = TouchDialog(self.ctx, v.client_no, edit=v, parent=self.window())
        dialog.show()
        return dialog

    def cancel_selected(self) -> None:
        v = self.selected()
        if v is None:
            return
        ask_reason(
            self,
            self.tr("Cancel touch"),
            self.tr("Why is this touch cancelled? It is kept, marked cancelled."),
            lambda reason: self.cancel_with_reason(v, reason),
        )

    def cancel_with_reason(self, v: TouchView, reason: str) -> None:
        change_in_background(
            self,
            self.ctx,
            "touches",
            lambda store, actor: touches.cancel_touch(
                store, actor, v.id, reason=reason, expected_version=v.version
            ),
        )

    def show_history(self) -> HistoryDialog | None:
        v = self.selected()
        if v is None:
            return None
        try:
            rows = touches.touch_history(self.ctx.store, self.ctx.actor, v.id)
        except Exception as exc:
            show_error(self, exc)
            return None
        dialog = HistoryDialog(rows, self.window())
        dialog.show()
        return dialog
