"""Header mapping, per-cell parsing and the error list of one import.

Errors are spooled to a temporary CSV as they are found, with only the first few kept in memory, so
a file where every one of a million rows is wrong still validates in bounded memory.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crm_desktop.domain.cells import neutralise
from crm_desktop.i18n import tr
from crm_desktop.importing.kinds import KindSpec
from crm_desktop.importing.values import CellError, Parser, cell_text

SHOWN_ERRORS = 50
_MAX_VALUE_SHOWN = 200


@dataclass(frozen=True)
class RowError:
    """One problem: the row as in the file (header = row 1), the column header, the value, why."""

    row: int
    column: str
    value: str
    reason: str

    def describe(self) -> str:
        if self.column:
            return tr(
                "第 {row} 行，列“{col}”，值“{val}”：{reason}",
                'row {row}, column "{col}", value "{val}": {reason}',
                row=self.row,
                col=self.column,
                val=self.value,
                reason=self.reason,
            )
        return tr("第 {row} 行：{reason}", "row {row}: {reason}", row=self.row, reason=self.reason)


def report_header() -> list[str]:
    return [tr("行号", "row"), tr("列", "column"), tr("值", "value"), tr("原因", "reason")]


class ErrorSink:
    """All errors of one import: the first ``keep`` in memory, every one in a spooled CSV."""

    def __init__(self, keep: int = SHOWN_ERRORS) -> None:
        self.keep = keep
        self.first: list[RowError] = []
        self.count = 0
        # Lives as long as the sink (closed in close()), so no with-block.
        self._file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
        self._writer = csv.writer(self._file)

    def add(self, err: RowError) -> None:
        self.count += 1
        if len(self.first) < self.keep:
            self.first.append(err)
        self._writer.writerow([err.row, err.column, neutralise(err.value), neutralise(err.reason)])

    def extend(self, errs: Sequence[RowError]) -> None:
        for e in errs:
            self.add(e)

    def merge_late(self, late: Sequence[RowError]) -> None:
        """Fold in errors found after the reading pass (duplicates), keeping the report in row order."""
        import heapq

        self._file.flush()
        self._file.seek(0)
        merged = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
        writer = csv.writer(merged)
        spooled = (RowError(int(r[0]), r[1], r[2], r[3]) for r in csv.reader(self._file))
        self.first = []
        self.count = 0
        for err in heapq.merge(spooled, sorted(late, key=lambda e: e.row), key=lambda e: e.row):
            self.count += 1
            if len(self.first) < self.keep:
                self.first.append(err)
            writer.writerow([err.row, err.column, err.value, err.reason])
        self._file.close()
        self._file = merged
        self._writer = writer

    def __bool__(self) -> bool:
        return self.count > 0

    def write_report(self, path: Path) -> None:
        """The report for a person: UTF-8 with BOM so Excel on a Chinese Windows opens it right."""
        self._file.flush()
        self._file.seek(0)
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            csv.writer(out).writerow(report_header())
            shutil.copyfileobj(self._file, out)
        self._file.seek(0, 2)

    def close(self) -> None:
        self._file.close()


@dataclass
class HeaderMap:
    """Which file column holds each field, and what the header row itself got wrong."""

    index: dict[str, int] = field(default_factory=dict)
    header: dict[str, str] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def present(self, name: str) -> bool:
        return name in self.index


def map_headers(spec: KindSpec, headers: Sequence[str]) -> HeaderMap:
    hm = HeaderMap()
    for i, h in enumerate(headers):
        text = (h or "").strip()
        if not text:
            continue
        name = spec.field_for(text)
        if name is None:
            hm.ignored.append(text)
            continue
        if name in hm.index:
            hm.errors.append(
                RowError(
                    1,
                    text,
                    text,
                    tr(
                        "与列“{other}”重复（都对应 {field}），请删除其中一列",
                        'duplicates column "{other}" (both mean {field}); remove one of them',
                        other=hm.header[name],
                        field=name,
                    ),
                )
            )
            continue
        hm.index[name] = i
        hm.header[name] = text
    for col in spec.columns:
        if col.required and col.name not in hm.index:
            hm.errors.append(
                RowError(
                    1,
                    f"{col.zh} / {col.name}",
                    "",
                    tr(
                        "缺少必需的列“{zh}”（或“{en}”）",
                        'the required column "{zh}" (or "{en}") is missing',
                        zh=col.zh,
                        en=col.name,
                    ),
                )
            )
    return hm


def ignored_warning(hm: HeaderMap) -> str | None:
    if not hm.ignored:
        return None
    return tr(
        "以下列无法识别，已忽略：{cols}",
        "These columns are not recognised and were ignored: {cols}",
        cols=", ".join(hm.ignored),
    )


class RowParser:
    """Parses the present columns of one row into ``{field: stored value}``, collecting cell errors."""

    def __init__(self, spec: KindSpec, hm: HeaderMap) -> None:
        self.fields: list[tuple[str, int, str, Parser]] = [
            (c.name, hm.index[c.name], hm.header[c.name], c.make_parser())
            for c in spec.columns
            if c.name in hm.index
        ]
        self.header = hm.header
        self.hm = hm
        # The cells that did parse, after a row with errors: their references are still checked.
        self.partial: dict[str, Any] = {}

    def parse(self, row_no: int, cells: Sequence[Any], errors: list[RowError]) -> dict[str, Any] | None:
        out: dict[str, Any] = {}
        ok = True
        n = len(cells)
        for name, idx, header, parser in self.fields:
            raw = cells[idx] if idx < n else None
            try:
                out[name] = parser(raw)
            except CellError as exc:
                ok = False
                errors.append(RowError(row_no, header, shown(raw), str(exc)))
        if ok:
            return out
        self.partial = out
        return None


def shown(raw: Any) -> str:
    s = cell_text(raw)
    return s if len(s) <= _MAX_VALUE_SHOWN else s[:_MAX_VALUE_SHOWN] + "…"
