"""Task scheduling rules: which tasks a client is due, when, and which open ones a new schedule replaces.

Pure: plain values in, plain values out, the generation date a parameter. The task service reads the
store, calls :meth:`Scheduler.client` once per client and writes what it returns (dedupe keys,
transactions and audit stay there).

The rules, for one client on ``as_of`` under a branch's :class:`Plan`:

1. Recurring service by grade: due ``interval_days`` after the later of the last touch of that type
   and the end of the last cycle (a recurring task done by a touch of another type, or skipped by a
   person); never served: after the assignment date, else the open date.
2. A client never served is due on the day grading started at the latest (``service_start``), not
   decades ago counted from an old open date.
3. Tasks are created once due within the plan's horizon (``as_of + horizon_days``).
4. An open recurring task whose due date no longer matches the schedule is replaced: by a new due date
   when its type is still planned (a touch or a plan change moved it), by the new plan when the grade
   no longer plans its type. An unscored client keeps the tasks it has.
5. A new account is followed up ``due_days`` after opening unless it was opened longer than
   ``lookback_days`` ago or touched (with that type) since opening.
6. The risk assessment is due ``due_years`` (+ ``due_days``) after the last one (else the open date).
7. Birthdays inside the horizon, and the score events (churn turned high, the grade changed between
   the two latest runs) due ``due_days`` after the run's date, for the grades the event names (all
   when it names none). The behaviour hint (``mismatch``) fires but plans nothing.

A task already past due is created overdue.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from crm_desktop.domain.vocabulary import TaskSource

# Task sources (the values stored in service_task.source), short names for the rules below; the
# vocabulary is their one definition.
RECURRING = TaskSource.RECURRING
NEW_ACCOUNT = TaskSource.NEW_ACCOUNT
RISK_REASSESSMENT = TaskSource.RISK_REASSESSMENT
CHURN_HIGH = TaskSource.CHURN_HIGH
MISMATCH = TaskSource.MISMATCH
GRADE_CHANGE = TaskSource.GRADE_CHANGE
BIRTHDAY = TaskSource.BIRTHDAY
FOLLOW_UP = TaskSource.FOLLOW_UP
# The behaviour-based suitability signal (MISMATCH, 行为与测评不一致) is a service hint: it no longer
# creates a task, even when an older stored plan still names the event. Violations are tasked by the
# suitability check (crm_desktop.domain.suitability).
SCORE_EVENTS = (CHURN_HIGH, GRADE_CHANGE)

# Why an open recurring task is replaced.
REPLACED_BY_GRADE = "grade_changed"
REPLACED_BY_SCHEDULE = "rescheduled"

# Task states the scheduler hands out (service_task.status values).
OPEN = "open"
OVERDUE = "overdue"

# How far back new accounts are followed up when the plan does not say.
DEFAULT_LOOKBACK_DAYS = 90

# Agenda buckets, in display order.
BUCKETS = ("overdue", "today", "this_week", "later")


# ---------------------------------------------------------------- the plan


@dataclass(frozen=True)
class RecurringRule:
    grade: str
    task_type: str
    interval_days: int


@dataclass(frozen=True)
class EventRule:
    key: str
    task_type: str
    due_days: int = 0
    due_years: int = 0
    lookback_days: int = 0
    grades: tuple[str, ...] = ()
    enabled: bool = True

    def applies_to(self, grade: str | None) -> bool:
        """Enabled, and for this grade (an event naming no grades is for every client)."""
        return self.enabled and (not self.grades or grade in self.grades)


@dataclass(frozen=True)
class Plan:
    """A plan in force: version 0 means the bundled defaults (no branch version saved yet)."""

    branch_id: int | None
    version_no: int
    horizon_days: int
    recurring: tuple[RecurringRule, ...]
    events: dict[str, EventRule] = field(default_factory=dict)
    comment: str | None = None
    created_at: datetime | None = None
    created_by: str | None = None

    def recurring_for(self, grade: str | None) -> list[RecurringRule]:
        return [r for r in self.recurring if r.grade == grade]

    def to_rules(self) -> dict[str, Any]:
        return {
            "horizon_days": self.horizon_days,
            "recurring": [
                {"grade": r.grade, "type": r.task_type, "interval_days": r.interval_days}
                for r in self.recurring
            ],
            "events": {k: _event_dict(e) for k, e in self.events.items()},
        }


def _event_dict(e: EventRule) -> dict[str, Any]:
    d: dict[str, Any] = {"type": e.task_type, "enabled": e.enabled}
    if e.due_days:
        d["due_days"] = e.due_days
    if e.due_years:
        d["due_years"] = e.due_years
    if e.lookback_days:
        d["lookback_days"] = e.lookback_days
    if e.grades:
        d["grades"] = list(e.grades)
    return d


# ---------------------------------------------------------------- calendar arithmetic


def add_years(d: date, years: int) -> date:
    """The same day ``years`` later (or earlier); 29 February falls on the 28th in a common year."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def birthday_in(birth: date, year: int) -> date:
    """The birthday in ``year``: someone born on 29 February is greeted on the 28th in a common year."""
    try:
        return birth.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def horizon_end(as_of: date, horizon_days: int) -> date:
    """The last due date a generation on ``as_of`` creates tasks for."""
    return as_of + timedelta(days=horizon_days)


def initial_status(due: date, as_of: date) -> str:
    """A task created after its due day starts overdue."""
    return OVERDUE if due < as_of else OPEN


def week_end(today: date) -> date:
    """Sunday of today's calendar week (Monday to Sunday: the week a manager plans with)."""
    return today + timedelta(days=6 - today.weekday())


def bucket_of(due: date, today: date) -> str:
    """The agenda bucket of an open task: overdue, today, this_week or later."""
    if due < today:
        return "overdue"
    if due == today:
        return "today"
    if due <= week_end(today):
        return "this_week"
    return "later"


# ---------------------------------------------------------------- one client

# The per-client records are slotted but not frozen: a frozen dataclass's __init__ costs about three
# times as much, and a generation makes several of them for each of 100,000 clients.


@dataclass(slots=True)
class ClientFacts:
    open_date: date
    assigned_on: date | None = None
    birth_date: date | None = None
    risk_assessed_on: date | None = None


@dataclass(slots=True)
class ScoreFacts:
    """What a score run said about the client."""

    grade: str
    churn_risk: str
    mismatch: bool


@dataclass(slots=True)
class OpenRecurring:
    """An open recurring task; ``due`` is the cycle it was made for (None: not a cycle the rules know)."""

    task_id: int
    task_type: str
    due: date | None


@dataclass(slots=True)
class DueTask:
    """A task the client is due. ``basis`` is the date the trigger counts from when that names the task
    (the assessment a reassessment follows); the service builds the dedupe key from it."""

    source: str
    task_type: str
    due: date
    status: str
    basis: date | None = None


@dataclass(slots=True)
class Replacement:
    task_id: int
    reason: str  # REPLACED_BY_GRADE or REPLACED_BY_SCHEDULE


@dataclass(slots=True)
class ClientSchedule:
    tasks: tuple[DueTask, ...]
    replace: tuple[Replacement, ...]


_NO_DATES: Mapping[str, date] = {}


class Scheduler:
    """The rules of one plan on one generation date, prepared once and applied to every client.

    ``service_start`` is the day grading started (the first score run), ``run_as_of`` the date of the
    latest score run (None when nothing is scored).
    """

    def __init__(
        self, plan: Plan, as_of: date, *, service_start: date | None = None, run_as_of: date | None = None
    ) -> None:
        self.plan = plan
        self.as_of = as_of
        self.service_start = service_start
        self.run_as_of = run_as_of
        self.horizon_end = horizon_end(as_of, plan.horizon_days)
        self._by_grade: dict[str | None, list[RecurringRule]] = {}
        for rule in plan.recurring:
            self._by_grade.setdefault(rule.grade, []).append(rule)
        ev = plan.events
        self._new_account = ev.get(NEW_ACCOUNT)
        self._risk = ev.get(RISK_REASSESSMENT)
        self._birthday = ev.get(BIRTHDAY)
        self._score_events = [(k, ev.get(k)) for k in SCORE_EVENTS]
        self._birthday_years = sorted({as_of.year, self.horizon_end.year})

    def recurring_due(
        self, rule: RecurringRule, facts: ClientFacts, last_touch: date | None, cycle_end: date | None
    ) -> date:
        """Rules 1 and 2: when the next cycle of ``rule`` is due."""
        bases = [d for d in (last_touch, cycle_end) if d is not None]
        if bases:
            return max(bases) + timedelta(days=rule.interval_days)
        due = (facts.assigned_on or facts.open_date) + timedelta(days=rule.interval_days)
        if self.service_start is not None and due < self.service_start:
            return self.service_start
        return due

    def client(
        self,
        facts: ClientFacts,
        score: ScoreFacts | None,
        previous: ScoreFacts | None = None,
        *,
        last_touch: Mapping[str, date] = _NO_DATES,
        cycle_end: Mapping[str, date] = _NO_DATES,
        open_recurring: Sequence[OpenRecurring] = (),
    ) -> ClientSchedule:
        """Every task the client is due within the horizon, and the open recurring tasks to replace.

        ``last_touch`` and ``cycle_end`` map a task type to a day; ``previous`` is the score of the run
        before the latest.
        """
        as_of, end = self.as_of, self.horizon_end
        grade = score.grade if score is not None else None
        out: list[DueTask] = []

        wanted: dict[str, date] = {}
        for rule in self._by_grade.get(grade, ()):
            due = self.recurring_due(
                rule, facts, last_touch.get(rule.task_type), cycle_end.get(rule.task_type)
            )
            wanted[rule.task_type] = due
            if due <= end:
                out.append(DueTask(RECURRING, rule.task_type, due, initial_status(due, as_of)))
        replace: list[Replacement] = []
        if score is not None:
            for task in open_recurring:
                want = wanted.get(task.task_type)
                if task.due is None or want != task.due:
                    replace.append(
                        Replacement(
                            task.task_id, REPLACED_BY_SCHEDULE if want is not None else REPLACED_BY_GRADE
                        )
                    )

        rule_ev = self._new_account
        if (
            rule_ev is not None
            and rule_ev.enabled
            and facts.open_date > as_of - timedelta(days=rule_ev.lookback_days or DEFAULT_LOOKBACK_DAYS)
        ):
            touched = last_touch.get(rule_ev.task_type)
            if touched is None or touched < facts.open_date:
                due = facts.open_date + timedelta(days=rule_ev.due_days)
                out.append(DueTask(NEW_ACCOUNT, rule_ev.task_type, due, initial_status(due, as_of)))
        rule_ev = self._risk
        if rule_ev is not None and rule_ev.enabled:
            assessed = facts.risk_assessed_on or facts.open_date
            due = add_years(assessed, rule_ev.due_years) + timedelta(days=rule_ev.due_days)
            if due <= end:
                out.append(
                    DueTask(RISK_REASSESSMENT, rule_ev.task_type, due, initial_status(due, as_of), assessed)
                )
        rule_ev = self._birthday
        if rule_ev is not None and facts.birth_date is not None and rule_ev.applies_to(grade):
            for year in self._birthday_years:
                day = birthday_in(facts.birth_date, year)
                if as_of <= day <= end:
                    out.append(DueTask(BIRTHDAY, rule_ev.task_type, day, OPEN))
        if score is not None and self.run_as_of is not None:
            fired = score_events(score, previous)
            for key, rule_ev in self._score_events:
                if rule_ev is not None and key in fired and rule_ev.applies_to(grade):
                    due = self.run_as_of + timedelta(days=rule_ev.due_days)
                    out.append(DueTask(key, rule_ev.task_type, due, initial_status(due, as_of)))
        return ClientSchedule(tuple(out), tuple(replace))


def score_events(score: ScoreFacts, previous: ScoreFacts | None) -> frozenset[str]:
    """Which score events fire between the previous run and the latest (a client new to scoring:
    churn and mismatch fire when present, the grade cannot have changed)."""
    fired = set()
    if score.churn_risk == "high" and (previous is None or previous.churn_risk != "high"):
        fired.add(CHURN_HIGH)
    if score.mismatch and (previous is None or not previous.mismatch):
        fired.add(MISMATCH)
    if previous is not None and previous.grade != score.grade:
        fired.add(GRADE_CHANGE)
    return frozenset(fired)
