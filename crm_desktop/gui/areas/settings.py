"""Settings: language and refresh, own password, branch letterhead, staff accounts (admin), store info."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.db import migrate
from crm_desktop.db.secrets import keyring_available
from crm_desktop.domain import Role, choices
from crm_desktop.errors import CrmError, InvalidInput
from crm_desktop.gui import settings as opts
from crm_desktop.gui.admin.staff_model import StaffModel
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.theme import FONT_SCALE_RANGE, apply_font_scale, apply_theme
from crm_desktop.services import staff as staff_service


class GeneralTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        form = QFormLayout(self)
        self.language = QComboBox()
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        current = opts.LANGUAGE.get(ctx.settings)
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        self.language.currentIndexChanged.connect(self._language_changed)
        form.addRow(self.tr("&Language:"), self.language)
        self.refresh = QSpinBox()
        self.refresh.setRange(15, 3600)
        self.refresh.setSuffix(self.tr(" s"))
        self.refresh.setValue(opts.AUTO_REFRESH_SECONDS.get(ctx.settings))
        self.refresh.setToolTip(self.tr("How often views reload changes made on other workstations"))
        self.refresh.valueChanged.connect(lambda v: opts.AUTO_REFRESH_SECONDS.set(ctx.settings, v))
        form.addRow(self.tr("Auto &refresh every:"), self.refresh)
        self.idle_lock = QSpinBox()
        self.idle_lock.setObjectName("idleLockMinutes")
        self.idle_lock.setRange(1, 240)
        self.idle_lock.setSuffix(self.tr(" min"))
        self.idle_lock.setValue(opts.IDLE_LOCK_MINUTES.get(ctx.settings))
        self.idle_lock.setToolTip(
            self.tr("Without input for this long the window locks; your password opens it")
        )
        self.idle_lock.valueChanged.connect(self._idle_lock_changed)
        form.addRow(self.tr("Loc&k when idle for:"), self.idle_lock)
        self.theme = QComboBox()
        self.theme.setObjectName("themeChoice")
        self.theme.addItem(self.tr("Follow the system"), "system")
        self.theme.addItem(self.tr("Light"), "light")
        self.theme.addItem(self.tr("Dark"), "dark")
        self.theme.setCurrentIndex(max(0, self.theme.findData(opts.THEME.get(ctx.settings))))
        self.theme.currentIndexChanged.connect(self._theme_changed)
        form.addRow(self.tr("&Theme:"), self.theme)
        self.font_scale = QSpinBox()
        self.font_scale.setObjectName("fontScale")
        self.font_scale.setRange(*FONT_SCALE_RANGE)
        self.font_scale.setSingleStep(10)
        self.font_scale.setSuffix(" %")
        self.font_scale.setValue(opts.FONT_SCALE.get(ctx.settings))
        self.font_scale.valueChanged.connect(self._font_scale_changed)
        form.addRow(self.tr("&Font size:"), self.font_scale)
        self.note = QLabel()
        self.note.setWordWrap(True)
        form.addRow(self.note)

    def _idle_lock_changed(self, minutes: int) -> None:
        opts.IDLE_LOCK_MINUTES.set(self.ctx.settings, minutes)
        self.note.setText(self.tr("The new idle time applies from the next sign-in."))

    def _theme_changed(self) -> None:
        mode = str(self.theme.currentData())
        opts.THEME.set(self.ctx.settings, mode)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, mode)

    def _font_scale_changed(self, percent: int) -> None:
        opts.FONT_SCALE.set(self.ctx.settings, percent)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_font_scale(app, percent)

    def _language_changed(self) -> None:
        opts.LANGUAGE.set(self.ctx.settings, self.language.currentData())
        self.note.setText(self.tr("The new language applies the next time the app starts."))


class AccountTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        form = QFormLayout(self)
        form.addRow(QLabel(f"<b>{ctx.actor.display_name}</b> ({ctx.actor.login})"))
        self.old = QLineEdit()
        self.new = QLineEdit()
        self.again = QLineEdit()
        for w in (self.old, self.new, self.again):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("C&urrent password:"), self.old)
        form.addRow(self.tr("&New password:"), self.new)
        form.addRow(self.tr("&Repeat new password:"), self.again)
        self.button = QPushButton(self.tr("Change password"))
        self.button.clicked.connect(self.change)
        form.addRow(self.button)

    def change(self) -> None:
        try:
            if self.new.text() != self.again.text():
                raise InvalidInput(self.tr("The two new passwords differ."))
            staff_service.change_own_password(
                self.ctx.store, self.ctx.actor, self.old.text(), self.new.text()
            )
        except CrmError as exc:
            show_error(self, exc)
            return
        for w in (self.old, self.new, self.again):
            w.clear()
        self.ctx.bus.status_message.emit(self.tr("Password changed."))


class BranchTab(QWidget):
    """The letterhead printed on account-analysis letters."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.address = QLineEdit()
        self.phone = QLineEdit()
        self.logo_label = QLabel()
        form.addRow(self.tr("Branch &name:"), self.name)
        form.addRow(self.tr("&Address:"), self.address)
        form.addRow(self.tr("&Phone:"), self.phone)
        logo_row = QHBoxLayout()
        self.logo_button = QPushButton(self.tr("Choose logo (PNG)…"))
        self.logo_button.clicked.connect(self.choose_logo)
        self.clear_logo_button = QPushButton(self.tr("Use default logo"))
        self.clear_logo_button.clicked.connect(self.clear_logo)
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(self.logo_button)
        logo_row.addWidget(self.clear_logo_button)
        form.addRow(self.tr("Logo:"), logo_row)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save)
        form.addRow(self.save_button)
        self.load()

    def load(self) -> None:
        try:
            self.info = staff_service.get_branch(self.ctx.store, self.ctx.actor)
        except CrmError as exc:
            self.setEnabled(False)
            self.logo_label.setText(exc.message)
            return
        self.name.setText(self.info.name)
        self.address.setText(self.info.address or "")
        self.phone.setText(self.info.phone or "")
        self.logo_label.setText(self.tr("Branch logo set") if self.info.has_logo else self.tr("Default logo"))

    def save(self) -> None:
        try:
            staff_service.update_branch(
                self.ctx.store,
                self.ctx.actor,
                self.info.code,
                name=self.name.text(),
                address=self.address.text(),
                phone=self.phone.text(),
                expected_version=self.info.version,
            )
        except CrmError as exc:
            show_error(self, exc)
            return
        self.load()
        self.ctx.bus.status_message.emit(self.tr("Branch details saved."))

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose logo"), "", self.tr("PNG images (*.png)"))
        if not path:
            return
        try:
            with open(path, "rb") as fh:
                data = fh.read()
            staff_service.update_branch(self.ctx.store, self.ctx.actor, self.info.code, logo_png=data)
        except OSError as exc:
            show_error(
                self,
                InvalidInput(
                    self.tr("Cannot read {0}: {1}").replace("{0}", path).replace("{1}", exc.strerror or "")
                ),
            )
            return
        except CrmError as exc:
            show_error(self, exc)
            return
        self.load()

    def clear_logo(self) -> None:
        try:
            staff_service.update_branch(self.ctx.store, self.ctx.actor, self.info.code, clear_logo=True)
        except CrmError as exc:
            show_error(self, exc)
            return
        self.load()


class AddUserDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Add staff account"))
        form = QFormLayout(self)
        self.login = QLineEdit()
        self.name = QLineEdit()
        self.role = QComboBox()
        for role, name in choices(Role):
            self.role.addItem(name, role.value)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Login:"), self.login)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Role:"), self.role)
        form.addRow(self.tr("Initial &password:"), self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        # open at a size that fits the form (it opened at 234x163 before)
        self.login.setMinimumWidth(self.fontMetrics().horizontalAdvance("M" * 24))
        self.adjustSize()
        self.resize(self.sizeHint().expandedTo(self.minimumSizeHint()))

    def submit(self) -> None:
        try:
            branch = (
                staff_service.get_branch(self.ctx.store, self.ctx.actor).code
                if self.ctx.actor.branch_id
                else None
            )
            staff_service.add_user(
                self.ctx.store,
                self.ctx.actor,
                self.login.text(),
                role=self.role.currentData(),
                display_name=self.name.text(),
                branch_code=branch,
                password=self.password.text() or None,
            )
        except CrmError as exc:
            show_error(self, exc)
            return
        self.accept()


class StaffTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.model = StaffModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().hide()
        layout.addWidget(self.view)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add…"))
        self.toggle_button = QPushButton(self.tr("Enable / disable"))
        self.password_button = QPushButton(self.tr("Set password…"))
        for b in (self.add_button, self.toggle_button, self.password_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.add_user)
        self.toggle_button.clicked.connect(self.toggle)
        self.password_button.clicked.connect(self.set_password)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(staff_service.list_staff(self.ctx.store, self.ctx.actor))

    def _selected(self) -> staff_service.StaffInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def add_user(self) -> None:
        if AddUserDialog(self.ctx, self).exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def toggle(self) -> None:
        s = self._selected()
        if s is None:
            return
        try:
            staff_service.set_active(self.ctx.store, self.ctx.actor, s.login, not s.active)
        except CrmError as exc:
            show_error(self, exc)
        self.reload()

    def set_password(self) -> None:
        s = self._selected()
        if s is None:
            return
        pw, ok = QInputDialog.getText(
            self,
            self.tr("Set password"),
            self.tr("New password for {0}:").replace("{0}", s.login),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        try:
            staff_service.reset_password(self.ctx.store, self.ctx.actor, s.login, pw)
        except CrmError as exc:
            show_error(self, exc)
            return
        QMessageBox.information(self, self.tr("Set password"), self.tr("The password was changed."))


class StoreTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        form = QFormLayout(self)
        backend = (
            self.tr("PostgreSQL (shared by the branch)")
            if ctx.store.dialect == "postgresql"
            else self.tr("SQLite file (this workstation)")
        )
        form.addRow(self.tr("Store:"), QLabel(ctx.store.friendly_name()))
        location = QLabel(ctx.store.describe())  # the password is never shown
        location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Location:"), location)
        form.addRow(self.tr("Kind:"), QLabel(backend))
        form.addRow(self.tr("Schema revision:"), QLabel(migrate.current_revision(ctx.store.engine) or "-"))
        form.addRow(
            self.tr("System keyring:"),
            QLabel(
                self.tr("available")
                if keyring_available()
                else self.tr("not available (passwords are asked each time)")
            ),
        )
        for label in self.findChildren(QLabel):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        box = QGroupBox(self.tr("Settings"))
        inner = QVBoxLayout(box)
        self.tabs = QTabWidget()
        self.tabs.addTab(GeneralTab(ctx), self.tr("General"))
        self.tabs.addTab(AccountTab(ctx), self.tr("My account"))
        if ctx.actor.is_admin or ctx.actor.is_branch_manager:
            self.tabs.addTab(BranchTab(ctx), self.tr("Branch"))
        if ctx.actor.is_admin:
            self.tabs.addTab(StaffTab(ctx), self.tr("Staff"))
        self.tabs.addTab(StoreTab(ctx), self.tr("Store"))
        inner.addWidget(self.tabs)
        layout.addWidget(box)


def create_page(ctx: AppContext) -> QWidget:
    return SettingsPage(ctx)
