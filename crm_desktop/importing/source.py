"""Reading an export file row by row: CSV in any of the encodings back offices use, or .xlsx.

Rows come out as ``(row_no, cells)`` where ``row_no`` is the row as a person sees it when opening
the file (header = row 1, blank rows counted but not returned). Nothing is read ahead beyond one
buffer, so memory stays flat however big the file is.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.importing.values import cell_text

_BLOCK = 1 << 20
_DELIMITERS = (",", "\t", ";", "|")
_ZEROS_RE = re.compile(r"^0+$")
# Big fields are legitimate (addresses, notes) but a runaway quote should fail, not eat memory.
csv.field_size_limit(1 << 20)


@dataclass(frozen=True)
class EncodingGuess:
    codec: str  # what Python decodes with
    label: str  # what a person is shown


def _label(codec: str) -> str:
    return {"utf-8-sig": "UTF-8 (BOM)", "utf-8": "UTF-8", "gb18030": "GB18030", "gbk": "GBK"}.get(
        codec, codec
    )


def normalize_encoding(name: str) -> str:
    """A user-given encoding name as a codec; GBK and GB2312 read as GB18030, their superset."""
    try:
        codec = codecs.lookup(name.strip()).name
    except LookupError:
        raise InvalidInput(
            tr(
                "未知的编码 {enc}，可用例如 utf-8、gbk、gb18030。",
                "Unknown encoding {enc}; use e.g. utf-8, gbk or gb18030.",
                enc=name,
            )
        ) from None
    if codec in ("gbk", "gb2312", "gb18030"):
        return "gb18030"
    return codec


def detect_encoding(path: Path, *, full: bool = True) -> EncodingGuess:
    """UTF-8 with or without BOM if the bytes are valid UTF-8, else GBK/GB18030.

    ``full`` checks the whole file (fast: the UTF-8 decoder runs at disk speed), so a GBK name far
    down a file whose first megabyte is ASCII is not misread; the preview uses the first block only.
    """
    with path.open("rb") as f:
        head = f.read(_BLOCK)
        if head.startswith(codecs.BOM_UTF8):
            return EncodingGuess("utf-8-sig", _label("utf-8-sig"))
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise InvalidInput(
                tr(
                    "文件是 UTF-16 编码：请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后再导入。",
                    'The file is UTF-16 encoded: save it from Excel as "CSV UTF-8" or .xlsx and import that.',
                )
            )
        dec = codecs.getincrementaldecoder("utf-8")()
        block = head
        try:
            while block:
                dec.decode(block, final=False)
                if not full:
                    break
                block = f.read(_BLOCK)
            if full:
                dec.decode(b"", final=True)
            return EncodingGuess("utf-8", _label("utf-8"))
        except UnicodeDecodeError:
            pass
    try:
        head.decode("gbk")
        label = "GBK"
    except UnicodeDecodeError:
        label = "GB18030"
    return EncodingGuess("gb18030", label)


class _CountingReader(io.RawIOBase):
    """Counts bytes read so progress can be reported without ``tell()`` on a text stream."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        n = self._raw.readinto(b)  # type: ignore[attr-defined]
        self.count += n or 0
        return n or 0

    def close(self) -> None:
        self._raw.close()
        super().close()


class TableSource:
    """Common interface of the CSV and Excel readers."""

    format: str = ""
    encoding: EncodingGuess | None = None
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    headers: list[str]

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        raise NotImplementedError

    def fraction(self) -> float:
        """Share of the file read so far, 0..1 (0 when unknown)."""
        return 0.0

    def close(self) -> None:
        pass

    def __enter__(self) -> TableSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class CsvSource(TableSource):
    format = "csv"

    def __init__(self, path: Path, encoding: str | None = None) -> None:
        self.path = path
        self.size = max(path.stat().st_size, 1)
        if encoding:
            codec = normalize_encoding(encoding)
            if codec == "utf-8" and path.open("rb").read(3) == codecs.BOM_UTF8:
                codec = "utf-8-sig"
            self.encoding = EncodingGuess(codec, _label(codec))
        else:
            self.encoding = detect_encoding(path)
        self._counter = _CountingReader(path.open("rb"))
        buffered = io.BufferedReader(self._counter, buffer_size=_BLOCK)
        self._text = io.TextIOWrapper(buffered, encoding=self.encoding.codec, newline="")
        self._row_no = 1
        try:
            first = self._text.readline()
        except UnicodeDecodeError as exc:
            raise self._decode_error(exc, 1) from None
        self.delimiter = _sniff_delimiter(first)
        header_rows = list(csv.reader([first], delimiter=self.delimiter))
        self.headers = [h.strip() for h in header_rows[0]] if header_rows else []
        self._reader = csv.reader(self._text, delimiter=self.delimiter)

    def _decode_error(self, exc: UnicodeDecodeError, row: int) -> InvalidInput:
        assert self.encoding is not None
        if not row:
            return InvalidInput(
                tr(
                    "文件内容不是 {enc} 编码。请用 --encoding 指定文件的实际编码（如 gbk 或 utf-8）。",
                    "The file's bytes are not {enc}. Give the file's real encoding with --encoding "
                    "(e.g. gbk or utf-8).",
                    enc=self.encoding.label,
                )
            )
        return InvalidInput(
            tr(
                "第 {row} 行附近的内容不是 {enc} 编码。请用 --encoding 指定文件的实际编码（如 gbk 或 utf-8）。",
                "Around row {row} the bytes are not {enc}. Give the file's real encoding with --encoding "
                "(e.g. gbk or utf-8).",
                row=row,
                enc=self.encoding.label,
            )
        )

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        row_no = 1
        reader = self._reader
        try:
            for cells in reader:
                row_no += 1
                if not any(c.strip() for c in cells):
                    continue
                yield row_no, cells
        except UnicodeDecodeError as exc:
            raise self._decode_error(exc, row_no + 1) from None
        except csv.Error as exc:
            raise InvalidInput(
                tr(
                    "第 {row} 行不是有效的 CSV（{msg}），常见原因是未闭合的引号。",
                    "Row {row} is not valid CSV ({msg}); an unclosed quote is the usual cause.",
                    row=row_no + 1,
                    msg=exc,
                )
            ) from None

    def chunks(self, usecols: list[int], chunk_rows: int) -> Iterator[tuple[Any, Any]]:
        """The data rows as pandas chunks of text columns (see :mod:`crm_desktop.importing.fast`)."""
        import pandas as pd

        from crm_desktop.importing.fast import parser_error_line, read_chunks

        try:
            yield from read_chunks(self._text, len(self.headers), usecols, chunk_rows, self.delimiter)
        except UnicodeDecodeError as exc:
            raise self._decode_error(exc, 0) from None
        except pd.errors.ParserError as exc:
            line = parser_error_line(exc)
            raise InvalidInput(
                tr(
                    "第 {line} 行（按文本行计）的列数多于表头，或有未闭合的引号，请检查该行。",
                    "Line {line} (counting text lines) has more fields than the header, or an unclosed "
                    "quote; check that line.",
                    line=line or "?",
                )
            ) from None

    def fraction(self) -> float:
        return min(self._counter.count / self.size, 1.0)

    def close(self) -> None:
        self._text.close()


def _sniff_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


class XlsxSource(TableSource):
    format = "xlsx"

    def __init__(self, path: Path, sheet: str | None = None) -> None:
        import zipfile

        from openpyxl import load_workbook

        try:
            self._wb = load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError) as exc:
            raise InvalidInput(
                tr(
                    "{name} 不是有效的 .xlsx 工作簿（{msg}）。",
                    "{name} is not a valid .xlsx workbook ({msg}).",
                    name=path.name,
                    msg=exc,
                )
            ) from None
        self.sheets = tuple(self._wb.sheetnames)
        if sheet is None:
            self.sheet = self.sheets[0]
        elif sheet in self.sheets:
            self.sheet = sheet
        else:
            self._wb.close()
            raise InvalidInput(
                tr(
                    "工作簿中没有名为 {sheet} 的工作表，现有：{sheets}。",
                    "The workbook has no sheet named {sheet}; it has: {sheets}.",
                    sheet=sheet,
                    sheets=", ".join(self.sheets),
                )
            )
        self._ws = self._wb[self.sheet]
        self._total = self._ws.max_row or 0
        self._done = 0
        self._iter = self._ws.iter_rows()
        self.headers = []
        for cells in self._iter:
            self.headers = [cell_text(c) for c in _cell_values(cells)]
            break
        while self.headers and not self.headers[-1]:
            self.headers.pop()

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        row_no = 1
        for cells in self._iter:
            row_no = _row_of(cells, row_no + 1)
            self._done = row_no
            values = _cell_values(cells)
            if all(x is None or (isinstance(x, str) and not x.strip()) for x in values):
                continue
            yield row_no, values

    def fraction(self) -> float:
        return min(self._done / self._total, 1.0) if self._total else 0.0

    def close(self) -> None:
        self._wb.close()


def _row_of(cells: tuple[Any, ...], fallback: int) -> int:
    for c in cells:
        r = getattr(c, "row", None)
        if r:
            return int(r)
    return fallback


def _cell_values(cells: tuple[Any, ...]) -> list[Any]:
    out: list[Any] = []
    for c in cells:
        val = getattr(c, "value", None)
        # A code typed as a number keeps its zeros only through a 000000 display format.
        if isinstance(val, int | float) and not isinstance(val, bool):
            fmt = getattr(c, "number_format", None)
            if fmt and _ZEROS_RE.match(fmt) and float(val).is_integer():
                val = str(int(val)).zfill(len(fmt))
        out.append(val)
    return out


def open_source(path: str | Path, *, encoding: str | None = None, sheet: str | None = None) -> TableSource:
    p = Path(path)
    if not p.is_file():
        raise InvalidInput(tr("找不到文件 {path}。", "The file {path} does not exist.", path=p))
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        if encoding:
            raise InvalidInput(tr("--encoding 只适用于 CSV 文件。", "--encoding applies to CSV files only."))
        return XlsxSource(p, sheet)
    if suffix == ".xls":
        raise InvalidInput(
            tr(
                "不支持旧版 .xls 文件：请在 Excel 中另存为 .xlsx 或 CSV。",
                "Old .xls files are not supported: save it as .xlsx or CSV from Excel.",
            )
        )
    if sheet:
        raise InvalidInput(tr("--sheet 只适用于 .xlsx 文件。", "--sheet applies to .xlsx files only."))
    return CsvSource(p, encoding)
