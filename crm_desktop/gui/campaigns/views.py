"""The campaigns area: the segment editor with a live count, the campaign screen with its funnel, the push send list.

Every store call runs on the worker pool (``gui.workers``); the views only show plain results.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.campaigns import Funnel
from crm_desktop.domain.labels import label_of
from crm_desktop.domain.segments import field_names
from crm_desktop.domain.vocabulary import PushKind, TargetStatus
from crm_desktop.fonts import register_matplotlib
from crm_desktop.gui.campaigns.models import (
    CampaignCardModel,
    CampaignListModel,
    FunnelRowsModel,
    SendListModel,
)
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.theme import style_figure
from crm_desktop.gui.workers import Requester, run_task
from crm_desktop.reports import campaigns as campaign_files
from crm_desktop.services import campaigns, pushes, segments
from crm_desktop.services.campaigns import CampaignResults
from crm_desktop.services.pushes import SendList


def _table(model: Any, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class SegmentEditor(QWidget):
    """A filter line with the number of matching clients, recounted as the text changes (debounced)."""

    DEBOUNCE_MS = 300

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("segmentEditor")
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("segmentFilter")
        self.filter_edit.setPlaceholderText("grade>=V3;churn=high;risk>=C3")
        self.filter_edit.setToolTip(self.tr("Fields: %1").replace("%1", field_names()))
        self.count_label = QLabel()
        self.count_label.setObjectName("segmentCount")
        self.count_label.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("segmentName")
        self.name_edit.setPlaceholderText(self.tr("Segment name"))
        self.save_button = QPushButton(self.tr("Save segment"))
        self.save_button.setObjectName("saveSegment")
        self.saved = QListWidget()
        self.saved.setObjectName("savedSegments")
        form = QFormLayout()
        form.addRow(self.tr("Filter"), self.filter_edit)
        form.addRow(self.tr("Matching clients"), self.count_label)
        row = QHBoxLayout()
        row.addWidget(self.name_edit, 1)
        row.addWidget(self.save_button)
        form.addRow(self.tr("Save as"), row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Saved segments (double-click to edit)")))
        layout.addWidget(self.saved, 1)
        self._counter = Requester(ctx.pool)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DEBOUNCE_MS)
        self._timer.timeout.connect(self.recount)
        self.filter_edit.textChanged.connect(lambda _t: self._timer.start())
        self.save_button.clicked.connect(self.save)
        self.saved.itemDoubleClicked.connect(self._load_saved)
        self._segments: list[segments.SavedSegment] = []
        self.last_count: int | None = None
        self.recount()
        self.reload()

    def recount(self) -> None:
        text = self.filter_edit.text()
        self.count_label.setText(self.tr("counting…"))
        self._counter.submit(
            lambda _c: segments.count(self.ctx.store, self.ctx.actor, text),
            on_done=self._counted,
            on_error=self._count_failed,
        )

    def _counted(self, n: int) -> None:
        self.last_count = n
        self.count_label.setStyleSheet("")
        self.count_label.setText(self.tr("%1 clients").replace("%1", f"{n:,}"))

    def _count_failed(self, exc: BaseException) -> None:
        self.last_count = None
        self.count_label.setStyleSheet("color: #b03a2e;")
        self.count_label.setText(str(exc))

    def reload(self) -> None:
        run_task(
            lambda _c: segments.list_segments(self.ctx.store, self.ctx.actor),
            on_done=self._listed,
            on_error=lambda e: show_error(self, e),
            pool=self.ctx.pool,
        )

    def _listed(self, rows: list[segments.SavedSegment]) -> None:
        self._segments = rows
        self.saved.clear()
        for s in rows:
            text = s.filter_text or self.tr("every client you may see")
            owner = (
                self.tr("mine")
                if s.mine
                else self.tr("shared by %1").replace("%1", s.owner_name or s.owner_login)
            )
            self.saved.addItem(f"{s.name}  ·  {text}  ·  {owner}")

    def _load_saved(self, _item: Any) -> None:
        s = self._segments[self.saved.currentRow()]
        self.name_edit.setText(s.name)
        self.filter_edit.setText(s.filter_text)

    def save(self) -> None:
        name, text = self.name_edit.text(), self.filter_edit.text()
        run_task(
            lambda _c: segments.save(self.ctx.store, self.ctx.actor, name, text),
            on_done=lambda _s: self.reload(),
            on_error=lambda e: show_error(self, e),
            pool=self.ctx.pool,
        )


class FunnelChart(FigureCanvasQTAgg):
    def __init__(self, parent: QWidget | None = None) -> None:
        register_matplotlib()
        self.figure = Figure(figsize=(5, 3), dpi=90, layout="constrained")
        super().__init__(self.figure)
        self.setParent(parent)
        self.setObjectName("campaignFunnel")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(200)
        self._shown: tuple[Funnel, str] | None = None

    def show_funnel(self, f: Funnel, title: str) -> None:
        self._shown = (f, title)
        self.figure.clear()
        campaign_files.draw_funnel(self.figure.add_subplot(1, 1, 1), f, title)
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
            self.show_funnel(*shown)


class CampaignView(QWidget):
    """The branch's campaigns; the selected one's funnel, exclusions and results by manager and grade."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("campaignView")
        self.model = CampaignListModel(self)
        self.list_view = _table(self.model, "campaignList")
        self.launch_button = QPushButton(self.tr("Launch"))
        self.launch_button.setObjectName("launchCampaign")
        self.launch_button.setEnabled(False)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.chart = FunnelChart(self)
        self.info = QLabel()
        self.info.setObjectName("campaignInfo")
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.info.setMinimumHeight(4 * self.info.fontMetrics().lineSpacing())
        self.info.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.by_manager = FunnelRowsModel(self.tr("Manager"), self)
        self.by_grade = FunnelRowsModel(self.tr("Grade"), self)
        tabs = QTabWidget()
        tabs.addTab(_table(self.by_manager, "resultsByManager"), self.tr("By manager"))
        tabs.addTab(_table(self.by_grade, "resultsByGrade"), self.tr("By grade"))
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.launch_button)
        buttons.addStretch(1)
        tl.addLayout(buttons)
        tl.addWidget(self.list_view)
        detail = QWidget()
        dl = QHBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.chart, 1)
        right = QVBoxLayout()
        right.addWidget(self.info)
        right.addWidget(tabs, 1)
        dl.addLayout(right, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(detail)
        split.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(split)
        self.results: CampaignResults | None = None
        self._loader = Requester(ctx.pool)
        self.list_view.selectionModel().currentRowChanged.connect(lambda cur, _p: self._selected(cur.row()))
        self.refresh_button.clicked.connect(self.reload)
        self.launch_button.clicked.connect(self.launch)
        self.reload()

    def reload(self) -> None:
        run_task(
            lambda _c: campaigns.list_campaigns(self.ctx.store, self.ctx.actor),
            on_done=self._listed,
            on_error=lambda e: show_error(self, e),
            pool=self.ctx.pool,
        )

    def _listed(self, rows: list[campaigns.CampaignInfo]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.list_view.selectRow(0)
        else:
            self.chart.show_funnel(Funnel(), self.tr("No campaign yet"))

    def _selected(self, row: int) -> None:
        if row < 0 or row >= len(self.model.rows):
            return
        c = self.model.row_at(row)
        self.launch_button.setEnabled(c.status == "draft")
        self._loader.submit(
            lambda _c: campaigns.results(self.ctx.store, self.ctx.actor, c.id),
            on_done=self._show,
            on_error=lambda e: show_error(self, e),
        )

    def _show(self, res: CampaignResults) -> None:
        self.results = res
        c = res.campaign
        self.chart.show_funnel(res.total, c.name)
        self.by_manager.set_rows(res.by_manager)
        self.by_grade.set_rows(res.by_grade)
        left_out = self.tr(", ").join(f"{label_of(TargetStatus, k)} {v:,}" for k, v in res.excluded.items())
        lines = [self.tr("Left out: %1").replace("%1", left_out)]
        if c.talking_points:
            lines.append(self.tr("Talking points: %1").replace("%1", c.talking_points))
        shown_filter = c.filter_text or self.tr("every client")
        if c.segment_name:
            shown_filter = (
                self.tr("segment “%1”: %2").replace("%1", c.segment_name).replace("%2", shown_filter)
            )
        lines.append(self.tr("Filter: %1").replace("%1", shown_filter))
        self.info.setText("\n".join(lines))

    def launch(self) -> None:
        rows = self.list_view.selectionModel().selectedRows()
        if not rows:
            return
        c = self.model.row_at(rows[0].row())
        run_task(
            lambda _c: campaigns.launch(self.ctx.store, self.ctx.actor, c.id),
            on_done=lambda _s: self.reload(),
            on_error=lambda e: show_error(self, e),
            pool=self.ctx.pool,
        )


class PushView(QWidget):
    """A note matched to clients: the send list to review, then confirmed as sent (one message touch each)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("pushView")
        self.kind = QComboBox()
        self.kind.setObjectName("pushKind")
        for k in PushKind:
            self.kind.addItem(label_of(PushKind, k), k.value)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("pushTitle")
        self.body_edit = QPlainTextEdit()
        self.body_edit.setObjectName("pushBody")
        self.body_edit.setMaximumHeight(80)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("pushFilter")
        self.filter_edit.setPlaceholderText("industry=银行;risk>=C3")
        self.make_button = QPushButton(self.tr("Make send list"))
        self.make_button.setObjectName("makeSendList")
        self.save_button = QPushButton(self.tr("Save send list (CSV)…"))
        self.save_button.setObjectName("saveSendList")
        self.save_button.setToolTip(
            self.tr("Client number, masked phone and message, for the firm's SMS or app platform to send")
        )
        self.save_button.setEnabled(False)
        self.confirm_button = QPushButton(self.tr("Confirm as sent"))
        self.confirm_button.setObjectName("confirmPush")
        self.confirm_button.setEnabled(False)
        self.summary = QLabel()
        self.summary.setObjectName("pushSummary")
        self.model = SendListModel(self)
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Body"), self.body_edit)
        form.addRow(self.tr("Clients (filter)"), self.filter_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.make_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.confirm_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(_table(self.model, "sendList"), 1)
        self.send: SendList | None = None
        self.saved_path: Path | None = None  # where the send list was last saved
        self.make_button.clicked.connect(self.make)
        self.save_button.clicked.connect(self.save_dialog)
        self.confirm_button.clicked.connect(self.confirm)

    def make(self) -> None:
        kind, title = str(self.kind.currentData()), self.title_edit.text()
        body, text = self.body_edit.toPlainText(), self.filter_edit.text()
        run_task(
            lambda _c: pushes.create_push(
                self.ctx.store, self.ctx.actor, kind=kind, title=title, body=body, filter_text=text
            ),
            on_done=self._made,
            on_error=lambda e: show_error(self, e),
            pool=self.ctx.pool,
        )

    def _made(self, send: SendList) -> None:
        self.send = send
        self.model.set_rows(send.rows)
        self.confirm_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.summary.setText(
            self.tr(
                "Push %1: %2 clients; left out: opted out of marketing %3, closed accounts %4. Save the send "
                "list for the firm's platform (this app sends nothing), then confirm once it has been sent."
            )
            .replace("%1", str(send.push_id))
            .replace("%2", f"{len(send.rows):,}")
            .replace("%3", str(send.opted_out))
            .replace("%4", str(send.closed))
        )

    def save_dialog(self) -> None:
        if self.send is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save send list"),
            str(Path.home() / f"push-{self.send.push_id}.csv"),
            self.tr("CSV file (*.csv)"),
        )
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> None:
        """Write the send list (UTF-8 with BOM, as ``crm push create --out``) on a worker."""
        send = self.send
        if send is None:
            return
        if path.suffix.lower() != ".csv":
            path = path.with_suffix(".csv")

        def done(n: int) -> None:
            self.saved_path = path
            self.ctx.bus.status_message.emit(
                self.tr("Send list of %1 clients saved to %2")
                .replace("%1", f"{n:,}")
                .replace("%2", str(path))
            )

        self.saved_path = None
        run_task(
            lambda _c: campaign_files.write_send_list(send, path),
            on_done=done,
            on_error=lambda e: show_error(self, e),
            pool=self.ctx.pool,
        )

    def confirm(self) -> None:
        if self.send is None:
            return
        push_id = self.send.push_id
        run_task(
            lambda _c: pushes.confirm_push(self.ctx.store, self.ctx.actor, push_id),
            on_done=self._confirmed,
            on_error=lambda e: show_error(self, e),
            pool=self.ctx.pool,
        )

    def _confirmed(self, s: pushes.ConfirmSummary) -> None:
        self.confirm_button.setEnabled(False)
        self.summary.setText(self.tr("Confirmed: %1 message touches recorded.").replace("%1", str(s.touches)))


class CampaignsPage(QTabWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("campaignsPage")
        self.campaigns = CampaignView(ctx)
        self.segments = SegmentEditor(ctx)
        self.pushes = PushView(ctx)
        self.addTab(self.campaigns, self.tr("Campaigns"))
        self.addTab(self.segments, self.tr("Segments"))
        self.addTab(self.pushes, self.tr("Information push"))


class CampaignCard(QWidget):
    """The branch dashboard's campaign card: every campaign's targeted, contacted, converted and amount."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("campaignCard")
        self.model = CampaignCardModel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(_table(self.model, "campaignCardTable"))
        self.loaded = False
        self._loader = Requester(ctx.pool)
        self.reload()

    def title(self) -> str:
        return self.tr("Campaigns")

    def reload(self) -> None:
        self._loader.submit(
            lambda _c: campaigns.summaries(self.ctx.store, self.ctx.actor),
            on_done=self._loaded,
            on_error=lambda e: show_error(self, e),
        )

    def _loaded(self, rows: list[tuple[campaigns.CampaignInfo, Funnel]]) -> None:
        self.model.set_rows(rows)
        self.loaded = True
