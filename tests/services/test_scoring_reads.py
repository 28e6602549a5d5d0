"""Reading the big tables of an SQLite store in worker processes: the same data as one connection, a
commit made meanwhile is noticed and the data read again, and no worker processes means one connection."""

from __future__ import annotations

import sqlite3
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from typing import Any

import pandas as pd
import pytest

from crm_desktop.services import scoring, scoring_reads
from tests.factories import Seed
from tests.services.test_scoring_service import _fill


def _sqlite_path(seed: Seed) -> str:
    db = seed.store.url.database
    assert db
    return db


def _load(seed: Seed, monitor: scoring_reads.Monitor | None) -> Any:
    with seed.store.read() as s:
        return scoring.load_input(s, date(2025, 6, 30), scoring.load_config().config, monitor=monitor)


def test_parallel_reads_give_the_same_frames_as_one_connection(seeded_sqlite: Seed,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _fill(seeded_sqlite)
    monkeypatch.setattr(scoring_reads, "MIN_PARALLEL_ROWS", 1)
    calls: list[int] = []
    real = scoring_reads.read_all

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(scoring_reads, "read_all", counted)
    monitor = scoring._monitor(seeded_sqlite.store)
    assert monitor is not None
    try:
        parallel = _load(seeded_sqlite, monitor)
    finally:
        monitor.close()
    single = _load(seeded_sqlite, None)
    assert calls == [1]
    for table in ("snapshots", "trades", "holdings", "clients"):
        pd.testing.assert_frame_equal(getattr(parallel, table), getattr(single, table), check_dtype=True)
    assert len(parallel.snapshots) > 100 and len(parallel.trades) == 12


def test_split_rowids_covers_every_rowid_once() -> None:
    for max_rowid, pieces in ((1, 6), (7, 3), (1000, 6), (0, 4)):
        ranges = scoring_reads.split_rowids(max_rowid, pieces)
        covered = [r for lo, hi in ranges for r in range(lo + 1, hi + 1)]
        assert covered == list(range(1, max_rowid + 1))


def _commit_after_reads(monkeypatch: pytest.MonkeyPatch, path: str, sql: str, times: int) -> list[int]:
    """Make another connection commit ``sql`` right after each of the first ``times`` parallel readings."""
    real = scoring_reads.read_all
    attempts: list[int] = []

    def with_a_commit(*args: Any, **kwargs: Any) -> Any:
        out = real(*args, **kwargs)
        attempts.append(1)
        if len(attempts) <= times:  # another workstation process commits while this run reads
            con = sqlite3.connect(path)
            con.execute(sql)
            con.commit()
            con.close()
        return out

    monkeypatch.setattr(scoring_reads, "read_all", with_a_commit)
    return attempts


def test_a_commit_during_the_reads_makes_the_run_read_again(seeded_sqlite: Seed,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _fill(seeded_sqlite)
    monkeypatch.setattr(scoring_reads, "MIN_PARALLEL_ROWS", 1)
    attempts = _commit_after_reads(monkeypatch, _sqlite_path(seeded_sqlite),
                                   "UPDATE client SET risk_level = 'C5' WHERE client_no = '001000'", times=1)
    summary = scoring.run_scoring(seeded_sqlite.store, seeded_sqlite.bm)
    assert len(attempts) == 2  # the first reading was thrown away
    with seeded_sqlite.store.read() as s:
        assert summary.run_id == scoring.latest_run_id(s) and summary.client_count == 6
        scores = scoring.latest_client_scores(s)
    # the run saw the committed level: C5 suits any behaviour
    assert scores[seeded_sqlite.clients["001000"]].suitability_mismatch is False


def test_repeated_commits_end_in_one_connection(seeded_sqlite: Seed, monkeypatch: pytest.MonkeyPatch) -> None:
    _fill(seeded_sqlite)
    monkeypatch.setattr(scoring_reads, "MIN_PARALLEL_ROWS", 1)
    attempts = _commit_after_reads(monkeypatch, _sqlite_path(seeded_sqlite),
                                   "UPDATE client SET risk_level = 'C4' WHERE client_no = '001001'", times=99)
    summary = scoring.run_scoring(seeded_sqlite.store, seeded_sqlite.bm)
    assert len(attempts) == scoring._READ_ATTEMPTS - 1 and summary.client_count == 6


def test_without_worker_processes_the_run_reads_on_one_connection(seeded_sqlite: Seed,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _fill(seeded_sqlite)
    monkeypatch.setattr(scoring_reads, "MIN_PARALLEL_ROWS", 1)

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise BrokenProcessPool("a worker died")

    monkeypatch.setattr(scoring_reads, "read_all", broken)
    summary = scoring.run_scoring(seeded_sqlite.store, seeded_sqlite.bm)
    assert summary.client_count == 6 and summary.grade_counts.get("V4") == 1


def test_no_monitor_for_stores_that_are_not_sqlite_files(seeded: Seed) -> None:
    monitor = scoring._monitor(seeded.store)
    try:
        assert (monitor is None) == (seeded.store.dialect != "sqlite")
    finally:
        if monitor is not None:
            monitor.close()
