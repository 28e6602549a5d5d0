"""Reading a scoring run's big tables from an SQLite store in parallel worker processes.

A scoring run reads tens of millions of snapshot rows. Through Python's sqlite3 module each row costs
about a microsecond of CPU, on one core: most of a ``crm score``. Threads do not help (every row hands
the GIL back and forth), so the rows are read by worker processes, each with its own read-only
connection, in rowid ranges; the arrays come back to the parent.

Separate connections see separate read snapshots. The parent makes them one: a monitor connection
reads ``PRAGMA data_version`` before anything else is read and again after the last worker finished;
SQLite changes that number when any other connection commits, so an unchanged value proves that no
write landed between the first read and the last, and every connection saw the same data. A changed
value makes the caller read again (or, after repeated changes, read everything on one connection).

Workers import only sqlite3 and numpy (this module), so spawning them costs a fraction of a second.
"""

from __future__ import annotations

import itertools
import multiprocessing
import sqlite3
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

# Below this many snapshot rows one connection is quicker than starting worker processes.
MIN_PARALLEL_ROWS = 2_000_000
PIECES_PER_WORKER = 3


@dataclass(frozen=True)
class Query:
    """A read whose every column is numeric; ``ranged`` adds ``rowid > :lo AND rowid <= :hi`` pieces."""

    sql: str
    params: dict[str, Any]
    columns: int


def numeric_block(rows: Sequence[Sequence[Any]], columns: int) -> np.ndarray:
    """Fetched rows of numbers as a float64 array of shape (rows, columns); NULL becomes NaN."""
    try:  # flattening the tuples is much faster than letting numpy inspect each one
        return np.fromiter(itertools.chain.from_iterable(rows), dtype=np.float64,
                           count=len(rows) * columns).reshape(len(rows), columns)
    except TypeError:  # a NULL somewhere: numpy turns None into NaN here
        return np.array(rows, dtype=np.float64).reshape(len(rows), columns)


def read_numeric(path: str, sql: str, params: dict[str, Any], columns: int, chunk: int = 200_000) -> np.ndarray:
    """Worker: the rows of ``sql`` column by column, a float64 array of shape (columns, rows); NULL is NaN."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        con.execute("PRAGMA busy_timeout=30000")
        cur = con.execute(sql, params)
        blocks: list[np.ndarray] = []
        while True:
            rows = cur.fetchmany(chunk)
            if not rows:
                break
            blocks.append(numeric_block(rows, columns))
    finally:
        con.close()
    rows_first = np.concatenate(blocks) if blocks else np.empty((0, columns), dtype=np.float64)
    return np.ascontiguousarray(rows_first.T)  # each column contiguous: the parent uses them as they are


def data_version(con: sqlite3.Connection) -> int:
    return int(con.execute("PRAGMA data_version").fetchone()[0])


class ChangedMeanwhile(Exception):
    """Another connection committed while the parallel reads ran: the pieces may disagree."""


class Monitor:
    """Opened before a run reads anything; :meth:`check` proves nothing was committed since."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        self._version = data_version(self._con)

    def check(self) -> None:
        if data_version(self._con) != self._version:
            raise ChangedMeanwhile

    def close(self) -> None:
        self._con.close()


def split_rowids(max_rowid: int, pieces: int) -> list[tuple[int, int]]:
    """``pieces`` consecutive ranges ``(lo, hi]`` covering rowids 1..max_rowid."""
    bounds = [round(max_rowid * i / pieces) for i in range(pieces + 1)]
    return [(lo, hi) for lo, hi in itertools.pairwise(bounds) if hi > lo]


Columns = list[np.ndarray]


def read_all(path: str, ranged: Sequence[tuple[Query, int]], whole: Sequence[Query],
             workers: int) -> tuple[list[Columns], list[Columns]]:
    """Run the queries on ``workers`` processes; each result is a list of contiguous float64 columns.

    ``ranged`` (query, max rowid) are read in rowid pieces and put back together in rowid order; ``whole``
    are read in one piece each, and are submitted first (the longest single tasks). Results keep the
    given order."""
    ctx = multiprocessing.get_context("spawn")  # never fork a process that may run Qt threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        whole_futures = [pool.submit(read_numeric, path, q.sql, q.params, q.columns) for q in whole]
        ranged_futures = []
        for query, max_rowid in ranged:
            pieces = split_rowids(max_rowid, workers * PIECES_PER_WORKER)
            ranged_futures.append([
                pool.submit(read_numeric, path, query.sql, {**query.params, "lo": lo, "hi": hi}, query.columns)
                for lo, hi in pieces])
        ranged_out: list[Columns] = []
        for futures, (query, _) in zip(ranged_futures, ranged, strict=True):
            parts = [f.result() for f in futures]
            ranged_out.append([np.concatenate([part[i] for part in parts]) if parts else np.empty(0)
                               for i in range(query.columns)])
            del parts
        whole_out = [list(f.result()) for f in whole_futures]
    return ranged_out, whole_out
