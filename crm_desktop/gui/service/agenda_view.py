"""The agenda: overdue / today / this week / later, a manager picker for branch managers, and from a
task straight to its client or to recording the touch."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.service.agenda_model import AgendaModel, BucketFilter, Col
from crm_desktop.gui.service.cancelling import ask_reason, change_in_background
from crm_desktop.gui.service.touch_form import open_touch_form
from crm_desktop.gui.workers import Requester, run_task
from crm_desktop.services import tasks, touches
from crm_desktop.services.tasks import Agenda, AgendaItem


class AgendaView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("agendaView")
        self._requester = Requester(ctx.pool)
        self.agenda: Agenda | None = None
        self.model = AgendaModel(self)
        self.proxy = BucketFilter(self)
        self.proxy.setSourceModel(self.model)

        top = QHBoxLayout()
        self.manager_combo = QComboBox()
        self.manager_combo.setObjectName("managerCombo")
        if ctx.actor.is_branch_manager:
            top.addWidget(QLabel(self.tr("Manager:")))
            self.manager_combo.addItem(self.tr("All managers"), None)
            for mid, login, name in tasks.branch_managers(ctx.store, ctx.actor):
                self.manager_combo.addItem(f"{name} ({login})", mid)
            self.manager_combo.currentIndexChanged.connect(self.reload)
            top.addWidget(self.manager_combo)
        else:
            self.manager_combo.hide()
        self.buckets = QButtonGroup(self)
        self.bucket_buttons: dict[str | None, QToolButton] = {}
        for key in (*tasks.BUCKETS, None):
            b = QToolButton()
            b.setCheckable(True)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            b.setObjectName(f"bucket_{key or 'all'}")
            self.buckets.addButton(b)
            self.bucket_buttons[key] = b
            b.clicked.connect(lambda _c=False, k=key: self.proxy.set_bucket(k))
            top.addWidget(b)
        self.bucket_buttons[None].setChecked(True)
        top.addStretch(1)
        self.generate_button = QPushButton(self.tr("Generate today's tasks"))
        self.generate_button.clicked.connect(self.generate)
        top.addWidget(self.generate_button)

        self.table = QTableView()
        self.table.setObjectName("agendaTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Col.DUE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.record_touch())
        if not ctx.actor.is_branch_manager:
            self.table.hideColumn(Col.MANAGER)

        bottom = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open client"))
        self.record_button = QPushButton(self.tr("Record touch…"))
        self.cancel_button = QPushButton(self.tr("Cancel task…"))
        self.status = QLabel()
        self.status.setObjectName("agendaStatus")
        for button in (self.open_button, self.record_button, self.cancel_button):
            button.setEnabled(False)
            bottom.addWidget(button)
        bottom.addStretch(1)
        bottom.addWidget(self.status)
        self.open_button.clicked.connect(self.open_client)
        self.record_button.clicked.connect(self.record_touch)
        self.cancel_button.clicked.connect(self.cancel_task)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._update_counts({b: 0 for b in tasks.BUCKETS})
        ctx.bus.refresh_requested.connect(self.reload)
        ctx.bus.data_changed.connect(lambda area: self.reload() if area in ("tasks", "*") else None)
        self.reload()

    # ------------------------------------------------------------ loading

    def manager_id(self) -> int | None:
        data = self.manager_combo.currentData() if self.ctx.actor.is_branch_manager else None
        return int(data) if data is not None else None

    def reload(self) -> None:
        store, actor, mid = self.ctx.store, self.ctx.actor, self.manager_id()
        self.status.setText(self.tr("Loading…"))
        self._requester.submit(
            lambda _c: tasks.agenda(store, actor, mid), on_done=self._loaded, on_error=self._load_failed
        )

    def _loaded(self, agenda: Agenda) -> None:
        self.agenda = agenda
        self.model.set_rows(agenda.items)
        self._update_counts(agenda.counts())
        self.status.setText(self.tr("{n} open tasks").replace("{n}", str(len(agenda.items))))
        self._selection_changed()

    def _load_failed(self, exc: BaseException) -> None:
        self.status.setText("")
        show_error(self, exc)

    def _update_counts(self, counts: dict[str, int]) -> None:
        for key, button in self.bucket_buttons.items():
            if key is None:
                button.setText(self.tr("All {n}").replace("{n}", str(sum(counts.values()))))
            else:
                button.setText(f"{tasks.bucket_label(key)} {counts.get(key, 0)}")

    # ------------------------------------------------------------ actions

    def selected(self) -> AgendaItem | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        src: QModelIndex = self.proxy.mapToSource(rows[0])
        return self.model.row_at(src.row())

    def _selection_changed(self) -> None:
        has = self.selected() is not None
        for b in (self.open_button, self.record_button, self.cancel_button):
            b.setEnabled(has)

    def open_client(self) -> None:
        item = self.selected()
        if item is not None:
            self.ctx.open_client(self, item.client_no)

    def record_touch(self) -> Any:
        item = self.selected()
        if item is None:
            return None
        text = (
            f"{touches.type_label(item.task_type)} · {tasks.source_label(item.source)} · "
            f"{item.due_date.isoformat()}"
        )
        return open_touch_form(
            self.ctx, self, item.client_no, task_id=item.task_id, task_type=item.task_type, task_text=text
        )

    def cancel_task(self) -> None:
        item = self.selected()
        if item is None:
            return
        ask_reason(
            self,
            self.tr("Cancel task"),
            self.tr("Why is this task cancelled? (kept in the history)"),
            lambda reason: self.cancel_with_reason(item, reason),
        )

    def cancel_with_reason(self, item: AgendaItem, reason: str) -> None:
        change_in_background(
            self,
            self.ctx,
            "tasks",
            lambda store, actor: tasks.cancel_task(
                store, actor, item.task_id, reason=reason, expected_version=item.version
            ),
        )

    def generate(self) -> None:
        self.generate_button.setEnabled(False)
        store, actor = self.ctx.store, self.ctx.actor

        def done(summary: tasks.GenerationSummary) -> None:
            self.generate_button.setEnabled(True)
            self.ctx.bus.status_message.emit(
                self.tr("Tasks generated: {n} new, {r} replaced.")
                .replace("{n}", str(summary.created))
                .replace("{r}", str(summary.replaced))
            )
            self.ctx.bus.data_changed.emit("tasks")

        def failed(exc: BaseException) -> None:
            self.generate_button.setEnabled(True)
            show_error(self, exc)

        run_task(
            lambda c: tasks.generate_tasks(store, actor, progress=c),
            on_done=done,
            on_error=failed,
            pool=self.ctx.pool,
        )
