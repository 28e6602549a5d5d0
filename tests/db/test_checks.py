"""CHECK constraints on the coded columns: generated from the domain's enumerations, enforced by both backends."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import CheckConstraint, inspect, text
from sqlalchemy.exc import IntegrityError

from crm_desktop.db.models import Base
from crm_desktop.db.store import Store
from crm_desktop.domain.vocabulary import VOCABULARY
from tests.factories import Seed


def _model_checks() -> dict[tuple[str, str], set[str]]:
    out = {}
    for table in Base.metadata.tables.values():
        for c in table.constraints:
            if isinstance(c, CheckConstraint):
                out[(table.name, str(c.name))] = set(re.findall(r"'([^']*)'", str(c.sqltext)))
    return out


def test_every_check_allows_exactly_one_enumeration() -> None:
    checks = _model_checks()
    # rules that are not a list of codes: ranges and "a closed case has a conclusion"
    other = {
        ("callback_item", "ck_callback_item_sample_quarter"),
        ("callback_record", "ck_callback_record_satisfaction"),
        ("alert_case", "ck_alert_case_closed_has_conclusion"),
        ("complaint", "ck_complaint_resolved_complete"),
    }
    # coded columns, suitability tables, call-backs, client flow (#17), campaigns (#16), sign-in (#20)
    assert len(checks) == 59
    assert other <= set(checks)
    enums = [{m.value for m in e} for e in VOCABULARY]
    for name, allowed in checks.items():
        assert name in other or allowed in enums, name


def test_the_migrated_store_has_the_models_checks(store: Store) -> None:
    insp = inspect(store.engine)
    found = {}
    for table in Base.metadata.tables:
        for ck in insp.get_check_constraints(table):
            found[(table, ck["name"])] = set(re.findall(r"'([^']*)'", ck["sqltext"]))
    assert found == _model_checks()


@pytest.mark.parametrize(
    ("sql", "constraint"),
    [
        ("UPDATE client SET risk_level = 'C9' WHERE client_no = '001000'", "ck_client_risk_level"),
        ("UPDATE client SET client_type = 'person' WHERE client_no = '001000'", "ck_client_client_type"),
        ("UPDATE staff SET role = 'boss' WHERE login = 'im1'", "ck_staff_role"),
        ("INSERT INTO security (code, name, board) VALUES ('999999', 'X', 'nasdaq')", "ck_security_board"),
    ],
)
def test_a_bad_code_is_refused_by_the_store(seeded: Seed, sql: str, constraint: str) -> None:
    with pytest.raises(IntegrityError, match=constraint), seeded.store.transaction() as s:
        s.execute(text(sql))
    with seeded.store.transaction() as s:
        s.execute(
            text("UPDATE client SET risk_level = 'C5' WHERE client_no = '001000'")
        )  # a known code passes


def test_upgrade_names_unknown_codes_and_changes_nothing(db_url: str) -> None:
    from crm_desktop.db import migrate
    from crm_desktop.db.store import connect, resolve_url
    from crm_desktop.errors import StoreError

    engine = connect(resolve_url(db_url))
    try:
        migrate.upgrade(engine, "0001")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO security (code, name, board) VALUES ('000001', 'X', 'nasdaq')"))
        with pytest.raises(StoreError, match=r"security\.board: nasdaq"):
            migrate.upgrade(engine)
        assert migrate.current_revision(engine) == "0001"
        assert inspect(engine).get_check_constraints("security") == []
        with engine.begin() as conn:
            conn.execute(text("UPDATE security SET board = 'main'"))
        migrate.upgrade(engine)
        assert migrate.is_at_head(engine)
    finally:
        engine.dispose()
