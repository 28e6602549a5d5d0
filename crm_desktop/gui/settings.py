"""Typed access to QSettings, so every option has one name, one type and one default."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


class Option(Generic[T]):
    def __init__(self, key: str, default: T) -> None:
        self.key = key
        self.default = default

    def get(self, settings: QSettings) -> T:
        raw = settings.value(self.key, None)
        if raw is None:
            return self.default
        return _coerce(raw, self.default)

    def set(self, settings: QSettings, value: T) -> None:
        settings.setValue(self.key, value)


def _coerce(raw: Any, default: Any) -> Any:
    if isinstance(default, bool):
        if isinstance(raw, str):
            return raw.lower() in ("true", "1", "yes")
        return bool(raw)
    if isinstance(default, int):
        try:
            return int(raw)
        except (TypeError, ValueError):
            return default
    if isinstance(default, float):
        try:
            return float(raw)
        except (TypeError, ValueError):
            return default
    if isinstance(default, list):
        if isinstance(raw, str):
            return [raw] if raw else []
        return list(raw)
    if isinstance(default, QByteArray):
        return raw if isinstance(raw, QByteArray) else QByteArray(raw)
    if isinstance(default, str):
        return str(raw)
    return raw


# General
LANGUAGE = Option("general/language", "zh_CN")
LAST_LOGIN = Option("general/last_login", "")
# Main window
MAIN_GEOMETRY = Option("main_window/geometry", QByteArray())
MAIN_AREA = Option("main_window/area", "clients")
AUTO_REFRESH_SECONDS = Option("general/auto_refresh_seconds", 60)
# Security: how often the signed-in account is re-checked, and after how long idle the window locks.
SESSION_CHECK_SECONDS = Option("security/session_check_seconds", 60)
IDLE_LOCK_MINUTES = Option("security/idle_lock_minutes", 15)


def area_option(area: str, name: str, default: T) -> Option[T]:
    """Per-area options (column layout, splitter sizes, last filters) under ``<area>/<name>``."""
    return Option(f"{area}/{name}", default)


# Look and feel: "light", "dark" or "system"; font size in percent of the normal size (90-150).
THEME = Option("appearance/theme", "system")
FONT_SCALE = Option("appearance/font_scale", 100)
