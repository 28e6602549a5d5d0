"""Approvals: the branch manager's inbox of reassignment requests; an investment manager's own requests.

Branch managers select one or many pending requests and approve or reject them with a comment; when
the rules are breached the breaches are shown and an override reason is asked for. Investment
managers see the requests they filed (and those that move their clients) with their status, and can
withdraw their own pending ones. Both see their notifications here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain import RequestStatus, label
from crm_desktop.errors import CrmError
from crm_desktop.gui.branch.models import ROW_ROLE, SORT_ROLE, RequestCol, RequestModel
from crm_desktop.gui.branch.request_dialog import ReassignRequestDialog
from crm_desktop.gui.context import AppContext, ClientActionSpec
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.theme import heading_colour, overdue_colour
from crm_desktop.gui.workers import Requester, TaskControl, run_task
from crm_desktop.services import notifications, reassignment
from crm_desktop.services.notifications import NotificationView
from crm_desktop.services.reassignment import OverrideRequired, RequestView

IM, BM = "investment_manager", "branch_manager"


class ApprovalsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.is_bm = ctx.actor.is_branch_manager
        self._loader = Requester(ctx.pool)
        self.loaded = False

        title = QLabel(
            self.tr("<h2>Reassignment approvals</h2>")
            if self.is_bm
            else self.tr("<h2>My reassignment requests</h2>")
        )
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem(label(RequestStatus.PENDING), RequestStatus.PENDING.value)
        self.status_filter.addItem(self.tr("All"), None)
        for status in (RequestStatus.APPROVED, RequestStatus.REJECTED, RequestStatus.WITHDRAWN):
            self.status_filter.addItem(label(status), status.value)
        if not self.is_bm:
            self.status_filter.setCurrentIndex(1)
        self.status_filter.currentIndexChanged.connect(self.reload)
        self.count_label = QLabel()
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.count_label)
        top.addWidget(QLabel(self.tr("Show:")))
        top.addWidget(self.status_filter)
        top.addWidget(refresh)

        self.model = RequestModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("requestTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(RequestCol.ID, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self._open_client)

        self.detail = QTextBrowser()
        self.detail.setObjectName("requestDetail")
        self.approve_btn = QPushButton(self.tr("&Approve…"))
        self.reject_btn = QPushButton(self.tr("&Reject…"))
        self.withdraw_btn = QPushButton(self.tr("&Withdraw"))
        self.approve_btn.clicked.connect(self.approve_selected)
        self.reject_btn.clicked.connect(self.reject_selected)
        self.withdraw_btn.clicked.connect(self.withdraw_selected)
        self.approve_btn.setVisible(self.is_bm)
        self.reject_btn.setVisible(self.is_bm)
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_btn)
        buttons.addWidget(self.reject_btn)
        buttons.addWidget(self.withdraw_btn)
        buttons.addStretch(1)

        self.notes = QListWidget()
        self.notes.setObjectName("notifications")
        # long notifications wrap to the list's width instead of running off to the right
        self.notes.setWordWrap(True)
        self.notes.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.notes.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.notes.setTextElideMode(Qt.TextElideMode.ElideNone)
        mark = QPushButton(self.tr("Mark all read"))
        mark.clicked.connect(self.mark_all_read)
        notes_box = QGroupBox(self.tr("Notifications"))
        nl = QVBoxLayout(notes_box)
        nl.addWidget(self.notes)
        nl.addWidget(mark)

        lower = QSplitter()
        detail_box = QWidget()
        dl = QVBoxLayout(detail_box)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.detail)
        dl.addLayout(buttons)
        lower.addWidget(detail_box)
        lower.addWidget(notes_box)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split)
        self._selection_changed()
        ctx.bus.refresh_requested.connect(self.reload)
        ctx.bus.data_changed.connect(self._data_changed)
        self.reload()

    # ------------------------------------------------------------------ loading

    def _data_changed(self, area: str) -> None:
        if area in ("approvals", "clients", "*"):
            self.reload()

    def reload(self) -> None:
        status = self.status_filter.currentData()
        store, actor = self.ctx.store, self.ctx.actor

        def load(_control: TaskControl) -> tuple[list[RequestView], list[NotificationView]]:
            return reassignment.list_requests(store, actor, status), notifications.list_notifications(
                store, actor
            )

        self._loader.submit(load, on_done=self._loaded, on_error=lambda e: show_error(self, e))

    def _loaded(self, result: tuple[list[RequestView], list[NotificationView]]) -> None:
        requests, notes = result
        selected = {r.id for r in self.selected()}
        self.model.set_rows(requests)
        pending = sum(1 for r in requests if r.status == "pending")
        self.count_label.setText(self.tr("{n} pending").replace("{n}", str(pending)))
        self.notes.clear()
        for n in notes:
            when = n.created_at.astimezone().strftime("%m-%d %H:%M")
            item = QListWidgetItem(f"{when}  {n.title}\n{n.body}" if n.body else f"{when}  {n.title}")
            item.setData(Qt.ItemDataRole.UserRole, n.id)
            if n.read_at is None:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            item.setToolTip(item.text())
            self.notes.addItem(item)
        self.table.resizeColumnsToContents()
        # the headers need their room too (审批结果 was clipped): never narrower than the header text
        header = self.table.horizontalHeader()
        for col in range(header.count()):
            header.resizeSection(col, max(header.sectionSize(col), header.sectionSizeHint(col)))
        sel = self.table.selectionModel()
        for row in range(self.proxy.rowCount()):
            idx = self.proxy.index(row, 0)
            if idx.data(ROW_ROLE).id in selected:
                sel.select(idx, sel.SelectionFlag.Select | sel.SelectionFlag.Rows)
        self.loaded = True
        self._selection_changed()

    # ------------------------------------------------------------------ selection

    def selected(self) -> list[RequestView]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.row_at(r) for r in sorted(rows)]

    def select_ids(self, ids: list[int]) -> None:
        sel = self.table.selectionModel()
        sel.clearSelection()
        for row in range(self.proxy.rowCount()):
            idx = self.proxy.index(row, 0)
            if idx.data(ROW_ROLE).id in ids:
                sel.select(idx, sel.SelectionFlag.Select | sel.SelectionFlag.Rows)

    def _selection_changed(self, *_: Any) -> None:
        chosen = self.selected()
        pending = [r for r in chosen if r.status == "pending"]
        self.approve_btn.setEnabled(bool(pending) and len(pending) == len(chosen))
        self.reject_btn.setEnabled(bool(pending) and len(pending) == len(chosen))
        self.withdraw_btn.setEnabled(
            len(pending) == 1 and pending[0].requested_by_login == self.ctx.actor.login
        )
        self.withdraw_btn.setVisible(
            any(r.requested_by_login == self.ctx.actor.login for r in self.model._rows)
        )
        self.detail.setHtml(self._detail_html(chosen))

    def _detail_html(self, chosen: list[RequestView]) -> str:
        if not chosen:
            return self.tr("<p>Select one or more requests.</p>")
        if len(chosen) > 1:
            breaches = sum(1 for r in chosen if r.status == "pending" and not r.verdict.ok)
            return (
                self.tr("<p><b>{n} requests selected</b>; {b} breach the matching or capacity rules.</p>")
                .replace("{n}", str(len(chosen)))
                .replace("{b}", str(breaches))
            )
        r = chosen[0]
        rows = [
            (self.tr("Client"), f"{r.client_no} {r.client_name}"),
            (self.tr("Rules"), r.verdict.text() if r.status == "pending" else "-"),
            (self.tr("Engine suggests"), r.engine_suggestion or self.tr("nothing for this client")),
            (self.tr("Comment"), r.comment or "-"),
            (self.tr("Handover note"), r.handover_note or "-"),
            (self.tr("Requested by"), f"{r.requested_by_name} {r.requested_at.astimezone():%Y-%m-%d %H:%M}"),
        ]
        if r.decided_at is not None:
            rows.append(
                (
                    self.tr("Decided by"),
                    f"{r.decided_by_name or '-'} {r.decided_at.astimezone():%Y-%m-%d %H:%M}",
                )
            )
            rows.append((self.tr("Decision comment"), r.decision_comment or "-"))
        if r.override_reason:
            rows.append((self.tr("Override reason"), r.override_reason))
        # the heading takes the palette's text colour, so it stays visible on a dark theme
        color = (
            overdue_colour(self.palette()).name()
            if r.status == "pending" and not r.verdict.ok
            else heading_colour(self)
        )
        body = "".join(f"<tr><td><b>{k}</b></td><td>{_esc(v)}</td></tr>" for k, v in rows)
        return f"<h3 style='color:{color}'>#{r.id}</h3><table cellspacing='4'>{body}</table>"

    def _open_client(self, index: Any) -> None:
        r = index.data(ROW_ROLE)
        if r is not None:
            self.ctx.open_client(self, r.client_no)

    # ------------------------------------------------------------------ actions

    def ask_text(self, title: str, prompt: str, *, required: bool) -> str | None:
        """A comment or reason from the user; None when cancelled (tests replace this)."""
        while True:
            text, ok = QInputDialog.getMultiLineText(self, title, prompt)
            if not ok:
                return None
            if text.strip() or not required:
                return text.strip()

    def confirm_override(self, breaches: list[str]) -> str | None:
        """Show the breaches and ask for the override reason; None when the user backs out."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Rules breached"),
            self.tr("Approving breaches the matching or capacity rules:") + "\n\n" + "\n".join(breaches),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        go = box.addButton(self.tr("Approve with override…"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is not go:
            return None
        return self.ask_text(
            self.tr("Override reason"), self.tr("Why approve despite the breach? (recorded)"), required=True
        )

    def approve_selected(self) -> None:
        ids = [r.id for r in self.selected() if r.status == "pending"]
        if not ids:
            return
        comment = self.ask_text(
            self.tr("Approve"),
            self.tr("Comment for {n} request(s) (optional):").replace("{n}", str(len(ids))),
            required=False,
        )
        if comment is None:
            return
        self._approve(ids, comment, None)

    def _approve(self, ids: list[int], comment: str, override: str | None) -> None:
        store, actor = self.ctx.store, self.ctx.actor

        def work(_c: TaskControl) -> list[int]:
            return reassignment.approve_requests(store, actor, ids, comment or None, override)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, OverrideRequired) and override is None:
                reason = self.confirm_override(exc.details)
                if reason:
                    self._approve(ids, comment, reason)
                return
            show_error(self, exc)
            self.reload()

        self._run(work, failed, self.tr("Approved: {ids}").replace("{ids}", ", ".join(f"#{i}" for i in ids)))

    def reject_selected(self) -> None:
        ids = [r.id for r in self.selected() if r.status == "pending"]
        if not ids:
            return
        comment = self.ask_text(
            self.tr("Reject"),
            self.tr("Why are these {n} request(s) rejected? (required)").replace("{n}", str(len(ids))),
            required=True,
        )
        if not comment:
            return
        store, actor = self.ctx.store, self.ctx.actor
        self._run(
            lambda _c: reassignment.reject_requests(store, actor, ids, comment),
            self._failed,
            self.tr("Rejected: {ids}").replace("{ids}", ", ".join(f"#{i}" for i in ids)),
        )

    def withdraw_selected(self) -> None:
        chosen = [r for r in self.selected() if r.status == "pending"]
        if len(chosen) != 1:
            return
        rid = chosen[0].id
        store, actor = self.ctx.store, self.ctx.actor
        self._run(
            lambda _c: reassignment.withdraw_request(store, actor, rid),
            self._failed,
            self.tr("Withdrawn: #{id}").replace("{id}", str(rid)),
        )

    def _failed(self, exc: BaseException) -> None:
        show_error(self, exc)
        self.reload()

    def mark_all_read(self) -> None:
        store, actor = self.ctx.store, self.ctx.actor
        self._run(lambda _c: notifications.mark_all_read(store, actor), lambda e: show_error(self, e), "")

    def _run(
        self, work: Callable[[TaskControl], Any], failed: Callable[[BaseException], Any], done_text: str
    ) -> None:
        self.approve_btn.setEnabled(False)
        self.reject_btn.setEnabled(False)

        def done(_result: object) -> None:
            if done_text:
                self.ctx.bus.status_message.emit(done_text)
            self.ctx.bus.data_changed.emit("approvals")
            self.ctx.bus.data_changed.emit("clients")

        run_task(work, on_done=done, on_error=failed, pool=self.ctx.pool)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


def create_page(ctx: AppContext) -> QWidget:
    return ApprovalsPage(ctx)


def register_actions(ctx: AppContext) -> None:
    """The client 360° view offers "Request reassignment" to investment and branch managers."""

    def request(parent: QWidget, client_no: str) -> None:
        try:
            ReassignRequestDialog(ctx, [client_no], parent).exec()
        except CrmError as exc:
            show_error(parent, exc)

    ctx.client_actions["request_reassignment"] = ClientActionSpec(
        "request_reassignment",
        QCoreApplication.translate("ApprovalsPage", "Request reassignment…"),
        request,
        roles=(IM, BM),
    )


def on_signed_in(ctx: AppContext, window: QWidget) -> None:
    """Tell the user at sign-in how many notifications (decisions, clients received) are unread."""
    store, actor = ctx.store, ctx.actor

    def done(n: object) -> None:
        if isinstance(n, int) and n:
            ctx.bus.status_message.emit(
                QCoreApplication.translate(
                    "ApprovalsPage", "{n} unread notifications: see Approvals."
                ).replace("{n}", str(n))
            )

    run_task(
        lambda _c: notifications.unread_count(store, actor),
        on_done=done,
        on_error=lambda _e: None,
        pool=ctx.pool,
    )
