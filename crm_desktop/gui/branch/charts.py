"""The dashboard charts in a Qt canvas (the same drawing code as the PDF export)."""

from __future__ import annotations

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from crm_desktop.fonts import register_matplotlib
from crm_desktop.gui.theme import style_figure
from crm_desktop.reports import dashboard_charts
from crm_desktop.services.dashboard import Dashboard


class ChartView(FigureCanvasQTAgg):
    def __init__(self, parent: QWidget | None = None) -> None:
        register_matplotlib()
        self.figure = Figure(figsize=(12, 4), dpi=90, layout="constrained")
        super().__init__(self.figure)
        self.setParent(parent)
        self.setObjectName("dashboardCharts")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(280)
        self._shown: Dashboard | None = None

    def show_dashboard(self, d: Dashboard) -> None:
        self._shown = d
        self.figure.clear()
        dashboard_charts.draw_all(self.figure, d)
        # the same drawing as the PDF, recoloured for the screen's theme
        parent = self.parentWidget()
        style_figure(self.figure, parent.palette() if parent is not None else None)
        self.draw_idle()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        shown = getattr(self, "_shown", None)
        if shown is not None and event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
        ):
            self.show_dashboard(shown)
