"""Manager capability (服务能力) and client-manager matching.

Capability = 100 x sum(weight x component), every component in 0..1 (weights in the config):
- retention: of the clients the manager held at the start of W (current manager, assigned or opened on or
  before the first day of W), the share that is neither closed nor at high churn risk;
- on_time: of the manager's tasks due in W (cancelled ones aside) that are done or already past due, the share
  completed on or before the due date; tasks due today and still open are not judged yet;
- satisfaction: mean call-back satisfaction in W (answers given to independent call-back officers, attributed
  to the manager serving the client at the call), scaled from the configured min..max to 0..1; with fewer than
  ``satisfaction_min_answers`` answers it is "not enough data": it scores nothing and its weight is spread over
  the other components in proportion (never a neutral placeholder);
- asset_growth: (book assets at as-of - at the start of W - net inflows in between) / start assets, over the
  manager's current clients, mapped linearly from growth_floor..growth_ceiling to 0..1;
- qualifications: points per qualification code, capped at 1 (an investment adviser counts most);
- experience: years since hire, capped, divided by the cap.
A component with nothing to measure takes the neutral value, and the reasons say so.
"""

from __future__ import annotations

import heapq
from typing import Any

import numpy as np
import pandas as pd

from crm_desktop.domain.vocabulary import LOST_STATUSES
from crm_desktop.scoring.clients import Window
from crm_desktop.scoring.config import GRADES, TIERS, ScoringConfig
from crm_desktop.scoring.frames import NO_DAY, IdLookup, days, floats, require_columns, text

COMPONENTS = ("retention", "on_time", "satisfaction", "asset_growth", "qualifications", "experience")


def _qualification_list(value: Any) -> list[str]:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, str):
        return [q.strip() for q in value.replace("；", ";").split(";") if q.strip()]
    try:
        return [str(q).strip() for q in value if str(q).strip()]
    except TypeError:
        return []


def score_managers(
    staff: pd.DataFrame,
    clients: pd.DataFrame,
    scored: pd.DataFrame,
    tasks: pd.DataFrame,
    touches: pd.DataFrame,
    w: Window,
    cfg: ScoringConfig,
    warnings: list[dict[str, Any]],
) -> pd.DataFrame:
    require_columns(staff, "staff", ("staff_id", "role", "active", "hire_date", "qualifications"))
    require_columns(tasks, "tasks", ("manager_id", "due_date", "status", "completed_at"))
    require_columns(touches, "touches", ("manager_id", "occurred_at", "satisfaction"))
    cap = cfg.capability
    role = text(staff["role"])
    active = staff["active"].fillna(False).astype(bool).to_numpy() if len(staff) else np.zeros(0, dtype=bool)
    chosen = staff[(role == "investment_manager") & active]
    chosen = chosen.assign(staff_id=chosen["staff_id"].astype(np.int64)).sort_values("staff_id")
    ids = chosen["staff_id"].to_numpy(dtype=np.int64)
    m = len(ids)
    lookup = IdLookup(ids)

    # Book: scored (not closed) clients by current manager.
    mgr_of_scored = lookup(scored["manager_id"]) if len(scored) else np.empty(0, dtype=np.int64)
    in_book = mgr_of_scored >= 0
    client_count = np.bincount(mgr_of_scored[in_book], minlength=m)
    latest_fen = scored["_latest_fen"].to_numpy(dtype=np.int64)
    first_fen = scored["_first"].to_numpy(dtype=np.int64)
    inflow_fen = scored["_inflow_after_first"].to_numpy(dtype=np.int64)
    book_latest = np.bincount(mgr_of_scored[in_book], weights=latest_fen[in_book], minlength=m)
    book_first = np.bincount(mgr_of_scored[in_book], weights=first_fen[in_book], minlength=m)
    book_inflow = np.bincount(mgr_of_scored[in_book], weights=inflow_fen[in_book], minlength=m)

    # Retention over every client (closed ones included) held at the start of W.
    all_mgr = lookup(clients["manager_id"]) if len(clients) else np.empty(0, dtype=np.int64)
    since = (
        days(clients["assigned_on"]) if "assigned_on" in clients.columns else np.full(len(clients), NO_DAY)
    )
    opened = days(clients["open_date"])
    since = np.where(since == NO_DAY, opened, since)
    held = (all_mgr >= 0) & (since != NO_DAY) & (since <= w.start)
    status = text(clients["status"])
    churn_by_client = pd.Series(scored["churn_risk"].to_numpy(), index=scored["client_id"].to_numpy())
    churn_all = churn_by_client.reindex(clients["client_id"].to_numpy(dtype=np.int64)).to_numpy(dtype=object)
    kept = held & ~np.isin(status, LOST_STATUSES) & (churn_all != "high")
    held_n = np.bincount(all_mgr[held], minlength=m)
    kept_n = np.bincount(all_mgr[kept], minlength=m)

    # Tasks due in W.
    t_mgr = lookup(tasks["manager_id"]) if len(tasks) else np.empty(0, dtype=np.int64)
    due = days(tasks["due_date"])
    t_status = text(tasks["status"])
    done_day = days(tasks["completed_at"])
    done = t_status == "done"
    judged = (
        (t_mgr >= 0)
        & (due >= w.start)
        & (due <= w.as_of)
        & (t_status != "cancelled")
        & (done | (due < w.as_of))
    )
    on_time = judged & done & (done_day != NO_DAY) & (done_day <= due)
    judged_n = np.bincount(t_mgr[judged], minlength=m)
    on_time_n = np.bincount(t_mgr[on_time], minlength=m)

    # Satisfaction answers in W (the ``touches`` frame carries the call-back answers).
    h_mgr = lookup(touches["manager_id"]) if len(touches) else np.empty(0, dtype=np.int64)
    h_day = days(touches["occurred_at"])
    sat = floats(touches["satisfaction"], fill=np.nan)
    rated = (h_mgr >= 0) & (h_day >= w.start) & (h_day <= w.as_of) & np.isfinite(sat)
    rated_n = np.bincount(h_mgr[rated], minlength=m)
    sat_sum = np.bincount(h_mgr[rated], weights=sat[rated], minlength=m)

    # Qualifications and experience.
    quals = [_qualification_list(v) for v in chosen["qualifications"].tolist()]
    unknown_quals = sorted({q for qs in quals for q in qs if q not in cap.qualifications})
    if unknown_quals:
        warnings.append({"code": "unknown_qualification", "params": {"codes": ", ".join(unknown_quals)}})
    qual_points = np.array(
        [min(1.0, sum(cap.qualifications.get(q, 0.0) for q in set(qs))) for qs in quals], dtype=np.float64
    )
    hire = days(chosen["hire_date"])
    years = np.where(hire == NO_DAY, 0.0, np.clip(w.as_of - hire, 0, None) / 365.0)

    neutral = cap.neutral
    retention = np.where(held_n > 0, kept_n / np.maximum(held_n, 1), neutral)
    on_time_rate = np.where(judged_n > 0, on_time_n / np.maximum(judged_n, 1), neutral)
    enough = rated_n >= cap.satisfaction_min_answers
    sat_mean = np.where(enough, sat_sum / np.maximum(rated_n, 1), np.nan)
    sat_comp = np.where(
        enough,
        np.clip((sat_mean - cap.satisfaction_min) / (cap.satisfaction_max - cap.satisfaction_min), 0, 1),
        0.0,
    )
    # Without enough answers the other weights grow so that they still add up to 1.
    spread = np.where(enough, 1.0, 1.0 / (1.0 - cap.weights["satisfaction"]))
    weight_of = {
        k: np.where(enough, 1.0, 0.0) * cap.weights[k] if k == "satisfaction" else spread * cap.weights[k]
        for k in COMPONENTS
    }
    growth = np.where(
        book_first > 0,
        (book_latest - book_first - book_inflow) / np.where(book_first > 0, book_first, 1),
        0.0,
    )
    growth_comp = np.where(
        book_first > 0,
        np.clip((growth - cap.growth_floor) / (cap.growth_ceiling - cap.growth_floor), 0, 1),
        neutral,
    )
    exp_comp = np.minimum(years, cap.experience_cap_years) / cap.experience_cap_years
    comp = {
        "retention": retention,
        "on_time": on_time_rate,
        "satisfaction": sat_comp,
        "asset_growth": growth_comp,
        "qualifications": qual_points,
        "experience": exp_comp,
    }
    measured = {
        "retention": held_n > 0,
        "on_time": judged_n > 0,
        "satisfaction": enough,
        "asset_growth": book_first > 0,
        "qualifications": np.ones(m, dtype=bool),
        "experience": np.ones(m, dtype=bool),
    }
    total = sum(weight_of[k] * comp[k] for k in COMPONENTS) if m else np.zeros(0)
    score = np.round(100.0 * np.asarray(total, dtype=np.float64), 1)
    tier = np.where(
        score >= cap.senior, "senior", np.where(score >= cap.intermediate, "intermediate", "junior")
    )
    capacity = np.array([cfg.matching.capacity[str(t)] for t in tier], dtype=np.int64)

    components: list[dict[str, Any]] = []
    reasons: list[list[dict[str, Any]]] = []
    for i in range(m):
        c: dict[str, Any] = {}
        r: list[dict[str, Any]] = []
        for k in COMPONENTS:
            value = float(comp[k][i])
            weight = round(float(weight_of[k][i]), 4)
            points = round(100.0 * weight * value, 2)
            c[k] = {
                "value": round(value, 4),
                "weight": weight,
                "points": points,
                "measured": bool(measured[k][i]),
            }
            if k == "satisfaction" and not enough[i]:
                c[k].update(value=None, answers=int(rated_n[i]), needed=int(cap.satisfaction_min_answers))
                r.append(
                    {
                        "code": "capability_not_enough_data",
                        "params": {
                            "component": k,
                            "count": int(rated_n[i]),
                            "needed": int(cap.satisfaction_min_answers),
                        },
                    }
                )
            elif measured[k][i]:
                r.append(
                    {
                        "code": "capability_component",
                        "params": {
                            "component": k,
                            "value": round(value, 4),
                            "weight": weight,
                            "points": points,
                        },
                    }
                )
            else:
                r.append({"code": "capability_neutral", "params": {"component": k, "value": value}})
        c["counts"] = {
            "held_at_start": int(held_n[i]),
            "retained": int(kept_n[i]),
            "tasks_judged": int(judged_n[i]),
            "tasks_on_time": int(on_time_n[i]),
            "satisfaction_answers": int(rated_n[i]),
            "qualifications": quals[i],
            "years": round(float(years[i]), 2),
        }
        r.append({"code": "capability_tier", "params": {"score": float(score[i]), "tier": str(tier[i])}})
        components.append(c)
        reasons.append(r)

    return pd.DataFrame(
        {
            "staff_id": ids,
            "capability_score": score,
            "tier": tier.astype(object),
            "client_count": client_count.astype(np.int64),
            "capacity": capacity,
            "book_assets": book_latest / 100.0,
            # None where nothing was measured: the neutral value only stands in inside the capability score
            "retention": _measured_or_none(retention, held_n > 0),
            "on_time_rate": _measured_or_none(on_time_rate, judged_n > 0),
            # None, not NaN, when there is not enough data: the only missing value a result holds (a NULL when stored)
            "satisfaction": pd.Series(
                [round(float(x), 4) if ok else None for x, ok in zip(sat_mean, enough, strict=True)],
                dtype=object,
            ),
            "asset_growth": _measured_or_none(growth, book_first > 0),
            "components": components,
            "reasons": reasons,
        }
    )


def _measured_or_none(values: np.ndarray, measured: np.ndarray) -> pd.Series:
    return pd.Series(
        [round(float(x), 4) if ok else None for x, ok in zip(values, measured, strict=True)], dtype=object
    )


def match(scored: pd.DataFrame, managers: pd.DataFrame, cfg: ScoringConfig) -> pd.DataFrame:
    """Mismatched clients and over-capacity books, each with a suggested target manager.

    Grade mismatches are handled first (highest grade, then highest value score first), then whatever still
    exceeds a manager's capacity (lowest value score first leaves). A target is an eligible manager whose
    projected book (after the earlier suggestions) is below capacity; fewest clients first, then lowest id.
    """
    columns = ["client_id", "kind", "from_manager_id", "suggested_manager_id", "reasons"]
    if len(managers) == 0 or len(scored) == 0:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    rank = {t: i for i, t in enumerate(TIERS)}
    staff_ids = managers["staff_id"].to_numpy(dtype=np.int64)
    tiers = managers["tier"].tolist()
    capacity = dict(zip(staff_ids.tolist(), managers["capacity"].tolist(), strict=True))
    tier_of = dict(zip(staff_ids.tolist(), tiers, strict=True))
    load = dict(zip(staff_ids.tolist(), managers["client_count"].tolist(), strict=True))
    heaps: dict[str, list[tuple[int, int]]] = {t: [] for t in TIERS}
    for sid in staff_ids.tolist():
        heapq.heappush(heaps[tier_of[sid]], (load[sid], sid))

    def pick(min_tier: str, exclude: int) -> int | None:
        best: tuple[int, int] | None = None
        for t in TIERS:
            if rank[t] < rank[min_tier]:
                continue
            heap = heaps[t]
            stash = []
            while heap:
                n, sid = heap[0]
                if n != load[sid]:  # stale entry
                    heapq.heappop(heap)
                    continue
                if sid == exclude:
                    stash.append(heapq.heappop(heap))
                    continue
                break
            if heap and heap[0][0] < capacity[heap[0][1]] and (best is None or heap[0] < best):
                best = heap[0]
            for item in stash:
                heapq.heappush(heap, item)
        return None if best is None else best[1]

    def move(client_from: int, target: int) -> None:
        load[client_from] -= 1
        heapq.heappush(heaps[tier_of[client_from]], (load[client_from], client_from))
        load[target] += 1
        heapq.heappush(heaps[tier_of[target]], (load[target], target))

    mgr = pd.to_numeric(scored["manager_id"], errors="coerce")
    slim = scored[["client_id", "grade", "value_score"]].assign(_mgr=mgr)
    book = slim[mgr.isin(staff_ids).to_numpy()]
    book = book.assign(_mgr=book["_mgr"].astype(np.int64))
    # Ranks through index lookups on the few distinct values (a dict .map per row is several times slower).
    grade_idx = pd.Index(list(GRADES)).get_indexer(pd.Index(book["grade"].to_numpy()))
    book = book.assign(_grade_rank=grade_idx.astype(np.int64))
    min_tier = cfg.matching.min_tier
    need_by_grade = np.array([rank[min_tier[g]] if g in min_tier else -1 for g in GRADES] + [-1])
    need_rank = need_by_grade[
        grade_idx
    ]  # index -1 (an unknown grade) takes the trailing -1: never mismatched
    tier_rank = np.array([rank[t] for t in tiers], dtype=np.int64)
    have_rank = tier_rank[pd.Index(staff_ids).get_indexer(pd.Index(book["_mgr"].to_numpy()))]
    mismatched = book[need_rank > have_rank].sort_values(
        ["_grade_rank", "value_score", "client_id"], ascending=[False, False, True]
    )
    rows: list[tuple[int, str, int, int | None, list[dict[str, Any]]]] = []
    moved: set[int] = set()
    for cid, grade, sid in zip(
        mismatched["client_id"].tolist(),
        mismatched["grade"].tolist(),
        mismatched["_mgr"].tolist(),
        strict=True,
    ):
        need = min_tier[grade]
        reasons: list[dict[str, Any]] = [
            {"code": "match_grade", "params": {"grade": grade, "required": need, "tier": tier_of[sid]}}
        ]
        target = pick(need, sid)
        if target is None:
            reasons.append({"code": "match_no_target", "params": {}})
        else:
            move(sid, target)
            moved.add(cid)
        rows.append((cid, "grade_mismatch", sid, target, reasons))

    remaining = book[~book["client_id"].isin(moved)].sort_values(["value_score", "client_id"])
    for key, group in remaining.groupby("_mgr", sort=True):
        sid = int(str(key))
        excess = load[sid] - capacity[sid]
        if excess <= 0:
            continue
        count_before = load[sid]
        for cid, grade in zip(
            group["client_id"].tolist()[:excess], group["grade"].tolist()[:excess], strict=True
        ):
            reasons = [
                {
                    "code": "match_capacity",
                    "params": {"count": count_before, "tier": tier_of[sid], "capacity": capacity[sid]},
                }
            ]
            target = pick(min_tier[grade], sid)
            if target is None:
                reasons.append({"code": "match_no_target", "params": {}})
            else:
                move(sid, target)
            rows.append((cid, "over_capacity", sid, target, reasons))
    return pd.DataFrame(rows, columns=columns).astype(
        {"client_id": np.int64, "from_manager_id": np.int64, "suggested_manager_id": "Int64"}
    )
