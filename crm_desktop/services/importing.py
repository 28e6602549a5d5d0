"""Importing back-office exports: validate every row, then write all of them or none.

One import is one transaction. Rows are parsed and checked in chunks and the valid ones go to a
temporary staging table on the same connection; if any row is wrong the transaction is rolled back
and the complete error list is written to a CSV report. Otherwise new, changed and unchanged rows
are counted against the store and applied with set-based statements, and the import is logged and
audited in that same transaction. A process killed half-way leaves nothing behind, because nothing
commits before the end.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crm_desktop import clock
from crm_desktop.db.models import ImportLog
from crm_desktop.db.models.enums import Role
from crm_desktop.db.store import Store
from crm_desktop.db.types import utcnow
from crm_desktop.errors import Cancelled, InvalidInput
from crm_desktop.i18n import tr
from crm_desktop.importing.fast import FAST_KINDS, FastParser, decimal_columns, row_cells, to_backend
from crm_desktop.importing.kinds import kind_spec
from crm_desktop.importing.rows import (
    ErrorSink,
    RowError,
    RowParser,
    ignored_warning,
    map_headers,
)
from crm_desktop.importing.source import CsvSource, TableSource, open_source
from crm_desktop.importing.targets import TARGETS, ApplyContext, Counts, Scope
from crm_desktop.importing.writers import SqliteUpsertWriter, Writer, make_writer
from crm_desktop.progress import Progress, ensure
from crm_desktop.services import audit
from crm_desktop.services.auth import Actor, refresh_actor, require_role

CHUNK_ROWS = 20_000
# Reading and checking is most of the work; counting and writing share the rest.
_READ_SHARE = 0.75
# Progress is reported in thousandths of the whole import: fine enough for any bar, whole numbers for Qt.
_UNITS = 1000


@dataclass(frozen=True)
class ImportResult:
    kind: str
    file_name: str
    sha256: str
    status: str  # committed | dry_run | rejected
    rows_total: int
    rows_new: int
    rows_changed: int
    rows_unchanged: int
    encoding: str | None
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    report_path: Path | None = None
    warnings: list[str] = field(default_factory=list)
    log_id: int | None = None

    def summary(self) -> str:
        return tr(
            "{new} 条新增，{changed} 条变更，{unchanged} 条未变（共 {total} 行）",
            "{new} new, {changed} changed, {unchanged} unchanged ({total} rows)",
            new=self.rows_new,
            changed=self.rows_changed,
            unchanged=self.rows_unchanged,
            total=self.rows_total,
        )


class ImportRejected(InvalidInput):
    """The file has errors; nothing was written. ``result`` holds the first errors and the report path."""

    def __init__(self, message: str, result: ImportResult) -> None:
        super().__init__(message)
        self.result = result


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def default_report_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.errors.csv")


class _Rejected(Exception):
    """Internal: unwinds the transaction so it rolls back."""


@dataclass
class _Run:
    store: Store
    actor: Actor
    kind: str
    path: Path
    dry_run: bool
    progress: Progress
    chunk_rows: int
    encoding: str | None = None
    sheet: str | None = None
    sha: str = ""
    warnings: list[str] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)
    rows_seen: int = 0

    def report(self, phase: str, share: float) -> None:
        self.progress.step(round(min(max(share, 0.0), 1.0) * _UNITS), _UNITS, phase)

    def reopen(self) -> TableSource:
        return open_source(self.path, encoding=self.encoding, sheet=self.sheet)

    def checkpoint(self) -> None:
        try:
            self.progress.check()
        except Cancelled:
            raise Cancelled(
                tr("导入已取消，数据库未做任何更改。", "The import was cancelled; nothing was changed.")
            ) from None


def run_import(
    store: Store,
    actor: Actor,
    kind: str,
    path: str | Path,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    dry_run: bool = False,
    report_path: str | Path | None = None,
    progress: Progress | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> ImportResult:
    """Validate ``path`` as ``kind`` and, unless ``dry_run``, write it in one transaction.

    Raises :class:`ImportRejected` (nothing written, report written) when any row is wrong and
    :class:`~crm_desktop.errors.Cancelled` (nothing written) when ``progress`` is cancelled before the commit.
    """
    require_role(actor, Role.ADMIN, Role.BRANCH_MANAGER)
    spec = kind_spec(kind)
    p = Path(path)
    run = _Run(store, actor, spec.name, p, dry_run, ensure(progress), chunk_rows, encoding, sheet)
    log_id: int | None = None
    with open_source(p, encoding=encoding, sheet=sheet) as source:
        if source.encoding is not None:
            run.encoding = source.encoding.codec
        run.sha = file_sha256(p)
        started = utcnow()
        sink = ErrorSink()
        try:
            try:
                log_id = _validate_and_write(run, source, sink)
            except _DryRunDone:
                pass
            except _Rejected:
                rpath = _write_report(sink, p, report_path)
                result = _result(run, source, "rejected", sink, rpath)
                _log_outcome(store, actor, result, started)
                raise ImportRejected(
                    tr(
                        "{name} 有 {n} 处错误，未导入任何数据。",
                        "{name} has {n} errors; nothing was imported.",
                        name=p.name,
                        n=sink.count,
                    ),
                    result,
                ) from None
        finally:
            sink.close()
    if dry_run:
        result = _result(run, source, "dry_run", None, None)
        _log_outcome(store, actor, result, started)
        return result
    return _result(run, source, "committed", None, None, log_id)


def _result(
    run: _Run,
    source: TableSource,
    status: str,
    sink: ErrorSink | None,
    report: Path | None,
    log_id: int | None = None,
) -> ImportResult:
    c = run.counts
    return ImportResult(
        kind=run.kind,
        file_name=run.path.name,
        sha256=run.sha,
        status=status,
        rows_total=c.total if status != "rejected" else run.rows_seen,
        rows_new=c.new,
        rows_changed=c.changed,
        rows_unchanged=c.unchanged if status != "rejected" else 0,
        encoding=source.encoding.label if source.encoding else None,
        error_count=sink.count if sink else 0,
        errors=list(sink.first) if sink else [],
        report_path=report,
        warnings=list(run.warnings),
        log_id=log_id,
    )


def _write_report(sink: ErrorSink, path: Path, report_path: str | Path | None) -> Path:
    target = Path(report_path) if report_path else default_report_path(path)
    try:
        sink.write_report(target)
    except OSError:
        if report_path:
            raise InvalidInput(
                tr("无法写入错误报告 {path}。", "Cannot write the error report {path}.", path=target)
            ) from None
        # The input's folder may be read-only (a network share); the report still has to exist.
        target = Path(tempfile.gettempdir()) / target.name
        sink.write_report(target)
    return target


def _validate_and_write(run: _Run, source: TableSource, sink: ErrorSink) -> int | None:
    spec = kind_spec(run.kind)
    hm = map_headers(spec, source.headers)
    warn = ignored_warning(hm)
    if warn:
        run.warnings.append(warn)
    if hm.errors:
        sink.extend(hm.errors)
        raise _Rejected
    scope = Scope(run.actor.id, run.actor.login, run.actor.is_admin, run.actor.branch_id)
    # Dry runs go through the same writes and are rolled back, so their counts are the real ones.
    with run.store.transaction() as session:
        refresh_actor(session, run.actor)
        conn = session.connection()
        target = TARGETS[run.kind](scope, hm)
        target.prepare(conn)
        fast_kind = run.kind in FAST_KINDS
        writer = make_writer(conn, target, fast_kind)
        dec_positions: list[int] = []
        if isinstance(writer, SqliteUpsertWriter):
            decs = decimal_columns(run.kind)
            dec_positions = [i + 1 for i, c in enumerate(target.stage_cols) if c in decs]
        try:
            dups = _DupCheck(target)
            parser = RowParser(spec, hm)
            if fast_kind and isinstance(source, CsvSource):
                _stage_fast(run, source, target, writer, parser, dups, sink, dec_positions)
            else:
                _stage_rows(run, source, target, writer, parser, dups, sink, dec_positions)
            if dups.suspects:
                run.report(tr("正在核对重复行", "Checking duplicates"), _READ_SHARE)
                late, collided = dups.confirm(run, parser)
                if late:
                    sink.merge_late(late)
                writer.add([to_backend(r, dec_positions) if dec_positions else r for r in collided])
            if sink:
                raise _Rejected
            if run.rows_seen == 0:
                sink.add(RowError(2, "", "", tr("文件没有数据行", "the file has no data rows")))
                raise _Rejected
            run.checkpoint()
            run.report(tr("正在写入", "Writing"), _READ_SHARE)
            ctx = ApplyContext(utcnow(), clock.today(), run.actor.id, conn.dialect.name)
            run.counts = writer.finish(ctx, run.checkpoint, dry_run=run.dry_run)
        finally:
            writer.close()
        if run.dry_run:
            raise _DryRunDone
        run.checkpoint()
        c = run.counts
        log = ImportLog(
            kind=run.kind,
            file_name=run.path.name[:500],
            sha256=run.sha,
            user_id=run.actor.id,
            started_at=ctx.now,
            finished_at=utcnow(),
            status="committed",
            rows_total=c.total,
            rows_new=c.new,
            rows_changed=c.changed,
            rows_unchanged=c.unchanged,
            error_count=0,
            warnings=list(run.warnings),
        )
        session.add(log)
        session.flush()
        audit.record(
            session,
            run.actor,
            "import.commit",
            "import_log",
            log.id,
            kind=run.kind,
            file=run.path.name,
            sha256=run.sha,
            new=c.new,
            changed=c.changed,
            unchanged=c.unchanged,
        )
        run.checkpoint()
        run.report(tr("完成", "Done"), 1.0)
        return log.id


class _DryRunDone(Exception):
    """Internal: rolls back a dry run after its counts are known."""


class _DupCheck:
    """Duplicate keys in one file, in bounded memory.

    One 64-bit hash per key is kept instead of the keys. A repeated hash is only a suspect; when the
    reading is done the file is read once more for just the rows involved and the real keys are
    compared, so a (vanishingly rare) hash collision is never reported as a duplicate.
    """

    def __init__(self, target: Any) -> None:
        self.target = target
        self.seen: dict[int, int] = {}
        self.suspects: list[tuple[int, int]] = []

    def add(self, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """The rows whose key was not seen before; suspects are held back from writing."""
        if not rows:
            return rows
        seen = self.seen
        hashes = list(map(hash, map(self.target.key_getter, rows)))
        # Common case, all in C: no key of this chunk was seen before and none repeats within it.
        if seen.keys().isdisjoint(hashes) and len(set(hashes)) == len(hashes):
            seen.update(zip(hashes, (r[0] for r in rows), strict=True))
            return rows
        keep = []
        for r, h in zip(rows, hashes, strict=True):
            first = seen.setdefault(h, r[0])
            if first == r[0]:
                keep.append(r)
            else:
                self.suspects.append((r[0], first))
        return keep

    def confirm(self, run: _Run, parser: RowParser) -> tuple[list[RowError], list[tuple[Any, ...]]]:
        """Errors for the real duplicates, and the held-back rows that turned out not to be."""
        needed = {row for pair in self.suspects for row in pair}
        found: dict[int, tuple[tuple[Any, ...], str, tuple[Any, ...]]] = {}
        scratch: list[RowError] = []
        with run.reopen() as source:
            for row_no, cells in source.rows():
                if row_no not in needed:
                    continue
                v = parser.parse(row_no, cells, scratch)
                staged = self.target.stage_row(row_no, v, scratch) if v is not None else None
                if staged is not None and v is not None:
                    shown = " / ".join(str(v[f]) for f in self.target.spec.key)
                    found[row_no] = (self.target.key_of(staged), shown, staged)
        header = self.target.key_headers()
        errors = []
        collided = []
        for row_no, first in self.suspects:
            a, b = found.get(row_no), found.get(first)
            if a is not None and b is not None and a[0] == b[0]:
                errors.append(
                    RowError(
                        row_no,
                        header,
                        a[1],
                        tr(
                            "与第 {first} 行重复（同一键只能出现一次）",
                            "duplicates row {first} (a key may appear only once)",
                            first=first,
                        ),
                    )
                )
            elif a is not None:
                # Different keys with equal hashes: the row is fine and still has to be written.
                collided.append(a[2])
        errors.sort(key=lambda e: e.row)
        return errors, collided


def _stage_rows(
    run: _Run,
    source: TableSource,
    target: Any,
    writer: Writer,
    parser: RowParser,
    dups: _DupCheck,
    sink: ErrorSink,
    dec_positions: list[int],
) -> None:
    """Row-by-row path: Excel files and the small kinds."""
    chunk: list[tuple[Any, ...]] = []
    errs: list[RowError] = []
    reading = tr("正在读取和校验", "Reading and checking")

    def flush() -> None:
        rows = [to_backend(r, dec_positions) for r in chunk] if dec_positions else chunk
        writer.add(dups.add(rows))
        sink.extend(errs)
        chunk.clear()
        errs.clear()
        run.checkpoint()
        run.report(reading, source.fraction() * _READ_SHARE)

    for row_no, cells in source.rows():
        run.rows_seen += 1
        v = parser.parse(row_no, cells, errs)
        if v is None:
            target.check_refs(row_no, parser.partial, errs)
        else:
            staged = target.stage_row(row_no, v, errs)
            if staged is not None:
                chunk.append(staged)
        if len(chunk) >= run.chunk_rows or len(errs) >= run.chunk_rows:
            flush()
    flush()


def _stage_fast(
    run: _Run,
    source: CsvSource,
    target: Any,
    writer: Writer,
    parser: RowParser,
    dups: _DupCheck,
    sink: ErrorSink,
    dec_positions: list[int],
) -> None:
    """Column-wise path for big CSV files; rows it cannot vouch for take the row-by-row parser."""
    fast = FastParser(target.spec, parser.hm, target, run.store.dialect)
    width = len(source.headers)
    reading = tr("正在读取和校验", "Reading and checking")
    for df, row_nos in source.chunks(fast.usecols, run.chunk_rows):
        staged, slow = fast.chunk(df, row_nos)
        errs: list[RowError] = []
        if slow:
            extra = []
            for pos in slow:
                row_no = int(row_nos[pos])
                v = parser.parse(row_no, row_cells(df, pos, width), errs)
                if v is None:
                    target.check_refs(row_no, parser.partial, errs)
                else:
                    st = target.stage_row(row_no, v, errs)
                    if st is not None:
                        extra.append(to_backend(st, dec_positions) if dec_positions else st)
            if extra:
                staged = sorted([*staged, *extra], key=lambda r: r[0])
        run.rows_seen += len(staged) + len({e.row for e in errs})
        writer.add(dups.add(staged))
        errs.sort(key=lambda e: e.row)
        sink.extend(errs)
        run.checkpoint()
        run.report(reading, source.fraction() * _READ_SHARE)


def _log_outcome(store: Store, actor: Actor, result: ImportResult, started: Any) -> None:
    """Dry runs and rejected files are logged too (who tried what), in their own small transaction."""
    with store.transaction() as session:
        session.add(
            ImportLog(
                kind=result.kind,
                file_name=result.file_name[:500],
                sha256=result.sha256,
                user_id=actor.id,
                started_at=started,
                finished_at=utcnow(),
                status=result.status,
                rows_total=result.rows_total,
                rows_new=result.rows_new,
                rows_changed=result.rows_changed,
                rows_unchanged=result.rows_unchanged,
                error_count=result.error_count,
                warnings=list(result.warnings),
            )
        )


def import_history(store: Store, actor: Actor, limit: int = 50) -> list[dict[str, Any]]:
    """The latest imports, newest first, for the wizard's history list."""
    from sqlalchemy import select

    from crm_desktop.db.models import Staff

    require_role(actor, Role.ADMIN, Role.BRANCH_MANAGER)
    with store.read() as session:
        stmt = (
            select(ImportLog, Staff.login)
            .outerjoin(Staff, Staff.id == ImportLog.user_id)
            .order_by(ImportLog.id.desc())
            .limit(limit)
        )
        if not actor.is_admin:
            stmt = stmt.where(Staff.branch_id == actor.branch_id)
        return [
            {
                "id": log.id,
                "kind": log.kind,
                "file_name": log.file_name,
                "sha256": log.sha256,
                "user": login,
                "started_at": log.started_at,
                "status": log.status,
                "rows_total": log.rows_total,
                "rows_new": log.rows_new,
                "rows_changed": log.rows_changed,
                "rows_unchanged": log.rows_unchanged,
                "error_count": log.error_count,
            }
            for log, login in session.execute(stmt)
        ]
