"""Column types shared by the models: exact money, quantities, and UTC timestamps."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Numeric, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from crm_desktop import clock

# Money in yuan with fen precision; 18 digits hold any branch's totals.
MONEY = Numeric(18, 2, asdecimal=True)
# Share counts can be fractional for funds; prices carry up to 4 decimals (funds quote 3).
QUANTITY = Numeric(18, 2, asdecimal=True)
PRICE = Numeric(18, 4, asdecimal=True)
SCORE = Numeric(6, 2, asdecimal=True)
# Rates as fractions (a commission rate of 万2.5 is 0.000250).
RATE = Numeric(9, 6, asdecimal=True)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamps on every backend.

    SQLite has no time zone type, so values are normalised to UTC on the way in and given
    tzinfo=UTC on the way out; naive datetimes are refused rather than guessed at.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column; attach a time zone")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    return clock.now()


class EncryptedText(TypeDecorator[str]):
    """Personal data sealed with the store's key (crm_desktop.db.pii); services see plain text.

    Written values become ``v1:<key id>:<base64>`` tokens; writing without a key is refused (MissingKey), never
    stored in clear. A value that is not a token (a store not yet migrated) reads back as it is.
    SQL comparisons against the column cannot work (every token differs): search through the tail hash.
    """

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        from crm_desktop.db import pii

        if pii.is_token(value):
            return value
        return pii.require_keys().encrypt(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        from crm_desktop.db import pii

        if not pii.is_token(value):
            return str(value)
        return pii.require_keys().decrypt(value)
