"""The import use case on SQLite and PostgreSQL: all or nothing, idempotent, permissions, side effects."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from crm_desktop.db.models import (
    AssetSnapshot,
    AssignmentHistory,
    AuditLog,
    Client,
    Holding,
    ImportLog,
    Security,
    Staff,
    Trade,
)
from crm_desktop.db.store import Store
from crm_desktop.errors import Cancelled, InvalidInput, PermissionDenied
from crm_desktop.services import staff as staff_service
from crm_desktop.services.importing import ImportRejected, import_history, run_import
from tests.factories import Seed
from tests.fixed_clock import TODAY
from tests.importing.samples import (
    ASSETS_ZH,
    CLIENTS_ROWS,
    CLIENTS_ZH,
    HOLDINGS_ZH,
    SECURITIES_ROWS,
    SECURITIES_ZH,
    STAFF_ROWS,
    STAFF_ZH,
    TRADES_ROWS,
    TRADES_ZH,
    write_csv,
    write_xlsx,
)
from tests.progress_helpers import Recorder


def _count(store: Store, model: type) -> int:
    with store.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _securities(seed: Seed, tmp_path: Path) -> None:
    run_import(
        seed.store, seed.admin, "securities", write_csv(tmp_path / "sec.csv", SECURITIES_ZH, SECURITIES_ROWS)
    )


def test_trades_gbk_chinese_headers_idempotent(seeded: Seed, tmp_path: Path) -> None:
    _securities(seeded, tmp_path)
    path = write_csv(tmp_path / "成交.csv", TRADES_ZH, TRADES_ROWS)
    r = run_import(seeded.store, seeded.admin, "trades", path)
    assert (r.status, r.rows_new, r.rows_changed, r.rows_unchanged, r.encoding) == (
        "committed",
        4,
        0,
        0,
        "GBK",
    )
    with seeded.store.read() as s:
        t = {x.trade_id: x for x in s.scalars(select(Trade))}
    assert t["T0001"].quantity == Decimal("1000") and t["T0001"].amount == Decimal("10500.00")
    assert t["T0001"].code == "000001" and t["T0001"].side == "buy"
    assert t["T0002"].price == Decimal("200.1234") and t["T0002"].trade_date == date(2024, 1, 8)
    assert t["T0004"].trade_date == date(1899, 12, 30) + timedelta(days=45300)
    assert t["T0004"].commission == Decimal("0")

    again = run_import(seeded.store, seeded.admin, "trades", path)
    assert (again.rows_new, again.rows_changed, again.rows_unchanged) == (0, 0, 4)
    assert "0 条新增，0 条变更，4 条未变" in again.summary()

    rows = [list(x) for x in TRADES_ROWS]
    rows[1][8] = "6.50"
    rows.append(["T0005", "001003", "2024-01-10", "000001", "买入", "100", "10", "1000", "5"])
    changed = run_import(
        seeded.store, seeded.admin, "trades", write_csv(tmp_path / "t2.csv", TRADES_ZH, rows)
    )
    assert (changed.rows_new, changed.rows_changed, changed.rows_unchanged) == (1, 1, 3)
    with seeded.store.read() as s:
        assert s.scalar(select(Trade.commission).where(Trade.trade_id == "T0002")) == Decimal("6.50")
        logs = s.scalars(select(ImportLog).where(ImportLog.kind == "trades").order_by(ImportLog.id)).all()
        assert [(x.status, x.rows_new, x.rows_changed, x.rows_unchanged) for x in logs] == [
            ("committed", 4, 0, 0),
            ("committed", 0, 0, 4),
            ("committed", 1, 1, 3),
        ]
        assert (
            logs[0].user_id == seeded.admin.id
            and len(logs[0].sha256) == 64
            and logs[0].file_name == "成交.csv"
        )
        audits = s.scalars(select(AuditLog).where(AuditLog.action == "import.commit")).all()
        assert len(audits) == 4 and audits[-1].details["new"] == 1


def test_fast_and_row_paths_agree(seeded: Seed, tmp_path: Path) -> None:
    """The same trades from CSV (column-wise path) and .xlsx (row path) are the same rows."""
    _securities(seeded, tmp_path)
    run_import(seeded.store, seeded.admin, "trades", write_csv(tmp_path / "t.csv", TRADES_ZH, TRADES_ROWS))
    xlsx = write_xlsx(tmp_path / "t.xlsx", TRADES_ZH, TRADES_ROWS)
    r = run_import(seeded.store, seeded.admin, "trades", xlsx)
    assert (r.rows_new, r.rows_changed, r.rows_unchanged) == (0, 0, 4)


def test_odd_formats_take_the_exact_path(seeded: Seed, tmp_path: Path) -> None:
    _securities(seeded, tmp_path)
    rows = [
        ["T1", " 001000 ", "2024-01-05", '="000001"', "买入", "1 000", "10.123456", "10,123.46", "5"],
        ["T2", "001000", "2024-01-05", "000001", "卖出", "100", "10", "1000", "5.005"],
    ]
    r = run_import(
        seeded.store, seeded.admin, "trades", write_csv(tmp_path / "t.csv", TRADES_ZH, rows, "utf-8")
    )
    assert r.rows_new == 2
    with seeded.store.read() as s:
        t1 = s.scalar(select(Trade).where(Trade.trade_id == "T1"))
        t2 = s.scalar(select(Trade).where(Trade.trade_id == "T2"))
    assert t1 is not None and t2 is not None
    assert (t1.code, t1.quantity, t1.price) == ("000001", Decimal("1000"), Decimal("10.1235"))
    assert t2.commission == Decimal("5.01")  # rounded half up to fen, on both backends
    again = run_import(seeded.store, seeded.admin, "trades", tmp_path / "t.csv")
    assert again.rows_unchanged == 2


def test_any_error_writes_nothing_and_reports_every_row(seeded: Seed, tmp_path: Path) -> None:
    _securities(seeded, tmp_path)
    before = _count(seeded.store, Trade)
    rows = [
        ["T1", "001000", "2024-01-05", "000001", "买入", "100", "10", "1000", "5"],  # fine
        ["T2", "001000", "2024-01-05", "000001", "买入", "-100", "10", "1000", "5"],  # negative
        ["T3", "999999", "2024-01-05", "000001", "买入", "100", "10", "1000", "5"],  # unknown client
        ["T4", "001000", "2024-01-05", "123456", "买入", "100", "10", "1000", "5"],  # unknown security
        ["T5", "001000", "2024-02-30", "000001", "买入", "100", "10", "1000", "5"],  # no such day
        ["T6", "001000", "2024-01-05", "000001", "持有", "100", "10", "1000", "5"],  # side
        [],
        ["T1", "001001", "2024-01-05", "000001", "卖出", "100", "10", "1000", "5"],  # duplicate key of row 2
    ]
    path = write_csv(tmp_path / "bad.csv", [*TRADES_ZH, "备注"], rows)
    with pytest.raises(ImportRejected) as ei:
        run_import(seeded.store, seeded.admin, "trades", path)
    res = ei.value.result
    assert ei.value.exit_code == 3 and res.status == "rejected"
    got = [(e.row, e.column) for e in res.errors]
    assert got == [
        (3, "成交数量"),
        (4, "客户号"),
        (5, "证券代码"),
        (6, "成交日期"),
        (7, "买卖方向"),
        (9, "成交日期 + 成交编号"),
    ]
    assert "第 2 行" in res.errors[-1].reason
    assert res.warnings and "备注" in res.warnings[0]
    assert res.report_path == tmp_path / "bad.errors.csv"
    with res.report_path.open(encoding="utf-8-sig") as f:
        report = list(csv.reader(f))
    assert (
        report[0] == ["行号", "列", "值", "原因"]
        and len(report) == 7
        and report[1][:3] == ["3", "成交数量", "'-100"]  # text cells are spreadsheet-safe (issue 20)
    )
    assert _count(seeded.store, Trade) == before
    with seeded.store.read() as s:
        log = s.scalar(select(ImportLog).order_by(ImportLog.id.desc()))
        assert log is not None and (log.status, log.error_count) == ("rejected", 6)


def test_missing_columns_and_empty_files(seeded: Seed, tmp_path: Path) -> None:
    with pytest.raises(ImportRejected) as ei:
        run_import(
            seeded.store,
            seeded.admin,
            "trades",
            write_csv(tmp_path / "a.csv", ["成交编号", "客户号"], [["1", "2"]]),
            report_path=tmp_path / "r.csv",
        )
    assert {e.row for e in ei.value.result.errors} == {1}
    assert (tmp_path / "r.csv").exists()
    with pytest.raises(ImportRejected, match="1 处错误"):
        run_import(seeded.store, seeded.admin, "securities", write_csv(tmp_path / "e.csv", SECURITIES_ZH, []))


def test_dry_run_counts_and_writes_nothing(seeded: Seed, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "sec.csv", SECURITIES_ZH, SECURITIES_ROWS)
    r = run_import(seeded.store, seeded.admin, "securities", path, dry_run=True)
    assert (r.status, r.rows_new) == ("dry_run", 4)
    assert _count(seeded.store, Security) == 0
    with seeded.store.read() as s:
        assert s.scalar(select(ImportLog.status)) == "dry_run"
    _securities(seeded, tmp_path)
    trades = write_csv(tmp_path / "t.csv", TRADES_ZH, TRADES_ROWS)
    r = run_import(seeded.store, seeded.admin, "trades", trades, dry_run=True)
    assert (r.status, r.rows_new, r.rows_changed) == ("dry_run", 4, 0)
    assert _count(seeded.store, Trade) == 0
    run_import(seeded.store, seeded.admin, "trades", trades)
    rows = [list(x) for x in TRADES_ROWS]
    rows[0][6] = "10.60"
    r = run_import(
        seeded.store, seeded.admin, "trades", write_csv(tmp_path / "t2.csv", TRADES_ZH, rows), dry_run=True
    )
    assert (r.rows_new, r.rows_changed, r.rows_unchanged) == (0, 1, 3)
    with seeded.store.read() as s:
        assert s.scalar(select(Trade.price).where(Trade.trade_id == "T0001")) == Decimal("10.5")


def test_chunks_duplicates_and_blank_rows(seeded: Seed, tmp_path: Path) -> None:
    _securities(seeded, tmp_path)
    rows = [[f"T{i}", "001000", "2024-01-05", "000001", "买入", "100", "10", "1000", "5"] for i in range(25)]
    rows.insert(10, [""] * 9)
    rows.append(["T3", "001001", "2024-01-05", "600519", "卖出", "1", "1", "1", "1"])
    path = write_csv(tmp_path / "t.csv", TRADES_ZH, rows)
    with pytest.raises(ImportRejected) as ei:
        run_import(seeded.store, seeded.admin, "trades", path, chunk_rows=4)
    assert [(e.row, e.value) for e in ei.value.result.errors] == [(28, "2024-01-05 / T3")]
    assert "第 5 行" in ei.value.result.errors[0].reason
    del rows[-1]
    r = run_import(
        seeded.store, seeded.admin, "trades", write_csv(tmp_path / "t.csv", TRADES_ZH, rows), chunk_rows=4
    )
    assert (r.rows_total, r.rows_new) == (25, 25)


def test_permissions(seeded: Seed, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "sec.csv", SECURITIES_ZH, SECURITIES_ROWS)
    with pytest.raises(PermissionDenied):
        run_import(seeded.store, seeded.im1, "securities", path)
    assert run_import(seeded.store, seeded.bm, "securities", path).rows_new == 4
    staff_service.add_branch(seeded.store, seeded.admin, "B002", "另一营业部")
    bad_staff = write_csv(
        tmp_path / "s.csv",
        STAFF_ZH,
        [
            ["boss", "新管理员", "管理员", "", "", "", "是"],
            ["x1", "外部", "投资经理", "B002", "", "", "是"],
            ["admin", "管理员", "管理员", "B001", "", "", "是"],
        ],
    )
    with pytest.raises(ImportRejected) as ei:
        run_import(seeded.store, seeded.bm, "staff", bad_staff)
    assert [e.row for e in ei.value.result.errors] == [2, 3, 4, 4]
    other = write_csv(tmp_path / "c.csv", CLIENTS_ZH, [[*CLIENTS_ROWS[0][:10], "B002", "", "正常"]])
    with pytest.raises(ImportRejected, match="1 处错误"):
        run_import(seeded.store, seeded.bm, "clients", other)
    assert len(import_history(seeded.store, seeded.bm)) >= 3
    with pytest.raises(PermissionDenied):
        import_history(seeded.store, seeded.im1)


def test_clients_assignment_history_and_versions(seeded: Seed, tmp_path: Path) -> None:
    rows = [list(r) for r in CLIENTS_ROWS]
    rows.append(
        [
            "001000",
            "张三",
            "个人",
            "110105199001011234",
            "13812345678",
            "zhang@example.com",
            "1990-01-01",
            "2020-01-02",
            "C4",
            "2025-01-01",
            "B001",
            "im2",
            "正常",
        ]
    )
    path = write_xlsx(tmp_path / "clients.xlsx", CLIENTS_ZH, rows)
    r = run_import(seeded.store, seeded.admin, "clients", path)
    assert (r.rows_new, r.rows_changed, r.rows_unchanged) == (3, 1, 0)
    with seeded.store.read() as s:
        c = s.scalar(select(Client).where(Client.client_no == "001000"))
        assert c is not None and (c.manager_id, c.risk_level, c.version, c.assigned_on) == (
            seeded.im2.id,
            "C4",
            2,
            TODAY,
        )
        new = s.scalar(select(Client).where(Client.client_no == "009002"))
        assert new is not None and (new.client_type, new.risk_level, new.manager_id) == (
            "institution",
            "C5",
            seeded.im2.id,
        )
        unassigned = s.scalar(select(Client).where(Client.client_no == "009003"))
        assert unassigned is not None and (
            unassigned.status,
            unassigned.manager_id,
            unassigned.assigned_on,
        ) == ("dormant", None, None)
        hist = s.execute(
            select(
                AssignmentHistory.client_id,
                AssignmentHistory.from_manager_id,
                AssignmentHistory.to_manager_id,
                AssignmentHistory.reason,
            )
        ).all()
    assert (seeded.clients["001000"], seeded.im1.id, seeded.im2.id, "import") in hist
    assert len(hist) == 3  # 001000 moved, 009001 and 009002 assigned
    again = run_import(seeded.store, seeded.admin, "clients", path)
    assert (again.rows_new, again.rows_changed, again.rows_unchanged) == (0, 0, 4)
    assert _count(seeded.store, AssignmentHistory) == 3


def test_clients_manager_checks(seeded: Seed, tmp_path: Path) -> None:
    staff_service.add_branch(seeded.store, seeded.admin, "B002", "另一营业部")
    staff_service.add_user(
        seeded.store,
        seeded.admin,
        "far",
        role="investment_manager",
        display_name="远",
        branch_code="B002",
        password=None,
    )
    rows = [[*CLIENTS_ROWS[0][:11], login, "正常"] for login in ("nobody", "admin", "far")]
    for i, r in enumerate(rows):
        r[0] = f"00900{i}"
    with pytest.raises(ImportRejected) as ei:
        run_import(seeded.store, seeded.admin, "clients", write_csv(tmp_path / "c.csv", CLIENTS_ZH, rows))
    assert [(e.row, e.column) for e in ei.value.result.errors] == [
        (2, "投资经理工号"),
        (3, "投资经理工号"),
        (4, "投资经理工号"),
    ]


def test_staff_import(seeded: Seed, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "staff.csv", STAFF_ZH, STAFF_ROWS)
    r = run_import(seeded.store, seeded.admin, "staff", path)
    assert r.rows_new == 2
    with seeded.store.read() as s:
        im3 = s.scalar(select(Staff).where(Staff.login == "im3"))
        assert im3 is not None
        assert (im3.password_hash, im3.role, im3.hire_date, im3.active) == (
            None,
            "investment_manager",
            date(2021, 5, 10),
            True,
        )
        assert im3.qualifications == ["securities_practitioner", "investment_adviser"]
    assert run_import(seeded.store, seeded.admin, "staff", path).rows_unchanged == 2
    leave = write_csv(
        tmp_path / "leave.csv",
        ["login", "name", "role", "branch_code", "active"],
        [["im3", "钱投顾", "investment_manager", "B001", "否"]],
        encoding="utf-8",
    )
    r = run_import(seeded.store, seeded.admin, "staff", leave)
    assert r.rows_changed == 1
    with seeded.store.read() as s:
        im3 = s.scalar(select(Staff).where(Staff.login == "im3"))
        assert im3 is not None and not im3.active and im3.version == 2
        assert im3.qualifications == ["securities_practitioner", "investment_adviser"]  # column absent: kept
    me = write_csv(
        tmp_path / "me.csv",
        ["login", "name", "role", "active"],
        [["admin", "管理员", "admin", "否"]],
        encoding="utf-8",
    )
    with pytest.raises(ImportRejected):
        run_import(seeded.store, seeded.admin, "staff", me)


def test_assets_and_holdings(seeded: Seed, tmp_path: Path) -> None:
    _securities(seeded, tmp_path)
    assets = write_csv(
        tmp_path / "a.csv",
        ASSETS_ZH,
        [
            ["001000", "2024-01-31", "1,000.50", "9,000", "10,000.50", "-500"],
            ["001000", "2024-02-29", "0", "0", "0", ""],
        ],
    )
    assert run_import(seeded.store, seeded.admin, "assets", assets).rows_new == 2
    holdings = write_csv(
        tmp_path / "h.csv",
        HOLDINGS_ZH,
        [
            ["001000", "2024-01-31", "000001", "1000", "9500", "9000"],
            ["001000", "2024-01-31", "300750", "10", "2000", "1900"],
        ],
    )
    assert run_import(seeded.store, seeded.admin, "holdings", holdings).rows_new == 2
    with seeded.store.read() as s:
        snap = s.get(AssetSnapshot, (seeded.clients["001000"], date(2024, 1, 31)))
        assert snap is not None and (snap.cash, snap.net_inflow) == (Decimal("1000.50"), Decimal("-500"))
        assert s.get(AssetSnapshot, (seeded.clients["001000"], date(2024, 2, 29))).net_inflow == 0  # type: ignore[union-attr]
        assert s.scalar(select(func.count()).select_from(Holding)) == 2
    assert run_import(seeded.store, seeded.admin, "assets", assets).rows_unchanged == 2
    assert run_import(seeded.store, seeded.admin, "holdings", holdings).rows_unchanged == 2


def test_bulk_path_keeps_foreign_keys(seeded: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On PostgreSQL big batches drop and re-add the foreign keys; the constraints must end up as before."""
    from crm_desktop.importing import writers

    monkeypatch.setattr(writers, "_BULK_ROWS", 2)
    _securities(seeded, tmp_path)
    r = run_import(
        seeded.store, seeded.admin, "trades", write_csv(tmp_path / "t.csv", TRADES_ZH, TRADES_ROWS)
    )
    assert r.rows_new == 4
    with seeded.store.read() as s:
        if seeded.store.dialect == "postgresql":
            defs = sorted(
                s.execute(
                    text(
                        "SELECT conname FROM pg_constraint WHERE conrelid = to_regclass('trade') AND contype = 'f'"
                    )
                ).scalars()
            )
            assert defs == ["fk_trade_client_id_client", "fk_trade_code_security"]
    # the re-added constraint is enforced
    with pytest.raises(IntegrityError), seeded.store.transaction() as s:
        s.execute(
            text(
                "INSERT INTO trade (trade_id, trade_date, client_id, code, side, quantity, price, amount, "
                "commission) VALUES ('X', '2024-01-05', 999999, '000001', 'buy', 1, 1, 1, 0)"
            )
        )


def test_cancel_leaves_the_store_as_before(seeded: Seed, tmp_path: Path) -> None:
    _securities(seeded, tmp_path)
    rows = [[f"T{i}", "001000", "2024-01-05", "000001", "买入", "100", "10", "1000", "5"] for i in range(50)]
    path = write_csv(tmp_path / "t.csv", TRADES_ZH, rows)
    logs_before = _count(seeded.store, ImportLog)
    with pytest.raises(Cancelled, match=r"导入已取消|import was cancelled") as caught:
        run_import(
            seeded.store, seeded.admin, "trades", path, chunk_rows=10, progress=Recorder(cancel_at_check=3)
        )
    assert caught.value.exit_code == 130
    assert _count(seeded.store, Trade) == 0
    assert _count(seeded.store, ImportLog) == logs_before
    # and the connection is healthy afterwards
    assert run_import(seeded.store, seeded.admin, "trades", path).rows_new == 50


def test_progress_is_reported(seeded: Seed, tmp_path: Path) -> None:
    seen = Recorder()
    run_import(
        seeded.store,
        seeded.admin,
        "securities",
        write_csv(tmp_path / "s.csv", SECURITIES_ZH, SECURITIES_ROWS),
        progress=seen,
    )
    shares = [d / t for d, t, _ in seen.steps]
    assert shares == sorted(shares) and shares[-1] == 1.0 and seen.checks > 0


def test_wrong_kind_for_file(seeded: Seed, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput):
        run_import(seeded.store, seeded.admin, "orders", tmp_path / "x.csv")


def test_a_row_reports_bad_cells_and_bad_references_together(seeded: Seed, tmp_path: Path) -> None:
    _securities(seeded, tmp_path)
    rows = [["T1", "888888", "2024-02-31", "999999", "买入", "100", "10", "1000", "5"]]
    with pytest.raises(ImportRejected) as ei:
        run_import(seeded.store, seeded.admin, "trades", write_csv(tmp_path / "t.csv", TRADES_ZH, rows))
    assert [(e.row, e.column) for e in ei.value.result.errors] == [
        (2, "成交日期"),
        (2, "客户号"),
        (2, "证券代码"),
    ]
    clients = [["009001", "周一", "", "", "", "", "", "昨天", "", "", "B404", "nobody", ""]]
    with pytest.raises(ImportRejected) as ei:
        run_import(seeded.store, seeded.admin, "clients", write_csv(tmp_path / "c.csv", CLIENTS_ZH, clients))
    assert [e.column for e in ei.value.result.errors] == ["开户日期", "营业部代码", "投资经理工号"]


def test_staff_qualifications_in_back_office_spellings(
    seeded: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [
        ["im5", "周投顾", "客户经理", "B001", "2020-03-01", "证券从业资格；投资顾问资格", "是"],
        ["im6", "吴投顾", "投资经理", "B001", "2020-03-01", "投顾、基金从业", "是"],
        ["im7", "郑投顾", "investment_manager", "B001", "2020-03-01", "IA证书", "是"],
    ]
    path = write_csv(tmp_path / "staff.csv", STAFF_ZH, rows)
    with pytest.raises(ImportRejected) as ei:
        run_import(seeded.store, seeded.admin, "staff", path)
    assert [(e.row, e.column, e.value) for e in ei.value.result.errors] == [(4, "资格", "IA证书")]
    assert "investment_adviser" in ei.value.result.errors[0].reason  # the message lists what is accepted
    branch = tmp_path / "branch_aliases.toml"
    branch.write_text('[qualification]\ninvestment_adviser = ["IA证书"]\n', encoding="utf-8")
    monkeypatch.setenv("CRM_IMPORT_ALIASES", str(branch))
    r = run_import(seeded.store, seeded.admin, "staff", path)
    assert r.rows_new == 3
    with seeded.store.read() as s:
        quals = dict(
            s.execute(
                select(Staff.login, Staff.qualifications).where(Staff.login.in_(["im5", "im6", "im7"]))
            ).all()
        )
    assert quals == {
        "im5": ["securities_practitioner", "investment_adviser"],
        "im6": ["investment_adviser", "fund_practitioner"],
        "im7": ["investment_adviser"],
    }
