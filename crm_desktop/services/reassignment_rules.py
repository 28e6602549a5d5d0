"""Grade-capability and capacity rules for moving clients, read from the latest score run.

The rules come from the scoring configuration (``[matching]``): each client grade needs a lowest
manager tier, and each tier has a capacity. The configuration used is the one stored with the latest
score run (so the verdict agrees with the tiers that run produced); without a run, the bundled
``resources/config/scoring.toml``. The rules themselves are in :mod:`crm_desktop.domain.reassignment`;
this module reads what they need from the store and words their findings.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm_desktop.db.models import Client, ClientScore, ManagerScore, ScoreRun, Staff
from crm_desktop.domain.reassignment import (
    CAPACITY,
    CLIENT_NOT_SCORED,
    MANAGER_NOT_SCORED,
    NO_MANAGER,
    NO_TARGET,
    TIER,
    Finding,
    Judgement,
    ManagerInfo,
    capacity_of,
    grade_rank,
    grade_sort_key,
    judge,
    tier_rank,
)
from crm_desktop.domain.vocabulary import LOST_STATUSES
from crm_desktop.i18n import tr
from crm_desktop.paths import resource
from crm_desktop.scoring.config import ConfigError, ScoringConfig
from crm_desktop.scoring.reasons import label as _engine_label

GRADE_ORDER = ("V5", "V4", "V3", "V2", "V1")

__all__ = [
    "ManagerInfo",
    "RuleBook",
    "Verdict",
    "explain",
    "grade_rank",
    "grade_sort_key",
    "label",
    "latest_run",
    "load_config",
    "tier_rank",
    "verdict_for",
]


def label(kind: str, value: str) -> str:
    """The engine's display name of a coded value in the current language."""
    from crm_desktop.i18n import language

    return _engine_label(kind, value, language())


def latest_run(session: Session) -> ScoreRun | None:
    return session.scalar(
        select(ScoreRun).where(ScoreRun.finished_at.is_not(None)).order_by(ScoreRun.id.desc()).limit(1)
    )


def load_config(run: ScoreRun | None) -> ScoringConfig:
    text = run.config_text if run is not None and run.config_text else None
    if text:
        try:
            return ScoringConfig.from_mapping(tomllib.loads(text))
        except (tomllib.TOMLDecodeError, ConfigError):
            pass  # an unreadable stored config: fall back to the bundled one rather than refuse to work
    path = resource("config", "scoring.toml")
    try:
        return ScoringConfig.from_mapping(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, tomllib.TOMLDecodeError, ConfigError):
        return ScoringConfig()


@dataclass(frozen=True)
class Verdict:
    """What the rules say about moving one client to one manager. Breaches need an override reason."""

    breaches: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    codes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.breaches

    def text(self) -> str:
        if self.breaches:
            return "；".join(self.breaches) if _zh() else "; ".join(self.breaches)
        if self.notes:
            return ("；" if _zh() else "; ").join(self.notes)
        return tr("符合匹配规则", "meets the matching rules")


def _zh() -> bool:
    from crm_desktop.i18n import ZH, language

    return language() == ZH


class RuleBook:
    """Everything the rules need, read once per transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.run = latest_run(session)
        self.config = load_config(self.run)
        self._scores: dict[int, ManagerScore] = {}
        if self.run is not None:
            for ms in session.scalars(select(ManagerScore).where(ManagerScore.run_id == self.run.id)):
                self._scores[ms.staff_id] = ms

    def client_grade(self, client_id: int) -> tuple[str | None, Decimal | None]:
        """(grade, latest assets) from the latest run; (None, None) when not scored."""
        if self.run is None:
            return None, None
        row = self.session.execute(
            select(ClientScore.grade, ClientScore.latest_assets).where(
                ClientScore.run_id == self.run.id, ClientScore.client_id == client_id
            )
        ).first()
        return (row[0], row[1]) if row else (None, None)

    def grades(self, client_ids: list[int]) -> dict[int, tuple[str, Decimal]]:
        if self.run is None or not client_ids:
            return {}
        out: dict[int, tuple[str, Decimal]] = {}
        for chunk_start in range(0, len(client_ids), 500):
            chunk = client_ids[chunk_start : chunk_start + 500]
            for cid, grade, assets in self.session.execute(
                select(ClientScore.client_id, ClientScore.grade, ClientScore.latest_assets).where(
                    ClientScore.run_id == self.run.id, ClientScore.client_id.in_(chunk)
                )
            ):
                out[cid] = (grade, assets)
        return out

    def load(self, staff_id: int) -> int:
        """Live count: the engine's client_count is as of the run, moves since then must count."""
        return int(
            self.session.scalar(
                select(func.count())
                .select_from(Client)
                .where(Client.manager_id == staff_id, Client.status.not_in(LOST_STATUSES))
            )
            or 0
        )

    def manager(self, staff: Staff, *, load: int | None = None) -> ManagerInfo:
        ms = self._scores.get(staff.id)
        tier = ms.tier if ms is not None else None
        capacity = capacity_of(
            tier, int(ms.capacity) if ms is not None and ms.capacity else None, self.config.matching.capacity
        )
        return ManagerInfo(
            id=staff.id,
            login=staff.login,
            display_name=staff.display_name,
            active=staff.active,
            role=staff.role,
            branch_id=staff.branch_id,
            tier=tier,
            capability_score=ms.capability_score if ms else None,
            capacity=capacity,
            load=self.load(staff.id) if load is None else load,
        )

    def min_tier(self, grade: str | None) -> str | None:
        return self.config.matching.min_tier.get(grade) if grade else None

    def verdict(self, grade: str | None, target: ManagerInfo, *, extra_load: int = 0) -> Verdict:
        """Rules for giving one more client of ``grade`` to ``target`` (already carrying ``extra_load``)."""
        return verdict_for(grade, self.min_tier(grade), target, extra_load=extra_load)


def verdict_for(grade: str | None, need: str | None, target: ManagerInfo, *, extra_load: int = 0) -> Verdict:
    """The rules' verdict (:func:`domain.reassignment.judge`) in words: ``need`` is the lowest tier the
    grade allows (config min_tier)."""
    return explain(judge(grade, need, target, extra_load=extra_load), target)


def explain(judgement: Judgement, target: ManagerInfo | None = None) -> Verdict:
    """A verdict with each finding as a sentence in the current language."""
    name = target.display_name if target is not None else ""
    return Verdict(
        tuple(_sentence(f, name) for f in judgement.breaches),
        tuple(_sentence(f, name) for f in judgement.notes),
        judgement.codes,
    )


def _sentence(f: Finding, name: str) -> str:
    if f.code == CLIENT_NOT_SCORED:
        return tr("客户尚未评分，未检查等级规则", "client not scored yet; grade rule not checked")
    if f.code == MANAGER_NOT_SCORED:
        return tr(
            "{name} 尚未评分，未检查能力规则", "{name} not scored yet; capability rule not checked", name=name
        )
    if f.code == TIER:
        return tr(
            "{grade} 客户需要{need}及以上的经理，{name}为{tier}",
            "a {grade} client needs a {need} manager or better; {name} is {tier}",
            grade=f.grade,
            need=label("tier", f.need or ""),
            name=name,
            tier=label("tier", f.tier or ""),
        )
    if f.code == CAPACITY:
        return tr(
            "{name} 接收后将服务 {after} 位客户，超过容量 {cap}",
            "{name} would serve {after} clients, above the capacity of {cap}",
            name=name,
            after=f.after,
            cap=f.capacity,
        )
    if f.code == NO_TARGET:
        return tr("未选择接收经理", "no manager chosen")
    if f.code == NO_MANAGER:
        return tr("没有可接收的经理", "no manager can take this client")
    return f.code
