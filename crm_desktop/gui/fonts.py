"""Registers the bundled CJK font with Qt and makes it the application font."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from crm_desktop.fonts import font_path

_family: str | None = None


def register_qt_font(app: QApplication | None = None) -> str:
    """Add the font to Qt's database (once) and use it as the default UI font; returns its family."""
    global _family
    if _family is None:
        font_id = QFontDatabase.addApplicationFont(str(font_path()))
        if font_id < 0:
            raise RuntimeError(f"Qt could not load the bundled font {font_path()}")
        _family = QFontDatabase.applicationFontFamilies(font_id)[0]
    if app is not None:
        font = QFont(_family)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)
    return _family
