"""Save the client book's filter as a named segment (客群): the filter text, its live count, a name.

The text comes from the book's filter bar (``domain.segments.from_book_filter``) and may be refined
here; every count and the save itself go through ``services.segments``, the same use cases as
``crm segment count`` and ``crm segment save`` (permissions and validation there).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.segments import field_names
from crm_desktop.errors import InvalidInput
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.theme import OVERDUE_COLOUR
from crm_desktop.gui.workers import Requester, TaskHandle, run_task
from crm_desktop.services import segments

ERROR_STYLE = f"color: {OVERDUE_COLOUR};"


class SaveSegmentDialog(QDialog):
    """Name the book's filter and save it; the number of matching clients is shown before saving."""

    DEBOUNCE_MS = 300

    def __init__(
        self, ctx: AppContext, filter_text: str, shown: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("saveSegmentDialog")
        self.setWindowTitle(self.tr("Save as segment"))
        self.intro = QLabel(
            self.tr(
                "The client book's filter as a segment: campaigns and information pushes can reuse it by name. "
                "A branch manager's segments are offered to the whole branch, an investment manager's to "
                "themselves only."
            )
        )
        self.intro.setWordWrap(True)
        self.filter_edit = QLineEdit(filter_text)
        self.filter_edit.setObjectName("segmentFilter")
        self.filter_edit.setPlaceholderText(self.tr("(empty: every client you may see)"))
        self.filter_edit.setToolTip(self.tr("Fields: %1").replace("%1", field_names()))
        self.count_label = QLabel()
        self.count_label.setObjectName("segmentCount")
        self.count_label.setWordWrap(True)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.shown_label = QLabel()
        self.shown_label.setObjectName("bookShown")
        self.shown_label.setWordWrap(True)
        self.shown_label.hide()
        self._shown = shown
        self._book_text = filter_text
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("segmentName")
        self.name_edit.setMaxLength(100)
        self.name_edit.setPlaceholderText(self.tr("e.g. High-value churn watch"))
        self.name_note = QLabel()
        self.name_note.setObjectName("segmentNameNote")
        self.name_note.setWordWrap(True)
        self.name_note.hide()
        self.message = QLabel()
        self.message.setObjectName("segmentMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        form = QFormLayout()
        form.addRow(self.tr("Filter"), self.filter_edit)
        form.addRow(self.tr("Matching clients"), self.count_label)
        form.addRow("", self.shown_label)
        form.addRow(self.tr("Segment name"), self.name_edit)
        form.addRow("", self.name_note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 48)

        self.last_count: int | None = None
        self.last_preview: segments.Preview | None = None
        self.saved_segment: segments.SavedSegment | None = None
        self._own: dict[str, str] = {}
        self._counter = Requester(ctx.pool)
        self._saving: TaskHandle | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DEBOUNCE_MS)
        self._timer.timeout.connect(self.recount)
        self.filter_edit.textChanged.connect(self._filter_edited)
        self.name_edit.textChanged.connect(self._update_state)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.recount()
        run_task(
            lambda _c: segments.list_segments(ctx.store, ctx.actor),
            on_done=self._listed,
            on_error=lambda _e: None,  # only a hint about replacing; saving reports its own errors
            pool=ctx.pool,
        )

    # ------------------------------------------------------------ the count
    def _filter_edited(self, _text: str) -> None:
        self.last_count = None
        self._update_state()
        self._timer.start()

    def recount(self) -> None:
        text = self.filter_edit.text()
        self.count_label.setStyleSheet("")
        self.count_label.setText(self.tr("counting…"))
        self._counter.submit(
            lambda _c: segments.preview(self.ctx.store, self.ctx.actor, text),
            on_done=self._counted,
            on_error=self._count_failed,
        )

    def _counted(self, p: segments.Preview) -> None:
        self.last_count = p.count
        self.last_preview = p
        self.count_label.setStyleSheet("")
        self.count_label.setText(self.tr("%1 clients").replace("%1", f"{p.count:,}"))
        notes = []
        if p.lost:
            # the book hides closed and transferred-out accounts; a segment holds them, campaigns leave them out
            notes.append(
                self.tr(
                    "Closed or transferred-out accounts among them: %1. The client book does not show them; "
                    "campaigns and pushes leave them out (counted)."
                ).replace("%1", f"{p.lost:,}")
            )
        if self._shown is not None and self.filter_edit.text() == self._book_text and p.active != self._shown:
            # The book may be a moment old (F5 reloads it); the segment counts the store as it is now.
            notes.append(
                self.tr("The client book shows %1; the segment counts the store as it is now.").replace(
                    "%1", f"{self._shown:,}"
                )
            )
        self.shown_label.setText("\n".join(notes))
        self.shown_label.setVisible(bool(notes))
        self._update_state()

    def _count_failed(self, exc: BaseException) -> None:
        self.last_count = None
        self.count_label.setStyleSheet(ERROR_STYLE)
        self.count_label.setText(getattr(exc, "message", None) or str(exc))
        self.shown_label.setText("")
        self.shown_label.hide()
        self._update_state()

    # ------------------------------------------------------------ the name
    def _listed(self, rows: list[segments.SavedSegment]) -> None:
        self._own = {s.name: s.filter_text for s in rows if s.mine}
        self._update_state()

    def _update_state(self) -> None:
        name = self.name_edit.text().strip()
        if name in self._own:
            self.name_note.setText(
                self.tr("You already have a segment named “%1” (%2): saving replaces its filter.")
                .replace("%1", name)
                .replace("%2", self._own[name] or "*")
            )
            self.name_note.show()
        else:
            self.name_note.hide()
        busy = self._saving is not None and not self._saving.done
        self.save_button.setEnabled(bool(name) and self.last_count is not None and not busy)

    # ------------------------------------------------------------ saving
    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        name, text = self.name_edit.text(), self.filter_edit.text()
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Saving…"))
        self._saving = run_task(
            lambda _c: segments.save(self.ctx.store, self.ctx.actor, name, text),
            on_done=self._saved,
            on_error=self._failed,
            pool=self.ctx.pool,
        )
        self._update_state()

    def _saved(self, s: segments.SavedSegment) -> None:
        self.saved_segment = s
        n = f"{self.last_count:,}" if self.last_count is not None else "—"
        self.ctx.bus.status_message.emit(
            self.tr("Segment “%1” saved (%2 clients): %3")
            .replace("%1", s.name)
            .replace("%2", n)
            .replace("%3", s.filter_text or "*")
        )
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._saving = None
        self._update_state()
        if isinstance(exc, InvalidInput):
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(exc.message)
            return
        self.message.setText("")
        show_error(self, exc)
