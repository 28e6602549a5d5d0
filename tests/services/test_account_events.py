"""Account events import (issue #17): statuses follow the events, losses get a churn record and tasks,
the commission rate comes with the client file. Both backends."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from crm_desktop.db.models import AccountEventRecord, ChurnRecord, Client, ServiceTask
from crm_desktop.services.importing import ImportRejected, run_import
from tests.factories import Seed
from tests.fixed_clock import TODAY
from tests.importing.samples import CLIENTS_ROWS, CLIENTS_ZH, write_csv

HEAD = ["客户号", "事件", "日期", "对方券商"]


def _events(seed: Seed, tmp: Path, rows: list[list[str]], name: str = "ev.csv") -> None:
    run_import(seed.store, seed.bm, "account-events", write_csv(tmp / name, HEAD, rows))


def test_events_set_status_and_make_loss_tasks(seeded: Seed, tmp_path: Path) -> None:
    lost = (TODAY - timedelta(days=3)).isoformat()
    old = (TODAY - timedelta(days=200)).isoformat()
    _events(
        seeded,
        tmp_path,
        [
            ["001000", "销户", lost, ""],
            ["001001", "转托管转出", lost, "某某证券"],
            ["001002", "dormant", old, ""],
            ["001003", "transferred_out", old, ""],
            ["001003", "transferred_in", lost, ""],
            ["001004", "三方存管变更", lost, ""],
        ],
    )
    with seeded.store.read() as s:
        status = dict(s.execute(select(Client.client_no, Client.status)).all())
        assert status == {
            "001000": "closed",
            "001001": "transferred_out",
            "001002": "dormant",
            "001003": "active",
            "001004": "active",
            "001005": "active",
        }
        assert (
            s.scalar(
                select(AccountEventRecord.counterparty).where(
                    AccountEventRecord.event == "transferred_out",
                    AccountEventRecord.date == TODAY - timedelta(days=3),
                )
            )
            == "某某证券"
        )
        records = s.execute(select(ChurnRecord.client_id, ChurnRecord.event, ChurnRecord.manager_id)).all()
        assert len(records) == 3  # two recent losses and the old transfer-out
        tasks = s.execute(
            select(ServiceTask.client_id, ServiceTask.source, ServiceTask.due_date, ServiceTask.manager_id)
        ).all()
        # the 200-day-old loss makes no task; each recent one a reason task (7 days) and a win-back task
        assert sorted((t.source, t.due_date) for t in tasks) == sorted(
            [
                ("churn_reason", TODAY + timedelta(days=4)),
                ("churn_reason", TODAY + timedelta(days=4)),
                ("win_back", TODAY + timedelta(days=27)),
                ("win_back", TODAY + timedelta(days=27)),
            ]
        )
        assert {t.manager_id for t in tasks} == {seeded.im1.id}
    # importing the same file again changes nothing and makes no second task
    _events(seeded, tmp_path, [["001000", "销户", lost, ""]], "ev2.csv")
    with seeded.store.read() as s:
        assert len(s.scalars(select(ServiceTask)).all()) == 4


def test_unknown_event_and_client_are_refused(seeded: Seed, tmp_path: Path) -> None:
    with pytest.raises(ImportRejected) as ei:
        _events(
            seeded,
            tmp_path,
            [["001000", "爆仓", TODAY.isoformat(), ""], ["999999", "opened", TODAY.isoformat(), ""]],
        )
    assert ei.value.result.error_count == 2


def test_commission_rate_imports_with_the_client_file(seeded: Seed, tmp_path: Path) -> None:
    rows = [list(r) for r in CLIENTS_ROWS[:2]]
    rows[0].append("万2.5")
    rows[1].append("0.0003")
    header = [*CLIENTS_ZH, "佣金费率"]
    run_import(seeded.store, seeded.admin, "clients", write_csv(tmp_path / "c.csv", header, rows))
    with seeded.store.read() as s:
        rates = dict(
            s.execute(
                select(Client.client_no, Client.commission_rate).where(Client.commission_rate.is_not(None))
            ).all()
        )
    assert rates == {rows[0][0]: Decimal("0.000250"), rows[1][0]: Decimal("0.000300")}


def test_a_regained_client_needs_no_win_back(seeded: Seed, tmp_path: Path) -> None:
    lost = (TODAY - timedelta(days=20)).isoformat()
    _events(seeded, tmp_path, [["001000", "closed", lost, ""]])
    _events(seeded, tmp_path, [["001000", "opened", TODAY.isoformat(), ""]], "back.csv")
    with seeded.store.read() as s:
        status = dict(s.execute(select(ServiceTask.source, ServiceTask.status)).all())
        assert status == {"churn_reason": "open", "win_back": "done"}
        assert s.scalar(select(Client.status).where(Client.client_no == "001000")) == "active"


def test_lost_clients_leave_the_active_book(seeded: Seed, tmp_path: Path) -> None:
    from crm_desktop.services.client_book import load_book

    _events(
        seeded,
        tmp_path,
        [["001000", "closed", TODAY.isoformat(), ""], ["001001", "转出", TODAY.isoformat(), ""]],
    )
    book = load_book(seeded.store, seeded.im1)
    assert sorted(book.frame["client_no"]) == ["001002", "001003"]
    everything = load_book(seeded.store, seeded.im1, include_lost=True)
    assert sorted(everything.frame["client_no"]) == ["001000", "001001", "001002", "001003"]
