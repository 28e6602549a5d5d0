"""`crm score` and `crm tasks generate` run as a named user with the right role, never for a future date."""

from __future__ import annotations

import io
import sys
from datetime import timedelta

import pytest

from crm_desktop.cli.main import main
from crm_desktop.errors import InvalidInput
from crm_desktop.services import callbacks, scoring, tasks
from tests.factories import PASSWORD, Seed
from tests.fixed_clock import TODAY


def _run(seed: Seed, monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setenv("CRM_PASSWORD", PASSWORD)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    return main(["--db", seed.store.url.render_as_string(hide_password=False), *args])


@pytest.mark.parametrize("command", [["score"], ["tasks", "generate"]])
def test_batch_runs_need_a_named_user(
    seeded_sqlite: Seed, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    assert _run(seeded_sqlite, monkeypatch, *command) == 2  # no --as-user, no CRM_AS_USER
    assert _run(seeded_sqlite, monkeypatch, *command, "--as-user", "nobody") == 4


def test_score_needs_the_right_role(seeded_sqlite: Seed, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _run(seeded_sqlite, monkeypatch, "score", "--as-user", "im1") == 4


@pytest.mark.parametrize("command", [["score"], ["tasks", "generate"], ["callbacks", "generate"]])
def test_future_as_of_is_refused_for_writes(
    seeded_sqlite: Seed,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    assert _run(seeded_sqlite, monkeypatch, *command, "--as-of", "9999-12-31", "--as-user", "bm") == 3
    assert "未来日期" in capsys.readouterr().err


def test_services_refuse_a_future_date(seeded: Seed) -> None:
    tomorrow = TODAY + timedelta(days=1)
    for call in (
        lambda: scoring.run_scoring(seeded.store, seeded.bm, tomorrow),
        lambda: tasks.generate_tasks(seeded.store, seeded.bm, tomorrow),
        lambda: callbacks.generate_pool(seeded.store, seeded.bm, tomorrow),
    ):
        with pytest.raises(InvalidInput):
            call()
    tasks.generate_tasks(seeded.store, seeded.bm, TODAY)
