"""Plain tables on disk: CSV that Excel opens with its Chinese intact, or an .xlsx workbook, by the file suffix."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from crm_desktop.domain.cells import neutralise, neutralise_row
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr


def write_table(frame: pd.DataFrame, path: Path, headers: Sequence[str] | None = None) -> None:
    """Write CSV (UTF-8 with BOM, so Excel opens Chinese correctly) or .xlsx, by the file's suffix."""
    suffix = path.suffix.lower()
    heads = list(headers) if headers is not None else [str(c) for c in frame.columns]
    try:
        if suffix == ".xlsx":
            _write_xlsx(frame, path, heads)
        elif suffix == ".csv":
            with path.open("w", encoding="utf-8-sig", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(neutralise_row(heads))
                for row in frame.itertuples(index=False):
                    w.writerow(neutralise_row("" if (isinstance(v, float) and v != v) else v for v in row))
        else:
            raise InvalidInput(
                tr(
                    "不支持的导出格式 {s}：请用 .csv 或 .xlsx 结尾的文件名。",
                    "Unsupported export format {s}: name the file .csv or .xlsx.",
                    s=suffix or "-",
                )
            )
    except OSError as exc:
        raise InvalidInput(
            tr(
                "无法写入 {p}：{e}。请选择可写的位置。",
                "Cannot write {p}: {e}. Choose a writable place.",
                p=path,
                e=exc.strerror or exc,
            )
        ) from exc


def _write_xlsx(frame: pd.DataFrame, path: Path, headers: list[str]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    from openpyxl.cell import WriteOnlyCell

    head_cells = []
    for h in headers:
        cell = WriteOnlyCell(ws, value=neutralise(h))
        cell.font = bold
        head_cells.append(cell)
    ws.append(head_cells)
    for row in frame.itertuples(index=False):
        ws.append(neutralise_row(None if (isinstance(v, float) and v != v) else v for v in row))
    wb.save(path)


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and headers are spreadsheet-safe (``domain.cells.neutralise``).

    For writers that hand a frame to pandas (``to_csv``, ``to_excel``); numbers stay numbers.
    """
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(neutralise)
    out.columns = [neutralise(str(c)) if isinstance(c, str) else c for c in out.columns]
    return out
