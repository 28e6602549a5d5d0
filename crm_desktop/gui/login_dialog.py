"""Staff sign-in (form from ui/login_dialog.ui)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from crm_desktop.db.store import Store
from crm_desktop.errors import CrmError
from crm_desktop.gui.forms.ui_login_dialog import Ui_LoginDialog
from crm_desktop.services.auth import Actor, login


class LoginDialog(QDialog):
    def __init__(self, store: Store, last_login: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_LoginDialog()
        self.ui.setupUi(self)
        self.store = store
        self.actor: Actor | None = None
        self.ui.storeLabel.setText(self.tr("Store: {0}").replace("{0}", store.describe()))
        self.ui.errorLabel.setStyleSheet("color: #c0392b;")
        self.ui.errorLabel.hide()
        self.ui.loginEdit.setText(last_login)
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))
        self.ui.buttonBox.accepted.connect(self._try_login)
        self.ui.buttonBox.rejected.connect(self.reject)
        (self.ui.passwordEdit if last_login else self.ui.loginEdit).setFocus()

    def _try_login(self) -> None:
        name = self.ui.loginEdit.text().strip()
        if not name:
            self._show_error(self.tr("Enter your login."))
            return
        try:
            self.actor = login(self.store, name, self.ui.passwordEdit.text())
        except CrmError as exc:
            self._show_error(exc.message)
            self.ui.passwordEdit.selectAll()
            self.ui.passwordEdit.setFocus()
            return
        self.accept()

    def _show_error(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.show()
