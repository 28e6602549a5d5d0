"""Staff sign-in (form from ui/login_dialog.ui).

The dialog appears before the store is open: the store (and SQLAlchemy with it) loads on a worker
thread meanwhile, and "Sign in" is enabled once it is ready.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from crm_desktop.errors import CrmError
from crm_desktop.gui.forms.ui_login_dialog import Ui_LoginDialog

if TYPE_CHECKING:
    from crm_desktop.db.store import Store
    from crm_desktop.services.auth import Actor


class LoginDialog(QDialog):
    def __init__(
        self, store: Store | None = None, last_login: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_LoginDialog()
        self.ui.setupUi(self)
        self.store: Store | None = None
        self.actor: Actor | None = None
        self.ui.errorLabel.setStyleSheet("color: #c0392b;")
        self.ui.errorLabel.hide()
        self.ui.loginEdit.setText(last_login)
        self._ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setText(self.tr("Sign in"))
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))
        self.ui.buttonBox.accepted.connect(self._try_login)
        self.ui.buttonBox.rejected.connect(self.reject)
        (self.ui.passwordEdit if last_login else self.ui.loginEdit).setFocus()
        if store is not None:
            self.set_store(store)
        else:
            self.ui.storeLabel.setText(self.tr("Opening the store…"))
            self._ok.setEnabled(False)

    def set_store(self, store: Store) -> None:
        self.store = store
        self.ui.storeLabel.setText(self.tr("Store: {0}").replace("{0}", store.friendly_name()))
        self._ok.setEnabled(True)

    def _try_login(self) -> None:
        if self.store is None:
            return
        name = self.ui.loginEdit.text().strip()
        if not name:
            self._show_error(self.tr("Enter your login."))
            return
        from crm_desktop.services.auth import login

        try:
            actor = login(self.store, name, self.ui.passwordEdit.text())
        except CrmError as exc:
            self._show_error(exc.message)
            self.ui.passwordEdit.selectAll()
            self.ui.passwordEdit.setFocus()
            return
        if actor.password_temporary:
            # Set by an administrator: the owner chooses their own before anything else.
            from crm_desktop.gui.session_watch import NewPasswordDialog

            self.new_password_dialog = NewPasswordDialog(self.store, actor, self.ui.passwordEdit.text(), self)
            if self.new_password_dialog.exec() != QDialog.DialogCode.Accepted:
                self.ui.passwordEdit.clear()
                return
            actor = self.new_password_dialog.actor
        self.actor = actor
        self.accept()

    def show_message(self, text: str) -> None:
        """Why the dialog is shown again (the last session ended)."""
        self._show_error(text)

    def _show_error(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.show()
