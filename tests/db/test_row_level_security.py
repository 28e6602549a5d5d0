"""PostgreSQL row-level security (issue #21): the database keeps branches apart even when a query forgets to.

The test server's login is a superuser, whom row-level security never binds; the application must not
connect as one. So these tests connect as an ordinary role (``crm_rls_app``, created once on the server,
granted the test schema's tables) — the deployment's application role — and run raw SQL, bypassing every
filter of the service layer.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from crm_desktop.db import rls
from crm_desktop.db.models import ServiceTask, Touch
from crm_desktop.db.store import Store, open_store
from crm_desktop.services import staff
from crm_desktop.services.auth import Actor, db_scope, login, start_session
from tests.conftest import PG_URL
from tests.factories import PASSWORD, add_client

pytestmark = pytest.mark.pg

APP_ROLE = "crm_rls_app"


def _schema(url: str) -> str:
    options = str(make_url(url).query["options"])
    return options.split("search_path=", 1)[1].split()[0]


def _grant_app_role(url: str) -> None:
    schema = _schema(url)
    engine = create_engine(PG_URL)
    try:
        with engine.begin() as conn:
            # Roles are server-wide and tests run in parallel: create it once, whoever comes first.
            conn.execute(
                text(
                    "DO $$ BEGIN CREATE ROLE " + APP_ROLE + " NOLOGIN NOSUPERUSER NOBYPASSRLS; "
                    "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
                )
            )
        with engine.begin() as conn:
            conn.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO {APP_ROLE}'))
            conn.execute(
                text(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{schema}" TO {APP_ROLE}')
            )
            conn.execute(text(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO {APP_ROLE}'))
    finally:
        engine.dispose()


def _as_app_role(url: str) -> str:
    u = make_url(url)
    options = f"{u.query['options']} -crole={APP_ROLE}"
    return u.update_query_dict({"options": options}).render_as_string(hide_password=False)


class TwoBranches:
    def __init__(self, owner: Store) -> None:
        staff.add_branch(owner, None, "A01", "甲营业部", "北京", "010-1")
        staff.add_branch(owner, None, "B01", "乙营业部", "上海", "021-1")
        staff.add_user(
            owner, None, "admin", role="admin", display_name="管理员", branch_code=None, password=PASSWORD
        )
        admin = login(owner, "admin", PASSWORD)
        for name, role, branch in (
            ("bm_a", "branch_manager", "A01"),
            ("bm_b", "branch_manager", "B01"),
            ("im_a", "investment_manager", "A01"),
            ("im_b", "investment_manager", "B01"),
            ("hq", "head_office", None),
        ):
            staff.add_user(
                owner, admin, name, role=role, display_name=name, branch_code=branch, password=PASSWORD
            )
        self.admin = admin
        self.bm_a, self.bm_b, self.im_a, self.im_b, self.hq = (
            login(owner, n, PASSWORD) for n in ("bm_a", "bm_b", "im_a", "im_b", "hq")
        )
        self.a = self.bm_a.branch_id
        self.b = self.bm_b.branch_id
        assert self.a is not None and self.b is not None
        self.client_a = add_client(owner, "A0001", branch_id=self.a, manager_id=self.im_a.id, name="甲一")
        self.client_a2 = add_client(owner, "A0002", branch_id=self.a, manager_id=self.im_a.id, name="甲二")
        self.client_b = add_client(owner, "B0001", branch_id=self.b, manager_id=self.im_b.id, name="乙一")
        when = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
        with owner.transaction() as s:
            for cid, mgr in ((self.client_a, self.im_a.id), (self.client_b, self.im_b.id)):
                task = ServiceTask(
                    client_id=cid,
                    manager_id=mgr,
                    task_type="phone_call",
                    source="recurring",
                    due_date=date(2026, 3, 5),
                    dedupe_key=f"t-{cid}",
                )
                s.add(task)
                s.add(
                    Touch(
                        client_id=cid,
                        manager_id=mgr,
                        touch_type="phone_call",
                        channel="phone",
                        occurred_at=when,
                        summary="问候",
                    )
                )


@pytest.fixture
def stores(pg_url: str) -> Iterator[tuple[Store, Store, TwoBranches]]:
    owner = open_store(pg_url, upgrade=True)
    data = TwoBranches(owner)
    _grant_app_role(pg_url)
    app = open_store(_as_app_role(pg_url), upgrade=False)
    try:
        yield owner, app, data
    finally:
        app.dispose()
        owner.dispose()


def _count(app: Store, scope: rls.Scope, table: str, where: str = "") -> int:
    with app.transaction() as s:
        rls.apply(s, scope)
        return int(s.execute(text(f"SELECT count(*) FROM {table} {where}")).scalar_one())


def test_the_app_role_is_bound_and_every_policed_table_forces_it(
    stores: tuple[Store, Store, TwoBranches],
) -> None:
    _owner, app, _data = stores
    with app.read() as s:
        assert s.execute(text("SELECT current_user")).scalar_one() == APP_ROLE
        assert all(rls.active(s, t) for t in rls.POLICED)
        forced = dict(
            s.execute(
                text(
                    "SELECT c.relname, c.relforcerowsecurity FROM pg_class c "
                    "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'"
                )
            ).all()
        )
    assert {t: forced[t] for t in rls.POLICED} == dict.fromkeys(rls.POLICED, True)


def test_a_raw_select_in_a_branch_session_sees_no_other_branch(
    stores: tuple[Store, Store, TwoBranches],
) -> None:
    _owner, app, d = stores
    a = rls.Scope.branch(d.a)
    assert _count(app, a, "client") == 2
    assert _count(app, a, "client", f"WHERE branch_id = {d.b}") == 0
    assert _count(app, a, "service_task") == 1
    assert _count(app, a, "touch") == 1
    assert _count(app, a, "service_task", f"WHERE client_id = {d.client_b}") == 0
    assert _count(app, a, "touch", f"WHERE client_id = {d.client_b}") == 0
    # a join that "forgets" the branch filter
    with app.transaction() as s:
        rls.apply(s, a)
        rows = s.execute(
            text("SELECT c.client_no FROM touch t JOIN client c ON c.id = t.client_id ORDER BY 1")
        ).all()
    assert [r[0] for r in rows] == ["A0001"]
    b = rls.Scope.branch(d.b)
    assert _count(app, b, "client") == 1
    assert _count(app, b, "touch") == 1


def test_no_scope_sees_nothing_and_the_setting_ends_with_its_transaction(
    stores: tuple[Store, Store, TwoBranches],
) -> None:
    _owner, app, d = stores
    assert _count(app, rls.NOTHING, "client") == 0
    with app.transaction() as s:
        rls.apply(s, rls.Scope.branch(d.a))
        assert s.execute(text("SELECT count(*) FROM client")).scalar_one() == 2
    # the same pooled connection, a new transaction that sets nothing: nothing is carried over
    with app.transaction() as s:
        assert s.execute(text("SELECT count(*) FROM client")).scalar_one() == 0
        assert s.execute(text("SELECT count(*) FROM touch")).scalar_one() == 0


def test_a_branch_session_cannot_write_another_branch(stores: tuple[Store, Store, TwoBranches]) -> None:
    owner, app, d = stores
    a = rls.Scope.branch(d.a)
    with app.transaction() as s:
        rls.apply(s, a)
        assert s.execute(text("UPDATE client SET name = 'x' WHERE id = :i"), {"i": d.client_b}).rowcount == 0
        assert s.execute(text("DELETE FROM touch WHERE client_id = :i"), {"i": d.client_b}).rowcount == 0
        assert (
            s.execute(
                text("UPDATE service_task SET note = 'x' WHERE client_id = :i"), {"i": d.client_b}
            ).rowcount
            == 0
        )
    for sql, params in (
        # a touch on another branch's client
        (
            "INSERT INTO touch (client_id, touch_type, channel, occurred_at, summary, checklist, status, "
            "revision, version, created_at, updated_at) VALUES (:c, 'phone_call', 'phone', now(), '', '{}', "
            "'active', 1, 1, now(), now())",
            {"c": d.client_b},
        ),
        # moving one's own client into the other branch
        ("UPDATE client SET branch_id = :b WHERE id = :i", {"b": d.b, "i": d.client_a}),
    ):
        with pytest.raises(DBAPIError, match="row-level security"), app.transaction() as s:
            rls.apply(s, a)
            s.execute(text(sql), params)
    with owner.read() as s:
        assert (
            s.execute(text("SELECT name FROM client WHERE id = :i"), {"i": d.client_b}).scalar_one() == "乙一"
        )
        assert s.execute(text("SELECT count(*) FROM touch")).scalar_one() == 2
        assert (
            s.execute(text("SELECT branch_id FROM client WHERE id = :i"), {"i": d.client_a}).scalar_one()
            == d.a
        )
    # its own branch it writes
    with app.transaction() as s:
        rls.apply(s, a)
        assert (
            s.execute(text("UPDATE client SET name = '甲一改' WHERE id = :i"), {"i": d.client_a}).rowcount
            == 1
        )


def test_head_office_reads_every_branch_and_writes_none(stores: tuple[Store, Store, TwoBranches]) -> None:
    owner, app, d = stores
    hq = rls.Scope.head_office()
    assert _count(app, hq, "client") == 3
    assert _count(app, hq, "touch") == 2
    assert _count(app, hq, "service_task") == 2
    with app.transaction() as s:
        rls.apply(s, hq)
        assert s.execute(text("UPDATE client SET name = 'x'")).rowcount == 0
        assert s.execute(text("DELETE FROM service_task")).rowcount == 0
    with pytest.raises(DBAPIError, match="row-level security"), app.transaction() as s:
        rls.apply(s, hq)
        s.execute(
            text(
                "INSERT INTO service_task (client_id, task_type, source, due_date, status, dedupe_key, version, "
                "created_at, updated_at) VALUES (:c, 'phone_call', 'recurring', '2026-03-09', 'open', 'hq', 1, now(), now())"
            ),
            {"c": d.client_a},
        )
    with owner.read() as s:
        assert s.execute(text("SELECT count(*) FROM service_task")).scalar_one() == 2


def test_the_signed_in_session_sets_the_scope_of_every_unit_of_work(
    stores: tuple[Store, Store, TwoBranches],
) -> None:
    _owner, app, d = stores
    assert db_scope(d.bm_a) == rls.Scope.branch(d.a)
    assert db_scope(d.hq) == rls.Scope.head_office()
    assert db_scope(d.admin) == rls.Scope.firm()

    def clients(actor: Actor) -> list[str]:
        session = start_session(app, actor)
        try:
            with app.read() as s:
                got = [r[0] for r in s.execute(text("SELECT client_no FROM client ORDER BY 1"))]
            with app.transaction() as s:
                assert [r[0] for r in s.execute(text("SELECT client_no FROM client ORDER BY 1"))] == got
            return got
        finally:
            session.end()

    assert clients(d.im_a) == ["A0001", "A0002"]
    assert clients(d.bm_b) == ["B0001"]
    assert clients(d.hq) == ["A0001", "A0002", "B0001"]


def test_bulk_copy_under_row_level_security_checks_every_row(
    stores: tuple[Store, Store, TwoBranches],
) -> None:
    _owner, app, d = stores
    cols = ("client_id", "kind", "code", "as_of")
    with app.transaction() as s:
        rls.apply(s, rls.Scope.branch(d.a))
        rls.copy_rows(s, "suitability_finding", cols, [(d.client_a, "over_level", "", "2026-03-02")])
    assert _count(app, rls.Scope.branch(d.a), "suitability_finding") == 1
    with pytest.raises(DBAPIError, match="row-level security"), app.transaction() as s:
        rls.apply(s, rls.Scope.branch(d.a))
        rls.copy_rows(s, "suitability_finding", cols, [(d.client_b, "over_level", "", "2026-03-02")])
    assert _count(app, rls.Scope.head_office(), "suitability_finding") == 1


OWNER_ROLE = "crm_rls_owner"


def test_a_non_superuser_owner_migrates_and_loads_the_demo_under_forced_policies(pg_url: str) -> None:
    """The README's deployment: the application's login owns the tables (not a superuser), so the forced
    policies bind it too. Migrations and the demo load (no signed-in person) run in the firm's scope;
    a signed-in branch manager then sees their branch."""
    from crm_desktop.demo.setup import score_and_plan
    from crm_desktop.services.auth import login

    schema = _schema(pg_url)
    engine = create_engine(PG_URL)
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "DO $$ BEGIN CREATE ROLE " + OWNER_ROLE + " NOLOGIN NOSUPERUSER NOBYPASSRLS; "
                    "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
                )
            )
        with engine.begin() as conn:
            conn.execute(text(f'GRANT ALL ON SCHEMA "{schema}" TO {OWNER_ROLE}'))
    finally:
        engine.dispose()
    u = make_url(pg_url)
    url = u.update_query_dict({"options": f"{u.query['options']} -crole={OWNER_ROLE}"}).render_as_string(
        hide_password=False
    )
    from crm_desktop.demo.generator import generate_demo

    store = open_store(url, upgrade=True)
    try:
        with store.read() as s:
            assert s.execute(text("SELECT current_user")).scalar_one() == OWNER_ROLE
            assert rls.active(s, "client")  # the owner is bound: the policies are forced
            assert s.execute(text("SELECT count(*) FROM client")).scalar_one() == 0
        result = generate_demo(store, clients=120, seed=3)
        score_and_plan(store, result.as_of)
        bm = login(store, "bm", "demo1234")
        assert bm.branch_id is not None
        session = start_session(store, bm)
        try:
            with store.read() as s:
                n = s.execute(text("SELECT count(*) FROM client")).scalar_one()
                scored = s.execute(text("SELECT count(*) FROM client_score")).scalar_one()
        finally:
            session.end()
        assert n == 120 and scored > 0
        with store.read() as s:  # no one signed in: nothing
            assert s.execute(text("SELECT count(*) FROM client")).scalar_one() == 0
    finally:
        store.dispose()
