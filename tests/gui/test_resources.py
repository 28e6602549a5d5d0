"""Compiled forms and translations match their sources; every Chinese translation is finished."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from crm_desktop.gui.build_forms import compile_form, target_for
from crm_desktop.gui.i18n_tool import _tool, unfinished
from crm_desktop.paths import resource, ui_dir

UI_FILES = sorted(ui_dir().glob("*.ui"))
TS_FILES = sorted(resource("i18n").glob("*.ts"))


@pytest.mark.parametrize("ui_file", UI_FILES, ids=lambda p: p.name)
def test_compiled_form_is_up_to_date(ui_file: Path) -> None:
    target = target_for(ui_file)
    assert target.exists(), f"run python -m crm_desktop.gui.build_forms ({target.name} missing)"
    assert target.read_text(encoding="utf-8") == compile_form(ui_file), (
        f"{target.name} is stale: run python -m crm_desktop.gui.build_forms"
    )


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_translation_is_complete_and_compiled(ts: Path, tmp_path: Path) -> None:
    assert unfinished(ts) == []
    qm = ts.with_suffix(".qm")
    assert qm.exists(), f"run python -m crm_desktop.gui.i18n_tool release ({qm.name} missing)"
    fresh = tmp_path / qm.name
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(fresh)], check=True)
    assert fresh.read_bytes() == qm.read_bytes(), f"{qm.name} is stale: run i18n_tool release"
