"""The workbench (工作台) page, the command bar (Ctrl+K), quick add (Ctrl+N) and the shortcut help (F1)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def workbench_title() -> str:
    return QCoreApplication.translate("Workbench", "Workbench")
