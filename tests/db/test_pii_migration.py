"""Migration 0013 seals the personal data already in a store, and its downgrade opens it again (issue #20)."""

from __future__ import annotations

from sqlalchemy import text

from crm_desktop.db import migrate, pii
from crm_desktop.db.store import connect, resolve_url

PHONE = "13812345678"
ID_NUMBER = "110105199001011234"


def test_0013_seals_existing_values_and_downgrade_opens_them(db_url: str) -> None:
    engine = connect(resolve_url(db_url))
    keys = pii.KeySet(pii.PiiKey.generate())
    try:
        with pii.use_keys(keys):
            migrate.upgrade(engine, "0010")
            with engine.begin() as conn:
                conn.execute(
                    text(
                        "INSERT INTO branch (id, code, name, version, created_at, updated_at) VALUES (1, 'B001', 'b', 1, '2020-01-01 00:00:00', '2020-01-01 00:00:00')"
                    )
                )
                conn.execute(
                    text(
                        "INSERT INTO client (id, client_no, name, client_type, id_number, phone, email, open_date, "
                        "risk_level, status, branch_id, version, created_at, updated_at) VALUES "
                        "(:id, :no, 'n', 'individual', :idn, :phone, :mail, '2020-01-01', 'C3', 'active', 1, 1, "
                        "'2020-01-01 00:00:00', '2020-01-01 00:00:00')"
                    ),
                    [
                        {"id": 1, "no": "001", "idn": ID_NUMBER, "phone": PHONE, "mail": "a@b.cn"},
                        {"id": 2, "no": "002", "idn": None, "phone": None, "mail": None},
                    ],
                )
            migrate.upgrade(engine)
            with engine.connect() as conn:
                row = conn.execute(
                    text(
                        "SELECT id_number, phone, email, phone_tail, id_tail, phone_masked FROM client WHERE id = 1"
                    )
                ).one()
                empty = conn.execute(
                    text("SELECT id_number, phone, phone_tail FROM client WHERE id = 2")
                ).one()
            assert all(pii.is_token(v) for v in row[:3])
            assert [keys.decrypt(v) for v in row[:3]] == [ID_NUMBER, PHONE, "a@b.cn"]
            assert row[3] == keys.tail_hash(PHONE) and row[4] == keys.tail_hash(ID_NUMBER)
            assert row[5] == "138****5678"
            assert tuple(empty) == (None, None, None)
            migrate.downgrade(engine, "0010")
            with engine.connect() as conn:
                back = conn.execute(text("SELECT id_number, phone, email FROM client WHERE id = 1")).one()
            assert tuple(back) == (ID_NUMBER, PHONE, "a@b.cn")
    finally:
        engine.dispose()
