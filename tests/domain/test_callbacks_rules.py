"""Call-back and complaint rules, table-tested without a database."""

from __future__ import annotations

from datetime import date

import pytest

from crm_desktop.domain import callbacks as cb
from crm_desktop.domain import complaints as cp
from crm_desktop.domain.callbacks_vocab import (
    ENUMS,
    AlertKind,
    CallbackReason,
    CallbackStatus,
    ComplaintStatus,
)
from crm_desktop.domain.labels import LABELS, label
from crm_desktop.i18n import set_language

S = cb.PoolSettings()


def test_every_code_has_both_labels() -> None:
    for enum in ENUMS:
        assert set(LABELS[enum]) == {m.value for m in enum}
        for member in enum:
            zh, en = LABELS[enum][member]
            assert zh and en
    set_language("en")
    assert label(CallbackReason.SAMPLE) == "yearly sample"
    set_language("zh_CN")
    assert label(CallbackReason.SAMPLE) == "年度抽样回访"
    # the same code in two enums keeps two labels
    assert label(CallbackStatus.OPEN) == "待回访" and label(ComplaintStatus.OPEN) == "待分派"


@pytest.mark.parametrize(
    ("d", "months", "want"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 11, 15), 1, date(2026, 12, 15)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 12, 1), -12, date(2025, 12, 1)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_add_months(d: date, months: int, want: date) -> None:
    assert cb.add_months(d, months) == want


def test_new_accounts_within_30_days_without_call_back() -> None:
    as_of = date(2026, 12, 1)
    accounts = [
        (1, 10, date(2026, 11, 20)),
        (2, 10, date(2026, 11, 1)),
        (3, 11, date(2026, 10, 31)),
        (4, 11, date(2026, 12, 1)),
        (5, 11, date(2026, 11, 25)),
    ]
    got = cb.new_account_candidates(accounts, as_of, S, called_back={5})
    assert [(c.client_id, c.due_date) for c in got] == [
        (1, date(2026, 12, 20)),
        (2, date(2026, 12, 1)),
        (4, date(2027, 1, 1)),
    ]
    assert {c.dedupe_key for c in got} == {"new_account:1", "new_account:2", "new_account:4"}


def test_moves_and_complaints() -> None:
    as_of = date(2026, 12, 1)
    moves = [
        (7, 1, 10, date(2026, 11, 30), True),
        (8, 2, 11, date(2026, 11, 1), False),
        (9, 3, 11, date(2026, 10, 1), False),
    ]
    got = cb.move_candidates(moves, as_of, S)
    assert [(c.reason, c.due_date, c.dedupe_key) for c in got] == [
        (CallbackReason.DEPARTURE, date(2026, 12, 30), "departure:7"),
        (CallbackReason.REASSIGNMENT, date(2026, 12, 1), "reassignment:8"),
    ]
    got = cb.complaint_candidates([(3, 1, 10, date(2026, 11, 28))], as_of, S)
    assert [(c.reason, c.due_date) for c in got] == [(CallbackReason.COMPLAINT, date(2026, 12, 5))]


def test_sample_is_stratified_reproducible_and_topped_up() -> None:
    population = [(i, 100 + i % 3) for i in range(1, 101)] + [(500, None)]
    first = cb.draw_sample(population, 0.10, seed=42, chosen={}, first_quarter=1)
    assert first == cb.draw_sample(population, 0.10, seed=42, chosen={}, first_quarter=1)
    assert first != cb.draw_sample(population, 0.10, seed=43, chosen={}, first_quarter=1)
    by_book: dict[int | None, int] = {}
    for cid in first:
        mid = dict(population)[cid]
        by_book[mid] = by_book.get(mid, 0) + 1
    # 34/33/33 clients -> 4/4/4, and the one client without a manager is a book of one
    assert by_book == {100: 4, 101: 4, 102: 4, None: 1}
    assert len(first) >= 0.10 * len(population)
    assert sorted(set(first.values())) == [1, 2, 3, 4]
    # a second run over the same population adds nothing; a new manager's book is topped up
    assert cb.draw_sample(population, 0.10, 42, first, 1) == {}
    grown = [*population, (900, 200), (901, 200)]
    more = cb.draw_sample(grown, 0.10, 42, first, 4)
    assert len(more) == 1 and next(iter(more)) in (900, 901) and set(more.values()) == {4}


def test_sample_items_open_by_quarter() -> None:
    picks = {1: 1, 2: 3, 3: 4}
    got = cb.sample_candidates(picks, {1: 10, 2: 10, 3: 11}, 2026, date(2026, 8, 1))
    assert [(c.client_id, c.due_date, c.dedupe_key) for c in got] == [
        (1, date(2026, 3, 31), "sample:2026:1"),
        (2, date(2026, 9, 30), "sample:2026:2"),
    ]


def test_answers_and_red_flags() -> None:
    script = cb.Script(cb.DEFAULT_QUESTIONS)
    good = {
        "identity": "是",
        "knows_account_changes": "yes",
        "proxy_trading": "no",
        "full_mandate": "否",
        "promised_returns": "n",
        "risk_disclosed": "Y",
    }
    answers = cb.normalize_answers(script, "reached", good, 4, " 很好 ")
    assert answers["identity"] == "yes" and answers["satisfaction"] == 4 and answers["comment"] == "很好"
    assert cb.red_flags(answers) == []
    bad = cb.normalize_answers(
        script, "reached", {**good, "proxy_trading": "yes", "risk_disclosed": "no"}, None, None
    )
    assert cb.red_flags(bad) == [AlertKind.PROXY_TRADING, AlertKind.RISK_NOT_DISCLOSED]
    with pytest.raises(cb.AnswerError) as err:
        cb.normalize_answers(script, "reached", {"identity": "maybe", "weather": "fine"}, 9, None)
    text = str(err.value)
    assert (
        "identity=maybe" in text
        and "weather" in text
        and "satisfaction=9" in text
        and "risk_disclosed" in text
    )
    assert cb.normalize_answers(script, "unreachable", {}, None, "关机") == {"comment": "关机"}
    with pytest.raises(cb.AnswerError):
        cb.normalize_answers(script, "refused", {"identity": "yes"}, None, None)


def test_script_config_keeps_the_red_flag_questions() -> None:
    with pytest.raises(ValueError, match="proxy_trading"):
        cb.parse_script({"questions": [{"code": "identity", "answer": "yes_no"}]})
    with pytest.raises(ValueError, match="sample_rate"):
        cb.parse_script({"pool": {"sample_rate": 0}})
    with pytest.raises(ValueError, match="unknown"):
        cb.parse_script({"pool": {"sampel_rate": 0.2}})
    s = cb.parse_script({"pool": {"sample_rate": 0.2}})
    assert s.pool.sample_rate == 0.2 and s.question("identity") is not None


@pytest.mark.parametrize(
    ("outcome", "days", "closes"),
    [
        ("reached", [], True),
        ("refused", [], True),
        ("unreachable", [date(2026, 12, 1)], False),
        ("unreachable", [date(2026, 12, 1), date(2026, 12, 1), date(2026, 12, 2)], False),
        ("unreachable", [date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 3)], True),
    ],
)
def test_unreachable_after_three_days(outcome: str, days: list[date], closes: bool) -> None:
    assert cb.closes_item(outcome, days, S) is closes


@pytest.mark.parametrize(
    ("periods", "touches", "want"),
    [
        ([], [], None),
        ([cb.ServicePeriod(7, date(2020, 1, 1), None)], [], "served"),
        ([cb.ServicePeriod(7, date(2020, 1, 1), date(2026, 1, 1))], [], "served"),
        ([cb.ServicePeriod(7, date(2020, 1, 1), date(2025, 11, 30))], [], None),
        ([cb.ServicePeriod(8, date(2020, 1, 1), None)], [(7, date(2026, 6, 1))], "touched"),
        ([], [(7, date(2025, 11, 1))], None),
    ],
)
def test_independence(
    periods: list[cb.ServicePeriod], touches: list[tuple[int, date]], want: str | None
) -> None:
    assert cb.independence_problem(7, date(2026, 12, 1), periods, touches, S) == want


def test_satisfaction_needs_enough_answers() -> None:
    assert cb.satisfaction_of([5, 4], 5) == cb.Satisfaction(2, None)
    assert cb.satisfaction_of([5, 4, 3, 4, 4], 5).mean == 4.0


CAL = cp.Calendar(
    holidays=frozenset({date(2026, 10, 1), date(2026, 10, 2), date(2026, 10, 5)}),
    extra_workdays=frozenset({date(2026, 10, 10)}),
)


@pytest.mark.parametrize(
    ("start", "n", "want"),
    [
        (date(2026, 12, 1), 2, date(2026, 12, 3)),  # Tuesday -> Thursday
        (date(2026, 12, 4), 2, date(2026, 12, 8)),  # Friday -> Tuesday
        (date(2026, 12, 5), 1, date(2026, 12, 7)),  # received on a Saturday
        (date(2026, 9, 30), 2, date(2026, 10, 7)),  # over the National Day holidays
        (date(2026, 10, 9), 1, date(2026, 10, 10)),  # a Saturday worked in lieu
        (date(2026, 12, 1), 15, date(2026, 12, 22)),
    ],
)
def test_working_days(start: date, n: int, want: date) -> None:
    assert CAL.add_working_days(start, n) == want


def test_deadlines_and_overdue() -> None:
    st = cp.ComplaintSettings(calendar=CAL)
    d = cp.deadlines(date(2026, 12, 1), st)
    assert (d.acknowledge_by, d.resolve_by) == (date(2026, 12, 3), date(2026, 12, 22))
    assert not cp.overdue(date(2026, 12, 3), d.acknowledge_by, d.resolve_by, None, None)
    assert cp.overdue(date(2026, 12, 4), d.acknowledge_by, d.resolve_by, None, None)
    assert not cp.overdue(date(2026, 12, 4), d.acknowledge_by, d.resolve_by, date(2026, 12, 2), None)
    assert cp.overdue(date(2026, 12, 23), d.acknowledge_by, d.resolve_by, date(2026, 12, 2), None)
    assert cp.overdue(date(2027, 1, 5), d.acknowledge_by, d.resolve_by, date(2026, 12, 2), date(2026, 12, 28))
    assert not cp.overdue(date(2027, 1, 5), d.acknowledge_by, d.resolve_by, None, date(2026, 12, 2))


def test_settings_and_year_summary() -> None:
    st = cp.parse_settings(
        {
            "deadlines": {"acknowledge_working_days": 1, "resolve_working_days": 10},
            "calendar": {"holidays": ["2026-10-01"]},
        }
    )
    assert st.acknowledge_working_days == 1 and date(2026, 10, 1) in st.calendar.holidays
    with pytest.raises(ValueError):
        cp.parse_settings({"deadlines": {"acknowledge_working_days": 5, "resolve_working_days": 2}})
    rows = [
        cp.YearRow("fees", "phone", date(2026, 12, 1), date(2026, 12, 3), False),
        cp.YearRow("fees", "online", date(2026, 12, 1), None, True),
    ]
    s = cp.year_summary(rows, CAL)
    assert (s.total, s.resolved, s.overdue, s.by_category, s.mean_resolve_days) == (2, 1, 1, {"fees": 2}, 2.0)
