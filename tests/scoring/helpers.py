"""Small builders for engine inputs: one row per call, dates relative to the as-of date."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd

from crm_desktop.scoring import ScoringConfig, ScoringInput, ScoringResult, reason_code, score

AS_OF = date(2025, 6, 30)


def ago(days: int) -> date:
    return AS_OF - timedelta(days=days)


class Book:
    """Collects rows, then runs the engine."""

    def __init__(self) -> None:
        self.clients: list[dict[str, Any]] = []
        self.snapshots: list[dict[str, Any]] = []
        self.trades: list[dict[str, Any]] = []
        self.holdings: list[dict[str, Any]] = []
        self.securities: list[dict[str, Any]] = [
            {"code": "600000", "board": "main", "industry": "银行", "list_date": date(1999, 11, 10)},
            {"code": "600001", "board": "main", "industry": "电力", "list_date": date(2000, 1, 1)},
            {"code": "600002", "board": "main", "industry": "银行", "list_date": date(2000, 1, 1)},
            {"code": "300001", "board": "chinext", "industry": "电子", "list_date": date(2010, 1, 1)},
            {"code": "688001", "board": "star", "industry": "电子", "list_date": ago(200)},
        ]
        self.staff: list[dict[str, Any]] = []
        self.tasks: list[dict[str, Any]] = []
        self.touches: list[dict[str, Any]] = []

    def client(
        self,
        cid: int,
        *,
        opened: date = date(2015, 1, 1),
        risk: str = "C3",
        status: str = "active",
        manager: int | None = None,
        assigned_on: date | None = None,
    ) -> Book:
        self.clients.append(
            {
                "client_id": cid,
                "open_date": opened,
                "risk_level": risk,
                "status": status,
                "manager_id": manager,
                "assigned_on": assigned_on,
            }
        )
        return self

    def snap(self, cid: int, days_ago: int, total: float, sec: float = 0.0, inflow: float = 0.0) -> Book:
        self.snapshots.append(
            {
                "client_id": cid,
                "date": ago(days_ago),
                "total_assets": total,
                "securities_value": sec,
                "net_inflow": inflow,
            }
        )
        return self

    def trade(
        self,
        cid: int,
        days_ago: int,
        side: str,
        qty: float,
        price: float,
        *,
        code: str = "600000",
        commission: float = 0.0,
        amount: float | None = None,
    ) -> Book:
        self.trades.append(
            {
                "client_id": cid,
                "trade_date": ago(days_ago),
                "code": code,
                "side": side,
                "quantity": qty,
                "amount": round(qty * price, 2) if amount is None else amount,
                "commission": commission,
            }
        )
        return self

    def hold(self, cid: int, days_ago: int, code: str, value: float) -> Book:
        self.holdings.append({"client_id": cid, "date": ago(days_ago), "code": code, "market_value": value})
        return self

    def manager(
        self,
        sid: int,
        *,
        hired: date | None = date(2015, 1, 1),
        quals: list[str] | None = None,
        role: str = "investment_manager",
        active: bool = True,
    ) -> Book:
        self.staff.append(
            {
                "staff_id": sid,
                "role": role,
                "active": active,
                "hire_date": hired,
                "qualifications": list(quals or []),
            }
        )
        return self

    def task(self, mid: int, due_days_ago: int, status: str, done_days_ago: int | None = None) -> Book:
        self.tasks.append(
            {
                "manager_id": mid,
                "due_date": ago(due_days_ago),
                "status": status,
                "completed_at": None if done_days_ago is None else ago(done_days_ago),
            }
        )
        return self

    def touch(self, mid: int, days_ago: int, satisfaction: float | None) -> Book:
        self.touches.append({"manager_id": mid, "occurred_at": ago(days_ago), "satisfaction": satisfaction})
        return self

    def data(self) -> ScoringInput:
        def frame(rows: list[dict[str, Any]], table: str) -> pd.DataFrame:
            from crm_desktop.scoring.inputs import empty

            return pd.DataFrame(rows) if rows else empty(table)

        return ScoringInput(
            as_of=AS_OF,
            clients=frame(self.clients, "clients"),
            snapshots=frame(self.snapshots, "snapshots"),
            trades=frame(self.trades, "trades"),
            holdings=frame(self.holdings, "holdings"),
            securities=frame(self.securities, "securities"),
            staff=frame(self.staff, "staff"),
            tasks=frame(self.tasks, "tasks"),
            touches=frame(self.touches, "touches"),
        )

    def run(self, config: ScoringConfig | None = None) -> ScoringResult:
        return score(self.data(), config)

    def row(self, cid: int = 1, config: ScoringConfig | None = None) -> dict[str, Any]:
        result = self.run(config)
        rows = result.clients.set_index("client_id")
        return {"client_id": cid, **{str(k): v for k, v in rows.loc[cid].to_dict().items()}}


def codes(reasons: list[Any]) -> list[str]:
    return [reason_code(r) for r in reasons]
