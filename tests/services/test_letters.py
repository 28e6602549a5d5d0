"""Letters service on SQLite and PostgreSQL: figures from the store, permissions, one client only,
record + touch + task closing + audit in one transaction, batches with failures and merged output."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from crm_desktop.db.models import AuditLog, LetterRecord, ServiceTask, Touch
from crm_desktop.errors import NotFound, PermissionDenied
from crm_desktop.services import letters
from tests.factories import Seed
from tests.letters.data import (
    AS_OF,
    EXPECTED,
    MAIN_CLIENT,
    OTHER_CLIENT,
    PERIOD,
    add_account_data,
    add_letter_task,
    add_score,
    pdf_text,
)
from tests.progress_helpers import Recorder


@pytest.fixture
def filled(seeded: Seed) -> Seed:
    add_account_data(seeded)
    add_score(seeded, MAIN_CLIENT)
    return seeded


def test_letter_figures_match_the_store(filled: Seed, tmp_path: Path) -> None:
    r = letters.generate_letter(
        filled.store, filled.im1, MAIN_CLIENT, as_of=AS_OF, comment="请关注持仓集中度。", out_dir=tmp_path
    )
    assert (r.period_start, r.period_end) == PERIOD
    assert r.path == tmp_path / f"{MAIN_CLIENT}_2026-10-15.pdf" and r.path.read_bytes() == r.pdf
    text = pdf_text(r.pdf)
    # period summary
    assert (
        EXPECTED["start"] + EXPECTED["end"] + EXPECTED["inflow"] + EXPECTED["pnl"] + EXPECTED["return"]
        in text
    )
    # trading summary, in table order: trades, buy, sell, turnover, commission
    assert (
        f"{EXPECTED['trades']}{EXPECTED['buy']}{EXPECTED['sell']}{EXPECTED['turnover']}"
        f"{EXPECTED['commission']}"
    ) in text
    # holdings: largest first with weights of the 450,000.00 securities value, unrealized P&L signed
    assert "600519贵州茅台食品饮料100180,000.0040.00%+30,000.00" in text
    assert "688981中芯国际电子1,000160,000.0035.56%+60,000.00" in text
    assert "300750宁德时代电力设备500110,000.0024.44%-10,000.00" in text
    assert text.index("贵州茅台") < text.index("中芯国际") < text.index("宁德时代")
    # allocation on the holdings date: cash 130,000 + main / ChiNext / STAR
    assert "现金130,000.0022.41%" in text and "科创板160,000.0027.59%" in text
    # header, client block (the assessment in words, never the internal grade), masked number, manager, comment
    assert "张三" in text and "客户号****00" in text and "V4" not in text and "白金" not in text
    assert "稳健型" in text and MAIN_CLIENT not in text
    assert "李投顾" in text and "请关注持仓集中度。" in text and "测试营业部" in text
    # engine findings phrased for the client; the behaviour hint never reaches a letter, nor does a re-test
    assert (
        "风险匹配" not in text and "重新" not in text and "churn" not in text.lower() and "流失" not in text
    )
    # the assessment stated as a fact, the STAR and ChiNext texts for what the client holds, the complaint line
    assert "风险承受能力评估结果为“稳健型”" in text and "科创板：您持有科创板股票" in text
    assert "创业板：您持有创业板股票" in text and "投诉电话" in text


def test_letter_holds_one_clients_data_only(filled: Seed) -> None:
    text = pdf_text(letters.generate_letter(filled.store, filled.im1, MAIN_CLIENT, as_of=AS_OF).pdf)
    for foreign in ("李四", "万科", "9,876,543.21", "9,877,777.77", "4,444,444.44", "777,777", "001001"):
        assert foreign not in text


def test_record_touch_task_and_audit_commit_together(filled: Seed) -> None:
    task_id = add_letter_task(filled, MAIN_CLIENT, date(2026, 10, 10))
    r = letters.generate_letter(filled.store, filled.im1, MAIN_CLIENT, as_of=AS_OF, comment="  寄语  ")
    with filled.store.read() as s:
        rec = s.get(LetterRecord, r.record_id)
        assert rec is not None
        assert (rec.as_of, rec.period_start, rec.period_end) == (AS_OF, *PERIOD)
        assert rec.file_name == "001000_2026-10-15.pdf" and rec.sha256 == r.sha256 and rec.pages == r.pages
        assert rec.size_bytes == len(r.pdf) and rec.comment == "寄语" and rec.generated_by_id == filled.im1.id
        touch = s.get(Touch, rec.touch_id)
        assert touch is not None and (touch.touch_type, touch.channel) == ("review_letter", "mail")
        task = s.get(ServiceTask, task_id)
        assert task is not None and task.status == "done" and task.completed_touch_id == touch.id
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "letter.generate")).all()
        assert len(audit) == 1 and audit[0].entity_id == str(rec.id)
        assert audit[0].details["client_no"] == MAIN_CLIENT and audit[0].details["sha256"] == r.sha256


def test_regenerating_gives_identical_bytes(filled: Seed) -> None:
    a = letters.generate_letter(filled.store, filled.im1, MAIN_CLIENT, as_of=AS_OF)
    b = letters.generate_letter(filled.store, filled.im1, MAIN_CLIENT, as_of=AS_OF)
    assert a.sha256 == b.sha256 and a.record_id != b.record_id


def test_manager_prints_own_clients_only_and_admin_none(filled: Seed) -> None:
    with pytest.raises(NotFound):
        letters.generate_letter(filled.store, filled.im2, MAIN_CLIENT, as_of=AS_OF)
    with pytest.raises(PermissionDenied):
        letters.generate_letter(filled.store, filled.admin, MAIN_CLIENT, as_of=AS_OF)
    # the branch manager may print for the whole branch
    r = letters.generate_letter(filled.store, filled.bm, MAIN_CLIENT, as_of=AS_OF)
    with filled.store.read() as s:
        assert (
            s.scalar(select(LetterRecord.manager_id).where(LetterRecord.id == r.record_id)) == filled.im1.id
        )
        assert s.scalar(select(LetterRecord.id).where(LetterRecord.generated_by_id == filled.im2.id)) is None


def test_failed_touch_leaves_nothing_behind(
    filled: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import crm_desktop.services.touches as touches

    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(touches, "record_touch_in_session", broken)
    with pytest.raises(RuntimeError):
        letters.generate_letter(filled.store, filled.im1, MAIN_CLIENT, as_of=AS_OF, out_dir=tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []
    with filled.store.read() as s:
        assert s.scalar(select(LetterRecord.id)) is None


def test_due_list_selection_and_history_respect_visibility(filled: Seed) -> None:
    add_letter_task(filled, MAIN_CLIENT, date(2026, 10, 1))
    add_letter_task(filled, "001004", date(2026, 10, 2), manager_id=filled.im2.id)
    add_letter_task(filled, OTHER_CLIENT, date(2026, 12, 1))  # not due yet
    assert [c.client_no for c in letters.due_letter_clients(filled.store, filled.im1, AS_OF)] == [MAIN_CLIENT]
    assert [c.client_no for c in letters.due_letter_clients(filled.store, filled.bm, AS_OF)] == [
        MAIN_CLIENT,
        "001004",
    ]
    assert letters.due_letter_clients(filled.store, filled.im1, AS_OF)[0].grade == "V4"
    assert [c.client_no for c in letters.select_letter_clients(filled.store, filled.bm, grades=["V4"])] == [
        MAIN_CLIENT
    ]
    assert len(letters.select_letter_clients(filled.store, filled.bm, manager_id=filled.im2.id)) == 2
    assert {m.login for m in letters.letter_managers(filled.store, filled.im1)} == {"im1"}
    assert {m.login for m in letters.letter_managers(filled.store, filled.bm)} == {"im1", "im2"}
    letters.generate_letter(filled.store, filled.im1, MAIN_CLIENT, as_of=AS_OF)
    assert [h.client_no for h in letters.letter_history(filled.store, filled.im1)] == [MAIN_CLIENT]
    assert letters.letter_history(filled.store, filled.im2) == []


def test_batch_reports_failures_goes_on_and_merges(filled: Seed, tmp_path: Path) -> None:
    add_letter_task(filled, MAIN_CLIENT, date(2026, 10, 1))
    recorder = Recorder()
    result = letters.generate_batch(
        filled.store,
        filled.im1,
        [MAIN_CLIENT, "001004", OTHER_CLIENT],
        tmp_path / "out",
        as_of=AS_OF,
        merged_path=tmp_path / "all.pdf",
        workers=1,
        progress=recorder,
    )
    seen = [(d, t) for d, t, _ in recorder.steps]
    assert [r.client_no for r in result.letters] == [MAIN_CLIENT, OTHER_CLIENT]
    assert [f.client_no for f in result.failures] == ["001004"]  # im2's client
    assert "001004" in result.failures[0].message
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "001000_2026-10-15.pdf",
        "001001_2026-10-15.pdf",
    ]
    merged = PdfReader(io.BytesIO((tmp_path / "all.pdf").read_bytes()))
    assert len(merged.pages) == sum(r.pages for r in result.letters)
    assert seen[-1] == (3, 3)
    with filled.store.read() as s:
        assert s.scalar(select(ServiceTask.status).where(ServiceTask.task_type == "review_letter")) == "done"
        assert len(s.scalars(select(LetterRecord)).all()) == 2


def test_batch_cancel_stops_handing_out_work(filled: Seed, tmp_path: Path) -> None:
    result = letters.generate_batch(
        filled.store,
        filled.im1,
        [MAIN_CLIENT, OTHER_CLIENT, "001002"],
        tmp_path,
        as_of=AS_OF,
        workers=1,
        progress=Recorder(cancel_at_check=2),
    )
    assert result.cancelled and [r.client_no for r in result.letters] == [MAIN_CLIENT]


def test_batch_on_worker_processes_matches_single_letters(seeded_sqlite: Seed, tmp_path: Path) -> None:
    add_account_data(seeded_sqlite)
    numbers = [MAIN_CLIENT, OTHER_CLIENT, "001002", "001003", "999999"]
    result = letters.generate_batch(
        seeded_sqlite.store, seeded_sqlite.im1, numbers, tmp_path, as_of=AS_OF, workers=2
    )
    assert [r.client_no for r in result.letters] == numbers[:4]
    assert [f.client_no for f in result.failures] == ["999999"]
    single = letters.generate_letter(seeded_sqlite.store, seeded_sqlite.im1, MAIN_CLIENT, as_of=AS_OF)
    assert (tmp_path / "001000_2026-10-15.pdf").read_bytes() == single.pdf
    assert result.stage_seconds["render"] > 0 and result.stage_seconds["gather"] > 0
