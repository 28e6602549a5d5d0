"""Compliance: per manager and grade over a period; a chart for the branch manager; Excel export."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from pathlib import Path
from typing import Any

from matplotlib.ticker import MaxNLocator
from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.gui import qdates
from crm_desktop.gui.clients.charts import ChartCanvas
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.list_model import ListTableModel
from crm_desktop.gui.workers import Requester, run_task
from crm_desktop.reports import compliance as compliance_xlsx
from crm_desktop.services import compliance
from crm_desktop.services.compliance import ALL_GRADES, NOT_SCORED, ComplianceReport, ComplianceRow

DISPLAY = Qt.ItemDataRole.DisplayRole.value
ALIGN = Qt.ItemDataRole.TextAlignmentRole.value
FONT = Qt.ItemDataRole.FontRole.value
ROW_ROLE = Qt.ItemDataRole.UserRole.value


class Col(IntEnum):
    MANAGER = 0
    GRADE = 1
    DUE = 2
    ON_TIME = 3
    LATE = 4
    OVERDUE = 5
    RATE = 6


def _headers() -> dict[Col, str]:
    return {
        Col.MANAGER: QCoreApplication.translate("ComplianceModel", "Manager"),
        Col.GRADE: QCoreApplication.translate("ComplianceModel", "Grade"),
        Col.DUE: QCoreApplication.translate("ComplianceModel", "Due"),
        Col.ON_TIME: QCoreApplication.translate("ComplianceModel", "On time"),
        Col.LATE: QCoreApplication.translate("ComplianceModel", "Late"),
        Col.OVERDUE: QCoreApplication.translate("ComplianceModel", "Overdue now"),
        Col.RATE: QCoreApplication.translate("ComplianceModel", "On-time rate"),
    }


class ComplianceModel(ListTableModel[ComplianceRow]):
    def __init__(self, parent: Any = None) -> None:
        titles = _headers()
        super().__init__([titles[c] for c in Col], parent)

    def set_report(self, report: ComplianceReport | None) -> None:
        self.set_rows([*report.rows, report.total()] if report is not None and report.rows else [])

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        r = self._rows[index.row()]
        col = Col(index.column())
        if role == DISPLAY:
            if col is Col.MANAGER:
                return f"{r.manager_name} ({r.manager_login})" if r.manager_login else r.manager_name
            if col is Col.GRADE:
                if r.grade == ALL_GRADES:
                    return QCoreApplication.translate("ComplianceModel", "all")
                return (
                    QCoreApplication.translate("ComplianceModel", "not scored")
                    if r.grade == NOT_SCORED
                    else r.grade
                )
            values = {Col.DUE: r.due, Col.ON_TIME: r.on_time, Col.LATE: r.late, Col.OVERDUE: r.overdue_now}
            if col in values:
                return str(values[col])
            return "—" if r.on_time_rate is None else f"{r.on_time_rate:.0%}"
        if role == ALIGN and col >= Col.DUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == FONT and r.grade == ALL_GRADES:
            font = QFont()
            font.setBold(True)
            return font
        if role == ROW_ROLE:
            return index.row()
        return None


class ComplianceChart(ChartCanvas):
    """Stacked bars per manager: done on time, done late, overdue now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(220)

    def plot(self, report: ComplianceReport | None) -> None:
        pal = self.palette()
        bg, fg = pal.color(QPalette.ColorRole.Window).name(), pal.color(QPalette.ColorRole.WindowText).name()
        self.figure.clear()
        self.figure.set_facecolor(bg)
        ax = self.figure.add_subplot()
        ax.set_facecolor(bg)
        ax.tick_params(colors=fg, labelsize=9)
        for spine in ax.spines.values():
            spine.set_color(fg)
        rows = report.managers() if report is not None else []
        if not rows:
            ax.text(
                0.5,
                0.5,
                QCoreApplication.translate("ComplianceChart", "No tasks due in this period"),
                ha="center",
                va="center",
                color=fg,
                transform=ax.transAxes,
            )
            ax.set_axis_off()
            self.draw_idle()
            return
        names = [r.manager_name for r in rows]
        series = [
            ([r.on_time for r in rows], "#009E73", QCoreApplication.translate("ComplianceChart", "On time")),
            ([r.late for r in rows], "#E69F00", QCoreApplication.translate("ComplianceChart", "Late")),
            (
                [r.overdue_now for r in rows],
                "#D55E00",
                QCoreApplication.translate("ComplianceChart", "Overdue now"),
            ),
            # open and due today: not missed yet, but part of what is due, so the bar matches the table
            (
                [r.open_due_today for r in rows],
                "#9E9E9E",
                QCoreApplication.translate("ComplianceChart", "Due today, open"),
            ),
        ]
        left = [0] * len(rows)
        for values, colour, label in series:
            ax.barh(names, values, left=left, color=colour, label=label, height=0.5)
            left = [a + b for a, b in zip(left, values, strict=True)]
        for y, r in enumerate(rows):
            if r.on_time_rate is not None:
                ax.text(left[y], y, f"  {r.on_time_rate:.0%}", va="center", color=fg, fontsize=9)
        ax.invert_yaxis()
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlim(0, max(max(left), 1) * 1.15)  # room for the rate labels
        ax.set_xlabel(QCoreApplication.translate("ComplianceChart", "Tasks due"), color=fg)
        legend = ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=4, fontsize=8, frameon=False)
        for text in legend.get_texts():
            text.set_color(fg)
        self.draw_idle()


class ComplianceView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.branch_id: int | None = None  # head office's branch chooser (None: every branch)
        self.setObjectName("complianceView")
        self.report: ComplianceReport | None = None
        self._requester = Requester(ctx.pool)
        today = qdates.today()
        self.from_edit = QDateEdit(QDate(today.year(), today.month(), 1))
        self.to_edit = QDateEdit(today)
        for e in (self.from_edit, self.to_edit):
            e.setCalendarPopup(True)
            e.setDisplayFormat("yyyy-MM-dd")
            e.dateChanged.connect(self.reload)
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.clicked.connect(self.choose_export)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Due from")))
        top.addWidget(self.from_edit)
        top.addWidget(QLabel(self.tr("to")))
        top.addWidget(self.to_edit)
        top.addStretch(1)
        top.addWidget(self.export_button)

        self.model = ComplianceModel(self)
        self.table = QTableView()
        self.table.setObjectName("complianceTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # the columns share the width (narrow content left a blank half of the table)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(self.fontMetrics().horizontalAdvance("0000000"))
        self.summary = QLabel()
        self.summary.setObjectName("complianceSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.chart: ComplianceChart | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        if ctx.actor.is_branch_manager:
            self.chart = ComplianceChart()
            split = QSplitter(Qt.Orientation.Vertical)
            split.addWidget(self.table)
            split.addWidget(self.chart)
            layout.addWidget(split, 1)
        else:
            layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        ctx.bus.refresh_requested.connect(self.reload)
        ctx.bus.data_changed.connect(lambda area: self.reload() if area in ("tasks", "*") else None)
        self.reload()

    def period(self) -> tuple[date, date]:
        return self.from_edit.date().toPython(), self.to_edit.date().toPython()  # type: ignore[return-value]

    def reload(self) -> None:
        store, actor = self.ctx.store, self.ctx.actor
        start, end = self.period()
        branch = self.branch_id
        self._requester.submit(
            lambda _c: compliance.compliance_report(store, actor, start, end, branch_id=branch),
            on_done=self._loaded,
            on_error=lambda exc: show_error(self, exc),
        )

    def _loaded(self, report: ComplianceReport) -> None:
        self.report = report
        self.model.set_report(report)
        if self.chart is not None:
            self.chart.plot(report)
        covered = sum(r.covered for r in report.new_accounts)
        judged = covered + sum(r.missed for r in report.new_accounts)
        pending = sum(r.pending for r in report.new_accounts)
        coverage = f"{covered / judged:.0%}" if judged else "—"
        self.summary.setText(
            self.tr(
                "New accounts followed up within 30 days: <b>{cov}</b> ({c} of {j}; {p} still within 30 days). "
                "Risk reassessments overdue: <b>{risk}</b>."
            )
            .replace("{cov}", coverage)
            .replace("{c}", str(covered))
            .replace("{j}", str(judged))
            .replace("{p}", str(pending))
            .replace("{risk}", str(len(report.risk_overdue)))
        )

    def choose_export(self) -> None:
        start, end = self.period()
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export compliance"),
            f"compliance_{start:%Y%m%d}_{end:%Y%m%d}.xlsx",
            self.tr("Excel workbook (*.xlsx)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        report = self.report
        if report is None:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        self.export_button.setEnabled(False)

        def done(out: Path) -> None:
            self.export_button.setEnabled(True)
            self.ctx.bus.status_message.emit(self.tr("Exported to {path}.").replace("{path}", str(out)))

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            show_error(self, exc)

        run_task(
            lambda _c: compliance_xlsx.export_excel(report, path),
            on_done=done,
            on_error=failed,
            pool=self.ctx.pool,
        )
