"""Painting the client book's cells with as little work per cell as Qt allows.

Qt's default delegate asks the model for seven roles per cell, builds a style option from them and lays
the text out in a QTextLayout on every paint; at 100,000 clients a filter keystroke repaints about 480
cells, and that work was most of the keystroke's cost. This delegate takes text, alignment and weight
from the model in one call and draws the text with ``QPainter.drawText`` at a computed baseline. The
width of each text (needed to right-align numbers and to elide what does not fit) is measured once and
kept: grades, churn labels, risk levels, dates and scores repeat all over the book. Everything that does
not change from cell to cell (fonts, colours, the style, margins) is looked up once, and again only when
the view's font, palette or style changes. (A cache of laid-out ``QStaticText`` draws a hit a little
faster, but laying out a new one costs four times a plain draw, and every keystroke brings new rows.)

What it draws is what the default delegate draws for these plain-text cells: the style's selection
panel, the text in the palette's (highlighted) text colour, elided on the right when the column is too
narrow, and the style's focus frame on the current cell.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
)

# State bits as plain ints: testing an int is several times cheaper than combining Qt flag enums.
_SELECTED = QStyle.StateFlag.State_Selected.value
_FOCUS = QStyle.StateFlag.State_HasFocus.value
_ACTIVE = QStyle.StateFlag.State_Active.value
_ENABLED = QStyle.StateFlag.State_Enabled.value
_GROUPS = (QPalette.ColorGroup.Disabled, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Normal)
_REFRESH = (
    QEvent.Type.FontChange,
    QEvent.Type.PaletteChange,
    QEvent.Type.StyleChange,
    QEvent.Type.ApplicationFontChange,
    QEvent.Type.ApplicationPaletteChange,
)
_CACHE_LIMIT = 50_000  # measured texts kept; the whole cache is dropped when it is full


class BookDelegate(QStyledItemDelegate):
    """Draws the cells of a model that has ``cell(row, column) -> (text, right_aligned, bold)``."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        self._texts: dict[tuple[str, bool, int], tuple[str, float]] = {}
        self._line_height = 0
        self._ascent = 0.0
        self._fonts: tuple[QFont, QFont] = (QFont(), QFont())
        self._metrics: tuple[QFontMetricsF, QFontMetricsF] = (QFontMetricsF(QFont()), QFontMetricsF(QFont()))
        self._pens: list[tuple[QColor, QColor]] = []
        self._margin = 4
        self._refresh()
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() in _REFRESH:
            self._refresh()
        return False

    def _refresh(self) -> None:
        """Fonts, colours and margins from the view; texts laid out for the old font are dropped."""
        view = self._view
        font = QFont(view.font())
        bold = QFont(font)
        bold.setBold(True)
        self._fonts = (font, bold)
        self._metrics = (QFontMetricsF(font), QFontMetricsF(bold))
        # Placed as Qt's own item text is: a line of ascent + descent rounded up (QTextLine's height),
        # centred in whole pixels, the baseline at the (fractional) ascent below its top.
        exact = self._metrics[0]
        self._line_height = math.ceil(exact.ascent() + exact.descent())
        self._ascent = exact.ascent()
        palette = view.palette()
        # index: 0 disabled, 1 inactive, 2 normal (active)
        self._pens = [
            (palette.color(g, QPalette.ColorRole.Text), palette.color(g, QPalette.ColorRole.HighlightedText))
            for g in _GROUPS
        ]
        self._margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        self._texts.clear()

    def _fit(self, text: str, bold: bool, width: int) -> tuple[str, float]:
        """The text as shown in ``width`` pixels (elided when wider) and its width."""
        key = (text, bold, width)
        hit = self._texts.get(key)
        if hit is not None:
            return hit
        metrics = self._metrics[bold]
        advance = metrics.horizontalAdvance(text)
        if advance > width + 0.01:
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            advance = metrics.horizontalAdvance(text)
        if len(self._texts) >= _CACHE_LIMIT:
            self._texts.clear()
        self._texts[key] = (text, advance)
        return text, advance

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        model: Any = index.model()
        text, right, bold = model.cell(index.row(), index.column())
        state = option.state.value
        rect = option.rect
        group = (2 if state & _ACTIVE else 1) if state & _ENABLED else 0
        if state & _SELECTED:
            self._view.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, self._view
            )
            painter.setPen(self._pens[group][1])
        else:
            painter.setPen(self._pens[group][0])
        if text:
            margin = self._margin
            width = rect.width() - 2 * margin
            if width > 0:
                shown, text_width = self._fit(text, bold, width)
                x = rect.x() + rect.width() - margin - text_width if right else rect.x() + margin
                painter.setFont(self._fonts[bold])
                painter.drawText(
                    QPointF(x, rect.y() + (rect.height() - self._line_height) // 2 + self._ascent), shown
                )
        if state & _FOCUS:
            self._focus_frame(painter, option, group, bool(state & _SELECTED))

    def _focus_frame(
        self, painter: QPainter, option: QStyleOptionViewItem, group: int, selected: bool
    ) -> None:
        view = self._view
        frame = QStyleOptionFocusRect()
        frame.initFrom(view)
        frame.rect = option.rect
        frame.state = option.state | QStyle.StateFlag.State_KeyboardFocusChange | QStyle.StateFlag.State_Item
        role = QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Window
        frame.backgroundColor = view.palette().color(_GROUPS[group], role)
        view.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, frame, painter, view)
