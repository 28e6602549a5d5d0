"""campaign_target's references hold on both backends: foreign keys on SQLite, set-wise checks on PostgreSQL (0014).

Every reference (campaign, client, manager, task, touch) must name an existing row when written, and a row
that a target refers to can be neither deleted nor given another id.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import insert, select, text
from sqlalchemy.exc import IntegrityError

from crm_desktop.db.models import Staff
from crm_desktop.services import campaigns
from tests.factories import Seed, add_client

MISSING = 987654


def _campaign_with_one_target(seeded: Seed) -> tuple[int, int]:
    cid = add_client(seeded.store, "009001", branch_id=seeded.branch_id, manager_id=seeded.im1.id)
    summary = campaigns.create_campaign(
        seeded.store,
        seeded.bm,
        name="引用",
        filter_text="",
        start=date(2026, 12, 1),
        end=date(2026, 12, 31),
    )
    return summary.campaign_id, cid


def _fails(seeded: Seed, sql: str, **params: object) -> None:
    with pytest.raises(IntegrityError), seeded.store.engine.begin() as conn:
        conn.execute(text(sql), params)


@pytest.mark.parametrize(
    ("column", "value"),
    [("campaign_id", MISSING), ("client_id", MISSING), ("manager_id", MISSING)],
)
def test_a_target_row_naming_a_missing_row_is_refused(seeded: Seed, column: str, value: int) -> None:
    campaign_id, client_id = _campaign_with_one_target(seeded)
    row = {"campaign_id": campaign_id, "client_id": client_id, "manager_id": seeded.im1.id}
    with seeded.store.engine.begin() as conn:  # the same row with every reference present is accepted
        conn.execute(text("DELETE FROM campaign_target WHERE client_id = :c"), {"c": client_id})
        conn.execute(
            text(
                "INSERT INTO campaign_target (campaign_id, client_id, manager_id, status) "
                "VALUES (:campaign_id, :client_id, :manager_id, 'targeted')"
            ),
            row,
        )
        conn.execute(text("DELETE FROM campaign_target WHERE client_id = :c"), {"c": client_id})
    row[column] = value
    _fails(
        seeded,
        "INSERT INTO campaign_target (campaign_id, client_id, manager_id, status) "
        "VALUES (:campaign_id, :client_id, :manager_id, 'targeted')",
        **row,
    )


@pytest.mark.parametrize("column", ["task_id", "touch_id", "manager_id", "client_id", "campaign_id"])
def test_an_update_to_a_missing_row_is_refused(seeded: Seed, column: str) -> None:
    campaign_id, client_id = _campaign_with_one_target(seeded)
    _fails(
        seeded,
        f"UPDATE campaign_target SET {column} = :v WHERE campaign_id = :k AND client_id = :c",
        v=MISSING,
        k=campaign_id,
        c=client_id,
    )


def _spare_staff(seeded: Seed, login: str) -> int:
    with seeded.store.transaction() as s:
        s.execute(
            insert(Staff),
            [
                {
                    "login": login,
                    "display_name": "备用",
                    "role": "investment_manager",
                    "branch_id": seeded.branch_id,
                    "qualifications": [],
                    "password_hash": None,
                }
            ],
        )
        return int(s.scalars(select(Staff.id).where(Staff.login == login)).one())


@pytest.mark.parametrize("table", ["client", "campaign", "staff"])
def test_a_row_a_target_refers_to_cannot_go_or_change_its_id(seeded: Seed, table: str) -> None:
    campaign_id, client_id = _campaign_with_one_target(seeded)
    ident = {"client": client_id, "campaign": campaign_id}.get(table)
    if table == "staff":  # a manager only this target refers to
        ident = _spare_staff(seeded, "spare1")
        with seeded.store.engine.begin() as conn:
            conn.execute(
                text("UPDATE campaign_target SET manager_id = :m WHERE client_id = :c"),
                {"m": ident, "c": client_id},
            )
    _fails(seeded, f"UPDATE {table} SET id = :new WHERE id = :id", new=MISSING, id=ident)
    _fails(seeded, f"DELETE FROM {table} WHERE id = :id", id=ident)


def test_rows_no_target_refers_to_can_still_go(seeded: Seed) -> None:
    """The checks look at the ids concerned only: unreferenced rows are deleted as before."""
    _campaign_with_one_target(seeded)
    spare = add_client(seeded.store, "009002", branch_id=seeded.branch_id, manager_id=None)
    staff = _spare_staff(seeded, "spare2")
    with seeded.store.engine.begin() as conn:
        assert conn.execute(text("DELETE FROM client WHERE id = :id"), {"id": spare}).rowcount == 1
        assert conn.execute(text("DELETE FROM staff WHERE id = :id"), {"id": staff}).rowcount == 1
