"""The scheduling rules at their boundaries, without a store."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from crm_desktop.domain.scheduling import (
    BIRTHDAY,
    CHURN_HIGH,
    GRADE_CHANGE,
    MISMATCH,
    NEW_ACCOUNT,
    OPEN,
    OVERDUE,
    RECURRING,
    REPLACED_BY_GRADE,
    REPLACED_BY_SCHEDULE,
    RISK_REASSESSMENT,
    ClientFacts,
    DueTask,
    EventRule,
    OpenRecurring,
    Plan,
    RecurringRule,
    Replacement,
    Scheduler,
    ScoreFacts,
    add_years,
    birthday_in,
    bucket_of,
    initial_status,
    score_events,
    week_end,
)

AS_OF = date(2026, 6, 17)  # a Wednesday
OPENED = date(2020, 1, 2)
D = timedelta


def plan(
    *,
    horizon: int = 30,
    recurring: tuple[RecurringRule, ...] | None = None,
    events: dict[str, EventRule] | None = None,
) -> Plan:
    if recurring is None:
        recurring = (
            RecurringRule("V5", "phone_call", 30),
            RecurringRule("V5", "visit", 180),
            RecurringRule("V1", "phone_call", 365),
        )
    return Plan(None, 0, horizon, recurring, {} if events is None else events)


def score(grade: str = "V5", churn: str = "low", mismatch: bool = False) -> ScoreFacts:
    return ScoreFacts(grade, churn, mismatch)


# ---------------------------------------------------------------- calendar


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2024, 2, 29), -1, date(2023, 2, 28)),
        (date(2026, 12, 1), -2, date(2024, 12, 1)),
        (date(2025, 1, 1), 2, date(2027, 1, 1)),
    ],
)
def test_add_years(day: date, years: int, expected: date) -> None:
    assert add_years(day, years) == expected


@pytest.mark.parametrize(
    ("birth", "year", "expected"),
    [
        (date(1980, 2, 29), 2026, date(2026, 2, 28)),
        (date(1980, 2, 29), 2028, date(2028, 2, 29)),
        (date(1985, 12, 31), 2027, date(2027, 12, 31)),
    ],
)
def test_birthday_in(birth: date, year: int, expected: date) -> None:
    assert birthday_in(birth, year) == expected


@pytest.mark.parametrize(
    ("due", "today", "bucket"),
    [
        (AS_OF - D(1), AS_OF, "overdue"),
        (AS_OF, AS_OF, "today"),
        (AS_OF + D(1), AS_OF, "this_week"),
        (AS_OF + D(4), AS_OF, "this_week"),  # Sunday ends the week
        (AS_OF + D(5), AS_OF, "later"),  # next Monday
        (date(2026, 6, 22), date(2026, 6, 21), "later"),  # on a Sunday, Monday is next week
        (date(2026, 6, 21), date(2026, 6, 15), "this_week"),  # on a Monday, the whole week ahead
    ],
)
def test_bucket_of(due: date, today: date, bucket: str) -> None:
    assert bucket_of(due, today) == bucket


def test_week_end_is_sunday() -> None:
    assert [week_end(AS_OF + D(i)).isoformat() for i in range(-2, 6)] == ["2026-06-21"] * 7 + ["2026-06-28"]


@pytest.mark.parametrize(("due", "status"), [(AS_OF - D(1), OVERDUE), (AS_OF, OPEN), (AS_OF + D(1), OPEN)])
def test_initial_status(due: date, status: str) -> None:
    assert initial_status(due, AS_OF) == status


# ---------------------------------------------------------------- recurring due dates (rules 1 and 2)

START = date(2026, 3, 9)  # the day grading started
CALL = RecurringRule("V5", "phone_call", 30)


@pytest.mark.parametrize(
    ("touch", "cycle", "assigned", "opened", "service_start", "due"),
    [
        # counted from the last touch of the type
        (AS_OF - D(10), None, None, OPENED, START, AS_OF + D(20)),
        # a later cycle end (done by another type, or skipped) wins over an older touch, and the reverse
        (AS_OF - D(10), AS_OF - D(2), None, OPENED, START, AS_OF + D(28)),
        (AS_OF - D(2), AS_OF - D(10), None, OPENED, START, AS_OF + D(28)),
        # never served: the assignment date, else the open date...
        (None, None, date(2026, 5, 1), OPENED, START, date(2026, 5, 31)),
        (None, None, None, date(2026, 5, 1), START, date(2026, 5, 31)),
        # ...but not before grading started
        (None, None, None, OPENED, START, START),
        (None, None, None, START - D(30), START, START),
        (None, None, None, START - D(29), START, START + D(1)),
        (None, None, None, OPENED, None, OPENED + D(30)),
        # a served client's due date is never moved to the start of grading
        (START - D(60), None, None, OPENED, START, START - D(30)),
    ],
)
def test_recurring_due(
    touch: date | None,
    cycle: date | None,
    assigned: date | None,
    opened: date,
    service_start: date | None,
    due: date,
) -> None:
    s = Scheduler(plan(), AS_OF, service_start=service_start)
    assert s.recurring_due(CALL, ClientFacts(opened, assigned), touch, cycle) == due


# ---------------------------------------------------------------- horizon and status (rule 3)


@pytest.mark.parametrize(
    ("last_call", "expected"),
    [
        (AS_OF - D(31), [(AS_OF - D(1), OVERDUE)]),
        (AS_OF - D(30), [(AS_OF, OPEN)]),
        (AS_OF, [(AS_OF + D(30), OPEN)]),  # exactly at the horizon's end
        (AS_OF + D(1), []),  # one day beyond
    ],
)
def test_recurring_horizon_and_status(last_call: date, expected: list[tuple[date, str]]) -> None:
    s = Scheduler(plan(recurring=(CALL,)), AS_OF)
    out = s.client(ClientFacts(OPENED), score(), last_touch={"phone_call": last_call})
    assert [(t.due, t.status) for t in out.tasks] == expected
    assert all(t.source == RECURRING and t.task_type == "phone_call" for t in out.tasks)


def test_zero_horizon_creates_only_what_is_due_today_or_before() -> None:
    s = Scheduler(plan(horizon=0, recurring=(CALL,)), AS_OF)
    assert [
        t.due for t in s.client(ClientFacts(OPENED), score(), last_touch={"phone_call": AS_OF - D(30)}).tasks
    ] == [AS_OF]
    assert s.client(ClientFacts(OPENED), score(), last_touch={"phone_call": AS_OF - D(29)}).tasks == ()


def test_grade_picks_the_rules_and_unscored_clients_get_no_recurring_tasks() -> None:
    s = Scheduler(plan(), AS_OF, service_start=START)
    v5 = s.client(ClientFacts(OPENED), score("V5"), last_touch={"visit": AS_OF - D(170)})
    assert [(t.task_type, t.due) for t in v5.tasks] == [("phone_call", START), ("visit", AS_OF + D(10))]
    v1 = s.client(ClientFacts(OPENED), score("V1"))
    assert [(t.task_type, t.due) for t in v1.tasks] == [("phone_call", START)]
    assert s.client(ClientFacts(OPENED), score("V3")).tasks == ()
    assert s.client(ClientFacts(OPENED), None).tasks == ()


# ---------------------------------------------------------------- resets (rule 4)

DUE_CALL = AS_OF + D(20)  # with a call ten days ago


@pytest.mark.parametrize(
    ("grade", "open_tasks", "replaced"),
    [
        ("V5", [OpenRecurring(1, "phone_call", DUE_CALL)], []),
        # a newer touch moved the due date
        ("V5", [OpenRecurring(1, "phone_call", DUE_CALL - D(1))], [Replacement(1, REPLACED_BY_SCHEDULE)]),
        # a task the rules do not recognise as a cycle is rescheduled
        ("V5", [OpenRecurring(1, "phone_call", None)], [Replacement(1, REPLACED_BY_SCHEDULE)]),
        # the grade no longer plans the type
        ("V5", [OpenRecurring(2, "review_letter", DUE_CALL)], [Replacement(2, REPLACED_BY_GRADE)]),
        (
            "V3",
            [OpenRecurring(1, "phone_call", DUE_CALL), OpenRecurring(2, "visit", AS_OF)],
            [Replacement(1, REPLACED_BY_GRADE), Replacement(2, REPLACED_BY_GRADE)],
        ),
        # not scored: nothing to plan by, so the open tasks stay
        (None, [OpenRecurring(1, "phone_call", AS_OF), OpenRecurring(2, "visit", None)], []),
    ],
)
def test_resets(grade: str | None, open_tasks: list[OpenRecurring], replaced: list[Replacement]) -> None:
    s = Scheduler(plan(), AS_OF)
    out = s.client(
        ClientFacts(OPENED),
        score(grade) if grade else None,
        last_touch={"phone_call": AS_OF - D(10), "visit": AS_OF - D(10)},
        open_recurring=open_tasks,
    )
    assert list(out.replace) == replaced


def test_open_task_beyond_the_horizon_that_matches_is_kept() -> None:
    s = Scheduler(plan(), AS_OF)
    out = s.client(
        ClientFacts(OPENED),
        score(),
        last_touch={"phone_call": AS_OF, "visit": AS_OF},
        open_recurring=[OpenRecurring(5, "visit", AS_OF + D(180))],
    )
    assert out.replace == () and [t.task_type for t in out.tasks] == ["phone_call"]


# ---------------------------------------------------------------- new accounts (rule 5)

NEW = EventRule(NEW_ACCOUNT, "phone_call", due_days=30, lookback_days=90)


@pytest.mark.parametrize(
    ("rule", "opened", "touched", "expected"),
    [
        (NEW, AS_OF - D(10), None, [(AS_OF + D(20), OPEN)]),
        (NEW, AS_OF - D(40), None, [(AS_OF - D(10), OVERDUE)]),
        (NEW, AS_OF - D(89), None, [(AS_OF - D(59), OVERDUE)]),
        (NEW, AS_OF - D(90), None, []),  # opened longer ago than the lookback: not chased
        (NEW, AS_OF - D(10), AS_OF - D(9), []),  # already called since opening
        (NEW, AS_OF - D(10), AS_OF - D(10), []),  # called on the opening day
        (NEW, AS_OF - D(10), AS_OF - D(11), [(AS_OF + D(20), OPEN)]),  # a call before opening does not count
        (EventRule(NEW_ACCOUNT, "phone_call", due_days=30), AS_OF - D(89), None, [(AS_OF - D(59), OVERDUE)]),
        (EventRule(NEW_ACCOUNT, "phone_call", due_days=30), AS_OF - D(90), None, []),  # no lookback: 90 days
        (EventRule(NEW_ACCOUNT, "phone_call", due_days=30, enabled=False), AS_OF - D(10), None, []),
    ],
)
def test_new_account(
    rule: EventRule, opened: date, touched: date | None, expected: list[tuple[date, str]]
) -> None:
    s = Scheduler(plan(recurring=(), events={NEW_ACCOUNT: rule}), AS_OF)
    touches = {"phone_call": touched} if touched else {}
    for sc in (None, score()):  # scored or not: a new account is followed up
        out = s.client(ClientFacts(opened), sc, last_touch=touches)
        assert [(t.due, t.status) for t in out.tasks] == expected
        assert all(t.source == NEW_ACCOUNT for t in out.tasks)


# ---------------------------------------------------------------- risk reassessment (rule 6)

RISK = EventRule(RISK_REASSESSMENT, "risk_reassessment", due_years=2)


@pytest.mark.parametrize(
    ("rule", "assessed", "opened", "expected"),
    [
        (RISK, date(2024, 7, 1), OPENED, [(date(2026, 7, 1), date(2024, 7, 1))]),
        (RISK, date(2024, 7, 17), OPENED, [(date(2026, 7, 17), date(2024, 7, 17))]),  # the horizon's last day
        (RISK, date(2024, 7, 18), OPENED, []),
        (
            RISK,
            None,
            date(2024, 6, 1),
            [(date(2026, 6, 1), date(2024, 6, 1))],
        ),  # never assessed: the open date
        (RISK, date(2022, 2, 28), OPENED, [(date(2024, 2, 28), date(2022, 2, 28))]),  # long overdue
        (
            EventRule(RISK_REASSESSMENT, "risk_reassessment", due_years=1, due_days=10),
            date(2025, 7, 1),
            OPENED,
            [(date(2026, 7, 11), date(2025, 7, 1))],
        ),
        (
            EventRule(RISK_REASSESSMENT, "risk_reassessment", due_years=2, enabled=False),
            date(2024, 7, 1),
            OPENED,
            [],
        ),
    ],
)
def test_risk_reassessment(
    rule: EventRule, assessed: date | None, opened: date, expected: list[tuple[date, date]]
) -> None:
    s = Scheduler(plan(recurring=(), events={RISK_REASSESSMENT: rule}), AS_OF)
    out = s.client(ClientFacts(opened, risk_assessed_on=assessed), None)
    assert [(t.due, t.basis) for t in out.tasks] == expected
    assert all(
        t.source == RISK_REASSESSMENT and t.status == (OVERDUE if t.due < AS_OF else OPEN) for t in out.tasks
    )


# ---------------------------------------------------------------- birthdays and score events (rule 7)

GREET = EventRule(BIRTHDAY, "greeting", grades=("V3", "V4", "V5"))


@pytest.mark.parametrize(
    ("as_of", "birth", "grade", "rule", "expected"),
    [
        (AS_OF, date(1980, 6, 20), "V3", GREET, [date(2026, 6, 20)]),
        (AS_OF, date(1980, 6, 17), "V5", GREET, [AS_OF]),  # today
        (AS_OF, date(1980, 6, 16), "V5", GREET, []),  # yesterday: missed, not made overdue
        (AS_OF, date(1980, 7, 17), "V5", GREET, [date(2026, 7, 17)]),  # the horizon's last day
        (AS_OF, date(1980, 7, 18), "V5", GREET, []),
        (AS_OF, date(1980, 6, 20), "V2", GREET, []),  # not a grade the event names
        (AS_OF, date(1980, 6, 20), None, GREET, []),
        (
            AS_OF,
            date(1980, 6, 20),
            None,
            EventRule(BIRTHDAY, "greeting"),
            [date(2026, 6, 20)],
        ),  # every client
        (date(2026, 12, 20), date(1990, 1, 5), "V5", GREET, [date(2027, 1, 5)]),  # across the new year
        (date(2026, 12, 20), date(1990, 12, 25), "V5", GREET, [date(2026, 12, 25)]),
        (date(2027, 2, 20), date(1980, 2, 29), "V5", GREET, [date(2027, 2, 28)]),
        (AS_OF, date(1980, 6, 20), "V5", EventRule(BIRTHDAY, "greeting", enabled=False), []),
    ],
)
def test_birthday(as_of: date, birth: date, grade: str | None, rule: EventRule, expected: list[date]) -> None:
    s = Scheduler(plan(recurring=(), events={BIRTHDAY: rule}), as_of)
    out = s.client(ClientFacts(OPENED, birth_date=birth), score(grade) if grade else None)
    assert [t.due for t in out.tasks] == expected
    assert all(t.source == BIRTHDAY and t.status == OPEN for t in out.tasks)


def test_no_birthday_date_no_greeting() -> None:
    s = Scheduler(plan(recurring=(), events={BIRTHDAY: GREET}), AS_OF)
    assert s.client(ClientFacts(OPENED), score()).tasks == ()


@pytest.mark.parametrize(
    ("previous", "current", "fired"),
    [
        (None, score(), set()),
        (None, score(churn="high"), {CHURN_HIGH}),
        (None, score(mismatch=True), {MISMATCH}),
        (score(churn="high"), score(churn="high"), set()),
        (score(churn="medium"), score(churn="high"), {CHURN_HIGH}),
        (score(churn="high"), score(churn="low"), set()),
        (score(mismatch=True), score(mismatch=True), set()),
        (score(mismatch=True), score(mismatch=False), set()),
        (score("V5"), score("V4"), {GRADE_CHANGE}),
        (score("V1"), score("V2", "high", True), {GRADE_CHANGE, CHURN_HIGH, MISMATCH}),
    ],
)
def test_score_events(previous: ScoreFacts | None, current: ScoreFacts, fired: set[str]) -> None:
    assert score_events(current, previous) == fired


EVENTS = {
    CHURN_HIGH: EventRule(CHURN_HIGH, "retention_call", due_days=3),
    MISMATCH: EventRule(MISMATCH, "risk_disclosure", due_days=5),
    GRADE_CHANGE: EventRule(GRADE_CHANGE, "phone_call", due_days=7, grades=("V4", "V5")),
}


@pytest.mark.parametrize(
    ("run_as_of", "previous", "current", "expected"),
    [
        # the behaviour hint fires but creates no task, even with an old plan that names the event
        (
            AS_OF,
            score("V1"),
            score("V1", "high", True),
            [DueTask(CHURN_HIGH, "retention_call", AS_OF + D(3), OPEN)],
        ),
        # counted from the run's date, overdue when that is long past
        (
            AS_OF - D(10),
            score("V1"),
            score("V1", "high"),
            [DueTask(CHURN_HIGH, "retention_call", AS_OF - D(7), OVERDUE)],
        ),
        (AS_OF, score("V3"), score("V4"), [DueTask(GRADE_CHANGE, "phone_call", AS_OF + D(7), OPEN)]),
        (AS_OF, score("V4"), score("V3"), []),  # grade_change here is only for V4 and V5
        (None, score("V1"), score("V1", "high", True), []),  # no run, no events
    ],
)
def test_score_event_tasks(
    run_as_of: date | None, previous: ScoreFacts, current: ScoreFacts, expected: list[DueTask]
) -> None:
    s = Scheduler(plan(recurring=(), events=EVENTS), AS_OF, run_as_of=run_as_of)
    assert list(s.client(ClientFacts(OPENED), current, previous).tasks) == expected


def test_score_events_are_beyond_the_horizon_too() -> None:
    # Unlike recurring service, an event's task is made however far off its due date is.
    far = {CHURN_HIGH: EventRule(CHURN_HIGH, "retention_call", due_days=60)}
    s = Scheduler(plan(recurring=(), events=far), AS_OF, run_as_of=AS_OF)
    assert [t.due for t in s.client(ClientFacts(OPENED), score(churn="high")).tasks] == [AS_OF + D(60)]


def test_plan_round_trip() -> None:
    p = plan(events={BIRTHDAY: GREET, RISK_REASSESSMENT: RISK, NEW_ACCOUNT: NEW})
    rules = p.to_rules()
    assert rules["events"] == {
        BIRTHDAY: {"type": "greeting", "enabled": True, "grades": ["V3", "V4", "V5"]},
        RISK_REASSESSMENT: {"type": "risk_reassessment", "enabled": True, "due_years": 2},
        NEW_ACCOUNT: {"type": "phone_call", "enabled": True, "due_days": 30, "lookback_days": 90},
    }
    assert [r.task_type for r in p.recurring_for("V5")] == ["phone_call", "visit"] and p.recurring_for(
        None
    ) == []
