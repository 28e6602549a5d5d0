"""Where things live: bundled resources, migrations, and the per-user data directory.

The repository keeps ``resources/`` and ``db/migrations/`` at its top level, but an installed wheel or a
frozen app carries them inside the package namespace as ``crm_desktop._resources`` and
``crm_desktop._migrations`` (``package-dir`` in pyproject.toml). This module is the one place that knows
both layouts: a source checkout (PYTHONPATH or ``main.py``) reads its own top-level folders, anything else
asks ``importlib.resources``.
"""

from __future__ import annotations

import atexit
import os
from contextlib import ExitStack
from functools import cache
from importlib import resources as ilr
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The top level of a source checkout (in an installed package: site-packages, which has no checkout)."""

RESOURCES_PACKAGE = "crm_desktop._resources"
MIGRATIONS_PACKAGE = "crm_desktop._migrations"

_extracted = ExitStack()
atexit.register(_extracted.close)


def is_source_checkout() -> bool:
    """True when this ``crm_desktop`` is the one inside a repository checkout rather than an installed copy.

    Checked before ``importlib.resources`` on purpose: with several checkouts (git worktrees) sharing one
    venv, the venv's editable finder would otherwise hand a worktree another checkout's resources.
    """
    return (ROOT / "pyproject.toml").is_file() and (ROOT / "resources" / "__init__.py").is_file()


@cache
def package_dir(package: str) -> Path:
    """The directory of a data package, as a real path (Qt, reportlab and Alembic want file names)."""
    traversable = ilr.files(package)
    if isinstance(traversable, Path):
        return traversable
    # A zipped install: extract once and keep the copy for the life of the process.
    return _extracted.enter_context(ilr.as_file(traversable))


def resources_dir() -> Path:
    override = os.environ.get("CRM_RESOURCES")
    if override:
        return Path(override)
    if is_source_checkout():
        return ROOT / "resources"
    return package_dir(RESOURCES_PACKAGE)


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def migrations_dir() -> Path:
    if is_source_checkout():
        return ROOT / "db" / "migrations"
    return package_dir(MIGRATIONS_PACKAGE)


def ui_dir() -> Path:
    """Qt Designer sources; only a checkout has them (installed copies carry the compiled forms)."""
    return ROOT / "ui"


def user_data_dir() -> Path:
    """Per-user data directory (platformdirs); CRM_DATA_DIR overrides it, e.g. for tests."""
    override = os.environ.get("CRM_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("crm-desktop", appauthor=False))


def default_sqlite_path() -> Path:
    return user_data_dir() / "crm.sqlite3"


def demo_sqlite_path() -> Path:
    """Where the GUI keeps its demo store: always its own file, never the store real work uses."""
    return user_data_dir() / "demo.sqlite3"


def log_dir() -> Path:
    return user_data_dir() / "logs"
