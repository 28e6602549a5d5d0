"""Workbench area (工作台): the first page after sign-in, per role (see crm_desktop.gui.workbench)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from crm_desktop.gui.context import AppContext


def create_page(ctx: AppContext) -> QWidget:
    from crm_desktop.gui.workbench.page import WorkbenchPage

    return WorkbenchPage(ctx)
