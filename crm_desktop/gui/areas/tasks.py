"""Tasks area: the agenda, compliance and (for branch managers) the service-plan editor.

Also registers the ``record_touch`` client action and, on sign-in, generates today's tasks in the
background and then shows today's counts (今日待办) in the status bar.
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QPushButton, QTabWidget, QWidget

from crm_desktop.gui.callbacks.views import CallbackComplianceView
from crm_desktop.gui.context import AppContext, ClientActionSpec
from crm_desktop.gui.service.agenda_view import AgendaView
from crm_desktop.gui.service.compliance_view import ComplianceView
from crm_desktop.gui.service.plan_editor import PlanEditor
from crm_desktop.gui.service.touch_form import open_touch_form
from crm_desktop.gui.service.touches_view import TouchesView
from crm_desktop.gui.suitability.register_view import SuitabilityRegisterView
from crm_desktop.gui.workers import TaskControl, run_task
from crm_desktop.services import tasks


class TasksPage(QTabWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agenda = AgendaView(ctx)
        self.compliance = ComplianceView(ctx)
        self.addTab(self.agenda, QCoreApplication.translate("TasksArea", "Agenda"))
        self.touches = TouchesView(ctx)
        self.addTab(self.touches, QCoreApplication.translate("TasksArea", "Touches"))
        self.addTab(self.compliance, QCoreApplication.translate("TasksArea", "Compliance"))
        self.callback_compliance = CallbackComplianceView(ctx)
        self.addTab(
            self.callback_compliance, QCoreApplication.translate("TasksArea", "Call-backs and complaints")
        )
        self.suitability: SuitabilityRegisterView | None = None
        if not ctx.actor.is_admin:
            self.suitability = SuitabilityRegisterView(ctx)
            self.addTab(self.suitability, SuitabilityRegisterView.title())
        self.plan: PlanEditor | None = None
        if ctx.actor.is_branch_manager:
            self.plan = PlanEditor(ctx)
            self.addTab(self.plan, QCoreApplication.translate("TasksArea", "Service plan"))


def create_page(ctx: AppContext) -> QWidget:
    return TasksPage(ctx)


def register_actions(ctx: AppContext) -> None:
    def record(parent: QWidget, client_no: str) -> None:
        open_touch_form(ctx, parent, client_no)

    ctx.client_actions["record_touch"] = ClientActionSpec(
        key="record_touch",
        label=QCoreApplication.translate("TasksArea", "Record touch"),
        handler=record,
        roles=("investment_manager", "branch_manager"),
    )


def today_text(counts: dict[str, int]) -> str:
    return (
        QCoreApplication.translate(
            "TasksArea", "Today: {today} due, {overdue} overdue, {week} more this week"
        )
        .replace("{today}", str(counts.get("today", 0)))
        .replace("{overdue}", str(counts.get("overdue", 0)))
        .replace("{week}", str(counts.get("this_week", 0)))
    )


def on_signed_in(ctx: AppContext, window: QWidget) -> Any:
    """Generate today's tasks on a worker, then show today's counts in the status bar (click → agenda)."""
    store, actor = ctx.store, ctx.actor
    button = QPushButton(QCoreApplication.translate("TasksArea", "Today: …"))
    button.setObjectName("todayCounts")
    button.setFlat(True)
    button.setToolTip(QCoreApplication.translate("TasksArea", "Open the agenda"))
    button.clicked.connect(lambda: ctx.bus.navigate.emit("tasks"))
    if isinstance(window, QMainWindow):
        window.statusBar().addPermanentWidget(button)

    def work(control: TaskControl) -> dict[str, int]:
        tasks.generate_tasks(store, actor, progress=control)
        return tasks.today_counts(store, actor)

    def show(counts: dict[str, int]) -> None:
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            button.setText(today_text(counts))

    def recount(kind: str = "tasks") -> None:
        # Seen in the app: the counter never changed after a touch, not even after F5.
        if kind in ("tasks", "touches", "letters"):
            run_task(lambda _c: tasks.today_counts(store, actor), on_done=show, pool=ctx.pool)

    def done(counts: dict[str, int]) -> None:
        show(counts)
        ctx.bus.data_changed.connect(recount)
        ctx.bus.refresh_requested.connect(recount)
        ctx.bus.data_changed.emit("tasks")

    def failed(exc: BaseException) -> None:
        # Start-of-day work must never block signing in: say it briefly and carry on.
        try:
            button.setText(QCoreApplication.translate("TasksArea", "Today's tasks could not be generated"))
            button.setToolTip(str(exc))
        except RuntimeError:
            pass

    return run_task(work, on_done=done, on_error=failed, pool=ctx.pool)
