"""`crm letters`: one client, every letter due (with a merged print file), selections, exit codes."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from crm_desktop.cli.main import main
from tests.factories import PASSWORD, Seed
from tests.letters.data import (
    AS_OF,
    EXPECTED,
    MAIN_CLIENT,
    OTHER_CLIENT,
    add_account_data,
    add_letter_task,
    pdf_text,
)


def run(seed: Seed, *args: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    return main(["--db", seed.store.url.render_as_string(hide_password=False), *args])


def test_one_client_letter_with_comment(
    seeded: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    add_account_data(seeded)
    rc = run(
        seeded,
        "letters",
        "--client",
        MAIN_CLIENT,
        "--out",
        str(tmp_path),
        "--as-of",
        AS_OF.isoformat(),
        "--comment",
        "祝您投资顺利。",
        "--as-user",
        "im1",
        monkeypatch=monkeypatch,
    )
    assert rc == 0
    pdf = tmp_path / "001000_2026-10-15.pdf"
    assert pdf.exists() and str(pdf) in capsys.readouterr().out
    text = pdf_text(pdf.read_bytes())
    assert EXPECTED["pnl"] in text and "祝您投资顺利。" in text


def test_explicit_period_start_runs_to_as_of(
    seeded: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_account_data(seeded)
    assert (
        run(
            seeded,
            "letters",
            "--client",
            MAIN_CLIENT,
            "--out",
            str(tmp_path),
            "--as-of",
            "2026-10-15",
            "--period-start",
            "2026-09-01",
            "--as-user",
            "im1",
            monkeypatch=monkeypatch,
        )
        == 0
    )
    text = pdf_text((tmp_path / "001000_2026-10-15.pdf").read_bytes())
    assert "2026年9月1日至2026年10月15日" in text


def test_due_batch_with_merged_file(
    seeded: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    add_account_data(seeded)
    add_letter_task(seeded, MAIN_CLIENT, date(2026, 10, 1))
    add_letter_task(seeded, OTHER_CLIENT, date(2026, 10, 15))
    add_letter_task(seeded, "001002", date(2026, 10, 16))  # due tomorrow: not yet
    merged = tmp_path / "print.pdf"
    rc = run(
        seeded,
        "letters",
        "--due",
        "--out",
        str(tmp_path / "out"),
        "--as-of",
        "2026-10-15",
        "--merged",
        str(merged),
        "--workers",
        "1",
        "--as-user",
        "im1",
        monkeypatch=monkeypatch,
    )
    assert rc == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "001000_2026-10-15.pdf",
        "001001_2026-10-15.pdf",
    ]
    assert len(PdfReader(merged).pages) >= 4
    out = capsys.readouterr().out
    assert "已生成 2 份报告" in out and str(merged) in out
    # the tasks are closed: a second run finds nothing due
    assert (
        run(
            seeded,
            "letters",
            "--due",
            "--out",
            str(tmp_path / "again"),
            "--as-of",
            "2026-10-15",
            "--as-user",
            "im1",
            monkeypatch=monkeypatch,
        )
        == 0
    )
    assert "没有需要生成报告的客户" in capsys.readouterr().out


def test_other_managers_client_is_refused(
    seeded: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rc = run(
        seeded,
        "letters",
        "--client",
        MAIN_CLIENT,
        "--out",
        str(tmp_path),
        "--as-user",
        "im2",
        monkeypatch=monkeypatch,
    )
    assert rc == 3 and "找不到客户 001000" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [] or all(p.suffix != ".pdf" for p in tmp_path.iterdir())
    assert (
        run(
            seeded,
            "letters",
            "--client",
            MAIN_CLIENT,
            "--out",
            str(tmp_path),
            "--as-user",
            "admin",
            monkeypatch=monkeypatch,
        )
        == 4
    )


def test_selection_by_manager_and_usage_errors(
    sqlite_store: object,
    seeded_sqlite: Seed,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rc = run(
        seeded_sqlite,
        "letters",
        "--manager",
        "im2",
        "--out",
        str(tmp_path),
        "--as-of",
        "2026-10-15",
        "--workers",
        "1",
        "--as-user",
        "bm",
        monkeypatch=monkeypatch,
    )
    assert rc == 0
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == [
        "001004_2026-10-15.pdf",
        "001005_2026-10-15.pdf",
    ]
    assert (
        run(seeded_sqlite, "letters", "--out", str(tmp_path), "--as-user", "bm", monkeypatch=monkeypatch) == 2
    )
    assert (
        run(
            seeded_sqlite,
            "letters",
            "--client",
            "001000",
            "--due",
            "--out",
            str(tmp_path),
            "--as-user",
            "bm",
            monkeypatch=monkeypatch,
        )
        == 2
    )
    assert (
        run(
            seeded_sqlite,
            "letters",
            "--client",
            "001000",
            "--out",
            str(tmp_path),
            "--as-of",
            "15.10.2026",
            "--as-user",
            "bm",
            monkeypatch=monkeypatch,
        )
        == 3
    )
    capsys.readouterr()
    assert (
        run(
            seeded_sqlite,
            "letters",
            "--manager",
            "nobody",
            "--out",
            str(tmp_path),
            "--as-user",
            "bm",
            monkeypatch=monkeypatch,
        )
        == 3
    )
    assert "nobody" in capsys.readouterr().err
