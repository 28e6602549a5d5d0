"""CHECK constraints for the coded columns, generated from the domain's enumerations.

The store then refuses a code the program does not know, whoever writes it (the ORM, a bulk insert,
a hand-run SQL statement), on SQLite and PostgreSQL alike. Adding a member to an enumeration changes
the constraint: it needs a migration (see ``db/migrations/versions/0002_coded_column_checks.py``).
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import CheckConstraint


def enum_condition(column: str, enum: type[StrEnum]) -> str:
    """``column IN ('a', 'b')``; a NULL passes, as SQL CHECK semantics say (nullable columns stay optional)."""
    values = ", ".join("'" + m.value.replace("'", "''") + "'" for m in enum)
    return f"{column} IN ({values})"


def enum_check(column: str, enum: type[StrEnum]) -> CheckConstraint:
    """The constraint for one coded column; the naming convention makes its name ``ck_<table>_<column>``."""
    return CheckConstraint(enum_condition(column, enum), name=column)
