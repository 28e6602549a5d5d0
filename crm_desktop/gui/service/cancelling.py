"""Cancelling a task or a touch from a view: both ask why, keep the record and refresh their area."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QWidget

from crm_desktop.db.store import Store
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.workers import run_task
from crm_desktop.services.auth import Actor


def ask_reason(parent: QWidget, title: str, prompt: str, then: Callable[[str], None]) -> None:
    """Call ``then`` with the reason typed, unless the user backs out."""
    reason, ok = QInputDialog.getText(parent, title, prompt)
    if ok:
        then(reason)


def change_in_background(
    parent: QWidget, ctx: AppContext, area: str, change: Callable[[Store, Actor], object]
) -> None:
    """Run one service call off the GUI thread; on success every view of ``area`` reloads."""
    store, actor = ctx.store, ctx.actor
    run_task(
        lambda _c: change(store, actor),
        on_done=lambda _r: ctx.bus.data_changed.emit(area),
        on_error=lambda exc: show_error(parent, exc),
        pool=ctx.pool,
    )
