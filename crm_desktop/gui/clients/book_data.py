"""The client book prepared for display: pre-formatted text columns, sort orders, a search haystack.

Everything here is computed once per load on a worker thread. Filtering and sorting afterwards are
numpy operations on index arrays (a few milliseconds for 100,000 clients), which is why the book
does not use QSortFilterProxyModel (0.2–0.7 s per keystroke at that size).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum

import numpy as np
import pandas as pd
from PySide6.QtCore import QCollator, QLocale

from crm_desktop.i18n import EN, language
from crm_desktop.scoring.reasons import label
from crm_desktop.services.client_book import ClientBook

NONE = "—"


class Col(IntEnum):
    CLIENT_NO = 0
    NAME = 1
    MANAGER = 2
    GRADE = 3
    VALUE_SCORE = 4
    AVG_ASSETS = 5
    COMMISSION = 6
    CHURN = 7
    RISK_LEVEL = 8
    MISMATCH = 9
    LIFECYCLE = 10
    LAST_TOUCH = 11
    NEXT_DUE = 12


NUMERIC_COLS = (Col.VALUE_SCORE, Col.AVG_ASSETS, Col.COMMISSION)
CHURN_ORDER = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class Filters:
    """What the filter bar asks for; empty strings / False mean "any"."""

    text: str = ""
    grade: str = ""
    churn: str = ""
    lifecycle: str = ""
    manager_id: int = 0
    overdue: bool = False
    mismatch: bool = False


@dataclass
class BookData:
    book: ClientBook
    # per Col: object array of str; float64 for NUMERIC_COLS and datetime64[D] for dates (formatted on demand)
    display: list[np.ndarray]
    # per Col: sort keys (float64, NaN = no value), turned into cached orders on first use
    keys: list[np.ndarray]
    haystack: np.ndarray  # "<client no>\x1f<name lower>\x1f<phone tail>" as a fixed-width str array
    grade: np.ndarray
    churn: np.ndarray
    lifecycle: np.ndarray
    manager_id: np.ndarray
    overdue: np.ndarray
    mismatch: np.ndarray
    assets: np.ndarray  # latest total assets, float64 (NaN = not scored)
    _orders: dict[tuple[int, bool], np.ndarray] = field(default_factory=dict)
    _positions: dict[str, int] | None = None

    @property
    def size(self) -> int:
        return len(self.haystack)

    def order(self, col: int, descending: bool) -> np.ndarray:
        """Row positions sorted by ``col``; rows without a value always come last."""
        key = (col, descending)
        if key not in self._orders:
            k = self.keys[col]
            missing = np.isnan(k)
            primary = np.where(missing, 0.0, -k if descending else k)
            # lexsort: last key is primary; client number position keeps ties stable and readable
            self._orders[key] = np.lexsort((np.arange(len(k)), primary, missing))
        return self._orders[key]

    def position_of(self, client_no: str) -> int:
        """Position of a client in the frame, or -1 (the index is built on first use)."""
        if self._positions is None:
            self._positions = {no: i for i, no in enumerate(self.display[Col.CLIENT_NO].tolist())}
        return self._positions.get(client_no, -1)

    def forget_orders(self, col: int) -> None:
        for key in [k for k in self._orders if k[0] == col]:
            del self._orders[key]

    def search(self, text: str, within: np.ndarray | None = None) -> np.ndarray:
        """Positions whose client number, name or phone tail contains ``text`` (searching only ``within``)."""
        needle = text.strip().lower()
        if within is None:
            return np.flatnonzero(np.strings.find(self.haystack, needle) >= 0)
        return within[np.strings.find(self.haystack[within], needle) >= 0]

    def quick_mask(self, f: Filters) -> np.ndarray:
        """Boolean mask of rows passing every quick filter (not the text)."""
        mask = np.ones(self.size, dtype=bool)
        if f.grade:
            mask &= self.grade == f.grade
        if f.churn:
            mask &= self.churn == f.churn
        if f.lifecycle:
            mask &= self.lifecycle == f.lifecycle
        if f.manager_id:
            mask &= self.manager_id == f.manager_id
        if f.overdue:
            mask &= self.overdue
        if f.mismatch:
            mask &= self.mismatch
        return mask


def fmt_money(v: float) -> str:
    return NONE if v != v else f"{v:,.0f}"


def fmt_score(v: float) -> str:
    return NONE if v != v else f"{v:.1f}"


def _labels(kind: str, values: pd.Series, lang: str) -> np.ndarray:
    codes, uniques = pd.factorize(values.fillna(""))
    shown = np.array([label(kind, u, lang) if u else NONE for u in uniques] + [NONE], dtype=object)
    return shown[codes]


def _text_rank(values: pd.Series) -> np.ndarray:
    """Rank of each text for sorting in code-point order (float, NaN for empty)."""
    codes, uniques = pd.factorize(values.fillna("").astype(str), sort=True)
    rank = np.arange(len(uniques) + 1, dtype=np.float64)
    rank[[i for i, s in enumerate(uniques) if s == ""]] = np.nan
    rank[-1] = np.nan  # code -1: missing
    return rank[codes]


def collated_ranks(data: BookData) -> dict[int, np.ndarray]:
    """Name and manager ranks in Chinese (pinyin) order; slower, so computed after the first paint."""
    collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    collator.setNumericMode(True)
    out: dict[int, np.ndarray] = {}
    f = data.book.frame
    for col, series in ((Col.NAME, f["name"]), (Col.MANAGER, f["manager_name"])):
        codes, uniques = pd.factorize(series.fillna("").astype(str))
        u = list(uniques)
        keys = [collator.sortKey(x) for x in u]
        order = sorted(range(len(u)), key=keys.__getitem__)
        rank = np.empty(len(u) + 1, dtype=np.float64)
        rank[np.asarray(order, dtype=np.int64)] = np.arange(len(u), dtype=np.float64)
        rank[[i for i, x in enumerate(u) if x == ""]] = np.nan
        rank[-1] = np.nan
        out[int(col)] = rank[codes]
    return out


def _days(series: pd.Series, local: bool) -> np.ndarray:
    """Calendar days (datetime64[D], NaT = none); timestamps in the workstation's time zone."""
    s = series
    if local:
        s = s.dt.tz_convert(datetime.now().astimezone().tzinfo).dt.tz_localize(None)
    return s.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")


def fmt_day(v: np.datetime64) -> str:
    return NONE if np.isnat(v) else str(v)


def prepare(book: ClientBook, lang: str | None = None) -> BookData:
    """Format and index a loaded book (runs on a worker thread; touches no widget)."""
    lang = lang or language()
    f = book.frame
    n = len(f)
    display: list[np.ndarray] = [np.empty(0, dtype=object)] * len(Col)
    keys: list[np.ndarray] = [np.empty(0)] * len(Col)

    display[Col.CLIENT_NO] = f["client_no"].to_numpy(dtype=object)
    keys[Col.CLIENT_NO] = np.arange(n, dtype=np.float64)  # the frame arrives sorted by client number
    display[Col.NAME] = f["name"].to_numpy(dtype=object)
    keys[Col.NAME] = _text_rank(f["name"])
    display[Col.MANAGER] = f["manager_name"].replace("", NONE).to_numpy(dtype=object)
    keys[Col.MANAGER] = _text_rank(f["manager_name"])
    display[Col.GRADE] = f["grade"].replace("", NONE).to_numpy(dtype=object)
    keys[Col.GRADE] = _text_rank(f["grade"])
    # Numbers stay floats here: the model formats only the cells on screen (100,000 f-strings per column
    # would cost more than the whole query).
    for col, name in (
        (Col.VALUE_SCORE, "value_score"),
        (Col.AVG_ASSETS, "avg_assets"),
        (Col.COMMISSION, "commission_12m"),
    ):
        keys[col] = f[name].to_numpy(dtype=np.float64)
        display[col] = keys[col]
    display[Col.CHURN] = _labels("churn_risk", f["churn_risk"], lang)
    keys[Col.CHURN] = f["churn_risk"].map(CHURN_ORDER).to_numpy(dtype=np.float64)
    display[Col.RISK_LEVEL] = f["risk_level"].to_numpy(dtype=object)
    keys[Col.RISK_LEVEL] = _text_rank(f["risk_level"])
    mism = f["mismatch"].to_numpy(dtype=np.float64)
    yes, no = ("mismatch", "ok") if lang == EN else ("不匹配", "匹配")
    display[Col.MISMATCH] = np.where(np.isnan(mism), NONE, np.where(mism > 0, yes, no)).astype(object)
    keys[Col.MISMATCH] = np.where(np.isnan(mism), np.nan, 1.0 - mism)  # mismatches first when ascending
    display[Col.LIFECYCLE] = _labels("lifecycle", f["lifecycle"], lang)
    keys[Col.LIFECYCLE] = _text_rank(f["lifecycle"])
    # Dates, like numbers, are formatted only for the cells on screen.
    for col, name, local in ((Col.LAST_TOUCH, "last_touch", True), (Col.NEXT_DUE, "next_due", False)):
        display[col] = _days(f[name], local)
        exact = f[name].to_numpy(dtype="datetime64[ns]")  # sort by the moment, not just the day
        keys[col] = np.where(np.isnat(exact), np.nan, exact.view(np.int64).astype(np.float64))

    hay = [
        "\x1f".join(parts)
        for parts in zip(
            f["client_no"].tolist(), f["name"].str.lower().tolist(), f["phone_tail"].tolist(), strict=True
        )
    ]
    return BookData(
        book=book,
        display=display,
        keys=keys,
        haystack=np.array(hay, dtype=str) if n else np.array([], dtype=str),
        grade=f["grade"].to_numpy(dtype=str),
        churn=f["churn_risk"].to_numpy(dtype=str),
        lifecycle=f["lifecycle"].to_numpy(dtype=str),
        manager_id=f["manager_id"].fillna(0).to_numpy(dtype=np.int64),
        overdue=f["overdue"].to_numpy(dtype=bool),
        mismatch=np.nan_to_num(mism, nan=0.0) > 0,
        assets=f["latest_assets"].to_numpy(dtype=np.float64),
    )
