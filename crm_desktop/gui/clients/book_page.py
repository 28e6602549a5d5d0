"""The client book page: filter bar, the table, counts and assets of the selection, export."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QByteArray, QEvent, QItemSelection, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.db.changes import ChangeBatch
from crm_desktop.domain import segments as segment_rule
from crm_desktop.domain.vocabulary import Lifecycle
from crm_desktop.errors import InvalidInput
from crm_desktop.gui import settings as opts
from crm_desktop.gui.clients.book_data import BookData, Col, Filters, collated_ranks, prepare
from crm_desktop.gui.clients.book_delegate import BookDelegate
from crm_desktop.gui.clients.book_model import ClientBookModel
from crm_desktop.gui.clients.segment_dialog import SaveSegmentDialog
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.export_reason import ask_export_purpose
from crm_desktop.gui.forms.ui_client_filter_bar import Ui_ClientFilterBar
from crm_desktop.gui.workers import Requester, TaskControl, TaskHandle, run_task
from crm_desktop.i18n import EN, language
from crm_desktop.reports import client_book as book_export
from crm_desktop.scoring.reasons import label
from crm_desktop.services import client_book, segments

HEADER = opts.area_option("clients", "header_state", QByteArray())
F_TEXT = opts.area_option("clients", "filter_text", "")
F_GRADE = opts.area_option("clients", "filter_grade", "")
F_CHURN = opts.area_option("clients", "filter_churn", "")
F_LIFECYCLE = opts.area_option("clients", "filter_lifecycle", "")
F_MANAGER = opts.area_option("clients", "filter_manager", 0)
F_OVERDUE = opts.area_option("clients", "filter_overdue", False)
F_MISMATCH = opts.area_option("clients", "filter_mismatch", False)
EXPORT_DIR = opts.area_option("clients", "export_dir", "")

GRADES = ("V5", "V4", "V3", "V2", "V1")
CHURN = ("high", "medium", "low")
# What another workstation may change that the book shows (kinds of the change feed, crm_desktop.db.changes).
BOOK_KINDS = frozenset({"clients", "touches", "tasks", "scoring", "imports", "*"})
LIFECYCLES = tuple(lc.value for lc in Lifecycle)


FIRST_SCREEN = 200


def load_book_data(control: TaskControl, ctx: AppContext, lang: str, limit: int | None = None) -> BookData:
    """Worker: query and prepare the book, or its first ``limit`` clients (no widget is touched here)."""
    control.step(0, 2, "")
    book = client_book.load_book(ctx.store, ctx.actor, limit=limit)
    control.step(1, 2, "")
    control.check()
    return prepare(book, lang)


class ClientBookPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        self._restoring = False
        self._requester = Requester(ctx.pool)
        self._collating: TaskHandle | None = None
        self.segment_dialog: SaveSegmentDialog | None = None

        self.bar = QWidget(self)
        self.filter_ui = Ui_ClientFilterBar()
        self.filter_ui.setupUi(self.bar)
        self.banner = QLabel(self)
        self.banner.setObjectName("bookBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.model = ClientBookModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("clientBook")
        self.table.setModel(self.model)
        self.delegate = BookDelegate(self.table)
        self.table.setItemDelegate(self.delegate)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.selection_label = QLabel(self)
        self.selection_label.setObjectName("selectionLabel")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.status = QHBoxLayout()
        self.status.addWidget(self.count_label)
        self.status.addSpacing(self.fontMetrics().horizontalAdvance("M") * 2)
        self.status.addWidget(self.selection_label, 1)
        self.status.addWidget(self.progress)

        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.status)

        self._setup_table()
        self._setup_filters()
        self._setup_keys()
        ctx.bus.refresh_requested.connect(self._refresh_requested)
        ctx.bus.data_changed.connect(self._data_changed)
        self.reload()

    # ------------------------------------------------------------------ setup
    def _setup_table(self) -> None:
        t = self.table
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.setCornerButtonEnabled(False)
        # Fixed row heights: measuring 100,000 rows (ResizeToContents) would take minutes.
        vh = t.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(int(t.fontMetrics().height() * 1.5))
        vh.hide()
        hh = t.horizontalHeader()
        hh.setSectionsMovable(True)
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setHighlightSections(False)
        hh.setSortIndicatorShown(True)
        em = t.fontMetrics().horizontalAdvance("0")
        widths = {
            Col.CLIENT_NO: 11,
            Col.NAME: 10,
            Col.MANAGER: 9,
            Col.GRADE: 6,
            Col.VALUE_SCORE: 7,
            Col.AVG_ASSETS: 13,
            Col.COMMISSION: 10,
            Col.CHURN: 7,
            Col.RISK_LEVEL: 7,
            Col.MISMATCH: 9,
            Col.LIFECYCLE: 8,
            Col.LAST_TOUCH: 11,
            Col.NEXT_DUE: 11,
        }
        for col, chars in widths.items():
            hh.resizeSection(col, max(em * chars + 16, hh.sectionSizeFromContents(col).width() + 8))
        hh.setSortIndicator(Col.CLIENT_NO, Qt.SortOrder.AscendingOrder)
        state = HEADER.get(self.ctx.settings)
        if not state.isEmpty():
            # column order, widths and the sort column and direction of the last session
            hh.restoreState(state)
        t.setColumnHidden(Col.MANAGER, self.ctx.actor.is_investment_manager)
        t.setSortingEnabled(True)
        t.doubleClicked.connect(self._open_index)
        t.installEventFilter(self)
        t.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._update_counts)

    def _setup_filters(self) -> None:
        ui = self.filter_ui
        lang = language()
        ui.gradeCombo.addItem(self.tr("All grades"), "")
        for g in GRADES:
            ui.gradeCombo.addItem(label("grade", g, lang), g)
        ui.churnCombo.addItem(self.tr("Any churn risk"), "")
        for c in CHURN:
            ui.churnCombo.addItem(
                self.tr("Churn risk: {level}").replace("{level}", label("churn_risk", c, lang)), c
            )
        ui.lifecycleCombo.addItem(self.tr("Any lifecycle"), "")
        for lc in LIFECYCLES:
            ui.lifecycleCombo.addItem(label("lifecycle", lc, lang), lc)
        ui.managerCombo.addItem(self.tr("All managers"), 0)
        ui.managerCombo.setVisible(not self.ctx.actor.is_investment_manager)

        s = self.ctx.settings
        self._restoring = True
        ui.filterEdit.setText(F_TEXT.get(s))
        for combo, option in (
            (ui.gradeCombo, F_GRADE),
            (ui.churnCombo, F_CHURN),
            (ui.lifecycleCombo, F_LIFECYCLE),
        ):
            combo.setCurrentIndex(max(0, combo.findData(option.get(s))))
        ui.overdueCheck.setChecked(F_OVERDUE.get(s))
        ui.mismatchCheck.setChecked(F_MISMATCH.get(s))
        self._restoring = False
        self._wanted_manager = F_MANAGER.get(s)

        ui.filterEdit.textChanged.connect(self._filters_changed)
        for combo in (ui.gradeCombo, ui.churnCombo, ui.lifecycleCombo, ui.managerCombo):
            combo.currentIndexChanged.connect(self._filters_changed)
        ui.overdueCheck.toggled.connect(self._filters_changed)
        ui.mismatchCheck.toggled.connect(self._filters_changed)
        ui.clearButton.clicked.connect(self.clear_filters)
        ui.refreshButton.clicked.connect(self.reload)
        # Offered to the people who may keep segments (the service decides who that is).
        ui.segmentButton.setVisible(segments.may_use(self.ctx.actor))
        ui.segmentButton.clicked.connect(self.save_as_segment)
        menu = QMenu(ui.exportButton)
        self.export_xlsx_action = QAction(self.tr("Excel workbook (.xlsx)…"), menu)
        self.export_xlsx_action.triggered.connect(lambda: self.export_dialog(".xlsx"))
        self.export_csv_action = QAction(self.tr("CSV, UTF-8 (.csv)…"), menu)
        self.export_csv_action.triggered.connect(lambda: self.export_dialog(".csv"))
        menu.addAction(self.export_xlsx_action)
        menu.addAction(self.export_csv_action)
        ui.exportButton.setMenu(menu)
        ui.filterEdit.returnPressed.connect(self.open_current)
        ui.filterEdit.installEventFilter(self)
        self.model.set_filters(self.current_filters())

    def _setup_keys(self) -> None:
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_filter)
        esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        esc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        esc.activated.connect(self.clear_filters)
        self.setTabOrder(self.filter_ui.refreshButton, self.table)

    # ------------------------------------------------------------------ filters
    def current_filters(self) -> Filters:
        ui = self.filter_ui
        return Filters(
            text=ui.filterEdit.text(),
            grade=str(ui.gradeCombo.currentData() or ""),
            churn=str(ui.churnCombo.currentData() or ""),
            lifecycle=str(ui.lifecycleCombo.currentData() or ""),
            manager_id=int(ui.managerCombo.currentData() or 0),
            overdue=ui.overdueCheck.isChecked(),
            mismatch=ui.mismatchCheck.isChecked(),
        )

    def _filters_changed(self) -> None:
        if self._restoring:
            return
        current = self._current_client()
        self.model.set_filters(self.current_filters())
        self._reselect(current)

    def clear_filters(self) -> None:
        ui = self.filter_ui
        self._restoring = True
        ui.filterEdit.clear()
        for combo in (ui.gradeCombo, ui.churnCombo, ui.lifecycleCombo, ui.managerCombo):
            combo.setCurrentIndex(0)
        ui.overdueCheck.setChecked(False)
        ui.mismatchCheck.setChecked(False)
        self._restoring = False
        self._filters_changed()

    def segment_text(self) -> str:
        """The current filter as a segment's text; InvalidInput names what a segment cannot keep."""
        f = self.current_filters()
        return segment_rule.from_book_filter(
            grade=f.grade,
            churn=f.churn,
            lifecycle=f.lifecycle,
            manager_login=self._manager_login(f.manager_id),
            search=f.text,
            overdue=f.overdue,
            mismatch=f.mismatch,
        )

    def _manager_login(self, manager_id: int) -> str:
        data = self.model.book_data
        if not manager_id or data is None:
            return ""
        f = data.book.frame
        logins = f.loc[f["manager_id"] == manager_id, "manager_login"]
        return str(logins.iloc[0]) if len(logins) else ""

    def save_as_segment(self) -> SaveSegmentDialog | None:
        """Open the "save as segment" dialog on the current filter, or say what a segment cannot keep."""
        try:
            text = self.segment_text()
        except InvalidInput as exc:
            show_error(self, exc, title=self.tr("Save as segment"))
            return None
        data = self.model.book_data
        shown = self.model.rowCount() if data is not None and not data.book.partial else None
        previous = self.segment_dialog
        if previous is not None and not previous.isVisible():
            previous.deleteLater()  # one dialog at a time is kept
        dialog = SaveSegmentDialog(self.ctx, text, shown, parent=self.window())
        self.segment_dialog = dialog
        dialog.show()
        return dialog

    def focus_filter(self) -> None:
        self.filter_ui.filterEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_ui.filterEdit.selectAll()

    def _fill_managers(self, data: BookData) -> None:
        combo = self.filter_ui.managerCombo
        wanted = int(combo.currentData() or 0) or self._wanted_manager
        f = data.book.frame
        pairs = f.loc[f["manager_id"].notna(), ["manager_id", "manager_name"]].drop_duplicates()
        self._restoring = True
        combo.clear()
        combo.addItem(self.tr("All managers"), 0)
        for mid, name in sorted(
            zip(pairs["manager_id"], pairs["manager_name"], strict=True), key=lambda p: p[1]
        ):
            combo.addItem(name, int(mid))
        combo.setCurrentIndex(max(0, combo.findData(wanted)))
        self._restoring = False
        self._wanted_manager = 0

    # ------------------------------------------------------------------ loading
    @property
    def loading(self) -> bool:
        return self._requester.busy or (self._collating is not None and not self._collating.done)

    def reload(self) -> None:
        self._stale = False
        self.progress.show()
        if self.model.book_data is None:
            self.banner.setText(self.tr("Loading the client book…"))
            self.banner.show()
        if self.model.book_data is None:
            # A big book takes a second or more: its first screen (a query of milliseconds) comes first,
            # then the whole book. Both go through the same Requester, so F5 meanwhile supersedes them.
            self._requester.submit(
                load_book_data,
                self.ctx,
                language(),
                FIRST_SCREEN,
                on_done=self._first_screen,
                on_error=self._failed,
            )
        else:
            self._load_all()

    def _load_all(self) -> None:
        self._requester.submit(
            load_book_data, self.ctx, language(), on_done=self._loaded, on_error=self._failed
        )

    def _first_screen(self, data: BookData) -> None:
        if data.book.partial:
            self.filter_ui.exportButton.setEnabled(False)  # exporting a first screen would be misleading
            self.model.set_book(data)
            self._load_all()
        else:
            self._loaded(data)  # the whole book fitted in the first screen

    def _data_changed(self, kind: str) -> None:
        if not self.concerned_by(kind, self.ctx.bus.remote_batch):
            return
        self._refresh_requested()

    def concerned_by(self, kind: str, remote: ChangeBatch | None) -> bool:
        """Whether a change must reload the book. A change on this workstation always does. Another
        workstation's (the PostgreSQL change feed): only kinds the book shows, and for touches and tasks
        only when one of the book's own clients changed — a colleague's call does not reload 100,000 rows.
        """
        if remote is None:
            return True
        if kind not in BOOK_KINDS:
            return False
        if kind in ("touches", "tasks"):
            data = self.model.book_data
            if data is None:
                return True
            if remote.client_ids is None:
                return True
            ids = data.book.frame["client_id"].to_numpy()
            return bool(np.isin(np.fromiter(remote.client_ids, dtype=np.int64), ids).any())
        return True

    def _refresh_requested(self) -> None:
        # Hidden pages reload when next shown rather than on every periodic tick.
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and not self._requester.busy:
            self.reload()

    def _loaded(self, data: BookData) -> None:
        current = self._current_client()
        self._fill_managers(data)
        self.filter_ui.exportButton.setEnabled(True)
        self.model.set_filters(self.current_filters())
        self.model.set_book(data)
        self.progress.hide()
        if not data.book.scored:
            self.banner.setText(
                self.tr(
                    "Not scored yet: grades, value scores and churn risk appear after the first scoring run."
                )
            )
            self.banner.show()
        else:
            self.banner.hide()
        self._reselect(current)
        if language() != EN:
            self._collate(data)

    def _collate(self, data: BookData) -> None:
        """Pinyin order for names and managers, computed after the first paint (a second or so at 100,000)."""

        def done(keys: dict[int, np.ndarray]) -> None:
            if self.model.book_data is data:  # not superseded by a reload meanwhile
                current = self._current_client()
                self.model.update_keys(keys)
                self._reselect(current)

        self._collating = run_task(lambda _control: collated_ranks(data), on_done=done, pool=self.ctx.pool)

    def _failed(self, exc: BaseException) -> None:
        self.progress.hide()
        self.banner.setText(self.tr("The client book could not be loaded. Press F5 to try again."))
        self.banner.show()
        show_error(self, exc)

    # ------------------------------------------------------------------ selection, counts, opening
    def _current_client(self) -> str:
        idx = self.table.currentIndex()
        return self.model.client_no(idx.row()) if idx.isValid() else ""

    def _reselect(self, client_no: str) -> None:
        if not client_no:
            self._update_counts()
            return
        row = self.model.row_of(client_no)
        if row >= 0:
            idx = self.model.index(row, 0)
            self.table.setCurrentIndex(idx)
            self.table.scrollTo(idx, QAbstractItemView.ScrollHint.EnsureVisible)
        self._update_counts()

    def selected_rows(self) -> np.ndarray:
        """View rows selected, from the selection's ranges (no per-row index objects for big selections)."""
        sel = self.table.selectionModel().selection()
        parts = [np.arange(sel.at(i).top(), sel.at(i).bottom() + 1) for i in range(sel.count())]
        if not parts:
            return np.empty(0, dtype=np.int64)
        return np.unique(np.concatenate(parts))

    def _selection_changed(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        self._update_counts()

    def _update_counts(self) -> None:
        data = self.model.book_data
        total = data.size if data else 0
        shown = self.model.rowCount()
        if data is not None and data.book.partial:
            self.count_label.setText(
                self.tr("First {n} clients; loading the rest…").replace("{n}", f"{total:,}")
            )
            self.selection_label.setText("")
            return
        self.count_label.setText(
            self.tr("{shown} of {total} clients")
            .replace("{shown}", f"{shown:,}")
            .replace("{total}", f"{total:,}")
        )
        rows = self.selected_rows()
        if len(rows):
            text = (
                self.tr("{n} selected · total assets {assets}")
                .replace("{n}", f"{len(rows):,}")
                .replace("{assets}", f"{self.model.total_assets(rows):,.0f}")
            )
        else:
            text = self.tr("Total assets shown: {assets}").replace(
                "{assets}", f"{self.model.total_assets():,.0f}"
            )
        self.selection_label.setText(text)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.ctx.open_client(self, self.model.client_no(index.row()))

    def open_current(self) -> None:
        idx = self.table.currentIndex()
        if not idx.isValid() and self.model.rowCount():
            idx = self.model.index(0, 0)
        self._open_index(idx)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
            if watched is self.filter_ui.filterEdit and key == Qt.Key.Key_Down and self.model.rowCount():
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                if not self.table.currentIndex().isValid():
                    self.table.setCurrentIndex(self.model.index(0, 0))
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ export
    def export_headers(self) -> list[str]:
        return [
            self.tr("Client no."),
            self.tr("Name"),
            self.tr("Manager login"),
            self.tr("Grade"),
            self.tr("Value score"),
            self.tr("Average assets"),
            self.tr("Commission 12m"),
            self.tr("Churn risk"),
            self.tr("Risk level"),
            self.tr("Suitability mismatch"),
            self.tr("Lifecycle"),
            self.tr("Status"),
            self.tr("Last touch"),
            self.tr("Next due"),
        ]

    def export_dialog(self, suffix: str) -> None:
        start = EXPORT_DIR.get(self.ctx.settings) or str(Path.home())
        pattern = self.tr("Excel workbook (*.xlsx)") if suffix == ".xlsx" else self.tr("CSV file (*.csv)")
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export clients"), str(Path(start) / f"clients{suffix}"), pattern
        )
        if name:
            path = Path(name)
            if path.suffix.lower() != suffix:
                path = path.with_suffix(suffix)
            EXPORT_DIR.set(self.ctx.settings, str(path.parent))
            if self.model.book_data is None:
                return
            go, purpose = ask_export_purpose(self, len(self.model.view_rows()))
            if go:
                self.export_to(path, purpose=purpose)

    def export_to(self, path: Path, *, purpose: str | None = None) -> None:
        """Export the rows shown, in the order shown, on a worker; ``purpose`` goes into the audit row."""
        data = self.model.book_data
        if data is None:
            return
        rows = self.model.view_rows().copy()
        headers = self.export_headers()

        def work(control: TaskControl) -> int:
            frame = client_book.export_frame(data.book, rows)
            return book_export.export_clients(
                self.ctx.store,
                self.ctx.actor,
                path,
                frame=frame,
                headers=headers,
                progress=control,
                purpose=purpose,
            )

        self.progress.show()

        def done(n: int) -> None:
            self.progress.hide()
            self.ctx.bus.status_message.emit(
                self.tr("Exported {n} clients to {path}")
                .replace("{n}", f"{n:,}")
                .replace("{path}", str(path))
            )

        def failed(exc: BaseException) -> None:
            self.progress.hide()
            show_error(self, exc)

        self.last_export = run_task(work, on_done=done, on_error=failed, pool=self.ctx.pool)

    # ------------------------------------------------------------------ state
    def save_state(self) -> None:
        s = self.ctx.settings
        HEADER.set(s, self.table.horizontalHeader().saveState())
        f = self.current_filters()
        F_TEXT.set(s, f.text)
        F_GRADE.set(s, f.grade)
        F_CHURN.set(s, f.churn)
        F_LIFECYCLE.set(s, f.lifecycle)
        F_MANAGER.set(s, f.manager_id)
        F_OVERDUE.set(s, f.overdue)
        F_MISMATCH.set(s, f.mismatch)
