"""crm export clients: same visibility and masking as the book, exit codes, on both backends."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from crm_desktop.cli.main import main
from tests.factories import PASSWORD, Seed
from tests.workspace_data import add_workspace_data


def _url(seed: Seed) -> str:
    return seed.store.url.render_as_string(hide_password=False)


def _read(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))


def test_export_clients_per_role(
    seeded: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    add_workspace_data(seeded)
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    out = tmp_path / "im2.csv"
    assert main(["--db", _url(seeded), "export", "clients", "--out", str(out), "--as-user", "im2"]) == 0
    assert "2" in capsys.readouterr().out
    rows = _read(out)
    assert [r["client_no"] for r in rows] == ["001004", "001005"]
    assert rows[0]["grade"] == "V4" and rows[0]["churn_risk"] == "low" and rows[0]["status"] == "active"
    assert rows[0]["name"] == "钱七" and rows[0]["manager_login"] == "im2"

    out_bm = tmp_path / "bm.csv"
    assert main(["--db", _url(seeded), "export", "clients", "--out", str(out_bm), "--as-user", "bm"]) == 0
    assert len(_read(out_bm)) == 6

    out_admin = tmp_path / "admin.csv"
    assert (
        main(["--db", _url(seeded), "export", "clients", "--out", str(out_admin), "--as-user", "admin"]) == 0
    )
    admin_rows = _read(out_admin)
    assert {r["name"] for r in admin_rows} == {"张*", "李*", "王*", "赵*", "钱*", "孙*"}
    assert "138" not in out_admin.read_text(encoding="utf-8-sig")


def test_export_clients_errors(seeded: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRM_PASSWORD", "wrong")
    out = tmp_path / "x.csv"
    assert main(["--db", _url(seeded), "export", "clients", "--out", str(out), "--as-user", "im1"]) == 4
    assert not out.exists()
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    assert (
        main(
            ["--db", _url(seeded), "export", "clients", "--out", str(tmp_path / "x.txt"), "--as-user", "im1"]
        )
        == 3
    )
    assert main(["--db", _url(seeded), "export", "clients", "--as-user", "im1"]) == 2
