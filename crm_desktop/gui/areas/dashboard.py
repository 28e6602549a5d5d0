"""The branch dashboard: key figures and charts, churn-risk list, manager league table, the engine's
matching suggestions (accept as a request or dismiss), the departure wizard, Excel and PDF export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.visibility import reads_all_branches
from crm_desktop.gui.branch.charts import ChartView
from crm_desktop.gui.branch.departure import DepartureDialog
from crm_desktop.gui.branch.flow_views import FlowView, PerformanceView
from crm_desktop.gui.branch.models import (
    ROW_ROLE,
    SORT_ROLE,
    ChurnCol,
    ChurnModel,
    LeagueCol,
    LeagueModel,
    SuggestionCol,
    SuggestionModel,
)
from crm_desktop.gui.campaigns.views import CampaignCard
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.service.compliance_view import ComplianceView
from crm_desktop.gui.workers import Requester, TaskControl, run_task
from crm_desktop.reports import dashboard as dashboard_report
from crm_desktop.services import dashboard as dash
from crm_desktop.services import reassignment as svc
from crm_desktop.services import staff


def _table(model: Any, name: str) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setObjectName(name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    proxy.setParent(view)
    return view, proxy


class DashboardPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._loader = Requester(ctx.pool)
        self.board: dash.Dashboard | None = None
        self.loaded = False
        # Head office (总部) reads every branch: a chooser, no write (no departure, no suggestions, no campaigns).
        self.head_office = reads_all_branches(ctx.actor)
        self.branch_id: int | None = None
        self.branch_box: QComboBox | None = None

        self.heading = QLabel(self.tr("<h2>Branch dashboard</h2>"))
        self.as_of = QLabel()
        self.as_of.setObjectName("asOfLabel")
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.reload)
        self.xlsx_btn = QPushButton(self.tr("Export &Excel…"))
        self.pdf_btn = QPushButton(self.tr("Export &PDF…"))
        self.departure_btn = QPushButton(self.tr("Manager &departure…"))
        self.xlsx_btn.clicked.connect(lambda: self.export(".xlsx"))
        self.pdf_btn.clicked.connect(lambda: self.export(".pdf"))
        self.departure_btn.clicked.connect(self.open_departure)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        if self.head_office:
            self.heading.setText(self.tr("<h2>Branch figures</h2>"))
            self.branch_box = QComboBox()
            self.branch_box.setObjectName("branchChooser")
            self.branch_box.addItem(self.tr("All branches"), None)
            for bid, code, name in staff.branch_choices(ctx.store, ctx.actor):
                self.branch_box.addItem(f"{code} {name}", bid)
            self.branch_box.currentIndexChanged.connect(self._branch_chosen)
            top.addWidget(self.branch_box)
        top.addWidget(self.as_of, 1)
        buttons = (
            (refresh, self.xlsx_btn, self.pdf_btn)
            if self.head_office
            else (
                refresh,
                self.departure_btn,
                self.xlsx_btn,
                self.pdf_btn,
            )
        )
        for b in buttons:
            top.addWidget(b)
        self.departure_btn.setVisible(not self.head_office)

        self.kpis = QLabel()
        self.kpis.setObjectName("kpiLabel")
        self.kpis.setTextFormat(Qt.TextFormat.RichText)
        self.chart = ChartView()
        overview = QWidget()
        ol = QVBoxLayout(overview)
        ol.addWidget(self.kpis)
        ol.addWidget(self.chart, 1)

        self.churn_model = ChurnModel()
        self.churn_view, self.churn_proxy = _table(self.churn_model, "churnTable")
        if not self.head_office:
            self.churn_view.doubleClicked.connect(self._open_churn_client)
        self.league_model = LeagueModel()
        self.league_view, _ = _table(self.league_model, "leagueTable")
        # Most capable first, high churn risk first: the orders the service delivers.
        self.league_view.sortByColumn(LeagueCol.CAPABILITY_SCORE, Qt.SortOrder.DescendingOrder)
        self.churn_view.sortByColumn(ChurnCol.CHURN_RISK, Qt.SortOrder.AscendingOrder)

        self.sugg_model = SuggestionModel()
        self.sugg_view, self.sugg_proxy = _table(self.sugg_model, "suggestionTable")
        self.sugg_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.sugg_view.sortByColumn(SuggestionCol.GRADE, Qt.SortOrder.DescendingOrder)
        self.accept_btn = QPushButton(self.tr("&Accept as request"))
        self.dismiss_btn = QPushButton(self.tr("D&ismiss"))
        self.accept_btn.clicked.connect(self.accept_suggestions)
        self.dismiss_btn.clicked.connect(self.dismiss_suggestions)
        self.sugg_note = QLabel()
        sugg = QWidget()
        sl = QVBoxLayout(sugg)
        sl.addWidget(self.sugg_note)
        sl.addWidget(self.sugg_view, 1)
        sb = QHBoxLayout()
        sb.addWidget(self.accept_btn)
        sb.addWidget(self.dismiss_btn)
        sb.addStretch(1)
        sl.addLayout(sb)

        self.tabs = QTabWidget()
        self.tabs.addTab(overview, self.tr("Overview"))
        self.tabs.addTab(self.churn_view, self.tr("Churn risk"))
        self.tabs.addTab(self.league_view, self.tr("Managers"))
        self.campaign_card: CampaignCard | None = None
        self.compliance_view: ComplianceView | None = None
        self._suggestions_tab = sugg  # kept (unshown for head office) so its widgets stay alive
        if not self.head_office:
            self.tabs.addTab(sugg, self.tr("Matching suggestions"))
            self.campaign_card = CampaignCard(ctx)
            self.tabs.addTab(self.campaign_card, self.campaign_card.title())
        self.flow_view = FlowView(ctx)
        self.tabs.addTab(self.flow_view, self.tr("Client flow"))
        self.performance_view = PerformanceView(ctx)
        self.tabs.addTab(self.performance_view, self.tr("Performance"))
        if self.head_office:
            self.compliance_view = ComplianceView(ctx)
            self.tabs.addTab(self.compliance_view, self.tr("Service compliance"))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        ctx.bus.refresh_requested.connect(self.reload)
        ctx.bus.data_changed.connect(self._data_changed)
        self.reload()

    def _data_changed(self, area: str) -> None:
        if area in ("approvals", "scoring", "imports", "*"):
            self.reload()

    def _branch_chosen(self, _index: int) -> None:
        assert self.branch_box is not None
        self.branch_id = self.branch_box.currentData()
        self.flow_view.branch_id = self.performance_view.branch_id = self.branch_id
        if self.compliance_view is not None:
            self.compliance_view.branch_id = self.branch_id
            self.compliance_view.reload()
        self.flow_view.reload()
        self.performance_view.reload()
        self.reload()

    def reload(self) -> None:
        store, actor, branch, head_office = self.ctx.store, self.ctx.actor, self.branch_id, self.head_office
        card = getattr(self, "campaign_card", None)
        if card is not None:
            card.reload()

        def load(_c: TaskControl) -> tuple[dash.Dashboard, list[svc.SuggestionView]]:
            board = dash.build_dashboard(store, actor, branch_id=branch)
            return board, [] if head_office else svc.list_suggestions(store, actor)

        self._loader.submit(load, on_done=self._loaded, on_error=lambda e: show_error(self, e))

    def _loaded(self, result: tuple[dash.Dashboard, list[svc.SuggestionView]]) -> None:
        board, suggestions = result
        self.board = board
        if board.scored_as_of:
            self.as_of.setText(self.tr("Scores as of {d}").replace("{d}", board.scored_as_of.isoformat()))
        else:
            self.as_of.setText(self.tr("Not scored yet: run scoring to see grades, churn and capability."))
        high = int((board.churn["churn_risk"] == "high").sum()) if not board.churn.empty else 0
        assets = f"{board.total_assets / 1e4:,.0f}" if board.scored else "-"
        last_flow = f"{board.monthly['net_flow'].iloc[-1] / 1e4:,.0f}" if not board.monthly.empty else "-"
        self.kpis.setText(
            self.tr(
                "<b>{clients}</b> clients · scored assets <b>{assets}</b> (10k CNY) · "
                "net flow last month <b>{flow}</b> (10k CNY) · <b>{high}</b> at high churn risk"
            )
            .replace("{clients}", f"{board.client_count:,}")
            .replace("{assets}", assets)
            .replace("{flow}", last_flow)
            .replace("{high}", str(high) if board.scored else "-")
        )
        self.chart.show_dashboard(board)
        self.churn_model.set_frame(board.churn)
        self.league_model.set_frame(board.league)
        self.sugg_model.set_rows(suggestions)
        self.sugg_note.setText(
            self.tr("{n} open suggestions from the latest score run.").replace("{n}", str(len(suggestions)))
            if board.scored
            else self.tr("Not scored yet: no suggestions.")
        )
        for view in (self.churn_view, self.league_view, self.sugg_view):
            view.resizeColumnsToContents()
        self.loaded = True

    def _open_churn_client(self, index: Any) -> None:
        rec = index.data(ROW_ROLE)
        if rec:
            self.ctx.open_client(self, str(rec["client_no"]))

    # ------------------------------------------------------------------ suggestions

    def selected_suggestions(self) -> list[svc.SuggestionView]:
        rows = {self.sugg_proxy.mapToSource(i).row() for i in self.sugg_view.selectionModel().selectedRows()}
        return [self.sugg_model.row_at(r) for r in sorted(rows)]

    def accept_suggestions(self) -> None:
        chosen = [s for s in self.selected_suggestions() if s.pending_request_id is None]
        if not chosen:
            return
        store, actor = self.ctx.store, self.ctx.actor

        def work(_c: TaskControl) -> list[int]:
            return [svc.accept_suggestion(store, actor, s.id) for s in chosen]

        def done(ids: list[int]) -> None:
            self.ctx.bus.status_message.emit(
                self.tr("Requests filed: {ids}").replace("{ids}", ", ".join(f"#{i}" for i in ids))
            )
            self.ctx.bus.data_changed.emit("approvals")

        run_task(work, on_done=done, on_error=self._failed, pool=self.ctx.pool)

    def dismiss_suggestions(self) -> None:
        ids = [s.id for s in self.selected_suggestions()]
        if not ids:
            return
        store, actor = self.ctx.store, self.ctx.actor
        run_task(
            lambda _c: svc.dismiss_suggestion(store, actor, ids),
            on_done=lambda _r: self.reload(),
            on_error=self._failed,
            pool=self.ctx.pool,
        )

    def _failed(self, exc: BaseException) -> None:
        show_error(self, exc)
        self.reload()

    # ------------------------------------------------------------------ departure and export

    def open_departure(self) -> None:
        DepartureDialog(self.ctx, self).exec()

    def choose_export_path(self, suffix: str) -> Path | None:
        """Ask where to save (tests replace this)."""
        flt = self.tr("Excel workbook (*.xlsx)") if suffix == ".xlsx" else self.tr("PDF document (*.pdf)")
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export dashboard"), f"dashboard{suffix}", flt)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == suffix else path.with_suffix(suffix)

    def export(self, suffix: str) -> None:
        path = self.choose_export_path(suffix)
        if path is None:
            return
        store, actor, board, branch = self.ctx.store, self.ctx.actor, self.board, self.branch_id

        def work(control: TaskControl) -> Path:
            return dashboard_report.export_dashboard(
                store, actor, path, dashboard=board, progress=control, branch_id=branch
            )

        self.xlsx_btn.setEnabled(False)
        self.pdf_btn.setEnabled(False)

        def finished(result: object) -> None:
            self.xlsx_btn.setEnabled(True)
            self.pdf_btn.setEnabled(True)
            if isinstance(result, BaseException):
                show_error(self, result)
            else:
                self.ctx.bus.status_message.emit(self.tr("Saved {path}").replace("{path}", str(result)))
            self.last_export = result

        run_task(work, on_done=finished, on_error=finished, pool=self.ctx.pool)


def create_page(ctx: AppContext) -> QWidget:
    return DashboardPage(ctx)
