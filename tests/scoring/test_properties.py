"""Properties: row-order independence, grade monotone in assets, finite outputs, empty and odd inputs."""

from __future__ import annotations

import json
from datetime import timedelta

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crm_desktop.scoring import ScoringInput, score
from crm_desktop.scoring.config import GRADES
from crm_desktop.scoring.inputs import COLUMNS, empty
from tests.scoring.helpers import AS_OF, Book, codes

money = st.floats(min_value=0, max_value=20_000_000, allow_nan=False).map(lambda x: round(x, 2))
flows = st.floats(min_value=-5_000_000, max_value=5_000_000, allow_nan=False).map(lambda x: round(x, 2))


@st.composite
def books(draw: st.DrawFn) -> Book:
    book = (
        Book().manager(10, hired=AS_OF - timedelta(days=draw(st.integers(0, 7000)))).manager(11, hired=None)
    )
    n = draw(st.integers(1, 5))
    for cid in range(1, n + 1):
        book.client(
            cid,
            opened=AS_OF - timedelta(days=draw(st.integers(0, 4000))),
            risk=draw(st.sampled_from(["C1", "C3", "C5", "X"])),
            manager=draw(st.sampled_from([10, 11, None])),
        )
        for day in draw(st.lists(st.integers(0, 400), max_size=8, unique=True)):
            total = draw(money)
            book.snap(cid, day, total, sec=round(total * draw(st.floats(0, 1)), 2), inflow=draw(flows))
        for _ in range(draw(st.integers(0, 8))):
            book.trade(
                cid,
                draw(st.integers(0, 500)),
                draw(st.sampled_from(["buy", "sell", "buy", "BUY", "x"])),
                draw(st.integers(0, 20)) * 100,
                draw(st.floats(1, 50)).__round__(2),
                code=draw(st.sampled_from(["600000", "300001", "688001", "999999"])),
                commission=draw(st.floats(0, 50)).__round__(2),
            )
        for _ in range(draw(st.integers(0, 3))):
            book.hold(
                cid,
                draw(st.sampled_from([0, 31, 61, 400])),
                draw(st.sampled_from(["600000", "300001", "688001"])),
                draw(money),
            )
    return book


def _shuffled(data: ScoringInput, seed: int) -> ScoringInput:
    rng = np.random.default_rng(seed)

    def mix(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.iloc[rng.permutation(len(frame))].reset_index(drop=True)

    return ScoringInput(
        as_of=data.as_of,
        clients=mix(data.clients),
        snapshots=mix(data.snapshots),
        trades=mix(data.trades),
        holdings=mix(data.holdings),
        securities=mix(data.securities),
        touches=mix(data.touches),
        tasks=mix(data.tasks),
        staff=mix(data.staff),
    )


def _assert_finite(frame: pd.DataFrame) -> None:
    """No NaN or infinity anywhere; the only missing value an output may hold is None (a NULL when stored)."""
    for col in frame.columns:
        values = frame[col]
        if pd.api.types.is_float_dtype(values.dtype):
            assert np.isfinite(values.to_numpy(dtype=float)).all(), col
        elif values.dtype == object:
            for v in values:
                assert not (isinstance(v, float) and not np.isfinite(v)), col
        elif not isinstance(values.dtype, pd.Int64Dtype):  # Int64 holds pd.NA, stored as NULL
            assert not values.isna().any(), col


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books(), st.integers(0, 2**32 - 1))
def test_row_order_does_not_matter(book: Book, seed: int) -> None:
    data = book.data()
    a = score(data)
    b = score(_shuffled(data, seed))
    pd.testing.assert_frame_equal(a.clients, b.clients)
    pd.testing.assert_frame_equal(a.managers, b.managers)
    pd.testing.assert_frame_equal(a.suggestions, b.suggestions)
    assert a.warnings == b.warnings
    _assert_finite(a.clients)
    _assert_finite(a.managers)
    json.dumps(a.clients["reasons"].tolist())  # reasons are plain JSON
    json.dumps(a.managers["components"].tolist())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books(), st.floats(min_value=0, max_value=15_000_000).map(lambda x: round(x, 2)))
def test_more_assets_never_lower_a_grade(book: Book, extra: float) -> None:
    before = score(book.data()).clients.set_index("client_id")["grade"]
    for row in book.snapshots:
        if row["client_id"] == 1:
            row["total_assets"] += extra
    after = score(book.data()).clients.set_index("client_id")["grade"]
    assert GRADES.index(after.loc[1]) >= GRADES.index(before.loc[1])


def test_empty_inputs() -> None:
    result = score(ScoringInput(as_of=AS_OF))
    assert result.clients.empty and result.managers.empty and result.suggestions.empty
    assert result.warnings == []
    assert list(result.clients.columns)[:3] == ["client_id", "grade", "value_score"]


def test_client_without_any_data_gets_defined_values() -> None:
    row = Book().client(1).row()
    assert row["grade"] == "V1" and row["churn_risk"] == "low" and row["activity"] == "dormant"
    assert row["trading_ability"] == "insufficient_data" and row["lifecycle"] == "dormant"
    assert codes(row["reasons"])[:2] == ["no_snapshots", "no_trades"]
    assert "churn_no_data" in codes(row["reasons"])
    assert row["top_industry"] is None and row["top_industry_share"] == 0.0


def test_top_industry_is_none_not_nan_beside_clients_with_holdings() -> None:
    # A column mixing names and "no holdings" must not become a string column with NaN for the missing ones.
    result = Book().client(1).client(2).snap(1, 0, 1_000, sec=1_000).hold(1, 0, "600000", 1_000).run()
    assert result.clients["top_industry"].tolist() == ["银行", None]
    _assert_finite(result.clients)


def test_unknown_codes_are_reported_not_crashed_on() -> None:
    book = (
        Book()
        .client(1)
        .snap(1, 0, 1_000)
        .snap(99, 0, 5)
        .trade(1, 5, "buy", 100, 10, code="XYZ123")
        .trade(1, 4, "hold", 1, 1)
        .trade(77, 3, "buy", 1, 1)
    )
    result = book.run()
    warn = {w["code"]: w["params"] for w in result.warnings}
    assert warn["unknown_security"] == {"count": 1, "codes": "XYZ123"}
    assert warn["unknown_side"]["count"] == 1 and "'hold'" in warn["unknown_side"]["values"]
    assert {"table": "snapshots", "count": 1} in [
        w["params"] for w in result.warnings if w["code"] == "unknown_client"
    ]
    row = result.clients.iloc[0]
    assert row["commission_12m"] == 0 and row["turnover"] == 1.0  # the trade still counts


def test_duplicate_snapshots_are_reported_and_resolved_the_same_way_in_any_order() -> None:
    book = Book().client(1).snap(1, 0, 100).snap(1, 0, 300).snap(1, 1, 200)
    a = book.run()
    book.snapshots.reverse()
    b = book.run()
    assert "duplicate_snapshots" in codes(a.warnings)
    assert a.clients["avg_assets"].tolist() == b.clients["avg_assets"].tolist() == [250.0]


def test_missing_column_is_a_clear_error() -> None:
    data = ScoringInput(as_of=AS_OF, snapshots=empty("snapshots").drop(columns=["net_inflow"]))
    try:
        score(data)
    except ValueError as exc:
        assert "net_inflow" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected a ValueError")


def test_documented_columns_are_accepted_as_datetime64_and_strings() -> None:
    book = Book().client(1).snap(1, 0, 3_000_000).trade(1, 3, "buy", 100, 10)
    data = book.data()
    data.snapshots["date"] = pd.to_datetime(data.snapshots["date"])
    data.trades["trade_date"] = data.trades["trade_date"].map(lambda d: d.isoformat())
    data.trades["code"] = data.trades["code"].astype("category")
    result = score(data)
    assert result.clients.loc[0, "grade"] == "V4" and result.clients.loc[0, "activity"] == "low"
    assert set(COLUMNS) == {
        "clients",
        "snapshots",
        "trades",
        "holdings",
        "securities",
        "touches",
        "tasks",
        "staff",
        # issue #17: optional churn signals
        "signals",
    }
