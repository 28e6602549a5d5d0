"""Keyboard shortcuts of the main window and the help overlay (F1 or Ctrl+/) that lists them."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from crm_desktop.gui.workbench.command_bar import open_command_bar

# The main window (crm_desktop.gui.main_window.MainWindow, not imported: it installs these shortcuts) with
# .ctx, .nav (its navigation list) and QMainWindow's methods.
MainWindow = Any

COMMAND_BAR = "Ctrl+K"
QUICK_ADD = "Ctrl+N"
HELP = ("F1", "Ctrl+/")


def shortcut_list(window: MainWindow) -> list[tuple[str, str]]:
    """(keys, what they do) of every shortcut, in the order the help shows them."""

    rows = [
        (
            COMMAND_BAR,
            QCoreApplication.translate("Shortcuts", "Search clients, tasks, requests, areas and actions"),
        )
    ]
    if window.ctx.actor.role.value in ("investment_manager", "branch_manager"):
        rows.append(
            (QUICK_ADD, QCoreApplication.translate("Shortcuts", "Quick add: record a touch for a client"))
        )
    for n in range(min(window.nav.count(), 9)):
        item = window.nav.item(n)
        go = QCoreApplication.translate("Shortcuts", "Go to {area}")
        rows.append((f"Ctrl+{n + 1}", go.replace("{area}", item.text())))
    rows += [
        ("F5", QCoreApplication.translate("Shortcuts", "Refresh what is shown")),
        (" / ".join(HELP), QCoreApplication.translate("Shortcuts", "This list of shortcuts")),
        ("Esc", QCoreApplication.translate("Shortcuts", "Close a dialog or the command bar")),
    ]
    return rows


class ShortcutHelp(QDialog):
    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutHelp")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        cells = "".join(
            f"<tr><td style='padding-right:24px'><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>"
            for k, v in rows
        )
        heading = html.escape(self.tr("Keyboard shortcuts"))
        label = QLabel(f"<h3>{heading}</h3><table cellspacing='4'>{cells}</table>")
        label.setObjectName("shortcutTable")
        label.setTextFormat(Qt.TextFormat.RichText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)
        self.adjustSize()


def show_help(window: MainWindow) -> ShortcutHelp:
    dialog = ShortcutHelp(shortcut_list(window), window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def install_shortcuts(window: MainWindow) -> list[QAction]:
    """Add the shortcuts to the main window (they work on every area)."""
    ctx = window.ctx
    actions: list[QAction] = []

    def add(keys: tuple[str, ...], slot: object, name: str) -> None:
        action = QAction(window)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        window.addAction(action)
        actions.append(action)

    add((COMMAND_BAR,), lambda: open_command_bar(ctx, window), "commandBarShortcut")
    if ctx.actor.role.value in ("investment_manager", "branch_manager"):
        add((QUICK_ADD,), lambda: open_command_bar(ctx, window, quick_add=True), "quickAddShortcut")
    for n in range(min(window.nav.count(), 9)):
        add((f"Ctrl+{n + 1}",), lambda _=False, row=n: window.nav.setCurrentRow(row), f"areaShortcut{n + 1}")
    add(HELP, lambda: show_help(window), "helpShortcut")
    return actions
