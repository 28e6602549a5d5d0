"""The main window: navigation on the left, one page per area, status bar, F5 and periodic refresh."""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from types import ModuleType

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.db.changes import ChangeBatch
from crm_desktop.gui import settings as opts
from crm_desktop.gui.change_feed import ChangeListener
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.icons import area_icon
from crm_desktop.gui.session_watch import SessionWatch
from crm_desktop.gui.workbench import workbench_title
from crm_desktop.services.auth import role_label

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AreaSpec:
    key: str
    title: str
    roles: tuple[str, ...]


IM, BM, ADMIN, CB = "investment_manager", "branch_manager", "admin", "callback_officer"
HO = "head_office"  # 总部: every branch's figures (the dashboard area with a branch chooser), nothing else


def area_specs() -> list[AreaSpec]:
    return [
        # The first page after sign-in, for every role: today's work, figures, alerts.
        AreaSpec("workbench", workbench_title(), (IM, BM, ADMIN, CB)),
        AreaSpec(
            "clients",
            QCoreApplication.translate("MainWindow", "Clients"),
            (IM, BM, ADMIN, CB),
        ),
        AreaSpec(
            "callbacks",
            QCoreApplication.translate("MainWindow", "Call-backs"),
            (CB, BM),
        ),
        AreaSpec(
            "complaints",
            QCoreApplication.translate("MainWindow", "Complaints"),
            (IM, BM, ADMIN, CB),
        ),
        AreaSpec("tasks", QCoreApplication.translate("MainWindow", "Tasks"), (IM, BM)),
        AreaSpec(
            "approvals",
            QCoreApplication.translate("MainWindow", "Approvals"),
            (IM, BM),
        ),
        AreaSpec("dashboard", QCoreApplication.translate("MainWindow", "Dashboard"), (BM, HO)),
        AreaSpec(
            "campaigns",
            QCoreApplication.translate("MainWindow", "Campaigns"),
            (IM, BM),
        ),
        AreaSpec("letters", QCoreApplication.translate("MainWindow", "Letters"), (IM, BM)),
        AreaSpec("imports", QCoreApplication.translate("MainWindow", "Import"), (ADMIN, BM)),
        AreaSpec(
            "settings",
            QCoreApplication.translate("MainWindow", "Settings"),
            (IM, BM, ADMIN, CB, HO),
        ),
    ]


class NotBuiltPage(QWidget):
    """An area that this build does not have yet says so plainly and offers nothing."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        label = QLabel(
            QCoreApplication.translate(
                "MainWindow", "<h2>{title}</h2><p>This area is not available in this version yet.</p>"
            ).replace("{title}", title)
        )
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setObjectName("notBuiltLabel")
        layout.addWidget(label)


def _load_area_module(key: str) -> ModuleType | None:
    name = f"crm_desktop.gui.areas.{key}"
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise


def register_area_actions(ctx: AppContext) -> None:
    """Let every area that exists register what it offers elsewhere (e.g. actions in the 360° view)."""
    for spec in area_specs():
        module = _load_area_module(spec.key)
        hook = getattr(module, "register_actions", None) if module else None
        if hook is not None:
            hook(ctx)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self.setWindowTitle(
            QCoreApplication.translate("MainWindow", "Brokerage Branch CRM — {name} ({role})")
            .replace("{name}", ctx.actor.display_name)
            .replace("{role}", role_label(ctx.actor.role))
            # demo data is labelled where nobody can miss it: its passwords are public
            + (
                QCoreApplication.translate("MainWindow", " — DEMO DATA (演示数据)")
                if ctx.store.is_demo
                else ""
            )
        )
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(22, 22))
        self.stack = QStackedWidget()
        self._pages: dict[str, QWidget] = {}
        self._specs = [s for s in area_specs() if ctx.actor.role.value in s.roles]
        for spec in self._specs:
            item = QListWidgetItem(area_icon(spec.key, self.palette()), spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
        # the navigation is as wide as its longest entry and the page starts right after it: no dead strip
        nav_width = self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 16
        self.nav.setMinimumWidth(nav_width)
        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([nav_width, 1280 - nav_width])
        self.setCentralWidget(self.splitter)
        self.nav.currentRowChanged.connect(self._show_row)

        refresh = QAction(QCoreApplication.translate("MainWindow", "Refresh"), self)
        refresh.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh.triggered.connect(ctx.bus.refresh_requested.emit)
        self.addAction(refresh)
        ctx.bus.navigate.connect(self.show_area)
        ctx.bus.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.user_label = QLabel(f"{ctx.actor.display_name} · {ctx.store.friendly_name()}")
        self.user_label.setToolTip(ctx.store.describe())
        self.statusBar().addPermanentWidget(self.user_label)
        # The shared server going away and coming back: a red note here, a probe, reload on return.
        from crm_desktop.gui.server_watch import ServerWatch

        self.server_watch = ServerWatch(ctx, self)

        # Light periodic refresh so changes from other workstations show up without F5.
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(max(15, opts.AUTO_REFRESH_SECONDS.get(ctx.settings)) * 1000)
        self.refresh_timer.timeout.connect(ctx.bus.refresh_requested.emit)
        self.refresh_timer.start()
        # PostgreSQL: other workstations' changes arrive by the change feed (LISTEN/NOTIFY) and refresh only
        # what changed; the periodic refresh runs only while the feed is down. SQLite keeps the timer.
        self.change_listener: ChangeListener | None = None
        if ChangeListener.available(ctx.store):
            self.change_listener = ChangeListener(ctx.store, self)
            self.change_listener.changed.connect(self.apply_remote_change)
            self.change_listener.ready.connect(self.refresh_timer.stop)
            self.change_listener.lost.connect(lambda _why: self.refresh_timer.start())
            self.change_listener.start()

        # The account is re-checked on each area switch, on a timer and by every service call; the
        # window locks after idle time (gui/session_watch.py).
        self.sign_out_message: str | None = None
        self.session_watch: SessionWatch | None = None
        if ctx.session is not None:
            self.session_watch = SessionWatch(ctx, ctx.session, self)
            self.session_watch.signed_out.connect(self._signed_out)
            self.nav.currentRowChanged.connect(lambda _row: self.session_watch and self.session_watch.check())

        register_area_actions(ctx)
        from crm_desktop.gui.workbench.shortcuts import install_shortcuts

        # Ctrl+K command bar, Ctrl+N quick add, Ctrl+1…9 areas, F1 / Ctrl+/ the list of shortcuts
        self.shortcut_actions = install_shortcuts(self)
        self._restore()
        # After the window exists, areas may run start-of-day work (e.g. generate today's tasks).
        QTimer.singleShot(0, self._run_signed_in_hooks)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # the theme changed: draw the navigation icons again in the new text colour
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and hasattr(
            self, "nav"
        ):
            self.retint_icons()

    def apply_remote_change(self, batch: ChangeBatch) -> None:
        """Announce another workstation's change to the views, one ``data_changed`` per kind."""
        bus = self.ctx.bus
        bus.remote_batch = batch
        try:
            for kind in sorted(batch.kinds):
                bus.data_changed.emit(kind)
        finally:
            bus.remote_batch = None

    def retint_icons(self) -> None:
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            item.setIcon(area_icon(str(item.data(Qt.ItemDataRole.UserRole)), self.palette()))

    def _run_signed_in_hooks(self) -> None:
        for spec in self._specs:
            module = _load_area_module(spec.key)
            hook = getattr(module, "on_signed_in", None) if module else None
            if hook is not None:
                hook(self.ctx, self)

    def page(self, key: str) -> QWidget:
        if key not in self._pages:
            spec = next(s for s in area_specs() if s.key == key)
            module = _load_area_module(key)
            page = module.create_page(self.ctx) if module is not None else NotBuiltPage(spec.title)
            page.setObjectName(f"area_{key}")
            self._pages[key] = page
            self.stack.addWidget(page)
        return self._pages[key]

    def show_area(self, key: str) -> None:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(row)
                return

    def current_area(self) -> str:
        item = self.nav.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = str(self.nav.item(row).data(Qt.ItemDataRole.UserRole))
        self.stack.setCurrentWidget(self.page(key))

    def _restore(self) -> None:
        s = self.ctx.settings
        geometry = opts.MAIN_GEOMETRY.get(s)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        sizes = s.value("main_window/splitter")
        if sizes:
            self.splitter.restoreState(sizes)
        # Every sign-in starts on the first area, the workbench (工作台); the last area is not restored.
        self.show_area(self._specs[0].key)

    def _stop_listener(self) -> None:
        if self.change_listener is not None:
            self.change_listener.stop()

    def _signed_out(self, message: str) -> None:
        self.sign_out_message = message
        self.refresh_timer.stop()
        self._stop_listener()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop_listener()
        if self.session_watch is not None:
            self.session_watch.stop()
        self.server_watch.stop()
        s = self.ctx.settings
        opts.MAIN_GEOMETRY.set(s, self.saveGeometry())
        s.setValue("main_window/splitter", self.splitter.saveState())
        opts.MAIN_AREA.set(s, self.current_area())
        for page in self._pages.values():
            save = getattr(page, "save_state", None)
            if save is not None:
                save()
        s.sync()
        super().closeEvent(event)
