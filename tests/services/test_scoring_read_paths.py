"""How a scoring run reads and writes (issue #21): snapshot totals summed by the database, PostgreSQL's
binary COPY reads and COPY writes give exactly what the row-by-row path gives, on both backends."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import select, text

from crm_desktop.db.models import ClientScore, ManagerScore, MatchSuggestion
from crm_desktop.db.store import Store
from crm_desktop.demo import generator as demo
from crm_desktop.scoring import clients as client_rules
from crm_desktop.scoring import score
from crm_desktop.scoring.engine import window
from crm_desktop.services import scoring

AS_OF = date(2025, 12, 31)


def _read(store: Store, *, totals: bool) -> Any:
    cfg = scoring.load_config().config
    isolation = "REPEATABLE READ" if store.dialect == "postgresql" else None
    with store.read(isolation=isolation) as session:
        return scoring.load_input(session, AS_OF, cfg, totals=totals), cfg


def test_snapshot_totals_from_the_database_equal_the_engines_own_sums(store: Store) -> None:
    demo.generate_demo(store, clients=300, seed=5, as_of=AS_OF)
    by_totals, cfg = _read(store, totals=True)
    by_rows, _ = _read(store, totals=False)
    assert by_totals.snapshot_totals is not None and len(by_totals.snapshots) == 0
    assert by_rows.snapshot_totals is None and len(by_rows.snapshots) > 50_000

    # the per-client figures, field by field
    ids = by_rows.clients["client_id"].to_numpy(dtype=np.int64)
    order = np.sort(ids)
    lookup = client_rules.ClientResolver(order)
    from_rows = client_rules.ClientArrays(len(order))
    from_totals = client_rules.ClientArrays(len(order))
    warnings: list[dict[str, Any]] = []
    client_rules.snapshot_metrics(by_rows.snapshots, lookup, window(AS_OF, cfg), cfg, from_rows, warnings)
    client_rules.snapshot_totals(by_totals.snapshot_totals, lookup, from_totals, warnings)
    assert warnings == []
    for name in client_rules.SNAPSHOT_FIELDS:
        np.testing.assert_array_equal(from_totals[name], from_rows[name], err_msg=name)
    assert (from_rows["snap_count"] > 0).sum() > 250 and from_rows["big_life"].sum() > 0
    assert (from_rows["inflow_churn"] != 0).any() and (from_rows["a90"] != from_rows["latest"]).any()

    # and the whole run: every client, manager and suggestion the same
    a, b = score(by_totals, cfg), score(by_rows, cfg)
    assert len(a.clients) > 250
    pd.testing.assert_frame_equal(a.clients, b.clients)
    pd.testing.assert_frame_equal(a.managers, b.managers)
    pd.testing.assert_frame_equal(a.suggestions, b.suggestions)
    assert a.warnings == b.warnings


def test_totals_of_a_client_the_run_does_not_know_are_reported_as_rows() -> None:
    lookup = client_rules.ClientResolver(np.array([1, 2], dtype=np.int64))
    out = client_rules.ClientArrays(2)
    warnings: list[dict[str, Any]] = []
    row = {name: 1.0 for name in client_rules.SNAPSHOT_FIELDS}
    frame = pd.DataFrame([{"client_id": 2, **row, "snap_count": 3}, {"client_id": 9, **row, "snap_count": 4}])
    client_rules.snapshot_totals(frame, lookup, out, warnings)
    assert warnings == [{"code": "unknown_client", "params": {"table": "snapshots", "count": 4}}]
    assert out["snap_count"].tolist() == [0, 3] and out["sum_total"].tolist() == [0, 100]
    with pytest.raises(ValueError, match="duplicate"):
        client_rules.snapshot_totals(pd.concat([frame, frame]), lookup, out, [])


def _stored(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """The latest run's rows without their run (and suggestion) ids, in a fixed order."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.read() as s:
        rid = scoring.latest_run_id(s)
        for model, key in (
            (ClientScore, "client_id"),
            (ManagerScore, "staff_id"),
            (MatchSuggestion, "client_id"),
        ):
            cols = [c for c in model.__table__.columns if c.name not in ("run_id", "id")]
            rows = s.execute(
                select(*cols).where(model.run_id == rid).order_by(getattr(model, key), *cols[:3])
            )
            out[model.__tablename__] = [tuple(r) for r in rows]
    return out


@pytest.mark.pg
def test_postgresql_stores_exactly_what_sqlite_stores(sqlite_store: Store, pg_store: Store) -> None:
    """The same demo on both backends, scored: PostgreSQL (COPY in, COPY out) and SQLite (rows in,
    INSERTs out) store the same rows, value for value: money as exact decimals, reasons as JSON."""
    for s in (sqlite_store, pg_store):
        demo.generate_demo(s, clients=300, seed=5, as_of=AS_OF)
        scoring.run_scoring(s, None, AS_OF)
    lite, pg = _stored(sqlite_store), _stored(pg_store)
    assert len(lite["client_score"]) > 250 and len(lite["manager_score"]) >= 2
    for table in lite:
        assert pg[table] == lite[table], table


@pytest.mark.pg
def test_binary_copy_reads_nulls_empty_results_and_long_streams(pg_store: Store) -> None:
    with pg_store.read() as s:
        frame = scoring._copy_numbers(
            s,
            "SELECT g, CASE WHEN mod(g, 3) = 0 THEN NULL ELSE g * 0.5 END, -g FROM generate_series(1, %(n)s) g",
            {"n": 500_000},  # about 19 MB of rows: several pieces of the parser
            ["a", "b", "c"],
        )
        empty = scoring._copy_numbers(s, "SELECT 1 WHERE false", {}, ["x"])
        # the session's transaction is still usable after a COPY
        assert s.execute(text("SELECT 1")).scalar() == 1
    assert len(frame) == 500_000 and list(frame.columns) == ["a", "b", "c"]
    np.testing.assert_array_equal(frame["a"].to_numpy(), np.arange(1, 500_001, dtype=np.float64))
    b = frame["b"].to_numpy()
    assert np.isnan(b[2::3]).all() and b[0] == 0.5 and b[-1] == 250_000.0
    np.testing.assert_array_equal(frame["c"].to_numpy(), -np.arange(1, 500_001, dtype=np.float64))
    assert len(empty) == 0 and empty["x"].dtype == np.float64
