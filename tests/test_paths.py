"""Resources and migrations: read from the checkout here, from the package (importlib.resources) when installed.

The second test builds the real wheel and imports the app from a plain (non-editable) install of it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from crm_desktop import paths

ROOT = Path(__file__).resolve().parents[1]


def test_checkout_layout() -> None:
    assert paths.is_source_checkout()
    assert paths.resources_dir() == ROOT / "resources"
    assert paths.migrations_dir() == ROOT / "db" / "migrations"
    assert paths.resource("fonts", "wqy-microhei.ttc").is_file()
    assert (paths.migrations_dir() / "env.py").is_file()


def test_resources_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CRM_RESOURCES", str(tmp_path))
    assert paths.resource("fonts", "x.ttc") == tmp_path / "fonts" / "x.ttc"


def test_package_dir_is_a_real_directory() -> None:
    found = paths.package_dir("crm_desktop.cli.commands")
    assert found.is_dir() and (found / "__init__.py").is_file()


PROBE = """
import json
from crm_desktop import paths
from crm_desktop.db import migrate
from crm_desktop.fonts import font_path
print(json.dumps({
    "checkout": paths.is_source_checkout(),
    "resources": str(paths.resources_dir()),
    "migrations": str(paths.migrations_dir()),
    "font": font_path().is_file(),
    "head": migrate.head_revision(),
    "qm": sorted(p.name for p in paths.resource("i18n").glob("*.qm")),
}))
"""


@pytest.mark.slow
def test_installed_wheel_finds_its_data_through_importlib_resources(tmp_path: Path) -> None:
    # Built from a copy: an in-tree build/ could hold stale modules, and parallel runs would share it.
    src = tmp_path / "src"
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "build",
            "dist",
            "*.egg-info",
            "__pycache__",
            ".*_cache",
            ".hypothesis",
            "screenshots",
        ),
    )
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(src)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    (wheel,) = dist.glob("crm_desktop-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    tracked = [p for p in (ROOT / "resources").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    missing = [
        str(p.relative_to(ROOT))
        for p in tracked
        if f"crm_desktop/_resources/{p.relative_to(ROOT / 'resources').as_posix()}" not in names
    ]
    assert not missing, f"package-data patterns in pyproject.toml miss {missing}"
    for form in (ROOT / "crm_desktop" / "gui" / "forms").glob("ui_*.py"):
        assert f"crm_desktop/gui/forms/{form.name}" in names
    for rev in (ROOT / "db" / "migrations" / "versions").glob("*.py"):
        assert f"crm_desktop/_migrations/versions/{rev.name}" in names

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("CRM_RESOURCES", None)
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert got["checkout"] is False
    assert Path(got["resources"]) == target / "crm_desktop" / "_resources"
    assert Path(got["migrations"]) == target / "crm_desktop" / "_migrations"
    assert got["font"] is True and got["head"]
    assert got["qm"] == sorted(p.name for p in (ROOT / "resources" / "i18n").glob("*.qm"))
