"""Import area: the wizard that loads back-office exports (admins and branch managers)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from crm_desktop.gui.context import AppContext


def create_page(ctx: AppContext) -> QWidget:
    from crm_desktop.gui.imports.wizard import ImportWizardPage

    return ImportWizardPage(ctx)
