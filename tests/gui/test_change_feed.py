"""Other workstations' changes reach this one on PostgreSQL (the change feed), and refresh only what changed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from crm_desktop.db import changes
from crm_desktop.db.changes import ChangeBatch
from crm_desktop.db.store import open_store
from crm_desktop.gui.change_feed import ChangeListener
from crm_desktop.gui.clients.book_page import ClientBookPage
from crm_desktop.gui.main_window import MainWindow
from tests.factories import Seed, seed_branch
from tests.fixed_clock import TODAY
from tests.gui.conftest import make_ctx
from tests.services.service_helpers import add_task


@pytest.mark.pg
def test_a_change_on_another_workstation_updates_the_counters(
    qtbot: QtBot, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = open_store(pg_url, upgrade=True)
    seed = seed_branch(here)
    win = MainWindow(make_ctx(seed, seed.im1))
    qtbot.addWidget(win)
    win.show()
    assert isinstance(win.change_listener, ChangeListener)
    # listening: the periodic reload is off
    qtbot.waitUntil(lambda: not win.refresh_timer.isActive(), timeout=15000)
    page = win.page("workbench")
    qtbot.waitUntil(lambda: page.loaded, timeout=15000)
    counter = win.findChild(QPushButton, "todayCounts")
    assert counter is not None
    qtbot.waitUntil(lambda: "逾期 0" in counter.text(), timeout=15000)
    rows_before = page.work_model.rowCount()

    # the other workstation: its own store (own connections) and its own origin
    monkeypatch.setattr(changes, "ORIGIN", "other-workstation")
    there = open_store(pg_url)
    try:
        received: list[ChangeBatch] = []
        win.change_listener.changed.connect(received.append)
        add_task(
            there, seed.clients["001000"], seed.im1.id, "phone_call", TODAY - timedelta(days=2), "remote"
        )
        qtbot.waitUntil(lambda: bool(received), timeout=15000)
        assert received[0].kinds == {"tasks"} and received[0].client_ids == {seed.clients["001000"]}
        # the status-bar counter and the workbench's list follow without F5 or the timer
        qtbot.waitUntil(lambda: "逾期 1" in counter.text(), timeout=15000)
        qtbot.waitUntil(lambda: page.work_model.rowCount() == rows_before + 1, timeout=15000)
    finally:
        there.dispose()
        win.close()
        here.dispose()


@pytest.mark.pg
def test_own_notifications_are_ignored(qtbot: QtBot, pg_url: str) -> None:
    store = open_store(pg_url, upgrade=True)
    seed = seed_branch(store)
    listener = ChangeListener(store)
    heard: list[ChangeBatch] = []
    listener.changed.connect(heard.append)
    with qtbot.waitSignal(listener.ready, timeout=15000):
        listener.start()
    try:
        add_task(store, seed.clients["001000"], seed.im1.id, "phone_call", TODAY, "mine")
        qtbot.wait(1000)
        assert heard == []  # this workstation refreshed locally already
    finally:
        listener.stop()
        store.dispose()


def test_book_reloads_for_a_remote_change_only_when_it_concerns_its_clients(
    qtbot: QtBot, seeded_sqlite: Seed
) -> None:
    s = seeded_sqlite
    page = ClientBookPage(make_ctx(s, s.im1))
    qtbot.addWidget(page)
    qtbot.waitUntil(
        lambda: page.model.book_data is not None and not page.model.book_data.book.partial, timeout=15000
    )
    mine, theirs = s.clients["001000"], s.clients["001005"]  # 001005 belongs to im2
    assert page.concerned_by("tasks", None)  # this workstation's change: always
    assert page.concerned_by("touches", ChangeBatch({"touches"}, {mine}))
    assert not page.concerned_by("touches", ChangeBatch({"touches"}, {theirs}))
    assert page.concerned_by("tasks", ChangeBatch({"tasks"}, None))  # too many to list
    assert page.concerned_by("clients", ChangeBatch({"clients"}, {theirs}))  # may have become mine
    assert not page.concerned_by("notes", ChangeBatch({"notes"}, {mine}))  # the book shows no notes
    assert not page.concerned_by("callbacks", ChangeBatch({"callbacks"}, {mine}))


def test_no_listener_on_sqlite(qtbot: QtBot, seeded_sqlite: Seed) -> None:
    win = MainWindow(make_ctx(seeded_sqlite, seeded_sqlite.im1))
    qtbot.addWidget(win)
    assert win.change_listener is None and win.refresh_timer.isActive()
