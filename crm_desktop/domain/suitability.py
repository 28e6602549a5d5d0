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
import pandas as pd

from crm_desktop.domain.vocabulary import FindingKind, Permission, ProductRating

VIOLATION_KINDS: tuple[FindingKind, ...] = (
    FindingKind.OVER_LEVEL, FindingKind.LOWEST_CATEGORY, FindingKind.NO_PERMISSION, FindingKind.ASSESSMENT_EXPIRED)
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
    stock_ratings: Mapping[str, str] = field(default_factory=lambda: {
        "main": "R3", "chinext": "R4", "star": "R4", "bse": "R4", "risk_warning": "R5"})
    board_permissions: Mapping[str, str] = field(default_factory=lambda: {
        "chinext": "chinext", "star": "star", "bse": "bse"})

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
        known = {"validity_years", "invite_days_before", "trade_window_days", "stock_ratings", "board_permissions"}
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


def _empty_findings() -> pd.DataFrame:
    return pd.DataFrame({
        "client_id": np.zeros(0, np.int64), "kind": np.zeros(0, object), "code": np.zeros(0, object),
        "product_level": np.zeros(0, np.int64), "client_level": np.zeros(0, np.int64),
        "day": np.zeros(0, np.int64), "warned": np.zeros(0, np.int64)})


def _profile_at(events: pd.DataFrame, profiles: pd.DataFrame, day_col: str) -> pd.DataFrame:
    """Each event with the profile in force on ``day_col`` (the earliest one for older events)."""
    prof = profiles.sort_values("assessed_on", kind="stable")
    ev = events.reset_index(drop=True)
    ev["_pos"] = np.arange(len(ev))
    ev = ev.sort_values(day_col, kind="stable")
    cols = ["client_id", "assessed_on", "level", "lowest", "valid_until", "professional"]
    back = pd.merge_asof(ev, prof[cols], left_on=day_col, right_on="assessed_on", by="client_id",
                         direction="backward")
    missing = back["level"].isna().to_numpy()
    if missing.any():
        fwd = pd.merge_asof(ev, prof[cols], left_on=day_col, right_on="assessed_on", by="client_id",
                            direction="forward")
        for c in ("assessed_on", "level", "lowest", "valid_until", "professional"):
            back.loc[missing, c] = fwd.loc[missing, c].to_numpy()
    back = back.sort_values("_pos", kind="stable").drop(columns="_pos").reset_index(drop=True)
    return back


def _warned(ev: pd.DataFrame, warnings: pd.DataFrame) -> np.ndarray:
    """1 where a warning for the product, or the board's permission, was confirmed by the event day."""
    day = ev["day"].to_numpy(np.int64)
    if warnings.empty:
        return np.zeros(len(ev), dtype=np.int64)
    first = (warnings.groupby(["client_id", "subject"], sort=False)["confirmed_on"].min()
             .rename("confirmed").reset_index())
    never = 2**40  # later than any day; exact as a float, unlike int64's maximum
    best = np.full(len(ev), never, dtype=np.int64)
    perm = ev["permission"].fillna("").astype(str)
    for subject in (ev["code"].astype(str), ("perm:" + perm).where(perm != "", "")):
        keys = pd.DataFrame({"client_id": ev["client_id"].to_numpy(np.int64), "subject": subject.to_numpy()})
        hit = keys.merge(first, on=["client_id", "subject"], how="left")["confirmed"]
        best = np.minimum(best, hit.fillna(never).to_numpy(np.int64))
    return (best <= day).astype(np.int64)


def check(profiles: pd.DataFrame, events: pd.DataFrame, permissions: pd.DataFrame, warnings: pd.DataFrame,
          as_of: int) -> pd.DataFrame:
    """Every violation among ``events`` plus expired assessments, as a frame of FINDING_COLUMNS.

    ``product_level``/``client_level`` are 1..5 (0 where not applicable), ``day`` is the trade day
    (NO_DAY for holdings and expiry) and ``warned`` is 1/0 for ``over_level`` and -1 otherwise.
    """
    parts: list[pd.DataFrame] = []
    if not profiles.empty:
        parts.append(_expired(profiles, as_of))
    if not events.empty and not profiles.empty:
        parts.extend(_event_findings(profiles, events, permissions, warnings, as_of))
    parts = [p for p in parts if not p.empty]
    if not parts:
        return _empty_findings()
    # Unordered: readers sort what they show, and sorting 10^6 rows by a text column costs more than
    # the rule itself.
    return pd.concat(parts, ignore_index=True)[list(FINDING_COLUMNS)]


def _expired(profiles: pd.DataFrame, as_of: int) -> pd.DataFrame:
    clients = pd.DataFrame({"client_id": profiles["client_id"].unique()})
    clients["_as_of"] = np.int64(as_of)
    cur = _profile_at(clients, profiles, "_as_of")
    late = cur[cur["valid_until"].astype(np.int64) < as_of]
    return pd.DataFrame({
        "client_id": late["client_id"].astype(np.int64).to_numpy(),
        "kind": FindingKind.ASSESSMENT_EXPIRED.value, "code": "",
        "product_level": np.int64(0), "client_level": late["level"].astype(np.int64).to_numpy(),
        "day": np.int64(NO_DAY), "warned": np.int64(-1)})


def _event_findings(profiles: pd.DataFrame, events: pd.DataFrame, permissions: pd.DataFrame,
                    warnings: pd.DataFrame, as_of: int) -> list[pd.DataFrame]:
    ev = events.copy()
    ev["day"] = ev["day"].astype(np.int64)
    holding = ev["holding"].astype(bool).to_numpy()
    # Holdings are judged against today's profile; trades against the one in force on their day.
    ev["_lookup"] = np.where(holding, np.int64(as_of), ev["day"].to_numpy())
    ev = _profile_at(ev, profiles, "_lookup")
    known = ev["level"].notna().to_numpy()
    ev = ev[known].reset_index(drop=True)
    holding = ev["holding"].astype(bool).to_numpy()
    level = ev["level"].astype(np.int64).to_numpy()
    rating = ev["rating"].astype(np.int64).to_numpy()
    ordinary = ~ev["professional"].astype(bool).to_numpy()
    lowest = ev["lowest"].astype(bool).to_numpy()
    day_out = np.where(holding, np.int64(NO_DAY), ev["day"].to_numpy())
    out: list[pd.DataFrame] = []

    def frame(mask: np.ndarray, kind: FindingKind, warned: np.ndarray | int = -1,
              with_levels: bool = True) -> pd.DataFrame:
        return pd.DataFrame({
            "client_id": ev["client_id"].to_numpy()[mask].astype(np.int64),
            "kind": kind.value, "code": ev["code"].to_numpy()[mask],
            "product_level": rating[mask] if with_levels else np.int64(0),
            "client_level": level[mask] if with_levels else np.int64(0),
            "day": day_out[mask],
            "warned": warned[mask] if isinstance(warned, np.ndarray) else np.int64(warned)})

    lowest_hit = ordinary & lowest & (rating > 1)
    over = ordinary & ~lowest & (rating > level)
    if over.any():
        warned = np.full(len(ev), -1, dtype=np.int64)
        warned[over] = _warned(ev[over], warnings)
        out.append(frame(over, FindingKind.OVER_LEVEL, warned))
    if lowest_hit.any():
        out.append(frame(lowest_hit, FindingKind.LOWEST_CATEGORY))
    needs = ev["permission"].fillna("").astype(str).to_numpy() != ""
    if needs.any():
        opened = _opened_on(ev, permissions)
        lacking = needs & ((opened < 0) | (opened > ev["day"].to_numpy()))
        if lacking.any():
            out.append(frame(lacking, FindingKind.NO_PERMISSION, with_levels=False))
    return out


def _opened_on(ev: pd.DataFrame, permissions: pd.DataFrame) -> np.ndarray:
    """The day each event's needed permission was opened, -1 when never."""
    if permissions.empty:
        return np.full(len(ev), -1, dtype=np.int64)
    p = permissions.groupby(["client_id", "permission"], sort=False)["opened_on"].min().reset_index()
    m = ev[["client_id", "permission"]].merge(p, on=["client_id", "permission"], how="left")
    return m["opened_on"].fillna(-1).astype(np.int64).to_numpy()


def behaviour_inconsistent(declared_level: int, behaviour_level: int) -> bool:
    """The engine's behaviour-based signal: a service hint (行为与测评不一致), never a violation."""
    return 0 < declared_level < behaviour_level


def profiles_frame(rows: list[tuple[Any, ...]] | None = None) -> pd.DataFrame:
    return pd.DataFrame(rows or [], columns=list(PROFILE_COLUMNS))


def events_frame(rows: list[tuple[Any, ...]] | None = None) -> pd.DataFrame:
    return pd.DataFrame(rows or [], columns=list(EVENT_COLUMNS))


def permissions_frame(rows: list[tuple[Any, ...]] | None = None) -> pd.DataFrame:
    return pd.DataFrame(rows or [], columns=list(PERMISSION_COLUMNS))


def warnings_frame(rows: list[tuple[Any, ...]] | None = None) -> pd.DataFrame:
    return pd.DataFrame(rows or [], columns=list(WARNING_COLUMNS))
