"""Bulk writing for the demo load: the fastest safe path per backend, inside the caller's transaction.

SQLite: ``executemany`` of plain tuples on the raw DBAPI cursor. PostgreSQL: ``COPY ... FROM STDIN``.
Values arrive as plain Python values; dates and timestamps are formatted the way SQLAlchemy stores them
on each backend, so the ORM reads demo rows exactly like rows it wrote itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from sqlalchemy import Connection

from crm_desktop.db import rls


class BulkWriter:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.dialect = conn.dialect.name
        self._dbapi: Any = conn.connection.dbapi_connection

    # -- value formatting -------------------------------------------------------------------------
    def timestamps(self, values: np.ndarray) -> list[str]:
        """UTC datetime64[s] values: SQLite keeps naive UTC text (as SQLAlchemy does), PostgreSQL gets +00."""
        text = np.datetime_as_string(values.astype("datetime64[us]"), unit="us")
        text = np.char.replace(text, "T", " ")
        if self.dialect == "postgresql":
            text = np.char.add(text, "+00")
        return text.tolist()

    @staticmethod
    def dates(values: np.ndarray) -> list[str | None]:
        text = np.datetime_as_string(values.astype("datetime64[D]"), unit="D")
        return [None if t == "NaT" else t for t in text.tolist()]

    @staticmethod
    def money(fen: np.ndarray) -> list[float]:
        """Fen to yuan. ``n / 100`` is the double nearest the 2-dp decimal; both drivers write it back as
        that decimal (SQLite: the same REAL that SQLAlchemy's text binding gives; PostgreSQL: the shortest
        repr, e.g. ``123.45``), so no cent is ever lost."""
        return (fen / 100.0).tolist()

    # -- writing ----------------------------------------------------------------------------------
    def insert(self, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
        cols = ", ".join(columns)
        if self.dialect == "sqlite":
            marks = ", ".join("?" for _ in columns)
            cur = self._dbapi.cursor()
            try:
                cur.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)
            finally:
                cur.close()
            return
        # COPY; through a temporary table where row-level security applies (it refuses COPY FROM)
        rls.copy_rows(self.conn, table, columns, rows)

    def fix_sequence(self, table: str, column: str = "id") -> None:
        """Explicit ids bypass PostgreSQL's sequence; move it past them so later inserts do not collide."""
        if self.dialect == "postgresql":
            self.conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                f"COALESCE((SELECT max({column}) FROM {table}), 0) + 1, false)"
            )
