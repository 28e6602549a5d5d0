"""The engine's fast array paths agree with the plain numpy/pandas operations they replace,
on both sides of each fast path's limits (packed keys that fit and keys that do not)."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from crm_desktop.scoring import fifo
from crm_desktop.scoring.frames import sort_order


@pytest.mark.parametrize("low, high", [(0, 10), (0, 2**40), (-50, 50), (2**55, 2**61)])
def test_sort_order_is_a_stable_argsort(low: int, high: int) -> None:
    rng = np.random.default_rng(3)
    for n in (0, 1, 2, 1000, 50_000):
        key = rng.integers(low, high, n, dtype=np.int64)
        assert np.array_equal(sort_order(key), np.argsort(key, kind="stable"))


def test_sort_order_of_long_runs_is_a_stable_argsort() -> None:
    """Day-by-day imports: each day's rows sorted by client, the days one after another (the timsort path)."""
    clients, days_ = 3000, 40
    key = (np.tile(np.arange(clients), days_) * 100 + np.repeat(np.arange(days_), clients)).astype(np.int64)
    key[::997] = 5  # a few equal keys and descents inside the runs
    assert np.array_equal(sort_order(key), np.argsort(key, kind="stable"))


def test_tie_order_matches_lexsort_with_and_without_packing() -> None:
    rng = np.random.default_rng(5)
    n = 20_000
    block_key = np.sort(rng.integers(0, 2**39, n // 4)).repeat(4)[:n]
    amount = rng.integers(0, 30, n)  # few distinct values: many full ties, which must keep row order
    quantity = rng.integers(-3, 3, n)
    expected = np.lexsort((quantity, amount, block_key))
    assert np.array_equal(fifo._tie_order(block_key, amount, quantity), expected)
    # More rows than three ranks can share one int64 word would need: the lexsort fallback.
    big = 2**21 + 7
    bk = np.repeat(np.arange(big // 2 + 1), 2)[:big]
    am = np.zeros(big, dtype=np.int64)
    qt = (np.arange(big) % 3)[::-1].copy()
    assert np.array_equal(fifo._tie_order(bk, am, qt), np.lexsort((qt, am, bk)))


@pytest.mark.parametrize("bound", [1, 10**6, 2**61])  # the last one does not fit the shifted form
def test_group_cummin_matches_pandas(bound: int) -> None:
    rng = np.random.default_rng(9)
    groups = np.sort(rng.integers(0, 300, 5000))
    _, group_of_row = np.unique(groups, return_inverse=True)
    values = rng.integers(-bound, bound, len(groups), dtype=np.int64)
    expected = pd.Series(values).groupby(group_of_row).cummin().to_numpy()
    assert np.array_equal(fifo._group_cummin(values, group_of_row, int(group_of_row.max()) + 1), expected)
    assert len(fifo._group_cummin(values[:0], group_of_row[:0], 0)) == 0


def test_dense_and_sparse_industry_paths_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Top industry and its share are the same whether the client x industry table is dense or sparse,
    and whether holdings arrive sorted by client and day or shuffled."""
    from crm_desktop.scoring import clients as client_rules
    from crm_desktop.scoring import score
    from tests.scoring.helpers import Book, ago

    rng = np.random.default_rng(17)
    book = Book()
    for code, industry in (("000001", "银行"), ("000002", "地产"), ("000003", "电子"), ("000004", "")):
        book.securities.append({"code": code, "board": "main", "industry": industry, "list_date": ago(4000)})
    for cid in range(1, 201):
        book.client(cid)
        for _ in range(int(rng.integers(0, 8))):
            code = str(
                rng.choice(["600000", "600001", "600002", "300001", "000001", "000002", "000003", "000004"])
            )
            # Round values make equal industry totals (ties) common.
            book.hold(cid, int(rng.choice([0, 30, 60])), code, float(rng.integers(0, 4)) * 1000.0)
    data = book.data()
    in_order = replace(data, holdings=data.holdings.sort_values(["client_id", "date"], kind="stable"))
    shuffled = replace(data, holdings=data.holdings.sample(frac=1.0, random_state=3))
    columns = ["client_id", "top_industry", "top_industry_share", "largest_position_share", "risk_style"]
    dense = score(in_order).clients[columns]
    monkeypatch.setattr(client_rules, "_DENSE_CELLS", 0)
    sparse = score(shuffled).clients[columns]
    pd.testing.assert_frame_equal(dense.reset_index(drop=True), sparse.reset_index(drop=True))
    assert dense["top_industry"].notna().sum() > 100


@pytest.mark.parametrize("shuffle, chunk", [(False, 1 << 20), (False, 7), (False, 40), (True, 1 << 20)])
def test_snapshots_keyed_by_id_match_the_lookup_path(
    shuffle: bool, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Integer client ids take the direct-key path (in pieces when sorted), other id types the per-row
    lookup: both give the same results and warnings, with unknown clients (also duplicated) in between and
    around the known ones, and pieces smaller or larger than one client's rows."""
    from crm_desktop.scoring import clients as client_rules
    from crm_desktop.scoring import score
    from tests.scoring.helpers import Book

    monkeypatch.setattr(client_rules, "SNAPSHOT_CHUNK", chunk)
    rng = np.random.default_rng(23)
    book = Book()
    for cid in (3, 5, 8, 13):
        book.client(cid)
    for cid in (1, 3, 4, 5, 8, 9, 13, 20):
        for d in rng.choice(np.arange(11, 300), 40, replace=False):
            book.snap(cid, int(d), float(rng.integers(0, 5_000_000)), inflow=float(rng.integers(-1000, 1000)))
    book.snap(5, 10, 1.0).snap(5, 10, 2.0).snap(9, 10, 1.0).snap(9, 10, 2.0)  # duplicates, known and unknown
    data = book.data()
    if shuffle:
        data = replace(data, snapshots=data.snapshots.sample(frac=1.0, random_state=1))
    else:
        data = replace(data, snapshots=data.snapshots.sort_values(["client_id", "date"], kind="stable"))
    assert data.snapshots["client_id"].dtype == np.int64
    by_object = replace(
        data, snapshots=data.snapshots.assign(client_id=data.snapshots["client_id"].astype(object))
    )
    direct, looked_up = score(data), score(by_object)
    pd.testing.assert_frame_equal(direct.clients, looked_up.clients)
    assert direct.warnings == looked_up.warnings
    warned = {w["code"]: w["params"] for w in direct.warnings}
    assert warned["unknown_client"] == {"table": "snapshots", "count": 4 * 40 + 2}
    assert warned["duplicate_snapshots"] == {"count": 1}
    # Without the duplicates the sorted rows stay on the piece-by-piece path; still the same results.
    clean = replace(data, snapshots=data.snapshots.drop_duplicates(["client_id", "date"]))
    clean_object = replace(
        clean, snapshots=clean.snapshots.assign(client_id=clean.snapshots["client_id"].astype(object))
    )
    a, b = score(clean), score(clean_object)
    pd.testing.assert_frame_equal(a.clients, b.clients)
    assert a.warnings == b.warnings and "duplicate_snapshots" not in {w["code"] for w in a.warnings}


def test_client_pieces_never_split_a_client() -> None:
    ids = np.repeat(np.array([2, 3, 5, 9, 10]), [1, 30, 4, 9, 2])
    for chunk in (1, 3, 8, 30, 100):
        pieces = client_rules_pieces(ids, chunk)
        assert pieces is not None and pieces[0][0] == 0 and pieces[-1][1] == len(ids)
        for (_, hi), (lo, _) in itertools.pairwise(pieces):
            assert hi == lo and ids[lo - 1] != ids[lo]
    assert client_rules_pieces(ids[::-1].copy(), 3) is None


def client_rules_pieces(ids: np.ndarray, chunk: int) -> list[tuple[int, int]] | None:
    from crm_desktop.scoring.clients import _client_pieces

    return _client_pieces(ids, chunk)
