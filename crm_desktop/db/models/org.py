"""Branches and staff."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm_desktop.db.checks import enum_check
from crm_desktop.db.models.base import Base, Timestamps
from crm_desktop.domain.vocabulary import Role


class Branch(Timestamps, Base):
    __tablename__ = "branch"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(40))
    # PNG the branch can replace; letters fall back to the bundled logo when empty.
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Staff(Timestamps, Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(30))
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    hire_date: Mapped[date | None]
    # e.g. ["securities_practitioner", "investment_adviser"]: domain.vocabulary.Qualification values.
    qualifications: Mapped[list[str]] = mapped_column(default=list)
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    # 执业证书编号 of a registered investment adviser: advice touches and letters show it.
    adviser_reg_no: Mapped[str | None] = mapped_column(String(40))
    # None for staff imported from HR exports who have not been given a password yet: they cannot log in.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    # Set by an administrator (``--temporary``): the owner must choose a new password before acting.
    password_temporary: Mapped[bool] = mapped_column(default=False, server_default=false())
    version: Mapped[int] = mapped_column(default=1)

    branch: Mapped[Branch | None] = relationship(lazy="joined")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (enum_check("role", Role),)


class LoginThrottle(Base):
    """Failed sign-ins counted per login (delays, then a lockout an administrator lifts) and per
    workstation (delays only). A row per key; a successful sign-in clears its login's row."""

    __tablename__ = "login_throttle"

    id: Mapped[int] = mapped_column(primary_key=True)
    # "login" or "workstation"
    scope: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(100))
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime | None]
    locked_at: Mapped[datetime | None]

    __table_args__ = (UniqueConstraint("scope", "key", name="uq_login_throttle_scope_key"),)
