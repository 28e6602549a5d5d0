"""Table model of the client book: pre-formatted columns indexed through a numpy view array.

``data()`` is called for every visible cell on every repaint, so it does as little as possible:
roles are compared with module-level ints, and text comes straight out of an object array.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from crm_desktop.gui.clients.book_data import (
    NONE,
    NUMERIC_COLS,
    BookData,
    Col,
    Filters,
    fmt_day,
    fmt_money,
    fmt_score,
)
from crm_desktop.i18n import language
from crm_desktop.scoring.reasons import label

DISPLAY = Qt.ItemDataRole.DisplayRole.value
TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
ALIGN = Qt.ItemDataRole.TextAlignmentRole.value
FONT = Qt.ItemDataRole.FontRole.value
CLIENT_NO_ROLE = Qt.ItemDataRole.UserRole.value
ROW_ROLE = Qt.ItemDataRole.UserRole.value + 1  # position of the row in the loaded book frame

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_HITS_CACHE = 12
NCOLS = len(Col)


# Each column's title and its header tooltip, in column order.
_TITLES_AND_TIPS = (
    (
        QT_TRANSLATE_NOOP("ClientBook", "Client no."),
        QT_TRANSLATE_NOOP("ClientBook", "Client number (funds account holder)"),
    ),
    (QT_TRANSLATE_NOOP("ClientBook", "Name"), QT_TRANSLATE_NOOP("ClientBook", "Client name")),
    (
        QT_TRANSLATE_NOOP("ClientBook", "Manager"),
        QT_TRANSLATE_NOOP("ClientBook", "Investment manager serving the client"),
    ),
    (
        QT_TRANSLATE_NOOP("ClientBook", "Grade"),
        QT_TRANSLATE_NOOP(
            "ClientBook", "Client grade V1 (standard) to V5 (diamond), from the latest scoring run"
        ),
    ),
    (
        QT_TRANSLATE_NOOP("ClientBook", "Value"),
        QT_TRANSLATE_NOOP("ClientBook", "Value score 0–100 from the latest scoring run"),
    ),
    (
        QT_TRANSLATE_NOOP("ClientBook", "Avg assets"),
        QT_TRANSLATE_NOOP("ClientBook", "Average daily total assets over the scoring window (yuan)"),
    ),
    (
        QT_TRANSLATE_NOOP("ClientBook", "Comm. 12m"),
        QT_TRANSLATE_NOOP("ClientBook", "Commission paid over the last 12 months (yuan)"),
    ),
    (
        QT_TRANSLATE_NOOP("ClientBook", "Churn"),
        QT_TRANSLATE_NOOP("ClientBook", "Churn risk: high, medium or low"),
    ),
    (
        QT_TRANSLATE_NOOP("ClientBook", "Risk lvl"),
        QT_TRANSLATE_NOOP("ClientBook", "Declared risk level C1 (conservative) to C5 (aggressive)"),
    ),
    (
        QT_TRANSLATE_NOOP("ClientBook", "Suitability"),
        QT_TRANSLATE_NOOP(
            "ClientBook", "Whether the client's trading matches the declared risk level (suitability)"
        ),
    ),
    (QT_TRANSLATE_NOOP("ClientBook", "Lifecycle"), QT_TRANSLATE_NOOP("ClientBook", "Client lifecycle stage")),
    (
        QT_TRANSLATE_NOOP("ClientBook", "Last touch"),
        QT_TRANSLATE_NOOP("ClientBook", "Date of the latest recorded service touch"),
    ),
    (
        QT_TRANSLATE_NOOP("ClientBook", "Next due"),
        QT_TRANSLATE_NOOP("ClientBook", "Due date of the earliest open service task"),
    ),
)


def headers() -> list[str]:
    return [QCoreApplication.translate("ClientBook", str(title)) for title, _ in _TITLES_AND_TIPS]


def header_tips() -> list[str]:
    return [QCoreApplication.translate("ClientBook", str(tip)) for _, tip in _TITLES_AND_TIPS]


class ClientBookModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._data: BookData | None = None
        self._cols: list[np.ndarray] = [np.empty(0, dtype=object) for _ in Col]
        self._view = np.empty(0, dtype=np.int64)
        self._n = 0
        self._filters = Filters()
        self._sort: tuple[int, bool] = (int(Col.CLIENT_NO), False)
        self._hits: list[tuple[str, np.ndarray]] = []
        self._headers = headers()
        self._tips = header_tips()
        self._align = [_RIGHT if c in NUMERIC_COLS else _LEFT for c in Col]
        self._right = [c in NUMERIC_COLS for c in Col]
        self._fmt: list[Callable[[Any], str] | None] = [None] * NCOLS
        self._fmt[Col.VALUE_SCORE] = fmt_score
        self._fmt[Col.AVG_ASSETS] = fmt_money
        self._fmt[Col.COMMISSION] = fmt_money
        self._fmt[Col.LAST_TOUCH] = fmt_day
        self._fmt[Col.NEXT_DUE] = fmt_day
        self._bold = QFont()
        self._bold.setBold(True)
        self._lang = language()

    # ------------------------------------------------------------------ loading, filtering, sorting
    def set_book(self, data: BookData) -> None:
        self._data = data
        self._cols = data.display
        self._hits = []
        self._apply()

    @property
    def book_data(self) -> BookData | None:
        return self._data

    @property
    def filters(self) -> Filters:
        return self._filters

    def set_filters(self, filters: Filters) -> None:
        if filters != self._filters:
            self._filters = filters
            self._apply()

    def update_keys(self, keys: dict[int, np.ndarray]) -> None:
        """Better sort keys arrived (e.g. pinyin order of names): use them from now on."""
        if self._data is None:
            return
        for col, k in keys.items():
            self._data.keys[col] = k
            self._data.forget_orders(col)
        if self._sort[0] in keys:
            self._apply()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < NCOLS:
            self._sort = (column, order == Qt.SortOrder.DescendingOrder)
            self._apply()

    def sort_state(self) -> tuple[int, bool]:
        return self._sort

    def _text_hits(self, text: str) -> np.ndarray | None:
        """Rows matching the text; typing one more character searches only the previous hits."""
        needle = text.strip().lower()
        if not needle or self._data is None:
            return None
        within = None
        for prev, hits in reversed(self._hits):
            if needle == prev:
                return hits
            if needle.startswith(prev):
                within = hits
                break
        hits = self._data.search(needle, within)
        self._hits.append((needle, hits))
        del self._hits[:-_HITS_CACHE]
        return hits

    def _apply(self) -> None:
        self.beginResetModel()
        d = self._data
        if d is None:
            self._view = np.empty(0, dtype=np.int64)
        else:
            mask = d.quick_mask(self._filters)
            hits = self._text_hits(self._filters.text)
            if hits is not None:
                keep = np.zeros(d.size, dtype=bool)
                keep[hits] = True
                mask &= keep
            order = d.order(*self._sort)
            self._view = order[mask[order]]
        self._n = len(self._view)
        self.endResetModel()

    # ------------------------------------------------------------------ queries for the page
    def view_rows(self) -> np.ndarray:
        """Positions in the book frame of the rows shown, in display order."""
        return self._view

    def client_no(self, row: int) -> str:
        return str(self._cols[Col.CLIENT_NO][self._view[row]]) if 0 <= row < self._n else ""

    def row_of(self, client_no: str) -> int:
        if self._data is None:
            return -1
        frame_pos = self._data.position_of(client_no)
        if frame_pos < 0:
            return -1
        pos = np.flatnonzero(self._view == frame_pos)  # integer compare: fast at 100,000 rows
        return int(pos[0]) if len(pos) else -1

    def total_assets(self, rows: np.ndarray | None = None) -> float:
        """Sum of latest total assets of the given view rows (all shown rows when None); unscored count 0."""
        if self._data is None:
            return 0.0
        idx = self._view if rows is None else self._view[rows]
        return float(np.nansum(self._data.assets[idx]))

    # ------------------------------------------------------------------ Qt model interface
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._n

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else NCOLS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < NCOLS:
            if role == DISPLAY:
                return self._headers[section]
            if role == TOOLTIP:
                return self._tips[section]
            if role == ALIGN:
                return self._align[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        r = index.row()
        c = index.column()
        if r < 0 or r >= self._n or c < 0 or c >= NCOLS:
            return None
        if role == DISPLAY:
            return self._text(c, self._view[r])
        if role == ALIGN:
            return self._align[c]
        if role == FONT:
            return self._font(c, int(self._view[r]))
        if role == TOOLTIP:
            return self._tooltip(c, int(self._view[r]))
        if role == CLIENT_NO_ROLE:
            return self._cols[Col.CLIENT_NO][self._view[r]]
        if role == ROW_ROLE:
            return int(self._view[r])
        return None

    def cell(self, row: int, c: int) -> tuple[str, bool, bool]:
        """What the book's delegate draws: (text, right-aligned, bold), one call per cell instead of one
        per role."""
        if row < 0 or row >= self._n or c < 0 or c >= NCOLS:
            return "", False, False
        pos = int(self._view[row])
        return self._text(c, pos), self._right[c], self._is_bold(c, pos)

    def _text(self, c: int, pos: Any) -> str:
        """The shown text of column ``c`` at frame position ``pos`` (numbers and dates formatted here)."""
        fmt = self._fmt[c]
        value = self._cols[c][pos]
        return value if fmt is None else fmt(value)

    def _is_bold(self, c: int, pos: int) -> bool:
        d = self._data
        if d is None:
            return False
        if c == Col.NEXT_DUE:
            return bool(d.overdue[pos])
        if c == Col.CHURN:
            return bool(d.churn[pos] == "high")
        if c == Col.MISMATCH:
            return bool(d.mismatch[pos])
        return False

    def _font(self, c: int, pos: int) -> QFont | None:
        return self._bold if self._is_bold(c, pos) else None

    def _tooltip(self, c: int, pos: int) -> str | None:
        d = self._data
        if d is None:
            return None
        text = self._text(c, pos)
        if text == NONE and c in (
            Col.GRADE,
            Col.VALUE_SCORE,
            Col.AVG_ASSETS,
            Col.COMMISSION,
            Col.CHURN,
            Col.MISMATCH,
            Col.LIFECYCLE,
        ):
            return QCoreApplication.translate("ClientBook", "Not scored yet")
        if c == Col.GRADE:
            return label("grade", str(d.grade[pos]), self._lang)
        if c == Col.NEXT_DUE and d.overdue[pos]:
            return QCoreApplication.translate("ClientBook", "Overdue: the task was due on {date}").replace(
                "{date}", str(text)
            )
        if c == Col.RISK_LEVEL:
            return QCoreApplication.translate(
                "ClientBook", "Declared risk level (C1 conservative … C5 aggressive)"
            )
        return None
