"""The bundled navigation icons (resources/icons/*.svg, CC0, see LICENSE.txt there), tinted for the palette.

The SVG files are monochrome line drawings in #000000; :func:`area_icon` replaces that colour with the
palette's text colour, so an icon is dark on a light theme and light on a dark one.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from crm_desktop.paths import resource

PLACEHOLDER = "#000000"
SIZES = (16, 24, 32, 48)


def icon_path(name: str) -> str:
    return str(resource("icons", f"{name}.svg"))


def available(name: str) -> bool:
    return resource("icons", f"{name}.svg").is_file()


@lru_cache(maxsize=128)
def _svg(name: str) -> str:
    return resource("icons", f"{name}.svg").read_text(encoding="utf-8")


def tinted_svg(name: str, colour: str) -> bytes:
    return _svg(name).replace(PLACEHOLDER, colour).encode("utf-8")


def area_icon(name: str, palette: QPalette | None = None) -> QIcon:
    """The icon ``name`` drawn in the palette's text colour (and its disabled colour when disabled)."""
    pal = palette or QGuiApplication.palette()
    icon = QIcon()
    for mode, group in (
        (QIcon.Mode.Normal, QPalette.ColorGroup.Active),
        (QIcon.Mode.Disabled, QPalette.ColorGroup.Disabled),
        (QIcon.Mode.Selected, QPalette.ColorGroup.Active),
    ):
        role = (
            QPalette.ColorRole.HighlightedText
            if mode == QIcon.Mode.Selected
            else QPalette.ColorRole.WindowText
        )
        colour = pal.color(group, role).name()
        renderer = QSvgRenderer(QByteArray(tinted_svg(name, colour)))
        for size in SIZES:
            pm = QPixmap(size, size)
            pm.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pm)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter, QRectF(0, 0, size, size))
            painter.end()
            icon.addPixmap(pm, mode)
    return icon
