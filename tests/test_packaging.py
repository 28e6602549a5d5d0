"""Packaging facts the foundation relies on."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


PYSIDE_PARTS = ("pyside6-essentials", "pyside6-addons", "pyside6-pdf")
ENV311 = {"python_version": "3.11", "python_full_version": "3.11.7"}
ENV312 = {"python_version": "3.12", "python_full_version": "3.12.4"}


def _project() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _requirements() -> list[Requirement]:
    return [Requirement(r) for r in _project()["dependencies"]]


def _active(name: str, env: dict[str, str]) -> list[Requirement]:
    return [
        r for r in _requirements() if r.name.lower() == name and (r.marker is None or r.marker.evaluate(env))
    ]


def test_pyside6_612_is_excluded_on_python_311() -> None:
    """6.12.0 on CPython 3.11 leaks None references and aborts (none_dealloc); 3.12+ is immune."""
    for part in ("pyside6-essentials", "pyside6-addons"):
        active311 = _active(part, ENV311)
        assert active311, part
        assert all(not r.specifier.contains(Version("6.12.0")) for r in active311)
        assert all(r.specifier.contains(Version("6.11.3")) for r in active311)
    assert any(r.specifier.contains(Version("6.12.0")) for r in _active("pyside6-essentials", ENV312))


def test_qtpdf_comes_from_the_wheel_that_holds_it() -> None:
    """QtPdf/QtPdfWidgets: inside Addons before 6.12, the separate PySide6-Pdf from 6.12 on."""
    assert _active("pyside6-addons", ENV311) and not _active("pyside6-pdf", ENV311)
    assert _active("pyside6-pdf", ENV312) and not _active("pyside6-addons", ENV312)
    assert all(not r.specifier.contains(Version("6.11.3")) for r in _active("pyside6-essentials", ENV312))


def test_the_letter_preview_modules_import() -> None:
    from PySide6 import QtPdf, QtPdfWidgets

    assert callable(QtPdf.QPdfDocument) and callable(QtPdfWidgets.QPdfView)


def test_no_pyside6_meta_package() -> None:
    """The meta-package adds nothing over Essentials + Addons; naming the parts says what the app uses."""
    assert not [r for r in _requirements() if r.name.lower() == "pyside6"]


def test_postgres_driver_is_an_extra_that_the_tests_pull() -> None:
    extras = _project()["optional-dependencies"]
    assert [Requirement(r).name for r in extras["postgres"]] == ["psycopg"]
    assert "crm-desktop[postgres]" in extras["test"]
    assert "psycopg" not in {r.name.lower() for r in _requirements()}


def test_installed_pyside6_is_safe_for_this_interpreter() -> None:
    import PySide6

    if sys.version_info < (3, 12):
        assert Version(PySide6.__version__) < Version("6.12")


def test_runtime_dependencies_named_by_the_foundation() -> None:
    names = {r.name.lower() for r in _requirements()}
    assert {
        "pyside6-essentials",
        "sqlalchemy",
        "alembic",
        "pandas",
        "matplotlib",
        "reportlab",
        "keyring",
        "openpyxl",
        "platformdirs",
    } <= names
