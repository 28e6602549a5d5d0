"""First start on an empty store (ui/first_run.ui): create the first administrator, or try the demo.

The demo never goes into the store real work uses: it lives in its own file (``paths.demo_sqlite_path``)
and the main window's title says 演示数据, because its passwords are public.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from crm_desktop.db.store import Store
from crm_desktop.errors import CrmError
from crm_desktop.gui.forms.ui_first_run import Ui_FirstRun
from crm_desktop.paths import demo_sqlite_path
from crm_desktop.services import staff


class FirstRunChoice(Enum):
    QUIT = "quit"
    ADMIN_CREATED = "admin_created"
    DEMO = "demo"


class FirstRunDialog(QDialog):
    def __init__(self, store: Store, demo_clients: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.choice = FirstRunChoice.QUIT
        self.created_login: str | None = None
        self.ui = Ui_FirstRun()
        self.ui.setupUi(self)
        ui = self.ui
        ui.demoLabel.setText(
            self.tr(
                "Demo data ({n} clients, demo users with public passwords) goes into a separate store, "
                "{path}, never into this one. The window title says DEMO DATA while it is open."
            )
            .replace("{n}", f"{demo_clients:,}")
            .replace("{path}", str(demo_sqlite_path()))
        )
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Quit"))
        ui.buttonBox.rejected.connect(self.reject)
        ui.createButton.clicked.connect(self.create_admin)
        ui.demoButton.clicked.connect(self._demo)
        ui.confirmEdit.returnPressed.connect(self.create_admin)
        ui.loginEdit.setFocus()
        self.adjustSize()
        self.setMinimumWidth(max(self.width(), 620))

    def _say(self, text: str) -> None:
        self.ui.messageLabel.setText(f"<span style='color:#c0392b'>{text}</span>")

    def create_admin(self) -> None:
        ui = self.ui
        login = ui.loginEdit.text().strip()
        name = ui.nameEdit.text().strip()
        password = ui.passwordEdit.text()
        if not login or not name:
            self._say(self.tr("Enter a login and a name."))
            return
        if password != ui.confirmEdit.text():
            self._say(self.tr("The two passwords differ. Type the same password twice."))
            ui.confirmEdit.clear()
            ui.confirmEdit.setFocus()
            return
        try:
            staff.add_user(
                self.store, None, login, role="admin", display_name=name, branch_code=None, password=password
            )
        except CrmError as exc:  # the service's own words: bad login, short password, not empty any more
            self._say(exc.message)
            return
        self.created_login = login
        self.choice = FirstRunChoice.ADMIN_CREATED
        self.accept()

    def _demo(self) -> None:
        self.choice = FirstRunChoice.DEMO
        self.accept()


__all__ = ["FirstRunChoice", "FirstRunDialog"]
