"""A signed-in session re-checks its account inside every transaction: disabled, role or branch changed
since sign-in means refused, for every service that writes or reveals (both backends)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from crm_desktop.db.store import Store
from crm_desktop.errors import PermissionDenied, SessionEnded
from crm_desktop.services import (
    callbacks,
    client_book,
    clients,
    complaints,
    exports,
    letters,
    reassignment,
    scoring,
    staff,
    tasks,
    touches,
)
from crm_desktop.services.auth import Actor, SignedInSession, start_session
from tests.factories import PASSWORD, Seed
from tests.fixed_clock import TODAY
from tests.services.service_helpers import add_task

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
CALL_OK = {"identity_checked": True, "risk_disclosed": True}


def _behind_the_app(store: Store, sql: str, **params: object) -> None:
    """Another workstation's change: straight on the engine, where no session guard runs."""
    with store.engine.begin() as conn:
        conn.execute(text(sql), params)


def _disable(store: Store, login: str) -> None:
    _behind_the_app(store, "UPDATE staff SET active = :f WHERE login = :login", f=False, login=login)


TASK_IDS: list[int] = []


Call = Callable[[Seed, Actor], object]

# (who acts, what they do): every entry point that writes or reveals, as the attack did it.
CALLS: dict[str, tuple[str, Call]] = {
    "record touch": (
        "im1",
        lambda s, a: touches.record_touch(
            s.store,
            a,
            "001000",
            touch_type="phone_call",
            channel="phone",
            summary="x",
            satisfaction=5,
            checklist=CALL_OK,
        ),
    ),
    "reveal id number": (
        "im1",
        lambda s, a: clients.reveal_field(s.store, a, "001000", "id_number", "回访前核对"),
    ),
    "export client book": ("im1", lambda s, a: client_book.load_book(s.store, a, today=TODAY)),
    "export book audit": (
        "im1",
        lambda s, a: exports.write_audited(
            s.store,
            a,
            Path(tempfile.mkdtemp()) / "book.csv",
            lambda p: p.write_text("x"),
            action="export.clients",
            entity_type="client",
            rows=1,
        ),
    ),
    "export tasks": ("im1", lambda s, a: tasks.task_rows(s.store, a, today=TODAY)),
    "export touches": ("im1", lambda s, a: touches.list_touches(s.store, a)),
    "cancel task": (
        "im1",
        lambda s, a: tasks.cancel_task(s.store, a, TASK_IDS[0], reason="r", expected_version=1),
    ),
    "request reassignment": (
        "im1",
        lambda s, a: reassignment.request_reassignment(s.store, a, ["001000"], "im2", "workload"),
    ),
    "client view": ("im1", lambda s, a: clients.load_client_view(s.store, a, "001000", today=TODAY)),
    "staff create": (
        "admin",
        lambda s, a: staff.add_user(
            s.store,
            a,
            "newadmin",
            role="admin",
            display_name="新",
            branch_code="B001",
            password="Long-pass-9",
        ),
    ),
    "staff enable": ("admin", lambda s, a: staff.set_active(s.store, a, "admin", True)),
    "staff reset password": ("admin", lambda s, a: staff.reset_password(s.store, a, "bm", "Other-pass-7")),
    "staff list": ("admin", lambda s, a: staff.list_staff(s.store, a)),
    "letterhead change": (
        "bm",
        lambda s, a: staff.update_branch(s.store, a, "B001", name="改名", logo_png=PNG),
    ),
    "generate tasks": ("bm", lambda s, a: tasks.generate_tasks(s.store, a, TODAY)),
    "run scoring": ("bm", lambda s, a: scoring.run_scoring(s.store, a, TODAY)),
    "fill call-back pool": ("bm", lambda s, a: callbacks.generate_pool(s.store, a, TODAY)),
    "export complaints": ("bm", lambda s, a: complaints.export_rows(s.store, a)),
    "add complaint": (
        "bm",
        lambda s, a: complaints.add_complaint(
            s.store, a, "001000", channel="letter", category="service", summary="服务态度"
        ),
    ),
    "letter": ("im1", lambda s, a: letters.generate_letter(s.store, a, "001000", as_of=TODAY)),
    "own password change": (
        "bm",
        lambda s, a: staff.change_own_password(s.store, a, PASSWORD, "Brand-new-pw-1"),
    ),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_disabled_account_in_an_open_session_is_refused(seeded: Seed, name: str) -> None:
    who, call = CALLS[name]
    actor: Actor = getattr(seeded, who)
    TASK_IDS[:] = [add_task(seeded.store, seeded.clients["001000"], seeded.im1.id, "phone_call", TODAY, "k")]
    session = start_session(seeded.store, actor)
    try:
        _disable(seeded.store, actor.login)
        with seeded.store.engine.connect() as conn:
            before = (
                conn.execute(text("SELECT count(*) FROM touch")).scalar_one(),
                conn.execute(text("SELECT count(*) FROM staff")).scalar_one(),
                conn.execute(text("SELECT name FROM branch")).scalar_one(),
                conn.execute(text("SELECT password_hash FROM staff WHERE login = 'bm'")).scalar_one(),
            )
        with pytest.raises(SessionEnded) as info:
            call(seeded, actor)
        assert "重新登录" in info.value.message
        assert info.value.exit_code == 4
        with seeded.store.engine.connect() as conn:
            after = (
                conn.execute(text("SELECT count(*) FROM touch")).scalar_one(),
                conn.execute(text("SELECT count(*) FROM staff")).scalar_one(),
                conn.execute(text("SELECT name FROM branch")).scalar_one(),
                conn.execute(text("SELECT password_hash FROM staff WHERE login = 'bm'")).scalar_one(),
            )
        assert after == before
    finally:
        session.end()


def test_role_or_branch_change_ends_the_session(seeded: Seed) -> None:
    session = start_session(seeded.store, seeded.bm)
    try:
        session.check()  # still as signed in
        _behind_the_app(seeded.store, "UPDATE staff SET role = 'investment_manager' WHERE login = 'bm'")
        with pytest.raises(SessionEnded):
            session.check()
        with pytest.raises(SessionEnded):
            staff.update_branch(seeded.store, seeded.bm, "B001", name="改名")
        _behind_the_app(seeded.store, "UPDATE staff SET role = 'branch_manager' WHERE login = 'bm'")
        session.check()
        _behind_the_app(
            seeded.store,
            "INSERT INTO branch (code, name, version, created_at, updated_at) "
            "VALUES ('B002', 'x', 1, :t, :t)",
            t=datetime(2026, 1, 1, tzinfo=UTC),
        )
        _behind_the_app(seeded.store, "UPDATE staff SET branch_id = 2 WHERE login = 'bm'")
        with pytest.raises(SessionEnded):
            session.check()
    finally:
        session.end()


def test_an_ended_session_no_longer_guards_and_a_live_one_works(seeded: Seed) -> None:
    session = start_session(seeded.store, seeded.im1)
    touches.list_touches(seeded.store, seeded.im1)  # active: fine
    assert isinstance(session, SignedInSession) and session.is_open
    _disable(seeded.store, "im1")
    with pytest.raises(PermissionDenied):
        touches.list_touches(seeded.store, seeded.im2)  # the session on this store is im1's
    session.end()
    # After sign-out the store serves the next sign-in; im1 itself cannot sign in again.
    touches.list_touches(seeded.store, seeded.im2)
