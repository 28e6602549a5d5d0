"""Builders for test data that go through the real services where one exists."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from crm_desktop.db.models import Client
from crm_desktop.db.store import Store
from crm_desktop.services import staff
from crm_desktop.services.auth import Actor, login

PASSWORD = "secret-pw"


@dataclass
class Seed:
    store: Store
    branch_id: int
    admin: Actor
    bm: Actor
    im1: Actor
    im2: Actor
    # client_no -> id
    clients: dict[str, int] = field(default_factory=dict)


def add_client(
    store: Store,
    client_no: str,
    *,
    branch_id: int,
    manager_id: int | None,
    name: str = "张三",
    open_date: date = date(2020, 1, 2),
    risk_level: str = "C3",
    **extra: object,
) -> int:
    with store.transaction() as s:
        c = Client(
            client_no=client_no,
            name=name,
            client_type=str(extra.pop("client_type", "individual")),
            id_number=str(extra.pop("id_number", "110105199001011234")),
            phone=str(extra.pop("phone", "13812345678")),
            email=str(extra.pop("email", "zhang@example.com")),
            address=extra.pop("address", "北京市西城区金融大街2号3单元"),
            birth_date=extra.pop("birth_date", date(1990, 1, 1)),
            open_date=open_date,
            risk_level=risk_level,
            risk_assessed_on=extra.pop("risk_assessed_on", date(2025, 1, 1)),
            status=str(extra.pop("status", "active")),
            branch_id=branch_id,
            manager_id=manager_id,
            assigned_on=open_date,
        )
        s.add(c)
        s.flush()
        return c.id


def seed_branch(store: Store) -> Seed:
    staff.add_branch(store, None, "B001", "测试营业部", "北京市西城区金融大街1号", "010-12345678")
    staff.add_user(
        store, None, "admin", role="admin", display_name="管理员", branch_code="B001", password=PASSWORD
    )
    admin = login(store, "admin", PASSWORD)
    staff.add_user(
        store,
        admin,
        "bm",
        role="branch_manager",
        display_name="王经理",
        branch_code="B001",
        password=PASSWORD,
    )
    staff.add_user(
        store,
        admin,
        "im1",
        role="investment_manager",
        display_name="李投顾",
        branch_code="B001",
        password=PASSWORD,
        hire_date=date(2015, 3, 1),
        qualifications=["securities_practitioner", "investment_adviser"],
    )
    staff.add_user(
        store,
        admin,
        "im2",
        role="investment_manager",
        display_name="赵经理",
        branch_code="B001",
        password=PASSWORD,
        hire_date=date(2022, 7, 1),
        qualifications=["securities_practitioner"],
    )
    seed = Seed(
        store,
        1,
        admin,
        login(store, "bm", PASSWORD),
        login(store, "im1", PASSWORD),
        login(store, "im2", PASSWORD),
    )
    for i in range(6):
        no = f"00{1000 + i}"
        mgr = seed.im1.id if i < 4 else seed.im2.id
        seed.clients[no] = add_client(
            store, no, branch_id=1, manager_id=mgr, name=["张三", "李四", "王五", "赵六", "钱七", "孙八"][i]
        )
    return seed


def money(v: str | int) -> Decimal:
    return Decimal(str(v))
