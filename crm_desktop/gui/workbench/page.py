"""The workbench page: key figures on top, the role's main lists on the left, alerts and a glance on the right.

It loads on the worker pool (never on the GUI thread) and reloads after any change on this workstation
(``bus.data_changed``) or F5 / the periodic refresh; a hidden workbench only notes that it is stale and
reloads when shown. Every row opens where its work is done.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
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

from crm_desktop.gui.branch.flow_views import figures_html
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.service.touch_form import open_touch_form
from crm_desktop.gui.theme import overdue_colour, overdue_count_html
from crm_desktop.gui.workbench.models import (
    ROW_ROLE,
    ActivityModel,
    AlertModel,
    ApprovalModel,
    ImportModel,
    ManagerModel,
    RecordModel,
    RunModel,
    WorkModel,
    local_time,
    money_parts,
    percent,
)
from crm_desktop.gui.workers import Requester
from crm_desktop.services import workbench
from crm_desktop.services.workbench import Alert, Figure, MyPerformance, Workbench, WorkItem, my_performance


def _table(model: RecordModel[Any], name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


class FigureCard(QFrame):
    """One key figure: caption, the value (or 数据不足 with the reason), and the change against last month."""

    def __init__(self, figure: Figure, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"figure_{figure.key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        caption = QLabel(figure.label)
        caption.setObjectName("caption")
        self.value_label = QLabel()
        self.value_label.setObjectName("value")
        self.change_label = QLabel()
        self.change_label.setObjectName("change")
        self.change_label.setWordWrap(True)
        font = self.value_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.value_label.setFont(font)
        money = figure.unit == "yuan"
        if figure.value is None:
            self.value_label.setText(self.tr("Not enough data"))
            self.change_label.setText(figure.note)
            self.setToolTip(figure.note)
        else:
            number, unit = money_parts(figure.value) if money else (f"{int(figure.value):,}", "")
            self.value_label.setText(
                f"{number} <span style='font-size:small;font-weight:normal'>{unit}</span>"
            )
            self.change_label.setText(self._change_text(figure, money))
        layout.addWidget(caption)
        layout.addWidget(self.value_label)
        layout.addWidget(self.change_label)

    def _change_text(self, figure: Figure, money: bool) -> str:
        change = figure.change
        if figure.key in ("net_inflow", "commission"):
            if figure.previous is None:
                return self.tr("nothing to compare with last month")
            number, unit = money_parts(figure.previous)
            return self.tr("same days last month: {v} {unit}").replace("{v}", number).replace("{unit}", unit)
        if change is None:
            return self.tr("nothing to compare with last month")
        if figure.key == "assets":
            number, unit = money_parts(change, signed=True)
            return self.tr("{v} {unit} since last month's end").replace("{v}", number).replace("{unit}", unit)
        if figure.key == "clients":
            return self.tr("{v} since the start of the month").replace("{v}", f"{int(change):+,}")
        return f"{change:+,}"


class WorkbenchPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.role = ctx.actor.role.value
        self._loader = Requester(ctx.pool)
        self.loaded = False
        self._stale = True
        self.data: Workbench | None = None

        title = QLabel(self.tr("<h2>Workbench</h2>"))
        title.setObjectName("workbenchTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("subtitle")
        self.status = QLabel(self.tr("Loading…"))
        self.status.setObjectName("loadStatus")
        self.search_button = QPushButton(self.tr("Search… (Ctrl+K)"))
        self.search_button.setObjectName("openCommandBar")
        self.search_button.clicked.connect(self._open_command_bar)
        self.quick_button = QPushButton(self.tr("Quick add… (Ctrl+N)"))
        self.quick_button.setObjectName("openQuickAdd")
        self.quick_button.clicked.connect(self._open_quick_add)
        self.quick_button.setVisible(self.role in ("investment_manager", "branch_manager"))
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.reload)
        top = QHBoxLayout()
        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(self.subtitle)
        top.addLayout(heading)
        top.addStretch(1)
        top.addWidget(self.status)
        top.addWidget(self.search_button)
        top.addWidget(self.quick_button)
        top.addWidget(refresh)

        self.figures_row = QHBoxLayout()
        self.figures_row.setSpacing(10)

        # left: the role's main lists
        left = QVBoxLayout()
        self.work_model = WorkModel(self)
        self.work_view = _table(self.work_model, "workTable")
        self.work_view.activated.connect(self._work_activated)
        # the client column takes the room left, so the overdue days and the source always show
        self.work_view.horizontalHeader().setStretchLastSection(False)
        self.work_view.horizontalHeader().setSectionResizeMode(
            WorkModel.Col.CLIENT, QHeaderView.ResizeMode.Stretch
        )
        self.work_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.work_group = QGroupBox(self.tr("Today's work"))
        self.work_empty = QLabel(self.tr("Nothing overdue or due today."))
        self.work_empty.setObjectName("workEmpty")
        self.work_empty.setVisible(False)
        record = QPushButton(self.tr("Record touch…"))
        record.setObjectName("recordTouch")
        record.clicked.connect(lambda: self._work_activated(self.work_view.currentIndex()))
        open_client = QPushButton(self.tr("Open client"))
        open_client.clicked.connect(self._open_work_client)
        work_buttons = QHBoxLayout()
        work_buttons.addWidget(QLabel(self.tr("Most valuable client first, then the longest overdue.")))
        work_buttons.addStretch(1)
        work_buttons.addWidget(open_client)
        work_buttons.addWidget(record)
        wl = QVBoxLayout(self.work_group)
        wl.addWidget(self.work_view)
        wl.addWidget(self.work_empty)
        wl.addLayout(work_buttons)

        self.approval_model = ApprovalModel(self)
        self.approval_view = _table(self.approval_model, "approvalTable")
        self.approval_view.activated.connect(lambda _i: ctx.bus.navigate.emit("approvals"))
        self.approval_group = self._group(self.tr("Approvals waiting"), self.approval_view, "approvalsEmpty")
        self.manager_model = ManagerModel(self)
        self.manager_view = _table(self.manager_model, "managerTable")
        self.manager_view.activated.connect(lambda _i: ctx.bus.navigate.emit("tasks"))
        self.manager_group = self._group(
            self.tr("Managers needing attention"), self.manager_view, "managersEmpty"
        )
        self.import_model = ImportModel(self)
        self.import_view = _table(self.import_model, "importTable")
        self.import_view.activated.connect(lambda _i: ctx.bus.navigate.emit("imports"))
        self.import_group = self._group(self.tr("Last imports"), self.import_view, "importsEmpty")
        self.run_model = RunModel(self)
        self.run_view = _table(self.run_model, "runTable")
        self.run_group = self._group(self.tr("Last scoring runs"), self.run_view, "runsEmpty")

        # right: alerts and a glance
        self.alert_model = AlertModel(self)
        self.alert_view = _table(self.alert_model, "alertTable")
        self.alert_view.setWordWrap(True)
        self.alert_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.alert_view.horizontalHeader().setVisible(False)
        self.alert_view.setAlternatingRowColors(False)
        self.alert_view.activated.connect(self._alert_activated)
        self.alert_group = self._group(self.tr("Alerts"), self.alert_view, "alertsEmpty")
        self.activity_model = ActivityModel(self)
        self.activity_view = _table(self.activity_model, "activityTable")
        self.activity_view.activated.connect(self._activity_activated)
        self.activity_group = self._group(self.tr("My recent activity"), self.activity_view, "activityEmpty")
        self.glance = QLabel()
        self.glance.setObjectName("glance")
        self.glance.setWordWrap(True)
        self.glance.setTextFormat(Qt.TextFormat.RichText)
        self.glance.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.glance.linkActivated.connect(ctx.bus.navigate.emit)
        self.glance_group = QGroupBox(
            self.tr("Compliance this month") if self.role == "branch_manager" else self.tr("Store health")
        )
        QVBoxLayout(self.glance_group).addWidget(self.glance)

        # an investment manager's own performance (业绩), loaded on its own after the rest
        self._perf_loader = Requester(ctx.pool)
        self.performance_card = QLabel(self.tr("Loading…"))
        self.performance_card.setObjectName("performanceCard")
        self.performance_card.setTextFormat(Qt.TextFormat.RichText)
        self.performance_card.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.performance_loaded = False
        self.performance_group = QGroupBox(self.tr("My performance this month"))
        QVBoxLayout(self.performance_group).addWidget(self.performance_card)

        right = QVBoxLayout()
        self.left_layout, self.right_layout = left, right
        self._sized = False
        if self.role == "investment_manager":
            left.addWidget(self.work_group)
            right.addWidget(self.performance_group)
            right.addWidget(self.alert_group, 1)
            right.addWidget(self.activity_group, 1)
        elif self.role == "branch_manager":
            left.addWidget(self.approval_group, 1)
            left.addWidget(self.manager_group, 1)
            right.addWidget(self.glance_group)
            right.addWidget(self.alert_group, 1)
        elif self.role == "admin":
            left.addWidget(self.import_group, 1)
            left.addWidget(self.run_group, 1)
            right.addWidget(self.glance_group)
            right.addWidget(self.alert_group, 1)
        else:
            right.addWidget(self.alert_group, 1)
        self.splitter = QSplitter()
        lw, rw = QWidget(), QWidget()
        lw.setLayout(left)
        rw.setLayout(right)
        left.setContentsMargins(0, 0, 0, 0)
        right.setContentsMargins(0, 0, 0, 0)
        if left.count():
            self.splitter.addWidget(lw)
        self.splitter.addWidget(rw)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.figures_row)
        layout.addWidget(self.splitter, 1)

        ctx.bus.data_changed.connect(lambda _kind: self._changed())
        ctx.bus.refresh_requested.connect(self._changed)

    @staticmethod
    def _balance(layout: QVBoxLayout) -> None:
        """Groups with rows share the height; an empty group takes only its one line."""
        items = [layout.itemAt(i) for i in range(layout.count())]
        groups = [item.widget() if item is not None else None for item in items]
        filled = [
            g
            for g in groups
            if isinstance(g, QGroupBox) and any(v.isVisibleTo(g) for v in g.findChildren(QTableView))
        ]
        for i, g in enumerate(groups):
            if isinstance(g, QGroupBox) and g.findChildren(QTableView):
                layout.setStretch(i, 1 if g in filled else 0)
        if not filled and groups and groups[-1] is not None:
            layout.addStretch(1)

    def _group(self, title: str, view: QTableView, empty_name: str) -> QGroupBox:
        group = QGroupBox(title)
        empty = QLabel(
            {
                "approvalsEmpty": self.tr("No request is waiting for your decision."),
                "managersEmpty": self.tr("No manager has overdue tasks or a low on-time rate."),
                "importsEmpty": self.tr("No import yet: account data comes in through Import."),
                "runsEmpty": self.tr("No scoring run yet."),
                "alertsEmpty": self.tr("No alerts. Nothing needs your attention right now."),
                "activityEmpty": self.tr("No touches or letters recorded by you yet."),
            }.get(empty_name, "")
        )
        empty.setObjectName(empty_name)
        empty.setVisible(False)
        lay = QVBoxLayout(group)
        lay.addWidget(view)
        lay.addWidget(empty)
        view.setProperty("empty_label", empty)
        return group

    # ------------------------------------------------------------------ loading

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _changed(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def reload(self) -> None:
        self._stale = False
        store, actor = self.ctx.store, self.ctx.actor
        # what is shown stays until the new figures arrive
        self.status.setText(self.tr("Updating…") if self.loaded else self.tr("Loading…"))
        self._loader.submit(
            lambda _control: workbench.build_workbench(store, actor),
            on_done=self.show_data,
            on_error=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("Could not load: {error}").replace("{error}", str(exc)))

    def show_data(self, wb: Workbench) -> None:
        self.data = wb
        self.loaded = True
        self.status.setText(self.tr("Updated {time}").replace("{time}", local_time(wb.generated_at)[-5:]))
        self.subtitle.setText(self._subtitle(wb))
        self._show_figures(wb.figures)
        self.work_model.set_rows(wb.work)
        self.work_group.setTitle(
            self.tr("Today's work: {overdue} overdue, {today} due today")
            .replace("{overdue}", str(wb.work_counts.get("overdue", 0)))
            .replace("{today}", str(wb.work_counts.get("today", 0)))
        )
        self.work_empty.setVisible(not wb.work)
        self.work_view.setVisible(bool(wb.work))
        if wb.work:
            self.work_view.selectRow(0)
        for model, view, rows in (
            (self.alert_model, self.alert_view, wb.alerts),
            (self.activity_model, self.activity_view, wb.activity),
            (self.approval_model, self.approval_view, wb.approvals),
            (self.manager_model, self.manager_view, wb.managers),
            (self.import_model, self.import_view, wb.imports),
            (self.run_model, self.run_view, wb.runs),
        ):
            model.set_rows(rows)  # type: ignore[arg-type]
            empty = view.property("empty_label")
            if isinstance(empty, QLabel):
                empty.setVisible(not rows)
                view.setVisible(bool(rows))
        self.alert_view.resizeRowsToContents()
        for layout in (self.left_layout, self.right_layout):
            self._balance(layout)
        if not self._sized:
            self._sized = True
            width = max(self.splitter.width(), 900)
            self.splitter.setSizes([width * 3 // 5, width * 2 // 5])
        self.approval_group.setTitle(
            self.tr("Approvals waiting ({n})").replace("{n}", str(len(wb.approvals)))
        )
        self.glance.setText(self._glance_html(wb))
        if self.role == "investment_manager":
            self._load_performance(wb.today)

    def _load_performance(self, day: date) -> None:
        store, actor = self.ctx.store, self.ctx.actor
        self._perf_loader.submit(
            lambda _c: my_performance(store, actor, day),
            on_done=self._show_performance,
            on_error=lambda e: self.performance_card.setText(str(e)),
        )

    def _show_performance(self, mine: MyPerformance) -> None:
        if mine.this is None:
            self.performance_card.setText(self.tr("No figures for this month yet."))
        else:
            self.performance_card.setText(
                figures_html(mine.this, mine.previous, mine.month, mine.last_month, title=False)
            )
        self.performance_loaded = True

    def _subtitle(self, wb: Workbench) -> str:
        return (
            self.tr("{name} · {date}")
            .replace("{name}", self.ctx.actor.display_name)
            .replace("{date}", wb.today.isoformat())
        )

    def _show_figures(self, figures: list[Figure]) -> None:
        while self.figures_row.count():
            item = self.figures_row.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        for f in figures:
            if f.key == "overdue":
                card = FigureCard(Figure("overdue", f.value), self)
                card.change_label.setText(self.tr("open tasks past their due day"))
                # red only when something is overdue: a red 0 reads as an alarm about nothing
                if f.value is not None and f.value > 0:
                    card.value_label.setStyleSheet(f"color: {overdue_colour(self.palette()).name()}")
                self.figures_row.addWidget(card)
            else:
                self.figures_row.addWidget(FigureCard(f, self))

    def _glance_html(self, wb: Workbench) -> str:
        if wb.compliance is not None:
            g = wb.compliance
            judged = g.due - g.open_due_today
            rate = percent(g.on_time_rate)
            if g.on_time_rate is not None:
                rate += " " + self.tr("(of {n} judged)").replace("{n}", str(judged))
            rows = [
                (self.tr("On-time rate"), f"<b>{rate}</b>"),
                (self.tr("Due so far"), str(g.due)),
                (self.tr("Done on time"), str(g.on_time)),
                (self.tr("Done late"), str(g.late)),
                (
                    self.tr("Missed (overdue, still open)"),
                    overdue_count_html(g.overdue_now, self.palette()),
                ),
                (self.tr("Due today, still open (not missed yet)"), str(g.open_due_today)),
                (self.tr("Risk reassessments overdue"), str(g.risk_overdue)),
            ]
            note = self.tr("From {start} to {today}. A task due today is not counted as missed.")
            note = note.replace("{start}", g.start.isoformat()).replace("{today}", g.today.isoformat())
            open_text = self.tr("Open compliance")
            link = f"<a href='tasks'>{html.escape(open_text)}</a>"
            return self._table_html(rows) + f"<p><small>{html.escape(note)}</small></p><p>{link}</p>"
        if wb.health is not None:
            h = wb.health
            labels = {
                "clients": self.tr("Clients"),
                "staff": self.tr("Staff"),
                "tasks": self.tr("Tasks"),
                "touches": self.tr("Touches"),
                "score_runs": self.tr("Scoring runs"),
                "imports": self.tr("Imports"),
            }
            unknown = self.tr("unknown")
            rows = [
                (self.tr("Store"), html.escape(h.name)),
                (self.tr("Schema revision"), h.revision or unknown),
                *[(labels.get(k, k), f"{v:,}") for k, v in h.counts.items()],
                (
                    self.tr("Latest account data"),
                    h.latest_snapshot.isoformat() if h.latest_snapshot else unknown,
                ),
                (self.tr("Latest trades"), h.latest_trade.isoformat() if h.latest_trade else unknown),
                (
                    self.tr("Last backup"),
                    local_time(h.last_backup)
                    if h.last_backup
                    else self.tr("unknown (not recorded by the app)"),
                ),
            ]
            open_text = self.tr("Open imports")
            link = f"<a href='imports'>{html.escape(open_text)}</a>"
            return self._table_html(rows) + f"<p>{link}</p>"
        return ""

    @staticmethod
    def _table_html(rows: list[tuple[str, str]]) -> str:
        cells = "".join(
            f"<tr><td style='padding-right:16px'>{html.escape(k)}</td><td align='right'>{v}</td></tr>"
            for k, v in rows
        )
        return f"<table cellspacing='3'>{cells}</table>"

    # ------------------------------------------------------------------ opening where the work is done

    def _work_item(self, index: QModelIndex) -> WorkItem | None:
        if not index.isValid():
            return None
        row = index.siblingAtColumn(0).data(ROW_ROLE)
        return row if isinstance(row, WorkItem) else None

    def _work_activated(self, index: QModelIndex) -> None:
        item = self._work_item(index)
        if item is None:
            return
        text = f"{item.type_label} · {item.due_date.isoformat()}"
        open_touch_form(
            self.ctx, self, item.client_no, task_id=item.task_id, task_type=item.task_type, task_text=text
        )

    def _open_work_client(self) -> None:
        item = self._work_item(self.work_view.currentIndex())
        if item is not None:
            self.ctx.open_client(self, item.client_no)

    def _alert_activated(self, index: QModelIndex) -> None:
        alert = index.siblingAtColumn(0).data(ROW_ROLE) if index.isValid() else None
        if not isinstance(alert, Alert):
            return
        if alert.client_no:
            self.ctx.open_client(self, alert.client_no)
        elif alert.area:
            self.ctx.bus.navigate.emit(alert.area)

    def _activity_activated(self, index: QModelIndex) -> None:
        row = index.siblingAtColumn(0).data(ROW_ROLE) if index.isValid() else None
        if row is not None:
            self.ctx.open_client(self, row.client_no)

    def _open_command_bar(self) -> None:
        from crm_desktop.gui.workbench.command_bar import open_command_bar

        open_command_bar(self.ctx, self)

    def _open_quick_add(self) -> None:
        from crm_desktop.gui.workbench.command_bar import open_command_bar

        open_command_bar(self.ctx, self, quick_add=True)
