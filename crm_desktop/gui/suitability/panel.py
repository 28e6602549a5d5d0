"""The client 360° view's suitability panel: assessment, permissions, warnings, findings, the hint."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.labels import label_of
from crm_desktop.domain.vocabulary import InvestorClass, Permission, WarningChannel
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.suitability.models import FindingsModel
from crm_desktop.gui.workers import Requester
from crm_desktop.services import suitability
from crm_desktop.services.suitability import ClientSuitability


class SuitabilityPanel(QWidget):
    def __init__(self, ctx: AppContext, client_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client_no = client_no
        self.setObjectName("suitabilityPanel")
        self.data: ClientSuitability | None = None
        self._requester = Requester(ctx.pool)
        self.warning_dialog: QWidget | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summaryLabel = QLabel()
        self.summaryLabel.setObjectName("suitabilitySummary")
        self.summaryLabel.setTextFormat(Qt.TextFormat.RichText)
        self.summaryLabel.setWordWrap(True)
        self.summaryLabel.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        top.addWidget(self.summaryLabel, 1)
        # Shown once the service says this user may record a warning for this client.
        self.warningButton = QPushButton(self.tr("Record a special risk warning"))
        self.warningButton.setObjectName("recordWarningButton")
        self.warningButton.hide()
        self.warningButton.clicked.connect(self.open_warning_form)
        top.addWidget(self.warningButton, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.model = FindingsModel(self, with_client=False)
        self.table = QTableView()
        self.table.setObjectName("clientFindingsView")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout.addWidget(self.table, 1)

    @property
    def loading(self) -> bool:
        return self._requester.busy

    def reload(self) -> None:
        store, actor, no = self.ctx.store, self.ctx.actor, self.client_no
        self._requester.submit(
            lambda _c: suitability.client_suitability(store, actor, no),
            on_done=self._show,
            on_error=self._failed,
        )

    def _failed(self, _exc: BaseException) -> None:
        # The 360° view says why (e.g. the client was reassigned away); the panel only stops offering actions.
        self.summaryLabel.setText("")
        self.warningButton.hide()

    def open_warning_form(self) -> QWidget:
        from crm_desktop.gui.suitability.warning_dialog import WarningDialog

        level = self.data.level if self.data is not None else ""
        dialog = WarningDialog(self.ctx, self.client_no, level, parent=self.window())
        dialog.saved.connect(self._warning_saved)
        self.warning_dialog = dialog
        dialog.show()
        return dialog

    def _warning_saved(self, _warning_id: int) -> None:
        self.reload()
        # The warning also left a risk-disclosure touch (and may close a task): other views reload too.
        self.ctx.bus.data_changed.emit("tasks")

    def _show(self, d: ClientSuitability) -> None:
        self.data = d
        self.warningButton.setVisible(d.may_record_warning)
        e = html.escape
        if d.investor_class == InvestorClass.PROFESSIONAL.value:
            who = self.tr("Professional investor: outside the C/R matching")
        else:
            who = label_of(InvestorClass, d.investor_class)
        level = d.level + (" · " + self.tr("lowest category") if d.lowest_category else "")
        until = d.valid_until.isoformat() if d.valid_until else "—"
        if d.expired:
            expired = self.tr("expired")
            state = f"<span style='color:#b3261e'>{e(expired)}</span>"
        elif d.expires_soon:
            soon = self.tr("expires soon: invitation task")
            state = f"<span style='color:#8a5a00'>{e(soon)}</span>"
        else:
            state = e(self.tr("valid"))
        assessed = d.assessed_on.isoformat() if d.assessed_on else "—"
        perms = "、".join(f"{label_of(Permission, p)} {o.isoformat()}" for p, o in d.permissions) or "—"
        warns = (
            "<br>".join(
                e(
                    f"{s if k == 'product' else label_of(Permission, s)} · {c.isoformat()} · "
                    f"{label_of(WarningChannel, ch)} · {ev}"
                )
                for k, s, c, ch, ev in d.warnings
            )
            or "—"
        )
        lines = [
            (self.tr("Risk tolerance"), f"<b>{e(level)}</b> · {e(who)}"),
            (
                self.tr("Assessed on"),
                e(self.tr("{a}, valid until {u}").replace("{a}", assessed).replace("{u}", until))
                + " · "
                + state,
            ),
            (self.tr("Trading permissions"), e(perms)),
            (self.tr("Special risk warnings"), warns),
        ]
        if d.behaviour_hint:
            lines.append(
                (
                    self.tr("Service hint"),
                    e(
                        self.tr(
                            "Behaviour differs from the assessment. A hint for the conversation, not a "
                            "violation; never ask the client to re-take the assessment because of it."
                        )
                    ),
                )
            )
        rows = "".join(
            f"<tr><td style='padding-right:12px;color:#666'>{e(t)}</td><td>{v}</td></tr>" for t, v in lines
        )
        self.summaryLabel.setText(f"<table>{rows}</table>")
        self.model.set_rows(d.findings)
        self.table.resizeColumnsToContents()
