"""Sign-in rules: how long a login or workstation waits after failed attempts, when a login locks,
and what a new password must not be. Pure: times and counts are parameters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

MIN_PASSWORD_LENGTH = 8


@dataclass(frozen=True)
class ThrottlePolicy:
    """``free_failures`` wrong attempts cost nothing; each further one doubles the wait from
    ``base_delay_seconds`` up to ``max_delay_seconds``; ``lockout_after`` failures in a row lock the
    login until an administrator unlocks it (0: never). Workstation failures older than
    ``window_minutes`` are forgotten (a workstation is slowed down, never locked)."""

    free_failures: int = 2
    base_delay_seconds: float = 1.0
    max_delay_seconds: float = 300.0
    lockout_after: int = 5
    window_minutes: int = 15


def delay_seconds(failures: int, policy: ThrottlePolicy) -> float:
    """The wait imposed after ``failures`` failed attempts (0 while they are free)."""
    over = failures - policy.free_failures
    if over <= 0:
        return 0.0
    return float(min(policy.max_delay_seconds, policy.base_delay_seconds * 2 ** min(over - 1, 30)))


def wait_left(
    failures: int, last_failure_at: datetime | None, now: datetime, policy: ThrottlePolicy
) -> float:
    """Seconds still to wait before the next attempt is even checked."""
    if last_failure_at is None:
        return 0.0
    until = last_failure_at + timedelta(seconds=delay_seconds(failures, policy))
    return max(0.0, (until - now).total_seconds())


def is_locked_out(failures: int, policy: ThrottlePolicy) -> bool:
    return policy.lockout_after > 0 and failures >= policy.lockout_after


def workstation_failures(
    failures: int, last_failure_at: datetime | None, now: datetime, policy: ThrottlePolicy
) -> int:
    """A workstation's count, restarted once its last failure is older than the window."""
    if last_failure_at is None or now - last_failure_at > timedelta(minutes=policy.window_minutes):
        return 0
    return failures


class PasswordProblem(StrEnum):
    TOO_SHORT = "too_short"
    IS_LOGIN = "is_login"
    COMMON = "common"


def password_problems(password: str, login: str, common: frozenset[str]) -> list[PasswordProblem]:
    """What is wrong with a new password (empty: acceptable). ``common`` holds lower-case entries."""
    problems: list[PasswordProblem] = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(PasswordProblem.TOO_SHORT)
    folded = password.strip().casefold()
    if login and (folded == login.strip().casefold() or folded == login.strip().casefold()[::-1]):
        problems.append(PasswordProblem.IS_LOGIN)
    if folded in common:
        problems.append(PasswordProblem.COMMON)
    return problems
