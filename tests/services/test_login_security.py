"""Sign-in: throttling per login and per workstation, lockout and unlock, audit of every attempt,
the same answer and timing for unknown logins, the password policy and temporary passwords."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select

from crm_desktop.clock import FixedClock, now, set_clock
from crm_desktop.db.models import AuditLog, LoginThrottle
from crm_desktop.db.store import Store
from crm_desktop.domain.signin import ThrottlePolicy, delay_seconds, password_problems
from crm_desktop.errors import AuthenticationFailed, InvalidInput, PermissionDenied
from crm_desktop.services import staff
from crm_desktop.services.auth import load_throttle_policy, login, unlock_login
from tests.factories import PASSWORD, Seed

POLICY = ThrottlePolicy(free_failures=2, base_delay_seconds=1, max_delay_seconds=300, lockout_after=5)
WS = "ws-01"


def _advance(seconds: float) -> None:
    clock = FixedClock(now() + timedelta(seconds=seconds))
    set_clock(clock)


def _fail(seed: Seed, who: str = "im1", pw: str = "wrong-pw", ws: str = WS) -> str:
    with pytest.raises(AuthenticationFailed) as info:
        login(seed.store, who, pw, workstation=ws, policy=POLICY)
    return info.value.message


def test_delays_grow_then_cap() -> None:
    assert [delay_seconds(n, POLICY) for n in range(1, 7)] == [0, 0, 1, 2, 4, 8]
    assert delay_seconds(100, POLICY) == 300


def test_bundled_policy_is_read() -> None:
    p = load_throttle_policy()
    assert p.lockout_after == 5 and p.free_failures == 2


def test_growing_delays_then_lockout_and_admin_unlock(seeded: Seed) -> None:
    assert "不正确" in _fail(seeded)
    assert "不正确" in _fail(seeded)
    assert "不正确" in _fail(seeded)  # the third costs a 1 s wait
    assert "秒后" in _fail(seeded, pw=PASSWORD)  # even the right password is not checked while waiting
    _advance(1.5)
    assert "不正确" in _fail(seeded)  # 4 failures: 2 s
    _advance(1)
    assert "秒后" in _fail(seeded)
    _advance(1.5)
    assert "不正确" in _fail(seeded)  # 5 failures: locked
    _advance(3600)
    assert "锁定" in _fail(seeded, pw=PASSWORD)
    with pytest.raises(PermissionDenied):
        unlock_login(seeded.store, seeded.im2, "im1")
    assert unlock_login(seeded.store, seeded.admin, "im1") is True
    assert login(seeded.store, "im1", PASSWORD, workstation=WS, policy=POLICY).login == "im1"
    with seeded.store.read() as s:
        actions = [a.action for a in s.scalars(select(AuditLog).order_by(AuditLog.id))]
        unlock = s.scalar(select(AuditLog).where(AuditLog.action == "staff.unlock"))
        failed = s.scalars(select(AuditLog).where(AuditLog.action == "auth.login_failed")).all()
    assert actions.count("auth.login_failed") == 5 and actions.count("auth.login_refused") == 3
    assert actions[-1] == "auth.login"
    assert unlock is not None and unlock.actor_id == seeded.admin.id and unlock.details["login"] == "im1"
    assert failed[-1].details["reason"] == "wrong_password_locked"
    assert failed[0].details["workstation"] == WS


def test_a_hundred_guesses_then_the_right_password_does_not_get_in(seeded: Seed) -> None:
    for _ in range(100):
        _fail(seeded)
        _advance(1000)  # even waiting out every delay
    assert "锁定" in _fail(seeded, pw=PASSWORD)


def test_workstation_is_slowed_down_across_logins(seeded: Seed) -> None:
    _fail(seeded, "im1")
    _fail(seeded, "im2")
    _fail(seeded, "bm")  # 3 failures from this workstation
    assert "秒后" in _fail(seeded, "admin", pw=PASSWORD)
    # Another workstation is not slowed down, and old failures are forgotten after the window.
    assert login(seeded.store, "admin", PASSWORD, workstation="ws-02", policy=POLICY).login == "admin"
    _advance(16 * 60)
    assert login(seeded.store, "admin", PASSWORD, workstation=WS, policy=POLICY).login == "admin"


def test_success_clears_the_login_count(seeded: Seed) -> None:
    _fail(seeded)
    _fail(seeded)
    login(seeded.store, "im1", PASSWORD, workstation="ws-03", policy=POLICY)
    with seeded.store.read() as s:
        row = s.scalar(
            select(LoginThrottle).where(LoginThrottle.scope == "login", LoginThrottle.key == "im1")
        )
    assert row is not None and row.failures == 0


def test_unknown_login_answers_and_locks_like_a_known_one(seeded: Seed) -> None:
    known = _fail(seeded, "im1")
    unknown = _fail(seeded, "nobody")
    assert known == unknown
    for _ in range(6):
        _advance(1000)
        _fail(seeded, "nobody", ws="ws-x")
    assert "锁定" in _fail(seeded, "nobody", ws="ws-y")
    with seeded.store.read() as s:
        rows = s.scalars(
            select(AuditLog).where(AuditLog.action == "auth.login_failed").order_by(AuditLog.id)
        ).all()
    assert [r.details["reason"] for r in rows[:2]] == ["wrong_password", "unknown_login"]


@dataclass(frozen=True)
class Gap:
    """Known-minus-unknown failed sign-ins, as medians of interleaved pairs (milliseconds)."""

    cpu: float  # the calling thread's CPU time: what the code does
    wall: float  # what a guesser sees: the code plus the machine's load
    wall_spread: float  # interquartile range of the paired wall differences: how noisy the machine is
    login_wall: float  # median wall time of one failed sign-in of a known login


def _timing_gap(seed: Seed, *, pairs: int = 24, rounds: int = 3) -> Gap:
    """The best of up to ``rounds`` rounds of ``pairs`` interleaved (ABBA) pairs of failed sign-ins.

    ABBA order makes drift in the machine's load hit both sides alike, and the median of the paired
    differences shrugs off the odd slow run. A real difference (a skipped hash: tens of milliseconds)
    shows in every round, so the round with the smallest gap is judged.
    """
    free = ThrottlePolicy(free_failures=10**6, lockout_after=0)

    def timed(who: str) -> tuple[float, float]:
        c, w = time.thread_time(), time.perf_counter()
        with pytest.raises(AuthenticationFailed):
            login(seed.store, who, "not-the-password", workstation=WS, policy=free)
        return (time.thread_time() - c) * 1000, (time.perf_counter() - w) * 1000

    timed("im1"), timed("nobody")  # warm-up (the dummy hash is made once)
    best: Gap | None = None
    for _ in range(rounds):
        cpu, wall, known = [], [], []
        for i in range(pairs):
            if i % 2:
                k, u = timed("im1"), timed("nobody")
            else:
                u, k = timed("nobody"), timed("im1")
            cpu.append(k[0] - u[0])
            wall.append(k[1] - u[1])
            known.append(k[1])
        q = statistics.quantiles(wall, n=4)
        gap = Gap(
            abs(statistics.median(cpu)), abs(statistics.median(wall)), q[2] - q[0], statistics.median(known)
        )
        if best is None or (gap.cpu, gap.wall) < (best.cpu, best.wall):
            best = gap
        if best.cpu < 5 and best.wall < 5:
            break
    assert best is not None
    return best


def test_unknown_login_takes_as_long_as_a_wrong_password(seeded: Seed) -> None:
    """Known and unknown logins differ by less than 5 ms (medians of interleaved pairs).

    The code's own difference is judged on CPU time, which other jobs on a shared machine cannot disturb.
    Wall time is judged at 5 ms too when the machine is quiet enough to measure 5 ms (the pairs' spread
    is under 5 ms); on a busier machine, where one sign-in can take hundreds of ms, it must still be a
    small share of a sign-in, which a skipped hash (the whole sign-in) never is.
    """
    gap = _timing_gap(seeded)
    assert gap.cpu < 5, gap
    if gap.wall_spread < 5:
        assert gap.wall < 5, gap
    else:
        assert gap.wall < 0.25 * gap.login_wall, gap


def test_timing_measure_catches_a_skipped_hash(seeded: Seed, monkeypatch: pytest.MonkeyPatch) -> None:
    """The measurement above can fail: with unknown logins answered without checking a hash (the
    defect of issue #20, 0.2 ms against 38 ms) both clocks show the scrypt cost."""
    import crm_desktop.services.auth as auth

    monkeypatch.setattr(auth, "_dummy_hash", lambda: "")  # verify_password("") returns at once
    gap = _timing_gap(seeded, pairs=6, rounds=1)
    assert gap.cpu > 5, gap
    assert gap.wall > 5 and gap.wall > 0.25 * gap.login_wall, gap


def test_first_unknown_login_does_not_make_the_dummy_hash(
    seeded: Seed, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dummy hash is made by whichever sign-in comes first, so the first unknown login of a process
    does not take two hashes (a difference of one whole hash)."""
    import crm_desktop.services.auth as auth

    made: list[str] = []
    real = auth.hash_password
    monkeypatch.setattr(auth, "_DUMMY_HASH", None)
    monkeypatch.setattr(auth, "hash_password", lambda pw: made.append(pw) or real(pw))
    _fail(seeded, "im1")
    assert len(made) == 1 and auth._DUMMY_HASH is not None
    _fail(seeded, "nobody")
    assert len(made) == 1


@pytest.mark.parametrize(
    ("password", "problem"),
    [("short7!", "too_short"), ("im1im1im1", None), ("password1", "common"), ("Password123", "common")],
)
def test_password_rules(password: str, problem: str | None) -> None:
    common = staff.common_passwords()
    got = [p.value for p in password_problems(password, "im1", common)]
    assert got == ([problem] if problem else [])
    assert password_problems("lisi2024x", "lisi2024x", common)[0].value == "is_login"


def test_new_passwords_follow_the_policy(seeded: Seed) -> None:
    for bad in ("short", "qwerty123", "bm"):
        with pytest.raises(InvalidInput):
            staff.reset_password(seeded.store, seeded.admin, "bm", bad)
    with pytest.raises(InvalidInput):
        staff.add_user(
            seeded.store,
            seeded.admin,
            "newbie",
            role="investment_manager",
            display_name="新",
            branch_code="B001",
            password="newbie",
        )
    with pytest.raises(InvalidInput):
        staff.change_own_password(seeded.store, seeded.im1, PASSWORD, "12345678")
    staff.change_own_password(seeded.store, seeded.im1, PASSWORD, "Blue-river-42")


def test_temporary_password_is_flagged_until_changed(seeded: Seed) -> None:
    staff.reset_password(seeded.store, seeded.admin, "im2", "Temp-pass-2026", temporary=True)
    actor = login(seeded.store, "im2", "Temp-pass-2026")
    assert actor.password_temporary
    staff.change_own_password(seeded.store, actor, "Temp-pass-2026", "Own-choice-77")
    assert not login(seeded.store, "im2", "Own-choice-77").password_temporary


@pytest.mark.pg
def test_concurrent_failures_all_count_on_postgresql(pg_store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from tests.factories import seed_branch

    seed_branch(pg_store)
    free = ThrottlePolicy(free_failures=10**6, lockout_after=0)

    def fail(i: int) -> None:
        with pytest.raises(AuthenticationFailed):
            login(pg_store, "im1", "wrong-pw", workstation=f"ws-{i % 4}", policy=free)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(fail, range(12)))
    with pg_store.read() as s:
        row = s.scalar(
            select(LoginThrottle).where(LoginThrottle.scope == "login", LoginThrottle.key == "im1")
        )
    assert row is not None and row.failures == 12
