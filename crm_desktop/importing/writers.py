"""Getting checked rows into the store, the fastest way each backend allows, inside the caller's transaction.

* ``StagedWriter`` (staff, clients, securities): staging table, count, then UPDATE/INSERT with the
  per-kind side effects (assignment history, versions).
* ``SqliteUpsertWriter`` (big kinds on SQLite): ``INSERT ... ON CONFLICT DO UPDATE ... WHERE changed``
  straight into the table, chunk by chunk; SQLite's change counter and the row count give new/changed.
* ``PgCopyUpsertWriter`` (big kinds on PostgreSQL): COPY into a staging table, then one
  ``INSERT ... SELECT ... ON CONFLICT DO UPDATE ... WHERE changed`` that counts inserted vs updated rows.

None of them commits; a rollback of the transaction undoes everything, including the staging tables.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, text

from crm_desktop.importing.targets import ApplyContext, Counts, Stage, Target, apply, count, q


class Writer:
    def __init__(self, conn: Connection, target: Target) -> None:
        self.conn = conn
        self.target = target
        self.total = 0

    def add(self, rows: Sequence[tuple[Any, ...]]) -> None:
        raise NotImplementedError

    def finish(self, ctx: ApplyContext, checkpoint: Callable[[], None]) -> Counts:
        raise NotImplementedError

    def close(self) -> None:
        """Undo connection settings made for the import (the connection returns to the pool)."""


class StagedWriter(Writer):
    def __init__(self, conn: Connection, target: Target) -> None:
        super().__init__(conn, target)
        self.stage = Stage(conn, target)

    def add(self, rows: Sequence[tuple[Any, ...]]) -> None:
        self.stage.insert(rows)
        self.total += len(rows)

    def finish(self, ctx: ApplyContext, checkpoint: Callable[[], None]) -> Counts:
        self.stage.analyze()
        counts = count(self.conn, self.target, self.stage, ctx)
        checkpoint()
        apply(self.conn, self.target, self.stage, ctx, counts, checkpoint)
        self.stage.drop()
        return counts


def _conflict_update(target: Target, table: str, distinct: str) -> str:
    cols = target.compare_cols()
    sets = ", ".join(f"{q(c)} = excluded.{q(c)}" for c in cols)
    differs = " OR ".join(f"{table}.{q(c)} {distinct} excluded.{q(c)}" for c in cols)
    keys = ", ".join(q(k) for k in target.key_cols)
    if not cols:
        return f"ON CONFLICT ({keys}) DO NOTHING"
    return f"ON CONFLICT ({keys}) DO UPDATE SET {sets} WHERE {differs}"


_CACHE_KIB = 256 * 1024


class SqliteUpsertWriter(Writer):
    def __init__(self, conn: Connection, target: Target) -> None:
        super().__init__(conn, target)
        driver = conn.connection.driver_connection
        assert driver is not None
        self.driver: Any = driver
        tn = q(target.table.name)
        cols = ", ".join(q(c) for c in target.stage_cols)
        # ?2.. skips the row number in position 1 of each staged tuple without copying the tuples.
        params = ", ".join(f"?{i + 2}" for i in range(len(target.stage_cols)))
        self.sql = f"INSERT INTO {tn} ({cols}) VALUES ({params}) {_conflict_update(target, tn, 'IS NOT')}"
        self.count_sql = f"SELECT count(*) FROM {tn}"
        self.rows_before = self._scalar(self.count_sql)
        self.changes_before = self._scalar("SELECT total_changes()")
        # A million upserts touch three B-trees at random; the default 2 MB page cache makes that
        # disk-bound. Pages are only allocated as used, and the old size comes back in finish().
        self.cache_before = self._scalar("PRAGMA cache_size")
        self.driver.execute(f"PRAGMA cache_size = {-_CACHE_KIB}")

    def _scalar(self, sql: str) -> int:
        row = self.driver.execute(sql).fetchone()
        return int(row[0])

    def add(self, rows: Sequence[tuple[Any, ...]]) -> None:
        if rows:
            self.driver.executemany(self.sql, rows)
            self.total += len(rows)

    def finish(self, ctx: ApplyContext, checkpoint: Callable[[], None]) -> Counts:
        # The write lock is held since BEGIN IMMEDIATE, so nobody else changed the table meanwhile.
        new = self._scalar(self.count_sql) - self.rows_before
        touched = self._scalar("SELECT total_changes()") - self.changes_before
        return Counts(self.total, new, touched - new)

    def close(self) -> None:
        self.driver.execute(f"PRAGMA cache_size = {self.cache_before}")


class PgCopyUpsertWriter(Writer):
    def __init__(self, conn: Connection, target: Target) -> None:
        super().__init__(conn, target)
        self.stage = Stage(conn, target)

    def add(self, rows: Sequence[tuple[Any, ...]]) -> None:
        self.stage.insert(rows)
        self.total += len(rows)

    def finish(self, ctx: ApplyContext, checkpoint: Callable[[], None]) -> Counts:
        self.stage.analyze()
        checkpoint()
        t = self.target
        tn = q(t.table.name)
        cols = ", ".join(q(c) for c in t.stage_cols)
        # xmax is 0 exactly for rows this statement inserted, non-zero for rows it updated.
        row = self.conn.execute(text(
            f"WITH up AS (INSERT INTO {tn} ({cols}) SELECT {cols} FROM {self.stage.name} "
            f"{_conflict_update(t, tn, 'IS DISTINCT FROM')} RETURNING (xmax = 0) AS inserted) "
            "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up"
        )).one()
        self.stage.drop()
        return Counts(self.total, int(row[0]), int(row[1]))


def make_writer(conn: Connection, target: Target, fast_kind: bool) -> Writer:
    if not fast_kind:
        return StagedWriter(conn, target)
    if conn.dialect.name == "sqlite":
        return SqliteUpsertWriter(conn, target)
    return PgCopyUpsertWriter(conn, target)
