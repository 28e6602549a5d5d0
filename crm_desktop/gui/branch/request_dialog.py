"""The reassignment request form (ui/reassign_request.ui), opened from the client 360° view."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from crm_desktop.errors import CrmError
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.forms.ui_reassign_request import Ui_ReassignRequestDialog
from crm_desktop.services import reassignment as svc
from crm_desktop.services.reassignment_rules import ManagerInfo, label


class ReassignRequestDialog(QDialog):
    """Ask to move one or many clients; on OK the request is filed and ``request_ids`` holds the ids."""

    def __init__(self, ctx: AppContext, client_nos: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client_nos = list(client_nos)
        self.request_ids: list[int] = []
        self.ui = Ui_ReassignRequestDialog()
        self.ui.setupUi(self)
        self.ui.errorLabel.setStyleSheet("color: #b03a2e;")
        self.ui.clientsLabel.setText("、".join(self.client_nos))
        for reason in svc.REASONS:
            self.ui.reasonCombo.addItem(svc.reason_label(reason), reason)
        self._managers: list[ManagerInfo] = []
        try:
            self._managers = svc.eligible_managers(ctx.store, ctx.actor)
        except CrmError as exc:
            self.ui.errorLabel.setText(exc.message)
        for m in self._managers:
            if m.id == ctx.actor.id:
                continue
            self.ui.targetCombo.addItem(f"{m.display_name}（{m.login}）", m.login)
        self.ui.targetCombo.currentIndexChanged.connect(self._show_target)
        self._show_target()
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Submit request"))
        ok.setEnabled(self.ui.targetCombo.count() > 0)
        self.ui.buttonBox.accepted.connect(self.submit)
        self.ui.buttonBox.rejected.connect(self.reject)

    def _show_target(self) -> None:
        login = self.ui.targetCombo.currentData()
        m = next((x for x in self._managers if x.login == login), None)
        if m is None:
            self.ui.targetInfo.setText("")
            return
        tier = label("tier", m.tier) if m.tier else self.tr("not scored yet")
        cap = str(m.capacity) if m.capacity is not None else "-"
        self.ui.targetInfo.setText(
            self.tr("Capability tier: {tier} · serves {load} clients · capacity {cap}")
            .replace("{tier}", tier)
            .replace("{load}", str(m.load))
            .replace("{cap}", cap)
        )

    def submit(self) -> None:
        try:
            self.request_ids = svc.request_reassignment(
                self.ctx.store,
                self.ctx.actor,
                self.client_nos,
                str(self.ui.targetCombo.currentData() or ""),
                str(self.ui.reasonCombo.currentData()),
                self.ui.commentEdit.toPlainText(),
                self.ui.noteEdit.toPlainText() or None,
            )
        except CrmError as exc:
            self.ui.errorLabel.setText(exc.message)
            return
        self.ctx.bus.data_changed.emit("approvals")
        self.ctx.bus.status_message.emit(
            self.tr("Reassignment request filed: {ids}").replace(
                "{ids}", ", ".join(f"#{i}" for i in self.request_ids)
            )
        )
        self.accept()
