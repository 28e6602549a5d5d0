"""The settings area: tabs per role, staff model, language option."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from crm_desktop.gui import settings as opts
from crm_desktop.gui.admin.staff_model import StaffModel
from crm_desktop.gui.areas.settings import SettingsPage
from crm_desktop.services import staff
from tests.factories import Seed
from tests.gui.conftest import make_ctx


def _tab_titles(page: SettingsPage) -> list[str]:
    return [page.tabs.tabText(i) for i in range(page.tabs.count())]


def test_tabs_depend_on_role(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    im = SettingsPage(make_ctx(seeded_sqlite, seeded_sqlite.im1))
    qtbot.addWidget(im)
    assert _tab_titles(im) == ["常规", "我的账号", "数据库"]
    admin = SettingsPage(make_ctx(seeded_sqlite, seeded_sqlite.admin))
    qtbot.addWidget(admin)
    assert _tab_titles(admin) == ["常规", "我的账号", "营业部", "员工", "数据库"]


def test_staff_model_passes_modeltester(qtbot: QtBot, qtmodeltester, seeded_sqlite: Seed) -> None:  # type: ignore[no-untyped-def]
    model = StaffModel()
    model.set_rows(staff.list_staff(seeded_sqlite.store, seeded_sqlite.admin))
    qtmodeltester.check(model)
    assert model.rowCount() == 4


def test_language_choice_is_saved(qtbot: QtBot, seeded_sqlite: Seed, screenshot_dir: Path) -> None:
    ctx = make_ctx(seeded_sqlite, seeded_sqlite.admin)
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    general = page.tabs.widget(0)
    general.language.setCurrentIndex(general.language.findData("en"))  # type: ignore[attr-defined]
    assert opts.LANGUAGE.get(ctx.settings) == "en"
    assert "下次启动" in general.note.text()  # type: ignore[attr-defined]
    page.tabs.setCurrentIndex(3)
    page.resize(900, 500)
    page.grab().save(str(screenshot_dir / "settings_staff.png"))
