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
from sqlalchemy.exc import DBAPIError

from crm_desktop.importing.targets import ApplyContext, Counts, Stage, Target, apply, count, q


class Writer:
    def __init__(self, conn: Connection, target: Target) -> None:
        self.conn = conn
        self.target = target
        self.total = 0

    def add(self, rows: Sequence[tuple[Any, ...]]) -> None:
        raise NotImplementedError

    def finish(self, ctx: ApplyContext, checkpoint: Callable[[], None], *, dry_run: bool = False) -> Counts:
        """Count new/changed/unchanged and (unless ``dry_run``) write them."""
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

    def analyze(self) -> None:
        """Fresh planner statistics for the staging table and, for big batches, the target.

        A target filled by the previous import may still look empty to PostgreSQL (autovacuum has not
        run yet), and a join planned against an "empty" million-row table is a disaster.
        """
        self.stage.analyze()
        if self.conn.dialect.name == "postgresql" and self.total >= _ANALYZE_ROWS:
            self.conn.exec_driver_sql(f"ANALYZE {q(self.target.table.name)}")

    def finish(self, ctx: ApplyContext, checkpoint: Callable[[], None], *, dry_run: bool = False) -> Counts:
        self.analyze()
        counts = count(self.conn, self.target, self.stage, ctx)
        checkpoint()
        if not dry_run:
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
# New rows from which dropping and re-adding foreign keys beats per-row checks on PostgreSQL.
_BULK_ROWS = 50_000
_ANALYZE_ROWS = 10_000


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

    def finish(self, ctx: ApplyContext, checkpoint: Callable[[], None], *, dry_run: bool = False) -> Counts:
        # Rows are already upserted chunk by chunk; a dry run is rolled back by the caller.
        # The write lock is held since BEGIN IMMEDIATE, so nobody else changed the table meanwhile.
        new = self._scalar(self.count_sql) - self.rows_before
        touched = self._scalar("SELECT total_changes()") - self.changes_before
        return Counts(self.total, new, touched - new)

    def close(self) -> None:
        self.driver.execute(f"PRAGMA cache_size = {self.cache_before}")


class PgCopyUpsertWriter(StagedWriter):
    """COPY into staging, count with one join, then UPDATE the changed and INSERT the new rows.

    Not ``INSERT ... ON CONFLICT DO UPDATE``: that locks (writes) every conflicting row even when
    nothing changed, which makes re-importing an unchanged million-row file slow.
    """

    def finish(self, ctx: ApplyContext, checkpoint: Callable[[], None], *, dry_run: bool = False) -> Counts:
        self.analyze()
        counts = count(self.conn, self.target, self.stage, ctx)
        checkpoint()
        if not dry_run:
            tn = q(self.target.table.name)
            dropped = self._drop_foreign_keys_for_bulk(counts.new)
            checkpoint()
            apply(self.conn, self.target, self.stage, ctx, counts, checkpoint)
            for name, definition in dropped:
                # Re-adding validates every row in one join: far cheaper than a trigger call per new row.
                self.conn.exec_driver_sql(f'ALTER TABLE {tn} ADD CONSTRAINT "{name}" {definition}')
        self.stage.drop()
        return counts

    def _drop_foreign_keys_for_bulk(self, new_rows: int) -> list[tuple[str, str]]:
        """For a big batch of new rows, drop the table's foreign keys until the insert is done.

        PostgreSQL checks a foreign key with a trigger per inserted row, which is most of the cost of
        a million-row insert; the references were already checked against the store. Only worth it
        when the batch is large next to the table (re-validation scans the whole table), and only
        when the table can be locked within a few seconds: the lock keeps other workstations from
        reading the table until this import commits, so a busy table is left alone instead.
        """
        tn = self.target.table.name
        est = self.conn.execute(
            text("SELECT reltuples FROM pg_class WHERE oid = to_regclass(:t)"), {"t": tn}
        ).scalar()
        if new_rows < _BULK_ROWS or new_rows * 4 < float(est or 0):
            return []
        fks = [
            (str(n), str(d))
            for n, d in self.conn.execute(
                text(
                    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                    "WHERE conrelid = to_regclass(:t) AND contype = 'f' ORDER BY conname"
                ),
                {"t": tn},
            )
        ]
        if not fks:
            return []
        old_timeout = self.conn.exec_driver_sql("SHOW lock_timeout").scalar()
        savepoint = self.conn.begin_nested()
        try:
            self.conn.exec_driver_sql("SET LOCAL lock_timeout = '3s'")
            for name, _ in fks:
                self.conn.exec_driver_sql(f'ALTER TABLE {q(tn)} DROP CONSTRAINT "{name}"')
            savepoint.commit()
        except DBAPIError:
            savepoint.rollback()
            fks = []
        self.conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{old_timeout}'")
        return fks


def make_writer(conn: Connection, target: Target, fast_kind: bool) -> Writer:
    if not fast_kind:
        return StagedWriter(conn, target)
    if conn.dialect.name == "sqlite":
        return SqliteUpsertWriter(conn, target)
    return PgCopyUpsertWriter(conn, target)
