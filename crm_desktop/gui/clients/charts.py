"""Charts of the 360° view: 12-month asset trend and allocation by board, drawn with matplotlib.

Colours come from the widget palette so the charts follow the system's light or dark theme.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.dates import AutoDateLocator, DateFormatter
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from crm_desktop.fonts import register_matplotlib

# Board order and colour-blind-safe colours (Okabe–Ito), readable on light and dark backgrounds.
BOARD_ORDER = ("main", "chinext", "star", "bse", "cash")
BOARD_COLOURS = {
    "main": "#0072B2",
    "chinext": "#E69F00",
    "star": "#009E73",
    "bse": "#CC79A7",
    "cash": "#999999",
}


def _hex(palette: QPalette, role: QPalette.ColorRole) -> str:
    return str(palette.color(role).name())


class WanFormatter(Formatter):
    """Axis labels in 万 (10,000 yuan), as Chinese statements show them, with as many decimals as the
    ticks need: a small account's ticks at 5,000 and 6,000 yuan read 0.5 and 0.6, not 1 and 1."""

    def __init__(self) -> None:
        super().__init__()
        self._places = 0

    def format_ticks(self, values: list[float]) -> list[str]:
        self._places = _places(values)
        return [self(v) for v in values]

    def __call__(self, x: float, pos: int | None = None) -> str:
        return f"{x / 10_000:,.{self._places}f}"


def _places(values: list[float]) -> int:
    """The fewest decimals (at most 4) that show every tick, in 万, exactly."""
    wan = [float(v) / 10_000 for v in values]
    for places in range(5):
        scale = 10**places
        if all(abs(v * scale - round(v * scale)) < 1e-6 * max(1.0, abs(v * scale)) for v in wan):
            return places
    return 4


class ChartCanvas(FigureCanvasQTAgg):
    def __init__(self, parent: QWidget | None = None) -> None:
        register_matplotlib()
        self.figure = Figure(figsize=(5, 3), layout="constrained")
        super().__init__(self.figure)
        self.setParent(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(200)
        self._redraw: Callable[[], None] | None = None

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # The system switched between light and dark: draw again in the new colours.
        redraw = getattr(self, "_redraw", None)  # also called while the base class is being set up
        if redraw is not None and event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
        ):
            redraw()

    def _colours(self) -> tuple[str, str, str, str]:
        # matplotlib gives its canvas a palette of its own; the surrounding widget's is the theme's.
        parent = self.parentWidget()
        pal = parent.palette() if parent is not None else QGuiApplication.palette()
        return (
            _hex(pal, QPalette.ColorRole.Window),
            _hex(pal, QPalette.ColorRole.WindowText),
            _hex(pal, QPalette.ColorRole.Mid),
            _hex(pal, QPalette.ColorRole.Highlight),
        )

    def _axes(self) -> Axes:
        bg, fg, grid, _ = self._colours()
        self.figure.clear()
        self.figure.set_facecolor(bg)
        ax = self.figure.add_subplot()
        ax.set_facecolor(bg)
        for spine in ax.spines.values():
            spine.set_color(grid)
        ax.tick_params(colors=fg, labelsize=9)
        ax.title.set_color(fg)
        ax.yaxis.label.set_color(fg)
        return ax

    def _empty(self, ax: Axes, text: str) -> None:
        _, fg, _, _ = self._colours()
        ax.set_axis_off()
        ax.text(0.5, 0.5, text, ha="center", va="center", color=fg, transform=ax.transAxes, fontsize=10)


class AssetTrendChart(ChartCanvas):
    def plot(self, series: list[tuple[date, float, float, float]]) -> None:
        self._redraw = lambda: self.plot(series)
        ax = self._axes()
        _, fg, grid, accent = self._colours()
        title = QCoreApplication.translate("Client360", "Total assets, last 12 months (10k yuan)")
        ax.set_title(title, fontsize=10, loc="left", color=fg)
        if not series:
            self._empty(ax, QCoreApplication.translate("Client360", "No asset snapshots yet"))
        else:
            days = np.array([s[0] for s in series], dtype="datetime64[D]")
            total = [s[1] for s in series]
            secs = [s[3] for s in series]
            ax.fill_between(
                days,
                0,
                secs,
                color=accent,
                alpha=0.18,
                linewidth=0,
                label=QCoreApplication.translate("Client360", "Securities"),
            )
            ax.plot(
                days,
                total,
                color=accent,
                linewidth=1.8,
                label=QCoreApplication.translate("Client360", "Total assets"),
            )
            ax.yaxis.set_major_formatter(WanFormatter())
            ax.grid(True, color=grid, alpha=0.4, linewidth=0.6)
            ax.set_ylim(bottom=0)
            ax.margins(x=0)
            legend = ax.legend(loc="lower left", fontsize=8, frameon=False)
            for t in legend.get_texts():
                t.set_color(fg)
            locator = AutoDateLocator(minticks=3, maxticks=7)
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(DateFormatter("%Y-%m"))
        # Draw now: a deferred draw could fire after the window was closed and its canvas deleted.
        self.draw()


class AllocationChart(ChartCanvas):
    def plot(self, allocation: dict[str, float], labels: dict[str, str]) -> None:
        self._redraw = lambda: self.plot(allocation, labels)
        ax = self._axes()
        bg, fg, _, _ = self._colours()
        ax.set_title(
            QCoreApplication.translate("Client360", "Allocation by board"), fontsize=10, loc="left", color=fg
        )
        parts = [(k, allocation[k]) for k in BOARD_ORDER if allocation.get(k, 0) > 0]
        parts += [(k, v) for k, v in allocation.items() if k not in BOARD_ORDER and v > 0]
        if not parts:
            self._empty(ax, QCoreApplication.translate("Client360", "No holdings or cash recorded"))
        else:
            total = sum(v for _, v in parts)
            wedges, _texts = ax.pie(
                [v for _, v in parts],
                colors=[BOARD_COLOURS.get(k, "#56B4E9") for k, _ in parts],
                startangle=90,
                counterclock=False,
                wedgeprops={"width": 0.45, "edgecolor": bg, "linewidth": 1.5},
            )
            ax.set_aspect("equal")
            legend = ax.legend(
                wedges,
                [f"{labels.get(k, k)}  {v / total * 100:.1f}%" for k, v in parts],
                loc="center left",
                bbox_to_anchor=(1.0, 0.5),
                fontsize=9,
                frameon=False,
            )
            for t in legend.get_texts():
                t.set_color(fg)
        # Draw now: a deferred draw could fire after the window was closed and its canvas deleted.
        self.draw()
