"""Column-wise checking of the big kinds (assets, trades, holdings) from CSV.

A trade file can have a million rows; checking them one Python call per cell is too slow. Here a
whole chunk is checked per column with pandas: numbers through ``to_numeric``, dates and choices
through their few distinct values, client numbers and security codes by index lookup. Any row this
cannot vouch for (an odd number format, a bad value, an unknown client) goes back to the row-by-row
parser, which accepts what it can and words the errors, so both paths give the same results.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd

from crm_desktop.importing.kinds import KindSpec
from crm_desktop.importing.rows import HeaderMap
from crm_desktop.importing.values import CellError

FAST_KINDS = frozenset({"assets", "trades", "holdings"})

# field -> (check, args); checks are the methods of FastParser named _v_<check>
_FIELDS: dict[str, dict[str, tuple[Any, ...]]] = {
    "trades": {
        "trade_id": ("code", 40),
        "client_no": ("client",),
        "trade_date": ("date",),
        "code": ("security",),
        "side": ("choice",),
        "quantity": ("dec", 2, True, None),
        "price": ("dec", 4, True, None),
        "amount": ("dec", 2, True, None),
        "commission": ("dec", 2, True, "0.00"),
    },
    "assets": {
        "client_no": ("client",),
        "date": ("date",),
        "cash": ("dec", 2, True, None),
        "securities_value": ("dec", 2, True, None),
        "total_assets": ("dec", 2, True, None),
        "net_inflow": ("dec", 2, False, "0.00"),
    },
    "holdings": {
        "client_no": ("client",),
        "date": ("date",),
        "code": ("security",),
        "quantity": ("dec", 2, True, None),
        "cost": ("dec", 2, True, None),
        "market_value": ("dec", 2, True, None),
    },
}

_GROUPED = r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?"
# Above this the float check of the decimal places loses its meaning; such rows take the exact path.
_FAST_LIMIT = 1e11

Column = tuple[list[Any], np.ndarray]


def decimal_columns(kind: str) -> frozenset[str]:
    return frozenset(f for f, spec in _FIELDS[kind].items() if spec[0] == "dec")


class FastParser:
    """Checks one chunk column by column; returns the staged rows and the rows left for the slow path."""

    def __init__(self, spec: KindSpec, hm: HeaderMap, target: Any, backend: str) -> None:
        self.spec = spec
        self.hm = hm
        self.target = target
        self.sqlite = backend == "sqlite"
        self.fields = _FIELDS[spec.name]
        self.parsers = {c.name: c.make_parser() for c in spec.columns}
        self.usecols = sorted(hm.index.values())
        inverse = {col: f for f, col in target.field_cols.items()}
        self.stage_fields = [inverse.get(c, c) for c in target.stage_cols]
        self._client_index: pd.Index | None = None
        self._client_ids: np.ndarray | None = None
        self._date_cache: dict[str, dict[Any, str | None]] = {}

    # ------------------------------------------------------------------ column checks
    def _v_code(self, name: str, s: pd.Series, max_len: int) -> Column:
        lens = s.str.len().to_numpy()
        ok = (lens >= 1) & (lens <= max_len)
        # Surrounding blanks and Excel's ="..." guard are handled (and stripped) by the slow path.
        ok &= (s.str.strip() == s).to_numpy() & ~s.str.startswith('="').to_numpy()
        ok &= ~s.str.contains(r"[\x00-\x1f\x7f]", regex=True).to_numpy()
        return s.tolist(), ok

    def _v_client(self, name: str, s: pd.Series) -> Column:
        if self._client_index is None:
            clients: dict[str, int] = self.target.clients
            self._client_index = pd.Index(list(clients.keys()), dtype=object)
            self._client_ids = np.fromiter(clients.values(), dtype=np.int64, count=len(clients))
        assert self._client_ids is not None
        pos = self._client_index.get_indexer(pd.Index(s.to_numpy(dtype=object), dtype=object))
        ok = pos >= 0
        ids = self._client_ids[np.where(ok, pos, 0)] if len(self._client_ids) else np.zeros(len(s), np.int64)
        return ids.tolist(), ok

    def _v_security(self, name: str, s: pd.Series) -> Column:
        return s.tolist(), s.isin(self.target.codes).to_numpy()

    def _v_date(self, name: str, s: pd.Series) -> Column:
        return self._by_distinct(name, s)

    def _v_choice(self, name: str, s: pd.Series) -> Column:
        return self._by_distinct(name, s)

    def _by_distinct(self, name: str, s: pd.Series) -> Column:
        """Few distinct values (dates, sides): parse each once with the exact parser."""
        codes, uniques = pd.factorize(s.to_numpy(dtype=object))
        cache = self._date_cache.setdefault(name, {})
        parser = self.parsers[name]
        parsed: list[Any] = []
        for u in uniques:
            if u not in cache:
                try:
                    cache[u] = parser(u) if u != "" else None
                except CellError:
                    cache[u] = None
            parsed.append(cache[u])
        values = np.array([*parsed, None], dtype=object)[codes]
        ok = np.array([*(p is not None for p in parsed), False])[codes]
        return values.tolist(), ok

    def _v_dec(self, name: str, s: pd.Series, scale: int, non_negative: bool, default: str | None) -> Column:
        raw = s
        num = pd.to_numeric(s, errors="coerce").to_numpy(dtype=np.float64, copy=True)
        nan = np.isnan(num)
        if nan.any():
            # Thousands separators (often the whole column) and blanks; anything else stays NaN.
            where = np.flatnonzero(nan)
            sub = s.iloc[where]
            grouped = sub.str.fullmatch(_GROUPED).to_numpy()
            if grouped.any():
                fixed = sub[grouped].str.replace(",", "", regex=False)
                raw = s.copy()
                raw.iloc[where[grouped]] = fixed.to_numpy()
                num[where[grouped]] = pd.to_numeric(fixed, errors="coerce").to_numpy(dtype=np.float64)
            if default is not None:
                empty = where[(sub == "").to_numpy()]
                if len(empty):
                    num[empty] = float(default)
                    if not self.sqlite:
                        raw = raw.copy() if raw is s else raw
                        raw.iloc[empty] = default
        ok = np.isfinite(num) & (np.abs(num) < _FAST_LIMIT)
        if non_negative:
            ok &= num >= 0
        scaled = num * (10.0**scale)
        with np.errstate(invalid="ignore"):
            ok &= np.abs(scaled - np.round(scaled)) < 1e-6
        # SQLite stores these as doubles exactly like the ORM (float of the decimal); PostgreSQL gets the
        # text and parses it into NUMERIC itself, exactly.
        values = num.tolist() if self.sqlite else raw.tolist()
        return values, ok

    # ------------------------------------------------------------------ chunks
    def chunk(self, df: pd.DataFrame, row_nos: np.ndarray) -> tuple[list[tuple[Any, ...]], list[int]]:
        """Staged rows for the rows that pass every column, and the positions of the others."""
        n = len(df)
        ok = np.ones(n, dtype=bool)
        cols: dict[str, list[Any]] = {}
        for f, (check, *args) in self.fields.items():
            idx = self.hm.index.get(f)
            if idx is None:
                continue
            values, good = getattr(self, f"_v_{check}")(f, df[idx], *args)
            cols[f] = values
            ok &= good
        # Blank rows fail the required columns, so only the failing rows need the blank test.
        bad = np.flatnonzero(~ok)
        blank = np.zeros(n, dtype=bool)
        if len(bad):
            sub = np.ones(len(bad), dtype=bool)
            for col in df.columns:
                sub &= df[col].iloc[bad].str.strip().to_numpy() == ""
            blank[bad] = sub
        arrays: list[Sequence[Any]] = [row_nos.tolist()]
        for f in self.stage_fields:
            if f in cols:
                arrays.append(cols[f])
            else:
                arrays.append([self._absent_default(f)] * n)
        keep = np.flatnonzero(ok)
        rows = list(zip(*arrays, strict=True))
        staged = [rows[i] for i in keep] if len(keep) < n else rows
        slow = np.flatnonzero(~ok & ~blank).tolist()
        return staged, slow

    def _absent_default(self, f: str) -> Any:
        spec = self.fields.get(f)
        if spec and spec[0] == "dec":
            return 0.0 if self.sqlite else spec[3]
        return None


def to_backend(row: tuple[Any, ...], dec_positions: Sequence[int]) -> tuple[Any, ...]:
    """A slow-path row in the form the fast path gives SQLite (decimals as floats)."""
    out = list(row)
    for i in dec_positions:
        if out[i] is not None:
            out[i] = float(out[i])
    return tuple(out)


def read_chunks(
    text: Any, ncols: int, usecols: list[int], chunk_rows: int, delimiter: str
) -> Iterator[tuple[pd.DataFrame, np.ndarray]]:
    """Chunks of a CSV text stream positioned after the header, with each row's number in the file.

    Short rows are padded with empty cells and cells beyond the header are dropped (index_col=False),
    as the row-by-row reader does; some exports end data rows, but not the header, with a delimiter.
    """
    reader = pd.read_csv(
        text,
        header=None,
        names=list(range(ncols)),
        index_col=False,
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,
        chunksize=chunk_rows,
        engine="c",
        sep=delimiter,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pd.errors.ParserWarning)
        for df in reader:
            yield df, df.index.to_numpy() + 2


def parser_error_line(exc: Exception) -> int | None:
    m = re.search(r"line (\d+)", str(exc))
    return int(m.group(1)) + 1 if m else None


def row_cells(df: pd.DataFrame, pos: int, width: int) -> list[Any]:
    """One row of a chunk as the positional cell list the row parser expects."""
    cells: list[Any] = [""] * width
    for col in df.columns:
        cells[int(col)] = df[col].iat[pos]
    return cells
