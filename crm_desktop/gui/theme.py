"""Light / dark / follow-system theme and the font-size setting, applied at start and when changed.

The palette is the one source of colours: widgets, headings and the matplotlib charts (through
:func:`style_figure`) read it, so nothing stays white on a dark screen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

THEMES = ("system", "light", "dark")
FONT_SCALE_RANGE = (90, 150)
OVERDUE_COLOUR = "#c0392b"  # overdue / warnings, readable on light and dark
OVERDUE_COLOUR_DARK = "#ff6b5e"

_base_point_size: float | None = None
_system_palette: QPalette | None = None


def dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor(37, 38, 41), QColor(28, 29, 31), QColor(230, 230, 230)
    disabled = QColor(128, 128, 128)
    R = QPalette.ColorRole
    for role, colour in (
        (R.Window, window),
        (R.WindowText, text),
        (R.Base, base),
        (R.AlternateBase, QColor(45, 46, 50)),
        (R.ToolTipBase, QColor(50, 50, 55)),
        (R.ToolTipText, text),
        (R.PlaceholderText, disabled),
        (R.Text, text),
        (R.Button, QColor(50, 51, 55)),
        (R.ButtonText, text),
        (R.BrightText, QColor(255, 90, 90)),
        (R.Light, QColor(70, 70, 75)),
        (R.Midlight, QColor(60, 60, 65)),
        (R.Mid, QColor(90, 90, 95)),
        (R.Dark, QColor(20, 20, 22)),
        (R.Shadow, QColor(0, 0, 0)),
        (R.Highlight, QColor(42, 130, 218)),
        (R.HighlightedText, QColor(255, 255, 255)),
        (R.Link, QColor(100, 170, 255)),
        (R.LinkVisited, QColor(180, 140, 255)),
    ):
        p.setColor(role, colour)
    for role in (R.WindowText, R.Text, R.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def light_palette(app: QApplication) -> QPalette:
    return app.style().standardPalette()


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return bool(scheme is not None and scheme() == Qt.ColorScheme.Dark)


def resolved(mode: str) -> str:
    """ "light" or "dark": what a theme setting means on this machine now."""
    if mode == "dark" or (mode == "system" and system_is_dark()):
        return "dark"
    return "light"


def is_dark(palette: QPalette | None = None) -> bool:
    pal = palette or QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def apply_theme(app: QApplication, mode: str) -> str:
    """Set the application palette for ``mode`` (system/light/dark); returns the resolved theme."""
    global _system_palette
    if _system_palette is None:
        _system_palette = QPalette(app.palette())
    which = resolved(mode if mode in THEMES else "system")
    app.setStyle("Fusion")  # the one style that honours a full palette on every platform
    if which == "dark":
        app.setPalette(dark_palette())
    else:
        app.setPalette(light_palette(app))
    app.setProperty("crm_theme", which)
    return which


def apply_font_scale(app: QApplication, percent: int) -> float:
    """Scale the application font to ``percent`` of its size at start (clamped to 90-150 %)."""
    global _base_point_size
    lo, hi = FONT_SCALE_RANGE
    percent = max(lo, min(hi, int(percent)))
    font = app.font()
    if _base_point_size is None:
        _base_point_size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    font.setPointSizeF(_base_point_size * percent / 100)
    app.setFont(font)
    return font.pointSizeF()


def overdue_colour(palette: QPalette | None = None) -> QColor:
    return QColor(OVERDUE_COLOUR_DARK if is_dark(palette) else OVERDUE_COLOUR)


def overdue_count_html(count: int, palette: QPalette | None = None) -> str:
    """A count of overdue items as rich text: red only when there is something overdue, never a red 0."""
    if count > 0:
        return f"<span style='color:{overdue_colour(palette).name()}'>{count:,}</span>"
    return f"{count:,}"


def heading_colour(widget: QWidget | None = None) -> str:
    pal = widget.palette() if widget is not None else QGuiApplication.palette()
    return str(pal.color(QPalette.ColorRole.WindowText).name())


def chart_colours(palette: QPalette | None = None) -> tuple[str, str, str]:
    """(background, text, grid) for charts, from the palette."""
    pal = palette or QGuiApplication.palette()
    R = QPalette.ColorRole
    return (
        str(pal.color(R.Window).name()),
        str(pal.color(R.WindowText).name()),
        str(pal.color(R.Mid).name()),
    )


def style_figure(figure: Any, palette: QPalette | None = None) -> None:
    """Recolour an already drawn matplotlib figure for the palette: backgrounds, texts, ticks, spines, legends."""
    bg, fg, grid = chart_colours(palette)
    figure.set_facecolor(bg)
    for text in figure.texts:
        text.set_color(fg)
    suptitle = getattr(figure, "_suptitle", None)
    if suptitle is not None:
        suptitle.set_color(fg)
    for ax in figure.get_axes():
        ax.set_facecolor(bg)
        for spine in ax.spines.values():
            spine.set_color(grid)
        ax.tick_params(colors=fg, which="both")
        for label in (ax.title, ax.xaxis.label, ax.yaxis.label, *ax.texts):
            # texts drawn inside bars keep their own contrasting colour
            if label.get_color() in ("white", "#ffffff", "w"):
                continue
            label.set_color(fg)
        for t in (getattr(ax, "_left_title", None), getattr(ax, "_right_title", None)):
            if t is not None:
                t.set_color(fg)
        legend = ax.get_legend()
        if legend is not None:
            legend.get_frame().set_facecolor(bg)
            legend.get_frame().set_edgecolor(grid)
            for t in legend.get_texts():
                t.set_color(fg)
        for line in ax.get_xgridlines() + ax.get_ygridlines():
            line.set_color(grid)


class ThemeFollower(QObject):
    """Re-applies a "system" theme when the desktop switches between light and dark."""

    def __init__(self, app: QApplication, mode_getter: Any) -> None:
        super().__init__(app)
        self._app = app
        self._mode = mode_getter
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._changed)

    def _changed(self, *_args: Any) -> None:
        if self._mode() == "system":
            apply_theme(self._app, "system")
