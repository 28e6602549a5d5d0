"""The suitability register (适当性登记簿): counts by kind, the list, a check and a CSV export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop import clock
from crm_desktop.domain.labels import label
from crm_desktop.domain.suitability import VIOLATION_KINDS
from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.export_reason import ask_export_purpose
from crm_desktop.gui.suitability.models import FindingsModel
from crm_desktop.gui.workers import Requester, run_task
from crm_desktop.services import suitability
from crm_desktop.services.suitability import Register

# Violations without a warning come first; a branch's warned purchases can run to hundreds of
# thousands and belong in the export, not on screen.
ROW_LIMIT = 5000


class SuitabilityRegisterView(QWidget):
    """What the latest check found among the clients the person may see (the branch for its manager)."""

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("SuitabilityRegisterView", "Suitability")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("suitabilityRegister")
        self.register: Register | None = None
        self._requester = Requester(ctx.pool)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.asOfLabel = QLabel()
        top.addWidget(self.asOfLabel)
        top.addStretch(1)
        self.kindCombo = QComboBox()
        self.kindCombo.setObjectName("kindCombo")
        self.kindCombo.addItem(self.tr("All kinds"), None)
        for k in VIOLATION_KINDS:
            self.kindCombo.addItem(label(k), k.value)
        self.kindCombo.currentIndexChanged.connect(self.reload)
        top.addWidget(self.kindCombo)
        self.checkButton = QPushButton(self.tr("Check now"))
        self.checkButton.setObjectName("checkButton")
        self.checkButton.setToolTip(
            self.tr(
                "Check every trade of the window and every holding against the "
                "client's assessment, permissions and warnings"
            )
        )
        self.checkButton.clicked.connect(self.run_check)
        top.addWidget(self.checkButton)
        self.exportButton = QPushButton(self.tr("Export CSV…"))
        self.exportButton.setObjectName("exportButton")
        self.exportButton.clicked.connect(self.export)
        top.addWidget(self.exportButton)
        layout.addLayout(top)

        self.countsRow = QHBoxLayout()
        self.countLabels: dict[str, QLabel] = {}
        for k in VIOLATION_KINDS:
            lab = QLabel()
            lab.setObjectName(f"count_{k.value}")
            lab.setTextFormat(Qt.TextFormat.RichText)
            lab.setFrameShape(QLabel.Shape.StyledPanel)
            lab.setMargin(6)
            self.countLabels[k.value] = lab
            self.countsRow.addWidget(lab)
        self.countsRow.addStretch(1)
        layout.addLayout(self.countsRow)

        self.model = FindingsModel(self)
        self.table = QTableView()
        self.table.setObjectName("findingsView")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open_client)
        layout.addWidget(self.table, 1)
        self.hintLabel = QLabel(
            self.tr(
                "Red rows are violations without a confirmed special risk warning; each "
                "has a compliance task for the client's manager."
            )
        )
        self.hintLabel.setWordWrap(True)
        layout.addWidget(self.hintLabel)
        ctx.bus.refresh_requested.connect(self.reload)
        self.reload()

    @property
    def loading(self) -> bool:
        return self._requester.busy

    def reload(self) -> None:
        store, actor, kind = self.ctx.store, self.ctx.actor, self.kindCombo.currentData()
        self._requester.submit(
            lambda _c: suitability.register(store, actor, kind=kind, limit=ROW_LIMIT),
            on_done=self._show,
            on_error=lambda e: show_error(self, e),
        )

    def _show(self, reg: Register) -> None:
        self.register = reg
        if reg.as_of is None:
            self.asOfLabel.setText(self.tr("No check has run yet."))
        else:
            self.asOfLabel.setText(
                self.tr("Latest check as of {date}").replace("{date}", reg.as_of.isoformat())
            )
        for k in VIOLATION_KINDS:
            n = reg.counts.get(k.value, 0)
            text = f"{label(k)}<br><b style='font-size:14pt'>{n}</b>"
            if k.value == "over_level" and n:
                text += "<br>" + self.tr("{w} warned · {u} not warned").replace(
                    "{w}", str(reg.warned)
                ).replace("{u}", str(reg.unwarned))
            self.countLabels[k.value].setText(text)
        self.model.set_rows(reg.rows)
        self.table.resizeColumnsToContents()
        total = (
            sum(reg.counts.values())
            if self.kindCombo.currentData() is None
            else reg.counts.get(str(self.kindCombo.currentData()), 0)
        )
        if total > len(reg.rows):
            self.asOfLabel.setText(
                self.asOfLabel.text()
                + " · "
                + self.tr("showing the first {n} of {total}; the export has all")
                .replace("{n}", f"{len(reg.rows):,}")
                .replace("{total}", f"{total:,}")
            )

    def run_check(self) -> None:
        store, actor = self.ctx.store, self.ctx.actor
        self.checkButton.setEnabled(False)

        def done(summary: Any) -> None:
            self.checkButton.setEnabled(True)
            self.ctx.bus.data_changed.emit("tasks")
            self.reload()

        def failed(exc: BaseException) -> None:
            self.checkButton.setEnabled(True)
            show_error(self, exc)

        run_task(
            lambda _c: suitability.run_check(store, actor, clock.today()),
            on_done=done,
            on_error=failed,
            pool=self.ctx.pool,
        )

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the suitability register"), "suitability.csv", self.tr("CSV files (*.csv)")
        )
        if not path:
            return
        go, purpose = ask_export_purpose(self, self.model.rowCount())
        if not go:
            return
        store, actor = self.ctx.store, self.ctx.actor
        run_task(
            lambda _c: suitability.export_findings(store, actor, Path(path), purpose=purpose),
            on_error=lambda e: show_error(self, e),
            pool=self.ctx.pool,
        )

    def _open_client(self, index: Any) -> None:
        row = self.model.row_at(index.row())
        self.ctx.open_client(self, row.client_no)
