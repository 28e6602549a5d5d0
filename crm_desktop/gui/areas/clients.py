"""Clients area: the client book; registers ``open_client`` so every area can open the 360° view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from crm_desktop.gui.clients.book_page import ClientBookPage
from crm_desktop.gui.clients.note_dialog import note_action
from crm_desktop.gui.context import AppContext

_open: dict[str, QWidget] = {}


def create_page(ctx: AppContext) -> QWidget:
    return ClientBookPage(ctx)


def open_client(ctx: AppContext, parent: QWidget | None, client_no: str) -> QWidget:
    """Show the 360° view of a client (raising it if already open); it loads on a worker."""
    from crm_desktop.gui.clients.client_view import Client360Dialog

    existing = _open.get(client_no)
    if existing is not None:
        try:
            existing.showNormal()
            existing.raise_()
            existing.activateWindow()
            return existing
        except RuntimeError:  # closed and deleted by Qt meanwhile
            _open.pop(client_no, None)
    dialog = Client360Dialog(ctx, client_no, parent.window() if parent is not None else None)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _r: _open.pop(client_no, None))
    _open[client_no] = dialog
    dialog.show()
    return dialog


def register_actions(ctx: AppContext) -> None:
    ctx.services["open_client"] = lambda parent, client_no: open_client(ctx, parent, client_no)
    ctx.client_actions["add_note"] = note_action(ctx)
