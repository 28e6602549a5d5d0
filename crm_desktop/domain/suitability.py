"""The suitability rule (投资者适当性) as the regulation states it, pure: frames in, findings out.

Sources: 《证券期货投资者适当性管理办法》(CSRC, 2017) and the industry's implementation guideline
(中国证券业协会《证券经营机构投资者适当性管理实施指引（试行）》). docs/suitability.md explains each kind
and where the reading is the stricter one.

Every trade in the window and every current holding is an *event*: one client, one product, one
day, the product's rating R1–R5 and the board permission it needs (if any). Days are integers
(days since 1970-01-01) so that a 100,000-client branch is checked with array operations.

Findings (one row each):

* ``over_level`` — an ordinary investor's product rating is above their level (C equal to R is
  fine). ``warned`` is 1 when a special risk warning for that product, or for the board's
  permission, was confirmed on or before the event day, else 0.
* ``lowest_category`` — a client in the lowest risk-tolerance category traded or holds anything
  above R1. A warning does not cure it (it replaces ``over_level`` for that event).
* ``no_permission`` — the event is on a board whose permission the client had not opened on that
  day (the opening day itself counts as opened). Professional investors need permissions too.
* ``assessment_expired`` — the current assessment is past its validity on the as-of day (valid on
  its last day).

Professional investors (专业投资者) are outside the C/R matching. The profile in force for a trade
is the latest assessment on or before the trade day (the earliest on record when the trade is
older); for a holding and for expiry, the latest on or before the as-of day.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from crm_desktop.domain.vocabulary import FindingKind, Permission, ProductRating

VIOLATION_KINDS: tuple[FindingKind, ...] = (
    FindingKind.OVER_LEVEL,
    FindingKind.LOWEST_CATEGORY,
    FindingKind.NO_PERMISSION,
    FindingKind.ASSESSMENT_EXPIRED,
)
EPOCH = date(1970, 1, 1)
NO_DAY = -1
FINDING_COLUMNS = ("client_id", "kind", "code", "product_level", "client_level", "day", "warned")
PROFILE_COLUMNS = ("client_id", "level", "lowest", "assessed_on", "valid_until", "professional")
EVENT_COLUMNS = ("client_id", "code", "day", "rating", "permission", "holding")
PERMISSION_COLUMNS = ("client_id", "permission", "opened_on")
WARNING_COLUMNS = ("client_id", "subject", "confirmed_on")

# The exchanges put ST / *ST in front of the name of a stock under risk warning (风险警示).
_RISK_WARNING_PREFIXES = ("ST", "*ST", "S*ST", "SST")


class SuitabilityConfigError(ValueError):
    pass


def day_number(d: date) -> int:
    return (d - EPOCH).days


def from_day_number(n: int) -> date:
    return date.fromordinal(EPOCH.toordinal() + int(n))


def rating_value(code: str) -> int:
    """R1..R5 -> 1..5."""
    return int(ProductRating(code.upper())[1:])


@dataclass(frozen=True)
class SuitabilityConfig:
    """Defaults equal ``resources/config/suitability.toml``."""

    validity_years: int = 2
    invite_days_before: int = 30
    trade_window_days: int = 365
    # board (and the risk-warning flag) -> rating of a stock that is not in the product list
    stock_ratings: Mapping[str, str] = field(
        default_factory=lambda: {
            "main": "R3",
            "chinext": "R4",
            "star": "R4",
            "bse": "R4",
            "risk_warning": "R5",
        }
    )
    board_permissions: Mapping[str, str] = field(
        default_factory=lambda: {"chinext": "chinext", "star": "star", "bse": "bse"}
    )

    @classmethod
    def from_toml(cls, text: str) -> SuitabilityConfig:
        """Parse ``resources/config/suitability.toml``'s text (the caller reads the file)."""
        try:
            return cls.from_mapping(tomllib.loads(text))
        except tomllib.TOMLDecodeError as exc:
            raise SuitabilityConfigError(str(exc)) from exc

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> SuitabilityConfig:
        data = dict(data or {})
        d = cls()
        known = {
            "validity_years",
            "invite_days_before",
            "trade_window_days",
            "stock_ratings",
            "board_permissions",
        }
        unknown = set(data) - known
        if unknown:
            raise SuitabilityConfigError(f"unknown keys: {', '.join(sorted(unknown))}")
        cfg = cls(
            validity_years=int(data.get("validity_years", d.validity_years)),
            invite_days_before=int(data.get("invite_days_before", d.invite_days_before)),
            trade_window_days=int(data.get("trade_window_days", d.trade_window_days)),
            stock_ratings={**d.stock_ratings, **dict(data.get("stock_ratings", {}))},
            board_permissions=dict(data.get("board_permissions", d.board_permissions)),
        )
        cfg.validate()
        return cfg

    def validate(self) -> None:
        if not 1 <= self.validity_years <= 10:
            raise SuitabilityConfigError("validity_years must be between 1 and 10")
        if not 0 <= self.invite_days_before <= 365:
            raise SuitabilityConfigError("invite_days_before must be between 0 and 365")
        if not 1 <= self.trade_window_days <= 3660:
            raise SuitabilityConfigError("trade_window_days must be between 1 and 3660")
        for key, value in self.stock_ratings.items():
            if str(value).upper() not in ProductRating.__members__:
                raise SuitabilityConfigError(f"stock_ratings.{key} must be one of R1..R5, not {value!r}")
        for board, perm in self.board_permissions.items():
            if perm not in Permission.__members__.values():
                raise SuitabilityConfigError(f"board_permissions.{board}: unknown permission {perm!r}")

    def stock_rating(self, board: str | None, name: str | None) -> int:
        """The rating of a listed stock from its board and the risk-warning flag (the higher one wins)."""
        base = rating_value(self.stock_ratings.get(board or "main", self.stock_ratings["main"]))
        if is_risk_warning_name(name):
            return max(base, rating_value(self.stock_ratings["risk_warning"]))
        return base

    def permission_for(self, board: str | None) -> str:
        return self.board_permissions.get(board or "", "")


def is_risk_warning_name(name: str | None) -> bool:
    if not name:
        return False
    s = name.strip().upper()
    return s.startswith(_RISK_WARNING_PREFIXES)


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def default_valid_until(assessed_on: date, cfg: SuitabilityConfig) -> date:
    return add_years(assessed_on, cfg.validity_years)


Table = Mapping[str, Any]  # column name -> 1-D array (a dict of numpy arrays, or any column mapping)
_SHIFT = 1 << 20  # composite keys: client * _SHIFT + day (days stay below a million)
_NEVER = 1 << 40


def _col(t: Table, name: str, dtype: Any = None) -> np.ndarray:
    a = np.asarray(t[name])
    return a.astype(dtype) if dtype is not None else a


def _rows(t: Table) -> int:
    names = list(iter(t))
    return len(np.asarray(t[names[0]])) if names else 0


def _empty_findings() -> dict[str, np.ndarray]:
    return {
        "client_id": np.zeros(0, np.int64),
        "kind": np.zeros(0, object),
        "code": np.zeros(0, object),
        "product_level": np.zeros(0, np.int64),
        "client_level": np.zeros(0, np.int64),
        "day": np.zeros(0, np.int64),
        "warned": np.zeros(0, np.int64),
    }


@dataclass(frozen=True)
class _Profiles:
    """Assessments sorted by client and date, for lookups by (client, day)."""

    key: np.ndarray
    client: np.ndarray
    level: np.ndarray
    lowest: np.ndarray
    valid_until: np.ndarray
    professional: np.ndarray

    @classmethod
    def of(cls, t: Table) -> _Profiles:
        client = _col(t, "client_id", np.int64)
        assessed = np.maximum(_col(t, "assessed_on", np.int64), 0)
        order = np.lexsort((assessed, client))
        return cls(
            client[order] * _SHIFT + assessed[order],
            client[order],
            _col(t, "level", np.int64)[order],
            _col(t, "lowest", bool)[order],
            _col(t, "valid_until", np.int64)[order],
            _col(t, "professional", bool)[order],
        )

    def at(self, client: np.ndarray, day: np.ndarray) -> np.ndarray:
        """Index of the profile in force on ``day`` (the earliest for older days), -1 without any."""
        n = len(self.key)
        if n == 0:
            return np.full(len(client), -1, dtype=np.int64)
        i = np.searchsorted(self.key, client * _SHIFT + np.maximum(day, 0), side="right") - 1
        ok = (i >= 0) & (self.client[np.clip(i, 0, n - 1)] == client)
        first = np.searchsorted(self.key, client * _SHIFT, side="left")
        has = (first < n) & (self.client[np.clip(first, 0, n - 1)] == client)
        return np.where(ok, i, np.where(has, first, -1))


def _first_by_key(keys: np.ndarray, days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted unique keys and the earliest day of each."""
    if len(keys) == 0:
        return keys, days
    order = np.lexsort((days, keys))
    k, d = keys[order], days[order]
    first = np.concatenate(([True], k[1:] != k[:-1]))
    return k[first], d[first]


def _lookup(keys: np.ndarray, days: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """The day stored for each wanted key, _NEVER when absent."""
    if len(keys) == 0:
        return np.full(len(wanted), _NEVER, dtype=np.int64)
    i = np.clip(np.searchsorted(keys, wanted), 0, len(keys) - 1)
    return np.where(keys[i] == wanted, days[i], _NEVER)


def check(
    profiles: Table, events: Table, permissions: Table, warnings: Table, as_of: int
) -> dict[str, np.ndarray]:
    """Every violation among ``events`` plus expired assessments, as columns FINDING_COLUMNS.

    ``product_level``/``client_level`` are 1..5 (0 where not applicable), ``day`` is the trade day
    (NO_DAY for holdings and expiry) and ``warned`` is 1/0 for ``over_level`` and -1 otherwise.
    Rows are unordered: readers sort what they show.
    """
    prof = _Profiles.of(profiles)
    parts = [_expired(prof, as_of)]
    if _rows(events):
        parts.extend(_event_findings(prof, events, permissions, warnings, as_of))
    parts = [p for p in parts if len(p["client_id"])]
    if not parts:
        return _empty_findings()
    return {c: np.concatenate([p[c] for p in parts]) for c in FINDING_COLUMNS}


def _expired(prof: _Profiles, as_of: int) -> dict[str, np.ndarray]:
    clients = np.unique(prof.client)
    cur = prof.at(clients, np.full(len(clients), as_of, dtype=np.int64))
    late = (cur >= 0) & (prof.valid_until[np.maximum(cur, 0)] < as_of)
    n = int(late.sum())
    return {
        "client_id": clients[late],
        "kind": np.full(n, FindingKind.ASSESSMENT_EXPIRED.value, dtype=object),
        "code": np.full(n, "", dtype=object),
        "product_level": np.zeros(n, np.int64),
        "client_level": prof.level[cur[late]],
        "day": np.full(n, NO_DAY, dtype=np.int64),
        "warned": np.full(n, -1, dtype=np.int64),
    }


def _event_findings(
    prof: _Profiles, events: Table, permissions: Table, warnings: Table, as_of: int
) -> list[dict[str, np.ndarray]]:
    client = _col(events, "client_id", np.int64)
    day = _col(events, "day", np.int64)
    holding = _col(events, "holding", bool)
    code = _col(events, "code").astype(object)
    rating = _col(events, "rating", np.int64)
    perm = np.array(["" if p is None else str(p) for p in _col(events, "permission").tolist()], dtype=object)
    # Holdings are judged against today's profile; trades against the one in force on their day.
    p = prof.at(client, np.where(holding, np.int64(as_of), day))
    known = p >= 0
    pi = np.maximum(p, 0)
    level = prof.level[pi]
    ordinary = known & ~prof.professional[pi]
    lowest = prof.lowest[pi]
    day_out = np.where(holding, np.int64(NO_DAY), day)

    def frame(
        mask: np.ndarray, kind: FindingKind, warned: np.ndarray | None = None, with_levels: bool = True
    ) -> dict[str, np.ndarray]:
        n = int(mask.sum())
        return {
            "client_id": client[mask],
            "kind": np.full(n, kind.value, dtype=object),
            "code": code[mask],
            "product_level": rating[mask] if with_levels else np.zeros(n, np.int64),
            "client_level": level[mask] if with_levels else np.zeros(n, np.int64),
            "day": day_out[mask],
            "warned": warned[mask] if warned is not None else np.full(n, -1, np.int64),
        }

    out: list[dict[str, np.ndarray]] = []
    over = ordinary & ~lowest & (rating > level)
    if over.any():
        warned = np.full(len(client), -1, dtype=np.int64)
        warned[over] = _warned(client[over], code[over], perm[over], day[over], warnings)
        out.append(frame(over, FindingKind.OVER_LEVEL, warned))
    lowest_hit = ordinary & lowest & (rating > 1)
    if lowest_hit.any():
        out.append(frame(lowest_hit, FindingKind.LOWEST_CATEGORY))
    needs = known & (perm != "")
    if needs.any():
        opened = _opened_on(client, perm, permissions)
        lacking = needs & (opened > day)
        if lacking.any():
            out.append(frame(lacking, FindingKind.NO_PERMISSION, with_levels=False))
    return out


def _subject_ids(*arrays: np.ndarray) -> list[np.ndarray]:
    """Text subjects (codes, permission names) as small integers shared across the arrays."""
    joined = np.concatenate([a.astype(str) for a in arrays]) if arrays else np.zeros(0, str)
    _u, inv = np.unique(joined, return_inverse=True)
    out, start = [], 0
    for a in arrays:
        out.append(inv[start : start + len(a)].astype(np.int64))
        start += len(a)
    return out


def _warned(
    client: np.ndarray, code: np.ndarray, perm: np.ndarray, day: np.ndarray, warnings: Table
) -> np.ndarray:
    """1 where a warning for the product, or the board's permission, was confirmed by the event day."""
    if _rows(warnings) == 0:
        return np.zeros(len(client), dtype=np.int64)
    w_client = _col(warnings, "client_id", np.int64)
    w_subject = _col(warnings, "subject").astype(str)
    w_day = _col(warnings, "confirmed_on", np.int64)
    perm_subject = np.where(perm != "", np.char.add("perm:", perm.astype(str)), "")
    ws, cs, ps = _subject_ids(w_subject, code, perm_subject)
    keys, first = _first_by_key(w_client * _SHIFT + ws, w_day)
    best = np.minimum(
        _lookup(keys, first, client * _SHIFT + cs),
        np.where(perm != "", _lookup(keys, first, client * _SHIFT + ps), _NEVER),
    )
    return (best <= day).astype(np.int64)


def _opened_on(client: np.ndarray, perm: np.ndarray, permissions: Table) -> np.ndarray:
    """The day each event's needed permission was opened, _NEVER when never."""
    if _rows(permissions) == 0:
        return np.full(len(client), _NEVER, dtype=np.int64)
    p_client = _col(permissions, "client_id", np.int64)
    names, wanted = _subject_ids(_col(permissions, "permission").astype(str), perm.astype(str))
    keys, first = _first_by_key(p_client * _SHIFT + names, _col(permissions, "opened_on", np.int64))
    return _lookup(keys, first, client * _SHIFT + wanted)


def behaviour_inconsistent(declared_level: int, behaviour_level: int) -> bool:
    """The engine's behaviour-based signal: a service hint (行为与测评不一致), never a violation."""
    return 0 < declared_level < behaviour_level


def _table(columns: tuple[str, ...], rows: list[tuple[Any, ...]] | None) -> dict[str, np.ndarray]:
    rows = rows or []
    return {
        c: np.array([r[n] for r in rows], dtype=object if c in ("code", "permission", "subject") else None)
        if rows
        else np.zeros(0, dtype=object if c in ("code", "permission", "subject") else np.int64)
        for n, c in enumerate(columns)
    }


def profiles_frame(rows: list[tuple[Any, ...]] | None = None) -> dict[str, np.ndarray]:
    return _table(PROFILE_COLUMNS, rows)


def events_frame(rows: list[tuple[Any, ...]] | None = None) -> dict[str, np.ndarray]:
    return _table(EVENT_COLUMNS, rows)


def permissions_frame(rows: list[tuple[Any, ...]] | None = None) -> dict[str, np.ndarray]:
    return _table(PERMISSION_COLUMNS, rows)


def warnings_frame(rows: list[tuple[Any, ...]] | None = None) -> dict[str, np.ndarray]:
    return _table(WARNING_COLUMNS, rows)
