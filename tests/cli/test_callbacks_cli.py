"""crm callbacks / alerts / complaints / export …: the issue's "done when", through the CLI on both backends."""

from __future__ import annotations

import csv
import io
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text, update

from crm_desktop.cli.main import main
from crm_desktop.clock import FixedClock, current
from crm_desktop.db.models import (
    AlertCase,
    AssignmentHistory,
    AuditLog,
    CallbackItem,
    CallbackRecord,
    CallbackSample,
    Client,
    Complaint,
    Notification,
)
from crm_desktop.services import staff
from tests.factories import PASSWORD, Seed, add_client
from tests.fixed_clock import TODAY
from tests.services.service_helpers import add_touch

CLEAN = "identity=yes,knows_account_changes=yes,proxy_trading=no,full_mandate=no,promised_returns=no,risk_disclosed=yes"


@pytest.fixture
def cli(seeded: Seed, monkeypatch: pytest.MonkeyPatch):
    staff.add_user(
        seeded.store,
        seeded.admin,
        "cb01",
        role="callback_officer",
        display_name="周回访",
        branch_code="B001",
        password=PASSWORD,
    )
    staff.add_user(
        seeded.store,
        seeded.admin,
        "cb02",
        role="callback_officer",
        display_name="吴回访",
        branch_code="B001",
        password=PASSWORD,
    )
    url = seeded.store.url.render_as_string(hide_password=False)
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))

    def run(*args: str) -> int:
        return main(["--db", url, *args])

    return run


def _rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, like the other exports
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _items(seeded: Seed, client_no: str | None = None, reason: str | None = None) -> list[CallbackItem]:
    with seeded.store.read() as s:
        q = select(CallbackItem).join(Client, Client.id == CallbackItem.client_id).order_by(CallbackItem.id)
        if client_no:
            q = q.where(Client.client_no == client_no)
        if reason:
            q = q.where(CallbackItem.reason == reason)
        return list(s.scalars(q))


def test_new_account_enters_the_pool_and_leaves_when_called_back(
    seeded: Seed, cli, capsys, tmp_path: Path
) -> None:
    add_client(
        seeded.store, "002000", branch_id=1, manager_id=seeded.im1.id, open_date=TODAY - timedelta(days=5)
    )
    add_client(
        seeded.store, "002001", branch_id=1, manager_id=seeded.im1.id, open_date=TODAY - timedelta(days=45)
    )
    assert cli("callbacks", "generate", "--as-user", "bm") == 0
    assert "新开户回访 1" in capsys.readouterr().out
    [item] = _items(seeded, "002000", "new_account")
    assert item.due_date == date(2026, 12, 26)  # one month after opening on 26 November
    assert _items(seeded, "002001", "new_account") == []
    assert cli("callbacks", "list", "--status", "open", "--as-user", "cb01") == 0
    out = capsys.readouterr().out
    assert f"#{item.id}" in out and "002000" in out and "新开户回访" in out
    assert (
        cli(
            "callbacks",
            "record",
            str(item.id),
            "--outcome",
            "reached",
            "--answers",
            CLEAN,
            "--satisfaction",
            "5",
            "--recording",
            "REC-20261201-001",
            "--as-user",
            "cb01",
        )
        == 0
    )
    assert "已完成" in capsys.readouterr().out
    assert cli("callbacks", "list", "--status", "open", "--as-user", "cb01") == 0
    assert f"#{item.id} " not in capsys.readouterr().out
    assert cli("callbacks", "list", "--status", "done", "--as-user", "im1") == 0
    assert f"#{item.id} " in capsys.readouterr().out  # the manager sees that it happened and the outcome
    assert cli("callbacks", "generate", "--as-of", TODAY.isoformat(), "--as-user", "cb01") == 0
    assert "新增 0 项" in capsys.readouterr().out
    assert (
        cli(
            "callbacks",
            "record",
            str(item.id),
            "--outcome",
            "reached",
            "--answers",
            CLEAN,
            "--as-user",
            "cb01",
        )
        == 5
    )
    out_file = tmp_path / "cb.csv"
    assert cli("export", "callbacks", "--out", str(out_file), "--as-user", "bm") == 0
    rows = _rows(out_file)
    assert list(rows[0]) == [
        "id",
        "client_no",
        "reason",
        "due_date",
        "status",
        "outcome",
        "officer_login",
        "recorded_at",
    ]
    done = next(r for r in rows if r["id"] == str(item.id))
    assert (done["reason"], done["status"], done["outcome"], done["officer_login"]) == (
        "new_account",
        "done",
        "reached",
        "cb01",
    )
    assert {r["reason"] for r in rows} <= {"new_account", "sample", "departure", "reassignment", "complaint"}


def test_unreachable_closes_after_three_different_days(seeded: Seed, cli, capsys) -> None:
    add_client(
        seeded.store, "002000", branch_id=1, manager_id=seeded.im1.id, open_date=TODAY - timedelta(days=2)
    )
    assert cli("callbacks", "generate", "--as-user", "bm") == 0
    [item] = _items(seeded, "002000", "new_account")
    clock = current()
    assert isinstance(clock, FixedClock)
    for n, day in enumerate((TODAY, TODAY, TODAY + timedelta(days=1), TODAY + timedelta(days=2))):
        clock.set(day)
        assert (
            cli(
                "callbacks",
                "record",
                str(item.id),
                "--outcome",
                "unreachable",
                "--comment",
                "无人接听",
                "--as-user",
                "cb01",
            )
            == 0
        )
        status = _items(seeded, "002000", "new_account")[0].status
        assert status == ("done" if n == 3 else "open")
    assert _items(seeded, "002000", "new_account")[0].outcome == "unreachable"
    # answers belong to a reached client only
    add_client(seeded.store, "002001", branch_id=1, manager_id=seeded.im1.id, open_date=TODAY)
    assert cli("callbacks", "generate", "--as-user", "bm") == 0
    [other] = _items(seeded, "002001", "new_account")
    assert (
        cli(
            "callbacks",
            "record",
            str(other.id),
            "--outcome",
            "refused",
            "--answers",
            "identity=yes",
            "--as-user",
            "cb01",
        )
        == 3
    )
    assert (
        cli(
            "callbacks",
            "record",
            str(other.id),
            "--outcome",
            "reached",
            "--answers",
            "identity=maybe",
            "--as-user",
            "cb01",
        )
        == 3
    )
    err = capsys.readouterr().err
    assert "identity=maybe" in err and "risk_disclosed" in err


def test_sample_covers_every_manager_and_is_reproducible(seeded: Seed, cli, capsys) -> None:
    for i in range(40):
        add_client(
            seeded.store, f"003{i:03d}", branch_id=1, manager_id=seeded.im1.id if i < 28 else seeded.im2.id
        )
    for i in range(10):
        add_client(seeded.store, f"004{i:03d}", branch_id=1, manager_id=seeded.im2.id, status="dormant")
    assert cli("callbacks", "generate", "--as-user", "bm") == 0
    capsys.readouterr()
    first = _items(seeded, reason="sample")
    with seeded.store.read() as s:
        active = s.scalars(select(Client).where(Client.status == "active")).all()
        sample = s.scalars(select(CallbackSample)).one()
    non_dormant = {c.id for c in active}
    by_manager = {c.id: c.manager_id for c in active}
    picked = {i.client_id for i in first}
    assert picked <= non_dormant  # dormant clients are not sampled
    assert len(picked) >= 0.10 * len(non_dormant)
    assert {by_manager[c] for c in picked} == {seeded.im1.id, seeded.im2.id}  # every manager's book
    assert {i.due_date for i in first} == {date(2026, 12, 31)}  # the quarter's quota is due at quarter end
    assert sample.seed and sample.year == 2026 and len(sample.picks) == len(picked)
    assert cli("callbacks", "generate", "--as-user", "bm") == 0
    assert "新增 0 项" in capsys.readouterr().out
    assert [(i.id, i.client_id) for i in _items(seeded, reason="sample")] == [
        (i.id, i.client_id) for i in first
    ]


def test_investment_manager_and_former_servicing_officer_are_refused(seeded: Seed, cli, capsys) -> None:
    add_client(
        seeded.store, "002000", branch_id=1, manager_id=seeded.im1.id, open_date=TODAY - timedelta(days=3)
    )
    assert cli("callbacks", "generate", "--as-user", "bm") == 0
    [item] = _items(seeded, "002000", "new_account")
    capsys.readouterr()
    args = ["callbacks", "record", str(item.id), "--outcome", "reached", "--answers", CLEAN]
    assert cli(*args, "--as-user", "im1") == 4
    assert "投资经理不能记录回访" in capsys.readouterr().err
    assert cli(*args, "--as-user", "bm") == 4
    # cb02 served the client until three months ago
    with seeded.store.transaction() as s:
        cb02 = s.scalar(select(staff.Staff.id).where(staff.Staff.login == "cb02"))
        cid = (
            seeded.clients["002000"]
            if "002000" in seeded.clients
            else s.scalar(select(Client.id).where(Client.client_no == "002000"))
        )
        s.add(
            AssignmentHistory(
                client_id=cid,
                from_manager_id=None,
                to_manager_id=cb02,
                effective_at=datetime(2026, 6, 1, 2, tzinfo=UTC),
                reason="initial",
            )
        )
        s.add(
            AssignmentHistory(
                client_id=cid,
                from_manager_id=cb02,
                to_manager_id=seeded.im1.id,
                effective_at=datetime(2026, 9, 1, 2, tzinfo=UTC),
                reason="workload",
            )
        )
    assert cli(*args, "--as-user", "cb02") == 4
    assert "12 个月内曾服务或开发客户 002000" in capsys.readouterr().err
    # a touch cb01 recorded 13 months ago is outside the window; one 2 months ago is not
    add_touch(seeded.store, cid, None, "phone_call", TODAY - timedelta(days=400))
    with seeded.store.read() as s:
        assert s.scalars(select(CallbackRecord)).all() == []
    assert cli(*args, "--as-user", "cb01") == 0


def test_red_flag_opens_an_alert_for_the_branch_manager(seeded: Seed, cli, capsys, tmp_path: Path) -> None:
    add_client(
        seeded.store, "002000", branch_id=1, manager_id=seeded.im1.id, open_date=TODAY - timedelta(days=3)
    )
    assert cli("callbacks", "generate", "--as-user", "bm") == 0
    [item] = _items(seeded, "002000", "new_account")
    flagged = CLEAN.replace("proxy_trading=no", "proxy_trading=yes").replace(
        "risk_disclosed=yes", "risk_disclosed=否"
    )
    assert (
        cli(
            "callbacks",
            "record",
            str(item.id),
            "--outcome",
            "reached",
            "--answers",
            flagged,
            "--as-user",
            "cb01",
        )
        == 0
    )
    assert capsys.readouterr().out.count("红旗") == 2
    with seeded.store.read() as s:
        cases = s.scalars(select(AlertCase).order_by(AlertCase.id)).all()
        assert [(a.kind, a.status, a.manager_id) for a in cases] == [
            ("proxy_trading", "open", seeded.im1.id),
            ("risk_not_disclosed", "open", seeded.im1.id),
        ]
        assert s.scalars(
            select(Notification.kind).where(Notification.recipient_id == seeded.bm.id)
        ).all() == ["alert.opened", "alert.opened"]
    assert cli("notifications", "--as-user", "bm") == 0
    assert "回访红旗：客户 002000 疑似代客操作" in capsys.readouterr().out
    assert cli("alerts", "list", "--as-user", "bm") == 0
    out = capsys.readouterr().out
    assert "疑似代客操作" in out and "未揭示风险" in out and "002000" in out
    assert cli("alerts", "list", "--as-user", "im1") == 4
    assert cli("alerts", "close", str(cases[0].id), "--conclusion", " ", "--as-user", "bm") == 3
    assert (
        cli("alerts", "investigate", str(cases[0].id), "--note", "调取交易 IP 与录音", "--as-user", "bm") == 0
    )
    assert (
        cli(
            "alerts",
            "close",
            str(cases[0].id),
            "--conclusion",
            "查实为客户本人操作，已提醒",
            "--as-user",
            "bm",
        )
        == 0
    )
    assert cli("alerts", "close", str(cases[0].id), "--conclusion", "改结论", "--as-user", "bm") == 5
    out_file = tmp_path / "alerts.csv"
    assert cli("export", "alerts", "--out", str(out_file), "--as-user", "bm") == 0
    rows = _rows(out_file)
    assert list(rows[0]) == ["id", "client_no", "kind", "status", "opened_at"]
    assert sorted((r["kind"], r["status"]) for r in rows) == [
        ("proxy_trading", "closed"),
        ("risk_not_disclosed", "open"),
    ]
    with seeded.store.read() as s:
        actions = s.scalars(
            select(AuditLog.action).where(AuditLog.entity_type == "alert_case").order_by(AuditLog.id)
        ).all()
    assert actions == ["alert.open", "alert.open", "alert.investigate", "alert.close"]


def test_complaint_past_its_deadline_is_overdue(seeded: Seed, cli, capsys, tmp_path: Path) -> None:
    base = ["complaints", "add", "--client", "001000", "--summary", "经理未经同意替客户下单"]
    assert cli(*base, "--channel", "fax", "--category", "service", "--as-user", "im2") == 3
    assert (
        cli(
            *base,
            "--channel",
            "phone",
            "--category",
            "misconduct",
            "--received-at",
            "2026-11-02 09:30",
            "--as-user",
            "im2",
        )
        == 0
    )
    assert "2026-11-04 前告知受理，2026-11-23 前办结" in capsys.readouterr().out
    assert (
        cli(
            "complaints",
            "add",
            "--client",
            "001001",
            "--channel",
            "online",
            "--category",
            "fees",
            "--summary",
            "佣金偏高",
            "--as-user",
            "cb01",
        )
        == 0
    )
    capsys.readouterr()
    assert cli("complaints", "list", "--overdue", "--as-user", "bm") == 0
    out = capsys.readouterr().out
    assert "001000" in out and "逾期" in out and "001001" not in out
    assert cli("complaints", "list", "--as-user", "im1") == 0  # about im1 (the client's manager) by default
    assert "001000" in capsys.readouterr().out
    with seeded.store.read() as s:
        first, second = s.scalars(select(Complaint).order_by(Complaint.id)).all()
    assert first.about_manager_id == seeded.im1.id and second.about_manager_id is None
    assert cli("complaints", "assign", str(first.id), "--to", "im2", "--as-user", "im1") == 4
    assert cli("complaints", "assign", str(first.id), "--to", "nobody", "--as-user", "bm") == 3
    assert cli("complaints", "assign", str(first.id), "--to", "im2", "--as-user", "bm") == 0
    assert (
        cli(
            "complaints",
            "resolve",
            str(first.id),
            "--resolution",
            "已致歉并调查",
            "--accepted",
            "maybe",
            "--as-user",
            "im2",
        )
        == 3
    )
    assert (
        cli(
            "complaints",
            "resolve",
            str(first.id),
            "--resolution",
            "已致歉，经理停止代客操作并受到处分",
            "--accepted",
            "yes",
            "--as-user",
            "im2",
        )
        == 0
    )
    assert (
        cli(
            "complaints",
            "resolve",
            str(first.id),
            "--resolution",
            "再改",
            "--accepted",
            "no",
            "--as-user",
            "bm",
        )
        == 5
    )
    # resolved late still counts as overdue; the client is due a call-back within 7 days
    out_file = tmp_path / "complaints.csv"
    assert cli("export", "complaints", "--out", str(out_file), "--as-user", "bm") == 0
    rows = _rows(out_file)
    assert list(rows[0]) == [
        "id",
        "client_no",
        "channel",
        "category",
        "received_at",
        "due_date",
        "status",
        "handler_login",
        "overdue",
    ]
    assert [(r["client_no"], r["status"], r["handler_login"], r["overdue"]) for r in rows] == [
        ("001001", "open", "", "false"),
        ("001000", "resolved", "im2", "true"),
    ]
    [item] = _items(seeded, "001000", "complaint")
    assert item.due_date == TODAY + timedelta(days=7)
    report = tmp_path / "year.xlsx"
    assert cli("complaints", "report", "--year", "2026", "--out", str(report), "--as-user", "bm") == 0
    assert "投诉 2 件，办结 1 件，逾期 1 件" in capsys.readouterr().out
    import openpyxl

    wb = openpyxl.load_workbook(report)
    assert len(wb.sheetnames) == 2 and wb.worksheets[1].max_row == 3


def test_records_cannot_be_deleted_or_silently_changed(seeded: Seed, cli, capsys) -> None:
    add_client(
        seeded.store, "002000", branch_id=1, manager_id=seeded.im1.id, open_date=TODAY - timedelta(days=3)
    )
    assert cli("callbacks", "generate", "--as-user", "bm") == 0
    [item] = _items(seeded, "002000", "new_account")
    flagged = CLEAN.replace("promised_returns=no", "promised_returns=yes")
    assert (
        cli(
            "callbacks",
            "record",
            str(item.id),
            "--outcome",
            "reached",
            "--answers",
            flagged,
            "--as-user",
            "cb01",
        )
        == 0
    )
    assert (
        cli(
            "complaints",
            "add",
            "--client",
            "001000",
            "--channel",
            "visit",
            "--category",
            "other",
            "--summary",
            "营业厅排队时间长",
            "--as-user",
            "bm",
        )
        == 0
    )
    for model in (CallbackItem, CallbackRecord, CallbackSample, AlertCase, Complaint):
        table = model.__tablename__
        with pytest.raises(Exception, match=r"(?i)refused|kept"), seeded.store.transaction() as s:
            s.execute(text(f"DELETE FROM {table}"))
        with pytest.raises(Exception, match=r"(?i)refused|kept"), seeded.store.transaction() as s:
            s.execute(delete(model))
    with pytest.raises(Exception, match=r"(?i)refused|kept"), seeded.store.transaction() as s:
        s.execute(update(CallbackRecord).values(answers={"promised_returns": "no"}))
    with seeded.store.read() as s:
        rec = s.scalars(select(CallbackRecord)).one()
        assert rec.answers["promised_returns"] == "yes"
        assert s.scalar(select(AlertCase.kind)) == "promised_returns"
        assert len(s.scalars(select(Complaint)).all()) == 1
        # every state change left an audit row
        actions = set(s.scalars(select(AuditLog.action)))
    assert {"callbacks.generate", "callback.record", "alert.open", "complaint.add"} <= actions
