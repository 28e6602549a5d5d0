"""The client 360° view: profile (masked, audited reveal), grade and reasons, indicators, charts and lists."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QWidget,
)

from crm_desktop.domain import ClientStatus, ClientType, label_of
from crm_desktop.errors import NotFound
from crm_desktop.gui import settings as opts
from crm_desktop.gui.clients.record_models import (
    assignments_model,
    board_label,
    coded,
    holdings_model,
    letters_model,
    money,
    notes_model,
    tasks_model,
    touches_model,
)
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.forms.ui_client_360 import Ui_Client360
from crm_desktop.gui.workers import Requester, TaskControl, run_task
from crm_desktop.i18n import language
from crm_desktop.services import clients as service
from crm_desktop.services.clients import ClientView

GEOMETRY = opts.area_option("clients", "view_geometry", QByteArray())
SPLITTER = opts.area_option("clients", "view_splitter", QByteArray())
TAB = opts.area_option("clients", "view_tab", 0)


def _load(control: TaskControl, ctx: AppContext, client_no: str, lang: str) -> ClientView:
    control.check()
    return service.load_client_view(ctx.store, ctx.actor, client_no, lang=lang)


def _pct(v: Any) -> str:
    return "—" if v is None else f"{float(v) * 100:.1f}%"


class Client360Dialog(QDialog):
    """One client's whole relationship. Loads on a worker; F5 and store changes reload it."""

    def __init__(self, ctx: AppContext, client_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client_no = client_no
        self.view: ClientView | None = None
        self.ui = Ui_Client360()
        self.ui.setupUi(self)
        self.setObjectName(f"client360_{client_no}")
        self.setWindowTitle(self.tr("Client {no}").replace("{no}", client_no))
        big = QFont(self.ui.nameLabel.font())
        big.setPointSizeF(big.pointSizeF() * 1.5)
        big.setBold(True)
        self.ui.nameLabel.setFont(big)
        self.ui.messageLabel.hide()
        self._requester = Requester(ctx.pool)
        self._reveal_edits: dict[str, QLineEdit] = {}

        self.holdings, self._fill_holdings = holdings_model(self)
        self.touches, self._fill_touches = touches_model(self)
        self.tasks, self._fill_tasks = tasks_model(self)
        self.letters, self._fill_letters = letters_model(self)
        self.assignments, self._fill_assignments = assignments_model(self)
        self.notes, self._fill_notes = notes_model(self)
        # Client notes (quick add's note) sit in the history beside the touches.
        self.notes_view = QTableView()
        self.notes_view.setObjectName("notesView")
        self.notes_view.setWordWrap(True)
        self.ui.tabs.insertTab(
            self.ui.tabs.indexOf(self.ui.touchesTab) + 1, self.notes_view, self.tr("&Notes")
        )
        for table, model in (
            (self.notes_view, self.notes),
            (self.ui.holdingsView, self.holdings),
            (self.ui.touchesView, self.touches),
            (self.ui.tasksView, self.tasks),
            (self.ui.lettersView, self.letters),
            (self.ui.assignmentsView, self.assignments),
        ):
            self._setup_table(table, model)
        self.ui.touchesView.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.notes_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        from crm_desktop.gui.clients.charts import AllocationChart, AssetTrendChart

        self.trend_chart = AssetTrendChart(self.ui.chartsWidget)
        self.allocation_chart = AllocationChart(self.ui.chartsWidget)
        self.ui.chartsLayout.addWidget(self.trend_chart, 3)
        self.ui.chartsLayout.addWidget(self.allocation_chart, 2)
        self.ui.overviewSplitter.setStretchFactor(0, 2)
        self.ui.overviewSplitter.setStretchFactor(1, 3)
        em = self.fontMetrics().horizontalAdvance("M")
        self.ui.detailsScroll.setMinimumWidth(em * 24)
        self.ui.overviewSplitter.setSizes([em * 34, em * 50])
        self.ui.summaryLabel.setWordWrap(False)

        from crm_desktop.gui.suitability.panel import SuitabilityPanel

        self.suitability = SuitabilityPanel(ctx, client_no)
        self.ui.tabs.addTab(self.suitability, self.tr("&Suitability"))
        self.action_buttons: dict[str, QPushButton] = {}
        self._add_actions()
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.reload)
        ctx.bus.refresh_requested.connect(self.reload)
        ctx.bus.data_changed.connect(self._data_changed)
        self._restore()
        self.reload()

    # ------------------------------------------------------------------ setup
    def _setup_table(self, table: QTableView, model: Any) -> None:
        table.setModel(model)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(int(table.fontMetrics().height() * 1.6))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)

    def _add_actions(self) -> None:
        # Only actions another area has really registered: none are faked while an area is missing.
        for spec in self.ctx.actions_for(self.ctx.actor.role.value):
            button = QPushButton(spec.label, self)
            button.setObjectName(f"action_{spec.key}")
            button.clicked.connect(lambda _=False, s=spec: s.handler(self, self.client_no))
            self.ui.actionsLayout.addWidget(button)
            self.action_buttons[spec.key] = button
        if self.action_buttons:
            self.ui.actionsLayout.addStretch(1)

    def _restore(self) -> None:
        s = self.ctx.settings
        geometry = GEOMETRY.get(s)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        splitter = SPLITTER.get(s)
        if not splitter.isEmpty():
            self.ui.overviewSplitter.restoreState(splitter)
        tab = TAB.get(s)
        if 0 <= tab < self.ui.tabs.count():
            self.ui.tabs.setCurrentIndex(tab)

    def save_state(self) -> None:
        s = self.ctx.settings
        GEOMETRY.set(s, self.saveGeometry())
        SPLITTER.set(s, self.ui.overviewSplitter.saveState())
        TAB.set(s, self.ui.tabs.currentIndex())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self.save_state()
        self._requester.cancel()
        try:
            self.ctx.bus.refresh_requested.disconnect(self.reload)
            self.ctx.bus.data_changed.disconnect(self._data_changed)
        except (RuntimeError, TypeError):
            pass
        super().done(result)

    # ------------------------------------------------------------------ loading
    @property
    def loading(self) -> bool:
        return self._requester.busy or self.suitability.loading

    def reload(self) -> None:
        self.suitability.reload()
        self.ui.progressBar.show()
        self._requester.submit(
            _load, self.ctx, self.client_no, language(), on_done=self._show, on_error=self._failed
        )

    def _data_changed(self, _area: str) -> None:
        if self.isVisible():
            self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.ui.progressBar.hide()
        if isinstance(exc, NotFound):
            # Reassigned away (or never visible): say so and show nothing of it any more.
            self.view = None
            self.ui.tabs.setEnabled(False)
            for b in self.action_buttons.values():
                b.setEnabled(False)
            self.ui.messageLabel.setText(exc.message)
            self.ui.messageLabel.show()
            return
        show_error(self, exc)

    def _show(self, view: ClientView) -> None:
        self.view = view
        self.ui.progressBar.hide()
        self.ui.messageLabel.hide()
        self.ui.tabs.setEnabled(True)
        p = view.profile
        self.ui.nameLabel.setText(f"{p.name}  {p.client_no}")
        bits = []
        if view.score:
            bits.append(coded("grade", view.score.get("grade")))
        bits += [p.risk_level, self.tr("Manager: {name}").replace("{name}", p.manager_name or "—")]
        self.ui.summaryLabel.setText(" · ".join(bits))
        self._show_profile(view)
        self._show_score(view)
        self._show_indicators(view)
        self._settle_details()
        self.trend_chart.plot(view.asset_series)
        self.allocation_chart.plot(view.allocation, {k: board_label(k) for k in view.allocation})
        self._fill_holdings(view.holdings)
        self._fill_touches(view.touches)
        self._fill_tasks(view.open_tasks)
        self._fill_letters(view.letters)
        self._fill_assignments(view.assignments)
        self._fill_notes(view.notes)
        for table in (
            self.notes_view,
            self.ui.holdingsView,
            self.ui.touchesView,
            self.ui.tasksView,
            self.ui.lettersView,
            self.ui.assignmentsView,
        ):
            table.resizeColumnsToContents()
        counts = (
            (self.ui.holdingsTab, self.tr("&Holdings ({n})"), len(view.holdings)),
            (self.ui.touchesTab, self.tr("&Touches ({n})"), len(view.touches)),
            (self.ui.tasksTab, self.tr("Open t&asks ({n})"), len(view.open_tasks)),
            (self.ui.lettersTab, self.tr("&Letters ({n})"), len(view.letters)),
            (self.ui.assignmentsTab, self.tr("Assi&gnments ({n})"), len(view.assignments)),
            (self.notes_view, self.tr("&Notes ({n})"), len(view.notes)),
        )
        for tab, text, n in counts:
            self.ui.tabs.setTabText(self.ui.tabs.indexOf(tab), text.replace("{n}", str(n)))

    def _settle_details(self) -> None:
        # Rows added to a visible form are shown by a queued call, and until then they count for no
        # height, so the panel would be painted squeezed for a moment: show them and lay out now.
        for w in self.ui.detailsWidget.findChildren(QWidget):
            if not w.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
                w.show()
        self.ui.detailsLayout.activate()
        widget, viewport = self.ui.detailsWidget, self.ui.detailsScroll.viewport().size()
        hint = widget.minimumSizeHint()
        widget.resize(max(viewport.width(), hint.width()), max(viewport.height(), hint.height()))

    # ------------------------------------------------------------------ overview panels
    @staticmethod
    def _clear(form: QFormLayout) -> None:
        while form.rowCount():
            form.removeRow(0)

    def _show_profile(self, view: ClientView) -> None:
        p = view.profile
        form = self.ui.profileBoxLayout
        self._clear(form)
        self._reveal_edits = {}
        type_label = label_of(ClientType, p.client_type)
        form.addRow(self.tr("Client no.:"), QLabel(p.client_no))
        form.addRow(self.tr("Name:"), QLabel(f"{p.name} ({type_label})"))
        if p.may_reveal:
            for field, title, value in (
                ("id_number", self.tr("ID number:"), p.id_number),
                ("phone", self.tr("Phone:"), p.phone),
                ("email", self.tr("Email:"), p.email),
                ("address", self.tr("Address:"), p.address),
                ("birth_date", self.tr("Birth date:"), p.birth_date),
            ):
                form.addRow(title, self._personal_row(field, title.rstrip(":："), value))
        else:
            note = QLabel(self.tr("Personal data is not shown to administrators."))
            note.setWordWrap(True)
            form.addRow(note)
        form.addRow(self.tr("Opened:"), QLabel(p.open_date.isoformat()))
        assessed = p.risk_assessed_on.isoformat() if p.risk_assessed_on else "—"
        risk = QLabel(
            self.tr("{level} (assessed {date})").replace("{level}", p.risk_level).replace("{date}", assessed)
        )
        risk.setToolTip(self.tr("Declared risk level C1 (conservative) to C5 (aggressive)"))
        form.addRow(self.tr("Risk level:"), risk)
        form.addRow(self.tr("Status:"), QLabel(self._status_label(p.status)))
        form.addRow(self.tr("Branch:"), QLabel(p.branch_name or "—"))
        since = p.assigned_on.isoformat() if p.assigned_on else "—"
        form.addRow(
            self.tr("Manager:"),
            QLabel(
                self.tr("{name} since {date}")
                .replace("{name}", p.manager_name or "—")
                .replace("{date}", since)
            ),
        )

    def _status_label(self, status: str) -> str:
        return label_of(ClientStatus, status)

    def _personal_row(self, field: str, title: str, masked: str) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        value = QLineEdit(masked or "—")
        value.setReadOnly(True)
        value.setFrame(False)
        value.setObjectName(f"value_{field}")
        row.addWidget(value, 1)
        button = QToolButton()
        button.setObjectName(f"reveal_{field}")
        button.setText(self.tr("Show"))
        button.setToolTip(
            self.tr("Show the full value. You will be asked for a reason; it is recorded in the audit log.")
        )
        button.setEnabled(bool(masked))
        button.clicked.connect(lambda _=False: self.reveal(field, title))
        row.addWidget(button)
        self._reveal_edits[field] = value
        return box

    def ask_reason(self, title: str) -> str | None:
        """Ask why the full value is needed; None when the person cancels."""
        text, ok = QInputDialog.getText(
            self,
            self.tr("Reason for viewing"),
            self.tr("Why do you need the full {field}? The reason is recorded in the audit log.").replace(
                "{field}", title
            ),
        )
        return text if ok else None

    def reveal(self, field: str, title: str) -> None:
        reason = self.ask_reason(title)
        if reason is None:
            return

        def work(control: TaskControl) -> str:
            return service.reveal_field(self.ctx.store, self.ctx.actor, self.client_no, field, reason)

        def done(value: str) -> None:
            edit = self._reveal_edits.get(field)
            if edit is not None:
                edit.setText(value)
                edit.setToolTip(self.tr("Revealed; recorded in the audit log"))
                box = edit.parentWidget()
                btn = box.findChild(QToolButton, f"reveal_{field}") if box is not None else None
                if btn is not None:
                    btn.setEnabled(False)

        run_task(work, on_done=done, on_error=lambda e: show_error(self, e), pool=self.ctx.pool)

    def _show_score(self, view: ClientView) -> None:
        s = view.score
        if not s:
            text = self.tr("Not scored yet. Grades and reasons appear after the next scoring run.")
            self.ui.reasonsLabel.setText(html.escape(text))
            return
        mism = (
            self.tr("behaviour differs from the assessment (hint)")
            if s.get("suitability_mismatch")
            else self.tr("behaviour consistent with the assessment")
        )
        head = self.tr(
            "<b>{grade}</b> · value score <b>{score}</b> · churn risk <b>{churn}</b> · lifecycle "
            "{life} · {mism}"
        )
        head = (
            head.replace("{grade}", html.escape(coded("grade", s.get("grade"))))
            .replace("{score}", f"{float(s.get('value_score') or 0):.1f}")
            .replace("{churn}", html.escape(coded("churn_risk", s.get("churn_risk"))))
            .replace("{life}", html.escape(coded("lifecycle", s.get("lifecycle"))))
            .replace("{mism}", html.escape(mism))
        )
        as_of = view.run_as_of.isoformat() if view.run_as_of else "—"
        items = "".join(f"<li>{html.escape(r)}</li>" for r in view.reasons)
        self.ui.reasonsLabel.setText(
            f"{head}<ul style='margin-left:0px; -qt-list-indent:1'>{items}</ul>"
            + html.escape(self.tr("Scoring run as of {date}").replace("{date}", as_of))
        )

    def _show_indicators(self, view: ClientView) -> None:
        form = self.ui.indicatorsBoxLayout
        self._clear(form)
        s = view.score
        if not s:
            form.addRow(QLabel(self.tr("Not scored yet")))
            return

        def num(v: Any, places: int = 2) -> str:
            return "—" if v is None else f"{float(v):,.{places}f}"

        rows = [
            (self.tr("Average daily assets:"), money(float(s["avg_assets"])), ""),
            (self.tr("Latest total assets:"), money(float(s["latest_assets"])), ""),
            (self.tr("Commission, 12 months:"), money(float(s["commission_12m"])), ""),
            (self.tr("Turnover:"), num(s.get("turnover")), self.tr("Traded value divided by average assets")),
            (self.tr("Activity:"), coded("activity", s.get("activity")), ""),
            (self.tr("Risk style:"), coded("risk_style", s.get("risk_style")), ""),
            (
                self.tr("Trading ability:"),
                coded("trading_ability", s.get("trading_ability")),
                self.tr("Judged from closed round trips (FIFO)"),
            ),
            (self.tr("Win rate:"), _pct(s.get("win_rate")), ""),
            (self.tr("Realized P&L:"), money(float(s["realized_pnl"])), ""),
            (
                self.tr("Average holding period:"),
                self.tr("{n} days").replace("{n}", num(s.get("avg_holding_days"), 0)),
                "",
            ),
            (
                self.tr("Securitization ratio:"),
                _pct(s.get("securitization_ratio")),
                self.tr("Securities value divided by total assets"),
            ),
            (
                self.tr("Top industry:"),
                f"{s.get('top_industry') or '—'} ({_pct(s.get('top_industry_share'))})",
                "",
            ),
            (
                self.tr("New listings share:"),
                _pct(s.get("new_listing_share")),
                self.tr("Share of new and recent listings in the holdings"),
            ),
            (self.tr("Largest position:"), _pct(s.get("largest_position_share")), ""),
        ]
        for title, value, tip in rows:
            lab = QLabel(value)
            lab.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if tip:
                lab.setToolTip(tip)
            form.addRow(title, lab)
