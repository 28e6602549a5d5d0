"""Generate one client's letter: write the comment, preview, generate (recorded), print, save as."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QWidget

from crm_desktop import clock
from crm_desktop.errors import InvalidInput
from crm_desktop.gui import qdates
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.forms.ui_letter_dialog import Ui_LetterDialog
from crm_desktop.gui.letters.pdf_output import PdfBytes, print_document
from crm_desktop.gui.workers import Requester, TaskControl
from crm_desktop.i18n import language
from crm_desktop.paths import user_data_dir
from crm_desktop.scoring.reasons import label
from crm_desktop.services import letters


def letters_dir() -> Path:
    """Where letters generated in the app are kept (one file per client and as-of date)."""
    return user_data_dir() / "letters"


class LetterDialog(QDialog):
    def __init__(self, ctx: AppContext, client_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client_no = client_no
        self.ui = Ui_LetterDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(self.tr("Account-analysis letter — {no}").replace("{no}", client_no))
        self.pdf = PdfBytes(self)
        self.view = QPdfView(self.ui.previewHost)
        self.view.setObjectName("letterPreview")
        self.view.setDocument(self.pdf.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.ui.previewLayout.addWidget(self.view)
        self.letter: letters.LetterResult | None = None
        self._requester = Requester(ctx.pool)
        self._busy = False

        today = clock.today()
        self.ui.asOfEdit.setDate(qdates.qdate(today))
        self.ui.periodStartEdit.setDate(qdates.qdate(letters.default_period(today)[0]))
        self.ui.customPeriodCheck.toggled.connect(self.ui.periodStartEdit.setEnabled)
        self.ui.customPeriodCheck.toggled.connect(self._update_period)
        self.ui.asOfEdit.dateChanged.connect(self._update_period)
        self.ui.periodStartEdit.dateChanged.connect(self._update_period)
        self.ui.previewButton.clicked.connect(self.preview)
        self.ui.generateButton.clicked.connect(self.generate)
        self.ui.printButton.clicked.connect(self.print_letter)
        self.ui.saveButton.clicked.connect(self.save_as)
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        self._update_period()
        self._load_client()

    # ------------------------------------------------------------ inputs
    def as_of(self) -> date:
        return qdates.pydate(self.ui.asOfEdit.date())

    def period_start(self) -> date | None:
        return (
            qdates.pydate(self.ui.periodStartEdit.date()) if self.ui.customPeriodCheck.isChecked() else None
        )

    def comment(self) -> str:
        return self.ui.commentEdit.toPlainText().strip()

    def _update_period(self, *_args: object) -> None:
        try:
            start, end = letters.resolve_period(self.as_of(), self.period_start())
        except Exception as exc:
            self.ui.periodLabel.setText(str(exc))
            return
        text = (
            self.tr("Report period: {start} to {end}")
            if self.period_start()
            else self.tr("Report period: {start} to {end} (the last full quarter)")
        )
        self.ui.periodLabel.setText(
            text.replace("{start}", start.isoformat()).replace("{end}", end.isoformat())
        )

    def _load_client(self) -> None:
        def work(_control: TaskControl) -> letters.LetterCandidate:
            return letters.letter_client(self.ctx.store, self.ctx.actor, self.client_no)

        def done(c: letters.LetterCandidate) -> None:
            parts = [f"<b>{c.name}</b>　{c.client_no}"]
            if c.grade:
                parts.append(self.tr("Grade {grade}").replace("{grade}", label("grade", c.grade, language())))
            if c.manager_name:
                parts.append(self.tr("Manager {name}").replace("{name}", c.manager_name))
            self.ui.clientLabel.setText("<br>".join(parts))

        Requester(self.ctx.pool).submit(work, on_done=done, on_error=lambda e: show_error(self, e))

    # ------------------------------------------------------------ actions
    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        for button in (self.ui.previewButton, self.ui.generateButton):
            button.setEnabled(not busy)
        self.ui.statusLabel.setText(text)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def preview(self) -> None:
        """A draft of the letter; nothing is recorded and it cannot be printed from here."""
        as_of, start, comment = self.as_of(), self.period_start(), self.comment()

        def work(_control: TaskControl) -> bytes:
            return letters.preview_letter(
                self.ctx.store,
                self.ctx.actor,
                self.client_no,
                as_of=as_of,
                period_start=start,
                comment=comment,
            )

        def done(pdf: bytes) -> None:
            self._show(pdf)
            self.letter = None
            self.ui.printButton.setEnabled(False)
            self.ui.saveButton.setEnabled(False)
            self._set_busy(
                False, self.tr("Draft preview: not recorded yet. Generate the letter to print or save it.")
            )

        self._set_busy(True, self.tr("Preparing the preview…"))
        self._requester.submit(work, on_done=done, on_error=self._failed)

    def generate(self) -> None:
        as_of, start, comment = self.as_of(), self.period_start(), self.comment()
        out = letters_dir()

        def work(_control: TaskControl) -> letters.LetterResult:
            return letters.generate_letter(
                self.ctx.store,
                self.ctx.actor,
                self.client_no,
                as_of=as_of,
                period_start=start,
                comment=comment,
                out_dir=out,
            )

        def done(result: letters.LetterResult) -> None:
            self.letter = result
            self._show(result.pdf)
            self.ui.printButton.setEnabled(True)
            self.ui.saveButton.setEnabled(True)
            # Say only what happened: a client without an open review-letter task had none closed.
            message = (
                self.tr("Letter generated and recorded ({pages} pages). The review-letter task is closed.")
                if result.closed_task_id is not None
                else self.tr("Letter generated and recorded ({pages} pages).")
            )
            self._set_busy(False, message.replace("{pages}", str(result.pages)))
            self.ctx.bus.data_changed.emit("letters")
            self.ctx.bus.data_changed.emit("tasks")
            self.ctx.bus.status_message.emit(
                self.tr("Letter for {no} generated").replace("{no}", self.client_no)
            )

        self._set_busy(True, self.tr("Generating the letter…"))
        self._requester.submit(work, on_done=done, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        show_error(self, exc)

    def _show(self, pdf: bytes) -> None:
        self.pdf.load(pdf)
        self.view.setDocument(self.pdf.document)

    def print_to(self, printer: QPrinter) -> int:
        return print_document(self.pdf.document, printer)

    def print_letter(self) -> None:
        if self.letter is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.letter.file_name)
        printer.setFromTo(1, self.pdf.document.pageCount())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print letter"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def save_to(self, target: Path) -> None:
        if self.letter is None:
            return
        if self.letter.path is not None and self.letter.path.exists():
            shutil.copyfile(self.letter.path, target)
        else:
            target.write_bytes(self.pdf.data)

    def save_as(self) -> None:
        if self.letter is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save letter as"),
            str(Path.home() / self.letter.file_name),
            self.tr("PDF files (*.pdf)"),
        )
        if name:
            try:
                self.save_to(Path(name))
            except OSError as exc:
                show_error(
                    self,
                    InvalidInput(
                        self.tr("Cannot save the letter to {path}: {error}. Choose another folder.")
                        .replace("{path}", name)
                        .replace("{error}", exc.strerror or str(exc))
                    ),
                )
