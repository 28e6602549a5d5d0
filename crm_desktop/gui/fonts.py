"""The UI font: the system's own CJK UI font where there is one, else the bundled one.

Windows 10/11 has Microsoft YaHei, macOS PingFang, many Linux desktops Noto Sans CJK: each reads better
at UI sizes (hinting, the OS's own rendering) than the bundled WenQuanYi Micro Hei, which stays the
answer on machines without Chinese fonts. PDFs and charts always embed the bundled font
(``crm_desktop.fonts``), so a letter looks the same whichever machine printed it.
``CRM_UI_FONT=bundled`` forces the bundled font (reproducible screenshots), any other value names a family.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from crm_desktop.fonts import font_path

SYSTEM_CJK_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
)
"""Preferred system families, best first (simplified-Chinese UI fonts of Windows, macOS and Linux)."""

_family: str | None = None


def choose_system_family(available: Iterable[str], override: str | None = None) -> str | None:
    """The system family to use, or None for the bundled font."""
    if override == "bundled":
        return None
    have = {f.casefold(): f for f in available}
    wanted = ([override] if override else []) + list(SYSTEM_CJK_FAMILIES)
    for name in wanted:
        if name.casefold() in have:
            return have[name.casefold()]
    return None


def bundled_family() -> str:
    """Add the bundled font to Qt's database (once); returns its family."""
    global _family
    if _family is None:
        font_id = QFontDatabase.addApplicationFont(str(font_path()))
        if font_id < 0:
            raise RuntimeError(f"Qt could not load the bundled font {font_path()}")
        _family = QFontDatabase.applicationFontFamilies(font_id)[0]
    return _family


def register_qt_font(app: QApplication | None = None) -> str:
    """Pick the UI font (system CJK font, else bundled) and make it the application font; returns its family."""
    family = choose_system_family(QFontDatabase.families(), os.environ.get("CRM_UI_FONT")) or bundled_family()
    if app is not None:
        font = QFont(family)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)
    return family
