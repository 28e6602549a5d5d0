"""The GUI when the shared server goes away mid-session (a proxy cuts the connections, then restores them):
the status bar says so and clears on return, what is on screen stays, a touch is saved or clearly not."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from crm_desktop.db.models import ServiceTask, Touch
from crm_desktop.db.store import Store, open_store
from crm_desktop.gui import server_watch
from crm_desktop.gui.i18n import install_translators
from crm_desktop.gui.main_window import MainWindow
from crm_desktop.gui.service.agenda_view import AgendaView
from crm_desktop.gui.service.touch_form import TouchDialog
from crm_desktop.i18n import set_language
from crm_desktop.services.auth import start_session
from tests.conftest import PG_URL
from tests.factories import Seed, seed_branch
from tests.fixed_clock import TODAY
from tests.gui.conftest import make_ctx
from tests.pg_proxy import CuttableProxy
from tests.services.service_helpers import add_task

pytestmark = pytest.mark.pg

SHOTS = Path(os.environ.get("CRM_SHOTS_DIR", "/tmp/shots-ws"))


@pytest.fixture(autouse=True)
def _fresh_hub() -> Iterator[None]:
    server_watch._hub = None
    yield
    server_watch._hub = None


@pytest.fixture
def outage(pg_url: str) -> Iterator[tuple[Seed, Seed, CuttableProxy, int]]:
    """(seed on the direct store, the same seed on a store through the proxy, the proxy, an open task)."""
    target = make_url(PG_URL)
    proxy = CuttableProxy(target.host or "127.0.0.1", target.port or 5432)
    direct = open_store(pg_url, upgrade=True)
    seed = seed_branch(direct)
    task = add_task(direct, seed.clients["001000"], seed.im1.id, "phone_call", TODAY, "outage")
    through: Store = open_store(
        make_url(pg_url).set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    )
    yield seed, replace(seed, store=through), proxy, task
    proxy.close()
    through.dispose()
    direct.dispose()


def _window(qtbot: QtBot, seed: Seed) -> MainWindow:
    ctx = make_ctx(seed, seed.im1)
    ctx.session = start_session(seed.store, seed.im1)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.server_watch.set_interval(50)
    return win


def _touches(store: Store) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(Touch)) or 0


def _fill(dlg: TouchDialog) -> None:
    dlg.ui.summaryEdit.setPlainText("季度回访")
    dlg.ui.identityCheck.setChecked(True)
    dlg.ui.needsCheck.setChecked(True)


def test_status_bar_shows_the_outage_keeps_the_screen_and_clears_on_return(
    qtbot: QtBot, qtmodeltester, outage: tuple[Seed, Seed, CuttableProxy, int]
) -> None:
    _seed, seed, proxy, _task = outage
    win = _window(qtbot, seed)
    view = AgendaView(win.ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.agenda is not None, timeout=10000)
    qtmodeltester.check(view.model)
    rows = view.model.rowCount()
    assert rows == 1
    label = win.server_watch.label
    assert label.isHidden()
    qtbot.wait(1500)  # the workbench behind has loaded too (only for the screenshot)

    proxy.cut()
    assert win.session_watch is not None and win.session_watch.check()  # the timer's re-check meets the cut
    assert not label.isHidden()
    assert "服务器无法连接" in label.text() and "不会保存" in label.text()
    # a reload during the outage fails quietly (the status bar already says it): the rows stay readable
    loads = view.agenda
    win.ctx.bus.refresh_requested.emit()
    qtbot.wait(300)
    assert view.model.rowCount() == rows and view.agenda is loads
    SHOTS.mkdir(parents=True, exist_ok=True)
    win.grab().save(str(SHOTS / "outage-status-zh.png"))
    set_language("en")
    install_translators(QCoreApplication.instance(), "en")  # type: ignore[arg-type]
    server_watch.hub().lost.emit()  # the note is written again, now in English
    assert "Server unreachable" in label.text()
    qtbot.wait(100)  # the status bar lays the longer text out before the screenshot
    win.grab().save(str(SHOTS / "outage-status-en.png"))
    install_translators(QCoreApplication.instance(), "zh_CN")  # type: ignore[arg-type]
    set_language("zh_CN")

    proxy.restore()
    qtbot.waitUntil(label.isHidden, timeout=10000)  # the probe found the server: no restart
    assert not server_watch.hub().down
    assert win.statusBar().currentMessage() == "已恢复与服务器的连接。"
    qtbot.waitUntil(lambda: view.agenda is not loads, timeout=10000)  # views reloaded
    assert view.model.rowCount() == rows
    win.close()


def test_touch_saved_during_the_cut_says_not_saved_and_keeps_the_form(
    qtbot: QtBot, outage: tuple[Seed, Seed, CuttableProxy, int]
) -> None:
    direct, seed, proxy, task = outage
    win = _window(qtbot, seed)
    dlg = TouchDialog(win.ctx, "001000", task_id=task, task_type="phone_call")
    qtbot.addWidget(dlg)
    dlg.show()
    _fill(dlg)
    before = _touches(direct.store)
    proxy.cut()
    dlg.save()
    qtbot.waitUntil(lambda: "没有执行" in dlg.ui.messageLabel.text(), timeout=10000)
    assert "没有保存" in dlg.ui.messageLabel.text()
    assert dlg.isVisible() and dlg.ui.summaryEdit.toPlainText() == "季度回访"
    assert dlg.save_button.isEnabled()
    assert not win.server_watch.label.isHidden()
    assert _touches(direct.store) == before
    proxy.restore()
    qtbot.waitUntil(win.server_watch.label.isHidden, timeout=10000)
    with qtbot.waitSignal(dlg.saved, timeout=10000) as saved:
        dlg.save()
    with direct.store.read() as s:
        row = s.get(ServiceTask, task)
        assert row is not None and row.status == "done" and row.completed_touch_id == saved.args[0]
    win.close()


@pytest.mark.parametrize("server_committed", [False, True])
def test_touch_cut_off_at_commit_is_in_doubt_until_the_server_answers(
    qtbot: QtBot, outage: tuple[Seed, Seed, CuttableProxy, int], server_committed: bool
) -> None:
    direct, seed, proxy, task = outage
    win = _window(qtbot, seed)
    dlg = TouchDialog(win.ctx, "001000", task_id=task, task_type="phone_call")
    qtbot.addWidget(dlg)
    dlg.show()
    _fill(dlg)
    proxy.cut_at_commit(forward=server_committed, stay_down=True)
    dlg.save()
    qtbot.waitUntil(lambda: "暂时无法确认" in dlg.ui.messageLabel.text(), timeout=10000)
    assert not dlg.save_button.isEnabled()  # not entered twice while it is not known
    if server_committed:
        with qtbot.waitSignal(dlg.saved, timeout=10000) as saved:
            proxy.restore()
        with direct.store.read() as s:
            row = s.get(ServiceTask, task)
            assert row is not None and row.completed_touch_id == saved.args[0]
        assert not dlg.isVisible()
    else:
        proxy.restore()
        qtbot.waitUntil(lambda: "没有保存" in dlg.ui.messageLabel.text(), timeout=10000)
        assert dlg.save_button.isEnabled() and dlg.ui.summaryEdit.toPlainText() == "季度回访"
        with direct.store.read() as s:
            assert s.get(ServiceTask, task).status == "open"  # type: ignore[union-attr]
        dlg.ui.messageLabel.grab().save(str(SHOTS / "outage-touch-not-saved-zh.png"))
    win.close()


def test_server_gone_again_before_the_lookup_keeps_the_touch_in_doubt(
    qtbot: QtBot, seeded_sqlite: Seed
) -> None:
    from crm_desktop.errors import StoreUnavailable

    ctx = make_ctx(seeded_sqlite, seeded_sqlite.im1)
    dlg = TouchDialog(ctx, "001000")
    qtbot.addWidget(dlg)
    _fill(dlg)
    dlg.save_button.setEnabled(False)
    dlg._in_doubt = 4242  # a save was cut off at commit; the lookup after the return meets the outage again
    dlg._doubt_lookup_failed(StoreUnavailable("无法连接"))
    assert "暂时无法确认" in dlg.ui.messageLabel.text() and "4242" in dlg.ui.messageLabel.text()
    assert not dlg.save_button.isEnabled() and dlg._in_doubt == 4242
    assert server_watch.hub().down
