"""Table models of the 360° view's lists: holdings, touches, open tasks, letters, assignment history.

Each list is small (one client's records), so rows are formatted once in ``set_rows`` and kept as text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from crm_desktop.domain import AssignmentReason, Board, label_of
from crm_desktop.i18n import language
from crm_desktop.scoring.reasons import label
from crm_desktop.services import tasks, touches
from crm_desktop.services.clients import AssignmentRow, HoldingRow, LetterRow, TaskRow, TouchRow
from crm_desktop.services.notes import NoteView

DISPLAY = Qt.ItemDataRole.DisplayRole.value
TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
ALIGN = Qt.ItemDataRole.TextAlignmentRole.value
FONT = Qt.ItemDataRole.FontRole.value

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def local_time(at: datetime) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def money(v: float) -> str:
    return f"{v:,.2f}"


class HoldingCol(IntEnum):
    CODE = 0
    NAME = 1
    BOARD = 2
    INDUSTRY = 3
    QUANTITY = 4
    COST = 5
    MARKET_VALUE = 6
    PNL = 7
    WEIGHT = 8


class TouchCol(IntEnum):
    OCCURRED = 0
    TYPE = 1
    CHANNEL = 2
    SUMMARY = 3
    MANAGER = 4
    SATISFACTION = 5
    NEXT_STEP = 6


class TaskCol(IntEnum):
    DUE = 0
    TYPE = 1
    SOURCE = 2
    STATUS = 3
    NOTE = 4


class NoteCol(IntEnum):
    CREATED = 0
    BY = 1
    TEXT = 2


class LetterCol(IntEnum):
    CREATED = 0
    PERIOD = 1
    FILE = 2
    PAGES = 3
    BY = 4


class AssignmentCol(IntEnum):
    EFFECTIVE = 0
    FROM = 1
    TO = 2
    REASON = 3
    NOTE = 4


def board_label(board: str) -> str:
    """A board's name; the allocation chart also has a cash slice, which is no board."""
    if board == "cash":
        return QCoreApplication.translate("Client360", "Cash")
    return label_of(Board, board)


def assignment_reason_label(reason: str) -> str:
    return label_of(AssignmentReason, reason)


class RecordModel(QAbstractTableModel):
    """A read-only table of pre-formatted rows; ``numeric`` columns are right-aligned."""

    def __init__(
        self, columns: type[IntEnum], headers: Sequence[str], numeric: Sequence[int] = (), parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._columns = columns
        self._headers = list(headers)
        self._align = [_RIGHT if c in numeric else _LEFT for c in range(len(columns))]
        self._rows: list[list[str]] = []
        self._bold_rows: set[int] = set()
        self._tips: dict[tuple[int, int], str] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    def set_text_rows(
        self,
        rows: list[list[str]],
        bold_rows: set[int] | None = None,
        tips: dict[tuple[int, int], str] | None = None,
    ) -> None:
        self.beginResetModel()
        self._rows = rows
        self._bold_rows = bold_rows or set()
        self._tips = tips or {}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            if role == DISPLAY:
                return self._headers[section]
            if role == ALIGN:
                return self._align[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        r, c = index.row(), index.column()
        if r < 0 or r >= len(self._rows) or c < 0 or c >= len(self._columns):
            return None
        if role == DISPLAY:
            return self._rows[r][c]
        if role == ALIGN:
            return self._align[c]
        if role == FONT and r in self._bold_rows:
            return self._bold
        if role == TOOLTIP:
            return self._tips.get((r, c)) or (self._rows[r][c] if len(self._rows[r][c]) > 30 else None)
        return None


def holdings_model(parent: Any = None) -> tuple[RecordModel, Callable[[list[HoldingRow]], None]]:
    headers = [
        QCoreApplication.translate("Client360", "Code"),
        QCoreApplication.translate("Client360", "Security"),
        QCoreApplication.translate("Client360", "Board"),
        QCoreApplication.translate("Client360", "Industry"),
        QCoreApplication.translate("Client360", "Quantity"),
        QCoreApplication.translate("Client360", "Cost"),
        QCoreApplication.translate("Client360", "Market value"),
        QCoreApplication.translate("Client360", "P&L"),
        QCoreApplication.translate("Client360", "Weight"),
    ]
    numeric = (
        HoldingCol.QUANTITY,
        HoldingCol.COST,
        HoldingCol.MARKET_VALUE,
        HoldingCol.PNL,
        HoldingCol.WEIGHT,
    )
    m = RecordModel(HoldingCol, headers, numeric=numeric, parent=parent)

    def fill(rows: list[HoldingRow]) -> None:
        m.set_text_rows(
            [
                [
                    h.code,
                    h.name,
                    board_label(h.board),
                    h.industry,
                    f"{h.quantity:,.0f}",
                    money(h.cost),
                    money(h.market_value),
                    money(h.pnl),
                    f"{h.weight * 100:.1f}%",
                ]
                for h in rows
            ]
        )

    return m, fill


def touches_model(parent: Any = None) -> tuple[RecordModel, Callable[[list[TouchRow]], None]]:
    headers = [
        QCoreApplication.translate("Client360", "When"),
        QCoreApplication.translate("Client360", "Type"),
        QCoreApplication.translate("Client360", "Channel"),
        QCoreApplication.translate("Client360", "Summary"),
        QCoreApplication.translate("Client360", "By"),
        QCoreApplication.translate("Client360", "Satisf."),
        QCoreApplication.translate("Client360", "Next step"),
    ]
    m = RecordModel(TouchCol, headers, numeric=(TouchCol.SATISFACTION,), parent=parent)

    def fill(rows: list[TouchRow]) -> None:
        m.set_text_rows(
            [
                [
                    local_time(t.occurred_at),
                    touches.type_label(t.touch_type),
                    touches.channel_label(t.channel),
                    t.summary,
                    t.manager_name,
                    "" if t.satisfaction is None else f"{t.satisfaction}/5",
                    t.next_step,
                ]
                for t in rows
            ]
        )

    return m, fill


def notes_model(parent: Any = None) -> tuple[RecordModel, Callable[[list[NoteView]], None]]:
    headers = [
        QCoreApplication.translate("Client360", "When"),
        QCoreApplication.translate("Client360", "By"),
        QCoreApplication.translate("Client360", "Note"),
    ]
    m = RecordModel(NoteCol, headers, parent=parent)

    def fill(rows: list[NoteView]) -> None:
        m.set_text_rows([[local_time(n.created_at), n.author_name, n.text] for n in rows])

    return m, fill


def tasks_model(parent: Any = None) -> tuple[RecordModel, Callable[[list[TaskRow]], None]]:
    headers = [
        QCoreApplication.translate("Client360", "Due"),
        QCoreApplication.translate("Client360", "Type"),
        QCoreApplication.translate("Client360", "Reason"),
        QCoreApplication.translate("Client360", "Status"),
        QCoreApplication.translate("Client360", "Note"),
    ]
    m = RecordModel(TaskCol, headers, parent=parent)

    def fill(rows: list[TaskRow]) -> None:
        m.set_text_rows(
            [
                [
                    t.due_date.isoformat(),
                    touches.type_label(t.task_type),
                    tasks.source_label(t.source),
                    tasks.status_label("overdue" if t.overdue else t.status),
                    t.note,
                ]
                for t in rows
            ],
            bold_rows={i for i, t in enumerate(rows) if t.overdue},
        )

    return m, fill


def letters_model(parent: Any = None) -> tuple[RecordModel, Callable[[list[LetterRow]], None]]:
    headers = [
        QCoreApplication.translate("Client360", "Generated"),
        QCoreApplication.translate("Client360", "Period"),
        QCoreApplication.translate("Client360", "File"),
        QCoreApplication.translate("Client360", "Pages"),
        QCoreApplication.translate("Client360", "By"),
    ]
    m = RecordModel(LetterCol, headers, numeric=(LetterCol.PAGES,), parent=parent)

    def fill(rows: list[LetterRow]) -> None:
        m.set_text_rows(
            [
                [
                    local_time(lr.created_at),
                    f"{lr.period_start.isoformat()} – {lr.period_end.isoformat()}",
                    lr.file_name,
                    str(lr.pages),
                    lr.generated_by,
                ]
                for lr in rows
            ]
        )

    return m, fill


def assignments_model(parent: Any = None) -> tuple[RecordModel, Callable[[list[AssignmentRow]], None]]:
    headers = [
        QCoreApplication.translate("Client360", "Effective"),
        QCoreApplication.translate("Client360", "From"),
        QCoreApplication.translate("Client360", "To"),
        QCoreApplication.translate("Client360", "Reason"),
        QCoreApplication.translate("Client360", "Note"),
    ]
    m = RecordModel(AssignmentCol, headers, parent=parent)

    def fill(rows: list[AssignmentRow]) -> None:
        m.set_text_rows(
            [
                [
                    local_time(a.effective_at),
                    a.from_manager or "—",
                    a.to_manager or "—",
                    assignment_reason_label(a.reason),
                    a.note,
                ]
                for a in rows
            ]
        )

    return m, fill


def coded(kind: str, value: object) -> str:
    """Display name of an engine code in the current language (``—`` for none)."""
    return label(kind, str(value), language()) if value not in (None, "") else "—"
