"""Where things live: bundled resources, migrations, and the per-user data directory."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return Path(os.environ.get("CRM_RESOURCES", ROOT / "resources"))


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def migrations_dir() -> Path:
    return ROOT / "db" / "migrations"


def ui_dir() -> Path:
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


def log_dir() -> Path:
    return user_data_dir() / "logs"
