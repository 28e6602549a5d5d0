"""The touch recording form (ui/touch_form.ui): the six-step standard flow as a checklist.

Required steps follow the chosen type (from ``services.touches.REQUIRED_STEPS``) and are marked
with *; the service validates again on save, so the form can never save what the CLI would refuse.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Any, cast

from PySide6.QtCore import QDateTime, QTime, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from crm_desktop import clock
from crm_desktop.db.models.enums import Channel, TouchType
from crm_desktop.domain.labels import label_of
from crm_desktop.domain.vocabulary import CampaignResponse
from crm_desktop.errors import InvalidInput, PermissionDenied, SaveInDoubt, StoreUnavailable
from crm_desktop.gui import qdates
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.forms.ui_touch_form import Ui_TouchForm
from crm_desktop.gui.theme import OVERDUE_COLOUR
from crm_desktop.gui.workers import run_task
from crm_desktop.services import campaigns, touches
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
# A campaign response goes through one of the channels the campaign service accepts.
CAMPAIGN_CHANNELS = [c.value for c in campaigns.RESPONSE_CHANNELS]
CAMPAIGN_TYPE = TouchType.CAMPAIGN.value
SUBSCRIBED, DECLINED = CampaignResponse.SUBSCRIBED.value, CampaignResponse.DECLINED.value
# Keys of a touch's checklist the form edits; any other key (a campaign's response) is kept on edits.
FORM_KEYS = frozenset({IDENTITY, NEEDS, RISK, ADVICE, CONTENT, FEEDBACK})
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
    """Record one touch for a client, optionally completing a given task.

    When the task chosen is a campaign task, the form records the client's response to the campaign
    (interested, subscribed with the amount, declined with the reason, not reached) through
    ``services.campaigns.respond``: the touch and the response in one transaction, as
    ``crm campaign respond`` does. Only the client's manager may; the service says so otherwise.
    """

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
        # The campaign task chosen, if any: then the form records the campaign response.
        self._campaign: touches.OpenTask | None = None
        self._type_before = ""
        self._in_doubt: int | None = None  # a touch whose save was cut off, until the server answers
        ui = self.ui
        for t in TOUCH_TYPES:
            ui.typeCombo.addItem(touches.type_label(t), t)
        self._fill_channels(CHANNELS)
        ui.responseCombo.addItem(self.tr("Choose the client's response"), None)
        for r in CampaignResponse:
            ui.responseCombo.addItem(label_of(CampaignResponse, r), r.value)
        ui.campaignGroup.hide()
        self._summary_text = ui.summaryLabel.text()
        self._summary_hint = ui.summaryEdit.placeholderText()
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
        ui.taskCombo.currentIndexChanged.connect(lambda _i: self._task_kind_changed())
        ui.responseCombo.currentIndexChanged.connect(lambda _i: self._response_changed())
        ui.amountEdit.textChanged.connect(lambda _t: self._check_amount())
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
        else:  # a campaign contact: its response is kept; the rest of the touch may be corrected
            ui.typeCombo.addItem(touches.type_label(v.touch_type), v.touch_type)
            ui.typeCombo.setCurrentIndex(ui.typeCombo.count() - 1)
        ui.typeCombo.setEnabled(False)  # a different type is a different touch: cancel and record anew
        # Which task a touch completed is fixed when it is recorded.
        ui.taskCombo.hide()
        ui.closesLabel.hide()
        index = ui.channelCombo.findData(v.channel)
        if index >= 0:
            ui.channelCombo.setCurrentIndex(index)
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
        combo.blockSignals(True)  # filling the chooser is not choosing: the form follows once, below
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
        combo.blockSignals(False)
        self._task_kind_changed()

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
        index = self.ui.channelCombo.findData(channel) if channel else -1
        if index >= 0:
            self.ui.channelCombo.setCurrentIndex(index)
        if not getattr(self, "_task_picked_by_user", True):
            self._pick_default_task()
        self._mark_required()

    def required(self) -> frozenset[str]:
        if self._campaign is not None:
            return frozenset()  # the response is the record; the steps done are noted as ticked
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
        c = self._campaign
        if c is not None:  # the campaign's talking points are what the manager was to say
            self.ui.contentEdit.setPlainText(c.talking_points or c.campaign_name)
            return
        self.ui.contentEdit.setPlainText(touches.content_template(self.touch_type()))

    # ------------------------------------------------------------ campaign tasks

    def _fill_channels(self, codes: list[str]) -> None:
        combo = self.ui.channelCombo
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for c in codes:
            combo.addItem(touches.channel_label(c), c)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def chosen_campaign(self) -> touches.OpenTask | None:
        """The campaign task chosen in the task chooser, if the chosen task is one."""
        task_id = self.chosen_task()
        return next((t for t in self._open_tasks if t.task_id == task_id and t.is_campaign), None)

    def _task_kind_changed(self) -> None:
        if self.edit is not None:
            return
        campaign = self.chosen_campaign()
        was = self._campaign
        self._campaign = campaign
        ui = self.ui
        if campaign is not None and was is None:
            self._type_before = self.touch_type()
            ui.typeCombo.blockSignals(True)
            ui.typeCombo.addItem(touches.type_label(CAMPAIGN_TYPE), CAMPAIGN_TYPE)
            ui.typeCombo.setCurrentIndex(ui.typeCombo.count() - 1)
            ui.typeCombo.blockSignals(False)
            ui.typeCombo.setEnabled(False)
            self._fill_channels(CAMPAIGN_CHANNELS)
            ui.adviceCheck.setChecked(False)
            ui.adviceCheck.setEnabled(False)
            ui.adviceCheck.setToolTip(
                self.tr(
                    "A campaign contact is marketing, not investment advice: advice is recorded on its own."
                )
            )
            ui.summaryLabel.setText(self.tr("&Summary"))
            ui.summaryEdit.setPlaceholderText(
                self.tr("Optional: added after the response in the touch history")
            )
        elif campaign is None and was is not None:
            # back to the ordinary task's own type (or the one chosen before the campaign task)
            task = next((t for t in self._open_tasks if t.task_id == self.chosen_task()), None)
            back = task.task_type if task is not None and task.task_type in TOUCH_TYPES else self._type_before
            ui.typeCombo.blockSignals(True)
            ui.typeCombo.removeItem(ui.typeCombo.findData(CAMPAIGN_TYPE))
            ui.typeCombo.setCurrentIndex(max(0, ui.typeCombo.findData(back)))
            ui.typeCombo.blockSignals(False)
            ui.typeCombo.setEnabled(True)
            self._fill_channels(CHANNELS)
            ui.adviceCheck.setEnabled(True)
            ui.adviceCheck.setToolTip("")
            ui.summaryLabel.setText(self._summary_text)
            ui.summaryEdit.setPlaceholderText(self._summary_hint)
            self._type_changed()
        if campaign is not None:
            info = self.tr("Campaign “%1”").replace("%1", campaign.campaign_name)
            if campaign.talking_points:
                info += "\n" + self.tr("Talking points: %1").replace("%1", campaign.talking_points)
            ui.campaignInfoLabel.setText(info)
            ui.amountLabel.setText(
                self.tr("&Amount (CNY) *") if campaign.product_code else self.tr("&Amount (CNY)")
            )
            ui.campaignGroup.show()
            self._response_changed()
        else:
            ui.campaignGroup.hide()
            self._check_amount()
        self._mark_required()

    def response(self) -> str | None:
        data = self.ui.responseCombo.currentData()
        return None if data is None else str(data)

    def _response_changed(self) -> None:
        ui, r = self.ui, self.response()
        form = ui.campaignForm
        form.setRowVisible(ui.amountEdit, r == SUBSCRIBED)
        form.setRowVisible(ui.reasonEdit, r == DECLINED)
        self._check_amount()

    def _check_amount(self) -> bool:
        """Say at once when the amount is not an exact amount in yuan (the service checks again)."""
        if self._campaign is None or self.response() != SUBSCRIBED:
            if self.ui.messageLabel.property("amount_error"):
                self._say("")  # no amount is asked for any more
            return True
        try:
            campaigns.parse_amount(self.ui.amountEdit.text())
        except InvalidInput as exc:
            self._say(exc.message)
            return False
        if self.ui.messageLabel.property("amount_error"):
            self._say("")
        return True

    def _say(self, text: str) -> None:
        """A message the amount check may clear again once the amount is valid."""
        self.ui.messageLabel.setProperty("amount_error", bool(text))
        self._show_error(text)

    def _show_error(self, text: str) -> None:
        self.ui.messageLabel.setText(
            f"<span style='color:{OVERDUE_COLOUR}'>{html.escape(text)}</span>" if text else ""
        )

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

    def campaign_values(self) -> dict[str, Any] | None:
        """The response's part of a campaign touch, or None after saying in the form what is missing."""
        c, response = self._campaign, self.response()
        assert c is not None and c.campaign_id is not None
        if response is None:
            self._say(self.tr("Choose the client's response to the campaign."))
            return None
        amount = None
        if response == SUBSCRIBED:
            try:
                amount = campaigns.parse_amount(self.ui.amountEdit.text())
            except InvalidInput as exc:
                self._say(exc.message)
                return None
        reason = self.ui.reasonEdit.text() if response == DECLINED else None
        return {"campaign_id": c.campaign_id, "response": response, "amount": amount, "reason": reason}

    def save(self) -> None:
        kwargs = self.values()
        store, actor, client_no = self.ctx.store, self.ctx.actor, self.client_no
        answer = self.campaign_values() if self._campaign is not None and self.edit is None else None
        if self._campaign is not None and self.edit is None and answer is None:
            return
        self.save_button.setEnabled(False)
        self.ui.messageLabel.setText(self.tr("Saving…"))
        edit = self.edit
        if answer is not None:
            for key in ("touch_type", "task_id", "close_task"):
                kwargs.pop(key)
            resp = answer

            def work(_c: Any) -> int:
                # the touch, the response on the list and the task closed: one transaction
                return campaigns.respond(
                    store,
                    actor,
                    resp["campaign_id"],
                    client_no,
                    resp["response"],
                    amount=resp["amount"],
                    reason=resp["reason"],
                    **kwargs,
                ).touch_id

            self._handle = run_task(work, on_done=self._saved, on_error=self._failed, pool=self.ctx.pool)
            return
        if edit is not None:
            for key in ("touch_type", "task_id", "close_task"):
                kwargs.pop(key)
            # keep what the form does not show (a campaign touch's response) as it was
            kept = {k: v for k, v in edit.checklist.items() if k not in FORM_KEYS}
            kwargs["checklist"] = {**kept, **kwargs["checklist"]}

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
        elif self._campaign is not None:
            message = (
                self.tr("Response recorded for {no}: {response}; campaign task completed: {task}.")
                .replace("{response}", self.ui.responseCombo.currentText())
                .replace("{task}", self.ui.taskCombo.currentText())
            )
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
            self._show_error(exc.message)
            if isinstance(exc, SaveInDoubt):
                # Not known yet whether it was saved: no second save until the server answers.
                self.save_button.setEnabled(False)
                if self._in_doubt is None:
                    hub().restored.connect(self._check_in_doubt)
                self._in_doubt = exc.record_id
            return
        if isinstance(exc, InvalidInput):
            # Shown in the form, next to what needs fixing, rather than in a modal box.
            self._say(exc.message)
            return
        if isinstance(exc, PermissionDenied) and self._campaign is not None:
            # e.g. a branch manager on another manager's client: the form stays open to choose otherwise
            self._say(self.tr("Not allowed: %1").replace("%1", exc.message))
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
        self._show_error(touches.in_doubt_message(self._in_doubt))

    def _doubt_answered(self, saved: bool) -> None:
        touch_id, self._in_doubt = self._in_doubt, None
        if saved and touch_id is not None:
            self._saved(touch_id)
            return
        self.save_button.setEnabled(True)
        self._show_error(
            self.tr(
                "The touch was NOT saved (the connection dropped before the server committed it) and no "
                "task was closed. What you entered is still here: save again."
            )
        )


def open_touch_form(ctx: AppContext, parent: QWidget | None, client_no: str, **kwargs: Any) -> TouchDialog:
    dialog = TouchDialog(ctx, client_no, parent=parent.window() if parent is not None else None, **kwargs)
    dialog.show()
    return dialog


__all__ = ["TouchDialog", "open_touch_form"]
