"""The branch manager's service-plan editor: intervals per grade and type, event triggers; each save is
a new audited version, and a save over someone else's newer version is refused (Conflict)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.gui.context import AppContext
from crm_desktop.gui.errors import show_error
from crm_desktop.gui.workers import run_task
from crm_desktop.services import service_plans, tasks, touches
from crm_desktop.services.service_plans import GRADES, MAX_INTERVAL_DAYS, PLANNABLE_TYPES, Plan

DISPLAY = Qt.ItemDataRole.DisplayRole.value
EDIT = Qt.ItemDataRole.EditRole.value
CHECK = Qt.ItemDataRole.CheckStateRole.value
ALIGN = Qt.ItemDataRole.TextAlignmentRole.value


class RCol(IntEnum):
    GRADE = 0
    TYPE = 1
    INTERVAL = 2


class ECol(IntEnum):
    EVENT = 0
    TYPE = 1
    DUE_DAYS = 2
    DUE_YEARS = 3
    ENABLED = 4


class RecurringModel(QAbstractTableModel):
    """Rows of ``{"grade", "type", "interval_days"}``; only the interval is edited in place."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = sorted((dict(r) for r in rows), key=lambda r: (GRADES.index(r["grade"]), r["type"]))
        self.endResetModel()

    def add(self, grade: str, ttype: str, days: int) -> bool:
        if any(r["grade"] == grade and r["type"] == ttype for r in self.rows):
            return False
        self.set_rows([*self.rows, {"grade": grade, "type": ttype, "interval_days": days}])
        return True

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(RCol)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < len(RCol):
            return (
                QCoreApplication.translate("PlanEditor", "Grade"),
                QCoreApplication.translate("PlanEditor", "Service"),
                QCoreApplication.translate("PlanEditor", "Every (days)"),
            )[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == RCol.INTERVAL else base

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        col = RCol(index.column())
        if role in (DISPLAY, EDIT):
            if col is RCol.GRADE:
                return r["grade"]
            if col is RCol.TYPE:
                return touches.type_label(r["type"]) if role == DISPLAY else r["type"]
            return int(r["interval_days"])
        if role == ALIGN and col is RCol.INTERVAL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = EDIT) -> bool:
        if not index.isValid() or index.column() != RCol.INTERVAL or role != EDIT:
            return False
        try:
            days = int(value)
        except (TypeError, ValueError):
            return False
        if not 1 <= days <= MAX_INTERVAL_DAYS:
            return False
        self.rows[index.row()]["interval_days"] = days
        self.dataChanged.emit(index, index, [DISPLAY, EDIT])
        return True


def event_label(key: str) -> str:
    names = {
        "new_account": "new_account",
        "risk_reassessment": "risk_reassessment",
        "churn_high": "churn_high",
        "mismatch": "mismatch",
        "grade_change": "grade_change",
        "birthday": "birthday",
    }
    return tasks.source_label(names.get(key, key))


class EventModel(QAbstractTableModel):
    """Event triggers: due days / years editable, enabled as a check box."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.keys: list[str] = []
        self.events: dict[str, dict[str, Any]] = {}

    def set_events(self, events: dict[str, dict[str, Any]]) -> None:
        self.beginResetModel()
        self.events = {k: dict(v) for k, v in events.items()}
        self.keys = [k for k in service_plans.EVENT_KEYS if k in self.events]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.keys)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ECol)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < len(ECol):
            return (
                QCoreApplication.translate("PlanEditor", "Event"),
                QCoreApplication.translate("PlanEditor", "Service"),
                QCoreApplication.translate("PlanEditor", "Due after (days)"),
                QCoreApplication.translate("PlanEditor", "Due after (years)"),
                QCoreApplication.translate("PlanEditor", "On"),
            )[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (ECol.DUE_DAYS, ECol.DUE_YEARS):
            return base | Qt.ItemFlag.ItemIsEditable
        if index.column() == ECol.ENABLED:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.keys):
            return None
        key = self.keys[index.row()]
        e = self.events[key]
        col = ECol(index.column())
        if col is ECol.ENABLED:
            if role == CHECK:
                return (Qt.CheckState.Checked if e.get("enabled", True) else Qt.CheckState.Unchecked).value
            return None
        if role in (DISPLAY, EDIT):
            if col is ECol.EVENT:
                return event_label(key)
            if col is ECol.TYPE:
                return touches.type_label(e["type"]) if role == DISPLAY else e["type"]
            if col is ECol.DUE_DAYS:
                return int(e.get("due_days", 0))
            return int(e.get("due_years", 0))
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = EDIT) -> bool:
        if not index.isValid():
            return False
        e = self.events[self.keys[index.row()]]
        col = ECol(index.column())
        if col is ECol.ENABLED and role == CHECK:
            e["enabled"] = (
                Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            )
        elif col in (ECol.DUE_DAYS, ECol.DUE_YEARS) and role == EDIT:
            try:
                n = int(value)
            except (TypeError, ValueError):
                return False
            limit = 10 if col is ECol.DUE_YEARS else MAX_INTERVAL_DAYS
            if not 0 <= n <= limit:
                return False
            e["due_years" if col is ECol.DUE_YEARS else "due_days"] = n
        else:
            return False
        self.dataChanged.emit(index, index, [DISPLAY, EDIT, CHECK])
        return True


class PlanEditor(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("planEditor")
        self.plan: Plan | None = None
        self.recurring = RecurringModel(self)
        self.events = EventModel(self)

        self.version_label = QLabel()
        self.version_label.setObjectName("planVersion")
        self.recurring_table = self._table(self.recurring)
        self.events_table = self._table(self.events)
        self.grade_combo = QComboBox()
        self.grade_combo.addItems(list(GRADES))
        self.type_combo = QComboBox()
        for t in PLANNABLE_TYPES:
            self.type_combo.addItem(touches.type_label(t), t)
        self.days_spin = QSpinBox()
        self.days_spin.setRange(1, MAX_INTERVAL_DAYS)
        self.days_spin.setValue(90)
        self.days_spin.setSuffix(self.tr(" days"))
        add = QPushButton(self.tr("Add"))
        add.clicked.connect(self.add_rule)
        remove = QPushButton(self.tr("Remove selected"))
        remove.clicked.connect(self.remove_rule)
        add_row = QHBoxLayout()
        for w in (self.grade_combo, self.type_combo, self.days_spin, add, remove):
            add_row.addWidget(w)
        add_row.addStretch(1)
        self.horizon_spin = QSpinBox()
        self.horizon_spin.setRange(0, 366)
        self.horizon_spin.setSuffix(self.tr(" days"))
        horizon_row = QHBoxLayout()
        horizon_row.addWidget(QLabel(self.tr("Create tasks this far ahead of their due date:")))
        horizon_row.addWidget(self.horizon_spin)
        horizon_row.addStretch(1)

        rec_box = QGroupBox(self.tr("Recurring service by grade"))
        rec_layout = QVBoxLayout(rec_box)
        rec_layout.addWidget(self.recurring_table)
        rec_layout.addLayout(add_row)
        ev_box = QGroupBox(self.tr("Event triggers"))
        QVBoxLayout(ev_box).addWidget(self.events_table)

        self.comment_edit = QLineEdit()
        self.comment_edit.setPlaceholderText(self.tr("What changed and why (kept with the version)"))
        self.save_button = QPushButton(self.tr("Save as new version"))
        self.save_button.clicked.connect(self.save)
        revert = QPushButton(self.tr("Revert"))
        revert.clicked.connect(self.reload)
        bottom = QHBoxLayout()
        bottom.addWidget(self.comment_edit, 1)
        bottom.addWidget(revert)
        bottom.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.version_label)
        layout.addLayout(horizon_row)
        layout.addWidget(rec_box, 2)
        layout.addWidget(ev_box, 1)
        layout.addLayout(bottom)
        self.reload()

    @staticmethod
    def _table(model: QAbstractTableModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    def reload(self) -> None:
        try:
            self.set_plan(service_plans.current_plan(self.ctx.store, self.ctx.actor))
        except Exception as exc:
            show_error(self, exc)

    def set_plan(self, plan: Plan) -> None:
        self.plan = plan
        rules = plan.to_rules()
        self.recurring.set_rows(rules["recurring"])
        self.events.set_events(rules["events"])
        self.horizon_spin.setValue(plan.horizon_days)
        self.comment_edit.clear()
        if plan.version_no == 0:
            self.version_label.setText(self.tr("In force: the default plan (no branch version saved yet)."))
        else:
            when = plan.created_at.astimezone().strftime("%Y-%m-%d %H:%M") if plan.created_at else ""
            self.version_label.setText(
                self.tr("In force: version {v}, saved by {who} at {when}. {comment}")
                .replace("{v}", str(plan.version_no))
                .replace("{who}", plan.created_by or "?")
                .replace("{when}", when)
                .replace("{comment}", plan.comment or "")
            )

    def rules(self) -> dict[str, Any]:
        return {
            "horizon_days": self.horizon_spin.value(),
            "recurring": [dict(r) for r in self.recurring.rows],
            "events": {k: dict(v) for k, v in self.events.events.items()},
        }

    def add_rule(self) -> None:
        if not self.recurring.add(
            self.grade_combo.currentText(), str(self.type_combo.currentData()), self.days_spin.value()
        ):
            self.ctx.bus.status_message.emit(
                self.tr("That grade already has a rule for this service; edit its interval instead.")
            )

    def remove_rule(self) -> None:
        rows = self.recurring_table.selectionModel().selectedRows()
        if rows:
            self.recurring.remove(rows[0].row())

    def save(self) -> None:
        if self.plan is None:
            return
        store, actor, rules = self.ctx.store, self.ctx.actor, self.rules()
        expected, comment = self.plan.version_no, self.comment_edit.text()
        self.save_button.setEnabled(False)

        def done(version: int) -> None:
            self.save_button.setEnabled(True)
            self.ctx.bus.status_message.emit(
                self.tr("Service plan saved as version {v}.").replace("{v}", str(version))
            )
            self.reload()

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            show_error(self, exc)

        run_task(
            lambda _c: service_plans.save_plan(
                store, actor, rules, expected_version=expected, comment=comment
            ),
            on_done=done,
            on_error=failed,
            pool=self.ctx.pool,
        )
