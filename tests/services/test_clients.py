"""The client book, the 360° view and audited reveal: visibility, masking, figures, on both backends."""

from __future__ import annotations

import csv
import math
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from crm_desktop.db.models import AuditLog
from crm_desktop.errors import InvalidInput, NotFound, PermissionDenied
from crm_desktop.reports import client_book
from crm_desktop.services import clients
from tests.factories import Seed
from tests.workspace_data import TODAY, add_workspace_data


@pytest.fixture
def ws(seeded: Seed) -> Seed:
    add_workspace_data(seeded)
    return seeded


def _rows(book: clients.ClientBook) -> dict[str, dict[str, object]]:
    return {r["client_no"]: r for r in book.frame.to_dict("records")}


def test_investment_manager_book_is_their_own(ws: Seed) -> None:
    book = clients.load_book(ws.store, ws.im1, today=TODAY)
    assert list(book.frame["client_no"]) == ["001000", "001001", "001002", "001003"]
    assert not book.show_manager and book.personal_data
    other = clients.load_book(ws.store, ws.im2, today=TODAY)
    assert list(other.frame["client_no"]) == ["001004", "001005"]


def test_branch_manager_sees_branch_with_managers(ws: Seed) -> None:
    book = clients.load_book(ws.store, ws.bm, today=TODAY)
    rows = _rows(book)
    assert len(rows) == 6 and book.show_manager
    assert rows["001004"]["manager_login"] == "im2" and rows["001004"]["manager_name"] == "赵经理"


def test_book_figures_from_latest_run_touches_and_tasks(ws: Seed) -> None:
    book = clients.load_book(ws.store, ws.bm, today=TODAY)
    assert book.scored and book.run_as_of == TODAY
    rows = _rows(book)
    r0 = rows["001000"]
    assert r0["grade"] == "V5" and r0["value_score"] == pytest.approx(92.5)
    assert r0["avg_assets"] == pytest.approx(8_200_000) and r0["commission_12m"] == pytest.approx(61_000)
    assert r0["churn_risk"] == "low" and r0["mismatch"] == 0.0 and r0["lifecycle"] == "mature"
    assert str(r0["last_touch"])[:10] == str(TODAY - timedelta(days=30))  # the later of two touches
    assert str(r0["next_due"])[:10] == str(TODAY + timedelta(days=10)) and not r0["overdue"]
    r1 = rows["001001"]
    assert r1["mismatch"] == 1.0 and r1["overdue"]  # the done task is ignored, the overdue one counts
    assert str(r1["next_due"])[:10] == str(TODAY - timedelta(days=3))
    # unscored clients show nothing rather than zeros
    r3 = rows["001003"]
    assert r3["grade"] == "" and math.isnan(float(r3["value_score"])) and math.isnan(float(r3["mismatch"]))
    assert str(r3["last_touch"]) == "NaT"


def test_unscored_store_has_no_fake_values(seeded: Seed) -> None:
    book = clients.load_book(seeded.store, seeded.im1)
    assert not book.scored and book.run_as_of is None
    assert book.frame["value_score"].isna().all() and (book.frame["grade"] == "").all()


def test_only_a_finished_run_counts(ws: Seed) -> None:
    from crm_desktop.db.models import ScoreRun

    with ws.store.transaction() as s:
        s.add(ScoreRun(as_of=TODAY, engine_version="test", config_hash="1" * 64, config_text=""))
    book = clients.load_book(ws.store, ws.im1, today=TODAY)
    assert _rows(book)["001000"]["grade"] == "V5"


def test_book_never_carries_full_phone(ws: Seed) -> None:
    book = clients.load_book(ws.store, ws.im1, today=TODAY)
    assert "phone" not in book.frame.columns
    assert set(book.frame["phone_tail"]) == {"5678"}
    blob = book.frame.to_csv()
    assert "13812345678" not in blob and "110105199001011234" not in blob


def test_admin_sees_numbers_but_no_personal_data(ws: Seed) -> None:
    book = clients.load_book(ws.store, ws.admin, today=TODAY)
    assert not book.personal_data
    assert set(book.frame["phone_tail"]) == {""}
    assert _rows(book)["001000"]["name"] == "张*"
    view = clients.load_client_view(ws.store, ws.admin, "001000", today=TODAY)
    assert view.profile.phone == "" and view.profile.id_number == "" and not view.profile.may_reveal
    with pytest.raises(PermissionDenied):
        clients.reveal_field(ws.store, ws.admin, "001000", "phone", "导入核对数据")


def test_360_view_masks_and_carries_the_relationship(ws: Seed) -> None:
    v = clients.load_client_view(ws.store, ws.im1, "001000", today=TODAY, lang="zh_CN")
    p = v.profile
    assert p.id_number == "110105********1234" and p.phone == "138****5678" and p.email == "z***@example.com"
    assert p.birth_date == "1990-**-**" and p.manager_name == "李投顾"
    assert v.score["grade"] == "V5" and v.run_as_of == TODAY
    assert v.reasons and "8,200,000" in v.reasons[0] and "V5" in v.reasons[0]
    # 12 months of snapshots, not the 400 days stored
    assert v.asset_series and (v.asset_series[-1][0] - v.asset_series[0][0]).days <= 365
    assert v.holdings_date == TODAY and [h.code for h in v.holdings][:1] == ["600519"]
    assert sum(h.weight for h in v.holdings) == pytest.approx(1.0)
    assert v.allocation == pytest.approx(
        {"main": 4_300_000, "chinext": 1_000_000, "star": 450_000, "cash": 1_500_000}
    )
    assert [t.touch_type for t in v.touches] == ["visit", "phone_call"]
    assert [t.task_type for t in v.open_tasks] == ["review_letter"]
    assert [lr.file_name for lr in v.letters] == ["001000_2025Q1.pdf"]
    assert v.assignments[0].to_manager == "李投顾" and v.assignments[0].reason == "initial"
    en = clients.load_client_view(ws.store, ws.im1, "001000", today=TODAY, lang="en")
    assert en.reasons[0].startswith("average daily assets")


def test_360_view_of_unscored_client_without_history(ws: Seed) -> None:
    v = clients.load_client_view(ws.store, ws.im1, "001003", today=TODAY)
    assert v.score == {} and v.reasons == [] and v.asset_series == [] and v.holdings == []
    assert v.allocation == {} and v.touches == [] and v.open_tasks == []


def test_manager_cannot_open_or_reveal_another_managers_client(ws: Seed) -> None:
    with pytest.raises(NotFound):
        clients.load_client_view(ws.store, ws.im1, "001004")
    with pytest.raises(NotFound):
        clients.reveal_field(ws.store, ws.im1, "001004", "phone", "回访前核对")
    # unknown and not-yours look the same
    with pytest.raises(NotFound) as unknown:
        clients.load_client_view(ws.store, ws.im1, "999999")
    assert "999999" in unknown.value.message
    with ws.store.read() as s:
        assert s.scalars(select(AuditLog).where(AuditLog.action == "client.reveal")).all() == []


def test_reveal_needs_reason_and_is_audited(ws: Seed) -> None:
    with pytest.raises(InvalidInput):
        clients.reveal_field(ws.store, ws.im1, "001000", "phone", "  ")
    with pytest.raises(InvalidInput):
        clients.reveal_field(ws.store, ws.im1, "001000", "name_xx", "回访前核对")
    assert clients.reveal_field(ws.store, ws.im1, "001000", "phone", "回访前核对电话") == "13812345678"
    assert (
        clients.reveal_field(ws.store, ws.im1, "001000", "id_number", "开户资料复核") == "110105199001011234"
    )
    assert clients.reveal_field(ws.store, ws.bm, "001000", "birth_date", "生日祝福安排") == "1990-01-01"
    with ws.store.read() as s:
        rows = s.scalars(
            select(AuditLog).where(AuditLog.action == "client.reveal").order_by(AuditLog.id)
        ).all()
    assert [(r.actor_id, r.entity_id, r.details["field"]) for r in rows] == [
        (ws.im1.id, "001000", "phone"),
        (ws.im1.id, "001000", "id_number"),
        (ws.bm.id, "001000", "birth_date"),
    ]
    assert rows[0].details["reason"] == "回访前核对电话"


def test_export_is_the_visible_book_with_bom(ws: Seed, tmp_path: Path) -> None:
    out = tmp_path / "book.csv"
    assert client_book.export_clients(ws.store, ws.im1, out) == 4
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [r["client_no"] for r in rows] == ["001000", "001001", "001002", "001003"]
    assert {"client_no", "name", "manager_login", "grade", "value_score", "churn_risk", "status"} <= set(
        rows[0]
    )
    assert rows[0]["grade"] == "V5" and rows[0]["value_score"] == "92.5" and rows[0]["manager_login"] == "im1"
    assert rows[3]["grade"] == "" and rows[3]["value_score"] == ""
    assert "001004" not in raw.decode("utf-8-sig")
    with ws.store.read() as s:
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "clients.export")).one()
    assert audit.actor_id == ws.im1.id and audit.details["rows"] == 4


def test_export_xlsx_and_bad_suffix(ws: Seed, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "book.xlsx"
    assert client_book.export_clients(ws.store, ws.admin, out) == 6
    ws_ = load_workbook(out).active
    values = list(ws_.iter_rows(values_only=True))
    assert values[0][0] == "client_no" and values[1][1] == "张*"
    with pytest.raises(InvalidInput):
        client_book.export_clients(ws.store, ws.im1, tmp_path / "book.txt")


def test_first_screen_is_the_first_clients_with_their_figures(ws: Seed) -> None:
    part = clients.load_book(ws.store, ws.bm, today=TODAY, limit=2)
    assert part.partial and list(part.frame["client_no"]) == ["001000", "001001"]
    whole = clients.load_book(ws.store, ws.bm, today=TODAY)
    assert not whole.partial
    assert part.frame.to_dict("records") == whole.frame.iloc[:2].to_dict("records")
    # a limit above the book's size is simply the whole book
    assert not clients.load_book(ws.store, ws.im2, today=TODAY, limit=200).partial
