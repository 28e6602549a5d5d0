"""The note dialog: a short free-text note kept with a client (quick add's "note"; ``services/notes.py``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import InvalidInput
from crm_desktop.gui.context import AppContext, ClientActionSpec
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.theme import OVERDUE_COLOUR
from crm_desktop.gui.workers import TaskHandle, run_task
from crm_desktop.services import notes


class NoteDialog(QDialog):
    saved = Signal(int)

    def __init__(self, ctx: AppContext, client_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client_no = client_no
        self._handle: TaskHandle | None = None
        self.setObjectName("noteDialog")
        self.setWindowTitle(self.tr("Note for client {no}").replace("{no}", client_no))
        intro = QLabel(
            self.tr(
                "A note is kept with the client and shown in the 360° view. It is not a service touch: "
                "it completes no task. Notes cannot be changed later; write a new one to correct."
            )
        )
        intro.setWordWrap(True)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("noteEdit")
        self.edit.setPlaceholderText(self.tr("e.g. prefers calls after 16:00"))
        self.edit.textChanged.connect(self._text_changed)
        self.count_label = QLabel()
        self.count_label.setObjectName("noteCount")
        self.message = QLabel()
        self.message.setObjectName("messageLabel")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save note"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 44, em * 24)
        self._text_changed()

    def _text_changed(self) -> None:
        n = len(self.edit.toPlainText().strip())
        self.count_label.setText(
            self.tr("{n} / {max} characters").replace("{n}", str(n)).replace("{max}", str(notes.MAX_LENGTH))
        )
        self.save_button.setEnabled(0 < n <= notes.MAX_LENGTH and self._handle is None)

    def save(self) -> None:
        store, actor, client_no, text = (
            self.ctx.store,
            self.ctx.actor,
            self.client_no,
            self.edit.toPlainText(),
        )
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("Saving…"))

        def work(_c: Any) -> int:
            return notes.add_note(store, actor, client_no, text)

        self._handle = run_task(work, on_done=self._saved, on_error=self._failed, pool=self.ctx.pool)

    def _saved(self, note_id: int) -> None:
        self._handle = None
        self.ctx.bus.data_changed.emit("notes")
        self.ctx.bus.status_message.emit(
            self.tr("Note kept with client {no}.").replace("{no}", self.client_no)
        )
        self.saved.emit(int(note_id))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._handle = None
        self._text_changed()
        if isinstance(exc, InvalidInput):
            self.message.setText(exc.message)
            self.message.setStyleSheet(f"color: {OVERDUE_COLOUR}")
            return
        self.message.setText("")
        show_error(self, exc)


def open_note_dialog(ctx: AppContext, parent: QWidget | None, client_no: str) -> NoteDialog:
    dialog = NoteDialog(ctx, client_no, parent=parent.window() if parent is not None else None)
    dialog.show()
    dialog.edit.setFocus()
    return dialog


def note_action(ctx: AppContext) -> ClientActionSpec:
    """The ``add_note`` client action (360° view button, command bar, quick add)."""

    def add(parent: QWidget, client_no: str) -> None:
        open_note_dialog(ctx, parent, client_no)

    return ClientActionSpec(
        key="add_note",
        label=QCoreApplication.translate("NoteDialog", "Add note"),
        handler=add,
        roles=("investment_manager", "branch_manager"),
    )
