"""The client's address (联系地址, issue #20): imported with the client file, sealed at rest on both backends,
masked in the 360° view, revealed with a reason (audited), never shown to administrators."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from crm_desktop.db import pii
from crm_desktop.db.models import AuditLog
from crm_desktop.errors import PermissionDenied
from crm_desktop.masking import mask_address
from crm_desktop.services import clients, pii_keys
from crm_desktop.services.importing import ImportRejected, run_import
from tests.factories import Seed

ADDRESS = "北京市西城区金融大街2号3单元"
HEADER = "客户号,客户姓名,证件号码,手机号码,联系地址,开户日期,营业部代码,投资经理工号\n"


def _write(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_text(header + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def _raw_address(seed: Seed, client_no: str) -> str | None:
    with seed.store.engine.connect() as conn:
        value: str | None = conn.execute(
            text("SELECT address FROM client WHERE client_no = :n"), {"n": client_no}
        ).scalar_one()
    return value


def test_address_sealed_at_rest_and_revealed_with_reason(seeded: Seed) -> None:
    raw = _raw_address(seeded, "001000")
    assert raw is not None and raw.startswith("v1:") and "金融" not in raw
    assert clients.reveal_field(seeded.store, seeded.im1, "001000", "address", "寄送对账单核对") == ADDRESS
    with seeded.store.read() as s:
        row = s.scalars(select(AuditLog).where(AuditLog.action == "client.reveal")).one()
    assert row.details["field"] == "address" and row.details["reason"] == "寄送对账单核对"


def test_address_masked_in_the_view_and_hidden_from_administrators(seeded: Seed) -> None:
    view = clients.load_client_view(seeded.store, seeded.im1, "001000")
    assert view.profile.address == "北京市西城区****" == mask_address(ADDRESS)
    admin_view = clients.load_client_view(seeded.store, seeded.admin, "001000")
    assert admin_view.profile.address == ""
    with pytest.raises(PermissionDenied):
        clients.reveal_field(seeded.store, seeded.admin, "001000", "address", "核对地址信息")


def test_mask_address_keeps_little() -> None:
    assert mask_address(None) == mask_address("") == ""
    assert mask_address("上海市浦东新区世纪大道100号") == "上海市浦东新****"
    assert mask_address("深圳南山") == "深圳****"  # never more than half
    assert mask_address("北京市\n朝阳区  建国路") == "北京市 朝****"


def test_import_with_address_column_seals_it_and_reimport_changes_nothing(
    seeded: Seed, tmp_path: Path
) -> None:
    path = _write(
        tmp_path / "clients.csv",
        [
            "C9001,王五,110105198001011111,13900001111,上海市黄浦区南京东路1号,2021-03-04,B001,im1",
            "C9002,赵六,,,,2021-03-05,B001,im1",
        ],
    )
    first = run_import(seeded.store, seeded.admin, "clients", path)
    assert first.rows_new == 2
    raw = _raw_address(seeded, "C9001")
    assert raw is not None and raw.startswith("v1:") and "南京" not in raw
    assert _raw_address(seeded, "C9002") is None
    assert (
        clients.reveal_field(seeded.store, seeded.im1, "C9001", "address", "寄送对账单核对")
        == "上海市黄浦区南京东路1号"
    )
    again = run_import(seeded.store, seeded.admin, "clients", path)
    assert again.rows_changed == 0 and again.rows_unchanged == 2
    assert _raw_address(seeded, "C9001") == raw  # the stored token is kept when the value is unchanged
    moved = _write(
        tmp_path / "moved.csv",
        ["C9001,王五,110105198001011111,13900001111,上海市黄浦区南京东路2号,2021-03-04,B001,im1"],
    )
    assert run_import(seeded.store, seeded.admin, "clients", moved).rows_changed == 1
    assert (
        clients.reveal_field(seeded.store, seeded.im1, "C9001", "address", "寄送对账单核对")
        == "上海市黄浦区南京东路2号"
    )


def test_import_alias_header_and_file_without_address_keeps_it(seeded: Seed, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "alias.csv",
        ["001000,张三,2020-01-02,B001,im1,广州市天河区珠江新城"],
        header="客户号,客户姓名,开户日期,营业部代码,投资经理工号,通讯地址\n",
    )
    assert run_import(seeded.store, seeded.admin, "clients", path).rows_changed == 1
    assert (
        clients.reveal_field(seeded.store, seeded.im1, "001000", "address", "核对通讯地址")
        == "广州市天河区珠江新城"
    )
    # a file without the column leaves the address as it is
    plain = _write(
        tmp_path / "plain.csv",
        ["001000,张三,2020-01-02,B001,im1"],
        header="客户号,客户姓名,开户日期,营业部代码,投资经理工号\n",
    )
    run_import(seeded.store, seeded.admin, "clients", plain)
    assert (
        clients.reveal_field(seeded.store, seeded.im1, "001000", "address", "核对通讯地址")
        == "广州市天河区珠江新城"
    )


def test_too_long_address_is_a_row_error(seeded: Seed, tmp_path: Path) -> None:
    path = _write(tmp_path / "long.csv", ["C9003,孙七,,," + "长" * 201 + ",2021-03-04,B001,im1"])
    with pytest.raises(ImportRejected) as exc:
        run_import(seeded.store, seeded.admin, "clients", path)
    assert [e.column for e in exc.value.result.errors] == ["联系地址"]


def test_rotation_reseals_the_address(seeded: Seed) -> None:
    result = pii_keys.rotate_key(seeded.store, seeded.admin)
    raw = _raw_address(seeded, "001000")
    assert raw is not None and pii.token_key_id(raw) == result.new_key_id
    assert clients.reveal_field(seeded.store, seeded.im1, "001000", "address", "寄送对账单核对") == ADDRESS


def _secrets(seed: Seed) -> list[bytes]:
    return [
        v.encode() for v in ("13812345678", "110105199001011234", "zhang@example.com", ADDRESS, "2号3单元")
    ]


def test_sqlite_dump_holds_no_personal_data(seeded_sqlite: Seed) -> None:
    """`sqlite3 FILE .dump`: every personal value is a token, none is readable."""
    path = seeded_sqlite.store.engine.url.database
    assert path
    seeded_sqlite.store.dispose()
    dump = subprocess.run(["sqlite3", path, ".dump"], check=True, capture_output=True).stdout
    assert b"INSERT INTO client" in dump and b"v1:" in dump
    for secret in _secrets(seeded_sqlite):
        assert secret not in dump


@pytest.mark.pg
def test_pg_dump_holds_no_personal_data(pg_store: object, pg_url: str) -> None:
    """`pg_dump` of the store's schema: every personal value is a token, none is readable."""
    from crm_desktop.db.store import Store
    from tests.factories import seed_branch

    assert isinstance(pg_store, Store)
    seed = seed_branch(pg_store)
    url = make_url(pg_url)
    schema = url.query["options"].split("search_path=")[1]
    env = {**os.environ, "PGPASSWORD": url.password or ""}
    dump = subprocess.run(
        [
            "pg_dump",
            "-h",
            url.host or "127.0.0.1",
            "-p",
            str(url.port or 5432),
            "-U",
            url.username or "postgres",
            "-n",
            schema,
            "--data-only",
            url.database or "test",
        ],
        check=True,
        capture_output=True,
        env=env,
    ).stdout
    assert b"v1:" in dump
    for secret in _secrets(seed):
        assert secret not in dump
