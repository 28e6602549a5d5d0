"""Showing and printing a PDF held in memory with QtPdf."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

# Rendering each page at the printer's full resolution makes a 1200-dpi job crawl; 300 dpi is crisp on paper.
MAX_PRINT_DPI = 300


class PdfBytes(QObject):
    """A QPdfDocument fed from bytes; keeps the buffer alive as long as the document reads from it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.data = b""

    def load(self, pdf: bytes) -> bool:
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
        self.data = pdf
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        return self.document.status() == QPdfDocument.Status.Ready and self.document.pageCount() > 0


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint every page (or the printer's chosen range) onto ``printer``; returns pages printed."""
    count = document.pageCount()
    first, last = 0, count - 1
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(0, printer.fromPage() - 1)
        last = min(count - 1, printer.toPage() - 1)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    printed = 0
    try:
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        target: QRect = printer.pageLayout().paintRectPixels(printer.resolution())
        target.moveTo(0, 0)
        for index in range(first, last + 1):
            if printed:
                printer.newPage()
            points = document.pagePointSize(index)
            size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image: QImage = document.render(index, size)
            # Fit the page into the printable area, keeping its proportions.
            scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = target.x() + (target.width() - scaled.width()) // 2
            y = target.y() + (target.height() - scaled.height()) // 2
            painter.drawImage(QRect(x, y, scaled.width(), scaled.height()), image)
            printed += 1
    finally:
        painter.end()
    return printed
