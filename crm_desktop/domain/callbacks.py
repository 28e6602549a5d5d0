"""Call-back (回访) rules, pure: who enters the pool and when it is due, the yearly sample, the script,
red flags and the independence of the person calling.

No I/O and no database: the services read the rows, call these functions and write what they return.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from crm_desktop.domain.callbacks_vocab import (
    AlertKind,
    AnswerType,
    CallbackOutcome,
    CallbackReason,
    Question,
)

# ---------------------------------------------------------------- settings


@dataclass(frozen=True)
class PoolSettings:
    """How the pool is filled; defaults follow the stricter reading of the call-back rules."""

    new_account_days: int = 30  # opened within this many days and not yet called back
    sample_rate: float = 0.10  # share of non-dormant clients called back each year, per manager's book
    reassignment_days: int = 30  # a moved client is called within this many days of the move
    complaint_days: int = 7  # a client whose complaint was resolved, within this many days
    unreachable_attempts: int = 3  # attempts on different days before an item closes as unreachable
    independence_months: int = 12  # an officer who served the client this recently may not call them

    def validate(self) -> None:
        if not 0 < self.sample_rate <= 1:
            raise ValueError("sample_rate must be above 0 and at most 1")
        for name in (
            "new_account_days",
            "reassignment_days",
            "complaint_days",
            "unreachable_attempts",
            "independence_months",
        ):
            if int(getattr(self, name)) < 1:
                raise ValueError(f"{name} must be at least 1")


@dataclass(frozen=True)
class ScriptQuestion:
    code: str
    zh: str
    en: str
    answer_type: AnswerType
    required: bool = True


@dataclass(frozen=True)
class Script:
    questions: tuple[ScriptQuestion, ...]
    pool: PoolSettings = field(default_factory=PoolSettings)

    def question(self, code: str) -> ScriptQuestion | None:
        return next((q for q in self.questions if q.code == code), None)


DEFAULT_QUESTIONS: tuple[ScriptQuestion, ...] = (
    ScriptQuestion(
        Question.IDENTITY, "请问您是账户本人吗？", "Are you the account holder?", AnswerType.YES_NO
    ),
    ScriptQuestion(
        Question.KNOWS_ACCOUNT_CHANGES,
        "您是否清楚近期账户的资金和持仓变动？",
        "Do you know about the recent changes in your account?",
        AnswerType.YES_NO,
    ),
    ScriptQuestion(
        Question.PROXY_TRADING,
        "是否有工作人员替您操作交易？",
        "Has any member of staff traded for you?",
        AnswerType.YES_NO,
    ),
    ScriptQuestion(
        Question.FULL_MANDATE,
        "您是否把账户和密码交给他人使用？",
        "Have you handed your account and password to anyone?",
        AnswerType.YES_NO,
    ),
    ScriptQuestion(
        Question.PROMISED_RETURNS,
        "是否有人向您承诺收益或保本？",
        "Has anyone promised you returns or no losses?",
        AnswerType.YES_NO,
    ),
    ScriptQuestion(
        Question.RISK_DISCLOSED,
        "开户和服务时是否向您揭示了投资风险？",
        "Were the investment risks explained to you?",
        AnswerType.YES_NO,
    ),
    ScriptQuestion(
        Question.SATISFACTION,
        "您对我们的服务满意吗？（1–5 分）",
        "How satisfied are you with our service (1 to 5)?",
        AnswerType.SCALE,
        required=False,
    ),
    ScriptQuestion(
        Question.COMMENT, "您还有什么意见或建议？", "Any other comment?", AnswerType.TEXT, required=False
    ),
)


def parse_script(data: Mapping[str, Any]) -> Script:
    """The script from the config's parsed TOML. Raises ValueError naming what is wrong."""
    raw = data.get("questions")
    if raw is None:
        questions = DEFAULT_QUESTIONS
    else:
        out: list[ScriptQuestion] = []
        seen: set[str] = set()
        for i, q in enumerate(raw, 1):
            code = str(q.get("code", "")).strip()
            if not code or code in seen:
                raise ValueError(f"question {i}: a unique code is needed")
            seen.add(code)
            try:
                kind = AnswerType(str(q.get("answer", AnswerType.YES_NO)))
            except ValueError:
                raise ValueError(
                    f"question {code}: answer must be one of {', '.join(a.value for a in AnswerType)}"
                ) from None
            zh = str(q.get("text_zh") or q.get("text") or code)
            out.append(
                ScriptQuestion(code, zh, str(q.get("text_en") or zh), kind, bool(q.get("required", True)))
            )
        questions = tuple(out)
    # The red-flag questions are what the rules require; a branch may reword them, not drop them.
    missing = [c for c in RED_FLAG_ANSWERS if c not in {q.code for q in questions}]
    if missing:
        raise ValueError(f"the script must keep the questions {', '.join(missing)}")
    known = {f for f in PoolSettings.__dataclass_fields__}
    pool_raw = dict(data.get("pool") or {})
    unknown = sorted(set(pool_raw) - known)
    if unknown:
        raise ValueError(f"unknown [pool] settings: {', '.join(unknown)}")
    pool = PoolSettings(**pool_raw)
    pool.validate()
    return Script(questions, pool)


# ---------------------------------------------------------------- answers and red flags

YES, NO = "yes", "no"
_YES = {"yes", "y", "true", "1", "是", "有"}
_NO = {"no", "n", "false", "0", "否", "无", "没有"}

# question code -> (the answer that raises a flag, the alert it opens)
RED_FLAG_ANSWERS: dict[str, tuple[str, AlertKind]] = {
    Question.PROXY_TRADING: (YES, AlertKind.PROXY_TRADING),
    Question.FULL_MANDATE: (YES, AlertKind.FULL_MANDATE),
    Question.PROMISED_RETURNS: (YES, AlertKind.PROMISED_RETURNS),
    Question.RISK_DISCLOSED: (NO, AlertKind.RISK_NOT_DISCLOSED),
}


class AnswerError(ValueError):
    """An answer that does not fit the script; ``problems`` lists each one."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def normalize_answers(
    script: Script, outcome: str, answers: Mapping[str, str], satisfaction: int | None, comment: str | None
) -> dict[str, Any]:
    """Checked, normalised answers (yes/no, 1..5, text). Only a reached client answers questions."""
    problems: list[str] = []
    if outcome not in {o.value for o in CallbackOutcome}:
        raise AnswerError([f"outcome {outcome!r}"])
    merged: dict[str, str] = {k.strip(): str(v).strip() for k, v in answers.items()}
    if satisfaction is not None:
        merged[Question.SATISFACTION] = str(satisfaction)
    if comment and comment.strip():
        merged[Question.COMMENT] = comment.strip()
    if outcome != CallbackOutcome.REACHED:
        asked = [k for k in merged if k != Question.COMMENT]
        if asked:
            raise AnswerError([f"{k}: only a reached client answers" for k in asked])
        return {Question.COMMENT.value: merged[Question.COMMENT]} if Question.COMMENT in merged else {}
    out: dict[str, Any] = {}
    for code, value in merged.items():
        q = script.question(code)
        if q is None:
            problems.append(f"{code}: not a question of the script")
            continue
        if q.answer_type is AnswerType.YES_NO:
            low = value.lower()
            if low in _YES:
                out[code] = YES
            elif low in _NO:
                out[code] = NO
            else:
                problems.append(f"{code}={value}: answer yes or no")
        elif q.answer_type is AnswerType.SCALE:
            if value.isdigit() and 1 <= int(value) <= 5:
                out[code] = int(value)
            else:
                problems.append(f"{code}={value}: answer 1 to 5")
        elif value:
            out[code] = value
    for q in script.questions:
        if q.required and q.code not in out and f"{q.code}:" not in " ".join(problems):
            problems.append(f"{q.code}: required when the client was reached")
    if problems:
        raise AnswerError(problems)
    return out


def red_flags(answers: Mapping[str, Any]) -> list[AlertKind]:
    """The alerts a set of normalised answers opens, in script order."""
    return [kind for code, (bad, kind) in RED_FLAG_ANSWERS.items() if answers.get(code) == bad]


# ---------------------------------------------------------------- the pool


@dataclass(frozen=True)
class Candidate:
    """An item the pool should hold; ``dedupe_key`` makes generation idempotent."""

    client_id: int
    reason: CallbackReason
    due_date: date
    dedupe_key: str
    manager_id: int | None = None
    sample_quarter: int | None = None


def add_months(d: date, months: int) -> date:
    """Same day ``months`` later (or earlier), clamped to the month's last day (31 January + 1 month = 28/29 Feb)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month, day = d.year + y, m + 1, d.day
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1


def new_account_candidates(
    accounts: Iterable[tuple[int, int | None, date]],
    as_of: date,
    settings: PoolSettings,
    called_back: set[int],
) -> list[Candidate]:
    """Accounts opened in the last ``new_account_days`` without a completed call-back; due one month on."""
    since = as_of - timedelta(days=settings.new_account_days)
    return [
        Candidate(cid, CallbackReason.NEW_ACCOUNT, add_months(opened, 1), f"new_account:{cid}", mid)
        for cid, mid, opened in accounts
        if since <= opened <= as_of and cid not in called_back
    ]


def move_candidates(
    moves: Iterable[tuple[int, int, int | None, date, bool]], as_of: date, settings: PoolSettings
) -> list[Candidate]:
    """Clients moved by a departure or an approved reassignment in the last ``reassignment_days``.

    A move is ``(history_id, client_id, new_manager_id, effective_day, by_departure)``.
    """
    since = as_of - timedelta(days=settings.reassignment_days)
    out = []
    for hid, cid, mid, day, departure in moves:
        if since <= day <= as_of:
            reason = CallbackReason.DEPARTURE if departure else CallbackReason.REASSIGNMENT
            out.append(
                Candidate(
                    cid,
                    reason,
                    day + timedelta(days=settings.reassignment_days),
                    f"{reason.value}:{hid}",
                    mid,
                )
            )
    return out


def complaint_candidates(
    resolved: Iterable[tuple[int, int, int | None, date]], as_of: date, settings: PoolSettings
) -> list[Candidate]:
    """Clients whose complaint was resolved recently: ``(complaint_id, client_id, manager_id, resolved_day)``."""
    since = as_of - timedelta(days=max(settings.reassignment_days, settings.complaint_days))
    return [
        Candidate(
            cid,
            CallbackReason.COMPLAINT,
            day + timedelta(days=settings.complaint_days),
            f"complaint:{comp}",
            mid,
        )
        for comp, cid, mid, day in resolved
        if since <= day <= as_of
    ]


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def quarter_end(year: int, quarter: int) -> date:
    return add_months(date(year, 3 * quarter, 1), 1) - timedelta(days=1)


def quarter_start(year: int, quarter: int) -> date:
    return date(year, 3 * quarter - 2, 1)


def sample_order(client_ids: Iterable[int], seed: int, stratum: int | None) -> list[int]:
    """The stratum's clients in the order the sample takes them: a shuffle fixed by the stored seed."""
    ordered = sorted(set(client_ids))
    random.Random(f"{seed}:{stratum if stratum is not None else '-'}").shuffle(ordered)
    return ordered


def stratum_target(size: int, rate: float) -> int:
    """At least ``rate`` of the stratum, and at least one client of any non-empty book."""
    return 0 if size == 0 else max(1, math.ceil(size * rate - 1e-9))


def draw_sample(
    population: Iterable[tuple[int, int | None]],
    rate: float,
    seed: int,
    chosen: Mapping[int, int],
    first_quarter: int,
) -> dict[int, int]:
    """New sample picks ``{client_id: quarter}`` so that every manager's book reaches its target.

    ``population`` is ``(client_id, manager_id)`` of the non-dormant clients now; ``chosen`` the picks
    made earlier this year (client -> quarter). Each book is a stratum with its own seeded order, so a
    second run over the same population adds nothing and a grown book is topped up. New picks are
    spread round-robin over the quarters from ``first_quarter`` to the fourth (the quarterly quotas).
    """
    books: dict[int | None, list[int]] = defaultdict(list)
    for cid, mid in population:
        books[mid].append(cid)
    quarters = list(range(first_quarter, 5))
    picks: dict[int, int] = {}
    for mid in sorted(books, key=lambda m: (m is None, m or 0)):
        members = books[mid]
        have = sum(1 for c in members if c in chosen)
        need = stratum_target(len(members), rate) - have
        if need <= 0:
            continue
        for n, cid in enumerate(c for c in sample_order(members, seed, mid) if c not in chosen):
            if n >= need:
                break
            picks[cid] = quarters[(have + n) % len(quarters)]
    return picks


def sample_candidates(
    picks: Mapping[int, int], managers: Mapping[int, int | None], year: int, as_of: date
) -> list[Candidate]:
    """Pool items for sample picks whose quarter has begun; each is due at its quarter's end."""
    return [
        Candidate(
            cid, CallbackReason.SAMPLE, quarter_end(year, q), f"sample:{year}:{cid}", managers.get(cid), q
        )
        for cid, q in sorted(picks.items())
        if quarter_start(year, q) <= as_of
    ]


# ---------------------------------------------------------------- recording


def closes_item(outcome: str, unreachable_days: Sequence[date], settings: PoolSettings) -> bool:
    """Whether this attempt closes the item. ``unreachable_days``: days of the unreachable attempts so far,
    this one included. Reached and refused close at once; unreachable after N attempts on different days."""
    if outcome != CallbackOutcome.UNREACHABLE:
        return True
    return len(set(unreachable_days)) >= settings.unreachable_attempts


@dataclass(frozen=True)
class ServicePeriod:
    """A span in which a staff member served (or developed) the client; ``end`` None = still serving."""

    staff_id: int
    start: date
    end: date | None


def independence_problem(
    officer_id: int,
    as_of: date,
    periods: Iterable[ServicePeriod],
    touch_days: Iterable[tuple[int, date]],
    settings: PoolSettings,
) -> str | None:
    """Why the officer may not call this client back, or None.

    Not independent: the officer served or developed the client, or recorded a service touch for them,
    within ``independence_months`` before ``as_of``.
    """
    since = add_months(as_of, -settings.independence_months)
    for p in periods:
        if p.staff_id == officer_id and (p.end is None or p.end >= since) and p.start <= as_of:
            return "served"
    for sid, day in touch_days:
        if sid == officer_id and since <= day <= as_of:
            return "touched"
    return None


# ---------------------------------------------------------------- satisfaction


@dataclass(frozen=True)
class Satisfaction:
    answers: int
    mean: float | None  # None: fewer answers than the minimum ("not enough data")

    @property
    def enough(self) -> bool:
        return self.mean is not None


def satisfaction_of(scores: Sequence[int], min_answers: int) -> Satisfaction:
    """Mean of the answers, or "not enough data" below ``min_answers`` (the scoring config's threshold)."""
    n = len(scores)
    if n < min_answers:
        return Satisfaction(n, None)
    return Satisfaction(n, sum(scores) / n)
