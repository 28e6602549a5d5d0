"""Call-back officer's screen (the pool and the scripted recording form), red-flag cases, the complaints
register, and the call-back part of the compliance view.

Domain words (reasons, outcomes, channels…) come from the domain catalogue; the views translate only
their own texts. Every change goes through the services, on a worker thread.
"""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop import clock
from crm_desktop.db.models.enums import Role
from crm_desktop.domain.callbacks_vocab import (
    AnswerType,
    CallbackOutcome,
    CallbackStatus,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintStatus,
    codes,
)
from crm_desktop.domain.labels import label_of
from crm_desktop.errors import CrmError
from crm_desktop.gui import qdates
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.export_reason import ask_export_purpose
from crm_desktop.gui.list_model import ListTableModel
from crm_desktop.gui.theme import OVERDUE_COLOUR
from crm_desktop.gui.workers import Requester, run_task
from crm_desktop.i18n import language
from crm_desktop.reports import callbacks as callbacks_xlsx
from crm_desktop.reports.tables import safe_frame
from crm_desktop.services import alerts, callback_compliance, callbacks, complaints, exports
from crm_desktop.services.alerts import AlertView
from crm_desktop.services.callback_compliance import CallbackCompliance, MonthRow, SampleRow, SatisfactionRow
from crm_desktop.services.callback_config import load_script
from crm_desktop.services.callbacks import ItemView
from crm_desktop.services.complaints import ComplaintView

DISPLAY = Qt.ItemDataRole.DisplayRole.value
FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
ALIGN = Qt.ItemDataRole.TextAlignmentRole.value
OVERDUE_BRUSH = QBrush(QColor(OVERDUE_COLOUR))
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _table(model: Any, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _when(moment: Any) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment is not None else ""


# ---------------------------------------------------------------- the pool


class ItemCol(IntEnum):
    ID = 0
    DUE = 1
    CLIENT = 2
    NAME = 3
    REASON = 4
    STATUS = 5
    ATTEMPTS = 6
    OUTCOME = 7
    OFFICER = 8
    RECORDED = 9


class ItemModel(ListTableModel[ItemView]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                QCoreApplication.translate("CallbackModels", "No."),
                QCoreApplication.translate("CallbackModels", "Due"),
                QCoreApplication.translate("CallbackModels", "Client no."),
                QCoreApplication.translate("CallbackModels", "Client"),
                QCoreApplication.translate("CallbackModels", "Why"),
                QCoreApplication.translate("CallbackModels", "Status"),
                QCoreApplication.translate("CallbackModels", "Attempts"),
                QCoreApplication.translate("CallbackModels", "Outcome"),
                QCoreApplication.translate("CallbackModels", "Officer"),
                QCoreApplication.translate("CallbackModels", "Recorded"),
            ],
            parent,
        )
        self.today = clock.today()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        v = self._rows[index.row()]
        col = ItemCol(index.column())
        if role == DISPLAY:
            return {
                ItemCol.ID: str(v.id),
                ItemCol.DUE: v.due_date.isoformat(),
                ItemCol.CLIENT: v.client_no,
                ItemCol.NAME: v.client_name,
                ItemCol.REASON: v.reason_label,
                ItemCol.STATUS: v.status_label,
                ItemCol.ATTEMPTS: str(v.attempts) if v.attempts else "",
                ItemCol.OUTCOME: v.outcome_label,
                ItemCol.OFFICER: v.officer_login or "",
                ItemCol.RECORDED: _when(v.recorded_at),
            }[col]
        if (
            role == FOREGROUND
            and col is ItemCol.DUE
            and v.status == CallbackStatus.OPEN
            and v.due_date < self.today
        ):
            return OVERDUE_BRUSH
        if role == ALIGN and col in (ItemCol.ID, ItemCol.ATTEMPTS):
            return RIGHT
        return None


class RecordDialog(QDialog):
    """The script, question by question; the answers go to ``callbacks.record_callback``."""

    def __init__(self, ctx: AppContext, item: ItemView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.item = ctx, item
        self.setObjectName("callbackRecordDialog")
        self.setWindowTitle(
            self.tr("Call-back {no} — {client}")
            .replace("{no}", str(item.id))
            .replace("{client}", f"{item.client_no} {item.client_name}")
        )
        self.script = load_script().script
        layout = QVBoxLayout(self)
        head = QLabel(
            self.tr("<b>{client}</b> · {why} · due {due} · attempts so far: {n}")
            .replace("{client}", f"{item.client_no} {item.client_name}")
            .replace("{why}", item.reason_label)
            .replace("{due}", item.due_date.isoformat())
            .replace("{n}", str(item.attempts))
        )
        layout.addWidget(head)
        form = QFormLayout()
        self.outcome = QComboBox()
        self.outcome.setObjectName("outcomeCombo")
        for code in codes(CallbackOutcome):
            self.outcome.addItem(label_of(CallbackOutcome, code), code)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        form.addRow(self.tr("Outcome"), self.outcome)
        self.recording = QLineEdit()
        self.recording.setObjectName("recordingEdit")
        self.recording.setPlaceholderText(self.tr("e.g. the recording system's call number"))
        form.addRow(self.tr("Call recording"), self.recording)
        layout.addLayout(form)
        self.questions = QGroupBox(self.tr("Script"))
        qform = QFormLayout(self.questions)
        self.inputs: dict[str, QWidget] = {}
        zh = language() != "en"
        for q in self.script.questions:
            text = q.zh if zh else q.en
            widget: QWidget
            if q.answer_type is AnswerType.YES_NO:
                combo = QComboBox()
                combo.addItem("—", None)
                combo.addItem(self.tr("Yes"), "yes")
                combo.addItem(self.tr("No"), "no")
                widget = combo
            elif q.answer_type is AnswerType.SCALE:
                combo = QComboBox()
                combo.addItem("—", None)
                for n in range(5, 0, -1):
                    combo.addItem("★" * n + f" {n}", str(n))
                widget = combo
            else:
                widget = QLineEdit()
            widget.setObjectName(f"answer_{q.code}")
            self.inputs[q.code] = widget
            qform.addRow(text + ("" if q.required else self.tr(" (optional)")), widget)
        layout.addWidget(self.questions)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.result_alerts: list[int] = []

    def _outcome_changed(self) -> None:
        reached = self.outcome.currentData() == CallbackOutcome.REACHED
        for code, widget in self.inputs.items():
            widget.setEnabled(reached or code == "comment")

    def answers(self) -> tuple[dict[str, str], str | None]:
        out: dict[str, str] = {}
        comment = None
        for code, widget in self.inputs.items():
            if not widget.isEnabled():
                continue
            if isinstance(widget, QComboBox):
                value = widget.currentData()
                if value is not None:
                    out[code] = str(value)
            elif isinstance(widget, QLineEdit) and widget.text().strip():
                if code == "comment":
                    comment = widget.text().strip()
                else:
                    out[code] = widget.text().strip()
        return out, comment

    def save(self) -> None:
        answers, comment = self.answers()
        store, actor, item_id = self.ctx.store, self.ctx.actor, self.item.id
        outcome, ref = str(self.outcome.currentData()), self.recording.text()
        self.buttons.setEnabled(False)

        def work(_c: Any) -> callbacks.RecordResult:
            return callbacks.record_callback(
                store, actor, item_id, outcome=outcome, answers=answers, comment=comment, recording_ref=ref
            )

        def done(result: callbacks.RecordResult) -> None:
            self.result_alerts = result.alert_ids
            self.ctx.bus.data_changed.emit("callbacks")
            if result.alert_ids:
                QMessageBox.warning(
                    self,
                    self.tr("Red flag"),
                    self.tr(
                        "An answer needs investigating: {n} alert case(s) opened for the branch manager."
                    ).replace("{n}", str(len(result.alert_ids))),
                )
            self.accept()

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            show_error(self, exc)

        run_task(work, on_done=done, on_error=failed, pool=self.ctx.pool)


class PoolView(QWidget):
    """The call-back officer's work list (the branch manager sees the same, read-only)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("callbackPoolView")
        self._requester = Requester(ctx.pool)
        self.status = QComboBox()
        self.status.setObjectName("poolStatusCombo")
        self.status.addItem(label_of(CallbackStatus, CallbackStatus.OPEN), CallbackStatus.OPEN.value)
        self.status.addItem(label_of(CallbackStatus, CallbackStatus.DONE), CallbackStatus.DONE.value)
        self.status.addItem(self.tr("All"), None)
        self.status.currentIndexChanged.connect(self.reload)
        self.record_button = QPushButton(self.tr("Record call-back…"))
        self.record_button.setObjectName("recordCallbackButton")
        self.record_button.clicked.connect(self.record_selected)
        self.record_button.setVisible(ctx.actor.role is Role.CALLBACK_OFFICER)
        self.open_button = QPushButton(self.tr("Client 360°"))
        self.open_button.clicked.connect(self.open_selected)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Show")))
        top.addWidget(self.status)
        top.addStretch(1)
        top.addWidget(self.open_button)
        top.addWidget(self.record_button)
        self.model = ItemModel(self)
        self.table = _table(self.model, "callbackPoolTable")
        self.table.doubleClicked.connect(lambda _i: self.record_selected())
        self.summary = QLabel()
        self.summary.setObjectName("poolSummary")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        ctx.bus.refresh_requested.connect(self.reload)
        ctx.bus.data_changed.connect(lambda area: self.reload() if area in ("callbacks", "*") else None)
        self.reload()

    def reload(self) -> None:
        store, actor, status = self.ctx.store, self.ctx.actor, self.status.currentData()
        self._requester.submit(
            lambda _c: callbacks.list_items(store, actor, status=status),
            on_done=self._loaded,
            on_error=lambda exc: show_error(self, exc),
        )

    def _loaded(self, items: list[ItemView]) -> None:
        self.model.set_rows(items)
        today = clock.today()
        open_items = [i for i in items if i.status == CallbackStatus.OPEN]
        late = sum(1 for i in open_items if i.due_date < today)
        self.summary.setText(
            self.tr("{n} shown; {open} open, {late} past due.")
            .replace("{n}", str(len(items)))
            .replace("{open}", str(len(open_items)))
            .replace("{late}", str(late))
        )

    def selected(self) -> ItemView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def record_selected(self) -> None:
        item = self.selected()
        if (
            item is None
            or self.ctx.actor.role is not Role.CALLBACK_OFFICER
            or item.status != CallbackStatus.OPEN
        ):
            return
        RecordDialog(self.ctx, item, self).exec()

    def open_selected(self) -> None:
        item = self.selected()
        if item is not None:
            self.ctx.open_client(self, item.client_no)


# ---------------------------------------------------------------- red-flag cases


class AlertModel(ListTableModel[AlertView]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                QCoreApplication.translate("CallbackModels", "No."),
                QCoreApplication.translate("CallbackModels", "Opened"),
                QCoreApplication.translate("CallbackModels", "Client no."),
                QCoreApplication.translate("CallbackModels", "Client"),
                QCoreApplication.translate("CallbackModels", "Red flag"),
                QCoreApplication.translate("CallbackModels", "Manager"),
                QCoreApplication.translate("CallbackModels", "Status"),
                QCoreApplication.translate("CallbackModels", "Conclusion"),
            ],
            parent,
        )

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        a = self._rows[index.row()]
        if role == DISPLAY:
            return [
                str(a.id),
                _when(a.opened_at),
                a.client_no,
                a.client_name,
                a.kind_label,
                a.manager_login or "",
                a.status_label,
                a.conclusion or a.investigation_note or "",
            ][index.column()]
        if role == FOREGROUND and a.status != "closed" and index.column() == 4:
            return OVERDUE_BRUSH
        return None


class AlertsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("alertsView")
        self._requester = Requester(ctx.pool)
        self.model = AlertModel(self)
        self.table = _table(self.model, "alertsTable")
        self.investigate_button = QPushButton(self.tr("Investigate…"))
        self.close_button = QPushButton(self.tr("Close with conclusion…"))
        self.investigate_button.clicked.connect(lambda: self._act("investigate"))
        self.close_button.clicked.connect(lambda: self._act("close"))
        top = QHBoxLayout()
        top.addWidget(
            QLabel(
                self.tr(
                    "Red flags from call-back answers: the branch manager investigates and closes "
                    "each case with a conclusion."
                )
            )
        )
        top.addStretch(1)
        top.addWidget(self.investigate_button)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        ctx.bus.refresh_requested.connect(self.reload)
        ctx.bus.data_changed.connect(lambda area: self.reload() if area in ("callbacks", "*") else None)
        self.reload()

    def reload(self) -> None:
        store, actor = self.ctx.store, self.ctx.actor
        self._requester.submit(
            lambda _c: alerts.list_alerts(store, actor),
            on_done=self.model.set_rows,
            on_error=lambda exc: show_error(self, exc),
        )

    def _act(self, what: str) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        case = self.model.row_at(rows[0].row())
        prompt = (
            self.tr("How is it being investigated?")
            if what == "investigate"
            else self.tr("Conclusion (what was found, what was done):")
        )
        text, ok = QInputDialog.getMultiLineText(self, case.kind_label, prompt)
        if not ok:
            return
        store, actor = self.ctx.store, self.ctx.actor
        fn = alerts.investigate if what == "investigate" else alerts.close
        run_task(
            lambda _c: fn(store, actor, case.id, text),
            on_done=lambda _r: self.ctx.bus.data_changed.emit("callbacks"),
            on_error=lambda exc: show_error(self, exc),
            pool=self.ctx.pool,
        )


class CallbacksPage(QTabWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pool = PoolView(ctx)
        self.addTab(self.pool, self.tr("Call-back pool"))
        self.alerts: AlertsView | None = None
        if ctx.actor.is_branch_manager:
            self.alerts = AlertsView(ctx)
            self.addTab(self.alerts, self.tr("Red flags"))


# ---------------------------------------------------------------- complaints register


class ComplaintModel(ListTableModel[ComplaintView]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                QCoreApplication.translate("CallbackModels", "No."),
                QCoreApplication.translate("CallbackModels", "Received"),
                QCoreApplication.translate("CallbackModels", "Client no."),
                QCoreApplication.translate("CallbackModels", "Client"),
                QCoreApplication.translate("CallbackModels", "Channel"),
                QCoreApplication.translate("CallbackModels", "Category"),
                QCoreApplication.translate("CallbackModels", "Acknowledge by"),
                QCoreApplication.translate("CallbackModels", "Resolve by"),
                QCoreApplication.translate("CallbackModels", "Status"),
                QCoreApplication.translate("CallbackModels", "Handler"),
                QCoreApplication.translate("CallbackModels", "About"),
                QCoreApplication.translate("CallbackModels", "Summary"),
            ],
            parent,
        )

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        c = self._rows[index.row()]
        if role == DISPLAY:
            status = c.status_label + (self.tr(" · overdue") if c.overdue else "")
            return [
                str(c.id),
                _when(c.received_at),
                c.client_no,
                c.client_name,
                c.channel_label,
                c.category_label,
                c.acknowledge_by.isoformat(),
                c.due_date.isoformat(),
                status,
                c.handler_login or "",
                c.about_login or "",
                c.summary,
            ][index.column()]
        if role == FOREGROUND and c.overdue and index.column() in (6, 7, 8):
            return OVERDUE_BRUSH
        return None


class ComplaintDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("complaintDialog")
        self.setWindowTitle(self.tr("Register a complaint"))
        form = QFormLayout(self)
        self.client = QLineEdit()
        self.client.setObjectName("complaintClientEdit")
        self.channel = QComboBox()
        for code in codes(ComplaintChannel):
            self.channel.addItem(label_of(ComplaintChannel, code), code)
        self.category = QComboBox()
        for code in codes(ComplaintCategory):
            self.category.addItem(label_of(ComplaintCategory, code), code)
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("complaintSummaryEdit")
        form.addRow(self.tr("Client no."), self.client)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("What the client complains about"), self.summary)
        form.addRow(QLabel(self.tr("Deadlines follow the branch's complaint settings (working days).")))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def save(self) -> None:
        store, actor = self.ctx.store, self.ctx.actor
        client, channel, category = (
            self.client.text(),
            self.channel.currentData(),
            self.category.currentData(),
        )
        summary = self.summary.toPlainText()
        self.buttons.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            show_error(self, exc)

        def done(_id: int) -> None:
            self.ctx.bus.data_changed.emit("complaints")
            self.accept()

        run_task(
            lambda _c: complaints.add_complaint(
                store, actor, client, channel=channel, category=category, summary=summary
            ),
            on_done=done,
            on_error=failed,
            pool=self.ctx.pool,
        )


class ComplaintsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("complaintsView")
        self._requester = Requester(ctx.pool)
        self.overdue_only = QComboBox()
        self.overdue_only.addItem(self.tr("All complaints"), False)
        self.overdue_only.addItem(self.tr("Overdue only"), True)
        self.overdue_only.currentIndexChanged.connect(self.reload)
        self.add_button = QPushButton(self.tr("Register…"))
        self.add_button.setObjectName("addComplaintButton")
        self.add_button.clicked.connect(lambda: ComplaintDialog(ctx, self).exec())
        self.assign_button = QPushButton(self.tr("Assign handler…"))
        self.assign_button.clicked.connect(self.assign_selected)
        self.assign_button.setVisible(ctx.actor.is_branch_manager)
        self.ack_button = QPushButton(self.tr("Acknowledged"))
        self.ack_button.clicked.connect(lambda: self._act("ack"))
        self.resolve_button = QPushButton(self.tr("Resolve…"))
        self.resolve_button.clicked.connect(lambda: self._act("resolve"))
        self.report_button = QPushButton(self.tr("Yearly report…"))
        self.report_button.clicked.connect(self.export_report)
        self.report_button.setVisible(ctx.actor.is_branch_manager)
        top = QHBoxLayout()
        top.addWidget(self.overdue_only)
        top.addStretch(1)
        for b in (
            self.add_button,
            self.assign_button,
            self.ack_button,
            self.resolve_button,
            self.report_button,
        ):
            top.addWidget(b)
        self.model = ComplaintModel(self)
        self.table = _table(self.model, "complaintsTable")
        self.summary = QLabel()
        self.summary.setObjectName("complaintsSummary")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        ctx.bus.refresh_requested.connect(self.reload)
        ctx.bus.data_changed.connect(lambda area: self.reload() if area in ("complaints", "*") else None)
        self.reload()

    def reload(self) -> None:
        store, actor, only = self.ctx.store, self.ctx.actor, bool(self.overdue_only.currentData())
        self._requester.submit(
            lambda _c: complaints.list_complaints(store, actor, overdue_only=only),
            on_done=self._loaded,
            on_error=lambda exc: show_error(self, exc),
        )

    def _loaded(self, rows: list[ComplaintView]) -> None:
        self.model.set_rows(rows)
        open_ = sum(1 for r in rows if r.status != ComplaintStatus.RESOLVED)
        late = sum(1 for r in rows if r.overdue)
        self.summary.setText(
            self.tr("{n} complaints; {open} not resolved; {late} overdue.")
            .replace("{n}", str(len(rows)))
            .replace("{open}", str(open_))
            .replace("{late}", str(late))
        )

    def selected(self) -> ComplaintView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _run(self, fn: Any) -> None:
        run_task(
            fn,
            on_done=lambda _r: self.ctx.bus.data_changed.emit("complaints"),
            on_error=lambda exc: show_error(self, exc),
            pool=self.ctx.pool,
        )

    def assign_selected(self) -> None:
        c = self.selected()
        if c is None:
            return
        login, ok = QInputDialog.getText(self, self.tr("Assign handler"), self.tr("Handler's login:"))
        if ok and login.strip():
            store, actor = self.ctx.store, self.ctx.actor
            self._run(lambda _c: complaints.assign(store, actor, c.id, login))

    def _act(self, what: str) -> None:
        c = self.selected()
        if c is None:
            return
        store, actor = self.ctx.store, self.ctx.actor
        if what == "ack":
            self._run(lambda _c: complaints.acknowledge(store, actor, c.id))
            return
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Resolve"), self.tr("Resolution given to the client:")
        )
        if not ok:
            return
        accepted = QMessageBox.question(
            self, self.tr("Resolve"), self.tr("Did the client accept the resolution?")
        )
        yes = accepted == QMessageBox.StandardButton.Yes
        self._run(lambda _c: complaints.resolve(store, actor, c.id, resolution=text, accepted=yes))

    def export_report(self) -> None:
        year = qdates.today().year()
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Yearly complaint report"),
            f"complaints_{year}.xlsx",
            self.tr("Excel workbook (*.xlsx)"),
        )
        if not path:
            return
        store, actor = self.ctx.store, self.ctx.actor
        try:
            report = complaints.year_report(store, actor, year)
        except CrmError as exc:
            show_error(self, exc)
            return
        go, purpose = ask_export_purpose(self, len(report.complaints))
        if not go:
            return
        run_task(
            # audited before the file gets its name, as `crm complaints report` is
            lambda _c: exports.write_audited(
                store,
                actor,
                Path(path),
                lambda tmp: callbacks_xlsx.write_year_report(report, tmp),
                action="complaints.report",
                entity_type="export",
                rows=len(report.complaints),
                purpose=purpose,
                year=year,
            ),
            on_done=lambda out: self.ctx.bus.status_message.emit(str(out)),
            on_error=lambda exc: show_error(self, exc),
            pool=self.ctx.pool,
        )


# ---------------------------------------------------------------- compliance additions


class MonthModel(ListTableModel[MonthRow]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                QCoreApplication.translate("CallbackModels", "Manager"),
                QCoreApplication.translate("CallbackModels", "Month"),
                QCoreApplication.translate("CallbackModels", "New accounts"),
                QCoreApplication.translate("CallbackModels", "Called back within a month"),
                QCoreApplication.translate("CallbackModels", "Missed"),
                QCoreApplication.translate("CallbackModels", "Pending"),
                QCoreApplication.translate("CallbackModels", "Coverage"),
                QCoreApplication.translate("CallbackModels", "Sample done"),
                QCoreApplication.translate("CallbackModels", "Open red flags"),
                QCoreApplication.translate("CallbackModels", "Overdue complaints"),
            ],
            parent,
        )

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        r = self._rows[index.row()]
        if role == DISPLAY:
            cov = "—" if r.coverage is None else f"{r.coverage:.0%}"
            return [
                r.manager_login,
                r.month,
                r.opened,
                r.covered,
                r.missed,
                r.pending,
                cov,
                r.sample_done,
                r.red_flags_open,
                r.complaints_overdue,
            ][index.column()]
        if role == ALIGN and index.column() >= 2:
            return RIGHT
        if role == FOREGROUND and (
            (index.column() == 4 and r.missed)
            or (index.column() >= 8 and [r.red_flags_open, r.complaints_overdue][index.column() - 8])
        ):
            return OVERDUE_BRUSH
        return None


class SampleModel(ListTableModel[SampleRow]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                QCoreApplication.translate("CallbackModels", "Manager"),
                QCoreApplication.translate("CallbackModels", "Non-dormant clients"),
                QCoreApplication.translate("CallbackModels", "Yearly target"),
                QCoreApplication.translate("CallbackModels", "Done"),
                QCoreApplication.translate("CallbackModels", "Open"),
                QCoreApplication.translate("CallbackModels", "Achieved"),
            ],
            parent,
        )

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        r = self._rows[index.row()]
        if role == DISPLAY:
            return [
                r.manager_login,
                r.book,
                r.target,
                r.done,
                r.open,
                self.tr("yes") if r.achieved else self.tr("not yet"),
            ][index.column()]
        if role == ALIGN and 1 <= index.column() <= 4:
            return RIGHT
        return None


class SatisfactionModel(ListTableModel[SatisfactionRow]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                QCoreApplication.translate("CallbackModels", "Manager"),
                QCoreApplication.translate("CallbackModels", "Answers"),
                QCoreApplication.translate("CallbackModels", "Mean satisfaction"),
            ],
            parent,
        )

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        r = self._rows[index.row()]
        if role == DISPLAY:
            mean = self.tr("not enough data") if r.mean is None else f"{r.mean:.2f}"
            return [r.manager_login, r.answers, mean][index.column()]
        if role == ALIGN and index.column() >= 1:
            return RIGHT
        return None


class CallbackComplianceView(QWidget):
    """Call-back coverage, the yearly sample, red flags and overdue complaints by manager and month."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("callbackComplianceView")
        self.report: CallbackCompliance | None = None
        self._requester = Requester(ctx.pool)
        today = qdates.today()
        self.from_edit = QDateEdit(QDate(today.year(), 1, 1))
        self.to_edit = QDateEdit(today)
        for e in (self.from_edit, self.to_edit):
            e.setCalendarPopup(True)
            e.setDisplayFormat("yyyy-MM-dd")
            e.dateChanged.connect(self.reload)
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.clicked.connect(self.choose_export)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("From")))
        top.addWidget(self.from_edit)
        top.addWidget(QLabel(self.tr("to")))
        top.addWidget(self.to_edit)
        top.addStretch(1)
        top.addWidget(self.export_button)
        self.months = MonthModel(self)
        self.sample = SampleModel(self)
        self.satisfaction = SatisfactionModel(self)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(_table(self.months, "callbackMonthsTable"))
        lower = QSplitter(Qt.Orientation.Horizontal)
        for title, model, name in (
            (self.tr("Yearly sample"), self.sample, "sampleTable"),
            (self.tr("Call-back satisfaction"), self.satisfaction, "satisfactionTable"),
        ):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(_table(model, name))
            lower.addWidget(box)
        split.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        ctx.bus.refresh_requested.connect(self.reload)
        ctx.bus.data_changed.connect(
            lambda area: self.reload() if area in ("callbacks", "complaints", "*") else None
        )
        self.reload()

    def period(self) -> tuple[date, date]:
        return self.from_edit.date().toPython(), self.to_edit.date().toPython()  # type: ignore[return-value]

    def reload(self) -> None:
        store, actor = self.ctx.store, self.ctx.actor
        start, end = self.period()
        self._requester.submit(
            lambda _c: callback_compliance.callback_compliance(store, actor, start, end),
            on_done=self._loaded,
            on_error=lambda exc: show_error(self, exc),
        )

    def _loaded(self, report: CallbackCompliance) -> None:
        self.report = report
        self.months.set_rows([*report.months, report.total()] if report.months else [])
        self.sample.set_rows(report.sample)
        self.satisfaction.set_rows(report.satisfaction)

    def choose_export(self) -> None:
        report = self.report
        if report is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export call-back compliance"), "callbacks.xlsx", self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        report = self.report
        if report is None:
            return

        def write(_c: Any) -> Path:
            import pandas as pd

            with pd.ExcelWriter(path, engine="openpyxl") as writer:
                for sheet, frame in callbacks_xlsx.frames(report).items():
                    safe_frame(frame).to_excel(writer, sheet_name=sheet[:31], index=False)
            return path

        run_task(
            write,
            on_done=lambda out: self.ctx.bus.status_message.emit(str(out)),
            on_error=lambda exc: show_error(self, exc),
            pool=self.ctx.pool,
        )
