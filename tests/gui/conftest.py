"""GUI fixtures: the app set up as main.py does (fonts, translations), and a signed-in context."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QThreadPool
from PySide6.QtWidgets import QApplication

from crm_desktop.gui.context import AppBus, AppContext
from crm_desktop.gui.fonts import register_qt_font
from crm_desktop.gui.i18n import install_translators
from crm_desktop.services.auth import Actor
from tests.factories import Seed


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    return ["crm-desktop-tests"]


@pytest.fixture(autouse=True)
def _gui_app(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    QCoreApplication.setOrganizationName("crm-desktop-tests")
    QCoreApplication.setApplicationName("crm-desktop-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    install_translators(qapp, "zh_CN")
    register_qt_font(qapp)
    yield
    QThreadPool.globalInstance().waitForDone(10000)


def make_ctx(seed: Seed, actor: Actor) -> AppContext:
    return AppContext(
        store=seed.store, actor=actor, settings=QSettings(), pool=QThreadPool.globalInstance(), bus=AppBus()
    )


@pytest.fixture
def screenshot_dir() -> Path:
    """Screenshots land in ./screenshots (git-ignored) for a person to look at."""
    d = Path(__file__).resolve().parents[2] / "screenshots"
    d.mkdir(exist_ok=True)
    return d
