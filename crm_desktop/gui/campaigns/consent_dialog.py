"""Marketing consent from the client 360° view: the current flag, and a change with its reason (audited)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from crm_desktop.domain.labels import label_of
from crm_desktop.domain.vocabulary import ConsentSource
from crm_desktop.errors import CrmError
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.services import consent


class ConsentDialog(QDialog):
    def __init__(self, ctx: AppContext, client_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client_no = client_no
        self.setObjectName("consentDialog")
        self.setWindowTitle(self.tr("Marketing consent – %1").replace("%1", client_no))
        current = consent.get_consent(ctx.store, ctx.actor, client_no)
        if current.since is None:
            now = self.tr("allowed (nothing recorded)")
        else:
            state = self.tr("allowed") if current.allowed else self.tr("not allowed")
            now = f"{state} · {current.since.isoformat()} · {label_of(ConsentSource, current.source)}"
            if current.reason:
                now += f" · {current.reason}"
        self.current = QLabel(now)
        self.current.setObjectName("consentCurrent")
        self.choice = QComboBox()
        self.choice.setObjectName("consentChoice")
        self.choice.addItem(self.tr("Marketing contact allowed"), True)
        self.choice.addItem(self.tr("No marketing contact"), False)
        self.choice.setCurrentIndex(0 if current.allowed else 1)
        self.reason = QLineEdit()
        self.reason.setObjectName("consentReason")
        self.reason.setPlaceholderText(self.tr("e.g. the client called and asked for no more marketing"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Now"), self.current)
        form.addRow(self.tr("Change to"), self.choice)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(
            QLabel(
                self.tr(
                    "Call-backs and risk disclosures required by the rules are not marketing: they go on."
                )
            )
        )
        form.addRow(buttons)

    def save(self) -> None:
        try:
            consent.set_consent(
                self.ctx.store,
                self.ctx.actor,
                self.client_no,
                bool(self.choice.currentData()),
                self.reason.text(),
            )
        except CrmError as exc:
            show_error(self, exc)
            return
        self.accept()


def open_consent_dialog(ctx: AppContext, parent: QWidget, client_no: str) -> None:
    try:
        ConsentDialog(ctx, client_no, parent).exec()
    except CrmError as exc:
        show_error(parent, exc)
