"""Departure: move every client of a leaving manager, as one batch of requests.

Choose the manager, get the proposed distribution (highest grades to the most capable first, within
capacity), change any line's target in the table (every change re-checks the rules), add a comment and
a handover note, and submit the whole set for approval.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.errors import CrmError
from crm_desktop.gui.branch.models import EDIT, SORT_ROLE, DeparturePlanModel, PlanCol, manager_text
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.workers import Requester, TaskControl
from crm_desktop.services import reassignment as svc
from crm_desktop.services import staff as staff_service


class TargetDelegate(QStyledItemDelegate):
    """A combo box of the eligible managers for the "new manager" column."""

    def __init__(self, model: DeparturePlanModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = model

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        for m in self.plan.managers():
            combo.addItem(manager_text(m.display_name, m.tier, m.load, m.capacity), m.login)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(EDIT))))

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), EDIT)


class DepartureDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Manager departure: move all clients"))
        self.resize(980, 620)
        self._loader = Requester(ctx.pool)
        self.request_ids: list[int] = []

        self.leaver = QComboBox()
        self.leaver.setObjectName("leaverCombo")
        try:
            people = [
                s for s in staff_service.list_staff(ctx.store, ctx.actor) if s.role == "investment_manager"
            ]
        except CrmError as exc:
            people = []
            show_error(self, exc)
        for s in people:
            self.leaver.addItem(
                f"{s.display_name}（{s.login}）" + ("" if s.active else self.tr(" — disabled")), s.login
            )
        propose = QPushButton(self.tr("&Propose distribution"))
        propose.clicked.connect(self.propose)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Leaving manager:")))
        top.addWidget(self.leaver, 1)
        top.addWidget(propose)

        self.model = DeparturePlanModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("planTable")
        self.table.setModel(self.proxy)
        self.table.setItemDelegateForColumn(PlanCol.TO, TargetDelegate(self.model, self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.model.dataChanged.connect(self._update_summary)
        self.model.modelReset.connect(self._update_summary)

        self.summary = QLabel()
        self.summary.setObjectName("planSummary")
        self.summary.setWordWrap(True)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("e.g. leaves the branch on 2026-12-31"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Handover note for every new manager"))
        form = QFormLayout()
        form.addRow(self.tr("&Comment:"), self.comment)
        form.addRow(self.tr("&Handover note:"), self.note)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.submit_btn = self.buttons.addButton(
            self.tr("&Submit batch for approval"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.submit_btn.setEnabled(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_summary()

    def propose(self) -> None:
        login = self.leaver.currentData()
        if not login:
            return
        store, actor = self.ctx.store, self.ctx.actor

        def work(_c: TaskControl) -> svc.DepartureProposal:
            return svc.propose_departure(store, actor, str(login))

        self.summary.setText(self.tr("Working out a distribution…"))
        self._loader.submit(work, on_done=self._proposed, on_error=lambda e: show_error(self, e))

    def _proposed(self, proposal: svc.DepartureProposal) -> None:
        self.model.set_proposal(proposal)
        self.table.resizeColumnsToContents()

    def _update_summary(self, *_: Any) -> None:
        p = self.model.proposal
        if p is None:
            self.summary.setText(self.tr("Choose the leaving manager and propose a distribution."))
            self.submit_btn.setEnabled(False)
            return
        if not p.moves:
            self.summary.setText(
                self.tr("{name} has no clients left to move (or all have pending requests).").replace(
                    "{name}", p.from_name
                )
            )
            self.submit_btn.setEnabled(False)
            return
        counts: dict[str, int] = {}
        for t in self.model.targets:
            if t:
                counts[t] = counts.get(t, 0) + 1
        names = {m.login: m.display_name for m in p.managers}
        spread = "，".join(f"{names.get(k, k)} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))
        breaches = self.model.breach_count()
        text = self.tr("{n} clients: {spread}.").replace("{n}", str(len(p.moves))).replace("{spread}", spread)
        if breaches:
            text += " " + self.tr(
                "{b} lines breach the rules and will need an override at approval."
            ).replace("{b}", str(breaches))
        self.summary.setText(text)
        self.submit_btn.setEnabled(bool(self.model.moves()))

    def submit(self) -> None:
        p = self.model.proposal
        if p is None:
            return
        try:
            self.request_ids = svc.submit_departure(
                self.ctx.store,
                self.ctx.actor,
                p.from_login,
                self.model.moves(),
                self.comment.text() or None,
                self.note.text() or None,
            )
        except CrmError as exc:
            show_error(self, exc)
            return
        self.ctx.bus.data_changed.emit("approvals")
        self.ctx.bus.status_message.emit(
            self.tr("{n} departure requests filed for approval.").replace("{n}", str(len(self.request_ids)))
        )
        self.accept()
