"""Start-up of the desktop client: store, first run, sign-in, main window.

The login dialog is shown first; the store (SQLAlchemy, Alembic, the schema check) opens on a
worker thread meanwhile. pandas, matplotlib and reportlab are imported by the areas that use them,
so none of them is on the way to the login dialog.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSettings, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QWidget

from crm_desktop import APP_NAME, ORG_NAME, __version__
from crm_desktop.errors import Cancelled, CrmError
from crm_desktop.gui import settings as opts
from crm_desktop.gui.errors import install_excepthook, setup_logging, show_error
from crm_desktop.gui.fonts import register_qt_font
from crm_desktop.gui.i18n import install_translators
from crm_desktop.gui.login_dialog import LoginDialog
from crm_desktop.gui.theme import ThemeFollower, apply_font_scale, apply_theme
from crm_desktop.gui.workers import TaskControl, run_task
from crm_desktop.paths import demo_sqlite_path

if TYPE_CHECKING:
    from crm_desktop.db.store import Store
    from crm_desktop.gui.first_run import FirstRunChoice

DEMO_CLIENTS = 1000


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="main.py", description="Brokerage-branch CRM desktop client")
    p.add_argument(
        "--db", metavar="URL", help="database URL (default: CRM_DATABASE_URL or the local SQLite file)"
    )
    p.add_argument(
        "--demo", action="store_true", help=f"create a fresh {DEMO_CLIENTS}-client demo store and open it"
    )
    p.add_argument("--lang", choices=["zh_CN", "en"], help="interface language")
    p.add_argument("--version", action="version", version=f"crm-desktop {__version__}")
    return p.parse_known_args(list(argv))[0]


def create_application(argv: Sequence[str], lang: str | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(list(argv))
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    chosen = lang or opts.LANGUAGE.get(QSettings())
    install_translators(app, chosen)
    register_qt_font(app)
    settings = QSettings()
    apply_theme(app, opts.THEME.get(settings))
    apply_font_scale(app, opts.FONT_SCALE.get(settings))
    if app.property("crm_theme_follower") is None:
        app.setProperty("crm_theme_follower", True)
        ThemeFollower(app, lambda: opts.THEME.get(QSettings()))
    return app


def run_with_progress(parent: QWidget | None, title: str, fn: Callable[..., Any], *args: Any) -> Any:
    """Run fn(control, *args) on the pool behind a modal progress dialog with Cancel; returns its result.

    Raises :class:`Cancelled` when the person pressed Cancel and the work stopped.
    """
    dlg = QProgressDialog(title, QCoreApplication.translate("App", "Cancel"), 0, 0, parent)
    dlg.setWindowTitle(title)
    dlg.setMinimumDuration(0)
    dlg.setAutoClose(False)
    dlg.setAutoReset(False)
    box: dict[str, object] = {}

    def progress(done: int, total: int, text: str) -> None:
        dlg.setMaximum(max(total, 0))
        dlg.setValue(min(done, total) if total else 0)
        if text:
            dlg.setLabelText(text)

    def finish(key: str, value: object = None) -> None:
        box[key] = value
        dlg.done(0)

    handle = run_task(
        fn,
        *args,
        on_done=lambda r: finish("result", r),
        on_error=lambda e: finish("error", e),
        on_progress=progress,
        on_cancelled=lambda: finish("cancelled"),
    )
    dlg.canceled.connect(handle.cancel)
    dlg.exec()
    while not handle.done:  # cancel pressed: wait for the worker to stop at its next check
        QApplication.processEvents()
        time.sleep(0.01)
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    if "cancelled" in box:
        # The caller must not go on as if the work were done; the message says what was kept.
        raise handle.cancelled_by or Cancelled()
    return box.get("result")


def load_demo(parent: QWidget | None, url: str, *, fresh: bool) -> None:
    """Demo data (scored, with today's tasks) behind a progress dialog that can cancel."""
    from crm_desktop.demo.setup import prepare_demo

    def work(control: TaskControl) -> object:
        return prepare_demo(url, DEMO_CLIENTS, fresh=fresh, progress=control)

    run_with_progress(parent, QCoreApplication.translate("App", "Loading demo data…"), work)


def _store_is_empty(store: Store) -> bool:
    from crm_desktop.services.staff import store_has_users

    with store.read() as s:
        return not store_has_users(s)


def offer_first_run(parent: QWidget | None, store: Store) -> tuple[FirstRunChoice, str | None]:
    """On a store with no users: create the first administrator, or go to the demo (its own store)."""
    from crm_desktop.gui.first_run import FirstRunDialog

    dialog = FirstRunDialog(store, DEMO_CLIENTS, parent)
    dialog.exec()
    return dialog.choice, dialog.created_login


def demo_url() -> str:
    return f"sqlite:///{demo_sqlite_path()}"


def _has_users(url: str) -> bool:
    from crm_desktop.db.store import open_store

    try:
        store = open_store(url, prompt=None)
    except CrmError:
        return False
    try:
        return not _store_is_empty(store)
    finally:
        store.dispose()


def ensure_demo(parent: QWidget | None) -> str:
    """The demo store's URL, loading it first when it does not exist yet (or holds no users)."""
    url = demo_url()
    if not (demo_sqlite_path().exists() and _has_users(url)):
        load_demo(parent, url, fresh=True)
    return url


def _open_store_job(control: TaskControl, url_text: str | None, password: str | None) -> Store:
    from crm_desktop.db.store import open_store, resolve_url

    url = resolve_url(url_text)
    if password is not None:
        url = url.set(password=password)
    return open_store(url, prompt=None)


class StoreOpener:
    """Opens the store in the background while the login dialog is up; asks for a password if needed."""

    def __init__(self, login: LoginDialog, url_text: str | None) -> None:
        self.login = login
        self.url_text = url_text
        self.failed = False
        self._password: str | None = None
        self._save_password = False

    def start(self) -> None:
        run_task(_open_store_job, self.url_text, self._password, on_done=self._opened, on_error=self._error)

    def _error(self, exc: BaseException) -> None:
        from crm_desktop.db.store import PasswordRequired, resolve_url
        from crm_desktop.gui.db_password_dialog import DbPasswordDialog

        if isinstance(exc, PasswordRequired):
            answer = DbPasswordDialog.ask(resolve_url(self.url_text), "wrong" if self._password else "first")
            if answer is not None:
                self._password, self._save_password = answer.password, answer.save_to_keyring
                self.start()
                return
        else:
            show_error(self.login, exc, QCoreApplication.translate("App", "Cannot open the store"))
        self.failed = True
        self.login.reject()

    def _opened(self, store: Store) -> None:
        if self._password and self._save_password:
            from crm_desktop.db.secrets import save_password

            save_password(store.url, self._password)
        from crm_desktop.gui.first_run import FirstRunChoice

        try:
            if _store_is_empty(store):
                choice, login = offer_first_run(self.login, store)
                if choice is FirstRunChoice.DEMO:
                    store.dispose()
                    self.url_text = ensure_demo(self.login)
                    self.start()
                    return
                if choice is not FirstRunChoice.ADMIN_CREATED:
                    store.dispose()
                    self.login.reject()
                    return
                self.login.ui.loginEdit.setText(login or "")
                self.login.ui.passwordEdit.setFocus()
        except CrmError as exc:
            show_error(self.login, exc)
            store.dispose()
            self.failed = True
            self.login.reject()
            return
        self.login.set_store(store)
        if os.environ.get("CRM_STARTUP_PROBE"):
            print(f"store-ready {time.time():.6f}", flush=True)
            self.login.reject()


def main(argv: Sequence[str] | None = None) -> int:
    multiprocessing.freeze_support()  # a frozen build re-enters here to start a worker process
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv[1:])
    app = create_application(argv, args.lang)
    setup_logging()
    install_excepthook()
    settings = QSettings()
    url_text: str | None = args.db
    if args.demo:
        url_text = demo_url()
        try:
            load_demo(None, url_text, fresh=True)
        except CrmError as exc:
            show_error(None, exc, QCoreApplication.translate("App", "Cannot load demo data"))
            return 1
    login = LoginDialog(None, opts.LAST_LOGIN.get(settings))
    opener = StoreOpener(login, url_text)
    QTimer.singleShot(0, opener.start)
    if os.environ.get("CRM_STARTUP_PROBE"):
        # Benchmarks measure launch-to-login: report once the dialog is on screen, then quit.
        def report() -> None:
            print(f"login-shown {time.time():.6f}", flush=True)

        QTimer.singleShot(0, report)
    accepted = login.exec() == QDialog.DialogCode.Accepted
    store, actor = login.store, login.actor
    if not accepted or store is None or actor is None:
        QThreadPool.globalInstance().waitForDone(10000)
        if store is not None:
            store.dispose()
        return 1 if opener.failed else 0
    try:
        from crm_desktop.gui.context import AppBus, AppContext
        from crm_desktop.gui.main_window import MainWindow
        from crm_desktop.services.auth import start_session

        while True:
            opts.LAST_LOGIN.set(settings, actor.login)
            session = start_session(store, actor)
            ctx = AppContext(
                store=store,
                actor=actor,
                settings=settings,
                pool=QThreadPool.globalInstance(),
                bus=AppBus(),
                session=session,
            )
            window = MainWindow(ctx)
            window.show()
            rc = app.exec()
            session.end()
            if window.sign_out_message is None:
                return rc
            # Signed out (account disabled or changed, or "Sign out" on the lock): say why, sign in again.
            QThreadPool.globalInstance().waitForDone(10000)
            window.deleteLater()
            again = LoginDialog(store, actor.login)
            again.show_message(window.sign_out_message)
            if again.exec() != QDialog.DialogCode.Accepted or again.actor is None:
                return 0
            actor = again.actor
    finally:
        QThreadPool.globalInstance().waitForDone(5000)
        store.dispose()


if __name__ == "__main__":
    raise SystemExit(main())
