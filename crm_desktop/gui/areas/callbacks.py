"""Call-backs area: the pool and the recording form (call-back officers), red-flag cases (branch manager).

On sign-in it fills the call-back pool in the background, as the tasks area does for tasks.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from crm_desktop.db.models.enums import Role
from crm_desktop.gui.callbacks.views import CallbacksPage
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.workers import run_task
from crm_desktop.services import callbacks


def create_page(ctx: AppContext) -> QWidget:
    return CallbacksPage(ctx)


def on_signed_in(ctx: AppContext, window: QWidget) -> Any:
    if ctx.actor.role not in (Role.CALLBACK_OFFICER, Role.BRANCH_MANAGER):
        return None
    store, actor = ctx.store, ctx.actor
    # Start-of-day work never blocks signing in: a failure only means the pool is as it was.
    return run_task(
        lambda _c: callbacks.generate_pool(store, actor),
        on_done=lambda _s: ctx.bus.data_changed.emit("callbacks"),
        on_error=lambda _e: None,
        pool=ctx.pool,
    )
