"""The audit log's hash chain: each row carries the hash of the row before it and of its own content.

Changing, removing or inserting a row anywhere but at the end breaks the chain at that row, and
``crm audit verify`` names it. The hash covers what a row says (when, who, what, on which record,
the details) and the previous row's hash; the row id is not part of it (ids are the chain's order).
Pure: the store reads and writes the columns, this module only computes and compares.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

# The hash the first row of a chain points back to.
GENESIS = "0" * 64


def canonical_details(details: Any) -> str:
    """The details as one canonical JSON text (sorted keys, no spaces; dates and decimals as text)."""
    return json.dumps(details or {}, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def plain_details(details: Any) -> dict[str, Any]:
    """The details exactly as JSON gives them back, so the stored value hashes the same when read."""
    result: dict[str, Any] = json.loads(canonical_details(details))
    return result


def _moment(at: datetime) -> str:
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def row_hash(
    prev_hash: str,
    at: datetime,
    actor_id: int | None,
    action: str,
    entity_type: str,
    entity_id: str | None,
    details: Any,
) -> str:
    fields = [
        prev_hash,
        _moment(at),
        "" if actor_id is None else str(actor_id),
        action,
        entity_type,
        "" if entity_id is None else entity_id,
        canonical_details(details),
    ]
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainRow:
    id: int
    at: datetime
    actor_id: int | None
    action: str
    entity_type: str
    entity_id: str | None
    details: Any
    prev_hash: str | None
    row_hash: str | None


@dataclass(frozen=True)
class Break:
    row_id: int
    # "content": the row's own hash does not match what it says (the row was changed);
    # "link": it does not point at the row before it (a row was removed or inserted);
    # "unhashed": the row carries no hash (written behind the application's back).
    kind: str


def first_break(rows: Iterable[ChainRow], previous: str = GENESIS) -> tuple[int, Break | None]:
    """Walk ``rows`` in id order; the number of rows checked and the first broken one (None when whole)."""
    n = 0
    for r in rows:
        n += 1
        if r.row_hash is None or r.prev_hash is None:
            return n, Break(r.id, "unhashed")
        if r.prev_hash != previous:
            return n, Break(r.id, "link")
        if (
            row_hash(r.prev_hash, r.at, r.actor_id, r.action, r.entity_type, r.entity_id, r.details)
            != r.row_hash
        ):
            return n, Break(r.id, "content")
        previous = r.row_hash
    return n, None
