"""The branch manager's client flow and performance tabs (issue #17).

``FlowView``: inflow and outflow of a period per manager and per grade, the net flow trend chart, the lost
clients with their churn reason (recorded or still missing) and the split by reason.
``PerformanceView``: the league table of a month per manager and team, a manager's figures against the
month before (drill-down), the payroll workbook and the printable summary.
Everything loads on the worker pool; an unmeasurable figure shows as 数据不足, never 0."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from enum import IntEnum
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.clock import now, today
from crm_desktop.domain import label_of
from crm_desktop.domain.visibility import reads_all_branches
from crm_desktop.domain.vocabulary import AccountEvent, ChurnReason
from crm_desktop.fonts import register_matplotlib
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.list_model import ALIGN, DISPLAY, FOREGROUND, ListTableModel
from crm_desktop.gui.qdates import pydate, qdate
from crm_desktop.gui.workers import Requester, TaskControl, run_task
from crm_desktop.reports import performance as performance_report
from crm_desktop.services import churn, flow, performance

ROW_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
MISSING = QColor("#b03a2e")
TOTAL = QColor("#eef2f7")


# Texts looked up with _t() below, marked for lupdate.
_MARKED = (
    QT_TRANSLATE_NOOP("FlowView", "Total"),
    QT_TRANSLATE_NOOP("FlowView", "Not scored"),
    QT_TRANSLATE_NOOP("FlowView", "No manager"),
    QT_TRANSLATE_NOOP("FlowView", "Grade"),
    QT_TRANSLATE_NOOP("FlowView", "Not recorded yet"),
    QT_TRANSLATE_NOOP("FlowView", "Yes"),
    QT_TRANSLATE_NOOP("FlowView", "No"),
    QT_TRANSLATE_NOOP("FlowView", "Team (lead)"),
    QT_TRANSLATE_NOOP("FlowView", "Not enough data"),
    QT_TRANSLATE_NOOP("FlowView", "Net flow per month (10k CNY)"),
    QT_TRANSLATE_NOOP("FlowView", "Change"),
)


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def not_enough_data() -> str:
    return _t("FlowView", "Not enough data")


def money_text(v: Decimal | None) -> str:
    return "-" if v is None else f"{v:,.2f}"


class _Model(ListTableModel[Any]):
    """Titles are the English ``HEADERS`` translated in ``CONTEXT``; cells come from ``_cell``."""

    CONTEXT = "FlowView"
    HEADERS: tuple[Any, ...] = ()

    def __init__(self) -> None:
        super().__init__([_t(self.CONTEXT, str(h)) for h in self.HEADERS])

    def data(self, index: Any, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        rec = self._rows[index.row()]
        if role == ROW_ROLE:
            return rec
        return self._cell(rec, index.column(), role)

    def _cell(self, rec: Any, column: int, role: int) -> Any:
        return None


# ------------------------------------------------------------------------------------------ flow


class FlowCol(IntEnum):
    KEY = 0
    NEW_ACCOUNTS = 1
    TRANSFERS_IN = 2
    CLOSED = 3
    TRANSFERRED_OUT = 4
    REGAINED = 5
    ASSET_INFLOW = 6
    ASSET_OUTFLOW = 7
    NET_FLOW = 8


_FLOW_ATTR = {
    FlowCol.NEW_ACCOUNTS: "new_accounts",
    FlowCol.TRANSFERS_IN: "transfers_in",
    FlowCol.CLOSED: "closed",
    FlowCol.TRANSFERRED_OUT: "transferred_out",
    FlowCol.REGAINED: "regained",
    FlowCol.ASSET_INFLOW: "asset_inflow",
    FlowCol.ASSET_OUTFLOW: "asset_outflow",
    FlowCol.NET_FLOW: "net_flow",
}


class FlowModel(_Model):
    """Flow rows per manager (the first column the login, ``*`` = total) or per grade."""

    HEADERS = (
        QT_TRANSLATE_NOOP("FlowView", "Manager"),
        QT_TRANSLATE_NOOP("FlowView", "New accounts"),
        QT_TRANSLATE_NOOP("FlowView", "Transfers in"),
        QT_TRANSLATE_NOOP("FlowView", "Closed"),
        QT_TRANSLATE_NOOP("FlowView", "Transferred out"),
        QT_TRANSLATE_NOOP("FlowView", "Regained"),
        QT_TRANSLATE_NOOP("FlowView", "Asset inflow (CNY)"),
        QT_TRANSLATE_NOOP("FlowView", "Asset outflow (CNY)"),
        QT_TRANSLATE_NOOP("FlowView", "Net flow (CNY)"),
    )

    def __init__(self, by_grade: bool = False) -> None:
        super().__init__()
        self.by_grade = by_grade
        if by_grade:
            self._titles[FlowCol.KEY] = _t("FlowView", "Grade")

    def _key_text(self, key: str) -> str:
        if key == flow.TOTAL_LOGIN:
            return _t("FlowView", "Total")
        if key in (flow.UNGRADED, flow.NO_MANAGER_LOGIN):
            return _t("FlowView", "Not scored") if self.by_grade else _t("FlowView", "No manager")
        return key

    def _cell(self, rec: flow.FlowRow, column: int, role: int) -> Any:
        col = FlowCol(column)
        if col is FlowCol.KEY:
            if role == DISPLAY:
                return self._key_text(rec.manager_login)
            if role == SORT_ROLE:
                # no manager / not scored, then the total, after every named row
                special = {
                    flow.NO_MANAGER_LOGIN: "\ufffe",
                    flow.UNGRADED: "\ufffe",
                    flow.TOTAL_LOGIN: "\uffff",
                }
                return special.get(rec.manager_login, rec.manager_login)
        else:
            v = getattr(rec, _FLOW_ATTR[col])
            if role == DISPLAY:
                return money_text(v) if isinstance(v, Decimal) else str(v)
            if role == SORT_ROLE:
                return float(v)
            if role == ALIGN:
                return RIGHT
            if role == FOREGROUND and col is FlowCol.NET_FLOW and v < 0:
                return QBrush(MISSING)
        if role == Qt.ItemDataRole.BackgroundRole and rec.manager_login == flow.TOTAL_LOGIN:
            return QBrush(TOTAL)
        return None


class LostCol(IntEnum):
    CLIENT = 0
    LOST_ON = 1
    EVENT = 2
    COUNTERPARTY = 3
    MANAGER = 4
    REASON = 5
    REGAINED = 6


class LostModel(_Model):
    HEADERS = (
        QT_TRANSLATE_NOOP("FlowView", "Client"),
        QT_TRANSLATE_NOOP("FlowView", "Lost on"),
        QT_TRANSLATE_NOOP("FlowView", "Event"),
        QT_TRANSLATE_NOOP("FlowView", "Other broker"),
        QT_TRANSLATE_NOOP("FlowView", "Manager"),
        QT_TRANSLATE_NOOP("FlowView", "Reason"),
        QT_TRANSLATE_NOOP("FlowView", "Come back"),
    )

    def _cell(self, rec: churn.LostClient, column: int, role: int) -> Any:
        col = LostCol(column)
        if role in (DISPLAY, SORT_ROLE):
            if col is LostCol.CLIENT:
                return rec.client_no
            if col is LostCol.LOST_ON:
                return rec.lost_on.isoformat()
            if col is LostCol.EVENT:
                return label_of(AccountEvent, rec.event)
            if col is LostCol.COUNTERPARTY:
                return rec.counterparty or "-"
            if col is LostCol.MANAGER:
                return rec.manager_login or "-"
            if col is LostCol.REASON:
                return label_of(ChurnReason, rec.reason) if rec.reason else _t("FlowView", "Not recorded yet")
            return _t("FlowView", "Yes") if rec.regained else _t("FlowView", "No")
        if role == FOREGROUND and col is LostCol.REASON and not rec.reason:
            return QBrush(MISSING)
        return None


class ReasonCol(IntEnum):
    REASON = 0
    COUNT = 1
    SHARE = 2


class ReasonModel(_Model):
    """The split of the period's losses by reason; ``""`` = not recorded yet."""

    HEADERS = (
        QT_TRANSLATE_NOOP("FlowView", "Reason"),
        QT_TRANSLATE_NOOP("FlowView", "Clients lost"),
        QT_TRANSLATE_NOOP("FlowView", "Share"),
    )

    def set_split(self, split: churn.ReasonSplit) -> None:
        total = sum(split.total.values())
        self.set_rows([(k, n, n / total if total else None) for k, n in split.total.items()])

    def _cell(self, rec: tuple[str, int, float | None], column: int, role: int) -> Any:
        key, n, share = rec
        col = ReasonCol(column)
        if role == DISPLAY:
            if col is ReasonCol.REASON:
                return label_of(ChurnReason, key) if key else _t("FlowView", "Not recorded yet")
            if col is ReasonCol.COUNT:
                return str(n)
            return "-" if share is None else f"{share * 100:.0f}%"
        if role == SORT_ROLE:
            return (key, n, share or 0.0)[column]
        if role == ALIGN and col is not ReasonCol.REASON:
            return RIGHT
        if role == FOREGROUND and not key and n:
            return QBrush(MISSING)
        return None


class TrendChart(FigureCanvasQTAgg):
    """Net flow per month of the period: bars above zero in green, below in red (10k CNY)."""

    def __init__(self) -> None:
        register_matplotlib()
        self.figure = Figure(figsize=(6, 3), dpi=90, layout="constrained")
        super().__init__(self.figure)
        self.setObjectName("flowTrendChart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(220)

    def show_trend(self, trend: list[tuple[str, Decimal]]) -> None:
        self.figure.clear()
        ax = self.figure.add_subplot(111)
        months = [m for m, _v in trend]
        values = [float(v) / 1e4 for _m, v in trend]
        ax.bar(months, values, width=0.6, color=["#2e8b57" if v >= 0 else "#b03a2e" for v in values])
        ax.axhline(0, color="#555555", linewidth=0.8)
        ax.set_xlim(-0.8, max(len(months), 3) - 0.2)
        ax.set_title(_t("FlowView", "Net flow per month (10k CNY)"))
        for i, v in enumerate(values):
            ax.annotate(f"{v:,.1f}", (i, v), ha="center", va="bottom" if v >= 0 else "top", fontsize=8)
        ax.tick_params(axis="x", labelrotation=30 if len(months) > 6 else 0)
        ax.grid(axis="y", alpha=0.3)
        self.draw_idle()


def _table(model: Any, name: str) -> QTableView:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setObjectName(name)
    view.setModel(proxy)
    proxy.setParent(view)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


def _heading(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def _boxed(title: str, widget: QWidget) -> QWidget:
    w = QWidget()
    lay = QVBoxLayout(w)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(_heading(title))
    lay.addWidget(widget, 1)
    return w


class FlowView(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        # head office's branch chooser (None: every branch); everyone else reads their own branch
        self.branch_id: int | None = None
        self._loader = Requester(ctx.pool)
        self.loaded = False
        self.overview: flow.FlowOverview | None = None
        end = today()
        # default period: the last six months up to today
        first = end.replace(day=1)
        for _ in range(5):
            first = (first - timedelta(days=1)).replace(day=1)
        start = first
        self.start_edit = QDateEdit(qdate(start))
        self.end_edit = QDateEdit(qdate(end))
        for e in (self.start_edit, self.end_edit):
            e.setCalendarPopup(True)
            e.setDisplayFormat("yyyy-MM-dd")
        show = QPushButton(self.tr("&Show"))
        show.clicked.connect(self.reload)
        self.summary = QLabel()
        self.summary.setObjectName("flowSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("From")))
        top.addWidget(self.start_edit)
        top.addWidget(QLabel(self.tr("to")))
        top.addWidget(self.end_edit)
        top.addWidget(show)
        top.addWidget(self.summary, 1)

        self.manager_model = FlowModel()
        self.grade_model = FlowModel(by_grade=True)
        self.lost_model = LostModel()
        self.reason_model = ReasonModel()
        self.manager_view = _table(self.manager_model, "flowByManager")
        self.grade_view = _table(self.grade_model, "flowByGrade")
        self.lost_view = _table(self.lost_model, "lostClients")
        self.reason_view = _table(self.reason_model, "reasonSplit")
        self.lost_view.doubleClicked.connect(self._open_client)
        # totals last, newest loss first, reasons in the catalogue's order (no sorting)
        self.manager_view.sortByColumn(FlowCol.KEY, Qt.SortOrder.AscendingOrder)
        self.grade_view.sortByColumn(FlowCol.KEY, Qt.SortOrder.AscendingOrder)
        self.lost_view.sortByColumn(LostCol.LOST_ON, Qt.SortOrder.DescendingOrder)
        self.reason_view.setSortingEnabled(False)
        self.reason_view.horizontalHeader().setSortIndicatorShown(False)
        self.chart = TrendChart()

        upper = QSplitter(Qt.Orientation.Horizontal)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(_boxed(self.tr("Per manager (servicing manager)"), self.manager_view))
        left.addWidget(_boxed(self.tr("Per client grade"), self.grade_view))
        upper.addWidget(left)
        upper.addWidget(self.chart)
        upper.setSizes([820, 420])
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(_boxed(self.tr("Lost clients (double-click to open)"), self.lost_view))
        lower.addWidget(_boxed(self.tr("Losses by reason"), self.reason_view))
        lower.setSizes([860, 380])
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(upper)
        body.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body, 1)
        ctx.bus.data_changed.connect(self._data_changed)
        self.reload()

    def _data_changed(self, area: str) -> None:
        if area in ("imports", "churn", "*"):
            self.reload()

    def period(self) -> tuple[date, date]:
        return pydate(self.start_edit.date()), pydate(self.end_edit.date())

    def set_period(self, start: date, end: date) -> None:
        self.start_edit.setDate(qdate(start))
        self.end_edit.setDate(qdate(end))
        self.reload()

    def reload(self) -> None:
        store, actor = self.ctx.store, self.ctx.actor
        start, end = self.period()
        self.loaded = False

        branch = self.branch_id

        def load(_c: TaskControl) -> tuple[Any, ...]:
            return (
                flow.flow_overview(store, actor, start, end, branch_id=branch),
                # head office reads figures, not clients: no list of who left
                [] if reads_all_branches(actor) else churn.lost_clients(store, actor, start, end),
                churn.reason_split(store, actor, start, end, branch_id=branch),
            )

        self._loader.submit(load, on_done=self._loaded, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.loaded = True
        show_error(self, exc)

    def _loaded(self, result: tuple[Any, ...]) -> None:
        overview, lost, split = result
        self.overview = overview
        self.manager_model.set_rows(overview.report.rows)
        self.grade_model.set_rows(overview.by_grade)
        self.lost_model.set_rows(lost)
        self.reason_model.set_split(split)
        self.chart.show_trend(overview.trend)
        t = overview.report.total
        missing = sum(1 for c in lost if not c.reason)
        self.summary.setText(
            self.tr(
                "In <b>{inn}</b> (new {new}, transfers in {ti}) · out <b>{out}</b> (closed {c}, "
                "transferred out {to}) · regained <b>{r}</b> · net flow <b>{net}</b> CNY · "
                "reason missing for <b>{m}</b>"
            )
            .replace("{inn}", str(t.new_accounts + t.transfers_in))
            .replace("{new}", str(t.new_accounts))
            .replace("{ti}", str(t.transfers_in))
            .replace("{out}", str(t.closed + t.transferred_out))
            .replace("{c}", str(t.closed))
            .replace("{to}", str(t.transferred_out))
            .replace("{r}", str(t.regained))
            .replace("{net}", money_text(t.net_flow))
            .replace("{m}", str(missing))
        )
        for v in (self.manager_view, self.grade_view, self.lost_view, self.reason_view):
            v.resizeColumnsToContents()
        self.loaded = True

    def _open_client(self, index: Any) -> None:
        rec = index.data(ROW_ROLE)
        if rec is not None:
            self.ctx.open_client(self, rec.client_no)


# ------------------------------------------------------------------------------------------ performance


class PerfCol(IntEnum):
    NAME = 0
    NEW_ACCOUNTS = 1
    NET_NEW_ASSETS = 2
    COMMISSION = 3
    PRODUCTS = 4
    LOST = 5
    REGAINED = 6
    ON_TIME = 7
    SATISFACTION = 8
    COMPLAINTS = 9


_PERF_ATTR = {
    PerfCol.NEW_ACCOUNTS: "new_accounts",
    PerfCol.NET_NEW_ASSETS: "net_new_assets",
    PerfCol.COMMISSION: "commission",
    PerfCol.PRODUCTS: "products_amount",
    PerfCol.LOST: "lost",
    PerfCol.REGAINED: "regained",
    PerfCol.ON_TIME: "on_time_rate",
    PerfCol.SATISFACTION: "callback_satisfaction",
    PerfCol.COMPLAINTS: "complaints",
}
RATE_COLUMNS = (PerfCol.ON_TIME, PerfCol.SATISFACTION)


def figure_text(attr: str, v: Any) -> str:
    """A performance figure on screen: 数据不足 when it cannot be measured, never 0."""
    if v is None:
        return not_enough_data()
    if isinstance(v, Decimal):
        return money_text(v)
    if attr == "on_time_rate":
        return f"{v * 100:.1f}%"
    if attr == "callback_satisfaction":
        return f"{v:.2f}"
    return str(v)


class PerformanceModel(_Model):
    """The league table: one row per manager, or per team (``teams=True``: rates are not summed)."""

    HEADERS = (
        QT_TRANSLATE_NOOP("FlowView", "Manager"),
        QT_TRANSLATE_NOOP("FlowView", "New accounts"),
        QT_TRANSLATE_NOOP("FlowView", "Net new assets (CNY)"),
        QT_TRANSLATE_NOOP("FlowView", "Commission after shares (CNY)"),
        QT_TRANSLATE_NOOP("FlowView", "Products sold (CNY)"),
        QT_TRANSLATE_NOOP("FlowView", "Lost"),
        QT_TRANSLATE_NOOP("FlowView", "Regained"),
        QT_TRANSLATE_NOOP("FlowView", "On-time service"),
        QT_TRANSLATE_NOOP("FlowView", "Call-back satisfaction"),
        QT_TRANSLATE_NOOP("FlowView", "Complaints"),
    )

    def __init__(self, teams: bool = False) -> None:
        super().__init__()
        self.teams = teams
        if teams:
            self._titles[PerfCol.NAME] = _t("FlowView", "Team (lead)")

    def set_teams(self, teams: dict[str, tuple[str, performance.PerformanceRow]]) -> None:
        self.set_rows([(f"{name} ({lead})", row) for name, (lead, row) in teams.items()])

    def _cell(self, rec: Any, column: int, role: int) -> Any:
        name, row = rec if self.teams else (rec.manager_login, rec)
        col = PerfCol(column)
        if col is PerfCol.NAME:
            return name if role in (DISPLAY, SORT_ROLE) else None
        attr = _PERF_ATTR[col]
        v = getattr(row, attr)
        if self.teams and col in RATE_COLUMNS:
            v = None
            if role == DISPLAY:
                return "—"
        if role == DISPLAY:
            return figure_text(attr, v)
        if role == SORT_ROLE:
            # unmeasured sorts below every measured figure
            return float("-inf") if v is None else float(v)
        if role == ALIGN:
            return RIGHT
        if role == FOREGROUND and v is None:
            return QBrush(QColor("#7f8c8d"))
        return None


def previous_month(month: str) -> str:
    start, _end = performance.parse_month(month)
    last = start - timedelta(days=1)
    return f"{last.year:04d}-{last.month:02d}"


def month_choices(end: date, count: int = 13) -> list[str]:
    out, first = [], end.replace(day=1)
    for _ in range(count):
        out.append(f"{first.year:04d}-{first.month:02d}")
        first = (first - timedelta(days=1)).replace(day=1)
    return out


class PerformanceView(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.branch_id: int | None = None  # head office's choice, see FlowView
        self._loader = Requester(ctx.pool)
        self.loaded = False
        self.report: performance.PerformanceReport | None = None
        self.previous: performance.PerformanceReport | None = None
        self.month_box = QComboBox()
        self.month_box.setObjectName("performanceMonth")
        self.month_box.addItems(month_choices(today()))
        self.month_box.currentTextChanged.connect(lambda _m: self.reload())
        self.xlsx_btn = QPushButton(self.tr("Payroll &Excel…"))
        self.pdf_btn = QPushButton(self.tr("&Print summary (PDF)…"))
        self.xlsx_btn.clicked.connect(lambda: self.export(".xlsx"))
        self.pdf_btn.clicked.connect(lambda: self.export(".pdf"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month")))
        top.addWidget(self.month_box)
        top.addStretch(1)
        top.addWidget(self.xlsx_btn)
        top.addWidget(self.pdf_btn)

        self.model = PerformanceModel()
        self.team_model = PerformanceModel(teams=True)
        self.view = _table(self.model, "performanceLeague")
        self.team_view = _table(self.team_model, "performanceTeams")
        self.view.sortByColumn(PerfCol.COMMISSION, Qt.SortOrder.DescendingOrder)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self.show_detail())
        self.detail = QLabel(self.tr("Select a manager to see their figures against the month before."))
        self.detail.setObjectName("performanceDetail")
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setMinimumWidth(300)
        self.note = QLabel(
            self.tr(
                "Commission and net new assets count after the developer/servicer shares. "
                "“Not enough data” means the figure cannot be measured this month, not zero."
            )
        )
        self.note.setWordWrap(True)

        tables = QSplitter(Qt.Orientation.Vertical)
        tables.addWidget(_boxed(self.tr("Managers"), self.view))
        tables.addWidget(_boxed(self.tr("Teams"), self.team_view))
        tables.setStretchFactor(0, 3)
        tables.setStretchFactor(1, 1)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(tables)
        body.addWidget(_boxed(self.tr("Manager's figures"), self.detail))
        body.setSizes([940, 340])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body, 1)
        layout.addWidget(self.note)
        self.reload()

    def month(self) -> str:
        return self.month_box.currentText()

    def set_month(self, month: str) -> None:
        if self.month_box.findText(month) < 0:
            self.month_box.addItem(month)
        self.month_box.setCurrentText(month)

    def reload(self) -> None:
        store, actor, month = self.ctx.store, self.ctx.actor, self.month()
        self.loaded = False

        branch = self.branch_id

        def load(c: TaskControl) -> tuple[Any, Any]:
            return (
                performance.performance(store, actor, month, progress=c, branch_id=branch),
                performance.performance(store, actor, previous_month(month), branch_id=branch),
            )

        self._loader.submit(load, on_done=self._loaded, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.loaded = True
        show_error(self, exc)

    def _loaded(self, result: tuple[Any, Any]) -> None:
        self.report, self.previous = result
        self.model.set_rows(self.report.rows)
        self.team_model.set_teams(self.report.teams)
        for v in (self.view, self.team_view):
            v.resizeColumnsToContents()
        self.loaded = True
        self.show_detail()

    def selected(self) -> performance.PerformanceRow | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def select_manager(self, login: str) -> None:
        proxy = self.view.model()
        for r in range(proxy.rowCount()):
            if proxy.index(r, 0).data() == login:
                self.view.selectRow(r)
                return

    def show_detail(self) -> None:
        row = self.selected()
        if row is None or self.report is None:
            return
        before = next(
            (
                r
                for r in (self.previous.rows if self.previous else [])
                if r.manager_login == row.manager_login
            ),
            None,
        )
        self.detail.setText(figures_html(row, before, self.report.month, previous_month(self.report.month)))

    def choose_export_path(self, suffix: str) -> Path | None:
        """Ask where to save (tests replace this)."""
        flt = self.tr("Excel workbook (*.xlsx)") if suffix == ".xlsx" else self.tr("PDF document (*.pdf)")
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save performance"), f"performance-{self.month()}{suffix}", flt
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == suffix else path.with_suffix(suffix)

    def export(self, suffix: str) -> None:
        path = self.choose_export_path(suffix)
        if path is None or self.report is None:
            return
        store, actor, rep = self.ctx.store, self.ctx.actor, self.report

        def work(_c: TaskControl) -> Path:
            if suffix == ".pdf":
                performance_report.write_pdf(rep, path, generated_at=now().astimezone())
            else:
                performance_report.write_xlsx(rep, path)
            performance.record_export(store, actor, rep.month, path.name, len(rep.rows))
            return path

        def finished(result: object) -> None:
            for b in (self.xlsx_btn, self.pdf_btn):
                b.setEnabled(True)
            if isinstance(result, BaseException):
                show_error(self, result)
            else:
                self.ctx.bus.status_message.emit(self.tr("Saved {path}").replace("{path}", str(result)))
            self.last_export = result

        for b in (self.xlsx_btn, self.pdf_btn):
            b.setEnabled(False)
        run_task(work, on_done=finished, on_error=finished, pool=self.ctx.pool)


def _change(attr: str, now_v: Any, before_v: Any) -> str:
    if now_v is None or before_v is None:
        return ""
    diff = now_v - before_v
    if diff == 0:
        return "±0"
    if attr == "on_time_rate":
        return f"{diff * 100:+.1f} pt"
    if attr == "callback_satisfaction":
        return f"{diff:+.2f}"
    if isinstance(diff, Decimal):
        return f"{diff:+,.2f}"
    return f"{diff:+d}"


def figure_labels() -> dict[str, str]:
    return {
        "new_accounts": _t("FlowView", "New accounts"),
        "net_new_assets": _t("FlowView", "Net new assets (CNY)"),
        "commission": _t("FlowView", "Commission after shares (CNY)"),
        "products_amount": _t("FlowView", "Products sold (CNY)"),
        "lost": _t("FlowView", "Lost"),
        "regained": _t("FlowView", "Regained"),
        "on_time_rate": _t("FlowView", "On-time service"),
        "callback_satisfaction": _t("FlowView", "Call-back satisfaction"),
        "complaints": _t("FlowView", "Complaints"),
    }


def figures_html(
    row: performance.PerformanceRow,
    before: performance.PerformanceRow | None,
    month: str,
    last: str,
    title: bool = True,
) -> str:
    """A manager's figures of the month against the month before, as a small table."""
    head = (
        (f"<h3>{row.manager_login} · {month}</h3>" if title else "")
        + "<table cellspacing='0' cellpadding='4'>"
        f"<tr><th align='left'></th><th align='right'>{month}</th><th align='right'>{last}</th>"
        f"<th align='right'>{_t('FlowView', 'Change')}</th></tr>"
    )
    lines = []
    for attr, label in figure_labels().items():
        v = getattr(row, attr)
        b = getattr(before, attr) if before is not None else None
        colour = "#7f8c8d" if v is None else "#000000"
        lines.append(
            f"<tr><td>{label}</td><td align='right' style='color:{colour}'><b>{figure_text(attr, v)}</b></td>"
            f"<td align='right' style='color:#555555'>{figure_text(attr, b) if before is not None else '-'}</td>"
            f"<td align='right'>{_change(attr, v, b)}</td></tr>"
        )
    return head + "".join(lines) + "</table>"
