"""Asks for a PostgreSQL password; can keep it in the OS keyring (never in a file)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import URL

from crm_desktop.db.secrets import PasswordAnswer, keyring_available
from crm_desktop.db.store import describe


class DbPasswordDialog(QDialog):
    def __init__(self, url: URL, why: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Database password"))
        layout = QVBoxLayout(self)
        intro = (
            self.tr("The wrong password was given. Try again.")
            if why == "wrong"
            else self.tr("The database server needs a password.")
        )
        layout.addWidget(QLabel(f"{intro}\n{describe(url)}"))
        form = QFormLayout()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Password:"), self.password)
        layout.addLayout(form)
        self.save = QCheckBox(self.tr("Remember in the system keyring"))
        if not keyring_available():
            self.save.setEnabled(False)
            self.save.setToolTip(
                self.tr(
                    "No system keyring is available on this computer; the password "
                    "will be asked for each time and never stored in a file."
                )
            )
        layout.addWidget(self.save)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @staticmethod
    def ask(url: URL, why: str) -> PasswordAnswer | None:
        dlg = DbPasswordDialog(url, why)
        if dlg.exec() != QDialog.DialogCode.Accepted or not dlg.password.text():
            return None
        return PasswordAnswer(dlg.password.text(), dlg.save.isChecked() and dlg.save.isEnabled())
