"""The letters area: batch generation (letters due, or a selection) with progress and cancel; history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.gui import qdates
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.letters.dialog import letters_dir
from crm_desktop.gui.letters.models import CandidateModel, HistoryModel
from crm_desktop.gui.settings import area_option
from crm_desktop.gui.workers import Requester, TaskControl, TaskHandle, run_task
from crm_desktop.services import letters

OUT_DIR = area_option("letters", "out_dir", "")
MERGED = area_option("letters", "merged", True)
GRADES = ("V5", "V4", "V3", "V2", "V1")


class LettersPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = QTabWidget(self)
        self.batch = BatchTab(ctx)
        self.history = HistoryTab(ctx)
        self.tabs.addTab(self.batch, self.tr("Batch"))
        self.tabs.addTab(self.history, self.tr("History"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def save_state(self) -> None:
        self.batch.save_state()


class BatchTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result: letters.BatchResult | None = None
        self._handle: TaskHandle | None = None
        self._lister = Requester(ctx.pool)

        self.due_radio = QRadioButton(self.tr("Letters due (open review-letter tasks)"))
        self.selection_radio = QRadioButton(self.tr("A selection of clients"))
        self.due_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.due_radio)
        group.addButton(self.selection_radio)
        self.grade_checks = {g: QCheckBox(g) for g in GRADES}
        self.manager_combo = QComboBox()
        self.manager_combo.addItem(self.tr("All managers"), None)
        grades_row = QHBoxLayout()
        for check in self.grade_checks.values():
            grades_row.addWidget(check)
        grades_row.addStretch(1)
        self.as_of_edit = QDateEdit(qdates.today())
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("yyyy-MM-dd")
        self.out_edit = QLineEdit(OUT_DIR.get(ctx.settings) or str(letters_dir()))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(browse)
        self.merged_check = QCheckBox(self.tr("Also write one merged PDF for printing"))
        self.merged_check.setChecked(MERGED.get(ctx.settings))

        form = QFormLayout()
        form.addRow(self.due_radio)
        form.addRow(self.selection_radio)
        form.addRow(self.tr("Grades:"), grades_row)
        form.addRow(self.tr("Manager:"), self.manager_combo)
        form.addRow(self.tr("As of:"), self.as_of_edit)
        form.addRow(self.tr("Output folder:"), out_row)
        form.addRow(self.merged_check)
        box = QGroupBox(self.tr("Which letters"))
        box.setLayout(form)

        self.list_button = QPushButton(self.tr("List clients"))
        self.start_button = QPushButton(self.tr("Generate letters"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.open_button = QPushButton(self.tr("Open folder"))
        self.open_button.setEnabled(False)
        buttons = QHBoxLayout()
        for b in (self.list_button, self.start_button, self.cancel_button, self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.model = CandidateModel(self)
        self.table = _client_table(ctx, self, "letterCandidates", self.model)
        self.count_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.failures = QPlainTextEdit()
        self.failures.setReadOnly(True)
        self.failures.setVisible(False)
        self.failures.setMaximumHeight(120)

        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addLayout(buttons)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.failures)

        self.due_radio.toggled.connect(self._source_changed)
        self.list_button.clicked.connect(self.load_candidates)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button.clicked.connect(self._open_folder)
        self._source_changed()
        self._load_managers()

    # ------------------------------------------------------------ inputs
    def as_of(self) -> date:
        return qdates.pydate(self.as_of_edit.date())

    def _source_changed(self, *_a: object) -> None:
        selection = self.selection_radio.isChecked()
        for check in self.grade_checks.values():
            check.setEnabled(selection)
        self.manager_combo.setEnabled(selection)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Output folder"), self.out_edit.text())
        if folder:
            self.out_edit.setText(folder)

    def _load_managers(self) -> None:
        def work(_c: TaskControl) -> list[letters.ManagerChoice]:
            return letters.letter_managers(self.ctx.store, self.ctx.actor)

        def done(managers: list[letters.ManagerChoice]) -> None:
            for m in managers:
                self.manager_combo.addItem(f"{m.display_name} ({m.login})", m.id)

        Requester(self.ctx.pool).submit(work, on_done=done, on_error=lambda e: show_error(self, e))

    def load_candidates(self) -> None:
        due = self.due_radio.isChecked()
        as_of = self.as_of()
        grades = [g for g, c in self.grade_checks.items() if c.isChecked()]
        manager_id = self.manager_combo.currentData()

        def work(_c: TaskControl) -> list[letters.LetterCandidate]:
            if due:
                return letters.due_letter_clients(self.ctx.store, self.ctx.actor, as_of)
            return letters.select_letter_clients(
                self.ctx.store, self.ctx.actor, grades=grades or None, manager_id=manager_id
            )

        def done(rows: list[letters.LetterCandidate]) -> None:
            self.model.set_rows(rows)
            self.count_label.setText(self.tr("{n} clients").replace("{n}", f"{len(rows):,}"))

        self._lister.submit(work, on_done=done, on_error=lambda e: show_error(self, e))

    # ------------------------------------------------------------ running
    @property
    def running(self) -> bool:
        return self._handle is not None and not self._handle.done

    def start(self) -> None:
        numbers = self.model.client_nos()
        if not numbers or self.running:
            return
        out = Path(self.out_edit.text().strip() or str(letters_dir()))
        as_of = self.as_of()
        merged = out / f"merged_{as_of.isoformat()}.pdf" if self.merged_check.isChecked() else None

        def work(control: TaskControl) -> letters.BatchResult:
            # A cancelled batch still returns: what it wrote is kept and the summary says it stopped early.
            return letters.generate_batch(
                self.ctx.store,
                self.ctx.actor,
                numbers,
                out,
                as_of=as_of,
                merged_path=merged,
                progress=control,
            )

        self.progress.setRange(0, len(numbers))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.failures.setVisible(False)
        self.summary.setText(self.tr("Generating {n} letters…").replace("{n}", f"{len(numbers):,}"))
        self._set_running(True)
        self._handle = run_task(
            work,
            on_done=self._finished,
            on_error=self._failed,
            on_progress=self._progress,
            pool=self.ctx.pool,
        )

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self.summary.setText(self.tr("Cancelling: letters already in progress are finished and kept…"))

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.list_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def _progress(self, done: int, total: int, _text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finished(self, result: letters.BatchResult) -> None:
        self.result = result
        self._set_running(False)
        self.progress.setVisible(False)
        text = (
            self.tr("{n} letters written to {dir} in {s} s.")
            .replace("{n}", f"{len(result.letters):,}")
            .replace("{dir}", str(result.out_dir))
            .replace("{s}", f"{result.wall_seconds:.1f}")
        )
        if result.cancelled:
            text += " " + self.tr("Cancelled before the end.")
        if result.merged_path:
            text += " " + self.tr("Merged print file: {path}").replace("{path}", str(result.merged_path))
        if result.failures:
            text += " " + self.tr("{n} failed (listed below); the others were written.").replace(
                "{n}", str(len(result.failures))
            )
            self.failures.setPlainText("\n".join(f"{f.client_no}: {f.message}" for f in result.failures))
            self.failures.setVisible(True)
        self.summary.setText(text)
        self.open_button.setEnabled(True)
        self.ctx.bus.data_changed.emit("letters")
        self.ctx.bus.data_changed.emit("tasks")
        if self.due_radio.isChecked():
            self.load_candidates()

    def _failed(self, exc: BaseException) -> None:
        self._set_running(False)
        self.progress.setVisible(False)
        self.summary.setText("")
        show_error(self, exc)

    def _open_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.out_dir)))

    def save_state(self) -> None:
        OUT_DIR.set(self.ctx.settings, self.out_edit.text())
        MERGED.set(self.ctx.settings, self.merged_check.isChecked())


def _client_table(
    ctx: AppContext, owner: QWidget, name: str, model: CandidateModel | HistoryModel
) -> QTableView:
    """A read-only row table of clients; double-clicking a row opens that client."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.doubleClicked.connect(lambda idx: ctx.open_client(owner, model.client_nos()[idx.row()]))
    return table


class HistoryTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = HistoryModel(self)
        self.table = _client_table(ctx, self, "letterHistory", self.model)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr("Letters generated for your clients, newest first. Double-click to open the client.")
            )
        )
        layout.addWidget(self.table)
        self._requester = Requester(ctx.pool)
        ctx.bus.refresh_requested.connect(self.reload)
        ctx.bus.data_changed.connect(lambda area: self.reload() if area in ("letters", "*") else None)
        self.reload()

    def reload(self) -> None:
        def work(_c: TaskControl) -> list[letters.LetterHistoryRow]:
            return letters.letter_history(self.ctx.store, self.ctx.actor)

        self._requester.submit(work, on_done=self.model.set_rows, on_error=lambda e: show_error(self, e))
