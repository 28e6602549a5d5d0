"""The client 360° view: loading, models, masking and audited reveal, actions, visibility, screenshots."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QToolButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from crm_desktop import clock
from crm_desktop.db.models import AuditLog, Touch
from crm_desktop.gui.areas import clients as area
from crm_desktop.gui.clients.book_page import ClientBookPage
from crm_desktop.gui.clients.client_view import Client360Dialog
from crm_desktop.gui.context import AppContext, ClientActionSpec
from crm_desktop.services.auth import Actor
from tests.factories import Seed
from tests.gui.conftest import make_ctx
from tests.workspace_data import add_workspace_data

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def ws(seeded_sqlite: Seed) -> Seed:
    add_workspace_data(seeded_sqlite)
    return seeded_sqlite


def open_view(
    qtbot: QtBot, seed: Seed, actor: Actor, client_no: str = "001000", ctx: AppContext | None = None
) -> Client360Dialog:
    ctx = ctx or make_ctx(seed, actor)
    dlg = Client360Dialog(ctx, client_no)
    qtbot.addWidget(dlg)
    dlg.resize(1180, 780)
    dlg.show()
    qtbot.waitUntil(lambda: not dlg.loading, timeout=15000)
    return dlg


def test_view_shows_the_whole_relationship(qtbot: QtBot, qtmodeltester, ws: Seed) -> None:  # type: ignore[no-untyped-def]
    dlg = open_view(qtbot, ws, ws.im1)
    for model in (dlg.holdings, dlg.touches, dlg.tasks, dlg.letters, dlg.assignments):
        qtmodeltester.check(model)
    assert dlg.ui.nameLabel.text() == "张三  001000"
    assert "V5 钻石" in dlg.ui.summaryLabel.text()
    assert "日均资产 8,200,000" in dlg.ui.reasonsLabel.text()
    assert dlg.holdings.rowCount() == 4 and dlg.holdings.data(dlg.holdings.index(0, 1)) == "贵州茅台"
    assert dlg.holdings.data(dlg.holdings.index(0, 2)) == "主板"
    assert dlg.touches.rowCount() == 2 and dlg.touches.data(dlg.touches.index(0, 1)) == "面访"
    assert dlg.tasks.rowCount() == 1 and dlg.letters.rowCount() == 1 and dlg.assignments.rowCount() == 1
    assert dlg.assignments.data(dlg.assignments.index(0, 3)) == "开户"
    tabs = [dlg.ui.tabs.tabText(i) for i in range(dlg.ui.tabs.count())]
    assert "持仓（4）(&H)" in tabs and "服务记录（2）(&T)" in tabs
    # the charts drew something: a line with a year of points, and a doughnut with 4 parts
    line = dlg.trend_chart.figure.axes[0].get_lines()[0]
    assert len(line.get_xdata()) > 200
    assert len(dlg.allocation_chart.figure.axes[0].patches) == 4


def test_personal_data_masked_and_reveal_is_audited(
    qtbot: QtBot, ws: Seed, monkeypatch: pytest.MonkeyPatch
) -> None:
    dlg = open_view(qtbot, ws, ws.im1)
    phone = dlg.findChild(QLineEdit, "value_phone")
    ident = dlg.findChild(QLineEdit, "value_id_number")
    email = dlg.findChild(QLineEdit, "value_email")
    assert phone.text() == "138****5678" and ident.text() == "110105********1234"
    assert email.text() == "z***@example.com"
    texts = " ".join(w.text() for w in dlg.findChildren(QLabel)) + " ".join(
        w.text() for w in dlg.findChildren(QLineEdit)
    )
    assert "13812345678" not in texts and "110105199001011234" not in texts
    # cancelling the reason dialog reveals nothing
    monkeypatch.setattr(dlg, "ask_reason", lambda title: None)
    dlg.findChild(QToolButton, "reveal_phone").click()
    assert phone.text() == "138****5678"
    asked: list[str] = []
    monkeypatch.setattr(dlg, "ask_reason", lambda title: asked.append(title) or "回访前核对电话")
    dlg.findChild(QToolButton, "reveal_phone").click()
    qtbot.waitUntil(lambda: phone.text() == "13812345678", timeout=10000)
    assert asked == ["手机"]
    assert not dlg.findChild(QToolButton, "reveal_phone").isEnabled()
    with ws.store.read() as s:
        row = s.scalars(select(AuditLog).where(AuditLog.action == "client.reveal")).one()
    assert row.actor_id == ws.im1.id and row.details == {"field": "phone", "reason": "回访前核对电话"}


def test_reveal_with_too_short_reason_shows_the_error(
    qtbot: QtBot, ws: Seed, monkeypatch: pytest.MonkeyPatch
) -> None:
    import crm_desktop.gui.clients.client_view as cv

    dlg = open_view(qtbot, ws, ws.im1)
    errors: list[str] = []
    monkeypatch.setattr(cv, "show_error", lambda parent, exc, title=None: errors.append(str(exc)))
    monkeypatch.setattr(dlg, "ask_reason", lambda title: "看")
    dlg.findChild(QToolButton, "reveal_id_number").click()
    qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    assert "原因" in errors[0]
    assert dlg.findChild(QLineEdit, "value_id_number").text() == "110105********1234"


def test_admin_sees_no_personal_data(qtbot: QtBot, ws: Seed) -> None:
    dlg = open_view(qtbot, ws, ws.admin)
    assert dlg.findChild(QLineEdit, "value_phone") is None
    assert dlg.findChildren(QToolButton, "reveal_phone") == []
    assert dlg.ui.nameLabel.text() == "张*  001000"
    assert any("管理员" in w.text() for w in dlg.findChildren(QLabel))


def test_manager_cannot_open_another_managers_client(qtbot: QtBot, ws: Seed) -> None:
    dlg = open_view(qtbot, ws, ws.im1, "001004")
    assert dlg.view is None and not dlg.ui.tabs.isEnabled()
    assert "找不到客户 001004" in dlg.ui.messageLabel.text()
    assert dlg.ui.nameLabel.text() == "" and dlg.touches.rowCount() == 0
    # nor through the book: it is not there to open
    page = ClientBookPage(make_ctx(ws, ws.im1))
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.book_data is not None, timeout=10000)
    assert page.model.row_of("001004") == -1


def test_unscored_client_says_so(qtbot: QtBot, ws: Seed) -> None:
    dlg = open_view(qtbot, ws, ws.im1, "001003")
    assert "尚未评分" in dlg.ui.reasonsLabel.text()
    assert dlg.holdings.rowCount() == 0
    assert "暂无资产快照" in [t.get_text() for t in dlg.trend_chart.figure.axes[0].texts]


def test_actions_of_other_areas_appear_only_when_registered(qtbot: QtBot, ws: Seed) -> None:
    dlg = open_view(qtbot, ws, ws.im1)
    assert dlg.action_buttons == {} and dlg.findChildren(QPushButton, "action_record_touch") == []
    ctx = make_ctx(ws, ws.im1)
    calls: list[tuple[object, str]] = []
    ctx.client_actions["record_touch"] = ClientActionSpec(
        "record_touch", "记录服务", lambda p, no: calls.append((p, no))
    )
    ctx.client_actions["request_reassignment"] = ClientActionSpec(
        "request_reassignment", "申请划转", lambda p, no: None, roles=("branch_manager",)
    )
    dlg2 = open_view(qtbot, ws, ws.im1, ctx=ctx)
    assert list(dlg2.action_buttons) == ["record_touch"]
    dlg2.action_buttons["record_touch"].click()
    assert calls == [(dlg2, "001000")]


def test_open_client_service_raises_existing_window_and_reloads_on_f5(qtbot: QtBot, ws: Seed) -> None:
    ctx = make_ctx(ws, ws.im1)
    area.register_actions(ctx)
    first = ctx.services["open_client"](None, "001000")
    qtbot.waitUntil(lambda: not first.loading, timeout=15000)
    assert ctx.services["open_client"](None, "001000") is first
    with ws.store.transaction() as s:
        s.add(
            Touch(
                client_id=ws.clients["001000"],
                manager_id=ws.im1.id,
                touch_type="message",
                channel="wechat",
                summary="另一台电脑上记录",
                occurred_at=clock.now(),
            )
        )
    ctx.bus.refresh_requested.emit()
    qtbot.waitUntil(lambda: first.touches.rowCount() == 3, timeout=10000)
    first.close()  # deleted on close; the next open makes a new window
    assert "001000" not in area._open


def _dark_palette() -> QPalette:
    pal = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.Base, "#171717"),
        (QPalette.ColorRole.AlternateBase, "#262626"),
        (QPalette.ColorRole.Text, "#e8eaed"),
        (QPalette.ColorRole.Button, "#2d2e30"),
        (QPalette.ColorRole.ButtonText, "#e8eaed"),
        (QPalette.ColorRole.Highlight, "#4c8bf5"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.Mid, "#5f6368"),
    ):
        pal.setColor(role, QColor(colour))
    return pal


def test_screenshots_of_book_and_360(qtbot: QtBot, ws: Seed, screenshot_dir: Path) -> None:
    ctx = make_ctx(ws, ws.bm)
    page = ClientBookPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 420)
    page.show()
    qtbot.waitUntil(lambda: page.model.book_data is not None and not page.loading, timeout=10000)
    page.table.selectRow(0)
    qtbot.wait(50)  # let posted layout requests run before grabbing
    assert page.grab().save(str(screenshot_dir / "client_book.png"))
    dlg = open_view(qtbot, ws, ws.bm)
    qtbot.wait(50)
    assert dlg.grab().save(str(screenshot_dir / "client_360.png"))
    dlg.ui.tabs.setCurrentWidget(dlg.ui.touchesTab)
    qtbot.wait(50)
    assert dlg.grab().save(str(screenshot_dir / "client_360_touches.png"))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = app.palette()
    try:
        app.setPalette(_dark_palette())
        dark = open_view(qtbot, ws, ws.im1)
        qtbot.wait(50)
        assert dark.grab().save(str(screenshot_dir / "client_360_dark.png"))
        bg = dark.trend_chart.figure.get_facecolor()
        assert sum(bg[:3]) < 0.6  # the chart follows the dark window colour, not white
    finally:
        app.setPalette(old)


@pytest.mark.slow
def test_screenshots_at_200_percent(ws: Seed, screenshot_dir: Path, tmp_path: Path) -> None:
    """Qt's scale factor is fixed at start-up, so the 200% screenshots come from a child process."""
    script = tmp_path / "shot.py"
    script.write_text(
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication, QSettings, QThreadPool\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from crm_desktop.gui.fonts import register_qt_font\n"
        "from crm_desktop.gui.i18n import install_translators\n"
        "from crm_desktop.gui.context import AppBus, AppContext\n"
        "from crm_desktop.db.store import open_store\n"
        "from crm_desktop.services.auth import login\n"
        "from crm_desktop.gui.clients.book_page import ClientBookPage\n"
        "from crm_desktop.gui.clients.client_view import Client360Dialog\n"
        "app = QApplication(['x'])\n"
        "QCoreApplication.setOrganizationName('crm-shot'); QCoreApplication.setApplicationName('crm-shot')\n"
        "install_translators(app, 'zh_CN'); register_qt_font(app)\n"
        "store = open_store(sys.argv[1])\n"
        "ctx = AppContext(store=store, actor=login(store, 'bm', 'secret-pw'), settings=QSettings(sys.argv[3],"
        " QSettings.Format.IniFormat), pool=QThreadPool.globalInstance(), bus=AppBus())\n"
        "page = ClientBookPage(ctx); page.resize(1280, 420); page.show()\n"
        "while page.model.book_data is None or page.loading: app.processEvents()\n"
        "page.table.selectRow(0)\n"
        "import time\n"
        "end = time.time() + 0.2\n"
        "while time.time() < end: app.processEvents()\n"
        "page.grab().save(sys.argv[2] + '/client_book_200.png')\n"
        "dlg = Client360Dialog(ctx, '001000'); dlg.resize(1180, 780); dlg.show()\n"
        "while dlg.loading or dlg.view is None: app.processEvents()\n"
        "end = time.time() + 0.2\n"
        "while time.time() < end: app.processEvents()\n"
        "dlg.grab().save(sys.argv[2] + '/client_360_200.png')\n"
        "print(page.devicePixelRatioF())\n"
        "QThreadPool.globalInstance().waitForDone(5000)\n"
    )
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [
            sys.executable,
            str(script),
            ws.store.url.render_as_string(hide_password=False),
            str(screenshot_dir),
            str(tmp_path / "s.ini"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "2.0"
    from PySide6.QtGui import QImage

    img = QImage(str(screenshot_dir / "client_book_200.png"))
    assert img.width() == 2560  # drawn at twice the pixels, not scaled up afterwards


def test_address_masked_revealed_and_hidden_from_admin(
    qtbot: QtBot, ws: Seed, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The address (issue #20) is one more personal row: masked, revealed with a reason, never for admins."""
    dlg = open_view(qtbot, ws, ws.im1)
    address = dlg.findChild(QLineEdit, "value_address")
    assert address.text() == "北京市西城区****"
    monkeypatch.setattr(dlg, "ask_reason", lambda title: "寄送对账单核对")
    dlg.findChild(QToolButton, "reveal_address").click()
    qtbot.waitUntil(lambda: address.text() == "北京市西城区金融大街2号3单元", timeout=10000)
    with ws.store.read() as s:
        row = s.scalars(select(AuditLog).where(AuditLog.action == "client.reveal")).one()
    assert row.details == {"field": "address", "reason": "寄送对账单核对"}
    shots = Path("/tmp/shots-sec")
    shots.mkdir(exist_ok=True)
    dlg.grab().save(str(shots / "client_360_address_zh.png"))
    admin = open_view(qtbot, ws, ws.admin)
    assert admin.findChild(QLineEdit, "value_address") is None
    assert admin.findChildren(QToolButton, "reveal_address") == []


def test_notes_tab_shows_the_clients_notes_newest_first(qtbot: QtBot, qtmodeltester, ws: Seed) -> None:  # type: ignore[no-untyped-def]
    from crm_desktop.services import notes

    notes.add_note(ws.store, ws.im1, "001000", "第一条备注")
    notes.add_note(ws.store, ws.bm, "001000", "第二条备注")
    dlg = open_view(qtbot, ws, ws.im1)
    qtmodeltester.check(dlg.notes)
    assert dlg.notes.rowCount() == 2
    assert dlg.notes.data(dlg.notes.index(0, 2)) == "第二条备注"
    tabs = [dlg.ui.tabs.tabText(i) for i in range(dlg.ui.tabs.count())]
    assert "备注（2）(&N)" in tabs
    # the note tab sits right after the touches, in the history
    assert dlg.ui.tabs.indexOf(dlg.notes_view) == dlg.ui.tabs.indexOf(dlg.ui.touchesTab) + 1
