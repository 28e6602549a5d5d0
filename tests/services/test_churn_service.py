"""The churn signals end to end (issue #17): imported bank change and commission rates reach the engine,
the likely reason is stored with the score, and `crm churn risk` proposes the matching answer."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, update

from crm_desktop.cli.main import main
from crm_desktop.db.models import AssetSnapshot, Client, ClientScore, Security, Trade
from crm_desktop.services import churn, scoring
from crm_desktop.services.importing import run_import
from tests.factories import PASSWORD, Seed
from tests.fixed_clock import TODAY
from tests.importing.samples import write_csv


def test_price_reason_from_imported_signals(
    db_url: str,
    seeded: Seed,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    s = seeded
    with s.store.transaction() as ss:
        ss.execute(update(Client).values(commission_rate=Decimal("0.00025")))
        ss.execute(
            update(Client).where(Client.client_no == "001000").values(commission_rate=Decimal("0.0006"))
        )
        ss.add(Security(code="600000", name="浦发银行"))
        ss.flush()
        for no, cid in s.clients.items():
            for d in (300, 90, 0):
                ss.add(
                    AssetSnapshot(
                        client_id=cid,
                        date=TODAY - timedelta(days=d),
                        cash=Decimal("250000.00"),
                        securities_value=Decimal("250000.00"),
                        total_assets=Decimal("500000.00"),
                        net_inflow=Decimal("0.00"),
                    )
                )
            ss.add(
                Trade(
                    trade_id=f"T{no}",
                    trade_date=TODAY - timedelta(days=30),
                    client_id=cid,
                    code="600000",
                    side="buy",
                    quantity=Decimal("100"),
                    price=Decimal("10"),
                    amount=Decimal("1000.00"),
                    commission=Decimal("5.00"),
                )
            )
    run_import(
        s.store,
        s.bm,
        "account-events",
        write_csv(
            tmp_path / "e.csv",
            ["客户号", "事件", "日期"],
            [["001000", "三方存管变更", (TODAY - timedelta(days=5)).isoformat()]],
        ),
    )
    scoring.run_scoring(s.store, s.bm, TODAY)
    with s.store.read() as ss:
        risks = dict(
            ss.execute(
                select(Client.client_no, ClientScore.churn_reason).join(
                    Client, Client.id == ClientScore.client_id
                )
            ).all()
        )
    assert risks["001000"] == "price_or_service_elsewhere"
    assert {v for k, v in risks.items() if k != "001000"} == {None}
    proposal = churn.retention_proposal(s.store, s.im1, "001000", "en")
    assert proposal.churn_risk == "high" and proposal.answer == "commission_review"
    assert any("commission rate 6 bp" in e for e in proposal.evidence)
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    assert main(["--db", db_url, "churn", "risk", "--client", "001000", "--as-user", "im1"]) == 0
    assert "申请佣金费率复核" in capsys.readouterr().out
    # the answer: a commission-rate review the branch manager decides
    assert (
        main(
            [
                "--db",
                db_url,
                "churn",
                "rate-review",
                "--client",
                "001000",
                "--rate",
                "0.0003",
                "--as-user",
                "im1",
            ]
        )
        == 0
    )
    rid = capsys.readouterr().out.strip()
    assert main(["--db", db_url, "relation", "approve", rid, "--as-user", "bm"]) == 0
    with s.store.read() as ss:
        assert ss.scalar(select(Client.commission_rate).where(Client.client_no == "001000")) == Decimal(
            "0.000300"
        )
