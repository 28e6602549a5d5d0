"""The purpose of an export of client personal data, asked before the file is written (issue #20).

Every export of client personal data from the desktop app (the client book, the agenda's tasks, the
suitability register, the yearly complaint report) asks why it is made; the answer goes into the export's
audit row as ``purpose``, exactly as ``--purpose`` does on the command line. From
``[exports] reason_required_rows`` rows on (security.toml, default 100) a purpose of at least four
characters is required; below that the field may be left empty.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from crm_desktop.errors import CrmError
from crm_desktop.services import exports


class ExportReasonDialog(QDialog):
    """Asks for the purpose of one export; ``purpose()`` is the text as the audit will keep it."""

    def __init__(self, rows: int, threshold: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportReasonDialog")
        self.setWindowTitle(self.tr("Purpose of the export"))
        self.setMinimumWidth(480)
        self.rows = rows
        self.threshold = threshold
        self.required = exports.purpose_required(rows, threshold)
        layout = QVBoxLayout(self)
        info = QLabel(
            self.tr(
                "This file will hold client personal data ({n} rows). Why is it needed? The purpose is "
                "recorded in the audit log with the file name and the number of rows."
            ).replace("{n}", f"{rows:,}")
        )
        info.setWordWrap(True)
        layout.addWidget(info)
        self.edit = QLineEdit()
        self.edit.setObjectName("exportPurpose")
        self.edit.setMaxLength(exports.PURPOSE_MAX)
        self.edit.setPlaceholderText(self.tr("e.g. quarterly call list"))
        layout.addWidget(self.edit)
        if self.required:
            rule = (
                self.tr("A purpose of at least {m} characters is required for {n} rows or more.")
                .replace("{m}", str(exports.PURPOSE_MIN))
                .replace("{n}", f"{threshold:,}")
            )
        else:
            rule = self.tr("Optional for an export of this size: you may leave it empty.")
        self.rule = QLabel(rule)
        self.rule.setObjectName("exportPurposeRule")
        self.rule.setWordWrap(True)
        layout.addWidget(self.rule)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.edit.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        ok = not self.required or len(" ".join(self.edit.text().split())) >= exports.PURPOSE_MIN
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def purpose(self) -> str | None:
        return exports.check_purpose(self.edit.text(), self.rows, self.threshold)


def ask_export_purpose(parent: QWidget, rows: int) -> tuple[bool, str | None]:
    """(go on, purpose): False when the person cancels; the purpose is None when left empty (allowed)."""
    from crm_desktop.gui.errors import show_error

    try:
        threshold = exports.reason_required_rows()
    except CrmError as exc:
        show_error(parent, exc)
        return False, None
    dialog = ExportReasonDialog(rows, threshold, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False, None
        return True, dialog.purpose()
    finally:
        dialog.deleteLater()
