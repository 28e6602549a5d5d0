"""Suitability through the CLI on both backends: the four imports, the check at its boundaries, the
export's columns, warnings recorded in the app, and the administrator's correction."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crm_desktop.cli.main import main
from crm_desktop.db.models import (
    AuditLog,
    Client,
    Product,
    RiskProfile,
    RiskWarning,
    Security,
    ServiceTask,
    Touch,
)
from tests.factories import PASSWORD, Seed, add_client
from tests.fixed_clock import TODAY
from tests.importing.samples import SECURITIES_ZH, TRADES_ZH, write_csv

T = TODAY - timedelta(days=11)
D = lambda d: d.isoformat()  # noqa: E731


def crm(db: str, monkeypatch: pytest.MonkeyPatch, *args: str, user: str | None = "admin") -> int:
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    return main(["--db", db, *args, *(["--as-user", user] if user else [])])


def _load(seeded: Seed, db: str, tmp: Path, mp: pytest.MonkeyPatch) -> None:
    for no in ("001006", "001007"):
        add_client(seeded.store, no, branch_id=1, manager_id=seeded.im2.id)
    files = {
        "securities": write_csv(
            tmp / "sec.csv",
            SECURITIES_ZH,
            [
                ["600000", "浦发银行", "银行", "主板", ""],
                ["688001", "华兴源创", "电子", "科创板", ""],
                ["300750", "宁德时代", "电池", "创业板", ""],
                ["600001", "*ST 某某", "综合", "主板", ""],
            ],
        ),
        "products": write_csv(
            tmp / "产品.csv",
            ["产品代码", "产品名称", "产品类型", "风险等级"],
            [["510300", "沪深300ETF", "基金", "R2"], ["WM001", "稳盈一号", "理财", "R4"]],
        ),
        "risk-profiles": write_csv(
            tmp / "测评.csv",
            ["客户号", "风险等级", "最低类别", "测评日期", "有效期至", "投资者类别"],
            [
                ["001000", "C3", "否", "2026-01-10", "", "普通"],
                ["001001", "C3", "否", "2026-01-10", "", "普通"],
                ["001002", "C3", "否", "2026-01-10", "", "普通"],
                ["001003", "C1", "是", "2026-01-10", "", "普通"],
                ["001004", "C1", "否", "2026-01-10", "", "专业"],
                ["001005", "C4", "否", "2024-11-01", D(TODAY - timedelta(days=1)), "普通"],
                ["001006", "C4", "否", "2025-12-02", "", "普通"],
                ["001007", "C4", "否", "2025-12-01", "", "普通"],
            ],
        ),
        "permissions": write_csv(
            tmp / "权限.csv",
            ["客户号", "权限", "开通日期"],
            [
                ["001001", "科创板", D(T)],
                ["001002", "科创板", D(T + timedelta(days=1))],
                ["001004", "创业板", "2025-06-01"],
            ],
        ),
        "warnings": write_csv(
            tmp / "警示.csv",
            ["客户号", "产品代码", "权限", "确认日期", "方式", "凭证"],
            [
                ["001001", "688001", "", D(T), "电话录音", "REC-1"],
                ["001002", "688001", "", D(T + timedelta(days=1)), "电话录音", "REC-2"],
                ["001003", "510300", "", D(T), "临柜面签", "PAPER-3"],
            ],
        ),
        "trades": write_csv(
            tmp / "成交.csv",
            TRADES_ZH,
            [
                ["t1", "001000", D(T), "600000", "买入", "100", "10", "1000", "5"],
                ["t2", "001001", D(T), "688001", "买入", "100", "10", "1000", "5"],
                ["t3", "001002", D(T), "688001", "买入", "100", "10", "1000", "5"],
                ["t4", "001003", D(T), "510300", "买入", "100", "4", "400", "5"],
                ["t5", "001004", D(T), "300750", "买入", "100", "200", "20000", "5"],
                ["t6", "001005", D(T), "300750", "买入", "100", "200", "20000", "5"],
            ],
        ),
    }
    for kind in ("securities", "products", "risk-profiles", "permissions", "warnings", "trades"):
        assert crm(db, mp, "import", kind, str(files[kind])) == 0, kind


EXPECTED = [
    # C equal to R (001000): nothing. R one above, warned the same day (001001): warned.
    ["001001", "over_level", "688001", "R4", "C3", D(T), "yes"],
    # warned one day after, permission opened the day after (001002)
    ["001002", "no_permission", "688001", "", "", D(T), ""],
    ["001002", "over_level", "688001", "R4", "C3", D(T), "no"],
    # lowest category with a warning (001003); the professional investor (001004): nothing
    ["001003", "lowest_category", "510300", "R2", "C1", D(T), ""],
    # expired the day before the as-of date; ChiNext bought without the permission (001005)
    ["001005", "assessment_expired", "", "", "C4", "", ""],
    ["001005", "no_permission", "300750", "", "", D(T), ""],
    # 001006 valid until the as-of date + 1 day; 001007 valid until the as-of date itself: still valid
]


def test_imports_check_and_export(
    seeded: Seed,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _load(seeded, db_url, tmp_path, monkeypatch)
    with seeded.store.read() as s:
        # the listed ETF became a security (main board); the wealth product did not
        assert s.get(Security, "510300") is not None and s.get(Security, "WM001") is None
        assert s.get(Product, "WM001") is not None
        c = s.scalar(select(Client).where(Client.client_no == "001005"))
        assert c is not None and (c.risk_level, c.risk_assessed_on.isoformat()) == ("C4", "2024-11-01")
        p = s.scalar(select(RiskProfile).where(RiskProfile.client_id == seeded.clients["001000"]))
        assert p is not None and p.valid_until.isoformat() == "2028-01-10"  # two years by default
    capsys.readouterr()
    assert crm(db_url, monkeypatch, "suitability", "check", "--as-of", D(TODAY), user=None) == 0
    out = capsys.readouterr().out
    assert "适当性检查完成" in out
    csv_path = tmp_path / "out" / "suit.csv"
    assert crm(db_url, monkeypatch, "export", "suitability", "--out", str(csv_path), user="bm") == 0
    with csv_path.open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["client_no", "kind", "code", "product_level", "client_level", "trade_date", "warned"]
    assert sorted(rows[1:]) == sorted(EXPECTED)
    # who sees what: im2 manages only 001004..001007
    assert crm(db_url, monkeypatch, "export", "suitability", "--out", str(csv_path), user="im2") == 0
    with csv_path.open(encoding="utf-8-sig") as fh:
        assert {r[0] for r in list(csv.reader(fh))[1:]} == {"001005"}
    with seeded.store.read() as s:
        tasks = s.execute(
            select(ServiceTask.client_id, ServiceTask.source, ServiceTask.task_type).where(
                ServiceTask.source.in_(("suitability", "risk_reassessment"))
            )
        ).all()
    by_client = {(cid, src) for cid, src, _t in tasks}
    ids = seeded.clients
    # unwarned violations get a compliance task; a warned one does not
    assert (ids["001002"], "suitability") in by_client and (ids["001003"], "suitability") in by_client
    assert (ids["001001"], "suitability") not in by_client
    # expired and expiring within 30 days get an invitation task
    assert (ids["001005"], "risk_reassessment") in by_client
    # idempotent: a second import and a second check add nothing
    n_tasks = len(tasks)
    assert crm(db_url, monkeypatch, "import", "warnings", str(tmp_path / "警示.csv")) == 0
    assert "0 条新增，0 条变更，3 条未变" in capsys.readouterr().out
    assert crm(db_url, monkeypatch, "suitability", "check", "--as-of", D(TODAY), user=None) == 0
    with seeded.store.read() as s:
        assert (
            s.scalar(
                select(func.count())
                .select_from(ServiceTask)
                .where(ServiceTask.source.in_(("suitability", "risk_reassessment")))
            )
            == n_tasks
        )


def test_english_headers_and_bad_rows(
    seeded: Seed,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    good = write_csv(
        tmp_path / "p.csv",
        ["code", "name", "type", "risk_level"],
        [["WM9", "Wealth 9", "wealth", "R3"]],
        encoding="utf-8",
    )
    assert crm(db_url, monkeypatch, "import", "products", str(good)) == 0
    bad = write_csv(
        tmp_path / "rp.csv",
        ["client_no", "risk_level", "lowest_category", "assessed_on", "valid_until", "investor_class"],
        [
            ["001000", "C6", "no", "2026-01-01", "", "ordinary"],
            ["001001", "C2", "no", "2026-01-01", "2025-01-01", "ordinary"],
            ["009999", "C2", "no", "2026-01-01", "", "retail"],
        ],
        encoding="utf-8",
    )
    capsys.readouterr()
    assert crm(db_url, monkeypatch, "import", "risk-profiles", str(bad)) == 3
    err = capsys.readouterr().err
    assert "C1 保守型" in err and "有效期早于测评日期" in err and "客户号" in err
    with seeded.store.read() as s:
        assert s.scalar(select(func.count()).select_from(RiskProfile)) == 0  # all or nothing
    warn = write_csv(
        tmp_path / "w.csv",
        ["client_no", "product_code", "permission", "confirmed_on", "channel", "evidence"],
        [["001000", "WM9", "star", D(T), "online", "E1"]],
        encoding="utf-8",
    )
    assert crm(db_url, monkeypatch, "import", "warnings", str(warn)) == 3


def test_warning_add_records_a_touch_and_respects_the_backdating_rule(
    seeded: Seed,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _load(seeded, db_url, tmp_path, monkeypatch)
    args = [
        "warning",
        "add",
        "--client",
        "001002",
        "--product",
        "688001",
        "--channel",
        "phone_recorded",
        "--evidence",
        "REC-9",
    ]
    assert crm(db_url, monkeypatch, *args, "--confirmed-on", D(TODAY - timedelta(days=8)), user="im1") == 3
    assert "7" in capsys.readouterr().err
    assert crm(db_url, monkeypatch, *args, "--confirmed-on", D(TODAY + timedelta(days=1)), user="im1") == 3
    assert crm(db_url, monkeypatch, *args, "--confirmed-on", D(TODAY - timedelta(days=2)), user="im2") != 0
    assert crm(db_url, monkeypatch, *args, "--confirmed-on", D(TODAY - timedelta(days=2)), user="im1") == 0
    assert crm(db_url, monkeypatch, *args, "--confirmed-on", D(TODAY - timedelta(days=2)), user="im1") == 5
    with seeded.store.read() as s:
        w = s.scalar(select(RiskWarning).where(RiskWarning.evidence == "REC-9"))
        assert w is not None and w.touch_id is not None
        touch = s.get(Touch, w.touch_id)
        assert touch is not None and touch.touch_type == "risk_disclosure" and "688001" in touch.summary


def test_only_an_administrator_corrects_a_level_with_a_reason(
    seeded: Seed, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["suitability", "correct", "--client", "001000", "--level", "C2"]
    assert crm(db_url, monkeypatch, *args, "--reason", "与适当性系统核对", user="bm") == 4
    assert crm(db_url, monkeypatch, *args, "--reason", "与适当性系统核对", user="im1") == 4
    assert crm(db_url, monkeypatch, *args, "--reason", "", user="admin") == 3
    assert crm(db_url, monkeypatch, *args, "--reason", "与适当性系统核对，导入时错位", user="admin") == 0
    with seeded.store.read() as s:
        c = s.scalar(select(Client).where(Client.client_no == "001000"))
        assert c is not None and c.risk_level == "C2"
        log = s.scalar(select(AuditLog).where(AuditLog.action == "client.risk_level.correct"))
        assert log is not None and log.details["reason"] == "与适当性系统核对，导入时错位"
        assert log.details["before"]["level"] == "C3"


def test_a_manager_cannot_change_a_risk_level_through_a_touch(
    seeded: Seed, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = [
        "touch",
        "add",
        "--client",
        "001000",
        "--type",
        "risk_reassessment",
        "--channel",
        "phone",
        "--summary",
        "邀请客户在适当性系统中完成测评",
    ]
    assert crm(db_url, monkeypatch, *base, "--risk-level", "C5", user="im1") != 0
    with seeded.store.read() as s:
        c = s.scalar(select(Client).where(Client.client_no == "001000"))
        assert c is not None and c.risk_level == "C3"
