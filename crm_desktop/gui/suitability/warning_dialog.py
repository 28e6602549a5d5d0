"""Recording a special risk warning (特别风险警示) the client confirmed (ui/warning_form.ui).

The form only narrows what can be typed (no future date, nothing older than the touch rules allow);
``services.suitability.add_warning`` decides and its refusal is shown in the form, so the form can
never save what the CLI would refuse.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCompleter, QDialog, QDialogButtonBox, QWidget

from crm_desktop.domain.labels import label_of
from crm_desktop.domain.vocabulary import Permission, WarningChannel
from crm_desktop.errors import CrmError
from crm_desktop.gui import qdates
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.forms.ui_warning_form import Ui_WarningForm
from crm_desktop.gui.workers import TaskHandle, run_task
from crm_desktop.services import suitability
from crm_desktop.services.suitability import ProductChoice
from crm_desktop.services.touches import BACKDATE_LIMIT


class WarningDialog(QDialog):
    """Record one confirmed warning for a client; ``saved`` carries the new record's id."""

    saved = Signal(int)

    def __init__(
        self, ctx: AppContext, client_no: str, level: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client_no = client_no
        self.ui = Ui_WarningForm()
        self.ui.setupUi(self)
        self.setObjectName(f"warningForm_{client_no}")
        self.products: list[ProductChoice] | None = None
        self._handles: list[TaskHandle] = []
        ui = self.ui
        caption = self.tr("Client <b>{no}</b>").replace("{no}", html.escape(client_no))
        if level:
            caption += " · " + self.tr("risk tolerance {level}").replace("{level}", html.escape(level))
        ui.clientLabel.setText(caption)
        for p in Permission:
            ui.permissionCombo.addItem(label_of(Permission, p.value), p.value)
        for c in WarningChannel:
            ui.channelCombo.addItem(label_of(WarningChannel, c.value), c.value)
        ui.channelCombo.setCurrentIndex(ui.channelCombo.findData(WarningChannel.PHONE_RECORDED.value))
        today = qdates.today()
        ui.confirmedEdit.setMaximumDate(today)
        ui.confirmedEdit.setMinimumDate(today.addDays(-BACKDATE_LIMIT.days))
        ui.confirmedEdit.setDate(today)
        line = ui.productCombo.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Code or name, e.g. 510300"))
        completer = QCompleter(ui.productCombo.model(), ui.productCombo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        ui.productCombo.setCompleter(completer)
        ui.productRadio.toggled.connect(self._subject_changed)
        self.save_button = ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)
        self._subject_changed()
        self._load_products()

    # ------------------------------------------------------------ form behaviour

    def _load_products(self) -> None:
        store, actor = self.ctx.store, self.ctx.actor
        self._handles.append(
            run_task(
                lambda _c: suitability.warning_products(store, actor),
                on_done=self._show_products,
                on_error=self._failed,
                pool=self.ctx.pool,
            )
        )

    def _show_products(self, products: list[ProductChoice]) -> None:
        self.products = products
        combo = self.ui.productCombo
        typed = combo.currentText()
        combo.clear()
        for p in products:
            combo.addItem(f"{p.code} {p.name} · {p.rating}", p.code)
        combo.setCurrentIndex(-1)
        combo.setEditText(typed)

    def _subject_changed(self) -> None:
        by_product = self.ui.productRadio.isChecked()
        self.ui.productCombo.setEnabled(by_product)
        self.ui.permissionCombo.setEnabled(not by_product)

    def product_code(self) -> str:
        """The chosen product's code; a typed code of a listed security is passed on as typed."""
        combo = self.ui.productCombo
        text = combo.currentText().strip()
        index = combo.findText(text)
        if index >= 0:
            return str(combo.itemData(index))
        return text.split()[0] if text else ""

    def values(self) -> dict[str, Any]:
        ui = self.ui
        by_product = ui.productRadio.isChecked()
        confirmed: date = ui.confirmedEdit.date().toPython()  # type: ignore[assignment]
        return {
            "product": self.product_code() if by_product else None,
            "permission": None if by_product else str(ui.permissionCombo.currentData()),
            "confirmed_on": confirmed,
            "channel": str(ui.channelCombo.currentData()),
            "evidence": ui.evidenceEdit.text(),
        }

    # ------------------------------------------------------------ saving

    def _say(self, text: str) -> None:
        self.ui.messageLabel.setText(f"<span style='color:#c0392b'>{html.escape(text)}</span>")

    def save(self) -> None:
        kwargs = self.values()
        if self.ui.productRadio.isChecked() and not kwargs["product"]:
            self._say(self.tr("Choose the product the client was warned about, or type its code."))
            self.ui.productCombo.setFocus()
            return
        store, actor, client_no = self.ctx.store, self.ctx.actor, self.client_no
        self.save_button.setEnabled(False)
        self.ui.messageLabel.setText(self.tr("Saving…"))
        self._handles.append(
            run_task(
                lambda _c: suitability.add_warning(store, actor, client_no, **kwargs),
                on_done=self._saved,
                on_error=self._failed,
                pool=self.ctx.pool,
            )
        )

    def _saved(self, warning_id: int) -> None:
        self.ui.messageLabel.setText("")
        self.ctx.bus.status_message.emit(
            self.tr("Special risk warning recorded for {no}.").replace("{no}", self.client_no)
        )
        self.saved.emit(int(warning_id))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, CrmError):
            # Refusals (not allowed, invalid, already on record) stay in the form next to the fields.
            self._say(exc.message)
            return
        self.ui.messageLabel.setText("")
        show_error(self, exc)


__all__ = ["WarningDialog"]
