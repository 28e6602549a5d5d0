"""Letters area: batch generation and history; registers "generate letter" in the client 360° view."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from crm_desktop.gui.context import AppContext, ClientActionSpec


def create_page(ctx: AppContext) -> QWidget:
    from crm_desktop.gui.letters.batch_page import LettersPage

    return LettersPage(ctx)


def open_letter_dialog(ctx: AppContext, parent: QWidget | None, client_no: str) -> None:
    from crm_desktop.gui.letters.dialog import LetterDialog

    dialog = LetterDialog(ctx, client_no, parent.window() if parent is not None else None)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()


def register_actions(ctx: AppContext) -> None:
    ctx.client_actions["generate_letter"] = ClientActionSpec(
        key="generate_letter",
        label=QCoreApplication.translate("LettersArea", "Generate letter…"),
        handler=lambda parent, client_no: open_letter_dialog(ctx, parent, client_no),
        # Admins never see client personal data, and a letter is nothing else.
        roles=("investment_manager", "branch_manager"),
    )
