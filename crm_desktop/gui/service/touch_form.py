"""The touch recording form (ui/touch_form.ui): the six-step standard flow as a checklist.

Required steps follow the chosen type (from ``services.touches.REQUIRED_STEPS``) and are marked
with *; the service validates again on save, so the form can never save what the CLI would refuse.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from PySide6.QtCore import QDateTime, QTime, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from crm_desktop import clock
from crm_desktop.db.models.enums import Channel, TouchType
from crm_desktop.errors import InvalidInput, SaveInDoubt, StoreUnavailable
from crm_desktop.gui import qdates
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.forms.ui_touch_form import Ui_TouchForm
from crm_desktop.gui.workers import run_task
from crm_desktop.services import touches
from crm_desktop.services.touches import (
    ADVICE,
    CONTENT,
    FEEDBACK,
    IDENTITY,
    NEEDS,
    NEXT_STEP,
    RISK,
    TouchView,
)

NO_TASK = -1  # the chooser's "no task" entry
TOUCH_TYPES = [t.value for t in TouchType if t not in (TouchType.HANDOVER, TouchType.CAMPAIGN)]
CHANNELS = [c.value for c in Channel if c is not Channel.SYSTEM]
# The channel a type usually goes through, preselected to save a click.
DEFAULT_CHANNEL = {
    "phone_call": "phone",
    "visit": "in_person",
    "review_letter": "mail",
    "risk_disclosure": "phone",
    "risk_reassessment": "in_person",
    "retention_call": "phone",
    "message": "wechat",
    "greeting": "wechat",
    "complaint": "phone",
}


class TouchDialog(QDialog):
    """Record one touch for a client, optionally completing a given task."""

    saved = Signal(int)

    def __init__(
        self,
        ctx: AppContext,
        client_no: str,
        *,
        task_id: int | None = None,
        task_type: str | None = None,
        task_text: str = "",
        edit: TouchView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client_no = client_no
        self.task_id = task_id
        # Editing an existing touch (its current revision) instead of recording a new one.
        self.edit = edit
        self.ui = Ui_TouchForm()
        self.ui.setupUi(self)
        self._handle: Any = None
        self._in_doubt: int | None = None  # a touch whose save was cut off, until the server answers
        ui = self.ui
        for t in TOUCH_TYPES:
            ui.typeCombo.addItem(touches.type_label(t), t)
        for c in CHANNELS:
            ui.channelCombo.addItem(touches.channel_label(c), c)
        ui.satisfactionCombo.addItem(self.tr("Satisfaction —"), None)
        for n in range(5, 0, -1):
            ui.satisfactionCombo.addItem("★" * n + f" {n}", n)
        now = qdates.now_local()
        ui.occurredEdit.setMaximumDateTime(now.addSecs(120))
        ui.occurredEdit.setDateTime(now)
        ui.followUpEdit.setDate(qdates.today().addDays(7))
        ui.followUpEdit.setMinimumDate(qdates.today())
        ui.followUpEdit.setEnabled(False)
        ui.clientLabel.setText(f"<b>{client_no}</b>")
        # The task chooser says which open task the touch completes; taskLabel is only for edits.
        ui.taskLabel.hide()
        self._open_tasks: list[touches.OpenTask] = []
        # Once the user picks a task (or none), changing the type no longer re-picks one.
        self._task_picked_by_user = task_id is not None
        ui.taskCombo.activated.connect(self._task_picked)
        self._labels: dict[str, QLabel | Any] = {
            IDENTITY: ui.identityCheck,
            NEEDS: ui.needsCheck,
            CONTENT: ui.contentLabel,
            RISK: ui.riskCheck,
            FEEDBACK: ui.feedbackLabel,
            NEXT_STEP: ui.nextStepLabel,
        }
        self._texts = {k: w.text() for k, w in self._labels.items()}
        self.save_button = ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        ui.typeCombo.currentIndexChanged.connect(self._type_changed)
        ui.occurredEdit.dateTimeChanged.connect(self._update_backdate)
        ui.followUpCheck.toggled.connect(ui.followUpEdit.setEnabled)
        ui.templateButton.clicked.connect(self._use_template)
        ui.adviceCheck.toggled.connect(lambda _on: self._mark_required())
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)
        if task_type in TOUCH_TYPES:
            ui.typeCombo.setCurrentIndex(TOUCH_TYPES.index(task_type))
        self._type_changed()
        self._update_backdate()
        self._load_client()
        if edit is not None:
            self._fill(edit)
        else:
            self._load_tasks(task_id)

    def _fill(self, v: TouchView) -> None:
        ui = self.ui
        self.setWindowTitle(self.tr("Change a service touch"))
        if v.touch_type in TOUCH_TYPES:
            ui.typeCombo.setCurrentIndex(TOUCH_TYPES.index(v.touch_type))
        ui.typeCombo.setEnabled(False)  # a different type is a different touch: cancel and record anew
        # Which task a touch completed is fixed when it is recorded.
        ui.taskCombo.hide()
        ui.closesLabel.hide()
        if v.channel in CHANNELS:
            ui.channelCombo.setCurrentIndex(CHANNELS.index(v.channel))
        local = v.occurred_at.astimezone()
        ui.occurredEdit.setDateTime(QDateTime(qdates.qdate(local.date()), QTime(local.hour, local.minute)))
        ui.summaryEdit.setPlainText(v.summary)
        c = v.checklist
        ui.identityCheck.setChecked(bool(c.get(IDENTITY)))
        ui.needsCheck.setChecked(bool(c.get(NEEDS)))
        ui.riskCheck.setChecked(bool(c.get(RISK)))
        ui.adviceCheck.setChecked(bool(c.get(ADVICE)))
        ui.contentEdit.setPlainText(str(c.get(CONTENT) or ""))
        ui.feedbackEdit.setText(str(c.get(FEEDBACK) or ""))
        index = ui.satisfactionCombo.findData(v.satisfaction)
        ui.satisfactionCombo.setCurrentIndex(max(index, 0))
        ui.nextStepEdit.setText(v.next_step or "")
        if v.follow_up_date is not None:
            ui.followUpEdit.setMinimumDate(qdates.qdate(v.follow_up_date))
            ui.followUpEdit.setDate(qdates.qdate(v.follow_up_date))
            ui.followUpCheck.setChecked(True)
        ui.backdateEdit.setText(v.backdate_reason or "")
        self._update_backdate()
        in_place = clock.now() - v.created_at <= touches.EDIT_IN_PLACE
        ui.taskLabel.setText(
            (
                self.tr(
                    "Changing touch #{id}. It was recorded less than 24 hours ago, so it is changed in place."
                )
                if in_place
                else self.tr(
                    "Changing touch #{id}. It was recorded more than 24 hours ago: your change is saved as a new "
                    "revision and the current text stays readable in the history."
                )
            ).replace("{id}", str(v.id))
        )
        ui.taskLabel.show()

    # ------------------------------------------------------------ form behaviour

    def _load_client(self) -> None:
        try:
            brief = touches.client_brief(self.ctx.store, self.ctx.actor, self.client_no)
        except Exception as exc:  # not visible / gone: say so, saving would fail the same way
            self.ui.clientLabel.setText(f"<b>{self.client_no}</b>")
            self.ui.messageLabel.setText(str(exc))
            self.save_button.setEnabled(False)
            return
        assessed = brief.risk_assessed_on.isoformat() if brief.risk_assessed_on else "—"
        self.ui.clientLabel.setText(
            self.tr("<b>{no}</b> {name} · risk level {level} (assessed {date})")
            .replace("{no}", brief.client_no)
            .replace("{name}", brief.name)
            .replace("{level}", brief.risk_level)
            .replace("{date}", assessed)
        )

    def _load_tasks(self, task_id: int | None) -> None:
        combo = self.ui.taskCombo
        combo.clear()
        try:
            self._open_tasks = touches.open_tasks_for(
                self.ctx.store, self.ctx.actor, self.client_no, clock.today()
            )
        except Exception:  # not visible / gone: _load_client already said so and disabled saving
            self._open_tasks = []
        for t in self._open_tasks:
            combo.addItem(t.describe(), t.task_id)
        combo.addItem(self.tr("No task (this touch completes none)"), NO_TASK)
        if task_id is not None and combo.findData(task_id) >= 0:
            combo.setCurrentIndex(combo.findData(task_id))
        else:
            self._pick_default_task()

    def _pick_default_task(self) -> None:
        combo = self.ui.taskCombo
        if combo.count() == 0:
            return
        match = touches.default_task(getattr(self, "_open_tasks", []), self.touch_type())
        index = combo.findData(match.task_id) if match is not None else combo.findData(NO_TASK)
        combo.setCurrentIndex(max(index, 0))

    def _task_picked(self, _index: int) -> None:
        self._task_picked_by_user = True

    def chosen_task(self) -> int | None:
        """The task the touch will complete; None when the user chose none."""
        data = self.ui.taskCombo.currentData()
        return None if data is None or data == NO_TASK else int(data)

    def touch_type(self) -> str:
        return str(self.ui.typeCombo.currentData())

    def _type_changed(self) -> None:
        t = self.touch_type()
        channel = DEFAULT_CHANNEL.get(t)
        if channel in CHANNELS:
            self.ui.channelCombo.setCurrentIndex(CHANNELS.index(channel))
        if not getattr(self, "_task_picked_by_user", True):
            self._pick_default_task()
        self._mark_required()

    def required(self) -> frozenset[str]:
        return touches.required_steps(self.touch_type(), {ADVICE: self.ui.adviceCheck.isChecked()})

    def _mark_required(self) -> None:
        req = self.required()
        for key, widget in self._labels.items():
            font = QFont(widget.font())
            font.setBold(key in req)
            widget.setFont(font)
            widget.setText(self._texts[key] + (" *" if key in req else ""))

    def _update_backdate(self) -> None:
        at = cast(datetime, self.ui.occurredEdit.dateTime().toPython())
        edit = getattr(self, "edit", None)
        # An edit is judged against when the touch was recorded, as the service does.
        recorded = (
            edit.created_at.astimezone().replace(tzinfo=None)
            if edit is not None
            else clock.now().astimezone().replace(tzinfo=None)
        )
        late = recorded - at > touches.BACKDATE_LIMIT or bool(edit is not None and edit.backdate_reason)
        self.ui.backdateEdit.setVisible(late)
        self.ui.backdateLabel.setVisible(late)

    def _use_template(self) -> None:
        self.ui.contentEdit.setPlainText(touches.content_template(self.touch_type()))

    # ------------------------------------------------------------ saving

    def values(self) -> dict[str, Any]:
        ui = self.ui
        checklist: dict[str, Any] = {
            IDENTITY: ui.identityCheck.isChecked(),
            NEEDS: ui.needsCheck.isChecked(),
            RISK: ui.riskCheck.isChecked(),
            ADVICE: ui.adviceCheck.isChecked(),
        }
        if ui.contentEdit.toPlainText().strip():
            checklist[CONTENT] = ui.contentEdit.toPlainText().strip()
        if ui.feedbackEdit.text().strip():
            checklist[FEEDBACK] = ui.feedbackEdit.text().strip()
        local = cast(datetime, ui.occurredEdit.dateTime().toPython())
        return {
            "touch_type": self.touch_type(),
            "channel": str(ui.channelCombo.currentData()),
            "summary": ui.summaryEdit.toPlainText(),
            "occurred_at": local.astimezone(UTC),
            "task_id": self.chosen_task(),
            "close_task": self.chosen_task() is not None,
            "checklist": checklist,
            "satisfaction": ui.satisfactionCombo.currentData(),
            "next_step": ui.nextStepEdit.text(),
            "follow_up_date": ui.followUpEdit.date().toPython() if ui.followUpCheck.isChecked() else None,
            "backdate_reason": ui.backdateEdit.text() if ui.backdateEdit.isVisible() else None,
        }

    def save(self) -> None:
        kwargs = self.values()
        store, actor, client_no = self.ctx.store, self.ctx.actor, self.client_no
        self.save_button.setEnabled(False)
        self.ui.messageLabel.setText(self.tr("Saving…"))
        edit = self.edit
        if edit is not None:
            for key in ("touch_type", "task_id", "close_task"):
                kwargs.pop(key)

            def work(_c: Any) -> int:
                assert edit is not None
                return touches.edit_touch(
                    store, actor, edit.id, expected_version=edit.version, **kwargs
                ).touch_id
        else:

            def work(_c: Any) -> int:
                return touches.record_touch(store, actor, client_no, **kwargs)

        self._handle = run_task(work, on_done=self._saved, on_error=self._failed, pool=self.ctx.pool)

    def _saved(self, touch_id: int) -> None:
        self.ui.messageLabel.setText("")
        self.ctx.bus.data_changed.emit("tasks")
        if self.edit is not None:
            message = self.tr("Touch changed for {no}.")
        elif self.chosen_task() is not None:
            message = self.tr("Touch recorded for {no}; task completed: {task}.").replace(
                "{task}", self.ui.taskCombo.currentText()
            )
        else:
            message = self.tr("Touch recorded for {no}; no task completed.")
        self.ctx.bus.status_message.emit(message.replace("{no}", self.client_no))
        self.saved.emit(int(touch_id))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, StoreUnavailable):
            # The server is away: said in the form (what was typed stays), and in the status bar.
            from crm_desktop.gui.server_watch import hub, report_unavailable

            report_unavailable(exc)
            self.ui.messageLabel.setText(f"<span style='color:#c0392b'>{exc.message}</span>")
            if isinstance(exc, SaveInDoubt):
                # Not known yet whether it was saved: no second save until the server answers.
                self.save_button.setEnabled(False)
                if self._in_doubt is None:
                    hub().restored.connect(self._check_in_doubt)
                self._in_doubt = exc.record_id
            return
        if isinstance(exc, InvalidInput):
            # Shown in the form, next to what needs fixing, rather than in a modal box.
            self.ui.messageLabel.setText(f"<span style='color:#c0392b'>{exc.message}</span>")
            return
        self.ui.messageLabel.setText("")
        show_error(self, exc)

    def _check_in_doubt(self) -> None:
        """The server is back: was the touch whose save was cut off committed?"""
        from crm_desktop.gui.server_watch import hub

        touch_id = self._in_doubt
        if touch_id is None:
            return
        hub().restored.disconnect(self._check_in_doubt)
        store, actor = self.ctx.store, self.ctx.actor
        self.ui.messageLabel.setText(self.tr("Connection restored: checking whether the touch was saved…"))
        self._handle = run_task(
            lambda _c: touches.touch_saved(store, actor, touch_id),
            on_done=self._doubt_answered,
            on_error=self._doubt_lookup_failed,
            pool=self.ctx.pool,
        )

    def _doubt_lookup_failed(self, exc: BaseException) -> None:
        """The server went away again before answering: still not known, so still no second save."""
        from crm_desktop.gui.server_watch import hub, report_unavailable

        if not isinstance(exc, StoreUnavailable) or self._in_doubt is None:
            self._in_doubt = None
            self._failed(exc)
            return
        report_unavailable(exc)
        hub().restored.connect(self._check_in_doubt)
        self.ui.messageLabel.setText(
            f"<span style='color:#c0392b'>{touches.in_doubt_message(self._in_doubt)}</span>"
        )

    def _doubt_answered(self, saved: bool) -> None:
        touch_id, self._in_doubt = self._in_doubt, None
        if saved and touch_id is not None:
            self._saved(touch_id)
            return
        self.save_button.setEnabled(True)
        self.ui.messageLabel.setText(
            "<span style='color:#c0392b'>"
            + self.tr(
                "The touch was NOT saved (the connection dropped before the server committed it) and no "
                "task was closed. What you entered is still here: save again."
            )
            + "</span>"
        )


def open_touch_form(ctx: AppContext, parent: QWidget | None, client_no: str, **kwargs: Any) -> TouchDialog:
    dialog = TouchDialog(ctx, client_no, parent=parent.window() if parent is not None else None, **kwargs)
    dialog.show()
    return dialog


__all__ = ["TouchDialog", "open_touch_form"]
