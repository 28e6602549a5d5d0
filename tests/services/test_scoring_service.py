"""The scoring service on both backends: loading, one stored run, read helpers, permissions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crm_desktop.db.models import (
    AssetSnapshot,
    AuditLog,
    Client,
    ClientScore,
    Holding,
    ManagerScore,
    ScoreRun,
    Security,
    ServiceTask,
    Touch,
    Trade,
)
from crm_desktop.db.store import Store
from crm_desktop.errors import InvalidInput, PermissionDenied
from crm_desktop.scoring import ENGINE_VERSION, render_reasons
from crm_desktop.scoring.engine import ScoringResult
from crm_desktop.services import scoring
from tests.factories import Seed, add_client

AS_OF = date(2025, 6, 30)


def _fill(seed: Seed) -> None:
    """Client 001000: 3.25M average assets (V4), steady; 001001: big outflow (churn high); others empty."""
    c0, c1 = seed.clients["001000"], seed.clients["001001"]
    with seed.store.transaction() as s:
        s.add_all(
            [
                Security(
                    code="600000",
                    name="浦发银行",
                    industry="银行",
                    board="main",
                    list_date=date(1999, 11, 10),
                ),
                Security(
                    code="688001", name="华兴源创", industry="电子", board="star", list_date=date(2024, 10, 1)
                ),
            ]
        )
        s.flush()
        for i in range(0, 365, 7):
            d = AS_OF - timedelta(days=i)
            s.add(
                AssetSnapshot(
                    client_id=c0,
                    date=d,
                    cash=Decimal("250000"),
                    securities_value=Decimal("3000000"),
                    total_assets=Decimal("3250000"),
                    net_inflow=Decimal("0"),
                )
            )
            s.add(
                AssetSnapshot(
                    client_id=c1,
                    date=d,
                    cash=Decimal("1000000"),
                    securities_value=Decimal("0"),
                    total_assets=Decimal("1000000") if i > 30 else Decimal("600000"),
                    net_inflow=Decimal("-400000") if i == 28 else Decimal("0"),
                )
            )
        s.add(
            Holding(
                client_id=c0,
                date=date(2025, 5, 31),
                code="600000",
                quantity=Decimal("300000"),
                cost=Decimal("2500000"),
                market_value=Decimal("3000000"),
            )
        )
        for k in range(6):
            day = AS_OF - timedelta(days=200 - k * 20)
            s.add(
                Trade(
                    trade_id=f"B{k}",
                    trade_date=day,
                    client_id=c0,
                    code="688001",
                    side="buy",
                    quantity=Decimal("1000"),
                    price=Decimal("10"),
                    amount=Decimal("10000"),
                    commission=Decimal("5"),
                )
            )
            s.add(
                Trade(
                    trade_id=f"S{k}",
                    trade_date=day + timedelta(days=10),
                    client_id=c0,
                    code="688001",
                    side="sell",
                    quantity=Decimal("1000"),
                    price=Decimal("11"),
                    amount=Decimal("11000"),
                    commission=Decimal("5"),
                )
            )
        s.add(
            ServiceTask(
                client_id=c0,
                manager_id=seed.im1.id,
                task_type="phone_call",
                source="recurring",
                due_date=date(2025, 3, 1),
                status="done",
                dedupe_key="t1",
                completed_at=datetime(2025, 2, 27, 8, tzinfo=UTC),
            )
        )
        s.add(
            Touch(
                client_id=c0,
                manager_id=seed.im1.id,
                touch_type="phone_call",
                channel="phone",
                occurred_at=datetime(2025, 2, 27, 8, tzinfo=UTC),
                satisfaction=5,
            )
        )


def test_run_stores_one_run_with_results_and_reads_back(seeded: Seed) -> None:
    _fill(seeded)
    summary = scoring.run_scoring(seeded.store, seeded.bm)
    assert summary.as_of == AS_OF  # defaults to the latest snapshot date
    assert summary.client_count == 6 and summary.manager_count == 2
    assert summary.engine_version == ENGINE_VERSION and len(summary.config_hash) == 64
    c0, c1 = seeded.clients["001000"], seeded.clients["001001"]
    with seeded.store.read() as s:
        assert scoring.latest_run_id(s) == summary.run_id
        run = s.get(ScoreRun, summary.run_id)
        assert run is not None and run.finished_at is not None and run.created_by_id == seeded.bm.id
        assert run.config_text == scoring.load_config().text
        scores = scoring.latest_client_scores(s)
        assert set(scores) == set(seeded.clients.values())
        a = scores[c0]
        assert a.grade == "V4" and a.avg_assets == Decimal("3250000.00")
        assert a.commission_12m == Decimal("60.00")
        assert a.trading_ability == "skilled" and a.win_rate == 1.0
        assert a.realized_pnl == Decimal("5940.00")  # 6 x (10995 - 10005)
        assert a.avg_holding_days == 10.0
        assert a.risk_style == "aggressive"  # single position = 100% of securities value
        assert a.suitability_mismatch is True  # C3 declared, aggressive needs C4
        assert a.top_industry == "银行" and a.top_industry_share == 1.0
        assert a.new_listing_share == 1.0
        assert render_reasons(a.reasons)[0] == "日均资产 3,250,000 ≥ 3,000,000 → V4"
        assert scores[c1].churn_risk == "high"
        assert scores[c1].lifecycle == "declining"
        only = scoring.latest_client_scores(s, [c1])
        assert list(only) == [c1]
        managers = scoring.latest_manager_scores(s)
        assert set(managers) == {seeded.im1.id, seeded.im2.id}
        assert managers[seeded.im1.id].client_count == 4
        assert managers[seeded.im1.id].on_time_rate == 1.0
        # the manager's own rating on a touch is a note; satisfaction comes from call-backs (none here)
        assert managers[seeded.im1.id].satisfaction is None
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action == "score.run")) == 1


def test_second_run_becomes_latest_and_as_of_is_honoured(seeded: Seed) -> None:
    _fill(seeded)
    first = scoring.run_scoring(seeded.store, None, AS_OF - timedelta(days=60))
    second = scoring.run_scoring(seeded.store, seeded.admin)
    assert second.run_id > first.run_id
    with seeded.store.read() as s:
        assert scoring.latest_run_id(s) == second.run_id
        assert s.scalar(select(func.count()).select_from(ClientScore)) == 12
        assert s.scalar(select(func.count()).select_from(ManagerScore)) == 4
        first_run = s.get(ScoreRun, first.run_id)
        assert (
            first_run is not None and first_run.created_by_id is None and first_run.as_of == date(2025, 5, 1)
        )


def test_unassigned_client_without_dates_is_scored(seeded: Seed) -> None:
    cid = add_client(seeded.store, "009999", branch_id=seeded.branch_id, manager_id=None)
    with seeded.store.transaction() as s:
        client = s.get(Client, cid)
        assert client is not None
        client.assigned_on = None
    summary = scoring.run_scoring(seeded.store, None, AS_OF)
    assert summary.client_count == 7
    with seeded.store.read() as s:
        assert scoring.latest_client_scores(s, [cid])[cid].grade == "V1"


def test_clients_without_holdings_store_null_not_nan(seeded: Seed) -> None:
    _fill(seeded)
    scoring.run_scoring(seeded.store, None, AS_OF)
    with seeded.store.read() as s:
        industries = {cid: sc.top_industry for cid, sc in scoring.latest_client_scores(s).items()}
    assert industries.pop(seeded.clients["001000"]) == "银行"
    assert set(industries.values()) == {None}


def test_a_nan_from_the_engine_is_refused_and_nothing_is_stored(
    seeded: Seed, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(seeded)
    real = scoring.score

    def with_a_nan(*args: object, **kwargs: object) -> ScoringResult:
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        result.clients.loc[1, "turnover"] = float("nan")
        return result

    monkeypatch.setattr(scoring, "score", with_a_nan)
    with pytest.raises(ValueError, match=r"clients\.turnover"):
        scoring.run_scoring(seeded.store, None, AS_OF)
    with seeded.store.read() as s:
        assert scoring.latest_run_id(s) is None
        assert s.scalar(select(func.count()).select_from(ScoreRun)) == 0


def test_a_commit_during_the_reads_does_not_reach_the_run(
    seeded: Seed, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run reads in one transaction: a commit that lands after the clients were read and before the
    snapshots are read (another workstation emptying 001000's account) is not half seen."""
    _fill(seeded)
    c0 = seeded.clients["001000"]
    real = scoring._fetch
    fetched: list[str] = []

    def commit_after_the_clients(session: object, sql: str, *args: object, **kwargs: object) -> object:
        out = real(session, sql, *args, **kwargs)  # type: ignore[arg-type]
        fetched.append(sql)
        if len(fetched) == 1:
            with seeded.store.transaction() as other:
                for snap in other.scalars(select(AssetSnapshot).where(AssetSnapshot.client_id == c0)):
                    snap.total_assets = Decimal("0")
                    snap.securities_value = Decimal("0")
        return out

    real_copy = scoring._copy_numbers

    def copied(session: object, sql: str, *args: object, **kwargs: object) -> object:
        fetched.append(sql)  # PostgreSQL reads the numeric selects by COPY
        return real_copy(session, sql, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(scoring, "_fetch", commit_after_the_clients)
    monkeypatch.setattr(scoring, "_copy_numbers", copied)
    during = scoring.run_scoring(seeded.store, None, AS_OF)
    assert "FROM client" in fetched[0] and any("asset_snapshot" in q for q in fetched[1:])
    monkeypatch.setattr(scoring, "_fetch", real)
    monkeypatch.setattr(scoring, "_copy_numbers", real_copy)
    after = scoring.run_scoring(seeded.store, None, AS_OF)
    with seeded.store.read() as s:
        seen = {
            r: s.scalar(
                select(ClientScore.avg_assets).where(ClientScore.run_id == r, ClientScore.client_id == c0)
            )
            for r in (during.run_id, after.run_id)
        }
    assert seen == {during.run_id: Decimal("3250000.00"), after.run_id: Decimal("0.00")}


def test_empty_store_scores_without_error(store: Store) -> None:
    summary = scoring.run_scoring(store, None, date(2025, 1, 31))
    assert summary.client_count == 0
    with store.read() as s:
        assert scoring.latest_run_id(s) == summary.run_id
        assert scoring.latest_client_scores(s) == {}
        assert scoring.latest_manager_scores(s) == {}


def test_nothing_scored_yet_reads_empty(seeded: Seed) -> None:
    with seeded.store.read() as s:
        assert scoring.latest_run_id(s) is None
        assert scoring.latest_client_scores(s) == {}
        assert scoring.latest_suggestions(s) == []


def test_investment_manager_may_not_run_scoring(seeded: Seed) -> None:
    with pytest.raises(PermissionDenied):
        scoring.run_scoring(seeded.store, seeded.im1)
    with seeded.store.read() as s:
        assert scoring.latest_run_id(s) is None


def test_export_rows_respect_visibility(seeded: Seed) -> None:
    _fill(seeded)
    scoring.run_scoring(seeded.store, None)
    im2_rows, _ = scoring.export_rows(seeded.store, seeded.im2, "zh_CN")
    assert sorted(im2_rows["client_no"]) == ["001004", "001005"]
    bm_rows, run = scoring.export_rows(seeded.store, seeded.bm, "en")
    assert len(bm_rows) == 6 and run is not None
    row = bm_rows.set_index("client_no").loc["001000"]
    assert row["grade"] == "V4" and row["risk_style"] == "aggressive"
    assert row["reasons"].startswith("average daily assets 3,250,000 ≥ 3,000,000 → V4")


def test_broken_config_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "scoring.toml"
    bad.write_text("[grade]\nassets = { V5 = 1, V4 = 2, V3 = 3, V2 = 4 }\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"scoring\.toml"):
        scoring.load_config(bad)
    bad.write_text("not toml [", encoding="utf-8")
    with pytest.raises(InvalidInput):
        scoring.load_config(bad)
