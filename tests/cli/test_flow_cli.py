"""`crm export flow` on the hand-computed branch of tests/flow_data.py, both backends."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from crm_desktop.cli.main import main
from tests.factories import PASSWORD, Seed
from tests.flow_data import FLOW_CSV, build_flow


def crm(db_url: str, monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    return main(["--db", db_url, *args])


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_export_flow_matches_hand_computed_figures(
    db_url: str, seeded: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_flow(seeded, tmp_path)
    out = tmp_path / "flow.csv"
    args = ["export", "flow", "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(out)]
    assert crm(db_url, monkeypatch, *args, "--as-user", "bm") == 0
    assert _read(out) == FLOW_CSV
    # an investment manager sees their own clients only
    assert crm(db_url, monkeypatch, *args, "--as-user", "im2") == 0
    rows = _read(out)
    assert [r[0] for r in rows[1:]] == ["im2", "*"] and rows[1][1:] == rows[2][1:] == FLOW_CSV[2][1:]


def test_export_flow_refuses_a_reversed_period(
    db_url: str, seeded: Seed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["export", "flow", "--from", "2026-11-30", "--to", "2026-11-01", "--out", str(tmp_path / "f.csv")]
    assert crm(db_url, monkeypatch, *args, "--as-user", "bm") == 3
