"""Complaints area: the register (any staff member registers; the branch manager assigns and reports)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from crm_desktop.gui.callbacks.views import ComplaintsView
from crm_desktop.gui.context import AppContext


def create_page(ctx: AppContext) -> QWidget:
    return ComplaintsView(ctx)
