"""The agenda: overdue / today / this week / later, a manager picker for branch managers, and from a
task straight to its client or to recording the touch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.priority import TYPE_ORDER
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.export_reason import ask_export_purpose
from crm_desktop.gui.service.agenda_model import AgendaModel, BucketFilter, Col
from crm_desktop.gui.service.cancelling import ask_reason, change_in_background
from crm_desktop.gui.service.touch_form import open_touch_form
from crm_desktop.gui.workers import Requester, run_task
from crm_desktop.reports import agenda as agenda_report
from crm_desktop.services import tasks, touches
from crm_desktop.services.tasks import Agenda, AgendaItem

GRADES = ("V5", "V4", "V3", "V2", "V1")


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

        filters = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("agendaSearch")
        self.search_edit.setPlaceholderText(self.tr("Search client number or name"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.proxy.set_text)
        filters.addWidget(self.search_edit, 2)
        self.type_combo = self._filter_combo(
            self.tr("All task types"),
            [(t, touches.type_label(t)) for t in TYPE_ORDER],
            self.proxy.set_task_type,
        )
        self.grade_combo = self._filter_combo(
            self.tr("All grades"), [(g, g) for g in GRADES], self.proxy.set_grade
        )
        self.source_combo = self._filter_combo(
            self.tr("All reasons"),
            [(src, tasks.source_label(src)) for src in tasks.SOURCES],
            self.proxy.set_source,
        )
        for combo in (self.type_combo, self.grade_combo, self.source_combo):
            filters.addWidget(combo, 1)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Export the tasks shown, in the order shown (CSV or Excel)"))
        self.export_button.clicked.connect(self.choose_export)
        filters.addWidget(self.export_button)

        self.table = QTableView()
        self.table.setObjectName("agendaTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Col.PRIORITY, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # A branch manager may clear several tasks at once (with one reason); a manager works one by one.
        self.table.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection
            if ctx.actor.is_branch_manager
            else QAbstractItemView.SelectionMode.SingleSelection
        )
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
        layout.addLayout(filters)
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

    def _filter_combo(self, everything: str, items: list[tuple[str, str]], apply: Any) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, None)
        for value, text in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda _i, c=combo: apply(c.currentData()))
        return combo

    def _loaded(self, agenda: Agenda) -> None:
        self.agenda = agenda
        self.model.set_rows(agenda.items)
        self._update_counts(agenda.counts())
        self.status.setText(self.tr("{n} open tasks").replace("{n}", str(len(agenda.items))))
        self._selection_changed()

    # ------------------------------------------------------------ export

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export tasks"), "agenda.xlsx", self.tr("Excel (*.xlsx);;CSV (*.csv)")
        )
        if path:
            go, purpose = ask_export_purpose(self, len(self.proxy.visible_items()))
            if go:
                self.export_to(Path(path), purpose=purpose)

    def export_to(self, path: Path, *, purpose: str | None = None) -> None:
        items = self.proxy.visible_items()
        store, actor = self.ctx.store, self.ctx.actor
        self.export_button.setEnabled(False)

        def done(n: int) -> None:
            self.export_button.setEnabled(True)
            self.ctx.bus.status_message.emit(
                self.tr("Exported {n} tasks to {path}.").replace("{n}", str(n)).replace("{path}", str(path))
            )

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            show_error(self, exc)

        run_task(
            lambda _c: agenda_report.export_agenda(store, actor, items, path, purpose=purpose),
            on_done=done,
            on_error=failed,
            pool=self.ctx.pool,
        )

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

    def selected_items(self) -> list[AgendaItem]:
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [self.model.row_at(self.proxy.mapToSource(i).row()) for i in rows]

    def selected(self) -> AgendaItem | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        src: QModelIndex = self.proxy.mapToSource(rows[0])
        return self.model.row_at(src.row())

    def _selection_changed(self) -> None:
        n = len(self.table.selectionModel().selectedRows())
        self.open_button.setEnabled(n == 1)
        self.record_button.setEnabled(n == 1)
        self.cancel_button.setEnabled(n >= 1)
        self.cancel_button.setText(
            self.tr("Cancel {n} tasks…").replace("{n}", str(n)) if n > 1 else self.tr("Cancel task…")
        )

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
        chosen = self.selected_items()
        if len(chosen) > 1:
            ask_reason(
                self,
                self.tr("Cancel tasks"),
                self.tr("Why are these {n} tasks cancelled? (kept in the history of each)").replace(
                    "{n}", str(len(chosen))
                ),
                lambda reason: self.cancel_many(chosen, reason),
            )
            return
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

    def cancel_many(self, items: list[AgendaItem], reason: str) -> None:
        pairs = [(i.task_id, i.version) for i in items]
        change_in_background(
            self,
            self.ctx,
            "tasks",
            lambda store, actor: tasks.cancel_tasks(store, actor, pairs, reason=reason),
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
