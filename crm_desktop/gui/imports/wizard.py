"""The import page: choose a file, see what it is, check it, import it — or cancel with nothing changed.

Reading the preview, checking (a dry run) and importing all run on the thread pool. Cancelling stops
the import at its next checkpoint and rolls its one transaction back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import Cancelled, CrmError
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.imports.models import ErrorModel, HistoryModel, PreviewModel
from crm_desktop.gui.workers import Requester, TaskControl, TaskHandle, run_task
from crm_desktop.importing.kinds import KIND_NAMES, KINDS
from crm_desktop.importing.preview import Preview, preview_file
from crm_desktop.services.importing import (
    ImportRejected,
    ImportResult,
    import_history,
    run_import,
)

_STEPS = 1000


def _buddy_label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def _work(
    control: TaskControl,
    ctx: AppContext,
    kind: str,
    path: Path,
    encoding: str | None,
    sheet: str | None,
    dry_run: bool,
) -> ImportResult:
    return run_import(
        ctx.store, ctx.actor, kind, path, encoding=encoding, sheet=sheet, dry_run=dry_run, progress=control
    )


class ImportWizardPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("importWizard")
        self.preview: Preview | None = None
        self.result: ImportResult | None = None
        self.report_path: Path | None = None
        self._handle: TaskHandle | None = None
        self._loader = Requester(ctx.pool)

        # 1. the file
        file_box = QGroupBox(self.tr("1. File"))
        form = QFormLayout(file_box)
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("A CSV or Excel (.xlsx) export from the back office"))
        self.browse_button = QPushButton(self.tr("&Choose file…"))
        self.browse_button.clicked.connect(self.choose_file)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        form.addRow(self.tr("File:"), row)
        self.kind_combo = QComboBox()
        for k in KIND_NAMES:
            self.kind_combo.addItem(KINDS[k].label, k)
        self.kind_combo.setCurrentIndex(-1)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.kind_note = QLabel()
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_combo)
        kind_row.addWidget(self.kind_note, 1)
        # a row whose field is a layout gets no buddy from QFormLayout: set it, or "&" shows literally
        form.addRow(_buddy_label(self.tr("&Kind:"), self.kind_combo), kind_row)
        self.encoding_combo = QComboBox()
        self.encoding_combo.addItem(self.tr("Detect automatically"), None)
        self.encoding_combo.addItem("UTF-8", "utf-8")
        self.encoding_combo.addItem("GBK / GB18030", "gb18030")
        self.encoding_combo.activated.connect(lambda _i: self._reload())
        self.encoding_note = QLabel()
        enc_row = QHBoxLayout()
        enc_row.addWidget(self.encoding_combo)
        enc_row.addWidget(self.encoding_note, 1)
        form.addRow(_buddy_label(self.tr("&Encoding:"), self.encoding_combo), enc_row)
        self.sheet_combo = QComboBox()
        self.sheet_combo.activated.connect(lambda _i: self._reload())
        form.addRow(self.tr("&Sheet:"), self.sheet_combo)

        # 2. the first rows
        preview_box = QGroupBox(self.tr("2. Preview (first rows)"))
        pv = QVBoxLayout(preview_box)
        self.preview_model = PreviewModel()
        self.preview_view = QTableView()
        self.preview_view.setModel(self.preview_model)
        self.preview_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        pv.addWidget(self.preview_view)

        # 3. check and import
        run_box = QGroupBox(self.tr("3. Check and import"))
        rv = QVBoxLayout(run_box)
        buttons = QHBoxLayout()
        self.check_button = QPushButton(self.tr("C&heck only"))
        self.check_button.setToolTip(
            self.tr("Validate every row and count what would change, without writing")
        )
        self.check_button.clicked.connect(lambda: self.start(dry_run=True))
        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.setToolTip(self.tr("Validate and write every row, or none if any row is wrong"))
        self.import_button.clicked.connect(lambda: self.start(dry_run=False))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.report_button = QPushButton(self.tr("Open error &report"))
        self.report_button.clicked.connect(self.open_report)
        for b in (self.check_button, self.import_button, self.cancel_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.report_button)
        rv.addLayout(buttons)
        self.progress = QProgressBar()
        self.progress.setRange(0, _STEPS)
        rv.addWidget(self.progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("importStatus")
        rv.addWidget(self.status)
        self.error_model = ErrorModel()
        self.error_view = QTableView()
        self.error_view.setModel(self.error_model)
        self.error_view.horizontalHeader().setStretchLastSection(True)
        self.error_view.verticalHeader().hide()
        rv.addWidget(self.error_view)

        history_box = QGroupBox(self.tr("Recent imports"))
        hv = QVBoxLayout(history_box)
        self.history_model = HistoryModel()
        self.history_view = QTableView()
        self.history_view.setModel(self.history_model)
        self.history_view.verticalHeader().hide()
        self.history_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hv.addWidget(self.history_view)
        self._history_loader = Requester(ctx.pool)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(preview_box)
        split.addWidget(run_box)
        split.addWidget(history_box)
        outer = QVBoxLayout(self)
        outer.addWidget(file_box)
        outer.addWidget(split, 1)
        self._update_buttons()
        self.refresh_history()
        ctx.bus.refresh_requested.connect(self.refresh_history)

    def refresh_history(self) -> None:
        ctx = self.ctx

        def work(_control: TaskControl) -> list[dict[str, object]]:
            return import_history(ctx.store, ctx.actor)

        self._history_loader.submit(
            work, on_done=self.history_model.set_rows, on_error=lambda exc: self.status.setText(str(exc))
        )

    # ------------------------------------------------------------------ file and preview
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose an export file"), "", self.tr("Exports (*.csv *.txt *.xlsx);;All files (*)")
        )
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        """Show ``path``: detect encoding and kind and preview its first rows (on a worker)."""
        self.path_edit.setText(str(path))
        self.encoding_combo.setCurrentIndex(0)
        self.sheet_combo.clear()
        self._reset_results()
        self._reload()

    def _reload(self) -> None:
        text = self.path_edit.text()
        if not text:
            return
        path = Path(text)
        encoding = self.encoding_combo.currentData()
        sheet = self.sheet_combo.currentText() or None
        self.status.setText(self.tr("Reading the file…"))

        def work(_control: TaskControl) -> Preview:
            return preview_file(path, encoding=encoding, sheet=sheet)

        self._loader.submit(work, on_done=self._show_preview, on_error=self._preview_failed)

    def _show_preview(self, preview: Preview) -> None:
        self.preview = preview
        self.status.clear()
        if preview.format == "xlsx":
            self.encoding_combo.setEnabled(False)
            self.encoding_note.setText("")
            if self.sheet_combo.count() != len(preview.sheets):
                self.sheet_combo.clear()
                self.sheet_combo.addItems(list(preview.sheets))
            self.sheet_combo.setCurrentText(preview.sheet or "")
            self.sheet_combo.setEnabled(True)
        else:
            self.encoding_combo.setEnabled(True)
            self.encoding_note.setText(self.tr("Read as: {enc}").replace("{enc}", preview.encoding or ""))
            self.sheet_combo.setEnabled(False)
        self.kind_combo.blockSignals(True)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(preview.kind) if preview.kind else -1)
        self.kind_combo.blockSignals(False)
        if preview.kind:
            self.kind_note.setText(self.tr("detected from the headers"))
        else:
            self.kind_note.setText(self.tr("not recognised from the headers: choose the kind"))
        self.preview_model.set_preview(preview, preview.mapping)
        self._update_buttons()

    def _preview_failed(self, exc: BaseException) -> None:
        self.preview = None
        self.preview_model.set_preview(None)
        self.status.setText(exc.message if isinstance(exc, CrmError) else str(exc))
        self._update_buttons()
        if not isinstance(exc, CrmError):
            show_error(self, exc)

    def _kind_changed(self) -> None:
        kind = self.kind_combo.currentData()
        if self.preview is not None and kind:
            self.preview_model.set_mapping(self.preview.mapping_for(kind))
            self.kind_note.setText(
                self.tr("chosen by you")
                if kind != self.preview.kind
                else self.tr("detected from the headers")
            )
        self._reset_results()
        self._update_buttons()

    # ------------------------------------------------------------------ check / import / cancel
    @property
    def busy(self) -> bool:
        return self._handle is not None and not self._handle.done

    def start(self, *, dry_run: bool) -> TaskHandle | None:
        kind = self.kind_combo.currentData()
        if self.preview is None or not kind or self.busy:
            return None
        self._reset_results()
        self.progress.setValue(0)
        self.status.setText(self.tr("Checking…") if dry_run else self.tr("Importing…"))
        enc = self.encoding_combo.currentData() if self.preview.format == "csv" else None
        sheet = self.preview.sheet if self.preview.format == "xlsx" else None
        self._handle = run_task(
            _work,
            self.ctx,
            kind,
            self.preview.path,
            enc,
            sheet,
            dry_run,
            on_done=self._finished,
            on_error=self._failed,
            on_progress=self._progressed,
            on_cancelled=self._cancelled,
            pool=self.ctx.pool,
        )
        self._update_buttons()
        return self._handle

    def cancel(self) -> None:
        if self._handle is not None and not self._handle.done:
            self._handle.cancel()
            self.status.setText(self.tr("Cancelling…"))
            self.cancel_button.setEnabled(False)

    def _progressed(self, done: int, total: int, text: str) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.status.setText(text)

    def _finished(self, result: ImportResult) -> None:
        self.result = result
        self.progress.setValue(_STEPS)
        counts = (
            self.tr("{new} new, {changed} changed, {unchanged} unchanged ({total} rows)")
            .replace("{new}", str(result.rows_new))
            .replace("{changed}", str(result.rows_changed))
            .replace("{unchanged}", str(result.rows_unchanged))
            .replace("{total}", str(result.rows_total))
        )
        if result.status == "dry_run":
            text = self.tr("The file is valid. Importing it would give: {counts}.").replace(
                "{counts}", counts
            )
        else:
            text = self.tr("Imported: {counts}.").replace("{counts}", counts)
            self.ctx.bus.data_changed.emit("*")
            self.ctx.bus.status_message.emit(text)
        if result.warnings:
            text += "\n" + "\n".join(result.warnings)
        self.status.setText(text)
        self._update_buttons()
        self.refresh_history()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self._cancelled()
            return
        self.progress.setValue(0)
        if isinstance(exc, ImportRejected):
            res = exc.result
            self.error_model.set_errors(res.errors)
            self.report_path = res.report_path
            more = res.error_count - len(res.errors)
            text = exc.message
            if more > 0:
                text += " " + self.tr(
                    "The first {shown} are listed; all {n} are in the error report."
                ).replace("{shown}", str(len(res.errors))).replace("{n}", str(res.error_count))
            if res.warnings:
                text += "\n" + "\n".join(res.warnings)
            self.status.setText(text)
            self.refresh_history()
        elif isinstance(exc, CrmError):
            self.status.setText(exc.message)
        else:
            self.status.setText(self.tr("The import failed; nothing was changed."))
            show_error(self, exc)
        self._update_buttons()

    def _cancelled(self) -> None:
        self.progress.setValue(0)
        self.status.setText(self.tr("Cancelled. Nothing was changed."))
        self._update_buttons()

    def open_report(self) -> None:
        if self.report_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.report_path)))

    def _reset_results(self) -> None:
        self.result = None
        self.report_path = None
        self.error_model.set_errors([])
        self.progress.setValue(0)

    def _update_buttons(self) -> None:
        ready = self.preview is not None and self.kind_combo.currentData() is not None and not self.busy
        self.check_button.setEnabled(ready)
        self.import_button.setEnabled(ready)
        self.cancel_button.setEnabled(self.busy)
        self.browse_button.setEnabled(not self.busy)
        self.kind_combo.setEnabled(not self.busy and self.preview is not None)
        self.report_button.setEnabled(self.report_path is not None)
