"""Errors reach the user as a readable dialog, never as a traceback."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from crm_desktop.errors import Conflict, CrmError, InvalidInput, PermissionDenied
from crm_desktop.paths import log_dir

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    """Show an expected error's message, or a short apology for an unexpected one (logged in full).

    An account disabled (or changed) since sign-in signs the window out instead: the sign-in dialog
    that follows says why.
    """
    from crm_desktop.gui.session_watch import report_session_ended

    if report_session_ended(exc):
        return
    from crm_desktop.gui.server_watch import report_unavailable

    if report_unavailable(exc) and not getattr(exc, "in_doubt", False):
        # The outage is known and the status bar says so: one dialog per reload would bury the window.
        # The failed action still says, in the status bar, that it was not carried out.
        window = parent.window() if parent is not None else None
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(str(exc), 8000)
        return
    if isinstance(exc, CrmError):
        if isinstance(exc, Conflict):
            heading = QCoreApplication.translate("errors", "Someone else changed this first")
        elif isinstance(exc, PermissionDenied):
            heading = QCoreApplication.translate("errors", "Not allowed")
        elif isinstance(exc, InvalidInput):
            heading = QCoreApplication.translate("errors", "Please check the input")
        else:
            heading = QCoreApplication.translate("errors", "Cannot continue")
        box = QMessageBox(QMessageBox.Icon.Warning, title or heading, exc.message, parent=parent)
        if exc.details:
            box.setDetailedText("\n".join(exc.details))
    else:
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            title or QCoreApplication.translate("errors", "Unexpected error"),
            QCoreApplication.translate(
                "errors",
                "Something went wrong: {kind}. Your data was not changed by the failed action. "
                "Details are in the log at {path}.",
            ).format(kind=type(exc).__name__, path=log_dir()),
            parent=parent,
        )
    box.exec()


def install_excepthook() -> None:
    """Unhandled exceptions in slots show a dialog instead of killing the app or printing a traceback."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("unhandled exception:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        try:
            show_error(None, exc)
        except Exception:
            sys.__excepthook__(kind, exc, tb)

    sys.excepthook = hook


def setup_logging() -> None:
    """Log to a file in the user data dir; never the console of a GUI user, never a password."""
    try:
        d = log_dir()
        d.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(d / "crm-desktop.log", encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
